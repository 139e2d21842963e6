/**
 * `dlgeom check <certificate> --data <file>`: re-checks a certificate with the
 * small trusted checker: "certificate valid: D2 refuted (…)", exit 0; "certificate
 * invalid: …" with the reason, exit 1; 2 when the certificate or the data cannot be used.
 * On a directory: every *.json in it, one line each prefixed by its name, the checker's
 * per-data-set context built once; exit 2 if one is unusable, else 1 if one is invalid.
 */
import type { Command } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../data/errors.ts';
import { checkCertificate } from '../certificates/check.ts';
import { checkerData, type CheckerData } from '../certificates/structure.ts';
import type { DataSet } from '../data/dataset.ts';
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
    .argument('<certificate>', 'a certificate file written by verify --certificates, or a directory of them')
    .option('--data <file>', 'the data file the certificate is about')
    .option('--exact', 'exact values in full in the summary (default: long fractions as ≈ floats)')
    .option('--example <name>', `or the built-in example it is about (${exampleNames().join(', ')})`)
    .action((certPath: string, opts: { data?: string; example?: string; exact?: boolean }) => {
      const ds = loadInput({ file: opts.data, example: opts.example });
      if (!statSync(certPath, { throwIfNoEntry: false })?.isDirectory()) return void checkOne(certPath, ds, checkerData(ds), opts.exact ?? false, '');
      const files = readdirSync(certPath).filter((f) => f.endsWith('.json')).sort();
      if (!files.length) throw new InputError(`${certPath}: no certificate (*.json) in this directory`);
      const data = checkerData(ds);
      let unusable = false;
      for (const f of files) {
        try {
          checkOne(path.join(certPath, f), ds, data, opts.exact ?? false, `${f}: `);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          process.stderr.write(`dlgeom: ${e.message}\n`);
          unusable = true;
        }
      }
      if (unusable) process.exitCode = 2;
    });
}

/** Checks one certificate file: prints its line, sets exit code 1 when invalid, throws InputError when unusable. */
function checkOne(certPath: string, ds: DataSet, data: CheckerData, exact: boolean, prefix: string): void {
  const cert: Certificate = readCertificateFile(certPath);
  const result = checkCertificate(cert, ds, data);
  if (result.ok) {
    // The statement is re-derived by the checker from the network and the data, never read from the file.
    const summary = exact ? result.summary : abbreviateFractions(result.summary);
    process.stdout.write(`${prefix}certificate valid: ${result.claim} ${result.verdict}: ${result.statement}\n  (${summary})\n`);
    return;
  }
  if (result.unusable) throw new InputError(`${certPath}: unusable certificate: ${result.reason}`);
  process.stdout.write(`${prefix}certificate invalid: it states ${what(cert)}, but ${exact ? result.reason : abbreviateFractions(result.reason)}\n`);
  process.exitCode = 1;
}
