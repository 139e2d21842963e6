/**
 * Exact numbers as LaTeX: reduced fractions `\frac{p}{q}`, with integers of
 * more than `maxDigits` digits abbreviated in the body as "first digits \ldots
 * last digits" (the document's appendix and side file keep every digit).
 *
 * @example
 *   rationalLatex(Rational.of(-7n, 3n)).tex // '-\\frac{7}{3}'
 */
import type { Rational } from '../exact/rational.ts';

/** A LaTeX rendering and whether any digits were left out. */
export interface Rendered {
  readonly tex: string;
  readonly abbreviated: boolean;
}

/** Default digit budget of one integer in the body. */
export const MAX_DIGITS = 40;

/**
 * A non-negative integer's digits, abbreviated beyond `maxDigits` as head\ldots tail.
 * @example integerLatex('123456789', 6) // { tex: '123\\ldots 89', abbreviated: true }
 */
export function integerLatex(digits: string, maxDigits = MAX_DIGITS): Rendered {
  if (digits.length <= maxDigits) return { tex: digits, abbreviated: false };
  const keep = Math.max(maxDigits - 1, 4);
  const head = Math.ceil((keep * 3) / 5);
  const tail = keep - head;
  return { tex: `${digits.slice(0, head)}\\ldots ${digits.slice(digits.length - tail)}`, abbreviated: true };
}

/** A rational number as LaTeX (sign in front, `\frac` when not an integer). */
export function rationalLatex(r: Rational, maxDigits = MAX_DIGITS): Rendered {
  const sign = r.sign() < 0 ? '-' : '';
  const num = integerLatex((r.num < 0n ? -r.num : r.num).toString(), maxDigits);
  if (r.den === 1n) return { tex: sign + num.tex, abbreviated: num.abbreviated };
  const den = integerLatex(r.den.toString(), maxDigits);
  return { tex: `${sign}\\frac{${num.tex}}{${den.tex}}`, abbreviated: num.abbreviated || den.abbreviated };
}

/** Digits of the longer of numerator and denominator. */
export function digitWidth(r: Rational): number {
  const n = (r.num < 0n ? -r.num : r.num).toString().length;
  return Math.max(n, r.den.toString().length) + (r.sign() < 0 ? 1 : 0);
}

/**
 * An exact value "p/q" for the appendix, in text mode, with a line-break
 * opportunity every 10 digits so long values wrap.
 * @example breakableText('-12345678901/3') // '$-$1234567890\\allowbreak 1/\\allowbreak 3'
 */
export function breakableText(value: string): string {
  const neg = value.startsWith('-');
  const body = (neg ? value.slice(1) : value)
    .split('/')
    .map((part) => part.replace(/(\d{10})(?=\d)/g, '$1\\allowbreak '))
    .join('/\\allowbreak ');
  return (neg ? '$-$' : '') + body;
}
