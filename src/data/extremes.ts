/**
 * Exact extremes of linear functionals over the points of a class, from the
 * compact form (issue #8): max and min of w·x over the class for a rational
 * vector w, and the coordinate-wise extremes. w is scaled to an integer vector,
 * so w·z is an integer; it is computed in float64 whenever Σ|w_k|·max|z| < 2^53
 * (then every partial sum is an exact integer), else in BigInt.
 */
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import type { CompactClass } from './compact.ts';

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
