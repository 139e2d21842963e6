/**
 * Exact matrices and vectors as `bmatrix`, elided to at most 8×8 shown
 * entries (\cdots, \vdots, \ddots) with the digit budget of each entry
 * shrinking as more columns are shown, so a matrix fits the page width.
 *
 * @example
 *   matrixLatex([[q(1), q('1/2')], [q(0), q(3)]]).tex // '\\begin{bmatrix}1 & \\frac{1}{2} \\\\[0.8ex] 0 & 3\\end{bmatrix}'
 */
import type { Rational } from '../exact/rational.ts';
import { MAX_DIGITS, rationalLatex, type Rendered } from './number.ts';

/** Largest number of rows/columns shown; beyond it the middle is elided. */
export const MAX_SHOWN = 8;

/** Digits budget shared by one displayed row. */
const ROW_DIGITS = 80;

/** Indices to show out of n, with null for the elision mark: the first MAX_SHOWN − 2, a gap, the last. */
export function shownIndices(n: number): (number | null)[] {
  if (n <= MAX_SHOWN) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: MAX_SHOWN - 2 }, (_, i) => i), null, n - 1];
}

/** Digit budget of one entry when `cols` columns are shown. */
export function entryDigits(cols: number): number {
  return Math.max(8, Math.min(MAX_DIGITS, Math.floor(ROW_DIGITS / Math.max(cols, 1)) - 2));
}

/** A matrix (rows of exact entries) as bmatrix; `abbreviated` when entries or rows/columns were left out. */
export function matrixLatex(rows: readonly (readonly Rational[])[]): Rendered {
  const r = rows.length;
  const c = rows[0]?.length ?? 0;
  if (r === 0 || c === 0) return { tex: '\\begin{bmatrix}\\end{bmatrix}', abbreviated: false };
  const ri = shownIndices(r);
  const ci = shownIndices(c);
  const digits = entryDigits(ci.length);
  let abbreviated = r > MAX_SHOWN || c > MAX_SHOWN;
  const lines = ri.map((i) =>
    ci
      .map((j) => {
        if (i === null) return j === null ? '\\ddots' : '\\vdots';
        if (j === null) return '\\cdots';
        const e = rationalLatex(rows[i]![j]!, digits);
        abbreviated ||= e.abbreviated;
        return e.tex;
      })
      .join(' & '),
  );
  // Rows of fractions get extra space, so stacked fractions do not touch.
  const sep = r > 1 && lines.some((l) => l.includes('\\frac')) ? ' \\\\[0.8ex] ' : ' \\\\ ';
  return { tex: `\\begin{bmatrix}${lines.join(sep)}\\end{bmatrix}`, abbreviated };
}

/** A vector as a row bmatrix with ^\top (a column vector written compactly). */
export function vectorLatex(v: readonly Rational[], opts: { transpose?: boolean } = {}): Rendered {
  const m = matrixLatex([v]);
  return { tex: opts.transpose === false ? m.tex : `${m.tex}^{\\top}`, abbreviated: m.abbreviated };
}
