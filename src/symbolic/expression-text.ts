import { Rational } from '../exact/rational.ts';
import { SymbolicOutputError } from './errors.ts';
import { MPoly, type Assignment } from './mpoly.ts';
import { isInteger, inverse } from '../exact/rational-shorthands.ts';

/**
 * An exact reader for the text nerdamer prints: integers, symbols, + − * / ^
 * and parentheses, nothing else. It is our independent evaluator of a
 * nerdamer result: a decimal, a function call (sqrt, abs, …), a constant such
 * as e, pi or i, or a non-integer power is rejected with a SymbolicOutputError,
 * never approximated.
 */
export type Node =
  | { readonly k: 'num'; readonly v: Rational }
  | { readonly k: 'sym'; readonly name: string }
  | { readonly k: 'neg'; readonly a: Node }
  | { readonly k: 'bin'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly a: Node; readonly b: Node };

type Token = { t: 'num'; v: string } | { t: 'id'; v: string } | { t: 'op'; v: string };

const MAX_EXPONENT = 10_000;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      i++;
      continue;
    }
    const num = /^\d+(\.\d*)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      if (num[1] !== undefined || num[2] !== undefined) throw new SymbolicOutputError('decimal number in symbolic output', text);
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    if (ch === '.') throw new SymbolicOutputError('decimal number in symbolic output', text);
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    if ('+-*/^()'.includes(ch)) {
      out.push({ t: 'op', v: ch });
      i++;
      continue;
    }
    throw new SymbolicOutputError(`unexpected character "${ch}" in symbolic output`, text);
  }
  return out;
}

/**
 * Parses nerdamer's printed form. Precedence: ^ (right-assoc, binds tighter
 * than unary minus: -x^2 = -(x^2)), then * /, then + -.
 */
export function parseExpressionText(text: string): Node {
  const toks = tokenize(text);
  let p = 0;
  const peek = (): Token | undefined => toks[p];
  const isOp = (v: string): boolean => {
    const t = toks[p];
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  const fail = (msg: string): never => {
    throw new SymbolicOutputError(msg, text);
  };

  /** A left-associative chain of `next` terms joined by the operators `ops`. */
  function chain(ops: readonly ('+' | '-' | '*' | '/')[], next: () => Node): Node {
    let a = next();
    while (ops.some(isOp)) {
      const op = (toks[p++] as { v: (typeof ops)[number] }).v;
      a = { k: 'bin', op, a, b: next() };
    }
    return a;
  }
  const sum = (): Node => chain(['+', '-'], product);
  const product = (): Node => chain(['*', '/'], unary);
  function unary(): Node {
    if (isOp('-')) {
      p++;
      return { k: 'neg', a: unary() };
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    return power();
  }
  function power(): Node {
    const base = atom();
    if (isOp('^')) {
      p++;
      return { k: 'bin', op: '^', a: base, b: unary() };
    }
    return base;
  }
  function atom(): Node {
    const t = peek();
    if (t === undefined) return fail('unexpected end of symbolic output');
    if (t.t === 'num') {
      p++;
      return { k: 'num', v: Rational.of(BigInt(t.v)) };
    }
    if (t.t === 'id') {
      p++;
      if (isOp('(')) fail(`function ${t.v}(…) in symbolic output`);
      return { k: 'sym', name: t.v };
    }
    if (t.v === '(') {
      p++;
      const e = sum();
      if (!isOp(')')) fail('unbalanced parentheses in symbolic output');
      p++;
      return e;
    }
    return fail(`unexpected "${t.v}" in symbolic output`);
  }

  const node = sum();
  if (p !== toks.length) fail('trailing text in symbolic output');
  return node;
}

/** The symbols a parsed expression mentions. */
export function nodeSymbols(n: Node, out: Set<string> = new Set()): Set<string> {
  if (n.k === 'sym') out.add(n.name);
  else if (n.k === 'neg') nodeSymbols(n.a, out);
  else if (n.k === 'bin') {
    nodeSymbols(n.a, out);
    nodeSymbols(n.b, out);
  }
  return out;
}

function integerExponent(e: Rational, text: string): number {
  if (!isInteger(e)) throw new SymbolicOutputError(`non-integer power ${e} in symbolic output`, text);
  if (e.num > BigInt(MAX_EXPONENT) || e.num < -BigInt(MAX_EXPONENT)) throw new SymbolicOutputError(`power ${e} too large`, text);
  return Number(e.num);
}

function powRational(b: Rational, n: number): Rational {
  if (n < 0) return powRational(inverse(b), -n);
  let r = Rational.ONE;
  let x = b;
  let e = n;
  while (e > 0) {
    if (e & 1) r = r.mul(x);
    e >>= 1;
    if (e > 0) x = x.mul(x);
  }
  return r;
}

/**
 * Exact value of a parsed expression at a point. Symbols without a value are
 * an error (a stray symbol such as nerdamer's `e`, `pi` or `i` included);
 * division by zero throws a RangeError.
 */
export function evaluateNode(n: Node, at: Assignment, text = ''): Rational {
  switch (n.k) {
    case 'num':
      return n.v;
    case 'sym': {
      const v = Object.prototype.hasOwnProperty.call(at, n.name) ? at[n.name] : undefined;
      if (v === undefined) throw new SymbolicOutputError(`symbol ${n.name} has no value`, text);
      return v;
    }
    case 'neg':
      return evaluateNode(n.a, at, text).neg();
    case 'bin': {
      const a = evaluateNode(n.a, at, text);
      if (n.op === '^') return powRational(a, integerExponent(evaluateNode(n.b, at, text), text));
      const b = evaluateNode(n.b, at, text);
      return n.op === '/' ? a.div(b) : ringOp(n.op, a, b);
    }
  }
}

/** a + b, a − b or a·b in a ring (exact numbers, polynomials). */
function ringOp<T extends { add(o: T): T; sub(o: T): T; mul(o: T): T }>(op: '+' | '-' | '*', a: T, b: T): T {
  return op === '+' ? a.add(b) : op === '-' ? a.sub(b) : a.mul(b);
}

/**
 * Our own expansion of a parsed expression into an exact polynomial. Throws a
 * SymbolicOutputError when it is not a polynomial (division by a non-constant,
 * a negative or symbolic power of a non-constant).
 */
export function nodeToPolynomial(n: Node, text = ''): MPoly {
  switch (n.k) {
    case 'num':
      return MPoly.const(n.v);
    case 'sym':
      return MPoly.sym(n.name);
    case 'neg':
      return nodeToPolynomial(n.a, text).neg();
    case 'bin': {
      const a = nodeToPolynomial(n.a, text);
      const b = nodeToPolynomial(n.b, text);
      switch (n.op) {
        case '+':
        case '-':
        case '*':
          return ringOp(n.op, a, b);
        case '/': {
          const c = b.constantValue();
          if (c === undefined) throw new SymbolicOutputError('division by a non-constant: not a polynomial', text);
          if (c.isZero()) throw new RangeError('division by zero');
          return a.scale(inverse(c));
        }
        case '^': {
          const e = b.constantValue();
          if (e === undefined) throw new SymbolicOutputError('symbolic exponent: not a polynomial', text);
          const k = integerExponent(e, text);
          const ac = a.constantValue();
          if (ac !== undefined) return MPoly.const(powRational(ac, k));
          if (k < 0) throw new SymbolicOutputError('negative power of a non-constant: not a polynomial', text);
          return a.pow(k);
        }
      }
    }
  }
}

/**
 * Reads a constant text (no symbols) as an exact rational: "-3", "7/12",
 * "(-2/5)"; decimals and anything irrational are rejected.
 *
 * @example
 *   parseExactConstant('-19/30').toString() // '-19/30'
 */
export function parseExactConstant(text: string): Rational {
  return evaluateNode(parseExpressionText(text), {}, text);
}
