import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import {
  fullColumnRankMatrixArb,
  fullRowRankMatrixArb,
  invertibleMatrixArb,
  matrixArb,
  permutationMatrixArb,
} from '../properties/arbitraries/matrix.ts';
import { nonzeroRationalArb } from '../properties/arbitraries/rational.ts';
import { vectorArb } from '../properties/arbitraries/vector.ts';
import { abs, inverse } from '../src/exact/rational-shorthands.ts';

const opts = { seed: 424242, numRuns: 60 };
const dim = fc.integer({ min: 1, max: 4 });

/** Laplace expansion along the first row: an independent determinant. */
function laplaceDet(m: Matrix): Rational {
  const n = m.rows;
  if (n === 0) return Rational.ONE;
  let s = Rational.ZERO;
  for (let j = 0; j < n; j++) {
    const a = m.get(0, j);
    if (a.isZero()) continue;
    const minor = m.select(
      Array.from({ length: n - 1 }, (_, i) => i + 1),
      Array.from({ length: n }, (_, k) => k).filter((k) => k !== j),
    );
    const t = a.mul(laplaceDet(minor));
    s = j % 2 === 0 ? s.add(t) : s.sub(t);
  }
  return s;
}

const square = dim.chain((n) => fc.tuple(matrixArb(n, n), matrixArb(n, n)));
const invertible = dim.chain((n) => invertibleMatrixArb(n));

describe('Matrix: inverse and solve', () => {
  it('A·A⁻¹ = A⁻¹·A = I for invertible A', () => {
    fc.assert(
      fc.property(invertible, (A) => {
        const I = Matrix.identity(A.rows);
        const Ai = A.inverse();
        expect(A.mul(Ai).eq(I)).toBe(true);
        expect(Ai.mul(A).eq(I)).toBe(true);
      }),
      opts,
    );
  });

  it('A·solve(A, B) = B, and solveVec agrees with solve', () => {
    const arb = dim.chain((n) => fc.tuple(invertibleMatrixArb(n), fc.integer({ min: 1, max: 3 }).chain((k) => matrixArb(n, k)), vectorArb(n)));
    fc.assert(
      fc.property(arb, ([A, B, v]) => {
        expect(A.mul(A.solve(B)).eq(B)).toBe(true);
        expect(vec.eq(A.mulVec(A.solveVec(v)), v)).toBe(true);
      }),
      opts,
    );
  });

  it('solving with a singular matrix throws RangeError("singular matrix")', () => {
    expect(() => Matrix.fromRows([[1, 2], [2, 4]]).inverse()).toThrow('singular matrix');
    expect(() => Matrix.zeros(3, 3).solveVec(vec.zeros(3))).toThrow('singular matrix');
    fc.assert(
      fc.property(
        dim.filter((n) => n >= 2).chain((n) => fc.tuple(matrixArb(n, n - 1), matrixArb(n - 1, n))),
        ([B, C]) => {
          expect(() => B.mul(C).inverse()).toThrow('singular matrix');
        },
      ),
      opts,
    );
  });

  it('the documented example', () => {
    expect(Matrix.fromRows([[1, 2], [3, 4]]).inverse().toStrings()).toEqual([['-2', '1'], ['3/2', '-1/2']]);
  });
});

describe('Matrix: determinant', () => {
  it('agrees with Laplace expansion', () => {
    fc.assert(fc.property(square, ([A]) => {
      expect(A.det().eq(laplaceDet(A))).toBe(true);
    }), opts);
  });

  it('is multiplicative: det(AB) = det A · det B', () => {
    fc.assert(fc.property(square, ([A, B]) => {
      expect(A.mul(B).det().eq(A.det().mul(B.det()))).toBe(true);
    }), opts);
  });

  it('det(Aᵀ) = det A', () => {
    fc.assert(fc.property(square, ([A]) => {
      expect(A.transpose().det().eq(A.det())).toBe(true);
    }), opts);
  });

  it('det(cA) = cⁿ det A; permutations have det ±1; det(A⁻¹) = 1/det A', () => {
    const arb = dim.chain((n) => fc.tuple(matrixArb(n, n), nonzeroRationalArb(), permutationMatrixArb(n), invertibleMatrixArb(n)));
    fc.assert(
      fc.property(arb, ([A, c, P, G]) => {
        let cn = Rational.ONE;
        for (let i = 0; i < A.rows; i++) cn = cn.mul(c);
        expect(A.scale(c).det().eq(cn.mul(A.det()))).toBe(true);
        expect(abs(P.det()).eq(Rational.ONE)).toBe(true);
        expect(G.inverse().det().eq(inverse(G.det()))).toBe(true);
      }),
      opts,
    );
  });

  it('matrices with a zero pivot needing a row swap', () => {
    expect(Matrix.fromRows([[0, 1], [1, 0]]).det().toString()).toBe('-1');
    expect(Matrix.fromRows([[0, 0, 1], [0, 1, 0], [1, 0, 0]]).det().toString()).toBe('-1');
    expect(Matrix.fromRows([['1/2', 1, 0], [1, 2, 3], [0, 1, 1]]).det().toString()).toBe('-3/2');
  });
});

describe('Matrix: rank', () => {
  it('known-rank cases', () => {
    expect(Matrix.zeros(3, 4).rank()).toBe(0);
    expect(Matrix.identity(4).rank()).toBe(4);
    expect(Matrix.fromRows([[1, 2, 3], [2, 4, 6]]).rank()).toBe(1);
    expect(Matrix.fromRows([[0, 1], [0, 2], [1, 0]]).rank()).toBe(2);
    expect(Matrix.fromRows([[0, 0, 1], [0, 0, 2]]).rank()).toBe(1);
    expect(Matrix.outer([Rational.ONE, Rational.of(2, 3)], [Rational.of(-1), Rational.ZERO, Rational.of(5)]).rank()).toBe(1);
  });

  it('B·C with B n×k of full column rank and C k×m of full row rank has rank k', () => {
    const arb = fc
      .record({ k: fc.integer({ min: 1, max: 3 }), dn: fc.integer({ min: 0, max: 2 }), dm: fc.integer({ min: 0, max: 2 }) })
      .chain(({ k, dn, dm }) => fc.tuple(fullColumnRankMatrixArb(k + dn, k), fullRowRankMatrixArb(k, k + dm)));
    fc.assert(
      fc.property(arb, ([B, C]) => {
        expect(B.rank()).toBe(B.cols);
        expect(C.rank()).toBe(C.rows);
        expect(B.mul(C).rank()).toBe(B.cols);
      }),
      opts,
    );
  });

  it('rank(AB) ≤ min(rank A, rank B), rank(Aᵀ) = rank A, rank(invertible) = n', () => {
    const arb = fc
      .record({ n: dim, k: dim, m: dim })
      .chain(({ n, k, m }) => fc.tuple(matrixArb(n, k, { maxNum: 2, maxDen: 1 }), matrixArb(k, m, { maxNum: 2, maxDen: 1 }), invertibleMatrixArb(n)));
    fc.assert(
      fc.property(arb, ([A, B, G]) => {
        expect(A.mul(B).rank()).toBeLessThanOrEqual(Math.min(A.rank(), B.rank()));
        expect(A.transpose().rank()).toBe(A.rank());
        expect(G.rank()).toBe(G.rows);
        expect(G.mul(A).rank()).toBe(A.rank());
      }),
      opts,
    );
  });
});

describe('Matrix: Moore–Penrose inverse (full rank)', () => {
  function penrose(A: Matrix): void {
    const P = A.pinv();
    expect(P.rows).toBe(A.cols);
    expect(P.cols).toBe(A.rows);
    expect(A.mul(P).mul(A).eq(A)).toBe(true);
    expect(P.mul(A).mul(P).eq(P)).toBe(true);
    expect(A.mul(P).transpose().eq(A.mul(P))).toBe(true);
    expect(P.mul(A).transpose().eq(P.mul(A))).toBe(true);
  }
  const shape = fc.record({ r: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 2 }) });

  it('satisfies the four Penrose conditions for tall matrices of full column rank', () => {
    fc.assert(fc.property(shape.chain(({ r, extra }) => fullColumnRankMatrixArb(r + extra, r)), penrose), opts);
  });

  it('satisfies the four Penrose conditions for wide matrices of full row rank', () => {
    fc.assert(fc.property(shape.chain(({ r, extra }) => fullRowRankMatrixArb(r, r + extra)), penrose), opts);
  });

  it('equals the inverse for invertible matrices, and throws on rank-deficient ones', () => {
    fc.assert(fc.property(invertible, (A) => {
      expect(A.pinv().eq(A.inverse())).toBe(true);
    }), opts);
    expect(() => Matrix.fromRows([[1, 2], [2, 4], [3, 6]]).pinv()).toThrow('rank-deficient matrix');
    expect(() => Matrix.fromRows([[1, 2, 3], [2, 4, 6]]).pinv()).toThrow('rank-deficient matrix');
  });
});
