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

/** |r|. */
export function abs(r: Rational): Rational {
  return r.sign() < 0 ? r.neg() : r;
}

/** The smaller of a and b (a when equal). */
export function min(a: Rational, b: Rational): Rational {
  return a.le(b) ? a : b;
}

/** a ≥ b. */
export function ge(a: Rational, b: Rational): boolean {
  return b.le(a);
}

/** Whether r is an integer (its reduced denominator is 1). */
export function isInteger(r: Rational): boolean {
  return r.den === 1n;
}

/** 1 / r; RangeError when r = 0. */
export function inverse(r: Rational): Rational {
  return Rational.ONE.div(r);
}
