/**
 * Gauss–Jordan elimination on Rationals, written plainly (tests and the bench's reference
 * only): the reference the exact layer's fraction-free and modular eliminations are
 * compared against. Shares nothing with src/exact beyond the Rational type.
 */
import type { Rational } from '../../src/exact/rational.ts';
import { inverse } from '../../src/exact/rational-shorthands.ts';

type V = Rational[];

/**
 * Reduced row echelon form of [A | B] (B optional): the pivot columns (of A) and the reduced rows.
 * @example rref(A, I).rows // [I | A⁻¹] for an invertible A
 */
export function rref(A: readonly V[], B: readonly V[] = []): { pivots: number[]; rows: V[] } {
  const n = A[0]?.length ?? 0;
  const rows = A.map((row, i) => [...row, ...(B[i] ?? [])]);
  const pivots: number[] = [];
  let top = 0;
  for (let c = 0; c < n && top < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= top && !row[c]!.isZero());
    if (p < 0) continue;
    [rows[top], rows[p]] = [rows[p]!, rows[top]!];
    const inv = inverse(rows[top]![c]!);
    rows[top] = rows[top]!.map((v) => v.mul(inv));
    for (let i = 0; i < rows.length; i++) {
      if (i === top || rows[i]![c]!.isZero()) continue;
      const f = rows[i]![c]!;
      rows[i] = rows[i]!.map((v, k) => v.sub(f.mul(rows[top]![k]!)));
    }
    pivots.push(c);
    top++;
  }
  return { pivots, rows };
}
