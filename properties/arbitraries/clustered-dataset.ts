/**
 * Clustered data sets (SPEC §1) with controlled Q, M, class sizes, deviation
 * size δ and separation — and, on request, sets that BREAK the hypotheses of
 * the claims (overlapping classes, rank-deficient means, Q > M).
 *
 * Construction ("separated"): class j has centre s·e_j + h (s ∈ {1..4} the
 * separation, h ≥ 0 a small common shift), and its points are the centre
 * plus deviations whose entries are multiples of u/4 with |entry| ≤ u,
 * u = s / (4M·2^level). Coordinate j then separates class j from every other
 * class with margin ≥ s − 2u > 0, and the means are linearly independent
 * (X̄ is s·I + h·1ᵀ plus a perturbation of norm < s on its first Q rows), so
 * rank X̄ = Q. Hypothesis-breaking shapes modify this:
 * - "rank-deficient": the last class is shifted so that its mean is exactly
 *   2·x̄_1 (rank X̄ < Q; the classes stay strictly separated);
 * - "shared-point": the first point of class 1 is also a point of class 2
 *   (no network can fit both targets: the infimum of the cost is positive);
 * - "hull-overlap": the mean of class 1 is added to class 2 (their convex
 *   hulls meet, so no hyperplane separates them);
 * - "q-exceeds-m": M = Q − 1 (S1 needs Q ≤ M).
 * Shrinks towards Q = minQ, M = Q, minPerClass points per class at its centre, s = 1,
 * no shift, the first listed shape.
 */
import fc from 'fast-check';
import { vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { dataSetContent, sha256Hex } from '../../src/data/build.ts';
import type { ClassData, DataSet } from '../../src/data/dataset.ts';
import { serializeDataSet } from '../../src/data/write.ts';

export type ClusterShape = 'separated' | 'rank-deficient' | 'shared-point' | 'hull-overlap' | 'q-exceeds-m';

/** Shapes whose classes are strictly separable (the D1 construction's hypothesis). */
export const SEPARABLE_SHAPES: readonly ClusterShape[] = ['separated', 'rank-deficient'];

export interface ClusteredDataOptions {
  /** 2 ≤ minQ ≤ Q ≤ maxQ (defaults 2 and 3). */
  readonly minQ?: number;
  readonly maxQ?: number;
  /** M − Q ∈ [0, maxExtraDim] (default 1); ignored by "q-exceeds-m". */
  readonly maxExtraDim?: number;
  /** minPerClass ≤ N_j ≤ maxPerClass (defaults 1 and 3). More points keep fits from interpolating (cost 0). */
  readonly minPerClass?: number;
  readonly maxPerClass?: number;
  /** Deviation levels 0..maxLevel: u = s/(4M·2^level) (default 3). */
  readonly maxLevel?: number;
  /** Shapes to draw from (default only "separated"); shrinks towards the first. */
  readonly shapes?: readonly ClusterShape[];
  /**
   * Targets: "standard" y_j = e_j (default), or "perturbed" y_j = e_j + (small
   * integer entries)/2 — possibly equal or linearly dependent targets; shrinks to e_j.
   */
  readonly targets?: 'standard' | 'perturbed';
}

/** A generated data set with the parameters it was made from. */
export interface ClusteredData {
  readonly ds: DataSet;
  readonly shape: ClusterShape;
  /** s: the centres are s·e_j (+ shift). */
  readonly separation: Rational;
  /** u: every deviation entry is at most u in absolute value. */
  readonly deviationUnit: Rational;
}

/**
 * A DataSet from its classes: default targets e_j, provenance "example", and
 * the SHA-256 of its canonical JSON (so certificates about it name it properly).
 * @example makeDataSet('t', [{ label: 'a', points: [[q(1)]] }, { label: 'b', points: [[q(2)]] }]).N // 2
 */
export function makeDataSet(name: string, classes: readonly ClassData[], targets?: readonly (readonly Rational[])[]): DataSet {
  const content = dataSetContent(name, classes, targets);
  return { ...content, source: { kind: 'example', name, sha256: sha256Hex(serializeDataSet(content)) } };
}

function mean(points: readonly (readonly Rational[])[]): Rational[] {
  const n = Rational.int(points.length);
  return points.reduce<Rational[]>((s, p) => vec.add(s, p), vec.zeros(points[0]!.length)).map((v) => v.div(n));
}

/**
 * @example fc.sample(clusteredDataSetArb({ maxQ: 3, shapes: ['separated', 'shared-point'] }), 1)[0].ds.Q // 2 or 3
 */
export function clusteredDataSetArb(opts: ClusteredDataOptions = {}): fc.Arbitrary<ClusteredData> {
  const minQ = opts.minQ ?? 2;
  const maxQ = Math.max(minQ, opts.maxQ ?? 3);
  const shapes = opts.shapes ?? ['separated'];
  const minPerClass = Math.max(1, opts.minPerClass ?? 1);
  const maxPerClass = Math.max(minPerClass, opts.maxPerClass ?? 3);
  const maxExtra = opts.maxExtraDim ?? 1;
  const maxM = maxQ + maxExtra;
  // Everything is drawn at its largest size and cut down afterwards (no `chain`), so shrinking
  // Q, M or the shape keeps the other choices and the search reaches small counterexamples.
  const devs = fc.array(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: maxM, maxLength: maxM }), { minLength: minPerClass, maxLength: maxPerClass });
  return fc
    .record({
      Q: fc.integer({ min: minQ, max: maxQ }),
      extra: fc.integer({ min: 0, max: maxExtra }),
      shape: fc.constantFrom(...shapes),
      s: fc.integer({ min: 1, max: 4 }),
      level: fc.integer({ min: 0, max: opts.maxLevel ?? 3 }),
      classes: fc.array(devs, { minLength: maxQ, maxLength: maxQ }),
      shift: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: maxM, maxLength: maxM }),
      noise: opts.targets === 'perturbed' ? fc.array(fc.integer({ min: -2, max: 2 }), { minLength: maxQ * maxQ, maxLength: maxQ * maxQ }) : fc.constant([] as number[]),
    })
    .map(({ Q, extra, shape, s, level, classes, shift, noise }) => {
      const M = shape === 'q-exceeds-m' ? Math.max(1, Q - 1) : Q + extra;
      const cut = classes.slice(0, Q).map((pts) => pts.map((d) => d.slice(0, M)));
      const targets = noise.length ? Array.from({ length: Q }, (_, j) => Array.from({ length: Q }, (_, i) => Rational.of((i === j ? 2 : 0) + noise[j * maxQ + i]!, 2))) : undefined;
      return build(Q, M, shape, s, level, cut, shift.slice(0, M), targets);
    });
}

function build(Q: number, M: number, shape: ClusterShape, sInt: number, level: number, devs: number[][][], shiftInts: number[], targets?: Rational[][]): ClusteredData {
  const s = Rational.int(sInt);
  const u = s.div(Rational.int(4 * M * 2 ** level));
  const quarter = u.div(Rational.int(4));
  const shift = shiftInts.map((k) => Rational.of(k, 2));
  const centre = (j: number): Rational[] =>
    Array.from({ length: M }, (_, i) => {
      // Beyond the M coordinates (Q > M), centres sit at −s·(j − M + 1)·1: still separated.
      const c = j < M ? (i === j ? s : Rational.ZERO) : s.mul(Rational.int(j - M + 1)).neg();
      return c.add(shift[i]!);
    });
  const classes: Rational[][][] = devs.map((pts, j) => pts.map((d) => vec.add(centre(j), d.map((k) => quarter.mul(Rational.int(k))))));
  if (shape === 'rank-deficient') {
    const last = classes[Q - 1]!;
    const move = vec.sub(vec.scale(mean(classes[0]!), Rational.int(2)), mean(last));
    classes[Q - 1] = last.map((p) => vec.add(p, move));
  } else if (shape === 'shared-point') {
    classes[1] = [...classes[1]!, classes[0]![0]!];
  } else if (shape === 'hull-overlap') {
    classes[1] = [...classes[1]!, mean(classes[0]!)];
  }
  const name = `search-${shape}-q${Q}-m${M}`;
  const ds = makeDataSet(name, classes.map((points, j) => ({ label: `c${j + 1}`, points })), targets);
  return { ds, shape, separation: s, deviationUnit: u };
}
