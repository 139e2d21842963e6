/**
 * The exact layer's least squares and affine sums against direct computation: sums
 * over points known by their integer moments equal the per-point sums, the least-squares
 * solution satisfies the normal equations and minimises, also with a singular Gram
 * matrix. (Written to kill the mutants `npm run mutation` found surviving, docs/mutation.md.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec, type Vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import {
  OuterSum,
  addAffine,
  compose,
  constantAffine,
  identityAffine,
  maskRows,
  shift,
  stack,
  subAffine,
  sumAffine,
  sumDot,
  sumOuter,
  sumSquares,
  type Affine,
  type PointMoments,
} from '../src/exact/affine-sums.ts';
import { affineLeastSquaresStats, leastSquaresValue, satisfiesNormalEquations, solveLeastSquares } from '../src/exact/least-squares.ts';

const SEED = 17_100;
const R = (n: number, d = 1) => Rational.of(BigInt(n), BigInt(d));
const small = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 4 })).map(([n, d]) => R(n, d));
const at = (u: Affine, x: Vec): Rational[] => vec.add(u.A.mulVec(x), u.c);

/** Points with coordinates k/den (den > 1 so the moments' scaling matters), and their moments. */
function pointsWithMoments(M: number) {
  return fc
    .tuple(fc.integer({ min: 2, max: 5 }), fc.array(fc.array(fc.integer({ min: -12, max: 12 }), { minLength: M, maxLength: M }), { minLength: 0, maxLength: 5 }))
    .map(([den, zs]) => {
      const D = BigInt(den);
      const points = zs.map((z) => z.map((k) => Rational.of(BigInt(k), D)));
      const moments: PointMoments = {
        count: zs.length,
        sum: Array.from({ length: M }, (_, p) => zs.reduce((s, z) => s + BigInt(z[p]!), 0n)),
        second: Array.from({ length: M * M }, (_, k) => zs.reduce((s, z) => s + BigInt(z[Math.floor(k / M)]!) * BigInt(z[k % M]!), 0n)),
        den: D,
      };
      return { points, moments };
    });
}
const affine = (rows: number, M: number) =>
  fc.tuple(fc.array(fc.array(small, { minLength: M, maxLength: M }), { minLength: rows, maxLength: rows }), fc.array(small, { minLength: rows, maxLength: rows })).map(([A, c]) => ({ A: Matrix.fromRows(A), c }) as Affine);

describe('affine sums over moments equal the sums over the points', () => {
  it('sumOuter, sumDot, sumSquares, sumAffine, OuterSum', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).chain(([M, r1, r2]) =>
          fc.tuple(pointsWithMoments(M), pointsWithMoments(M), affine(r1, M), affine(r2, M), affine(r1, M)),
        ),
        ([{ points, moments }, other, u, v, w]) => {
          const outer = (us: Affine, vs: Affine, pts: Vec[]) =>
            pts.reduce((S, x) => S.add(Matrix.outer(at(us, x), at(vs, x))), Matrix.zeros(us.c.length, vs.c.length));
          expect(sumOuter(u, v, moments).eq(outer(u, v, points))).toBe(true);
          const direct = points.reduce((s, x) => s.add(vec.dot(at(u, x), at(w, x))), Rational.ZERO);
          expect(sumDot(u, w, moments).eq(direct)).toBe(true);
          const sq = points.reduce((s, x) => s.add(vec.dot(at(u, x), at(u, x))), Rational.ZERO);
          expect(sumSquares(u, moments).eq(sq)).toBe(true);
          const lin = points.reduce((s, x) => vec.add(s, at(u, x)), vec.zeros(u.c.length));
          expect(vec.sub(sumAffine(u, moments), lin).every((x) => x.isZero())).toBe(true);
          // A running sum over two point sets with different denominators.
          const running = new OuterSum(u.c.length, v.c.length).add(u, v, moments).add(u, v, other.moments);
          const both = outer(u, v, [...points, ...other.points]);
          expect(running.matrix().eq(both)).toBe(true);
          expect(running.isZero()).toBe(both.isZero());
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('the map combinators act pointwise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((M) => fc.tuple(fc.constant(M), affine(2, M), affine(2, M), fc.array(small, { minLength: M, maxLength: M }), fc.array(small, { minLength: 2, maxLength: 2 }), fc.array(fc.array(small, { minLength: 2, maxLength: 2 }), { minLength: 3, maxLength: 3 }), fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }))),
        ([M, u, v, x, y, W, keep]) => {
          const same = (a: Vec, b: Vec) => expect(a.map(String)).toEqual(b.map(String));
          same(at(identityAffine(M), x), x);
          same(at(shift(u, y), x), vec.sub(at(u, x), y));
          const b = [R(1), R(-2), R(1, 3)];
          same(at(compose(Matrix.fromRows(W), u, b), x), vec.add(Matrix.fromRows(W).mulVec(at(u, x)), b));
          same(at(maskRows(u, (r) => keep[r]!), x), at(u, x).map((t, r) => (keep[r] ? t : Rational.ZERO)));
          same(at(stack(u, v), x), [...at(u, x), ...at(v, x)]);
          same(at(constantAffine(y, M), x), y);
          same(at(addAffine(u, v), x), vec.add(at(u, x), at(v, x)));
          same(at(subAffine(u, v), x), vec.sub(at(u, x), at(v, x)));
        },
      ),
      { seed: SEED + 1, numRuns: 100 },
    );
  });

  it('no points: every sum is zero', () => {
    const none: PointMoments = { count: 0, sum: [0n], second: [0n], den: 3n };
    const u: Affine = { A: Matrix.fromRows([[1], [2]]), c: [R(1), R(5)] };
    expect(sumDot(u, u, none).isZero()).toBe(true);
    expect(sumAffine(u, none).every((x) => x.isZero())).toBe(true);
    expect(sumOuter(u, u, none).isZero()).toBe(true);
    expect(new OuterSum(2, 2).add(u, u, none).isZero()).toBe(true);
  });
});

describe('exact least squares', () => {
  const rowsArb = fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.boolean())
    .chain(([M, q, singular]) =>
      fc.array(
        fc.tuple(fc.array(small, { minLength: M, maxLength: M }), fc.array(small, { minLength: q, maxLength: q }), fc.integer({ min: 1, max: 3 })).map(([x, y, weight]) => ({
          // A repeated coordinate makes the Gram matrix singular.
          x: singular ? [...x, x[0]!] : x,
          y,
          weight,
        })),
        { minLength: 1, maxLength: 6 },
      ),
    );

  it('statistics, normal equations, minimum value, and minimality against perturbations', () => {
    fc.assert(
      fc.property(rowsArb, fc.array(small, { minLength: 12, maxLength: 12 }), (rows, noise) => {
        const st = affineLeastSquaresStats(rows);
        const d = rows[0]!.x.length + 1;
        const q = rows[0]!.y.length;
        // The statistics are the weighted sums.
        const z = (x: Vec) => [...x, Rational.ONE];
        let G = Matrix.zeros(d, d);
        let S = Rational.ZERO;
        for (const r of rows) {
          G = G.add(Matrix.outer(z(r.x), z(r.x)).scale(R(r.weight)));
          S = S.add(vec.dot(r.y, r.y).mul(R(r.weight)));
        }
        expect(st.G.eq(G)).toBe(true);
        expect(st.S.eq(S)).toBe(true);
        const value = (A: Matrix) => rows.reduce((s, r) => s.add(vec.dot(vec.sub(A.mulVec(z(r.x)), r.y), vec.sub(A.mulVec(z(r.x)), r.y)).mul(R(r.weight))), Rational.ZERO);
        const { A, residual } = solveLeastSquares(st);
        expect([A.rows, A.cols]).toEqual([q, d]);
        expect(satisfiesNormalEquations(st, A)).toBe(true);
        expect(residual.eq(value(A))).toBe(true);
        expect(leastSquaresValue(st, A).eq(residual)).toBe(true);
        const B = new Matrix(q, d, A.data.map((v, k) => v.add(noise[k % noise.length]!)));
        expect(leastSquaresValue(st, B).eq(value(B))).toBe(true);
        expect(leastSquaresValue(st, B).sub(residual).sign()).toBeGreaterThanOrEqual(0);
        if (!leastSquaresValue(st, B).eq(residual)) expect(satisfiesNormalEquations(st, B)).toBe(false);
        // The fit is zero on coordinates outside the pivot basis.
        const basis = st.G.pivotColumns();
        for (let i = 0; i < q; i++) for (let j = 0; j < d; j++) if (!basis.includes(j)) expect(A.get(i, j).isZero()).toBe(true);
      }),
      { seed: SEED + 2, numRuns: 150 },
    );
  });

  it('a hand-worked fit: y = 2x + 1 through (0,1), (1,3), (2,5) exactly, residual 0; a zero Gram matrix gives A = 0', () => {
    const st = affineLeastSquaresStats([0, 1, 2].map((x) => ({ x: [R(x)], y: [R(2 * x + 1)] })));
    const { A, residual } = solveLeastSquares(st);
    expect(A.toStrings()).toEqual([['2', '1']]);
    expect(residual.isZero()).toBe(true);
    const zero = solveLeastSquares({ G: Matrix.zeros(2, 2), B: Matrix.zeros(1, 2), S: R(7) });
    expect(zero.A.isZero()).toBe(true);
    expect(zero.residual.eq(R(7))).toBe(true);
  });
});
