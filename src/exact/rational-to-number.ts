/**
 * Rationals to float64 (engine-side: the trusted checker never converts an exact value to a
 * float, so this lives outside src/exact/rational.ts, which is part of its trusted base).
 */
import { bitLength, type Rational } from './rational.ts';

/**
 * Nearest float64: correctly rounded (ties to even) whenever the result is a
 * normal float; ±Infinity / ±0 only when the value is outside float range.
 * @example toNumber(Rational.of(1n, 4n)) // 0.25
 */
export function toNumber(r: Rational): number {
  const n = Number(r.num);
  const d = Number(r.den);
  // Both exact in float64: one division, correctly rounded.
  if (Math.abs(n) <= 2 ** 53 && d <= 2 ** 53) return n / d;
  return ratioToNumber(r.num, r.den);
}

/**
 * a / (b·2^k) for integers a and b > 0 (not necessarily coprime), as the nearest float64, for any
 * size: an integer quotient with 64–65 significant bits, the remainder folded into a sticky bit
 * so Number() rounds once and correctly, then the binary exponent applied in two steps (no
 * spurious overflow/underflow; ±Infinity or 0 beyond the float range).
 * @example ratioToNumber(1n, 3n, 1) // 0.16666666666666666
 */
export function ratioToNumber(a: bigint, b: bigint, k = 0): number {
  if (a === 0n) return 0;
  const neg = a < 0n;
  const m = neg ? -a : a;
  const e = bitLength(m) - bitLength(b) - 64;
  const num = e >= 0 ? m : m << BigInt(-e);
  const den = e >= 0 ? b << BigInt(e) : b;
  let quo = num / den;
  if (num % den !== 0n) quo |= 1n;
  const shift = e - k;
  const e1 = Math.trunc(shift / 2);
  const v = Number(quo) * 2 ** e1 * 2 ** (shift - e1);
  return neg ? -v : v;
}
