/**
 * `dlgeom search <claim-id>`: property-based counterexample search for one
 * claim. Inputs are drawn and shrunk by fast-check; every reported
 * counterexample is confirmed in exact arithmetic; counterexamples are kept in
 * the project's store (.dlgeom/counterexamples/ next to the nearest package.json,
 * or --store DIR) and replayed first next time, announced in one line.
 *
 * Exit codes: 0 no counterexample, 1 counterexample found, 2 bad input,
 * 3 the property crashed (an internal error, with its replay line).
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { CLAIM_IDS, CLAIM_PROPERTIES } from '../../properties/claims/index.ts';
import { evidenceJson, writeCounterexampleFiles, type WrittenFiles } from '../search/output.ts';
import { replayCommand, runSearch, type ProgressEvent, type SearchResult } from '../search/runner.ts';
import { CounterexampleStore, projectStoreDir } from '../search/store.ts';
import { didYouMean } from '../util/suggest.ts';
import { parsePositiveInt } from './options.ts';
import { checkOutputDir } from '../util/output-paths.ts';

interface SearchOpts {
  runs?: string;
  seed?: string;
  maxQ?: string;
  path?: string;
  json?: boolean;
  out?: string;
  store?: string | false;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_RUNS = 100;
export const DEFAULT_MAX_Q = 3;

function claimList(): string {
  return CLAIM_IDS.map((id) => {
    const p = CLAIM_PROPERTIES.get(id)!;
    return `  ${id.padEnd(14)} ${p.expect === 'holds' ? '[expected to hold] ' : '[expected to FAIL] '}${p.title}`;
  }).join('\n');
}

/** A 32-bit seed; one-line InputError otherwise. */
export function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value) || Number(value) < -(2 ** 31) || Number(value) > 2 ** 31 - 1)
    throw new InputError(`--seed: expected a whole number from -2147483648 to 2147483647, got "${value}"`);
  return Number(value);
}

function parsePath(value: string): string {
  if (!/^\d+(:\d+)*$/.test(value)) throw new InputError(`--path: expected a fast-check path like "12:0:3", got "${value}"`);
  return value;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search for counterexamples to a claim (property-based, exact confirmation, shrinking, replayable)')
    .argument('<claim-id>', `one of: ${CLAIM_IDS.join(', ')}`)
    .option('--runs <N>', `number of random inputs (default ${DEFAULT_RUNS})`)
    .option('--seed <S>', `fast-check seed (default ${DEFAULT_SEED}); the same seed gives the same output`)
    .option('--max-q <Q>', `largest number of classes Q (dimension for T1–T5) (default ${DEFAULT_MAX_Q})`)
    .option('--path <P>', 'replay one counterexample: the path printed in a replay line (with its --seed and --max-q)')
    .option('--json', 'print machine-readable JSON (no progress bar)')
    .option('--out <dir>', 'write a found counterexample there: a data file (SPEC §6) and an .evidence.json (never overwrites)')
    .option('--store <dir>', 'counterexample store to replay first and save into (default: .dlgeom/counterexamples in the project, i.e. next to the nearest package.json above the working directory)')
    .option('--no-store', 'neither replay nor save stored counterexamples')
    .addHelpText(
      'after',
      `\nClaim ids (SPEC ids; "-general", "-any", "-all", "-tied" variants state a claim beyond its hypotheses):\n${claimList()}\n\n` +
        'Exit status: 0 no counterexample, 1 counterexample found (confirmed exactly), 2 bad input, 3 the property crashed.\n' +
        'A counterexample to a claim the engine itself VERIFIED is flagged as an engine bug.\n',
    )
    .action((claimId: string, opts: SearchOpts) => {
      const property = CLAIM_PROPERTIES.get(claimId);
      if (!property) throw new InputError(`unknown claim id "${claimId}"${didYouMean(claimId, CLAIM_IDS)}; valid ids: ${CLAIM_IDS.join(', ')}`);
      const numRuns = opts.runs === undefined ? DEFAULT_RUNS : parsePositiveInt(opts.runs, '--runs');
      const seed = opts.seed === undefined ? DEFAULT_SEED : parseSeed(opts.seed);
      const maxQ = opts.maxQ === undefined ? DEFAULT_MAX_Q : parsePositiveInt(opts.maxQ, '--max-q', 6);
      const path = opts.path === undefined ? undefined : parsePath(opts.path);
      const store = opts.store === false ? undefined : new CounterexampleStore(opts.store ?? projectStoreDir());
      // Output places are checked before any work starts.
      if (opts.out !== undefined) checkOutputDir(opts.out, `--out ${opts.out}`);
      if (typeof opts.store === 'string') checkOutputDir(opts.store, `--store ${opts.store}`);
      const stored = store ? store.entries(property.id).length : 0;
      if (stored && !opts.json) process.stdout.write(`replaying ${stored} stored counterexample(s) of ${property.id} first, from ${store!.dir} (--no-store to skip)\n`);

      const bar = progressBar(!opts.json, numRuns);
      const started = performance.now();
      const result = runSearch(property, { seed, numRuns, maxQ, ...(path !== undefined ? { path } : {}), ...(store ? { store } : {}), onProgress: bar.update });
      bar.stop();
      const files = result.found && opts.out !== undefined ? writeCounterexampleFiles(opts.out, result) : undefined;
      process.stdout.write((opts.json ? JSON.stringify(resultJson(result, files), null, 2) : resultText(result, files)) + '\n');
      if (!opts.json && process.stderr.isTTY) process.stderr.write(`(searched in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
      if (result.outcome === 'crash') {
        process.stderr.write(`dlgeom: internal error: property ${result.claim} threw: ${result.crash!.message} (replay: ${replayCommand(result)})\n`);
        process.exitCode = 3;
      } else process.exitCode = result.outcome === 'found' ? 1 : 0;
    });
}

/** A cli-progress bar on stderr, only on a terminal and never with --json. */
function progressBar(enabled: boolean, total: number): { update: (e: ProgressEvent) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{bar} {value}/{total} {phase}', clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { phase: 'searching' });
  return {
    update: (e) => {
      if (e.phase === 'search') bar.update(Math.min(e.done, total), { phase: 'searching' });
      else if (e.phase === 'shrink') bar.update(total, { phase: `shrinking (${e.done})` });
      else bar.update(0, { phase: `replaying stored counterexample ${e.done + 1}/${e.total}` });
    },
    stop: () => bar.stop(),
  };
}

/** The `search --json` format (schemas/search.schema.json). */
export const SEARCH_FORMAT = 'dlgeom/search@1';

/** The `--json` output. Deterministic for a given seed, options and store. */
export function resultJson(r: SearchResult, files?: WrittenFiles): Record<string, unknown> {
  return {
    format: SEARCH_FORMAT,
    claim: r.claim,
    title: r.title,
    expect: r.expect,
    seed: r.seed,
    runs: r.numRuns,
    maxQ: r.maxQ,
    outcome: r.outcome,
    runsExecuted: r.runsExecuted,
    skipped: r.skipped,
    replayedFromStore: r.replayed,
    staleStoreEntriesRemoved: r.staleRemoved,
    unconfirmedHints: r.unconfirmed,
    ...(r.found ? { counterexample: evidenceJson(r), ...(r.found.storeFile ? { storeFile: r.found.storeFile } : {}) } : {}),
    ...(files ? { files } : {}),
    ...(r.crash ? { crash: { ...r.crash, replay: replayCommand(r) } } : {}),
  };
}

/** The human-readable output. */
export function resultText(r: SearchResult, files?: WrittenFiles): string {
  const lines: string[] = [];
  const diag: string[] = [];
  if (r.staleRemoved) diag.push(`${r.staleRemoved} stored counterexample(s) no longer failing, removed from the store`);
  if (r.unconfirmed) diag.push(`${r.unconfirmed} candidate(s) (float hints or unconfirmed findings) were rejected by the exact confirmation and are NOT counterexamples`);
  if (r.skipped) diag.push(`${r.skipped} input(s) skipped by a precondition`);
  if (r.outcome === 'none') {
    lines.push(`${r.claim}: no counterexample in ${r.runsExecuted} runs (seed ${r.seed}, max-q ${r.maxQ})`);
    lines.push(`  claim: ${r.title}`);
    lines.push(r.expect === 'holds' ? '  as expected (the claim is expected to hold)' : '  NOT as expected: this claim is known to fail on some inputs; try more --runs or another --seed');
  } else if (r.outcome === 'crash') {
    lines.push(`${r.claim}: the property CRASHED (a bug, not a counterexample): ${r.crash!.message}`);
    lines.push(`  replay: ${replayCommand(r)}`);
  } else {
    const f = r.found!;
    const cx = f.counterexample;
    if (cx.engineBug) lines.push('!!! SERIOUS: this refutes a verdict the engine itself certified — an ENGINE BUG; please report it !!!');
    const where = f.origin === 'store' ? `replayed from the counterexample store (found earlier with seed ${f.seed})` : `after ${r.runsExecuted} run(s) (seed ${r.seed}), shrunk ${f.numShrinks} time(s)`;
    lines.push(`${r.claim}: COUNTEREXAMPLE ${where} — confirmed in exact arithmetic`);
    lines.push(`  claim: ${r.title}`);
    lines.push(r.expect === 'fails' && !cx.engineBug ? '  (expected: this claim is known to fail on some inputs)' : '  UNEXPECTED: this claim was expected to hold');
    lines.push(`  ${cx.summary}`);
    if (cx.data) {
      const d = cx.data;
      lines.push(`  data: Q = ${d.Q}, M = ${d.M}, N = ${d.N}${d.N <= 24 ? ` — ${d.classes.map((c, j) => `${c.label} (y = [${d.targets[j]!.join(', ')}]): ${c.points.map((p) => `[${p.join(', ')}]`).join(' ')}`).join('; ')}` : ''}`);
    }
    lines.push('  exact evidence:');
    for (const [k, v] of Object.entries(cx.evidence)) lines.push(`    ${k}: ${JSON.stringify(v)}`);
    if (files) lines.push(`  written: ${files.dataFile ? `${files.dataFile} (data), ` : ''}${files.evidenceFile} (evidence)`);
    else if (cx.data) lines.push('  (use --out DIR to write the data file and the evidence)');
    if (f.storeFile) lines.push(`  stored: ${f.storeFile}`);
    lines.push(`  replay: ${replayCommand(r)}`);
  }
  for (const d of diag) lines.push(`  note: ${d}`);
  return lines.join('\n');
}
