/**
 * `dlgeom verify`: every claim of SPEC §3–§4 on a data set, each verdict backed
 * by a certificate the independent checker has re-checked.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { describeIoError } from '../data/io-error.ts';
import { checkOutputDir, ensureOutputDir } from '../util/output-paths.ts';
import type { ClaimResult } from '../claims/claim-result.ts';
import { verify } from '../claims/verify.ts';
import type { CostConvention } from '../network/network.ts';
import { loadInput } from './common.ts';
import { parseConvention, parseLayers } from './options.ts';
import { stepProgress } from './progress.ts';
import { certificateFileName, reportJson, reportTable } from './verify-output.ts';

interface VerifyOpts {
  example?: string;
  layers?: string;
  cost?: string;
  json?: boolean;
  certificates?: string;
  force?: boolean;
  skipD2?: boolean;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('construct and decide every claim (S1–S3, D1, degeneracy, D2, D3, R1) on a data set, with certificates')
    .argument('[data-file]', 'a .json (dlgeom/data@1) or .csv data file')
    .option('--example <name>', 'use a built-in example instead of a file')
    .option('--layers <L>', 'hidden layers for the deep claims (default: Q)')
    .option('--cost <convention>', 'cost convention: norm | mse | half-mse', 'norm')
    .option('--json', 'print machine-readable JSON')
    .option('--certificates <dir>', 'write one certificate file per verdict into <dir>')
    .option('--force', 'with --certificates: replace certificate files already in <dir>')
    .option('--skip-d2', 'skip D2 (2^Q − 1 candidates)')
    .action((file: string | undefined, opts: VerifyOpts) => {
      const convention: CostConvention = parseConvention(opts.cost);
      if (opts.certificates !== undefined) checkOutputDir(opts.certificates, `--certificates ${opts.certificates}`);
      const ds = loadInput({ file, example: opts.example });
      const layers = opts.layers === undefined ? ds.Q : parseLayers(opts.layers);
      if (opts.certificates !== undefined) prepareCertificateDir(opts.certificates, !!opts.force);
      const progress = stepProgress(!opts.json, 11);
      const report = verify(ds, { layers, convention, skipD2: !!opts.skipD2, onStep: progress.step });
      progress.stop();
      const files = opts.certificates !== undefined ? writeCertificates(opts.certificates, report.claims) : undefined;
      process.stdout.write((opts.json ? JSON.stringify(reportJson(report, files), null, 2) : reportTable(report, opts.certificates)) + '\n');
    });
}

/** Before any work: `dir` exists (created if needed), is writable, and holds no certificates unless `force`. */
function prepareCertificateDir(dir: string, force: boolean): void {
  ensureOutputDir(dir, `--certificates ${dir}`);
  const existing = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (existing.length && !force) throw new InputError(`${dir}: already holds ${existing.length} certificate file(s); use --force to replace them, or choose another folder`);
}

function writeCertificates(dir: string, claims: ClaimResult[]): Map<ClaimResult, string> {
  const files = new Map<ClaimResult, string>();
  for (const c of claims) {
    if (!c.certificate) continue;
    const name = certificateFileName(c);
    const file = path.join(dir, name);
    try {
      writeFileSync(file, JSON.stringify(c.certificate, null, 1) + '\n');
    } catch (e) {
      throw new InputError(`${file}: cannot write (${describeIoError(e)})`);
    }
    files.set(c, name);
  }
  return files;
}
