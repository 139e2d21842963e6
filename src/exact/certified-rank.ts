/**
 * Rank, pivot columns and null space of an integer matrix from one elimination mod p,
 * certified exactly:
 * - rank ≥ r: the minor on the r pivot rows × pivot columns is nonzero mod p, hence over ℤ;
 * - rank ≤ r: every other column j is shown to be a combination of the pivot columns, by an
 *   exact solution (Dixon) checked on every row; these combinations are the null-space basis;
 * - the pivots are the leftmost independent columns (what Bareiss elimination picks): each
 *   non-pivot column j uses only pivot columns left of j. (If a pivot c were a combination of
 *   columns left of it, those are combinations of pivots left of themselves, so c would be a
 *   combination of pivots left of c, contradicting independence.)
 * A prime that loses rank fails one of these checks; then the next prime is tried, and after
 * a few primes the result is undefined (the caller falls back to exact elimination).
 */
import { Rational } from './rational.ts';
import { MODULAR_PRIMES, echelonModP, reduceRows } from './modular.ts';
import { dixonSolve } from './dixon.ts';
import type { TimeCheck } from './dixon.ts';

export interface CertifiedEchelon {
  /** The leftmost maximal independent set of columns, increasing. */
  readonly pivots: number[];
  /** One kernel vector per non-pivot column f: 1 at f, −(coefficients) at the pivots. */
  readonly nullSpace: Rational[][];
}

/**
 * Certified pivots and null space of an integer matrix (rows of equal length `cols`),
 * or undefined when three primes fail (never an uncertified answer).
 */
export function certifiedEchelon(ints: readonly (readonly bigint[])[], cols: number, deadline?: TimeCheck): CertifiedEchelon | undefined {
  const n = ints.length;
  for (let attempt = 0; attempt < 3; attempt++) {
    const primeIndex = attempt;
    const p = MODULAR_PRIMES[primeIndex]!;
    const { pivotCols, pivotRows } = echelonModP(reduceRows(ints, p), n, cols, p);
    const isPivot = new Array<boolean>(cols).fill(false);
    for (const c of pivotCols) isPivot[c] = true;
    const free = Array.from({ length: cols }, (_, j) => j).filter((j) => !isPivot[j]);
    if (free.length === 0) return { pivots: pivotCols, nullSpace: [] };
    if (pivotCols.length === 0) {
      // Rank ≥ 0 trivially; rank ≤ 0 iff every entry is 0 (checked exactly).
      if (ints.every((row) => row.every((v) => v === 0n))) return { pivots: [], nullSpace: free.map((f) => unit(cols, f)) };
      continue;
    }
    const minor = pivotRows.map((i) => pivotCols.map((c) => ints[i]![c]!));
    const rhs = pivotRows.map((i) => free.map((f) => ints[i]![f]!));
    const sol = dixonSolve(minor, rhs, { primeIndex, deadline });
    if (!sol) continue;
    // Every row (not only the pivot rows Dixon checked): A[:, pivots]·num = den·A[:, free].
    const inMinor = new Set(pivotRows);
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      if (inMinor.has(i)) continue;
      const row = ints[i]!;
      for (let k = 0; k < free.length && ok; k++) {
        let s = 0n;
        pivotCols.forEach((c, b) => {
          const v = row[c]!;
          if (v !== 0n) s += v * sol.num[b]![k]!;
        });
        if (s !== sol.den * row[free[k]!]!) ok = false;
      }
    }
    // Leftmost pivots: column f uses only pivots left of it.
    for (let k = 0; k < free.length && ok; k++)
      pivotCols.forEach((c, b) => {
        if (c > free[k]! && sol.num[b]![k] !== 0n) ok = false;
      });
    if (!ok) continue;
    const nullSpace = free.map((f, k) => {
      const v = unit(cols, f);
      pivotCols.forEach((c, b) => (v[c] = Rational.of(-sol.num[b]![k]!, sol.den)));
      return v;
    });
    return { pivots: pivotCols, nullSpace };
  }
  return undefined;
}

function unit(n: number, f: number): Rational[] {
  const v = new Array<Rational>(n).fill(Rational.ZERO);
  v[f] = Rational.ONE;
  return v;
}
