/**
 * Class statistics of SPEC §1: sizes, means x̄_j, X̄, its rank, X̄⁺, P = X̄X̄⁺,
 * and the noise sizes δ² = max|Δx|², δ_P² = max|PΔx|², all exact.
 *
 * Why the integer detour: per class, with D_j the common denominator of its
 * coordinates, z = D_j·x is an integer vector, S_j = Σ z and
 * N_j·D_j·Δx = N_j·z − S_j =: u is an integer vector. So |Δx|² = |u|²/(N_j D_j)²
 * and, with Z = [S_1 … S_Q] (integer, same column span as X̄),
 * |PΔx|² = (Zᵀu)ᵀ adj(ZᵀZ) (Zᵀu) / (det(ZᵀZ)·(N_j D_j)²):
 * one integer matrix-vector product and one integer quadratic form per point,
 * no fractions and no P per point (P is invariant under column scaling of X̄).
 */
import { Matrix, vec, type Vec } from '../exact/matrix.ts';
import { Rational, commonDenominator, overCommonDenominator } from '../exact/rational.ts';
import type { DataSet } from './dataset.ts';

export interface ClassStats {
  /** N_j. */
  readonly sizes: number[];
  /** x̄_j, M-vectors. */
  readonly means: Rational[][];
  /** M×Q, columns x̄_j. */
  readonly Xbar: Matrix;
  readonly rankXbar: number;
  /** Q×Q, columns y_j. */
  readonly Y: Matrix;
  /** δ² = max over all points of |x − x̄_j|². */
  readonly delta2: Rational;
  /** Q×M, (X̄ᵀX̄)⁻¹X̄ᵀ; undefined when rank X̄ < Q. */
  readonly Xpinv: Matrix | undefined;
  /** M×M, X̄X̄⁺, the orthogonal projector onto span{x̄_j}; undefined when rank X̄ < Q. */
  readonly P: Matrix | undefined;
  /** δ_P² = max |PΔx|²; undefined when rank X̄ < Q. */
  readonly deltaP2: Rational | undefined;
  /** A data point [class, index] (0-based) where |PΔx|² = δ_P², when known: S1's certificate names it. */
  readonly deltaP2At?: readonly [number, number];
}

/** One class scaled to integers: u_i = N_j·D_j·Δx_i, with c = N_j·D_j. */
interface IntegerClass {
  readonly sum: bigint[];
  readonly c: bigint;
  readonly u: bigint[][];
}

function integerClass(points: readonly (readonly Rational[])[]): IntegerClass {
  const D = commonDenominator(points.flat());
  const z = points.map((p) => overCommonDenominator(p, D).ints);
  const M = z[0]!.length;
  const sum = new Array<bigint>(M).fill(0n);
  for (const zi of z) for (let k = 0; k < M; k++) sum[k]! += zi[k]!;
  const n = BigInt(points.length);
  return { sum, c: n * D, u: z.map((zi) => zi.map((v, k) => n * v - sum[k]!)) };
}

function dot(a: readonly bigint[], b: readonly bigint[]): bigint {
  let s = 0n;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/**
 * The statistics of a data set. Rank X̄ < Q is not an error: the projector
 * quantities are then undefined (claims needing them are not applicable).
 * @example classStats(loadExample('clusters-q2')).rankXbar // 2
 */
export function classStats(ds: DataSet): ClassStats {
  const ints = ds.classes.map((c) => integerClass(c.points));
  const means = ints.map(({ sum, c }) => sum.map((s) => Rational.of(s, c)));
  const Xbar = Matrix.fromColumns(means);
  const rankXbar = Xbar.rank();
  const Y = Matrix.fromColumns(ds.targets);

  let delta2 = Rational.ZERO;
  for (const { u, c } of ints) {
    const best = u.reduce((m, ui) => (dot(ui, ui) > m ? dot(ui, ui) : m), 0n);
    delta2 = delta2.max(Rational.of(best, c * c));
  }

  if (rankXbar < ds.Q) return { sizes: sizes(ds), means, Xbar, rankXbar, Y, delta2, Xpinv: undefined, P: undefined, deltaP2: undefined };

  const Xpinv = Xbar.pinv();
  const P = Xbar.mul(Xpinv);
  // adj(H) = det(H)·H⁻¹ for the integer Gram matrix H = ZᵀZ (positive definite here).
  const Z = ints.map((k) => k.sum); // columns of Z
  const H = Matrix.fromRows(Z.map((a) => Z.map((b) => dot(a, b))));
  const detH = H.det();
  const adj = H.inverse().scale(detH).toRows().map((row) =>
    row.map((v) => {
      if (!v.isInteger()) throw new Error('internal: adjugate of an integer matrix is not integral');
      return v.num;
    }),
  );
  let deltaP2 = Rational.ZERO;
  for (const { u, c } of ints) {
    let best = 0n;
    for (const ui of u) {
      const v = Z.map((col) => dot(col, ui));
      const w = dot(v, adj.map((row) => dot(row, v)));
      if (w > best) best = w;
    }
    deltaP2 = deltaP2.max(Rational.of(best, detH.num * c * c));
  }
  return { sizes: sizes(ds), means, Xbar, rankXbar, Y, delta2, Xpinv, P, deltaP2 };
}

function sizes(ds: DataSet): number[] {
  return ds.classes.map((c) => c.points.length);
}

/**
 * Δx = x − x̄_j for a 0-based class index j.
 * @example deviation(stats, 0, ds.classes[0].points[0])
 */
export function deviation(stats: ClassStats, j: number, x: Vec): Rational[] {
  const mean = stats.means[j];
  if (!mean) throw new RangeError(`no class ${j} (there are ${stats.means.length})`);
  if (x.length !== mean.length) throw new RangeError(`a ${x.length}-vector is not in R^${mean.length}`);
  return vec.sub(x, mean);
}
