/**
 * D1 (SPEC §4): for L ≥ Q hidden layers and sufficiently clustered data, an
 * explicit network of cost 0. Hidden layer ℓ ≤ Q truncates one class: in
 * cumulative form W^(ℓ) = 1·nᵀ + ε I, b^(ℓ) = −W^(ℓ)θ, where n strictly
 * separates the class (negative side) from everything still present (other
 * classes, earlier apexes), θ lies on the separating hyperplane and
 * 0 < ε < γ/D. Layers past Q fix the apexes; the output layer maps apex ℓ to
 * its class target. Class orders are searched (depth-first) when one fails.
 *
 * One builder for every command (verify, prove, latex, decide) and every N: computed from the
 * compact data — class moments, exact coordinate extremes and exact extremes of linear
 * functionals — never per point. Separations go through point-set-separation.ts (the LP sees
 * every point up to SMALL points, a working set above, exact on all points either way).
 * test/d1-global-minimizers.test.ts compares it with the per-point construction
 * (test/oracles/d1-pointwise.ts) on random data below and above SMALL.
 */
import { Matrix, vec, type Vec } from '../exact/matrix.ts';
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import { IntegerSum } from '../exact/integer-sum.ts';
import { roundToGrid } from '../exact/grid.ts';
import { solveLeastSquares } from '../exact/least-squares.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf } from '../data/compact.ts';
import { classMoments } from '../data/moments.ts';
import { coordinateExtremesOnce } from '../network/class-extremes.ts';
import type { ClassMoments } from '../data/moments.ts';
import type { Network } from '../network/network.ts';
import { fromRankOneCumulative, type RankOneCumulative } from '../network/cumulative.ts';
import { Deadline } from '../util/deadline.ts';
import type { Separation } from './separation.ts';
import { SeparationMemo, type PointSet } from './point-set-separation.ts';
import { searchTruncationOrder, type ConeLayer, type TruncationFailure } from './truncation-order.ts';
import { identityShift } from './identity-shift.ts';
import { abs } from '../exact/rational-shorthands.ts';

export interface D1Construction {
  readonly net: Network;
  /** Classes (0-based) in the order the hidden layers truncate them. */
  readonly order: number[];
  /** θ_ℓ for ℓ = 1..Q (the apex of the layer truncating order[ℓ−1]). */
  readonly apexes: Rational[][];
  /** Per class (0-based): the hidden layer (1-based) that truncates it, or null when it is kept. */
  readonly truncatedAt: (number | null)[];
}

/** The construction, or why there is none (a failed hypothesis with its certificate, or an undecided search). */
export type D1Outcome = { readonly kind: 'built'; readonly construction: D1Construction } | TruncationFailure;

/** W θ for W = ε I + 1 nᵀ, in O(M). */
export function coneApply(eps: Rational, n: readonly Rational[], x: readonly Rational[]): Rational[] {
  const nx = vec.dot([...n], [...x]);
  return x.map((v) => eps.mul(v).add(nx));
}

/** Shared inputs of the truncation construction (all optional). */
export interface TruncationOptions {
  /** Class moments (computed when absent). */
  readonly moments?: readonly ClassMoments[];
  /** Checked in the order search and in every separation round. */
  readonly deadline?: Deadline;
  /** Separations shared with other constructions on the same data. */
  readonly memo?: SeparationMemo;
  /**
   * Look for a pairwise convex overlap (class of `truncate` against any other class)
   * before the order search: if one exists no order works, whatever the search does.
   * Worth it when the pairs are shared (D2), not for one construction.
   */
  readonly pairsFirst?: boolean;
}

/**
 * The cone layer truncating class `cls` (negative side of the separating normal) while fixing
 * `present`: apex = the class mean rounded to a 1/1024 grid and projected onto the hyperplane;
 * ε = the largest power of 2 with ε·D ≤ γ/2, D the largest coordinate distance from the apex
 * to a point of the class or of `present` (exact, from the coordinate extremes).
 */
function coneLayer(
  ds: DataSet,
  sep: Extract<Separation, { kind: 'separated' }>,
  cls: number,
  present: PointSet,
  moments: readonly ClassMoments[],
  extremes: readonly { max: Rational[]; min: Rational[] }[],
): ConeLayer {
  const M = sep.n.length;
  const m = moments[cls]!;
  const mean = m.sum.map((v) => roundToGrid(v.div(Rational.int(m.count)), 1024n));
  const apex = apexOnHyperplane(sep, mean);
  let D = Rational.ZERO;
  for (const j of [cls, ...present.classes])
    for (let k = 0; k < M; k++) D = D.max(abs(extremes[j]!.max[k]!.sub(apex[k]!))).max(abs(extremes[j]!.min[k]!.sub(apex[k]!)));
  for (const x of present.extra) for (const v of vec.sub(x, apex)) D = D.max(abs(v));
  return coneWithApex(sep, apex, D);
}

/** The point of the hyperplane n·x = c nearest to `mean` (the cone layer's apex). */
export function apexOnHyperplane(sep: Extract<Separation, { kind: 'separated' }>, mean: Vec): Rational[] {
  return vec.add(mean, vec.scale(sep.n, sep.c.sub(vec.dot(sep.n, mean)).div(vec.norm2(sep.n))));
}

/**
 * The cone layer with this apex, for points within coordinate distance D of it: ε is the largest power of 2 with
 * ε·D ≤ γ/2, halved once more when ε = −Σn (which keeps W = 1nᵀ + εI invertible).
 */
export function coneWithApex(sep: Extract<Separation, { kind: 'separated' }>, apex: Rational[], D: Rational): ConeLayer {
  const target = sep.gamma.div(D.mul(Rational.int(2)));
  let eps = Rational.ONE;
  while (eps.gt(target)) eps = eps.div(Rational.int(2));
  while (eps.mul(Rational.int(2)).le(target)) eps = eps.mul(Rational.int(2));
  const nSum = sep.n.reduce((s, v) => s.add(v), Rational.ZERO);
  if (eps.eq(nSum.neg())) eps = eps.div(Rational.int(2));
  return { eps, n: sep.n, b: coneApply(eps, sep.n, apex).map((v) => v.neg()), apex };
}

/** A class's [[Σxxᵀ, Σx], [Σxᵀ, n]] and [Σx, n] over common denominators, once per class. */
const momentForms = new WeakMap<ClassMoments, { g: { ints: bigint[]; den: bigint }; z: { ints: bigint[]; den: bigint } }>();
function momentForm(m: ClassMoments): { g: { ints: bigint[]; den: bigint }; z: { ints: bigint[]; den: bigint } } {
  let f = momentForms.get(m);
  if (!f) {
    const M = m.sum.length;
    const d = M + 1;
    const n = Rational.int(m.count);
    const g = new Array<Rational>(d * d);
    for (let a = 0; a < M; a++) {
      for (let b = 0; b < M; b++) g[a * d + b] = m.second.get(a, b);
      g[a * d + M] = m.sum[a]!;
      g[M * d + a] = m.sum[a]!;
    }
    g[M * d + M] = n;
    momentForms.set(m, (f = { g: overCommonDenominator(g), z: overCommonDenominator([...m.sum, n]) }));
  }
  return f;
}

/** (θ, 1) over a common denominator, once per apex. */
const apexForms = new WeakMap<readonly Rational[], { ints: bigint[]; den: bigint }>();
function apexForm(apex: readonly Rational[]): { ints: bigint[]; den: bigint } {
  let f = apexForms.get(apex);
  if (!f) apexForms.set(apex, (f = overCommonDenominator([...apex, Rational.ONE])));
  return f;
}

/** coneLayer of a separation (a separation object answers for one class and one present set, on one data set). */
const layersBySeparation = new WeakMap<Separation, ConeLayer>();

/**
 * The network whose first hidden layers truncate the classes of `truncate` (in an order found
 * by depth-first search), whose remaining hidden layers fix everything still present, and whose
 * output layer is the exact least-squares fit to the curated data (each truncated class at its
 * apex). With every class truncated and affinely independent apexes this interpolates: D1.
 * With a proper subset it is the D2 candidate for that subset.
 */
export function buildTruncationNetwork(ds: DataSet, L: number, truncate: readonly number[], options: TruncationOptions = {}): D1Outcome {
  const moments = options.moments ?? classMoments(ds);
  const deadline = options.deadline ?? Deadline.none();
  const memo = options.memo ?? new SeparationMemo();
  const { Q, M } = ds;
  if (M < Q) return { kind: 'hypothesis-fails', reason: `needs input dimension M ≥ Q (M = ${M}, Q = ${Q})` };
  if (L < truncate.length) return { kind: 'hypothesis-fails', reason: `needs at least ${truncate.length} hidden layers to truncate ${truncate.length} classes (L = ${L})` };
  const cd = compactOf(ds);
  const extremes = cd.classes.map((c) => coordinateExtremesOnce(c, M)); // once per class, not per candidate
  const kept = Array.from({ length: Q }, (_, j) => j).filter((j) => !truncate.includes(j));
  const single = (j: number): PointSet => ({ classes: [j], extra: [] });
  const found = searchTruncationOrder(
    ds,
    truncate,
    (k, rest, apexes) => {
      const present: PointSet = { classes: rest, extra: apexes };
      const sep = memo.separate(ds, single(k), present, deadline);
      if (sep.kind === 'separated') {
        // One layer per separation: the memo returns the same object for the same class and present set.
        let layer = layersBySeparation.get(sep);
        if (!layer) layersBySeparation.set(sep, (layer = coneLayer(ds, sep, k, present, moments, extremes)));
        return layer;
      }
      return sep.kind === 'unknown' ? sep.reason : undefined;
    },
    (a, b) => memo.separate(ds, single(a), single(b), deadline),
    { deadline, pairsFirst: !!options.pairsFirst, moments },
  );
  if ('kind' in found) return found;

  const { layers, order } = found;
  const apexes = layers.map((l) => l.apex);
  const hidden: RankOneCumulative[] = [...layers];
  // Remaining hidden layers: τ_{I, β1} fixes every present point when z + β1 > 0 (the kept
  // classes' exact coordinate minima stand for their points).
  const beta = identityShift([...kept.map((j) => extremes[j]!.min), ...apexes], Rational.ONE);
  for (let l = layers.length; l < L; l++) hidden.push({ eps: Rational.ONE, n: vec.zeros(M), b: new Array<Rational>(M).fill(beta) });
  // Output: exact least squares from the curated inputs (z, 1) to the targets, from moments.
  const d = M + 1;
  // Summed in integers over one denominator (the class parts once per class, each apex's
  // coordinates once per apex): the same G, B, S as adding the Rational matrices.
  const G = new IntegerSum(d * d);
  const B = new IntegerSum(Q * d);
  let S = Rational.ZERO;
  const target = (j: number) => overCommonDenominator(ds.targets[j]!);
  for (const j of kept) {
    const m = moments[j]!;
    const { g, z } = momentForm(m);
    G.add(g.ints, g.den);
    const y = target(j);
    B.addOuter(y.ints, y.den, z.ints, z.den);
    S = S.add(vec.norm2(ds.targets[j]!).mul(Rational.int(m.count)));
  }
  order.forEach((j, l) => {
    const w = BigInt(moments[j]!.count);
    const za = apexForm(apexes[l]!);
    G.addOuter(za.ints, za.den, za.ints, za.den, w);
    const y = target(j);
    B.addOuter(y.ints, y.den, za.ints, za.den, w);
    S = S.add(vec.norm2(ds.targets[j]!).mul(Rational.int(w)));
  });
  // [W | b] of the output over one denominator (no gcd per entry; fromRankOneCumulative reduces once).
  const fit = solveLeastSquares({ G: new Matrix(d, d, G.values()), B: new Matrix(Q, d, B.values()), S }).overDenominator();
  // Per-layer parameters by Sherman–Morrison (the cumulative layers are ε I + 1 nᵀ): fromCumulative's network.
  const net = fromRankOneCumulative(hidden, { M, ints: fit.ints, den: fit.den });
  const truncatedAt = new Array<number | null>(Q).fill(null);
  order.forEach((j, l) => (truncatedAt[j] = l + 1));
  return { kind: 'built', construction: { net, order, apexes, truncatedAt } };
}

/** D1: every class truncated, L ≥ Q. */
export function buildD1(ds: DataSet, L: number, options: TruncationOptions = {}): D1Outcome {
  if (L < ds.Q) return { kind: 'hypothesis-fails', reason: `needs L ≥ Q hidden layers (L = ${L}, Q = ${ds.Q})` };
  return buildTruncationNetwork(ds, L, Array.from({ length: ds.Q }, (_, j) => j), options);
}
