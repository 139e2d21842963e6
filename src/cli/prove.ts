/**
 * `dlgeom prove [paths…]`: runs proof scripts (default: proofs/*.proof.ts),
 * prints a verdict table, writes JUnit / Markdown / LaTeX reports, and compares
 * every verdict with the baseline, as Jest does with snapshots: outside CI a
 * verdict with no entry is written to the baseline and reported "written";
 * under --ci or CI=true it fails ("new"). Exit 0 when nothing fails, 1 when a
 * verdict differs (regression, flip, improvement, new or missing: each printed
 * old → new), 2 on bad options. Only --update-baseline rewrites existing entries.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import {
  compareWithBaseline,
  describeDifference,
  isFailure,
  readBaseline,
  runningInCI,
  settleNewVerdicts,
  updatedBaseline,
  withWrittenVerdicts,
  writeBaseline,
  type Difference,
} from '../prove/baseline.ts';
import { existingTargets, latexTargets, writeLatex, type LatexTarget } from '../prove/latex.ts';
import { DEFAULT_PROOFS_DIR, findScripts, loadScript } from '../prove/load.ts';
import { junitXml } from '../prove/report-junit.ts';
import { proveJson, proveMarkdown, proveQuiet, proveTable, summaryLines } from '../prove/report-text.ts';
import { countSteps, DEFAULT_SEED, runScripts, scriptData } from '../prove/run.ts';
import { parsePositiveInt } from './options.ts';
import { proveReportHtml } from '../report/prove-report.ts';
import { refuseToOverwrite, writePage } from '../report/write.ts';
import { checkOutputDir, checkOutputFile, ensureOutputDir } from '../util/output-paths.ts';
import { stepProgress } from './progress.ts';
import { outputStyle } from './terminal.ts';

interface ProveOpts {
  json?: boolean;
  junit?: string;
  markdown?: string;
  latex?: string;
  html?: string;
  force?: boolean;
  seed?: string;
  runs?: string;
  baseline?: string;
  updateBaseline?: boolean;
  quiet?: boolean;
  exact?: boolean;
  wide?: boolean;
  ci?: boolean;
}

/** A 32-bit signed integer seed (fast-check's range). */
export function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value) || Number(value) < -(2 ** 31) || Number(value) > 2 ** 31 - 1) throw new InputError(`--seed: expected a whole number from ${-(2 ** 31)} to ${2 ** 31 - 1}, got "${value}"`);
  return Number(value);
}

/** The baseline: --baseline, else baseline.json in the folder of the first script (proofs/ by default). */
function baselineFile(opts: ProveOpts, paths: readonly string[], scripts: readonly string[]): string {
  if (opts.baseline) return path.resolve(opts.baseline);
  if (paths.length === 0) return path.resolve(DEFAULT_PROOFS_DIR, 'baseline.json');
  return path.join(path.dirname(scripts[0]!), 'baseline.json');
}

function writeReport(file: string, text: string, what: string): void {
  try {
    ensureOutputDir(path.dirname(path.resolve(file)), `--${what} ${file}`);
    writeFileSync(file, text);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`--${what} ${file}: cannot write (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
}

export function registerProve(program: Command): void {
  program
    .command('prove')
    .description('run proof scripts (default: proofs/*.proof.ts) and compare every verdict with the baseline; exit 1 on any difference')
    .argument('[paths...]', 'proof scripts or folders of *.proof.ts (default: the proofs/ folder)')
    .option('--json', 'print the report as JSON instead of the table')
    .option('--junit <file>', 'write a JUnit XML report (one testcase per verdict; failures = differences from the baseline)')
    .option('--markdown <file>', 'write a Markdown report')
    .option('--latex <dir>', "write the LaTeX documents the scripts declare into <dir> (via src/latex's claimLatex)")
    .option('--html <file>', 'write a self-contained HTML page of the run (verdicts, evidence with KaTeX math)')
    .option('--force', 'replace existing --junit / --markdown / --html files and files already in --latex <dir>')
    .option('-q, --quiet', 'one summary line per script (and any differences) instead of the table')
    .option('--exact', 'exact values in full in the table (no "≈" abbreviation of long fractions)')
    .option('--wide', 'full-width table even on a terminal (it is always full width when piped)')
    .option('--seed <S>', `seed of the property checks (default ${DEFAULT_SEED})`)
    .option('--runs <N>', 'runs of every property check (default: each property\'s own, else 100)')
    .option('--baseline <file>', 'the baseline (default: baseline.json next to the scripts, proofs/baseline.json)')
    .option('--update-baseline', 'rewrite the baseline with this run\'s verdicts (and print what changed)')
    .option('--ci', 'a verdict with no baseline entry fails instead of being written (also when CI=true)')
    .action(async (paths: string[], opts: ProveOpts) => {
      const seed = opts.seed === undefined ? DEFAULT_SEED : parseSeed(opts.seed);
      const runs = opts.runs === undefined ? undefined : parsePositiveInt(opts.runs, '--runs');
      if (opts.force && !opts.latex && !opts.junit && !opts.markdown && !opts.html) throw new InputError('--force only applies with --junit, --markdown, --html or --latex');
      // Every output place is checked before any work starts, and no existing file is replaced without --force.
      if (opts.junit !== undefined) checkOutputFile(opts.junit, `--junit ${opts.junit}`);
      if (opts.markdown !== undefined) checkOutputFile(opts.markdown, `--markdown ${opts.markdown}`);
      if (opts.latex !== undefined) checkOutputDir(opts.latex, `--latex ${opts.latex}`);
      for (const [option, file] of [['--junit', opts.junit], ['--markdown', opts.markdown]] as const)
        if (file !== undefined && !opts.force && existsSync(file)) throw new InputError(`${option} ${file}: already exists; use --force to replace it, or choose another file`);
      if (opts.html) refuseToOverwrite(opts.html, !!opts.force, '--html file');
      const files = findScripts(paths);
      const baseFile = baselineFile(opts, paths, files);
      const baseline = readBaseline(baseFile);
      const scripts = [];
      for (const f of files) scripts.push(await loadScript(f, path.dirname(baseFile)));

      let targets: LatexTarget[] = [];
      if (opts.latex) {
        const dir = opts.latex;
        targets = latexTargets(
          scripts.filter((s) => s.proof?.latex?.length).map((s) => ({ script: s.key, requests: s.proof!.latex!, data: scriptData(s).map((d) => d.name) })),
          dir,
        );
        const existing = existingTargets(targets);
        if (existing.length && !opts.force)
          throw new InputError(`--latex ${dir}: ${existing.length} file(s) already exist (e.g. ${existing[0]}); use --force to replace them, or choose another folder`);
      }

      const progress = stepProgress(!opts.json, countSteps(scripts));
      const run = await runScripts(scripts, { seed, ...(runs !== undefined ? { runs } : {}), onStep: progress.step });
      progress.stop();

      const ran = run.scripts.map((s) => s.script);
      const differences: Difference[] = compareWithBaseline(run.rows, baseline ?? [], ran);
      const ci = !!opts.ci || runningInCI(process.env);
      const reported = opts.updateBaseline ? [] : settleNewVerdicts(differences, ci);
      const failures = reported.filter(isFailure);

      if (opts.json) process.stdout.write(JSON.stringify(proveJson(run, reported, baseFile), null, 2) + '\n');
      else if (opts.quiet) process.stdout.write(proveQuiet(run, reported).join('\n') + '\n');
      else process.stdout.write(proveTable(run, reported, { style: outputStyle(opts), exact: !!opts.exact }) + '\n');
      if (opts.junit) writeReport(opts.junit, junitXml(run, reported), 'junit');
      if (opts.markdown) writeReport(opts.markdown, proveMarkdown(run, reported), 'markdown');
      if (opts.html) {
        const page = await proveReportHtml(run, reported, baseFile);
        if (page.mathErrors.length) throw new Error(`KaTeX could not render ${page.mathErrors.length} formula(s), e.g. ${page.mathErrors[0]}`);
        writePage(opts.html, page.html, !!opts.force);
      }
      if (opts.latex) {
        const out = await writeLatex(targets, run.scripts, opts.latex, !!opts.force);
        const log = opts.json ? process.stderr : process.stdout;
        log.write(`LaTeX: ${out.written.length} file(s) written to ${opts.latex}${out.skipped.length ? `, ${out.skipped.length} skipped` : ''}\n`);
        for (const s of out.skipped) log.write(`  skipped ${s.file}: ${s.reason}\n`);
      }

      const log = opts.json ? process.stderr : process.stdout;
      if (opts.updateBaseline) {
        writeBaseline(baseFile, updatedBaseline(baseline ?? [], run.rows, ran));
        const errors = run.rows.filter((r) => r.verdict === 'error').length;
        log.write(
          differences.length === 0
            ? `baseline ${baseFile}: unchanged (${run.rows.length} verdicts)\n`
            : `baseline ${baseFile}: ${baseline ? 'updated' : 'created'}, ${differences.length} change(s):\n${differences.map((d) => `  ${describeDifference(d)}`).join('\n')}\n`,
        );
        if (errors) log.write(`warning: the baseline now records ${errors} "error" verdict(s)\n`);
        return;
      }
      const written = reported.length - failures.length;
      if (written) {
        writeBaseline(baseFile, withWrittenVerdicts(baseline ?? [], reported));
        log.write(`baseline ${path.relative(process.cwd(), baseFile) || baseFile}: ${written} new verdict(s) written (commit it; under --ci or CI=true a verdict missing from it fails)\n`);
      }
      if (failures.length) {
        if (opts.json) log.write(summaryLines(run, reported).join('\n') + '\n');
        const unrecorded = failures.filter((d) => d.kind === 'new').length;
        const why = unrecorded && ci ? `; ${unrecorded} have no baseline entry and CI ${opts.ci ? '(--ci)' : '(CI=true)'} does not write them: run prove outside CI and commit the baseline` : '';
        log.write(
          `prove: ${failures.length} verdict(s) differ from ${path.relative(process.cwd(), baseFile) || baseFile}${baseline ? '' : ' (no baseline yet)'}${why}; if the change is intended, run with --update-baseline\n`,
        );
        process.exitCode = 1;
      }
    });
}
