/**
 * Exact sums of affine maps over a point set known by its moments (part of the trusted
 * base). For n points with s = Σx, S = Σxxᵀ and u(x) = A x + a, v(x) = B x + b:
 *
 *   Σ u vᵀ = A S Bᵀ + (A s) bᵀ + a (B s)ᵀ + n a bᵀ.
 *
 * On a pattern group the network is affine, so every cost, normal equation and Taylor
 * coefficient the checker needs there is such a sum: O(M³) per group, not O(M) per point.
 */
import { Rational } from '../exact/rational.ts';
import type { IntMoments } from '../data/compact.ts';
import { Matrix, vec, type Mat, type Vec } from './linalg.ts';

/** x ↦ A x + c. */
export interface Affine {
  readonly A: Matrix;
  readonly c: Vec;
}

/** n, Σx and Σxxᵀ of a point set, exact. */
export interface Moments {
  readonly count: number;
  readonly sum: Vec;
  readonly second: Matrix;
}

/** The moments of points x = z / den from the integer moments of z. */
export function momentsOf(m: IntMoments, den: bigint): Moments {
  const M = m.sum.length;
  return { count: m.count, sum: m.sum.map((v) => Rational.of(v, den)), second: new Matrix(M, M, m.second.map((v) => Rational.of(v, den * den))) };
}

export const identityAffine = (M: number): Affine => ({ A: Matrix.identity(M), c: vec.zeros(M) });

/** The constant map x ↦ c on R^M. */
export const constantAffine = (c: Vec, M: number): Affine => ({ A: Matrix.zeros(c.length, M), c });

/** u − y for a constant y. */
export const shift = (u: Affine, y: Vec): Affine => ({ A: u.A, c: vec.sub(u.c, y) });

/** x ↦ W u(x) + b. */
export const compose = (W: Mat, u: Affine, b: Vec): Affine => ({ A: Matrix.of(W).mul(u.A), c: vec.add(Matrix.of(W).mulVec(u.c), b) });

export const addAffine = (u: Affine, v: Affine): Affine => ({ A: u.A.add(v.A), c: vec.add(u.c, v.c) });

export const subAffine = (u: Affine, v: Affine): Affine => ({ A: u.A.sub(v.A), c: vec.sub(u.c, v.c) });

/** u stacked over v. */
export const stack = (u: Affine, v: Affine): Affine => ({ A: Matrix.fromRows([...u.A.toRows(), ...v.A.toRows()], u.A.cols), c: [...u.c, ...v.c] });

/** Rows of u whose `keep` is false set to 0 (a ReLU with a fixed pattern). */
export function maskRows(u: Affine, keep: (row: number) => boolean): Affine {
  const zero = vec.zeros(u.A.cols);
  return { A: Matrix.fromRows(u.A.toRows().map((r, i) => (keep(i) ? r : zero)), u.A.cols), c: u.c.map((v, i) => (keep(i) ? v : Rational.ZERO)) };
}

/** Σ over the points of u(x) v(x)ᵀ, exactly. */
export function sumOuter(u: Affine, v: Affine, m: Moments): Matrix {
  const n = Rational.int(m.count);
  const As = u.A.mulVec(m.sum);
  const Bs = v.A.mulVec(m.sum);
  const quad = u.A.mul(m.second).mul(v.A.transpose());
  const R = v.c.length;
  return new Matrix(u.c.length, R, quad.data.map((q, k) => {
    const [r, t] = [Math.floor(k / R), k % R];
    return q.add(As[r]!.mul(v.c[t]!)).add(u.c[r]!.mul(Bs[t]!.add(n.mul(v.c[t]!))));
  }));
}

/** Σ over the points of u(x)·v(x), exactly. */
export function sumDot(u: Affine, v: Affine, m: Moments): Rational {
  const outer = sumOuter(u, v, m);
  return u.c.reduce((s, _, r) => s.add(outer.get(r, r)), Rational.ZERO);
}

/** Σ over the points of |u(x)|², exactly. */
export const sumSquares = (u: Affine, m: Moments): Rational => sumDot(u, u, m);

/** Σ over the points of u(x), exactly. */
export const sumAffine = (u: Affine, m: Moments): Rational[] => vec.add(u.A.mulVec(m.sum), vec.scale(u.c, Rational.int(m.count)));

/** A running Σ u vᵀ over several point sets (pattern groups, classes). */
export class OuterSum {
  private total: Matrix;
  constructor(rows: number, cols: number) {
    this.total = Matrix.zeros(rows, cols);
  }
  add(u: Affine, v: Affine, m: Moments): this {
    this.total = this.total.add(sumOuter(u, v, m));
    return this;
  }
  isZero(): boolean {
    return this.total.isZero();
  }
}
