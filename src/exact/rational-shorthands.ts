/**
 * Engine-side shorthands on Rational (the trusted checker needs none of them, so they live
 * outside src/exact/rational.ts, which is part of its trusted base).
 */
import { Rational } from './rational.ts';

/**
 * Shorthand for Rational.parse / Rational.of on integers.
 * @example q('1/3').add(q(1)).toString() // '4/3'
 */
export function q(value: string | number | bigint): Rational {
  return typeof value === 'bigint' ? Rational.int(value) : Rational.parse(value);
}

/**
 * Sum of a list of rationals.
 * @example sum([q('1/2'), q('1/3')]).toString() // '5/6'
 */
export function sum(values: Iterable<Rational>): Rational {
  let s = Rational.ZERO;
  for (const v of values) s = s.add(v);
  return s;
}
