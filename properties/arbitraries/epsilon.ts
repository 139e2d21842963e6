/**
 * Perturbation sizes ε = 1/10^k, exact. Shrinks towards the largest size
 * (1/10): a counterexample that survives a coarse perturbation reads best.
 */
import fc from 'fast-check';
import { Rational } from '../../src/exact/rational.ts';

/**
 * ε = 1/10^k for minExp ≤ k ≤ maxExp (default 1..6).
 * @example fc.sample(epsilonArb(), 3) // e.g. [1/1000, 1/10, 1/1000000]
 */
export function epsilonArb(minExp = 1, maxExp = 6): fc.Arbitrary<Rational> {
  return fc.integer({ min: minExp, max: maxExp }).map((k) => Rational.of(1n, 10n ** BigInt(k)));
}
