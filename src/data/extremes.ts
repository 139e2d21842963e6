/**
 * Exact extremes of linear functionals over the points of a class, from the
 * compact form: max and min of w·x over the class for a rational
 * vector w, and the coordinate-wise extremes. w is scaled to an integer vector,
 * so w·z is an integer; it is computed in float64 whenever Σ|w_k|·max|z| < 2^53
 * (then every partial sum is an exact integer), else in BigInt.
 */
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import type { CompactClass } from './compact.ts';
import { toNumber } from '../exact/rational-to-number.ts';
import { min } from '../exact/rational-shorthands.ts';

const TWO53 = 2 ** 53;

/** w (rational) as an integer vector times 1/scale. */
export function integerForm(w: readonly Rational[]): { ints: bigint[]; scale: bigint } {
  const { ints, den } = overCommonDenominator(w);
  return { ints, scale: den };
}

/** Whether w·z can be evaluated exactly in float64 for this class. */
function floatExact(c: CompactClass, ints: readonly bigint[]): Float64Array | undefined {
  if (!c.f64) return undefined;
  let s = 0;
  for (const v of ints) s += Math.abs(Number(v));
  if (!(s * c.maxAbs < TWO53 / 2) || ints.some((v) => (v < 0n ? -v : v) >= BigInt(TWO53))) return undefined;
  return Float64Array.from(ints, Number);
}

/**
 * The values w·z_i (integers) of all rows as float64 (exact when `exact`), for filtering.
 */
export function linearValues(c: CompactClass, M: number, w: readonly Rational[]): { values: Float64Array; exact: boolean; ints: bigint[]; scale: bigint } {
  const { ints, scale } = integerForm(w);
  const wf = floatExact(c, ints);
  const values = new Float64Array(c.count);
  if (wf) {
    const z = c.f64!;
    for (let i = 0; i < c.count; i++) {
      let s = 0;
      for (let k = 0; k < M; k++) s += wf[k]! * z[i * M + k]!;
      values[i] = s;
    }
    return { values, exact: true, ints, scale };
  }
  for (let i = 0; i < c.count; i++) values[i] = Number(rowDot(c, M, i, ints));
  return { values, exact: false, ints, scale };
}

export function rowDot(c: CompactClass, M: number, i: number, ints: readonly bigint[]): bigint {
  let s = 0n;
  for (let k = 0; k < M; k++) s += ints[k]! * (c.f64 ? BigInt(c.f64[i * M + k]!) : c.big![i * M + k]!);
  return s;
}

/**
 * Exact max and min of w·x over the class (x = z/D), with the rows attaining them.
 * @example linearExtremes(compactOf(ds).classes[0], ds.M, [q(1), q(0)]).max // max first coordinate
 */
export function linearExtremes(c: CompactClass, M: number, w: readonly Rational[]): { max: Rational; min: Rational; argmax: number; argmin: number } {
  const { values, exact, ints, scale } = linearValues(c, M, w);
  let iMax = 0;
  let iMin = 0;
  if (exact) {
    for (let i = 1; i < c.count; i++) {
      if (values[i]! > values[iMax]!) iMax = i;
      if (values[i]! < values[iMin]!) iMin = i;
    }
    const den = scale * c.den;
    return { max: Rational.of(BigInt(values[iMax]!), den), min: Rational.of(BigInt(values[iMin]!), den), argmax: iMax, argmin: iMin };
  }
  let vMax = rowDot(c, M, 0, ints);
  let vMin = vMax;
  for (let i = 1; i < c.count; i++) {
    const v = rowDot(c, M, i, ints);
    if (v > vMax) (vMax = v), (iMax = i);
    if (v < vMin) (vMin = v), (iMin = i);
  }
  const den = scale * c.den;
  return { max: Rational.of(vMax, den), min: Rational.of(vMin, den), argmax: iMax, argmin: iMin };
}

/** Exact coordinate-wise max and min over the class. */
export function coordinateExtremes(c: CompactClass, M: number): { max: Rational[]; min: Rational[] } {
  const max: Rational[] = [];
  const min: Rational[] = [];
  for (let k = 0; k < M; k++) {
    if (c.f64) {
      let hi = -Infinity;
      let lo = Infinity;
      for (let i = 0; i < c.count; i++) {
        const v = c.f64[i * M + k]!;
        if (v > hi) hi = v;
        if (v < lo) lo = v;
      }
      max.push(Rational.of(BigInt(hi), c.den));
      min.push(Rational.of(BigInt(lo), c.den));
    } else {
      let hi = c.big![k]!;
      let lo = hi;
      for (let i = 1; i < c.count; i++) {
        const v = c.big![i * M + k]!;
        if (v > hi) hi = v;
        if (v < lo) lo = v;
      }
      max.push(Rational.of(hi, c.den));
      min.push(Rational.of(lo, c.den));
    }
  }
  return { max, min };
}

const U = 2 ** -52;

/**
 * For every coordinate i, the exact minimum over all data points of (Px)_i, where P = X̄X̄⁺ is
 * the projector onto the class means (rank X̄ = Q assumed by the caller). With the integer class
 * sums Z (M×Q, same column span as X̄) and H = ZᵀZ, P = Z H⁻¹ Zᵀ, so for x = z/D
 *   (Px)_i = Σ_q Z_iq (adj(H)·Zᵀz)_q / (det H · D),
 * O(M·Q) per point instead of the O(M²) of a row of P per point (P's entries are long fractions,
 * so the plain linear extremes run in BigInt). A certified float filter (bounds as in
 * docs/float-bounds.md §3) proposes, per coordinate, the points that can attain the minimum;
 * only those are evaluated exactly. Returns undefined when the float path does not apply
 * (integers too long): the caller then uses linearExtremes on the rows of P.
 * @example projectorMinima(compact.classes, M, sums)?.[0] // min over the data of (Px)_0
 */
export function projectorMinima(classes: readonly CompactClass[], M: number, sums: readonly (readonly bigint[])[]): Rational[] | undefined {
  const Q = sums.length;
  const big = (v: bigint) => (v < 0n ? -v : v) >= BigInt(TWO53);
  if (sums.some((s) => s.some(big))) return undefined;
  const H: bigint[][] = sums.map((a) => sums.map((b) => a.reduce((t, v, k) => t + v * b[k]!, 0n)));
  const { adj, det } = adjugate(H);
  if (det <= 0n) return undefined; // H = ZᵀZ is positive definite when rank X̄ = Q
  const Zf = sums.map((s) => Float64Array.from(s, Number)); // Zf[q][i] = Z_iq
  const Hf = new Float64Array(Q * Q);
  for (let q = 0; q < Q; q++) for (let r = 0; r < Q; r++) Hf[q * Q + r] = toNumber(Rational.of(adj[q]![r]!, det));
  if (!Hf.every((h) => Number.isFinite(h) && (h === 0 || Math.abs(h) >= 2 ** -958))) return undefined;
  const absH = Hf.map(Math.abs);
  const rowZero = Array.from({ length: M }, (_, i) => sums.every((s) => s[i] === 0n));
  let best: Rational[] | undefined;
  for (const c of classes) {
    if (!c.f64) return undefined;
    // v = Zᵀz exact in float64: Σ_k |Z_kq|·max|z| < 2^53 for every q.
    if (!Zf.every((z) => z.reduce((t, v) => t + Math.abs(v), 0) * c.maxAbs < TWO53 / 2)) return undefined;
    const z = c.f64;
    const v = new Float64Array(Q);
    const w = new Float64Array(Q);
    const e = new Float64Array(Q);
    const f = new Float64Array(M);
    const err = new Float64Array(M);
    const evalRow = (row: number): void => {
      for (let q = 0; q < Q; q++) {
        const Zq = Zf[q]!;
        let s = 0;
        for (let k = 0; k < M; k++) s += Zq[k]! * z[row * M + k]!;
        v[q] = s; // exact (integers below 2^53)
      }
      for (let q = 0; q < Q; q++) {
        let s = 0;
        let a = 0;
        for (let r = 0; r < Q; r++) {
          s += Hf[q * Q + r]! * v[r]!;
          a += absH[q * Q + r]! * Math.abs(v[r]!);
        }
        w[q] = s;
        e[q] = (Q + 4) * U * a * 1.01; // dot-product rounding and the rounding of H⁻¹
      }
      for (let i = 0; i < M; i++) {
        let s = 0;
        let a = 0;
        let b = 0;
        for (let q = 0; q < Q; q++) {
          const Ziq = Zf[q]![i]!;
          s += Ziq * w[q]!;
          a += Math.abs(Ziq * w[q]!);
          b += Math.abs(Ziq) * e[q]!;
        }
        f[i] = s;
        err[i] = ((Q + 2) * U * a + b) * 1.01 + 2 ** -1000;
      }
    };
    const upper = new Float64Array(M).fill(Infinity);
    for (let row = 0; row < c.count; row++) {
      evalRow(row);
      for (let i = 0; i < M; i++) if (f[i]! + err[i]! < upper[i]!) upper[i] = f[i]! + err[i]!;
    }
    // Exact values num_i = Σ_q Z_iq (adj·Zᵀz)_q of the candidates; value = num_i / (det·D).
    const minNum: (bigint | undefined)[] = new Array(M).fill(undefined);
    for (let row = 0; row < c.count; row++) {
      evalRow(row);
      let a: bigint[] | undefined;
      for (let i = 0; i < M; i++) {
        if (rowZero[i] || f[i]! - err[i]! > upper[i]!) continue;
        if (!a) {
          const vb = sums.map((s) => {
            let t = 0n;
            for (let k = 0; k < M; k++) if (z[row * M + k] !== 0) t += s[k]! * BigInt(z[row * M + k]!);
            return t;
          });
          a = adj.map((r) => r.reduce((t, x, k) => t + x * vb[k]!, 0n));
        }
        let num = 0n;
        for (let q = 0; q < Q; q++) num += sums[q]![i]! * a[q]!;
        if (minNum[i] === undefined || num < minNum[i]!) minNum[i] = num;
      }
    }
    const den = det * c.den;
    const mins = minNum.map((n, i) => (rowZero[i] ? Rational.ZERO : Rational.of(n!, den)));
    best = best ? best.map((m, i) => min(m, mins[i]!)) : mins;
  }
  return best;
}

/** adj(H) and det(H) of a small integer matrix (Bareiss on [H | det·I] via exact Rationals). */
export function adjugate(H: readonly (readonly bigint[])[]): { adj: bigint[][]; det: bigint } {
  const n = H.length;
  // Gauss–Jordan over ℚ (Q×Q, Q small): H⁻¹, then adj = det·H⁻¹.
  const A = H.map((row, i) => [...row.map((v) => Rational.int(v)), ...Array.from({ length: n }, (_, j) => (i === j ? Rational.ONE : Rational.ZERO))]);
  let det = Rational.ONE;
  for (let col = 0; col < n; col++) {
    let p = col;
    while (p < n && A[p]![col]!.isZero()) p++;
    if (p === n) return { adj: [], det: 0n };
    if (p !== col) {
      [A[p], A[col]] = [A[col]!, A[p]!];
      det = det.neg();
    }
    const piv = A[col]![col]!;
    det = det.mul(piv);
    A[col] = A[col]!.map((v) => v.div(piv));
    for (let r = 0; r < n; r++) {
      if (r === col || A[r]![col]!.isZero()) continue;
      const factor = A[r]![col]!;
      A[r] = A[r]!.map((v, k) => v.sub(factor.mul(A[col]![k]!)));
    }
  }
  const d = det.num; // H is an integer matrix: det is an integer
  return { adj: A.map((row) => row.slice(n).map((v) => v.mul(det).num)), det: d };
}
