/**
 * The D1 / D2 truncation construction written point by point (tests only): the reference the
 * one builder (src/claims/d1-global-minimizers.ts, from class moments, exact extremes and a
 * working-set LP) is compared against. The separation LP sees every point, the cone layer's
 * mean and extent are taken over the points, and the output layer is the least-squares fit to
 * the curated points — so up to SMALL points per separation the two build the same network.
 */
import { vec, type Vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { roundToGrid } from '../../src/exact/grid.ts';
import { affineLeastSquaresStats, solveLeastSquares } from '../../src/exact/least-squares.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import { fromRankOneCumulative, type RankOneCumulative } from '../../src/network/cumulative.ts';
import { separate, type Separation } from '../../src/claims/separation.ts';
import { searchTruncationOrder, type ConeLayer } from '../../src/claims/truncation-order.ts';
import { identityShift } from '../../src/claims/identity-shift.ts';
import { apexOnHyperplane, coneWithApex, type D1Outcome } from '../../src/claims/d1-global-minimizers.ts';
import { abs } from '../../src/exact/rational-shorthands.ts';

/** The cone layer truncating `cls` (negative side of n) while fixing `present`. */
export function coneLayerPointwise(sep: Extract<Separation, { kind: 'separated' }>, cls: readonly Vec[], present: readonly Vec[]): ConeLayer {
  const M = sep.n.length;
  // Apex: the class mean, rounded to a 1/1024 grid (simpler numbers), projected onto the hyperplane.
  const mean = cls
    .reduce<Rational[]>((s, x) => vec.add(s, x), vec.zeros(M))
    .map((v) => roundToGrid(v.div(Rational.int(cls.length)), 1024n));
  const apex = apexOnHyperplane(sep, mean);
  // D over the points themselves (the builder takes it from exact coordinate extremes); ε by the construction's rule.
  let D = Rational.ZERO;
  for (const x of [...cls, ...present]) for (const v of vec.sub(x, apex)) D = D.max(abs(v));
  return coneWithApex(sep, apex, D);
}

/**
 * The network whose first hidden layers truncate the classes of `truncate`
 * (in an order found by depth-first search), whose remaining hidden layers fix
 * everything still present, and whose output layer is the exact least-squares
 * fit to the curated data (each truncated class at its apex). With every class
 * truncated and affinely independent apexes this interpolates: D1. With a
 * proper subset it is the D2 candidate for that subset.
 */
export function buildTruncationNetworkPointwise(ds: DataSet, L: number, truncate: readonly number[]): D1Outcome {
  const { Q, M } = ds;
  if (M < Q) return { kind: 'hypothesis-fails', reason: `needs input dimension M ≥ Q (M = ${M}, Q = ${Q})` };
  if (L < truncate.length) return { kind: 'hypothesis-fails', reason: `needs at least ${truncate.length} hidden layers to truncate ${truncate.length} classes (L = ${L})` };
  const points = ds.classes.map((c) => c.points);
  const kept = Array.from({ length: Q }, (_, j) => j).filter((j) => !truncate.includes(j));
  const found = searchTruncationOrder(
    ds,
    truncate,
    (k, rest, apexes) => {
      const present = [...rest.flatMap((r) => points[r]!), ...apexes];
      const sep = separate(points[k]!, present);
      if (sep.kind === 'separated') return coneLayerPointwise(sep, points[k]!, present);
      return sep.kind === 'unknown' ? sep.reason : undefined;
    },
    (a, b) => separate(points[a]!, points[b]!),
  );
  if ('kind' in found) return found;

  const { layers, order } = found;
  const apexes = layers.map((l) => l.apex);
  const hidden: RankOneCumulative[] = [...layers];
  // Remaining hidden layers: τ_{I, β1} fixes every present point when z + β1 > 0.
  const beta = identityShift([...kept.flatMap((j) => points[j]!), ...apexes], Rational.ONE);
  for (let l = layers.length; l < L; l++) hidden.push({ eps: Rational.ONE, n: vec.zeros(M), b: new Array<Rational>(M).fill(beta) });
  // Output: exact least squares from the curated inputs (z, 1) to the targets.
  const curated = [
    ...kept.flatMap((j) => points[j]!.map((x) => ({ x, y: ds.targets[j]! }))),
    ...order.map((j, l) => ({ x: apexes[l]!, y: ds.targets[j]!, weight: points[j]!.length })),
  ];
  const fit = solveLeastSquares(affineLeastSquaresStats(curated)).A;
  const all = Array.from({ length: Q }, (_, i) => i);
  const net = fromRankOneCumulative(hidden, { W: fit.select(all, Array.from({ length: M }, (_, k) => k)), b: fit.column(M) });
  const truncatedAt = new Array<number | null>(Q).fill(null);
  order.forEach((j, l) => (truncatedAt[j] = l + 1));
  return { kind: 'built', construction: { net, order, apexes, truncatedAt } };
}

/** D1, point by point: every class truncated, L ≥ Q. */
export function buildD1Pointwise(ds: DataSet, L: number): D1Outcome {
  if (L < ds.Q) return { kind: 'hypothesis-fails', reason: `needs L ≥ Q hidden layers (L = ${L}, Q = ${ds.Q})` };
  return buildTruncationNetworkPointwise(ds, L, Array.from({ length: ds.Q }, (_, j) => j));
}
