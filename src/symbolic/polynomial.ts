/**
 * The bridge between nerdamer and the exact layer.
 *
 * nerdamer is an untrusted oracle here. Every value we take from it is read
 * back through our own exact parser ({@link parseExpressionText}); decimals,
 * irrational functions and stray constants are rejected; and an evaluation is
 * done twice, by nerdamer's substitution and by our own evaluator of the text
 * nerdamer printed, which must agree. {@link crossCheck} then compares an
 * expression with an independent exact function at seeded random points.
 *
 * Every expression built with {@link symbolic} is also compared with its own
 * input text at seeded random points, since nerdamer's simplifier can change
 * a value (see {@link symbolic}); derivatives and expansions of polynomials
 * are compared exactly with our own (mpoly.ts).
 *
 * Known quirk guarded here: nerdamer splits a name with two numeric
 * subscripts (`w1_1_2` parses as `w1_1 * _2`), so symbol names are checked
 * by a round trip ({@link assertSymbolName}) and the project's names avoid a
 * second `_digit` (see symbols.ts).
 */
import nerdamer from 'nerdamer';
import 'nerdamer/Algebra.js';
import 'nerdamer/Calculus.js';
import { Rational } from '../exact/rational.ts';
import { SymbolicMismatchError, SymbolicOutputError } from './errors.ts';
import { evaluateNode, nodeSymbols, nodeToPolynomial, parseExactConstant, parseExpressionText, type Node } from './expression-text.ts';
import { MPoly, type Assignment } from './mpoly.ts';
import { randomRational, seededRng, type Rng } from './random.ts';

export type { Assignment } from './mpoly.ts';
export type SymExpr = nerdamer.Expression;

const lib = nerdamer as unknown as typeof nerdamer & { clear(which: 'last'): unknown };

/** Names nerdamer treats as constants or functions: never usable as our symbols. */
const RESERVED = new Set(['e', 'pi', 'i', 'Infinity', 'NaN']);

/**
 * Calls nerdamer and drops the expression it stores in its global history
 * (nerdamer keeps every parsed expression; without this, a long run leaks).
 * nerdamer's "Division by zero" becomes RangeError('division by zero').
 */
function callNerdamer(text: string, subs?: Record<string, string>): SymExpr {
  let e: SymExpr;
  try {
    e = subs === undefined ? nerdamer(text) : nerdamer(text, subs);
  } catch (err) {
    if (err instanceof Error && /division by zero/i.test(err.message)) throw new RangeError('division by zero');
    throw new SymbolicOutputError(`nerdamer failed (${err instanceof Error ? err.message : String(err)})`, text);
  }
  lib.clear('last');
  return e;
}

/** Wraps an exception thrown inside a nerdamer function (diff, expand, …) the same way. */
function guarded<T>(text: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof Error && /division by zero/i.test(err.message)) throw new RangeError('division by zero');
    if (err instanceof SymbolicOutputError || err instanceof SymbolicMismatchError) throw err;
    throw new SymbolicOutputError(`nerdamer failed (${err instanceof Error ? err.message : String(err)})`, text);
  }
}

/**
 * Parses text into a nerdamer expression, and checks that nerdamer's
 * simplification kept its value: our exact reader evaluates the input text
 * and nerdamer's printed result at `checkPoints` seeded random rational points
 * (default 3); they must agree, and the result may not mention a symbol the
 * input does not (nerdamer splits `w1_1_2` into `w1_1*_2`). A difference
 * throws SymbolicMismatchError. This catches e.g. nerdamer 1.1.13 printing
 * `x/((-3/7)/(((5/2)-r)*(-1/4)))` as `(-7/12)*(-r+5/2)*x` (the sign is wrong).
 *
 * @example
 *   symbolic('(1/3)*x + x').toString() // '(4/3)*x'
 */
export function symbolic(text: string, opts: { checkPoints?: number } = {}): SymExpr {
  const e = callNerdamer(text);
  const points = opts.checkPoints ?? 3;
  if (points > 0) checkFaithful(text, e.toString(), points);
  return e;
}

/** Input and nerdamer's output denote the same function (module doc of {@link symbolic}). */
function checkFaithful(input: string, output: string, points: number): void {
  if (input === output) return;
  const inNode = parsed(input);
  const outNode = parsed(output);
  const inSyms = nodeSymbols(inNode);
  const extra = [...nodeSymbols(outNode)].filter((s) => !inSyms.has(s));
  const what = `nerdamer's simplification of ${input.length > 60 ? `${input.slice(0, 60)}…` : input}`;
  if (extra.length > 0) throw new SymbolicMismatchError(what, {}, `mentions new symbols ${extra.join(', ')}`, `symbols ${[...inSyms].join(', ')}`);
  const rng = seededRng(0x5eed);
  let done = 0;
  for (let attempt = 0; done < points && attempt < 20 * points; attempt++) {
    const at: Record<string, Rational> = {};
    for (const s of inSyms) at[s] = randomRational(rng, 97, 89);
    let a: Rational;
    try {
      a = evaluateNode(inNode, at, input);
    } catch (err) {
      if (err instanceof RangeError) continue; // a pole of the input: draw again
      throw err;
    }
    let b: Rational;
    try {
      b = evaluateNode(outNode, at, output);
    } catch (err) {
      if (err instanceof RangeError) throw new SymbolicMismatchError(what, pointStrings(at), 'division by zero', a.toString());
      throw err;
    }
    if (!a.eq(b)) throw new SymbolicMismatchError(what, pointStrings(at), b.toString(), a.toString());
    done++;
  }
}

/**
 * An exact rational as nerdamer input: always parenthesised, so it can be
 * substituted into any context ("(-2/5)", "(3)").
 *
 * @example
 *   rationalToNerdamer(Rational.of(-2n, 5n)) // '(-2/5)'
 */
export function rationalToNerdamer(r: Rational): string {
  return `(${r.toString()})`;
}

/**
 * Throws unless nerdamer reads `name` back as exactly that one symbol (it
 * silently splits e.g. `w1_1_2` into `w1_1*_2`) and it is not a constant.
 */
export function assertSymbolName(name: string): void {
  if (RESERVED.has(name) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new RangeError(`unusable symbol name "${name}"`);
  const e = callNerdamer(name);
  const vars = e.variables();
  if (e.toString() !== name || vars.length !== 1 || vars[0] !== name)
    throw new RangeError(`nerdamer does not read "${name}" as one symbol (reads "${e.toString()}")`);
}

/** nerdamer's printed form of an expression (fractions, never decimals). */
export function exprText(expr: SymExpr | string): string {
  return typeof expr === 'string' ? expr : expr.toString();
}

const parseCache = new Map<string, Node>();

/** Our own parse of an expression's printed form, cached by text. */
function parsed(text: string): Node {
  let n = parseCache.get(text);
  if (n === undefined) {
    n = parseExpressionText(text);
    if (parseCache.size > 500) parseCache.clear();
    parseCache.set(text, n);
  }
  return n;
}

/**
 * Exact value of a nerdamer expression at exact values of its symbols.
 * Computed twice: (1) nerdamer substitutes the values as fractions "(p/q)"
 * and its (constant) result is read exactly, decimals rejected; (2) our own
 * evaluator reads the expression's printed text. A disagreement throws
 * SymbolicMismatchError. Pass `{ viaNerdamer: false }` to skip (1) for speed.
 *
 * @example
 *   evaluateExact(symbolic('x^2*y + 3/7'), { x: Rational.of(2n, 3n), y: Rational.of(-5n, 11n) }).toString() // '157/693'
 */
export function evaluateExact(expr: SymExpr | string, at: Assignment, opts: { viaNerdamer?: boolean } = {}): Rational {
  const text = exprText(expr);
  const node = parsed(text);
  const ours = evaluateNode(node, at, text);
  if (opts.viaNerdamer === false) return ours;
  const subs: Record<string, string> = {};
  for (const s of nodeSymbols(node)) subs[s] = rationalToNerdamer(at[s]!);
  const theirs = parseExactConstant(callNerdamer(text, subs).toString());
  if (!theirs.eq(ours)) throw new SymbolicMismatchError('nerdamer substitution vs its printed expression', pointStrings(at, nodeSymbols(node)), theirs.toString(), ours.toString());
  return ours;
}

function pointStrings(at: Assignment, only?: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of only ?? Object.keys(at)) if (at[k] !== undefined) out[k] = at[k]!.toString();
  return out;
}

/**
 * Our own exact expansion of a nerdamer expression into a polynomial; throws
 * SymbolicOutputError if the text is not a polynomial.
 */
export function toPolynomial(expr: SymExpr | string): MPoly {
  const text = exprText(expr);
  return nodeToPolynomial(parsed(text), text);
}

/**
 * ∂expr/∂symbol by nerdamer's diff, for a polynomial expression. The result is
 * compared with our own exact derivative of the same text; a difference
 * throws SymbolicMismatchError. (Non-polynomial input is refused with a
 * SymbolicOutputError: nothing in the toolkit needs it, and we could not check it
 * exactly.)
 */
export function differentiate(expr: SymExpr | string, symbol: string): SymExpr {
  const text = exprText(expr);
  const ours = toPolynomial(text).diff(symbol);
  const d = guarded(text, () => callNerdamer(`diff(${text},${symbol})`));
  const theirs = toPolynomial(d.toString());
  if (!ours.eq(theirs)) throw new SymbolicMismatchError(`d/d${symbol}`, {}, theirs.toString(), ours.toString());
  return d;
}

/**
 * Whether an expression is identically zero, decided twice: nerdamer's
 * expansion must print "0" and our exact expansion must be the zero
 * polynomial. If they disagree, SymbolicMismatchError. (Polynomials only.)
 */
export function isIdenticallyZero(expr: SymExpr | string): boolean {
  const text = exprText(expr);
  const theirs = guarded(text, () => callNerdamer(`expand(${text})`)).toString() === '0';
  const ours = toPolynomial(text).isZero();
  if (theirs !== ours) throw new SymbolicMismatchError(`zero test of ${text.slice(0, 80)}`, {}, theirs ? '0' : 'nonzero', ours ? '0' : 'nonzero');
  return ours;
}

/** Options of {@link crossCheck}. */
export interface CrossCheckOptions {
  /** Seed of the point generator (default 1). */
  readonly seed?: number;
  /** Label used in error messages. */
  readonly what?: string;
  /** Draws one coordinate (default: p/q, |p| ≤ 9, q ≤ 7). */
  readonly sample?: (rng: Rng, symbol: string) => Rational;
  /** Also evaluate through nerdamer's substitution, not only our reading of its text (default true). */
  readonly viaNerdamer?: boolean;
}

/** What a cross-check looked at. */
export interface CrossCheckReport {
  readonly points: readonly Assignment[];
  readonly values: readonly Rational[];
}

/**
 * Evaluates `expr` and `exactFn` at seeded random rational points (or the
 * given points) and throws SymbolicMismatchError at the first difference.
 * Points where either side divides by zero are redrawn (at most 50 per point).
 *
 * @example
 *   crossCheck(symbolic('(x+1)^2'), ['x'], (p) => p.x!.add(Rational.ONE).square(), 4)
 */
export function crossCheck(
  expr: SymExpr | string,
  symbols: readonly string[],
  exactFn: (at: Assignment) => Rational,
  points: number | readonly Assignment[] = 4,
  opts: CrossCheckOptions = {},
): CrossCheckReport {
  const text = exprText(expr);
  const what = opts.what ?? `expression ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
  const missing = [...nodeSymbols(parsed(text))].filter((s) => !symbols.includes(s));
  if (missing.length > 0) throw new SymbolicMismatchError(what, {}, `mentions unexpected symbols ${missing.join(', ')}`, `symbols ${symbols.join(', ')}`);
  const rng = seededRng(opts.seed ?? 1);
  const draw = opts.sample ?? ((r: Rng) => randomRational(r));
  const given = typeof points === 'number' ? undefined : points;
  const count = typeof points === 'number' ? points : points.length;
  const seen: Assignment[] = [];
  const values: Rational[] = [];
  for (let k = 0; k < count; k++) {
    let done = false;
    for (let attempt = 0; attempt < 50 && !done; attempt++) {
      let at: Assignment;
      if (given) at = given[k]!;
      else {
        const p: Record<string, Rational> = {};
        for (const s of symbols) p[s] = draw(rng, s);
        at = p;
      }
      let sym: Rational;
      let ex: Rational;
      try {
        sym = evaluateExact(text, at, { viaNerdamer: opts.viaNerdamer ?? true });
        ex = exactFn(at);
      } catch (e) {
        if (e instanceof RangeError && /division by zero|singular/.test(e.message) && !given) continue;
        throw e;
      }
      if (!sym.eq(ex)) throw new SymbolicMismatchError(what, pointStrings(at, symbols), sym.toString(), ex.toString());
      seen.push(at);
      values.push(sym);
      done = true;
    }
    if (!done) throw new RangeError(`${what}: no admissible sample point after 50 draws`);
  }
  return { points: seen, values };
}

/**
 * The exact partial derivative ∂f/∂symbol at a point, for a function known to
 * be a polynomial of degree ≤ `degree` in that symbol: f is sampled at
 * `degree + 1` points on the line through the point and the interpolating
 * polynomial is differentiated (exact, no limit). An independent check of a
 * symbolic derivative that uses only evaluations of f.
 */
export function exactPartialDerivative(f: (at: Assignment) => Rational, at: Assignment, symbol: string, degree: number): Rational {
  const base = at[symbol];
  if (base === undefined) throw new RangeError(`no value for ${symbol}`);
  const d = Math.max(degree, 0);
  const nodes = Array.from({ length: d + 1 }, (_, k) => Rational.int(k - Math.floor(d / 2)));
  let out = Rational.ZERO;
  nodes.forEach((tk, k) => {
    // ℓ_k'(0) = Σ_{m≠k} 1/(t_k − t_m) · Π_{n≠k,m} (0 − t_n)/(t_k − t_n)
    let dl = Rational.ZERO;
    nodes.forEach((tm, m) => {
      if (m === k) return;
      let prod = Rational.ONE.div(tk.sub(tm));
      nodes.forEach((tn, n) => {
        if (n !== k && n !== m) prod = prod.mul(tn.neg().div(tk.sub(tn)));
      });
      dl = dl.add(prod);
    });
    if (dl.isZero()) return;
    out = out.add(dl.mul(f({ ...at, [symbol]: base.add(tk) })));
  });
  return out;
}
