/**
 * `dlgeom prove [paths…]`: runs proof scripts (default: proofs/*.proof.ts),
 * prints a verdict table, writes JUnit / Markdown / LaTeX reports, and compares
 * every verdict with the baseline. Exit 0 when all match, 1 when any differs
 * (regression, flip, improvement, new or missing: each printed old → new),
 * 2 on bad options. Only --update-baseline rewrites the baseline (exit 0).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { compareWithBaseline, describeDifference, readBaseline, updatedBaseline, writeBaseline, type Difference } from '../prove/baseline.ts';
import { existingTargets, latexTargets, writeLatex, type LatexTarget } from '../prove/latex.ts';
import { DEFAULT_PROOFS_DIR, findScripts, loadScript } from '../prove/load.ts';
import { junitXml } from '../prove/report-junit.ts';
import { proveJson, proveMarkdown, proveTable, summaryLines } from '../prove/report-text.ts';
import { countSteps, DEFAULT_SEED, runScripts, scriptData } from '../prove/run.ts';
import { parsePositiveInt } from './options.ts';
import { checkOutputDir, checkOutputFile, ensureOutputDir } from '../util/output-paths.ts';
import { stepProgress } from './progress.ts';

interface ProveOpts {
  json?: boolean;
  junit?: string;
  markdown?: string;
  latex?: string;
  force?: boolean;
  seed?: string;
  runs?: string;
  baseline?: string;
  updateBaseline?: boolean;
}

/** A 32-bit signed integer seed (fast-check's range). */
export function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value) || Number(value) < -(2 ** 31) || Number(value) > 2 ** 31 - 1) throw new InputError(`--seed: expected a whole number from ${-(2 ** 31)} to ${2 ** 31 - 1}, got "${value}"`);
  return Number(value);
}

/** The baseline: --baseline, else baseline.json in the folder of the first script (proofs/ by default). */
function baselineFile(opts: ProveOpts, paths: readonly string[], scripts: readonly string[]): string {
  if (opts.baseline) return path.resolve(opts.baseline);
  if (paths.length === 0) return path.join(DEFAULT_PROOFS_DIR, 'baseline.json');
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
    .option('--force', 'with --latex: replace files that already exist in <dir>')
    .option('--seed <S>', `seed of the property checks (default ${DEFAULT_SEED})`)
    .option('--runs <N>', 'runs of every property check (default: each property\'s own, else 100)')
    .option('--baseline <file>', 'the baseline (default: baseline.json next to the scripts, proofs/baseline.json)')
    .option('--update-baseline', 'rewrite the baseline with this run\'s verdicts (and print what changed)')
    .action(async (paths: string[], opts: ProveOpts) => {
      const seed = opts.seed === undefined ? DEFAULT_SEED : parseSeed(opts.seed);
      const runs = opts.runs === undefined ? undefined : parsePositiveInt(opts.runs, '--runs');
      if (opts.force && !opts.latex) throw new InputError('--force only applies with --latex <dir>');
      // Every output place is checked before any work starts.
      if (opts.junit !== undefined) checkOutputFile(opts.junit, `--junit ${opts.junit}`);
      if (opts.markdown !== undefined) checkOutputFile(opts.markdown, `--markdown ${opts.markdown}`);
      if (opts.latex !== undefined) checkOutputDir(opts.latex, `--latex ${opts.latex}`);
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
      const reported = opts.updateBaseline ? [] : differences;

      if (opts.json) process.stdout.write(JSON.stringify(proveJson(run, reported, baseFile), null, 2) + '\n');
      else process.stdout.write(proveTable(run, reported) + '\n');
      if (opts.junit) writeReport(opts.junit, junitXml(run, reported), 'junit');
      if (opts.markdown) writeReport(opts.markdown, proveMarkdown(run, reported), 'markdown');
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
      if (differences.length) {
        if (opts.json) log.write(summaryLines(run, differences).join('\n') + '\n');
        log.write(
          `prove: ${differences.length} verdict(s) differ from ${path.relative(process.cwd(), baseFile) || baseFile}${baseline ? '' : ' (no baseline yet)'}; if the change is intended, run with --update-baseline\n`,
        );
        process.exitCode = 1;
      }
    });
}
