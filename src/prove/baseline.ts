/**
 * The verdict baseline (proofs/baseline.json): the expected verdict of every
 * (script, claim, check, data). `dlgeom prove` compares a run with it, as Jest
 * does with snapshots: outside CI a verdict with no entry is written into the
 * baseline ("written", not a failure); under CI (`--ci` or CI=true) it fails
 * ("new"); a changed or missing entry always fails, and only `--update-baseline`
 * rewrites existing entries. An "error" verdict is never written automatically.
 * A run of some scripts is compared with, and updates, only those scripts' entries.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../data/errors.ts';
import { rowKey, verdictRank, VERDICTS, type Verdict, type VerdictRow } from './verdict.ts';

export const BASELINE_FORMAT = 'dlgeom/proof-baseline@1';

export interface BaselineEntry {
  readonly script: string;
  readonly claim: string;
  readonly check: string;
  readonly data: string;
  readonly verdict: Verdict;
}

/** `written`: no entry, recorded by this run (outside CI) — the only kind that is not a failure. */
export type DifferenceKind = 'regression' | 'flipped' | 'improved' | 'new' | 'written' | 'missing';

/** A verdict that differs from the baseline. `old` is absent for "new", `new` for "missing". */
export interface Difference {
  readonly kind: DifferenceKind;
  readonly key: string;
  readonly script: string;
  readonly claim: string;
  readonly check: string;
  readonly data: string;
  readonly old?: Verdict;
  readonly new?: Verdict;
}

/**
 * The baseline entries, or undefined when the file does not exist.
 * A file that exists but is not a baseline is an InputError (exit 2).
 */
export function readBaseline(file: string): BaselineEntry[] | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not a readable baseline (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  const j = json as { format?: unknown; verdicts?: unknown };
  if (j?.format !== BASELINE_FORMAT || !Array.isArray(j.verdicts)) throw new InputError(`${file}: not a ${BASELINE_FORMAT} file (run dlgeom prove --update-baseline to write one)`);
  return j.verdicts.map((e: Partial<BaselineEntry>, i: number) => {
    const ok = e && ['script', 'claim', 'check', 'data'].every((k) => typeof (e as Record<string, unknown>)[k] === 'string') && VERDICTS.includes(e.verdict as Verdict);
    if (!ok) throw new InputError(`${file}: verdicts[${i}] needs string script, claim, check, data and a verdict (${VERDICTS.join(', ')})`);
    return { script: e.script!, claim: e.claim!, check: e.check!, data: e.data!, verdict: e.verdict! };
  });
}

function kindOf(old: Verdict, now: Verdict): DifferenceKind {
  const a = verdictRank(old);
  const b = verdictRank(now);
  return b < a ? 'regression' : b > a ? 'improved' : 'flipped';
}

/**
 * Differences between a run and the baseline, for the scripts that ran.
 * @example compareWithBaseline(run.rows, readBaseline(file) ?? [], ['deep-d1']).length // 0 when all match
 */
export function compareWithBaseline(rows: readonly VerdictRow[], baseline: readonly BaselineEntry[], scripts: readonly string[]): Difference[] {
  const expected = new Map(baseline.filter((e) => scripts.includes(e.script)).map((e) => [rowKey(e), e]));
  const seen = new Set<string>();
  const out: Difference[] = [];
  for (const r of rows) {
    const key = rowKey(r);
    seen.add(key);
    const e = expected.get(key);
    const at = { key, script: r.script, claim: r.claim, check: r.check, data: r.data };
    if (!e) out.push({ kind: 'new', ...at, new: r.verdict });
    else if (e.verdict !== r.verdict) out.push({ kind: kindOf(e.verdict, r.verdict), ...at, old: e.verdict, new: r.verdict });
  }
  for (const [key, e] of expected) if (!seen.has(key)) out.push({ kind: 'missing', key, script: e.script, claim: e.claim, check: e.check, data: e.data, old: e.verdict });
  return out;
}

/** True for every difference except a verdict this run wrote into the baseline. */
export function isFailure(d: Difference): boolean {
  return d.kind !== 'written';
}

/**
 * Whether we run under CI, as the ecosystem's tools decide it: the CI variable is set
 * to anything but "", "0" or "false".
 * @example runningInCI({ CI: 'true' }) // true
 */
export function runningInCI(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * The snapshot convention: outside CI, each verdict without a baseline entry becomes
 * "written" (it will be recorded) — except an "error", which is never recorded unasked.
 * Under CI nothing changes: a "new" verdict stays a failure.
 */
export function settleNewVerdicts(differences: readonly Difference[], ci: boolean): Difference[] {
  if (ci) return [...differences];
  return differences.map((d) => (d.kind === 'new' && d.new !== 'error' ? { ...d, kind: 'written' } : d));
}

/** The baseline with the "written" verdicts added (existing entries untouched); scripts sorted. */
export function withWrittenVerdicts(baseline: readonly BaselineEntry[], differences: readonly Difference[]): BaselineEntry[] {
  const fresh = differences.filter((d) => d.kind === 'written').map((d) => ({ script: d.script, claim: d.claim, check: d.check, data: d.data, verdict: d.new! }));
  const all = [...baseline, ...fresh];
  const order = [...new Set(all.map((e) => e.script))].sort();
  return order.flatMap((s) => all.filter((e) => e.script === s));
}

/** The baseline after a run: the run scripts' entries replaced by the run's verdicts, others kept. Scripts sorted, rows in run order. */
export function updatedBaseline(baseline: readonly BaselineEntry[], rows: readonly VerdictRow[], scripts: readonly string[]): BaselineEntry[] {
  const kept = baseline.filter((e) => !scripts.includes(e.script));
  const fresh = rows.map((r) => ({ script: r.script, claim: r.claim, check: r.check, data: r.data, verdict: r.verdict }));
  const all = [...kept, ...fresh];
  const order = [...new Set(all.map((e) => e.script))].sort();
  return order.flatMap((s) => all.filter((e) => e.script === s));
}

/** One entry a line, so a baseline change reads as a small diff. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const lines = entries.map((e) => `    ${JSON.stringify({ script: e.script, claim: e.claim, check: e.check, data: e.data, verdict: e.verdict })}`);
  return (
    `{\n  "format": ${JSON.stringify(BASELINE_FORMAT)},\n` +
    `  "note": "Expected verdicts of \`dlgeom prove\`: it fails on any difference. Written only by \`dlgeom prove --update-baseline\`.",\n` +
    `  "verdicts": [\n${lines.join(',\n')}\n  ]\n}\n`
  );
}

export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  writeFileSync(file, serializeBaseline(entries));
}

/** "regression  deep-d1 › D1 · engine › clusters-q3: verified → inconclusive" */
export function describeDifference(d: Difference): string {
  const change =
    d.kind === 'written'
      ? `(no baseline entry) → ${d.new}, written to the baseline`
      : d.kind === 'new'
        ? `(no baseline entry) → ${d.new}${d.new === 'error' ? ' (an error is never recorded automatically)' : ''}`
        : d.kind === 'missing' ? `${d.old} → (not produced)` : `${d.old} → ${d.new}`;
  return `${d.kind.padEnd(10)} ${d.key}: ${change}`;
}
