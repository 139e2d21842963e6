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
import { certificateFileName, type ClaimResult } from '../claims/claim-result.ts';
import { DEFAULT_D2_TIME_LIMIT, DEFAULT_TIME_LIMIT, verify, verifyStepCount } from '../claims/verify.ts';
import type { CostConvention } from '../network/network.ts';
import { exampleNames } from '../data/examples.ts';
import { dataFacts, loadInput } from './common.ts';
import { D2_ALL_SUBSETS_UP_TO, parseConvention, parseD2Subsets, parseLayers, parseSeconds } from './options.ts';
import { stepProgress } from './progress.ts';
import { outputStyle } from './terminal.ts';
import { quietLines, reportJson, reportTable, verifyHeader } from './verify-output.ts';

interface VerifyOpts {
  example?: string;
  layers?: string;
  cost?: string;
  json?: boolean;
  certificates?: string;
  force?: boolean;
  skipD2?: boolean;
  quiet?: boolean;
  exact?: boolean;
  wide?: boolean;
  timeLimit?: string;
  d2TimeLimit?: string;
  d2Subsets?: string;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('construct and decide every claim (S1–S3, D1, degeneracy, D2, D3, R1) on a data set, with certificates')
    .argument('[data-file]', 'a .json (dlgeom/data@1) or .csv data file')
    .option('--example <name>', `use a built-in example instead of a file (${exampleNames().join(', ')})`)
    .option('--layers <L>', 'hidden layers for the deep claims (default: Q)')
    .option('--cost <convention>', 'cost convention: norm | mse | half-mse', 'norm')
    .option('--json', 'print machine-readable JSON')
    .option('--certificates <dir>', 'write one certificate file per verdict into <dir>')
    .option('--force', 'with --certificates: replace certificate files already in <dir>')
    .option('--skip-d2', 'skip D2 (2^Q − 1 candidates)')
    .option('-q, --quiet', 'one summary line per claim (D2 as one line) instead of the table')
    .option('--exact', 'exact values in full where floats are shown')
    .option('--wide', 'full-width table even on a terminal (it is always full width when piped)')
    .option('--d2-subsets <all|K>', `D2 on all proper subsets, or on those of at most K classes (required above Q = ${D2_ALL_SUBSETS_UP_TO})`)
    .option('--time-limit <seconds>', `time limit per claim and per D2 candidate; a claim out of time is inconclusive ("none": no limit)`, String(DEFAULT_TIME_LIMIT))
    .option('--d2-time-limit <seconds>', 'time limit of the whole D2 family; candidates not reached are inconclusive', String(DEFAULT_D2_TIME_LIMIT))
    .action((file: string | undefined, opts: VerifyOpts) => {
      const convention: CostConvention = parseConvention(opts.cost);
      const timeLimit = parseSeconds(opts.timeLimit ?? String(DEFAULT_TIME_LIMIT), '--time-limit');
      const d2TimeLimit = parseSeconds(opts.d2TimeLimit ?? String(DEFAULT_D2_TIME_LIMIT), '--d2-time-limit');
      if (opts.certificates !== undefined) checkOutputDir(opts.certificates, `--certificates ${opts.certificates}`);
      const ds = loadInput({ file, example: opts.example });
      const layers = opts.layers === undefined ? ds.Q : parseLayers(opts.layers);
      const d2MaxSubsetSize = opts.skipD2 ? undefined : parseD2Subsets(opts.d2Subsets, ds.Q);
      if (opts.certificates !== undefined) prepareCertificateDir(opts.certificates, !!opts.force);
      const style = outputStyle(opts);
      const facts = dataFacts(ds, layers);
      // What can be decided, before any work (the table follows when the run is done).
      if (!opts.json) process.stdout.write(verifyHeader(ds, facts, convention, !!opts.skipD2, style) + '\n');
      const progress = stepProgress(!opts.json, verifyStepCount({ skipD2: !!opts.skipD2 }));
      const report = verify(ds, {
        layers,
        convention,
        skipD2: !!opts.skipD2,
        timeLimit,
        d2TimeLimit,
        d2MaxSubsetSize,
        onStep: progress.step,
        onCandidate: (k, total) => progress.detail(`D2 candidate ${k}/${total}`),
      });
      progress.stop();
      const files = opts.certificates !== undefined ? writeCertificates(opts.certificates, report.claims) : undefined;
      const text = { style, exact: !!opts.exact, certDir: opts.certificates };
      if (opts.json) process.stdout.write(JSON.stringify(reportJson(report, files, facts), null, 2) + '\n');
      else process.stdout.write((opts.quiet ? quietLines(report, text).join('\n') : reportTable(report, text)) + '\n');
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
