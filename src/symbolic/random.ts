import { Rational } from '../exact/rational.ts';

import { prng, randInt } from '../util/prng.ts';

/** A seeded source of uniform floats in [0, 1): reproducible cross-check points. */
export type Rng = () => number;

/** The project's seeded generator (src/util/prng.ts), under the symbolic layer's name. */
export const seededRng: (seed: number) => Rng = prng;

/** A uniform integer in [lo, hi]. */
export const randomInt: (rng: Rng, lo: number, hi: number) => number = randInt;

/**
 * A random rational p/q with |p| ≤ maxNum, 1 ≤ q ≤ maxDen (both ends included),
 * so sample points exercise genuine fractions and signs, not only integers.
 *
 * @example
 *   randomRational(seededRng(1)).toString() // e.g. '-7/5'
 */
export function randomRational(rng: Rng, maxNum = 9, maxDen = 7): Rational {
  return Rational.of(BigInt(randomInt(rng, -maxNum, maxNum)), BigInt(randomInt(rng, 1, maxDen)));
}

/** A random nonzero rational (as {@link randomRational}, zero excluded). */
export function randomNonzeroRational(rng: Rng, maxNum = 9, maxDen = 7): Rational {
  for (;;) {
    const r = randomRational(rng, maxNum, maxDen);
    if (!r.isZero()) return r;
  }
}
