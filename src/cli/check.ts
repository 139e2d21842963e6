/**
 * `dlgeom check <certificate> --data <file>`: re-checks a certificate with the
 * small trusted checker. Exit 0 when it holds, 1 (with the reason) when it does
 * not, 2 when the certificate or the data cannot be used.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { checkCertificate } from '../certificates/check.ts';
import type { Certificate } from '../certificates/format.ts';
import { loadInput } from './common.ts';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('re-check a certificate exactly, from the data and the certificate alone')
    .argument('<certificate>', 'a certificate file written by verify --certificates')
    .option('--data <file>', 'the data file the certificate is about')
    .option('--example <name>', 'or the built-in example it is about')
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
        // The statement is re-derived by the checker from the network and the data, never read from the file.
        process.stdout.write(`certificate valid: ${result.claim} ${result.verdict}: ${result.statement}\n  (${result.summary})\n`);
        return;
      }
      if (result.unusable) throw new InputError(`${certPath}: unusable certificate: ${result.reason}`);
      process.stdout.write(`certificate invalid: ${result.reason}\n`);
      process.exitCode = 1;
    });
}
