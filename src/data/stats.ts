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
 * Both maxima are found by a certified float filter (src/data/certified-max.ts): only
 * points whose float bound reaches the best lower bound are recomputed exactly.
 */
import { Matrix, vec, type Vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { compactOf, type IntMoments } from './compact.ts';
import { integerSums } from './integer-sums.ts';
import { TWO53, dot, exactMax, gramProjectedFilter, squaredNormFilter } from './certified-max.ts';
import type { DataSet } from './dataset.ts';
import { toNumber } from '../exact/rational-to-number.ts';
import { isInteger } from '../exact/rational-shorthands.ts';

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

/**
 * The statistics of a data set, from the compact form. Rank X̄ < Q is not an error: the
 * projector quantities are then undefined (claims needing them are not applicable).
 * Equal to the point-wise oracle (test/oracles/class-stats.ts) on every data set (tests).
 * @example classStats(loadExample('clusters-q2')).rankXbar // 2
 */
export function classStats(ds: DataSet, integer?: readonly IntMoments[]): ClassStats {
  const cd = compactOf(ds);
  const M = ds.M;
  const sums = integer ? integer.map((m) => m.sum) : cd.classes.map((c) => integerSums(c, M));
  const sizes = cd.classes.map((c) => c.count);
  const cs = cd.classes.map((c) => BigInt(c.count) * c.den);
  const means = sums.map((s, j) => s.map((v) => Rational.of(v, cs[j]!)));
  const Xbar = Matrix.fromColumns(means);
  const rankXbar = Xbar.rank();
  const Y = Matrix.fromColumns(ds.targets);

  let delta2 = Rational.ZERO;
  const normFilter = squaredNormFilter(M);
  cd.classes.forEach((c, j) => {
    const { best } = exactMax(c, M, sums[j]!, normFilter, (u) => dot(u, u));
    delta2 = delta2.max(Rational.of(best, cs[j]! * cs[j]!));
  });

  if (rankXbar < ds.Q) return { sizes, means, Xbar, rankXbar, Y, delta2, Xpinv: undefined, P: undefined, deltaP2: undefined };

  const Xpinv = Xbar.pinv();
  const Z = sums;
  const H = Matrix.fromRows(Z.map((a) => Z.map((b) => dot(a, b))));
  const detH = H.det();
  const Hinv = H.inverse();
  const adj = Hinv
    .scale(detH)
    .toRows()
    .map((row) =>
      row.map((v) => {
        if (!isInteger(v)) throw new Error('internal: adjugate of an integer matrix is not integral');
        return v.num;
      }),
    );
  // The float filter needs Z and H⁻¹ in float64: exact integers below 2^53, correctly rounded H⁻¹.
  const zOk = Z.every((col) => col.every((v) => (v < 0n ? -v : v) < BigInt(TWO53)));
  const projFilter = zOk
    ? gramProjectedFilter(
        Z.map((col) => Float64Array.from(col, Number)),
        Float64Array.from(Hinv.data, (r) => toNumber(r)),
        M,
      )
    : undefined;
  let deltaP2 = Rational.ZERO;
  let deltaP2At: [number, number] = [0, 0];
  cd.classes.forEach((c, j) => {
    const { best, at } = exactMax(
      c,
      M,
      sums[j]!,
      projFilter,
      (u) => {
        const v = Z.map((col) => dot(col, u));
        return dot(v, adj.map((row) => dot(row, v)));
      },
    );
    // best is |PΔ|² scaled: w = vᵀ adj v, |PΔx|² = w / (det H · c²). The float filter compares |Pu|²,
    // which is w/det H for every row of this class: the same order.
    const v = Rational.of(best, detH.num * cs[j]! * cs[j]!);
    if (v.gt(deltaP2)) (deltaP2 = v), (deltaP2At = [j, at]);
  });
  // P (M×M long fractions: 6·10^5 reductions at M = 784) is formed only when a caller reads it;
  // nothing above needs it (δ_P² goes through Z and adj(H)).
  let P: Matrix | undefined;
  return {
    sizes,
    means,
    Xbar,
    rankXbar,
    Y,
    delta2,
    Xpinv,
    get P(): Matrix {
      return (P ??= Xbar.mul(Xpinv));
    },
    deltaP2,
    deltaP2At,
  };
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
