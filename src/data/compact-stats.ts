/**
 * Class moments and class statistics from the compact representation (issue #8):
 * the same exact results as classMoments (moments.ts) and classStats (stats.ts),
 * computed without a Rational or BigInt per coordinate.
 *
 * - Sums Σz and Σzzᵀ of the integer coordinates z = D_j·x are accumulated in
 *   float64 in chunks short enough that every partial sum stays below 2^53 (so
 *   every addition is exact), then flushed into BigInt.
 * - δ² = max|Δx|² and δ_P² = max|PΔx|² use a certified float filter: per point a
 *   float value with a rigorous error bound; only points whose upper bound
 *   reaches the largest lower bound are recomputed exactly (integers, as in
 *   stats.ts). The maximum is therefore exact.
 * Classes whose integers are too large for these float paths use plain BigInt.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { compactOf, integerMoments, type CompactClass, type IntMoments } from './compact.ts';
import type { DataSet } from './dataset.ts';
import type { ClassMoments } from './moments.ts';
import type { ClassStats } from './stats.ts';

const TWO53 = 2 ** 53;
const U2 = 2 ** -52;

/**
 * Exactly classMoments(ds) (src/data/moments.ts), from the compact form.
 * @example classMomentsFast(ds)[0].sum
 */
export function classMomentsFast(ds: DataSet): ClassMoments[] {
  const cd = compactOf(ds);
  const M = ds.M;
  return cd.classes.map((c) => {
    const m = integerMoments(c, M);
    const D = c.den;
    const D2 = D * D;
    const second = new Array<Rational>(M * M);
    for (let a = 0; a < M; a++)
      for (let b = a; b < M; b++) {
        const v = Rational.of(m.second[a * M + b]!, D2);
        second[a * M + b] = v;
        second[b * M + a] = v;
      }
    return { count: c.count, sum: m.sum.map((v) => Rational.of(v, D)), second: new Matrix(M, M, second) };
  });
}

function dot(a: readonly bigint[], b: readonly bigint[]): bigint {
  let s = 0n;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** u = n·z_i − S (exact BigInt) for row i. */
function uBig(c: CompactClass, M: number, i: number, S: readonly bigint[]): bigint[] {
  const n = BigInt(c.count);
  const u = new Array<bigint>(M);
  for (let k = 0; k < M; k++) u[k] = n * (c.f64 ? BigInt(c.f64[i * M + k]!) : c.big![i * M + k]!) - S[k]!;
  return u;
}

/**
 * max over rows of `exact(u_i)`, where `approx` gives a float value and a rigorous error
 * bound for each row's u (as float64, exact integers). Rows are recomputed exactly only
 * when their upper bound reaches the best lower bound. Falls back to exact on every row
 * when u is not exactly representable in float64.
 */
function exactMax(
  c: CompactClass,
  M: number,
  S: readonly bigint[],
  approx: (u: Float64Array) => { f: number; err: number },
  exact: (u: bigint[]) => bigint,
): { best: bigint; at: number } {
  const n = c.count;
  const Sf = S.map((v) => Number(v));
  const floatOk = !!c.f64 && 2 * n * c.maxAbs < TWO53 && S.every((v) => (v < 0n ? -v : v) < BigInt(TWO53));
  if (!floatOk) {
    let best = 0n;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const w = exact(uBig(c, M, i, S));
      if (w > best) (best = w), (at = i);
    }
    return { best, at };
  }
  const z = c.f64!;
  const u = new Float64Array(M);
  const hi = new Float64Array(n);
  let lower = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < M; k++) u[k] = n * z[i * M + k]! - Sf[k]!; // exact: integers below 2^53
    const { f, err } = approx(u);
    hi[i] = f + err;
    if (f - err > lower) lower = f - err;
  }
  let best = 0n;
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (hi[i]! < lower || hi[i]! <= 0) continue; // exact ≤ hi: cannot beat the best (or is 0)
    const w = exact(uBig(c, M, i, S));
    if (w > best) (best = w), (at = i);
  }
  return { best, at };
}

/** A float value f of an exact integer-valued quantity of u, with |f − exact| ≤ err (docs/float-bounds.md). */
export type CertifiedFilter = (u: Float64Array) => { f: number; err: number };

/**
 * |u|² for integer vectors u (|u_k| < 2^53): γ_M·f from the summation, doubled; no term for
 * underflow (integers) or overflow (f ≤ M·2^106).
 */
export function squaredNormFilter(M: number): CertifiedFilter {
  const slack = (M + 2) * U2;
  return (u) => {
    let f = 0;
    for (let k = 0; k < M; k++) f += u[k]! * u[k]!;
    return { f, err: f * slack };
  };
}

const ETA = 2 ** -1074;
const MIN_NORMAL = 2 ** -1022;

/**
 * |P̃u|² for integer vectors u and the float projector P̃ (|P_ik| ≤ 1: no overflow). Per row,
 * e_i = slack·Σ|P̃_ik||u_k| + (M+2)·2^-1074 bounds |(P̃u)_i − (Pu)_i| (rounding of P and of the
 * dot product; a subnormal P̃_ik counts as 2^-1022, products that underflow as the last
 * term); then |Σs² − Σp²| ≤ Σ e_i(2|s_i| + e_i) plus the rounding of the sum of squares.
 */
export function projectedNormFilter(Pf: Float64Array, M: number): CertifiedFilter {
  const slack = (M + 2) * U2;
  const absP = Pf.map((w) => (w === 0 ? 0 : Math.max(Math.abs(w), MIN_NORMAL)));
  return (u) => {
    let err = 0;
    let f = 0;
    for (let i = 0; i < M; i++) {
      let s = 0;
      let a = 0;
      for (let k = 0; k < M; k++) {
        s += Pf[i * M + k]! * u[k]!;
        a += absP[i * M + k]! * Math.abs(u[k]!);
      }
      const e = slack * a + (M + 2) * ETA;
      err += e * (2 * Math.abs(s) + e);
      f += s * s;
    }
    return { f, err: (err + slack * f + (2 * M + 4) * ETA) * 1.01 };
  };
}

/**
 * Exactly classStats(ds) (src/data/stats.ts), from the compact form.
 * @example classStatsFast(loadExample('clusters-q2')).rankXbar // 2
 */
export function classStatsFast(ds: DataSet, integer?: readonly IntMoments[]): ClassStats {
  const cd = compactOf(ds);
  const M = ds.M;
  const sums = integer ? integer.map((m) => m.sum) : cd.classes.map((c) => integerMoments(c, M).sum);
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
  const P = Xbar.mul(Xpinv);
  const Z = sums;
  const H = Matrix.fromRows(Z.map((a) => Z.map((b) => dot(a, b))));
  const detH = H.det();
  const adj = H.inverse()
    .scale(detH)
    .toRows()
    .map((row) =>
      row.map((v) => {
        if (!v.isInteger()) throw new Error('internal: adjugate of an integer matrix is not integral');
        return v.num;
      }),
    );
  const Pf = new Float64Array(M * M);
  for (let k = 0; k < M * M; k++) Pf[k] = P.data[k]!.toNumber();
  const projFilter = projectedNormFilter(Pf, M);
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
  return { sizes, means, Xbar, rankXbar, Y, delta2, Xpinv, P, deltaP2, deltaP2At };
}
