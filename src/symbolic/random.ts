import { Rational } from '../exact/rational.ts';

/** A seeded source of uniform floats in [0, 1) (mulberry32): reproducible cross-check points. */
export type Rng = () => number;

/**
 * mulberry32: a small, fast 32-bit generator; plenty for choosing test points.
 *
 * @example
 *   const rng = seededRng(42); rng() // always the same first value for seed 42
 */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [lo, hi]. */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

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
