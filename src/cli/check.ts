/**
 * `dlgeom check <certificate> --data <file>`: re-checks a certificate with the
 * small trusted checker: "certificate valid: D2 refuted (…)", exit 0; "certificate
 * invalid: …" with the reason, exit 1; 2 when the certificate or the data cannot be used.
 */
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { checkCertificate } from '../certificates/check.ts';
import type { Certificate } from '../certificates/format.ts';
import { exampleNames } from '../data/examples.ts';
import { abbreviateFractions } from '../prove/report-text.ts';
import { readCertificateFile } from '../certificates/read.ts';
import { loadInput } from './common.ts';

/** "D2 refuted", with the certificate's context: "D2 (J = {1, 2}, all-parameters) refuted", "S3 (tied bias) verified". */
function what(cert: Certificate): string {
  const c = (cert.context ?? {}) as { subset?: unknown; sense?: unknown; bias?: unknown };
  const parts: string[] = [];
  if (Array.isArray(c.subset)) parts.push(`J = {${c.subset.join(', ')}}`);
  if (typeof c.sense === 'string') parts.push(c.sense);
  if (typeof c.bias === 'string') parts.push(`${c.bias} bias`);
  return `${cert.claim}${parts.length ? ` (${parts.join(', ')})` : ''} ${cert.verdict}`;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('re-check a certificate exactly, from the data and the certificate alone')
    .argument('<certificate>', 'a certificate file written by verify --certificates')
    .option('--data <file>', 'the data file the certificate is about')
    .option('--exact', 'exact values in full in the summary (default: long fractions as ≈ floats)')
    .option('--example <name>', `or the built-in example it is about (${exampleNames().join(', ')})`)
    .action((certPath: string, opts: { data?: string; example?: string; exact?: boolean }) => {
      const ds = loadInput({ file: opts.data, example: opts.example });
      const cert: Certificate = readCertificateFile(certPath);
      const result = checkCertificate(cert, ds);
      if (result.ok) {
        // The statement is re-derived by the checker from the network and the data, never read from the file.
        const summary = opts.exact ? result.summary : abbreviateFractions(result.summary);
        process.stdout.write(`certificate valid: ${result.claim} ${result.verdict}: ${result.statement}\n  (${summary})\n`);
        return;
      }
      if (result.unusable) throw new InputError(`${certPath}: unusable certificate: ${result.reason}`);
      process.stdout.write(`certificate invalid: it states ${what(cert)}, but ${opts.exact ? result.reason : abbreviateFractions(result.reason)}\n`);
      process.exitCode = 1;
    });
}
