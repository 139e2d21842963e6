import { Rational } from '../exact/rational.ts';

/**
 * The smallest shift β ≥ 0 (plus `margin`) with v_k + β ≥ margin for every
 * coordinate of every vector: a bias β·1 that keeps ReLU in its identity branch.
 */
export function identityShift(vectors: Iterable<readonly Rational[]>, margin: Rational = Rational.ZERO): Rational {
  let worst = Rational.ZERO;
  for (const v of vectors) for (const c of v) if (c.neg().gt(worst)) worst = c.neg();
  return worst.add(margin);
}
