/**
 * Exact univariate polynomials and rational functions of δ (src/symbolic/
 * rational-function.ts) as LaTeX, rendered from their exact coefficients.
 * (nerdamer's own TeX of these is not used: it prints large integers as
 * rounded floats, e.g. 577256998446365403 as 577256998446365400.)
 *
 * @example
 *   polyLatex(Poly.of([0, 0, '1/2'])).tex // '\\frac{1}{2}\\delta^{2}'
 */
import { Rational, commonDenominator, gcd } from '../exact/rational.ts';
import type { LeadingTerm, Poly, RationalFunction } from '../symbolic/rational-function.ts';
import { MAX_DIGITS, digitWidth, rationalLatex, type Rendered } from './number.ts';
import { abs } from '../exact/rational-shorthands.ts';

function power(variable: string, k: number): string {
  return k === 0 ? '' : k === 1 ? variable : `${variable}^{${k}}`;
}

/** c·δ^k for one term (c ≠ 0), sign included. */
function term(c: Rational, k: number, variable: string, maxDigits: number): Rendered {
  const a = abs(c);
  const sign = c.sign() < 0 ? '-' : '';
  if (k === 0) {
    const r = rationalLatex(a, maxDigits);
    return { tex: sign + r.tex, abbreviated: r.abbreviated };
  }
  if (a.eq(Rational.ONE)) return { tex: sign + power(variable, k), abbreviated: false };
  const r = rationalLatex(a, maxDigits);
  return { tex: `${sign}${r.tex}\\,${power(variable, k)}`, abbreviated: r.abbreviated };
}

/** A polynomial, increasing powers (lowest order first: what matters as δ → 0). */
export function polyLatex(p: Poly, variable = '\\delta', maxDigits = MAX_DIGITS): Rendered {
  if (p.isZero()) return { tex: '0', abbreviated: false };
  const parts: string[] = [];
  let abbreviated = false;
  p.coeffs.forEach((c, k) => {
    if (c.isZero()) return;
    const t = term(c, k, variable, maxDigits);
    abbreviated ||= t.abbreviated;
    parts.push(parts.length === 0 ? t.tex : t.tex.startsWith('-') ? ` - ${t.tex.slice(1)}` : ` + ${t.tex}`);
  });
  return { tex: parts.join(''), abbreviated };
}

/** A leading term c·δ^e (or 0). */
export function leadingTermLatex(t: LeadingTerm | null, variable = '\\delta', maxDigits = MAX_DIGITS): Rendered {
  if (t === null) return { tex: '0', abbreviated: false };
  return term(t.coefficient, t.exponent, variable, maxDigits);
}

/**
 * The same function with integer coefficients: num and den multiplied by the
 * lcm of all coefficient denominators and divided by the gcd of the results.
 * @example integerForm(RationalFunction.of(Poly.of(['1/2']), Poly.of([1, 1]))) // num 1, den 2 + 2δ
 */
export function integerForm(f: RationalFunction): { num: Poly; den: Poly } {
  const all = [...f.num.coeffs, ...f.den.coeffs];
  const L = commonDenominator(all);
  const ints = all.map((c) => c.mul(Rational.int(L)));
  const G = ints.reduce((g, c) => gcd(g, c.num), 0n);
  const scale = Rational.of(L, G === 0n ? 1n : G);
  return { num: f.num.scale(scale), den: f.den.scale(scale) };
}

/** Width of one term in digit units (for line wrapping). */
function termWidth(c: Rational, k: number): number {
  return (abs(c).eq(Rational.ONE) && k > 0 ? 0 : Math.min(digitWidth(c), MAX_DIGITS)) + (k === 0 ? 0 : k === 1 ? 2 : 3) + 2;
}

/**
 * A polynomial split into lines of at most `maxWidth` digit units, for an
 * aligned display: the first line starts with the first term, the others
 * with their sign.
 */
export function polyLines(p: Poly, variable = '\\delta', maxWidth = 80, maxDigits = MAX_DIGITS): { lines: string[]; abbreviated: boolean } {
  if (p.isZero()) return { lines: ['0'], abbreviated: false };
  const lines: string[] = [];
  let current = '';
  let width = 0;
  let abbreviated = false;
  p.coeffs.forEach((c, k) => {
    if (c.isZero()) return;
    const t = term(c, k, variable, maxDigits);
    abbreviated ||= t.abbreviated;
    const tw = termWidth(c, k);
    const signed = current === '' && lines.length === 0 ? t.tex : t.tex.startsWith('-') ? `- ${t.tex.slice(1)}` : `+ ${t.tex}`;
    if (current !== '' && width + tw > maxWidth) {
      lines.push(current);
      current = '';
      width = 0;
    }
    current += (current === '' ? '' : ' ') + signed;
    width += tw;
  });
  if (current !== '') lines.push(current);
  return { lines, abbreviated };
}

/**
 * Rows of an aligned display for `label(δ) = f(δ)`: one row \frac{p}{q} when it
 * fits in `maxWidth`, else `label = p/q` followed by the rows of p and q
 * (integer coefficients, wrapped).
 */
export function rationalFunctionRows(label: string, f: RationalFunction, variable = '\\delta', maxWidth = 80, maxDigits = MAX_DIGITS): { rows: string[]; abbreviated: boolean } {
  const { num, den } = integerForm(f);
  const isOne = den.degree() === 0 && den.coefficient(0).eq(Rational.ONE);
  const n = polyLines(num, variable, Infinity, maxDigits);
  const d = polyLines(den, variable, Infinity, maxDigits);
  const width = (q: Poly) => q.coeffs.reduce((s, c, k) => s + (c.isZero() ? 0 : termWidth(c, k)), 0);
  if (Math.max(width(num), isOne ? 0 : width(den)) <= maxWidth) {
    const tex = isOne ? n.lines[0]! : `\\frac{${n.lines[0]}}{${d.lines[0]}}`;
    return { rows: [`${label} &= ${tex}`], abbreviated: n.abbreviated || d.abbreviated };
  }
  const nl = polyLines(num, variable, maxWidth, maxDigits);
  const dl = polyLines(den, variable, maxWidth, maxDigits);
  const rows = [`${label} &= ${isOne ? 'p(\\delta)' : '\\frac{p(\\delta)}{q(\\delta)}'},\\quad\\text{where}`];
  nl.lines.forEach((l, i) => rows.push(i === 0 ? `p(\\delta) &= ${l}` : `&\\quad ${l}`));
  if (!isOne) dl.lines.forEach((l, i) => rows.push(i === 0 ? `q(\\delta) &= ${l}` : `&\\quad ${l}`));
  return { rows, abbreviated: nl.abbreviated || dl.abbreviated };
}
