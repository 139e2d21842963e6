/**
 * `dlgeom check <certificate> --data <file>`: re-checks a certificate with the
 * small trusted checker: "certificate valid: D2 refuted (…)", exit 0; "certificate
 * invalid: …" with the reason, exit 1; 2 when the certificate or the data cannot be used.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { checkCertificate } from '../certificates/check.ts';
import type { Certificate } from '../certificates/format.ts';
import { exampleNames } from '../data/examples.ts';
import { loadInput } from './common.ts';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('re-check a certificate exactly, from the data and the certificate alone')
    .argument('<certificate>', 'a certificate file written by verify --certificates')
    .option('--data <file>', 'the data file the certificate is about')
    .option('--example <name>', `or the built-in example it is about (${exampleNames().join(', ')})`)
    .action((certPath: string, opts: { data?: string; example?: string }) => {
      const ds = loadInput({ file: opts.data, example: opts.example });
      let cert: Certificate;
      try {
        cert = JSON.parse(readFileSync(certPath, 'utf8')) as Certificate;
      } catch (e) {
        throw new InputError(`${certPath}: cannot read certificate: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
      const result = checkCertificate(cert, ds);
      if (result.ok) {
        process.stdout.write(`certificate valid: ${cert.claim} ${cert.verdict} (${result.summary})\n`);
        return;
      }
      if (result.unusable) throw new InputError(`${certPath}: unusable certificate: ${result.reason}`);
      process.stdout.write(`certificate invalid: it states ${cert.claim} ${cert.verdict}, but ${result.reason}\n`);
      process.exitCode = 1;
    });
}
