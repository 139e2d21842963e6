/**
 * Exact vectors of a fixed length, entries from a rational arbitrary.
 * Shrinks entrywise towards the zero vector.
 */
import fc from 'fast-check';
import type { Rational } from '../../src/exact/rational.ts';
import { positiveRationalArb, rationalArb, type RationalArbOptions } from './rational.ts';
import { abs } from '../../src/exact/rational-shorthands.ts';

/**
 * An n-vector with entries from `entry` (default rationalArb(opts)).
 * @example fc.sample(vectorArb(2), 1) // e.g. [[1/2, -3]]
 */
export function vectorArb(n: number, opts: RationalArbOptions = {}, entry: fc.Arbitrary<Rational> = rationalArb(opts)): fc.Arbitrary<Rational[]> {
  return fc.array(entry, { minLength: n, maxLength: n });
}

/**
 * An n-vector with entries ≥ 0, zeros frequent (to hit cone boundaries).
 * @example fc.sample(nonNegativeVectorArb(3), 1) // e.g. [[0, 5/2, 0]]
 */
export function nonNegativeVectorArb(n: number, opts: RationalArbOptions = {}): fc.Arbitrary<Rational[]> {
  return vectorArb(n, opts, rationalArb(opts).map((r) => abs(r)));
}

/**
 * An n-vector with entries > 0.
 * @example fc.sample(positiveVectorArb(2), 1) // e.g. [[1, 9/4]]
 */
export function positiveVectorArb(n: number, opts: RationalArbOptions = {}): fc.Arbitrary<Rational[]> {
  return vectorArb(n, opts, positiveRationalArb(opts));
}
