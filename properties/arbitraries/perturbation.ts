/**
 * Exact perturbations of a parameter vector of length K, of controlled size:
 * every entry is ε·k/4 with |k| ≤ 4, so the ∞-norm is at most ε. Shrinks
 * towards sparse perturbations with entries ±ε/4, then towards the zero vector.
 */
import fc from 'fast-check';
import { Rational } from '../../src/exact/rational.ts';
import { epsilonArb } from './epsilon.ts';

/** One perturbation of a fixed size ε. */
export interface Perturbation {
  readonly eps: Rational;
  /** K entries, each in [−ε, ε]. */
  readonly delta: readonly Rational[];
}

/**
 * A K-vector with entries ε·k/4, k ∈ [−4, 4] (∞-norm ≤ ε).
 * @example fc.sample(perturbationArb(3, q('1/10')), 1) // e.g. [[1/40, 0, -1/10]]
 */
export function perturbationArb(K: number, eps: Rational): fc.Arbitrary<Rational[]> {
  const quarter = eps.div(Rational.int(4));
  return fc.array(fc.integer({ min: -4, max: 4 }), { minLength: K, maxLength: K }).map((ks) => ks.map((k) => quarter.mul(Rational.int(k))));
}

/**
 * A few perturbations of sizes ε = 1/10^k (k from 1 to maxExp, default 6).
 * @example fc.sample(perturbationsArb(10, { count: 4 }), 1)[0].length // 4
 */
export function perturbationsArb(K: number, opts: { count?: number; maxExp?: number } = {}): fc.Arbitrary<Perturbation[]> {
  const one = epsilonArb(1, opts.maxExp ?? 6).chain((eps) => perturbationArb(K, eps).map((delta) => ({ eps, delta })));
  const count = opts.count ?? 6;
  return fc.array(one, { minLength: 1, maxLength: count });
}
