/**
 * D1 (SPEC §4): for L ≥ Q hidden layers and sufficiently clustered data, an
 * explicit network of cost 0. Hidden layer ℓ ≤ Q truncates one class: in
 * cumulative form W^(ℓ) = 1·nᵀ + ε I, b^(ℓ) = −W^(ℓ)θ, where n strictly
 * separates the class (negative side) from everything still present (other
 * classes, earlier apexes), θ lies on the separating hyperplane and
 * 0 < ε < γ/D. Layers past Q fix the apexes; the output layer maps apex ℓ to
 * its class target. Class orders are searched (depth-first) when one fails.
 */
import { Matrix, vec, type Vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { roundToGrid } from '../exact/grid.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { fromCumulative } from '../network/cumulative.ts';
import { separate, type Separation } from './separation.ts';
import { searchTruncationOrder } from './truncation-order.ts';
import { affineLeastSquaresStats, solveLeastSquares } from '../exact/least-squares.ts';
import { identityShift } from './identity-shift.ts';

export interface D1Construction {
  readonly net: Network;
  /** Classes (0-based) in the order the hidden layers truncate them. */
  readonly order: number[];
  /** θ_ℓ for ℓ = 1..Q (the apex of the layer truncating order[ℓ−1]). */
  readonly apexes: Rational[][];
  /** Per class (0-based): the hidden layer (1-based) that truncates it, or null when it is kept. */
  readonly truncatedAt: (number | null)[];
}

export type D1Outcome =
  | { readonly kind: 'built'; readonly construction: D1Construction }
  | { readonly kind: 'hypothesis-fails'; readonly reason: string; readonly overlap?: { classes: [number, number]; lambda: Rational[]; mu: Rational[] } }
  | { readonly kind: 'inconclusive'; readonly reason: string };

/** One truncation layer in cumulative form. */
export interface ConeLayer {
  readonly W: Matrix;
  readonly b: Rational[];
  readonly apex: Rational[];
}

/** The cone layer truncating `cls` (negative side of n) while fixing `present`. */
export function coneLayer(sep: Extract<Separation, { kind: 'separated' }>, cls: readonly Vec[], present: readonly Vec[]): ConeLayer {
  const M = sep.n.length;
  // Apex: the class mean, rounded to a 1/1024 grid (simpler numbers), projected onto the hyperplane.
  const mean = cls
    .reduce<Rational[]>((s, x) => vec.add(s, x), vec.zeros(M))
    .map((v) => roundToGrid(v.div(Rational.int(cls.length)), 1024n));
  const shift = sep.c.sub(vec.dot(sep.n, mean)).div(vec.norm2(sep.n));
  const apex = vec.add(mean, vec.scale(sep.n, shift));
  let D = Rational.ZERO;
  for (const x of [...cls, ...present]) for (const v of vec.sub(x, apex)) D = D.max(v.abs());
  // ε: the largest power of 2 not above γ/(2D), so that εD < γ with room to spare.
  const target = sep.gamma.div(D.mul(Rational.int(2)));
  let eps = Rational.ONE;
  while (eps.gt(target)) eps = eps.div(Rational.int(2));
  while (eps.mul(Rational.int(2)).le(target)) eps = eps.mul(Rational.int(2));
  const nSum = sep.n.reduce((s, v) => s.add(v), Rational.ZERO);
  if (eps.eq(nSum.neg())) eps = eps.div(Rational.int(2)); // keeps W = 1nᵀ + εI invertible
  const W = Matrix.outer(new Array<Rational>(M).fill(Rational.ONE), sep.n).add(Matrix.identity(M).scale(eps));
  return { W, b: W.mulVec(apex).map((v) => v.neg()), apex };
}

/**
 * The network whose first hidden layers truncate the classes of `truncate`
 * (in an order found by depth-first search), whose remaining hidden layers fix
 * everything still present, and whose output layer is the exact least-squares
 * fit to the curated data (each truncated class at its apex). With every class
 * truncated and affinely independent apexes this interpolates: D1. With a
 * proper subset it is the D2 candidate for that subset.
 */
export function buildTruncationNetwork(ds: DataSet, L: number, truncate: readonly number[]): D1Outcome {
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
      return sep.kind === 'separated' ? coneLayer(sep, points[k]!, present) : undefined;
    },
    (a, b) => separate(points[a]!, points[b]!),
  );
  if ('kind' in found) return found;

  const { layers, order } = found;
  const apexes = layers.map((l) => l.apex);
  const Ws: Matrix[] = layers.map((l) => l.W);
  const bs: Rational[][] = layers.map((l) => l.b);
  // Remaining hidden layers: τ_{I, β1} fixes every present point when z + β1 > 0.
  const beta = identityShift([...kept.flatMap((j) => points[j]!), ...apexes], Rational.ONE);
  for (let l = layers.length; l < L; l++) {
    Ws.push(Matrix.identity(M));
    bs.push(new Array<Rational>(M).fill(beta));
  }
  // Output: exact least squares from the curated inputs (z, 1) to the targets.
  const curated = [
    ...kept.flatMap((j) => points[j]!.map((x) => ({ x, y: ds.targets[j]! }))),
    ...order.map((j, l) => ({ x: apexes[l]!, y: ds.targets[j]!, weight: points[j]!.length })),
  ];
  const fit = solveLeastSquares(affineLeastSquaresStats(curated)).A;
  const all = Array.from({ length: Q }, (_, i) => i);
  Ws.push(fit.select(all, Array.from({ length: M }, (_, k) => k)));
  bs.push(fit.column(M));
  const net = fromCumulative({ W: Ws, b: bs });
  const truncatedAt = new Array<number | null>(Q).fill(null);
  order.forEach((j, l) => (truncatedAt[j] = l + 1));
  return { kind: 'built', construction: { net, order, apexes, truncatedAt } };
}

/** D1: every class truncated, L ≥ Q. */
export function buildD1(ds: DataSet, L: number): D1Outcome {
  if (L < ds.Q) return { kind: 'hypothesis-fails', reason: `needs L ≥ Q hidden layers (L = ${L}, Q = ${ds.Q})` };
  return buildTruncationNetwork(ds, L, Array.from({ length: ds.Q }, (_, j) => j));
}
