/**
 * Exact rationals with small numerators and denominators: small enough that
 * BigInt arithmetic stays fast and counterexamples read well, varied enough
 * to hit signs, zeros and non-integers. Shrinks towards 0 (numerator → 0,
 * denominator → 1).
 */
import fc from 'fast-check';
import { Rational } from '../../src/exact/rational.ts';

export interface RationalArbOptions {
  /** |numerator| ≤ maxNum (default 9). */
  readonly maxNum?: number;
  /** 1 ≤ denominator ≤ maxDen (default 4). */
  readonly maxDen?: number;
}

/**
 * n/d with |n| ≤ maxNum, 1 ≤ d ≤ maxDen (reduced by Rational.of).
 * @example fc.sample(rationalArb({ maxNum: 3, maxDen: 2 }), 3) // e.g. [-3/2, 1, 0]
 */
export function rationalArb(opts: RationalArbOptions = {}): fc.Arbitrary<Rational> {
  const maxNum = opts.maxNum ?? 9;
  const maxDen = opts.maxDen ?? 4;
  return fc
    .tuple(fc.integer({ min: -maxNum, max: maxNum }), fc.integer({ min: 1, max: maxDen }))
    .map(([n, d]) => Rational.of(n, d));
}

/**
 * n/d with 1 ≤ n ≤ maxNum, 1 ≤ d ≤ maxDen: strictly positive. Shrinks towards 1.
 * @example fc.sample(positiveRationalArb(), 2) // e.g. [7/3, 1/2]
 */
export function positiveRationalArb(opts: RationalArbOptions = {}): fc.Arbitrary<Rational> {
  const maxNum = opts.maxNum ?? 9;
  const maxDen = opts.maxDen ?? 4;
  return fc.tuple(fc.integer({ min: 1, max: maxNum }), fc.integer({ min: 1, max: maxDen })).map(([n, d]) => Rational.of(n, d));
}

/**
 * A nonzero rational of either sign (|n| ≥ 1). Shrinks towards 1.
 * @example fc.sample(nonzeroRationalArb(), 2) // e.g. [-1/4, 3]
 */
export function nonzeroRationalArb(opts: RationalArbOptions = {}): fc.Arbitrary<Rational> {
  return fc.tuple(positiveRationalArb(opts), fc.boolean()).map(([r, neg]) => (neg ? r.neg() : r));
}
