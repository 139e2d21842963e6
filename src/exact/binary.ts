/**
 * The exact value of a binary floating-point number: every finite double (hence every
 * float32, which widens to a double exactly) is m·2^e for integers m, e, a dyadic rational.
 * Unlike Rational.parse(x), which reads the shortest decimal that rounds to x (0.1 → 1/10),
 * this gives the number the bits hold (0.1 → 3602879701896397/36028797018963968).
 */
import { Rational } from './rational.ts';

/**
 * @example exactBinary(0.5).toString() // '1/2'
 * @example exactBinary(Math.fround(0.1)).toString() // '13421773/134217728'
 */
export function exactBinary(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return Rational.ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  // Normal numbers carry the implicit leading 1; subnormals have exponent 1 − 1023.
  if (biased !== 0) mantissa |= 1n << 52n;
  const exp = (biased === 0 ? 1 : biased) - 1023 - 52;
  return exp >= 0 ? Rational.of(sign * mantissa * (1n << BigInt(exp)), 1n) : Rational.of(sign * mantissa, 1n << BigInt(-exp));
}
