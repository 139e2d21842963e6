/**
 * Errors of the symbolic layer. nerdamer is treated as an untrusted oracle:
 * whatever it derives is re-checked against exact arithmetic, and a
 * disagreement surfaces as one of these instead of a wrong answer.
 */

/** A symbolic result disagrees with the exact numeric layer (or with itself). */
export class SymbolicMismatchError extends Error {
  /** What was being checked, e.g. "cost expression (L=1, bias free)". */
  readonly what: string;
  /** The point where the two sides differ, symbol → exact value as "p/q". */
  readonly point: Readonly<Record<string, string>>;
  /** The symbolic side's value at the point ("p/q"), or a short description. */
  readonly symbolic: string;
  /** The exact side's value at the point ("p/q"), or a short description. */
  readonly exact: string;

  constructor(what: string, point: Readonly<Record<string, string>>, symbolic: string, exact: string) {
    const at = Object.entries(point)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    super(`symbolic mismatch in ${what}${at ? ` at ${at}` : ''}: symbolic ${symbolic} ≠ exact ${exact}`);
    this.name = 'SymbolicMismatchError';
    this.what = what;
    this.point = point;
    this.symbolic = symbolic;
    this.exact = exact;
  }
}

/**
 * nerdamer produced something that is not an exact rational result where one
 * was required: a decimal, an irrational function (sqrt, abs, …), an unknown
 * symbol, a non-integer power, or text that does not parse.
 */
export class SymbolicOutputError extends Error {
  /** The offending text. */
  readonly text: string;

  constructor(message: string, text: string) {
    super(`${message}: "${text.length > 200 ? `${text.slice(0, 200)}…` : text}"`);
    this.name = 'SymbolicOutputError';
    this.text = text;
  }
}
