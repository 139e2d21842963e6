import { describe, expect, it } from 'vitest';
import { FMatrix, fvec } from '../src/float/matrix.ts';

const close = (a: number[][], b: number[][], tol = 1e-12) => {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - b[i]![j]!)).toBeLessThanOrEqual(tol)));
};

describe('FMatrix basics', () => {
  it('constructs, indexes and transposes', () => {
    const A = FMatrix.fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(A.get(1, 2)).toBe(6);
    expect(A.transpose().toRows()).toEqual([[1, 4], [2, 5], [3, 6]]);
    A.set(0, 0, 7);
    expect(A.get(0, 0)).toBe(7);
    expect(FMatrix.identity(2).toRows()).toEqual([[1, 0], [0, 1]]);
    expect(FMatrix.zeros(1, 2).toRows()).toEqual([[0, 0]]);
    expect(() => FMatrix.fromRows([[1], [1, 2]])).toThrow(RangeError);
  });

  it('add, sub, scale, mul, mulVec, frobenius2', () => {
    const A = FMatrix.fromRows([[1, 2], [3, 4]]);
    const B = FMatrix.fromRows([[0, 1], [1, 0]]);
    expect(A.add(B).toRows()).toEqual([[1, 3], [4, 4]]);
    expect(A.sub(B).toRows()).toEqual([[1, 1], [2, 4]]);
    expect(A.scale(2).toRows()).toEqual([[2, 4], [6, 8]]);
    expect(A.mul(B).toRows()).toEqual([[2, 1], [4, 3]]);
    expect(Array.from(A.mulVec([1, -1]))).toEqual([-1, -1]);
    expect(A.frobenius2()).toBe(30);
    expect(() => A.mul(FMatrix.zeros(3, 1))).toThrow(RangeError);
  });

  it('solve, inverse, det with pivoting', () => {
    const A = FMatrix.fromRows([[0, 1, 2], [1, 0, 3], [4, -3, 8]]);
    close(A.inverse().toRows(), [[-4.5, 7, -1.5], [-2, 4, -1], [1.5, -2, 0.5]]);
    expect(A.det()).toBeCloseTo(-2, 12);
    expect(FMatrix.fromRows([[0, 1], [1, 0]]).det()).toBe(-1);
    close(A.mul(A.inverse()).toRows(), FMatrix.identity(3).toRows());
    const x = A.solveVec([1, 2, 3]);
    close([Array.from(A.mulVec(x))], [[1, 2, 3]]);
  });

  it('singular matrices: solve throws, det is 0', () => {
    expect(() => FMatrix.fromRows([[1, 2], [2, 4]]).inverse()).toThrow('singular matrix');
    expect(() => FMatrix.zeros(2, 2).inverse()).toThrow('singular matrix');
    // Singular up to rounding (third row = first + second in floats): relative tolerance catches it.
    expect(() => FMatrix.fromRows([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.5, 0.7, 0.9]]).inverse()).toThrow('singular matrix');
    expect(FMatrix.zeros(3, 3).det()).toBe(0);
  });

  it('rank with a relative tolerance', () => {
    expect(FMatrix.zeros(2, 3).rank()).toBe(0);
    expect(FMatrix.identity(4).rank()).toBe(4);
    expect(FMatrix.fromRows([[1, 2, 3], [2, 4, 6]]).rank()).toBe(1);
    expect(FMatrix.fromRows([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.5, 0.7, 0.9]]).rank()).toBe(2);
    expect(FMatrix.fromRows([[1e-300, 0], [0, 1e-300]]).rank()).toBe(2); // relative, not absolute
    expect(FMatrix.fromRows([[1, 0], [0, 1e-20]]).rank()).toBe(1);
    expect(FMatrix.fromRows([[1, 0], [0, 1e-20]]).rank(0)).toBe(2);
  });

  it('pinv: Penrose conditions for tall and wide matrices; throws when rank-deficient', () => {
    for (const A of [FMatrix.fromRows([[1, 2], [3, 4], [5, 7]]), FMatrix.fromRows([[1, 0, 2], [0, 1, -1]])]) {
      const P = A.pinv();
      close(A.mul(P).mul(A).toRows(), A.toRows(), 1e-12);
      close(P.mul(A).mul(P).toRows(), P.toRows(), 1e-12);
      close(A.mul(P).transpose().toRows(), A.mul(P).toRows(), 1e-12);
      close(P.mul(A).transpose().toRows(), P.mul(A).toRows(), 1e-12);
    }
    expect(() => FMatrix.fromRows([[1, 2], [2, 4], [3, 6]]).pinv()).toThrow('rank-deficient matrix');
  });

  it('fvec helpers', () => {
    const a = Float64Array.of(1, -2, 3);
    const b = Float64Array.of(0, 1, -1);
    expect(Array.from(fvec.add(a, b))).toEqual([1, -1, 2]);
    expect(Array.from(fvec.sub(a, b))).toEqual([1, -3, 4]);
    expect(fvec.dot(a, b)).toBe(-5);
    expect(fvec.norm2(a)).toBe(14);
    expect(Array.from(fvec.reluInPlace(Float64Array.of(-1, 0, 2, Number.NaN)))).toEqual([0, 0, 2, Number.NaN]);
  });
});
