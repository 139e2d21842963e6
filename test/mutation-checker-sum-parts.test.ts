/**
 * The checker's sum of outer products over several parts (affine.ts `sumOuterParts`: integer sums
 * over one common denominator, normalised once) against the parts summed point by point, with
 * parts of different point denominators and map denominators (the lcm path), maps of
 * different row counts (both sides of the Gram product), and shape mismatches rejected.
 * Fixed seed; fast-check prints the seed and path of any failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { Matrix, vec } from '../src/certificates/linalg.ts';
import { affineOf, type Affine } from '../src/certificates/affine.ts';
import { addMatrices, shift, stack, sumDot, sumDotParts, sumOuter, sumOuterParts } from './support/checker-affine.ts';
import { applyAffine, momentsOfPoints } from './support/affine-oracle.ts';

const SEED = 12_784;
const q = (n: number, d = 1): Rational => Rational.of(BigInt(n), BigInt(d));
const rational = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.constantFrom(1, 1, 2, 3, 7, 10)).map(([n, d]) => q(n, d));
const affine = (rows: number, M: number) =>
  fc
    .tuple(fc.array(rational, { minLength: rows * M, maxLength: rows * M }), fc.array(rational, { minLength: rows, maxLength: rows }))
    .map(([A, c]) => affineOf(new Matrix(rows, M, A), c));
const pointSet = (M: number) => fc.array(fc.array(rational, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 5 });

const apply = applyAffine;
const outerOf = (a: Affine, b: Affine, points: readonly Rational[][]) =>
  points.reduce((S, x) => addMatrices(S, Matrix.fromColumns([apply(a, x)]).mul(Matrix.fromRows([apply(b, x)]))), Matrix.zeros(a.rows, b.rows));

describe('sumOuterParts: one normalisation for a sum over parts', () => {
  it('sumOuterParts: Σ_p Σ (u − y_p)(v − z_p)ᵀ equals the parts summed point by point (shared and different point denominators, either side smaller)', () => {
    const vector = (R: number) => fc.array(rational, { minLength: R, maxLength: R });
    const integerPoints = (M: number) => fc.array(fc.array(fc.integer({ min: -9, max: 9 }).map((n) => q(n)), { minLength: M, maxLength: M }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.boolean()).chain(([M, R, T, integral]) =>
          fc.tuple(affine(R, M), affine(T, M), fc.array(fc.tuple(vector(R), vector(T), integral ? integerPoints(M) : pointSet(M)), { minLength: 1, maxLength: 4 })),
        ),
        ([u, v, parts]) => {
          const expected = parts.reduce((S, [y, z, pts]) => addMatrices(S, outerOf(shift(u, y), shift(v, z), pts)), Matrix.zeros(u.rows, v.rows));
          const got = sumOuterParts(u, v, parts.map(([y, z, pts]) => [y, z, momentsOfPoints(pts, u.cols)] as const));
          expect(got.eq(expected)).toBe(true);
          const [, , pts] = parts[0]!;
          expect(sumOuter(u, v, momentsOfPoints(pts, u.cols)).eq(outerOf(u, v, pts))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('sumDotParts: Σ_p Σ (u − y_p)·(v − z_p) equals the parts summed point by point (shared and different point denominators)', () => {
    const vector = (R: number) => fc.array(rational, { minLength: R, maxLength: R });
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.boolean()).chain(([M, R, integral]) =>
          fc.tuple(
            affine(R, M),
            affine(R, M),
            fc.array(fc.tuple(vector(R), vector(R), integral ? fc.array(fc.array(fc.integer({ min: -9, max: 9 }).map((n) => q(n)), { minLength: M, maxLength: M }), { minLength: 1, maxLength: 5 }) : pointSet(M)), { minLength: 1, maxLength: 4 }),
          ),
        ),
        ([u, v, parts]) => {
          const expected = parts.reduce((s, [y, z, pts]) => s.add(pts.reduce((t, x) => t.add(vec.dot(vec.sub(apply(u, x), y), vec.sub(apply(v, x), z))), Rational.ZERO)), Rational.ZERO);
          const withMoments = parts.map(([y, z, pts]) => [y, z, momentsOfPoints(pts, u.cols)] as const);
          expect(sumDotParts(u, v, withMoments).eq(expected)).toBe(true);
          expect(sumDotParts(u, v, withMoments).eq(withMoments.reduce((s, [y, z, m]) => s.add(sumDot(shift(u, y), shift(v, z), m)), Rational.ZERO))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('rejects parts of different shapes (RangeError), never adds them', () => {
    const M = 2;
    const u = affineOf(Matrix.identity(M), vec.zeros(M));
    const m = momentsOfPoints([[q(1), q(2)], [q(3, 2), q(-1)]], M);
    const m3 = momentsOfPoints([[q(1, 3), q(2)]], M);
    for (const parts of [[[vec.zeros(2), vec.zeros(2), m]], [[vec.zeros(2), vec.zeros(2), m], [vec.zeros(2), vec.zeros(2), m3]]] as const) {
      expect(() => sumOuterParts(u, u, [...parts, [vec.zeros(3), vec.zeros(2), m]])).toThrow(RangeError);
      expect(() => sumOuterParts(u, u, [...parts, [vec.zeros(2), vec.zeros(3), m]])).toThrow(RangeError);
      expect(() => sumDotParts(u, u, [...parts, [vec.zeros(3), vec.zeros(2), m]])).toThrow(RangeError);
    }
    const other = momentsOfPoints([[q(1), q(2), q(3)]], 3);
    expect(() => sumOuterParts(u, u, [[vec.zeros(2), vec.zeros(2), other]])).toThrow(RangeError);
    expect(() => sumOuter(u, stack(u, u), other)).toThrow(RangeError);
  });
});
