/**
 * The exact layer's least squares against direct computation: the least-squares
 * solution satisfies the normal equations and minimises, also with a singular Gram
 * matrix; Rational, Matrix and vec edge cases. (Written to kill the mutants `npm run mutation` found surviving, docs/mutation.md.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec, type Vec } from '../src/exact/matrix.ts';
import { Rational, bitLength, commonDenominator, gcd, lcm, overCommonDenominator } from '../src/exact/rational.ts';
import { q, sum, abs, min, ge, isInteger, inverse } from '../src/exact/rational-shorthands.ts';
import { rationalLatex } from '../src/latex/number.ts';
import { affineLeastSquaresStats, leastSquaresValue, satisfiesNormalEquations, solveLeastSquares } from '../src/exact/least-squares.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const SEED = 17_100;
const R = (n: number, d = 1) => Rational.of(BigInt(n), BigInt(d));
const small = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 4 })).map(([n, d]) => R(n, d));


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

describe('Rational: edge cases the mutation run found untested', () => {
  const r = (s: string) => Rational.parse(s);
  it('errors name their cause', () => {
    expect(() => Rational.of(1n, 0n)).toThrow('zero denominator');
    expect(() => Rational.parse(Number.NaN)).toThrow('not a finite number: NaN');
    expect(() => Rational.parse(Infinity)).toThrow('not a finite number: Infinity');
    expect(() => Rational.parse('1/0')).toThrow('zero denominator in "1/0"');
    expect(() => Rational.parse('abc')).toThrow('not a number: "abc"');
    expect(() => Rational.parse('1e100001')).toThrow('exponent out of range in "1e100001"');
    expect(Rational.parse('1e100000').toString()).toBe('1' + '0'.repeat(100_000));
    expect(Rational.parse('2.5e-99999').toString()).toBe(`1/4${'0'.repeat(99_998)}`);
    expect(() => r('3').div(Rational.ZERO)).toThrow('division by zero');
    expect(() => inverse(Rational.ZERO)).toThrow('division by zero');
  });

  it('normal form, sign, comparisons at and around equality', () => {
    expect(Rational.of(3n, -6n).toString()).toBe('-1/2');
    expect(Rational.of(-4n, -6n).toString()).toBe('2/3');
    for (const [s, sign] of [['-2/3', -1], ['0', 0], ['5/7', 1]] as const) expect(r(s).sign()).toBe(sign);
    const a = r('1/3');
    const b = r('2/5');
    expect([a.cmp(b), b.cmp(a), a.cmp(r('2/6'))]).toEqual([-1, 1, 0]);
    expect([a.lt(b), b.lt(a), a.lt(a)]).toEqual([true, false, false]);
    expect([a.le(b), b.le(a), a.le(a)]).toEqual([true, false, true]);
    expect([a.gt(b), b.gt(a), a.gt(a)]).toEqual([false, true, false]);
    expect([ge(a, b), ge(b, a), ge(a, a)]).toEqual([false, true, true]);
    expect([a.max(b), b.max(a), min(a, b), min(b, a)].map(String)).toEqual(['2/5', '2/5', '1/3', '1/3']);
    expect([isInteger(r('7')), isInteger(r('7/2'))]).toEqual([true, false]);
    expect(abs(r('-3/4')).toString()).toBe('3/4');
    expect(inverse(r('-3/4')).toString()).toBe('-4/3');
    expect(r('0').mul(r('5/3')).isZero()).toBe(true);
    expect(r('5/3').mul(r('0')).isZero()).toBe(true);
  });

  it('toNumber rounds correctly beyond 2^53 and keeps the sign', () => {
    const two53 = 2n ** 53n;
    // 2^53 + 1 + 1/3 lies nearer 2^53 + 2 than 2^53.
    expect(toNumber(Rational.of(3n * two53 + 4n, 3n))).toBe(2 ** 53 + 2);
    expect(toNumber(Rational.of(-(3n * two53 + 4n), 3n))).toBe(-(2 ** 53 + 2));
    // 2^53 + 1 exactly is a tie: to even (2^53); a hair above it rounds up.
    expect(toNumber(Rational.of(2n * (two53 + 1n), 2n))).toBe(2 ** 53);
    expect(toNumber(Rational.of(3n * (two53 + 1n) + 1n, 3n))).toBe(2 ** 53 + 2);
    expect(toNumber(Rational.of(10n ** 30n, 3n))).toBe(1e30 / 3);
    expect(toNumber(Rational.of(-(10n ** 30n), 7n))).toBe(-1e30 / 7);
    expect(toNumber(Rational.of(1n, 3n * 10n ** 20n))).toBe(1 / 3e20);
    expect(toNumber(Rational.of(2n ** 53n, 1n))).toBe(2 ** 53);
    // Beyond 64 quotient bits only the sticky bit tells 2^53 + 1 + 2^-20 from the tie 2^53 + 1.
    expect(toNumber(Rational.of((two53 + 1n) * 2n ** 20n + 1n, 2n ** 20n))).toBe(2 ** 53 + 2);
    expect(toNumber(Rational.of((two53 + 1n) * 2n ** 20n - 1n, 2n ** 20n))).toBe(2 ** 53);
  });

  it('toString, toLatex, helpers', () => {
    expect(Rational.ZERO.toString()).toBe('0');
    expect(rationalLatex(r('-1/2'), Infinity).tex).toBe('-\\frac{1}{2}');
    expect(rationalLatex(r('1/2'), Infinity).tex).toBe('\\frac{1}{2}');
    expect(rationalLatex(r('-3'), Infinity).tex).toBe('-3');
    expect(gcd(-4n, 6n)).toBe(2n);
    expect(gcd(4n, -6n)).toBe(2n);
    expect(lcm(0n, 5n)).toBe(0n);
    expect(lcm(5n, 0n)).toBe(0n);
    expect(lcm(4n, 6n)).toBe(12n);
    expect(bitLength(0n)).toBe(0);
    expect(bitLength(8n)).toBe(4);
    expect(q(5n).toString()).toBe('5');
    expect(q('1/2').toString()).toBe('1/2');
    expect(sum([r('1/2'), r('1/3'), r('1/6')]).toString()).toBe('1');
    expect(sum([]).isZero()).toBe(true);
    expect(commonDenominator([r('1/4'), r('1/6'), r('3')])).toBe(12n);
    expect(overCommonDenominator([r('1/4'), r('-1/6')])).toEqual({ ints: [3n, -2n], den: 12n });
  });
});

describe('Matrix and vec: edge cases the mutation run found untested', () => {
  const M = (rows: (string | number | bigint)[][]) => Matrix.fromRows(rows);
  const s = (m: Matrix) => m.toStrings();
  it('construction checks its shapes, with the reason', () => {
    expect(() => new Matrix(2, 2, [Rational.ONE])).toThrow('matrix data length 1 ≠ 2×2');
    expect(() => M([[1, 2], [3]])).toThrow('ragged rows');
    expect(() => Matrix.fromColumns([[Rational.ONE], []])).toThrow('columns of unequal length');
    expect([M([]).rows, M([]).cols]).toEqual([0, 0]);
    expect([Matrix.fromColumns([]).rows, Matrix.fromColumns([]).cols]).toEqual([0, 0]);
    expect(s(Matrix.fromColumns([[R(1), R(2)], [R(3), R(4)], [R(5), R(6)]]))).toEqual([['1', '3', '5'], ['2', '4', '6']]);
    expect(s(M([[1n, '1/2', 3]]))).toEqual([['1', '1/2', '3']]);
  });

  it('arithmetic and its shape errors', () => {
    const A = M([[1, 2], [3, 4]]);
    const B = M([['1/2', 0], [-1, 2]]);
    expect(s(A.add(B))).toEqual([['3/2', '2'], ['2', '6']]);
    expect(s(A.sub(B))).toEqual([['1/2', '2'], ['4', '2']]);
    expect(s(A.neg())).toEqual([['-1', '-2'], ['-3', '-4']]);
    expect(() => A.add(M([[1, 2]]))).toThrow('cannot add 2×2 and 1×2');
    expect(() => A.sub(M([[1], [2]]))).toThrow('cannot sub 2×2 and 2×1');
    expect(() => A.mul(M([[1, 2, 3]]))).toThrow('cannot multiply 2×2 by 1×3');
    expect(() => A.mulVec([R(1)])).toThrow('cannot apply 2×2 to a 1-vector');
    expect(A.toNumbers()).toEqual([[1, 2], [3, 4]]);
    expect([A.isSquare(), M([[1, 2]]).isSquare()]).toEqual([true, false]);
    expect([A.isZero(), Matrix.zeros(2, 3).isZero(), M([[0, 1]]).isZero()]).toEqual([false, true, false]);
    expect(A.frobenius2().toString()).toBe('30');
    expect(M([[1, 2, 3], [4, 5, 6]]).trace().toString()).toBe('6');
    expect(M([[1, 2], [3, 4], [5, 6]]).trace().toString()).toBe('5');
    // eq: shape and every entry.
    expect(M([[1, 2]]).eq(M([[1], [2]]))).toBe(false);
    expect(M([[1, 2]]).eq(M([[1, 2, 3]]))).toBe(false);
    expect(M([[1, 2]]).eq(M([[1, 3]]))).toBe(false);
    expect(M([[1, 2]]).eq(M([[1, 2]]))).toBe(true);
  });

  it('det with pivoting and zero pivots; solve and pinv errors', () => {
    expect(Matrix.zeros(0, 0).det().toString()).toBe('1');
    expect(M([[0, 1], [1, 0]]).det().toString()).toBe('-1');
    expect(M([[0, 0], [0, 1]]).det().toString()).toBe('0');
    expect(M([[1, 2], [2, 4]]).det().toString()).toBe('0');
    expect(M([[0, 2, 1], [3, 0, 1], [1, 1, 0]]).det().toString()).toBe('5');
    expect(M([[2, 3, 1, 5], [1, 0, 3, 1], [0, 2, -3, 2], [0, 2, 3, 1]]).det().toString()).toBe('1');
    expect(M([[0, 0, 1], [0, 1, 0], [1, 0, 0]]).det().toString()).toBe('-1');
    expect(M([['1/2', 0], [0, '2/3']]).det().toString()).toBe('1/3');
    expect(() => M([[1, 2]]).det()).toThrow('determinant of a non-square matrix');
    expect(() => M([[1, 2]]).solve(M([[1]]))).toThrow('solve needs a square matrix');
    expect(() => M([[1, 0], [0, 1]]).solve(M([[1]]))).toThrow('right-hand side of the wrong height');
    expect(() => M([[1, 2], [2, 4]]).pinv()).toThrow('rank-deficient matrix');
    expect(() => M([[1, 2, 3], [2, 4, 6]]).pinv()).toThrow('rank-deficient matrix');
    expect(s(M([[1, 0], [0, 2]]).pinv())).toEqual([['1', '0'], ['0', '1/2']]);
  });

  it('rank, pivot columns and null space agree with each other and with det (property)', () => {
    const entry = fc.integer({ min: -4, max: 4 });
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).chain(([n, k, m]) =>
          fc.tuple(fc.array(fc.array(entry, { minLength: k, maxLength: k }), { minLength: n, maxLength: n }), fc.array(fc.array(entry, { minLength: m, maxLength: m }), { minLength: k, maxLength: k })),
        ),
        ([b, c]) => {
          // A = B·C has rank ≤ k, often less than its size.
          const A = M(b).mul(M(c));
          const rank = A.rank();
          expect(rank).toBe(A.transpose().rank());
          expect(rank).toBeLessThanOrEqual(Math.min(A.rows, A.cols, b[0]!.length));
          expect(A.pivotColumns()).toHaveLength(rank);
          expect(A.select(Array.from({ length: A.rows }, (_, i) => i), A.pivotColumns()).rank()).toBe(rank);
          const nulls = A.nullSpace();
          expect(nulls).toHaveLength(A.cols - rank);
          for (const v of nulls) expect(A.mulVec(v).every((x) => x.isZero())).toBe(true);
          if (nulls.length) expect(Matrix.fromColumns(nulls).rank()).toBe(nulls.length);
          if (A.isSquare()) expect(A.det().isZero()).toBe(rank < A.rows);
          if (A.isSquare() && rank === A.rows) expect(A.mul(A.inverse()).eq(Matrix.identity(A.rows))).toBe(true);
        },
      ),
      { seed: SEED + 3, numRuns: 200 },
    );
    expect(Matrix.zeros(2, 3).nullSpace().map((v) => v.map(String))).toEqual([['1', '0', '0'], ['0', '1', '0'], ['0', '0', '1']]);
  });

  it('vec helpers', () => {
    const a = [R(1), R(-2), R(0)];
    const b = [R(3), R(1, 2), R(5)];
    expect(vec.add(a, b).map(String)).toEqual(['4', '-3/2', '5']);
    expect(vec.sub(a, b).map(String)).toEqual(['-2', '-5/2', '-5']);
    expect(vec.scale(a, R(-1, 2)).map(String)).toEqual(['-1/2', '1', '0']);
    expect(vec.dot(a, b).toString()).toBe('2');
    expect(vec.dot(b, a).toString()).toBe('2');
    expect(vec.norm2(a).toString()).toBe('5');
    expect(vec.relu(a).map(String)).toEqual(['1', '0', '0']);
    expect(vec.toNumbers(b)).toEqual([3, 0.5, 5]);
    expect([vec.eq(a, a), vec.eq(a, b), vec.eq(a, [R(1), R(-2)]), vec.eq([R(1), R(2)], [R(1), R(3)])]).toEqual([true, false, false, false]);
  });
});
