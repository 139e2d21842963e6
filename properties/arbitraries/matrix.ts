/**
 * Exact matrices of fixed shape, by structure: general, invertible,
 * full row rank, orthogonal, permutation, positive diagonal. Each structured
 * generator builds its property in by construction (no filtering), so no run
 * is wasted and shrinking stays inside the class (towards identity-like matrices).
 */
import fc from 'fast-check';
import { Matrix } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { nonzeroRationalArb, positiveRationalArb, rationalArb, type RationalArbOptions } from './rational.ts';
import { vectorArb } from './vector.ts';

/**
 * A rows×cols matrix with independent entries (any rank). Shrinks to 0.
 * @example fc.sample(matrixArb(2, 3), 1)[0].rows // 2
 */
export function matrixArb(rows: number, cols: number, opts: RationalArbOptions = {}): fc.Arbitrary<Matrix> {
  return vectorArb(rows * cols, opts).map((d) => new Matrix(rows, cols, d));
}

/** n×n unit lower (or, transposed, upper) triangular matrix from n(n−1)/2 entries. */
function unitLower(n: number, below: readonly Rational[]): Matrix {
  const rows: Rational[][] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const row: Rational[] = [];
    for (let j = 0; j < n; j++) row.push(j < i ? below[k++]! : j === i ? Rational.ONE : Rational.ZERO);
    rows.push(row);
  }
  return Matrix.fromRows(rows);
}

/**
 * An invertible n×n matrix Π·L·D·U (Π permutation, L/U unit lower/upper
 * triangular, D nonzero diagonal): det = ±Π D_ii ≠ 0 by construction.
 * Shrinks towards ±1 diagonal matrices.
 * @example fc.sample(invertibleMatrixArb(3), 1)[0].det().isZero() // false
 */
export function invertibleMatrixArb(n: number, opts: RationalArbOptions = {}): fc.Arbitrary<Matrix> {
  const m = (n * (n - 1)) / 2;
  return fc
    .tuple(permutationMatrixArb(n), vectorArb(m, opts), vectorArb(n, opts, nonzeroRationalArb(opts)), vectorArb(m, opts))
    .map(([P, l, d, u]) => P.mul(unitLower(n, l)).mul(Matrix.diagonal(d)).mul(unitLower(n, u).transpose()));
}

/**
 * A rows×cols matrix of full row rank (rows ≤ cols): A·[I | B]·Π with A
 * invertible and Π a column permutation. Shrinks towards [I | 0].
 * @example fc.sample(fullRowRankMatrixArb(2, 4), 1)[0].rank() // 2
 */
export function fullRowRankMatrixArb(rows: number, cols: number, opts: RationalArbOptions = {}): fc.Arbitrary<Matrix> {
  if (rows > cols) throw new RangeError(`full row rank needs rows ≤ cols, got ${rows}×${cols}`);
  return fc
    .tuple(invertibleMatrixArb(rows, opts), matrixArb(rows, cols - rows, opts), permutationMatrixArb(cols))
    .map(([A, B, P]) => {
      const IB = Matrix.fromRows(Matrix.identity(rows).toRows().map((r, i) => [...r, ...B.row(i)]));
      return A.mul(IB).mul(P);
    });
}

/**
 * A rows×cols matrix of full column rank (rows ≥ cols): the transpose of a
 * full-row-rank one.
 * @example fc.sample(fullColumnRankMatrixArb(4, 2), 1)[0].rank() // 2
 */
export function fullColumnRankMatrixArb(rows: number, cols: number, opts: RationalArbOptions = {}): fc.Arbitrary<Matrix> {
  return fullRowRankMatrixArb(cols, rows, opts).map((m) => m.transpose());
}

/**
 * An n×n skew-symmetric matrix (Aᵀ = −A). Shrinks to 0.
 * @example fc.sample(skewSymmetricMatrixArb(2), 1) // e.g. [[0, 1/2], [-1/2, 0]]
 */
export function skewSymmetricMatrixArb(n: number, opts: RationalArbOptions = {}): fc.Arbitrary<Matrix> {
  return vectorArb((n * (n - 1)) / 2, opts).map((above) => {
    const S = unitLower(n, above).sub(Matrix.identity(n)); // strictly lower part
    return S.sub(S.transpose());
  });
}

/**
 * A rational orthogonal n×n matrix by the Cayley transform (I − A)(I + A)⁻¹
 * of a skew-symmetric A (I + A is always invertible for skew A), times a
 * random diagonal of ±1 so that det = −1 occurs too. Shrinks to I.
 * @example const Q = fc.sample(orthogonalMatrixArb(3), 1)[0]; Q.mul(Q.transpose()).eq(Matrix.identity(3)) // true
 */
export function orthogonalMatrixArb(n: number, opts: RationalArbOptions = { maxNum: 3, maxDen: 2 }): fc.Arbitrary<Matrix> {
  return fc
    .tuple(skewSymmetricMatrixArb(n, opts), fc.array(fc.boolean(), { minLength: n, maxLength: n }))
    .map(([A, flips]) => {
      const I = Matrix.identity(n);
      const C = I.sub(A).mul(I.add(A).inverse());
      return Matrix.diagonal(flips.map((f) => (f ? Rational.int(-1) : Rational.ONE))).mul(C);
    });
}

/**
 * An n×n permutation matrix, from a Lehmer code (so it shrinks to I).
 * @example fc.sample(permutationMatrixArb(3), 1) // e.g. [[0,1,0],[1,0,0],[0,0,1]]
 */
export function permutationMatrixArb(n: number): fc.Arbitrary<Matrix> {
  const code = Array.from({ length: Math.max(0, n - 1) }, (_, i) => fc.integer({ min: 0, max: n - 1 - i }));
  return fc.tuple(...code).map((c) => {
    const remaining = Array.from({ length: n }, (_, i) => i);
    const perm = [...c, 0].map((k) => remaining.splice(k, 1)[0]!);
    return Matrix.fromRows(perm.map((p) => Array.from({ length: n }, (_, j) => (j === p ? 1 : 0))));
  });
}

/**
 * A diagonal n×n matrix with positive diagonal entries. Shrinks to I.
 * @example fc.sample(positiveDiagonalMatrixArb(2), 1) // e.g. [[3/2, 0], [0, 1]]
 */
export function positiveDiagonalMatrixArb(n: number, opts: RationalArbOptions = {}): fc.Arbitrary<Matrix> {
  return vectorArb(n, opts, positiveRationalArb(opts)).map((d) => Matrix.diagonal(d));
}
