/**
 * `dlgeom check <certificate> --data <file>`: re-checks a certificate with the
 * small trusted checker. Exit 0 when it holds, 1 (with the reason) when it does
 * not, 2 when the certificate or the data cannot be used.
 */
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { checkCertificate } from '../certificates/check.ts';
import type { Certificate } from '../certificates/format.ts';
import { readCertificateFile } from '../certificates/read.ts';
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
      const cert: Certificate = readCertificateFile(certPath);
      const result = checkCertificate(cert, ds);
      if (result.ok) {
        process.stdout.write(`holds: ${cert.claim} ${cert.verdict} — ${result.summary}\n`);
        return;
      }
      if (result.unusable) throw new InputError(`${certPath}: unusable certificate: ${result.reason}`);
      process.stdout.write(`does not hold: ${cert.claim} ${cert.verdict} — ${result.reason}\n`);
      process.exitCode = 1;
    });
}
