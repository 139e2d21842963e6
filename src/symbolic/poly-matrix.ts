/**
 * Fraction-free linear algebra over ℚ[δ] (Bareiss): determinants, generic
 * rank (pivot columns over the field ℚ(δ)) and Cramer solutions, all with
 * exact polynomial divisions (each Bareiss division is exact by Sylvester's
 * identity; an inexact one throws).
 */
import { Poly } from './rational-function.ts';

/** A matrix of polynomials, row-major. */
export type PolyMatrix = readonly (readonly Poly[])[];

/** det by Bareiss elimination with row pivoting on nonzero polynomials. */
export function polyDet(m: PolyMatrix): Poly {
  const n = m.length;
  if (n === 0) return Poly.ONE;
  const a = m.map((r) => [...r]);
  let sign = 1;
  let prev = Poly.ONE;
  for (let k = 0; k < n - 1; k++) {
    if (a[k]![k]!.isZero()) {
      const p = a.findIndex((r, i) => i > k && !r[k]!.isZero());
      if (p < 0) return Poly.ZERO;
      [a[k], a[p]] = [a[p]!, a[k]!];
      sign = -sign;
    }
    const rk = a[k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = a[i]!;
      for (let j = k + 1; j < n; j++) ri[j] = ri[j]!.mul(rk[k]!).sub(ri[k]!.mul(rk[j]!)).divExact(prev);
      ri[k] = Poly.ZERO;
    }
    prev = rk[k]!;
  }
  const d = a[n - 1]![n - 1]!;
  return sign < 0 ? d.neg() : d;
}

/**
 * Pivot columns of the matrix over the field ℚ(δ): a maximal set of columns
 * that are linearly independent for all but finitely many δ.
 */
export function polyPivotColumns(m: PolyMatrix): number[] {
  const rows = m.length;
  const cols = rows === 0 ? 0 : m[0]!.length;
  const a = m.map((r) => [...r]);
  const pivots: number[] = [];
  let prev = Poly.ONE;
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    const p = a.findIndex((row, i) => i >= r && !row[c]!.isZero());
    if (p < 0) continue;
    [a[r], a[p]] = [a[p]!, a[r]!];
    const pr = a[r]!;
    for (let i = r + 1; i < rows; i++) {
      const ri = a[i]!;
      for (let j = c + 1; j < cols; j++) ri[j] = ri[j]!.mul(pr[c]!).sub(ri[c]!.mul(pr[j]!)).divExact(prev);
      ri[c] = Poly.ZERO;
    }
    prev = pr[c]!;
    pivots.push(c);
    r++;
  }
  return pivots;
}

/** Submatrix on the given rows and columns. */
export function polySelect(m: PolyMatrix, rows: readonly number[], cols: readonly number[]): Poly[][] {
  return rows.map((i) => cols.map((j) => m[i]![j]!));
}

/** Transpose. */
export function polyTranspose(m: PolyMatrix): Poly[][] {
  if (m.length === 0) return [];
  return m[0]!.map((_, j) => m.map((row) => row[j]!));
}

/** Product. */
export function polyMatMul(a: PolyMatrix, b: PolyMatrix): Poly[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s.add(v.mul(b[k]![j]!)), Poly.ZERO)));
}

/**
 * Cramer's rule for A X = B with A square and det A ≢ 0: X = Xnum / det,
 * Xnum[i][k] = det(A with column i replaced by column k of B).
 */
export function polyCramer(A: PolyMatrix, B: PolyMatrix): { num: Poly[][]; det: Poly } {
  const det = polyDet(A);
  if (det.isZero()) throw new RangeError('singular polynomial matrix');
  const n = A.length;
  const k = n === 0 ? 0 : B[0]!.length;
  const num = Array.from({ length: n }, (_, i) =>
    Array.from({ length: k }, (_, col) => polyDet(A.map((row, r) => row.map((v, j) => (j === i ? B[r]![col]! : v))))),
  );
  return { num, det };
}

/** The adjugate adj(A) (adj(A)·A = det(A)·I), by cofactors. */
export function polyAdjugate(A: PolyMatrix): Poly[][] {
  const n = A.length;
  if (n === 1) return [[Poly.ONE]];
  return Array.from({ length: n }, (_, k) =>
    Array.from({ length: n }, (_, i) => {
      const d = polyDet(A.filter((_, r) => r !== i).map((row) => row.filter((_, c) => c !== k)));
      return (i + k) % 2 === 0 ? d : d.neg();
    }),
  );
}
