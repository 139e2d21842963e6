/**
 * Point-by-point references for the checker's integer affine sums (src/certificates/affine.ts):
 * the exact moments of a point set, and u(x) = (A x + c) / d evaluated in Rationals.
 */
import { Rational, overCommonDenominator } from '../../src/exact/rational.ts';
import { momentsOf, type Affine, type Moments } from '../../src/certificates/affine.ts';

/** count, Σz and Σzzᵀ of the points x = z / D over their common denominator D, as the checker's Moments. */
export function momentsOfPoints(points: readonly (readonly Rational[])[], M: number): Moments {
  const { ints, den } = overCommonDenominator(points.flat());
  const z = points.map((_, i) => ints.slice(i * M, (i + 1) * M));
  const sum = Array.from({ length: M }, (_, p) => z.reduce((s, r) => s + r[p]!, 0n));
  const second = Array.from({ length: M * M }, (_, k) => z.reduce((s, r) => s + r[Math.floor(k / M)]! * r[k % M]!, 0n));
  return momentsOf({ count: points.length, sum, second }, den);
}

/** u(x) = (A x + c) / d, in Rationals. */
export const applyAffine = (u: Affine, x: readonly Rational[]): Rational[] =>
  u.c.map((c, r) => x.reduce((s, v, k) => s.add(v.mul(Rational.int(u.A[r * u.cols + k]!))), Rational.int(c)).div(Rational.int(u.d)));
