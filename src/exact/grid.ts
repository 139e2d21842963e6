/**
 * Rounding a rational to a grid exactly (no float on the way, so any magnitude works).
 */
import { Rational } from './rational.ts';

/** ⌊a/b⌋ for b > 0. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/**
 * The multiple of 1/den nearest to v, ties towards +∞ (as Math.round), exactly.
 * @example roundToGrid(q('1/3'), 1024n).toString() // '341/1024'
 */
export function roundToGrid(v: Rational, den: bigint): Rational {
  // ⌊v·den + 1/2⌋ = ⌊(2·num·den + v.den) / (2·v.den)⌋
  return Rational.of(floorDiv(2n * v.num * den + v.den, 2n * v.den), den);
}
