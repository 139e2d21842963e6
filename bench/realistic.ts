/**
 * Benchmark rows on data of realistic shape (bench/generate-realistic.ts), each case in
 * its own child process (time and peak memory per case):
 *  (r1) M = 30, Q = 2, N = 600: nearly separable classes, one constant coordinate
 *  (r2) M = 64, Q = 10, N = 1 800: 8×8 integer images, constant border, two overlapping classes
 *  (r3) M = 784, Q = 10, N = 70 000: 28×28 integer images, --skip-d2
 * For (r1) and (r2): `verify` with every claim, and the plain exact reference
 * (bench/reference-quantities.ts) computing δ², δ_P², U², Vfull², Vnb² in the same run;
 * the strings must agree, and the ratio reference time / verify time is the target (≥ 1).
 * At M = 784, N = 70 000 the reference (≈ N·M² = 4·10^10 Rational operations) runs with a
 * 600 s cap, so the row still shows it next to verify (as "did not finish within 600 s").
 */
import type { DataSet } from '../src/data/dataset.ts';
import { loadDataFile } from '../src/data/load.ts';
import { verify } from '../src/claims/verify.ts';
import { generateRealistic, type RealisticKind } from './generate-realistic.ts';
import { referenceQuantities } from './reference-quantities.ts';

export interface RealisticCase {
  readonly label: string;
  readonly kind: RealisticKind;
  readonly Q: number;
  readonly N: number;
  readonly skipD2: boolean;
  /** --time-limit per claim for this case, seconds. */
  readonly timeLimit: number;
  readonly reference: boolean;
  /** Seconds the plain reference may run (its time is then reported as "did not finish within"). */
  readonly referenceTimeout?: number;
  /** The issue's absolute targets for this case (under 10 min, under 4 GiB) instead of the ratio. */
  readonly absoluteTargets?: boolean;
}

export const REALISTIC_CASES: readonly RealisticCase[] = [
  { label: '(r1) M = 30, Q = 2, N = 600', kind: 'diagnostic', Q: 2, N: 600, skipD2: false, timeLimit: 600, reference: true },
  { label: '(r2) M = 64, Q = 10, N = 1800', kind: 'digits', Q: 10, N: 1800, skipD2: false, timeLimit: 120, reference: true },
  { label: '(r3) M = 784, Q = 10, N = 70000, --skip-d2', kind: 'mnist', Q: 10, N: 70000, skipD2: true, timeLimit: 120, reference: true, referenceTimeout: 600, absoluteTargets: true },
];

export const realisticFile = (c: RealisticCase): Promise<string> => generateRealistic({ kind: c.kind, Q: c.Q, N: c.N });

/** Child side: 'real-verify' or 'real-reference' on one case (by index). Returns the time and what to report. */
export function realisticChild(kind: string, index: number, file: string): { ms: number; info: Record<string, unknown> } {
  const c = REALISTIC_CASES[index]!;
  const t0 = performance.now();
  const ds: DataSet = loadDataFile(file);
  if (kind === 'real-reference') {
    const q = referenceQuantities(ds);
    return { ms: performance.now() - t0, info: { quantities: q, cpuMs: cpuMs() } };
  }
  const steps: Record<string, number> = { load: performance.now() - t0 };
  const timer = stepTimer(steps, 'statistics');
  const r = verify(ds, { skipD2: c.skipD2, timeLimit: c.timeLimit, onStep: timer.onStep });
  timer.finish();
  const count = (s: string) => r.claims.filter((x) => x.status === s).length;
  const q = r.quantities;
  return {
    ms: performance.now() - t0,
    info: {
      cpuMs: cpuMs(),
      steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(v)])),
      verdicts: `${r.claims.length} verdicts: ${count('verified')} verified, ${count('refuted')} refuted, ${count('inconclusive')} inconclusive, ${count('not-applicable')} n/a`,
      timeLimited: r.claims.filter((x) => x.status === 'inconclusive' && /time limit/.test(x.reason)).map((x) => `${x.id}${x.subset ? ` J={${x.subset.join(',')}}` : ''}${x.bias ? ` ${x.bias}` : ''}`),
      d1: r.claims.find((x) => x.id === 'D1')?.reason.slice(0, 140),
      quantities: { delta2: String(q.delta2), deltaP2: q.deltaP2?.toString(), U2: q.U2?.toString(), Vfull2: String(q.Vfull2), Vnb2: String(q.Vnb2) },
    },
  };
}

/** CPU time of this process so far (user + system, every thread: the re-checks' worker included), ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Wall time per verify step into `steps` (ms, added up): the time until the first onStep is
 * `first`'s, each later span the step named last; finish() closes the last span.
 */
export function stepTimer(steps: Record<string, number>, first: string): { onStep: (step: string) => void; finish: () => void } {
  let current = first;
  let last = performance.now();
  const close = (): void => {
    const now = performance.now();
    steps[current] = (steps[current] ?? 0) + now - last;
    last = now;
  };
  return {
    onStep: (step) => {
      close();
      current = step;
    },
    finish: close,
  };
}
