/**
 * The one bridge from the exact layer to the float layer (SPEC: the float layer
 * is an independent check, so only this file may import src/exact).
 * Every entry goes through Rational.toNumber (nearest float64).
 */
import type { Matrix } from '../exact/matrix.ts';
import { Rational, bitLength } from '../exact/rational.ts';
import { FMatrix } from './matrix.ts';

/**
 * @example toFMatrix(Matrix.fromRows([['1/3', 2]])).get(0, 0) // 0.3333333333333333
 */
export function toFMatrix(m: Matrix): FMatrix {
  const data = new Float64Array(m.rows * m.cols);
  for (let k = 0; k < data.length; k++) data[k] = m.data[k]!.toNumber();
  return new FMatrix(m.rows, m.cols, data);
}

/**
 * @example toFloat64([q('1/4'), q(-2)]) // Float64Array [0.25, -2]
 */
export function toFloat64(v: readonly Rational[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]!.toNumber();
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
  if (k === 0) return v.toNumber();
  return ratioToNumber(v.num, v.den, k);
}

/**
 * a / (b·2^k) for integers a and b > 0, as the nearest float64 (no gcd, any size): a quotient
 * with 64–65 significant bits, the remainder folded into a sticky bit, then the binary
 * exponent applied in two steps (no spurious overflow/underflow), as Rational.toNumber does.
 * @example ratioToNumber(1n, 3n, 1) // 0.16666666666666666
 */
export function ratioToNumber(a: bigint, b: bigint, k = 0): number {
  if (a === 0n) return 0;
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const e = bitLength(abs) - bitLength(b) - 64;
  const num = e >= 0 ? abs : abs << BigInt(-e);
  const den = e >= 0 ? b << BigInt(e) : b;
  let quo = num / den;
  if (num % den !== 0n) quo |= 1n;
  const shift = e - k;
  const e1 = Math.trunc(shift / 2);
  const v = Number(quo) * 2 ** e1 * 2 ** (shift - e1);
  return neg ? -v : v;
}

/** The matrix divided by 2^k, k = floatExponent of its entries (see there). */
export function toFMatrixScaled(m: Matrix): { F: FMatrix; exponent: number } {
  const k = floatExponent(m.data);
  const data = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < data.length; i++) data[i] = toNumberScaled(m.data[i]!, k);
  return { F: new FMatrix(m.rows, m.cols, data), exponent: k };
}
