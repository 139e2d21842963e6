/**
 * The one bridge from the exact layer to the float layer (SPEC: the float layer
 * is an independent check, so only this file may import src/exact).
 * Every entry goes through toNumber (exact/rational-to-number.ts: the nearest float64).
 */
import type { Matrix } from '../exact/matrix.ts';
import { Rational, bitLength } from '../exact/rational.ts';
import { ratioToNumber, toNumber } from '../exact/rational-to-number.ts';

export { ratioToNumber };
import { FMatrix } from './matrix.ts';

/**
 * @example toFMatrix(Matrix.fromRows([['1/3', 2]])).get(0, 0) // 0.3333333333333333
 */
export function toFMatrix(m: Matrix): FMatrix {
  const data = new Float64Array(m.rows * m.cols);
  for (let k = 0; k < data.length; k++) data[k] = toNumber(m.data[k]!);
  return new FMatrix(m.rows, m.cols, data);
}

/**
 * @example toFloat64([q('1/4'), q(-2)]) // Float64Array [0.25, -2]
 */
export function toFloat64(v: readonly Rational[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = toNumber(v[i]!);
  return out;
}

/**
 * A power of two 2^k such that the largest |v|/2^k lies in [1/2, 2]: dividing by it brings
 * values of any magnitude into float range for a float *proposal* (directions, LP normals,
 * singular vectors are invariant under a common positive scale). 0 when every value is 0.
 * @example floatExponent([q('1e400')]) // 1329
 */
export function floatExponent(values: Iterable<Rational>): number {
  let k = -Infinity;
  for (const v of values) if (!v.isZero()) k = Math.max(k, bitLength(v.num < 0n ? -v.num : v.num) - bitLength(v.den));
  return Number.isFinite(k) ? k : 0;
}

/** v / 2^k as the nearest float64 (exact scaling first, one rounding). */
export function toNumberScaled(v: Rational, k: number): number {
  if (k === 0) return toNumber(v);
  return ratioToNumber(v.num, v.den, k);
}

/** The matrix divided by 2^k, k = floatExponent of its entries (see there). */
export function toFMatrixScaled(m: Matrix): { F: FMatrix; exponent: number } {
  const k = floatExponent(m.data);
  const data = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < data.length; i++) data[i] = toNumberScaled(m.data[i]!, k);
  return { F: new FMatrix(m.rows, m.cols, data), exponent: k };
}

/**
 * The exact value of a finite float64 as a Rational (a dyadic fraction), for exact comparisons
 * of float values and bounds. Throws on ±Infinity and NaN.
 * @example floatToRational(0.1).toString() // '3602879701896397/36028797018963968'
 */
export function floatToRational(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite float: ${x}`);
  if (x === 0) return Rational.ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp !== 0) mant |= 1n << 52n;
  const e = (exp === 0 ? 1 : exp) - 1075; // x = ±mant·2^e
  const signed = x < 0 ? -mant : mant;
  return e >= 0 ? Rational.int(signed << BigInt(e)) : Rational.of(signed, 1n << BigInt(-e));
}
