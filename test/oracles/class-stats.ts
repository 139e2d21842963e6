/**
 * Point-wise reference versions of the class statistics and class moments (test oracles):
 * one Rational or BigInt per coordinate, no float filter, no compact storage. The toolkit's
 * classStats (src/data/stats.ts) and classMoments (src/data/moments.ts) must equal these
 * exactly; tests compare them on random data above and below every size threshold.
 *
 * Why the integer detour: per class, with D_j the common denominator of its
 * coordinates, z = D_j·x is an integer vector, S_j = Σ z and
 * N_j·D_j·Δx = N_j·z − S_j =: u is an integer vector. So |Δx|² = |u|²/(N_j D_j)²
 * and, with Z = [S_1 … S_Q] (integer, same column span as X̄),
 * |PΔx|² = (Zᵀu)ᵀ adj(ZᵀZ) (Zᵀu) / (det(ZᵀZ)·(N_j D_j)²).
 */
import { Matrix } from '../../src/exact/matrix.ts';
import { Rational, commonDenominator, overCommonDenominator } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { ClassStats } from '../../src/data/stats.ts';
import type { ClassMoments } from '../../src/data/moments.ts';
import { isInteger } from '../../src/exact/rational-shorthands.ts';

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
 * @example classStatsPointwise(loadExample('clusters-q2')).rankXbar // 2
 */
export function classStatsPointwise(ds: DataSet): ClassStats {
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
      if (!isInteger(v)) throw new Error('internal: adjugate of an integer matrix is not integral');
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
 * Class moments computed on integers: every coordinate of a class is scaled
 * by the lcm of the class's denominators, summed as BigInt, and divided once
 * at the end. This avoids a gcd per addition, which dominates on large data.
 */
export function classMomentsPointwise(ds: DataSet): ClassMoments[] {
  return ds.classes.map((c) => {
    const M = ds.M;
    const D = commonDenominator(c.points.flat());
    const s = new Array<bigint>(M).fill(0n);
    const S = new Array<bigint>(M * M).fill(0n);
    const ints = new Array<bigint>(M);
    for (const p of c.points) {
      for (let k = 0; k < M; k++) {
        const v = p[k]!;
        ints[k] = v.den === D ? v.num : v.num * (D / v.den);
        s[k]! += ints[k]!;
      }
      for (let a = 0; a < M; a++) {
        const ia = ints[a]!;
        if (ia === 0n) continue;
        for (let b = a; b < M; b++) S[a * M + b]! += ia * ints[b]!;
      }
    }
    const D2 = D * D;
    const second = new Array<Rational>(M * M);
    for (let a = 0; a < M; a++)
      for (let b = a; b < M; b++) {
        const v = Rational.of(S[a * M + b]!, D2);
        second[a * M + b] = v;
        second[b * M + a] = v;
      }
    return { count: c.points.length, sum: s.map((v) => Rational.of(v, D)), second: new Matrix(M, M, second) };
  });
}
