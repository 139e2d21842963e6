/**
 * affine.ts's contract beyond the random sums of mutation-checker-base: every shape it refuses
 * (one RangeError naming the mismatch, never a silent wrong sum), maps equal only with equal
 * shapes, and composition with maps that look almost like the identity (the shortcut that reads
 * W u + b off W and b must fire for x ↦ x only) against a point-wise Rational oracle.
 * Random inputs from a fixed seed; fast-check prints seed and path on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { Matrix } from '../src/certificates/linalg.ts';
import { momentsOfPoints } from './support/affine-oracle.ts';
import { addAffine, affineOf, compose, equalAffine, evaluate, identityAffine, sumAffine, sumSquares, withOne, type Affine } from '../src/certificates/affine.ts';
import { stack, sumDot, sumOuter } from './support/checker-affine.ts';

const SEED = 17_004;
const q = (n: number, d = 1): Rational => Rational.of(BigInt(n), BigInt(d));
const rational = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.constantFrom(1, 1, 2, 3, 7)).map(([n, d]) => q(n, d));
const ints = (xs: number[]): Rational[] => xs.map((x) => q(x));
/** Moments of integer points of R^M (denominator 1). */
const momentsOfInts = (points: number[][]) => momentsOfPoints(points.map(ints), points[0]!.length);
const map = (rows: number, cols: number, A: number[], c: number[]): Affine => affineOf(new Matrix(rows, cols, ints(A)), ints(c));

describe('affine.ts refuses maps of the wrong shape, with the reason', () => {
  const u = map(2, 3, [1, 2, 3, 4, 5, 6], [1, -1]);
  const m2 = momentsOfInts([[1, 2], [3, -1]]);
  const m3 = momentsOfInts([[1, 2, 0], [3, -1, 2]]);
  it('evaluate, compose, addAffine and stack', () => {
    expect(() => evaluate(u, ints([1, 2]))).toThrow(new RangeError('cannot apply a map of R^3 to a 2-vector'));
    expect(evaluate(u, ints([1, 0, 1])).map(String)).toEqual(['5', '9']);
    expect(() => compose(new Matrix(1, 3, ints([1, 1, 1])), u, ints([0]))).toThrow(new RangeError('cannot compose 1×3 with a map to R^2'));
    expect(() => compose(new Matrix(1, 2, ints([1, 1])), u, ints([0, 0]))).toThrow(new RangeError('an offset of length 2 for 1 rows'));
    expect(compose(new Matrix(1, 2, ints([1, 1])), u, ints([0])).c).toEqual([0n]);
    expect(() => addAffine(u, map(3, 3, new Array(9).fill(0), [0, 0, 0]))).toThrow(new RangeError('cannot add affine maps of different shapes'));
    expect(() => addAffine(u, map(2, 2, [0, 0, 0, 0], [0, 0]))).toThrow(new RangeError('cannot add affine maps of different shapes'));
    expect(() => stack(u, map(2, 2, [0, 0, 0, 0], [0, 0]))).toThrow(new RangeError('cannot stack affine maps of different domains'));
    expect(stack(u, map(1, 3, [0, 0, 1], [2])).rows).toBe(3);
  });
  it('the sums over points of another dimension, and the dot product of maps to different spaces', () => {
    const domain = new RangeError('a map of R^3 cannot be summed over points of another dimension');
    const v = map(2, 2, [1, 0, 0, 1], [0, 0]);
    const wrongV = new RangeError('a map of R^2 cannot be summed over points of another dimension');
    // The wrong map in either place (the other one fits the points).
    expect(() => sumOuter(u, v, m3)).toThrow(wrongV);
    expect(() => sumOuter(v, u, m3)).toThrow(wrongV);
    expect(() => sumOuter(u, v, m2)).toThrow(domain);
    expect(() => sumOuter(v, u, m2)).toThrow(domain);
    expect(() => sumDot(u, v, m3)).toThrow(wrongV);
    expect(() => sumDot(v, u, m3)).toThrow(wrongV);
    expect(() => sumDot(u, v, m2)).toThrow(domain);
    expect(() => sumDot(v, u, m2)).toThrow(domain);
    expect(() => sumSquares(u, m2)).toThrow(domain);
    expect(() => sumAffine(u, m2)).toThrow(domain);
    expect(() => sumDot(u, map(1, 3, [1, 1, 1], [0]), m3)).toThrow(new RangeError('cannot take the dot product of maps to spaces of different dimensions'));
    // Both on the right points: Σ u = (A Σz + n c), with u(1,2,0) = (6, 13) and u(3,−1,2) = (8, 18).
    expect(sumAffine(u, m3).map(String)).toEqual(['14', '31']);
  });
});

describe('equalAffine', () => {
  it('maps with the same numbers but other shapes are different maps', () => {
    const a = map(1, 2, [1, 2], [0]);
    expect(equalAffine(a, map(1, 2, [2, 4], [0]))).toBe(false);
    expect(equalAffine(a, affineOf(new Matrix(1, 2, [q(1), q(2)]), [q(0)]))).toBe(true);
    // Same integer data A = [1, 2], c = [0, 0] read as 2×1 (c has two rows) and 1×2 (c has one) differ in rows and cols.
    const rowsOnly: Affine = { rows: 2, cols: 1, A: [1n, 2n], c: [0n, 0n], d: 1n };
    const sameData: Affine = { rows: 2, cols: 2, A: [1n, 2n], c: [0n, 0n], d: 1n };
    expect(equalAffine(rowsOnly, sameData)).toBe(false);
    expect(equalAffine(sameData, rowsOnly)).toBe(false);
    const colsOnly: Affine = { rows: 1, cols: 2, A: [1n, 2n], c: [0n], d: 1n };
    const otherRows: Affine = { rows: 2, cols: 2, A: [1n, 2n], c: [0n], d: 1n };
    expect(equalAffine(colsOnly, otherRows)).toBe(false);
    expect(equalAffine(colsOnly, { ...colsOnly, A: [2n, 4n], d: 2n })).toBe(true);
  });
});

/** Near-identity maps: x ↦ x with one change (denominator, bias, an entry, or one row or column more or fewer). */
const nearIdentity = fc.integer({ min: 1, max: 3 }).chain((M) =>
  fc.oneof(
    fc.constant(identityAffine(M)),
    fc.integer({ min: 2, max: 5 }).map((d): Affine => ({ ...identityAffine(M), d: BigInt(d) })),
    fc.tuple(fc.nat(M - 1), fc.integer({ min: -3, max: 3 }).filter((v) => v !== 0)).map(([r, v]): Affine => {
      const u = identityAffine(M);
      return { ...u, c: u.c.map((x, k) => (k === r ? BigInt(v) : x)) };
    }),
    fc.tuple(fc.nat(M * M - 1), fc.integer({ min: -3, max: 3 })).map(([k, v]): Affine => {
      const u = identityAffine(M);
      return { ...u, A: u.A.map((x, i) => (i === k ? BigInt(v) : x)) };
    }),
    // M × (M+1): [I | 0] (k % (cols + 1) puts its ones elsewhere), and (M+1) × M: I over a zero row.
    fc.constant<Affine>({ rows: M, cols: M + 1, A: Array.from({ length: M * (M + 1) }, (_, k) => (k % (M + 2) === 0 ? 1n : 0n)), c: new Array<bigint>(M).fill(0n), d: 1n }),
    fc.constant<Affine>({ rows: M + 1, cols: M, A: Array.from({ length: (M + 1) * M }, (_, k) => (k < M * M && k % (M + 1) === 0 ? 1n : 0n)), c: new Array<bigint>(M + 1).fill(0n), d: 1n }),
    fc.constant<Affine>({ rows: M, cols: M + 1, A: Array.from({ length: M * (M + 1) }, (_, k) => (k % (M + 1) === 0 ? 1n : 0n)), c: new Array<bigint>(M).fill(0n), d: 1n }),
  ),
);

describe('compose against the point-wise oracle W u(x) + b', () => {
  it('for x ↦ x and for maps that differ from it in one place', () => {
    fc.assert(
      fc.property(
        nearIdentity.chain((u) =>
          fc.tuple(
            fc.constant(u),
            fc.integer({ min: 1, max: 3 }).chain((rows) => fc.tuple(fc.array(rational, { minLength: rows * u.rows, maxLength: rows * u.rows }).map((d) => new Matrix(rows, u.rows, d)), fc.array(rational, { minLength: rows, maxLength: rows }))),
            fc.array(rational, { minLength: u.cols, maxLength: u.cols }),
          ),
        ),
        ([u, [W, b], x]) => {
          const got = evaluate(compose(W, u, b), x);
          const ux = evaluate(u, x);
          const want = b.map((bi, i) => ux.reduce((s, v, k) => s.add(W.get(i, k).mul(v)), bi));
          expect(got.map(String)).toEqual(want.map(String));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
