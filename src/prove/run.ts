/**
 * The runner: every loaded script on each of its data sets, then its
 * properties. It knows nothing about the mathematics: it evaluates checks,
 * times them, turns exceptions into "error" rows, and re-checks every engine
 * certificate with the independent checker before reporting a verdict.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSet } from '../data/dataset.ts';
import type { ClaimResult } from '../claims/claim-result.ts';
import { checkCertificate } from '../certificates/check.ts';
import type { AnyProof, DataSource } from './define.ts';
import type { Check } from './checks.ts';
import { resolveData, sourceLabel } from './data.ts';
import { engineFor } from './engine.ts';
import type { LoadedScript } from './load.ts';
import { propertySeed, runProperty } from './property.ts';
import { rowKey, type CheckKind, type Verdict, type VerdictRow } from './verdict.ts';

export const DEFAULT_SEED = 1;
export const DEFAULT_PROPERTY_RUNS = 100;

export interface RunOptions {
  readonly seed?: number;
  /** Runs for every property (default: each property's own, else 100). */
  readonly runs?: number;
  /** Called before each step (one per script data set and per property), for progress display. */
  readonly onStep?: (name: string) => void;
}

export interface DataSummary {
  readonly name: string;
  readonly source: string;
  readonly Q: number;
  readonly M: number;
  readonly N: number;
}

export interface ScriptRun {
  readonly script: string;
  readonly file: string;
  readonly title: string;
  readonly claims: readonly string[];
  readonly hypotheses: readonly string[];
  readonly data: DataSummary[];
  readonly rows: VerdictRow[];
  readonly timeMs: number;
  /** The loaded data sets by name (for LaTeX output). */
  readonly datasets: ReadonlyMap<string, DataSet>;
  readonly proof?: AnyProof;
}

export interface ProveRun {
  readonly seed: number;
  readonly runs: number | undefined;
  readonly scripts: ScriptRun[];
  readonly rows: VerdictRow[];
  readonly timeMs: number;
}

function oneLine(e: unknown): string {
  const s = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return s.split('\n')[0]!.slice(0, 300);
}

function timed<T>(f: () => T): { value: T; ms: number } | { error: string; ms: number } {
  const t0 = performance.now();
  try {
    const value = f();
    return { value, ms: performance.now() - t0 };
  } catch (e) {
    return { error: oneLine(e), ms: performance.now() - t0 };
  }
}

/** Number of progress steps a run takes. */
export function countSteps(scripts: readonly LoadedScript[]): number {
  return scripts.reduce((n, s) => n + (s.proof ? s.proof.data.length + (s.proof.properties?.length ?? 0) : 1), 0);
}

/** The check label of an engine result: "engine", "engine (free bias)", "engine J={1,2} all-parameters". */
export function engineLabel(c: ClaimResult): string {
  let s = 'engine';
  if (c.bias) s += ` (${c.bias} bias)`;
  if (c.subset) s += ` J={${c.subset.join(',')}}`;
  if (c.sense) s += ` ${c.sense}`;
  return s;
}

/**
 * The verdict of one engine result, after the independent checker has re-checked
 * its certificate: verified/refuted only with an accepted certificate whose claim
 * and verdict agree with the result.
 */
export function judgeEngineResult(c: ClaimResult, ds: DataSet): { verdict: Verdict; evidence: string; certificate?: VerdictRow['certificate'] } {
  const cert = c.certificate;
  if (!cert) {
    if (c.status === 'verified' || c.status === 'refuted') return { verdict: 'inconclusive', evidence: `the engine said ${c.status} without a certificate` };
    return { verdict: c.status, evidence: c.reason };
  }
  const check = checkCertificate(cert, ds);
  const summary = { claim: cert.claim, verdict: cert.verdict, evidence: cert.evidence?.kind ?? '?', accepted: check.ok };
  if (!check.ok) return { verdict: 'inconclusive', evidence: `the checker rejected the ${c.status} certificate: ${check.reason}`, certificate: summary };
  if (cert.claim !== c.id || cert.verdict !== c.status)
    return { verdict: 'inconclusive', evidence: `the certificate is for ${cert.claim} ${cert.verdict}, the engine said ${c.id} ${c.status}`, certificate: summary };
  return { verdict: c.status, evidence: `certificate "${summary.evidence}" re-checked: ${check.summary}`, certificate: summary };
}

interface RowBase {
  readonly script: string;
  readonly data: string;
}

function row(base: RowBase, kind: CheckKind, claim: string, check: string, verdict: Verdict, evidence: string, timeMs: number, extra: Partial<VerdictRow> = {}): VerdictRow {
  return { script: base.script, claim, check, data: base.data, kind, verdict, evidence, timeMs: Math.round(timeMs), ...extra };
}

function evaluateCheck(c: Check, ds: DataSet, base: RowBase, claims: readonly string[]): VerdictRow[] {
  if (!claims.includes(c.claim)) return [row(base, 'script', c.claim, c.kind === 'exact' ? c.label : 'engine', 'error', `check for claim ${c.claim}, which the script does not declare (${claims.join(', ')})`, 0)];
  if (c.kind === 'exact') {
    const r = timed(c.evaluate);
    if ('error' in r) return [row(base, 'exact', c.claim, c.label, 'error', r.error, r.ms)];
    return [row(base, 'exact', c.claim, c.label, r.value.holds ? 'holds' : 'fails', r.value.evidence, r.ms)];
  }
  const t0 = performance.now();
  const r = timed(c.evaluate);
  if ('error' in r) return [row(base, 'engine', c.claim, 'engine', 'error', r.error, r.ms)];
  const results = Array.isArray(r.value) ? (r.value as readonly ClaimResult[]) : [r.value as ClaimResult];
  const judged = results.map((res) => ({ res, ...judgeEngineResult(res, ds) }));
  const ms = (performance.now() - t0) / Math.max(1, results.length);
  return judged.map(({ res, verdict, evidence, certificate }) =>
    !claims.includes(res.id)
      ? row(base, 'script', res.id, engineLabel(res), 'error', `the engine returned a ${res.id} result, a claim the script does not declare (${claims.join(', ')})`, ms)
      : row(base, 'engine', res.id, engineLabel(res), verdict, evidence, ms, {
      ...(res.ms ? { ms: res.ms.toString() } : {}),
      ...(certificate ? { certificate } : {}),
    }),
  );
}

/** Two checks with the same label on the same data would share a baseline key: number the later ones. */
function distinctKeys(rows: VerdictRow[]): VerdictRow[] {
  const seen = new Set<string>();
  return rows.map((r) => {
    let out = r;
    for (let k = 2; seen.has(rowKey(out)); k++) out = { ...r, check: `${r.check} #${k}` };
    seen.add(rowKey(out));
    return out;
  });
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Unique names for a script's data sets ("name", "name #2", …). */
function uniqueName(name: string, taken: Set<string>): string {
  let n = name;
  for (let k = 2; taken.has(n); k++) n = `${name} #${k}`;
  taken.add(n);
  return n;
}

export interface ResolvedData {
  /** Unique within the script: the data set's name, "name #2" for a repeat. */
  readonly name: string;
  readonly src: DataSource;
  readonly ds?: DataSet;
  readonly error?: string;
  readonly ms: number;
}

const resolved = new WeakMap<LoadedScript, ResolvedData[]>();

/** A script's data sets, loaded once (the CLI needs their names before the run, for --latex). */
export function scriptData(s: LoadedScript): ResolvedData[] {
  const cached = resolved.get(s);
  if (cached) return cached;
  const taken = new Set<string>();
  const out = (s.proof?.data ?? []).map((src): ResolvedData => {
    const loaded = timed(() => resolveData(src, path.dirname(s.file)));
    if ('error' in loaded) return { name: uniqueName(sourceLabel(src), taken), src, error: loaded.error, ms: loaded.ms };
    return { name: uniqueName(loaded.value.name, taken), src, ds: loaded.value, ms: loaded.ms };
  });
  resolved.set(s, out);
  return out;
}

async function runScript(s: LoadedScript, opts: RunOptions, seed: number): Promise<ScriptRun> {
  const t0 = performance.now();
  const step = opts.onStep ?? (() => {});
  if (!s.proof) {
    step(s.key);
    return {
      script: s.key,
      file: s.file,
      title: '(not loaded)',
      claims: [],
      hypotheses: [],
      data: [],
      rows: [row({ script: s.key, data: '-' }, 'script', '-', 'load', 'error', s.error ?? 'not loaded', 0)],
      timeMs: performance.now() - t0,
      datasets: new Map(),
    };
  }
  const proof = s.proof;
  const rows: VerdictRow[] = [];
  const data: DataSummary[] = [];
  const datasets = new Map<string, DataSet>();
  for (const d of scriptData(s)) {
    step(`${s.key}: ${d.name}`);
    await tick();
    if (!d.ds) {
      rows.push(row({ script: s.key, data: d.name }, 'script', proof.claims[0]!, 'data', 'error', d.error ?? 'not loaded', d.ms));
      continue;
    }
    const { ds, name, src } = d;
    datasets.set(name, ds);
    data.push({ name, source: 'example' in src ? `example ${src.example}` : 'file' in src ? `file ${src.file}` : 'generated', Q: ds.Q, M: ds.M, N: ds.N });
    const base = { script: s.key, data: name };
    const built = timed(() => (proof.construct ? proof.construct(ds) : undefined));
    if ('error' in built) {
      rows.push(row(base, 'script', proof.claims[0]!, 'construct', 'error', built.error, built.ms));
      continue;
    }
    const engine = engineFor(ds);
    const checks = timed(() => proof.assert({ ds, built: built.value, engine }));
    if ('error' in checks) {
      rows.push(row(base, 'script', proof.claims[0]!, 'assert', 'error', checks.error, checks.ms));
      continue;
    }
    for (const c of checks.value) rows.push(...evaluateCheck(c, ds, base, proof.claims));
  }
  for (const p of proof.properties ?? []) {
    step(`${s.key}: ${p.label}`);
    await tick();
    const runs = opts.runs ?? p.runs ?? DEFAULT_PROPERTY_RUNS;
    const pseed = propertySeed(seed, `${s.key}/${p.label}`);
    const t = performance.now();
    const out = runProperty(p, pseed, runs);
    const evidence = p.description ? `${p.description} — ${out.evidence}` : out.evidence;
    rows.push(row({ script: s.key, data: 'property' }, 'property', p.claim, p.label, out.verdict, evidence, performance.now() - t));
  }
  return { script: s.key, file: s.file, title: proof.title, claims: proof.claims, hypotheses: proof.hypotheses, data, rows: distinctKeys(rows), timeMs: performance.now() - t0, datasets, proof };
}

/**
 * Runs the scripts in order.
 * @example const run = await runScripts([await loadScript(file, dir)], { seed: 1 }); run.rows[0].verdict
 */
export async function runScripts(scripts: readonly LoadedScript[], opts: RunOptions = {}): Promise<ProveRun> {
  const t0 = performance.now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const out: ScriptRun[] = [];
  for (const s of scripts) out.push(await runScript(s, opts, seed));
  return { seed, runs: opts.runs, scripts: out, rows: out.flatMap((s) => s.rows), timeMs: performance.now() - t0 };
}
