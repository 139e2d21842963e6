/**
 * Symbolic expressions of the symbolic layer (nerdamer results) as LaTeX,
 * rendered from our own exact parse of their printed text (expression-text.ts),
 * never from nerdamer's TeX (which rounds large integers). Symbol names are
 * shown in mathematical notation: `w1r2c1` → w_{21}, `b1r2` → b_{2},
 * `x1` → x_{1}, `delta` → δ, `a1_2` → a_{12}, `c1` → c_{1}.
 *
 * @example
 *   expressionLatex('w1r1c1*x1 + b1r1') // 'w_{11} x_{1} + b_{1}'
 */
import { parseExpressionText, type Node } from '../symbolic/expression-text.ts';
import { Rational } from '../exact/rational.ts';
import { rationalLatex } from './number.ts';

/** The notation of one symbol name of src/symbolic/symbols.ts. */
export function symbolLatex(name: string): string {
  let m = /^w(\d+)r(\d+)c(\d+)$/.exec(name);
  if (m) return m[1] === '1' ? `w_{${m[2]}${m[3]}}` : `w^{(${m[1]})}_{${m[2]}${m[3]}}`;
  m = /^b(\d+)r(\d+)$/.exec(name);
  if (m) return m[1] === '1' ? `b_{${m[2]}}` : `b^{(${m[1]})}_{${m[2]}}`;
  m = /^a(\d+)_(\d+)$/.exec(name);
  if (m) return `a_{${m[1]}${m[2]}}`;
  m = /^([a-z])(\d+)$/.exec(name);
  if (m) return `${m[1]}_{${m[2]}}`;
  if (name === 'delta') return '\\delta';
  return name.length === 1 ? name : `\\mathrm{${name}}`;
}

const PREC = { '+': 1, '-': 1, '*': 2, '/': 3, '^': 4 } as const;

function prec(n: Node): number {
  if (n.k === 'bin') return PREC[n.op];
  if (n.k === 'neg') return 1;
  return 5;
}

function paren(tex: string): string {
  return `\\left(${tex}\\right)`;
}

function render(n: Node): string {
  switch (n.k) {
    case 'num':
      return rationalLatex(n.v).tex;
    case 'sym':
      return symbolLatex(n.name);
    case 'neg': {
      const a = render(n.a);
      return `-${prec(n.a) <= 1 ? paren(a) : a}`;
    }
    case 'bin': {
      const { op } = n;
      if (op === '/' || op === '*' || negativeExponent(n)) return product(n);
      if (op === '^') return `{${prec(n.a) < 5 || n.a.k === 'num' ? paren(render(n.a)) : render(n.a)}}^{${render(n.b)}}`;
      const a = render(n.a);
      if (op === '+') {
        if (n.b.k === 'neg') return `${a} - ${prec(n.b.a) <= 1 ? paren(render(n.b.a)) : render(n.b.a)}`;
        const b = render(n.b);
        return b.startsWith('-') ? `${a} - ${b.slice(1)}` : `${a} + ${b}`;
      }
      if (op === '-') return `${a} - ${prec(n.b) <= 1 ? paren(render(n.b)) : render(n.b)}`;
      return product(n);
    }
  }
}

/** Negative integer exponent of a power node, if any. */
function negativeExponent(n: Node): Node | undefined {
  if (n.k !== 'bin' || n.op !== '^') return undefined;
  const e = n.b;
  if (e.k === 'neg' && e.a.k === 'num') return e.a;
  if (e.k === 'num' && e.v.sign() < 0) return { k: 'num', v: e.v.neg() };
  return undefined;
}

/** Flattens a product/quotient into numerator and denominator factors and a sign. */
function factors(n: Node, out: { num: Node[]; den: Node[]; negative: boolean }, inDen = false): void {
  if (n.k === 'bin' && n.op === '*') {
    factors(n.a, out, inDen);
    factors(n.b, out, inDen);
  } else if (n.k === 'bin' && n.op === '/') {
    factors(n.a, out, inDen);
    factors(n.b, out, !inDen);
  } else if (n.k === 'neg') {
    out.negative = !out.negative;
    factors(n.a, out, inDen);
  } else if (n.k === 'num' && n.v.sign() < 0) {
    out.negative = !out.negative;
    (inDen ? out.den : out.num).push({ k: 'num', v: n.v.neg() });
  } else {
    const k = negativeExponent(n);
    if (k && n.k === 'bin') {
      const base = n.a;
      const f: Node = k.k === 'num' && k.v.eq(Rational.ONE) ? base : { k: 'bin', op: '^', a: base, b: k };
      (inDen ? out.num : out.den).push(f);
    } else (inDen ? out.den : out.num).push(n);
  }
}

function joinFactors(fs: readonly Node[]): string {
  if (fs.length === 0) return '1';
  return fs
    .map((f, i) => {
      const tex = render(f);
      const wrapped = prec(f) < 2 || (f.k === 'neg' && i > 0) ? paren(tex) : tex;
      return i > 0 && f.k === 'num' ? `\\cdot ${wrapped}` : wrapped;
    })
    .join(' ');
}

/** A product or quotient: numerator and denominator factors as one \frac (juxtaposition inside). */
function product(n: Node): string {
  const out = { num: [] as Node[], den: [] as Node[], negative: false };
  factors(n, out);
  const sign = out.negative ? '-' : '';
  if (out.den.length === 0) return sign + joinFactors(out.num);
  const num = out.num.length === 1 ? render(out.num[0]!) : joinFactors(out.num);
  const den = out.den.length === 1 ? render(out.den[0]!) : joinFactors(out.den);
  return `${sign}\\frac{${num}}{${den}}`;
}

function leftmost(n: Node): Node {
  return n.k === 'bin' && (n.op === '*' || n.op === '/') ? leftmost(n.a) : n;
}

/** A nerdamer expression (its printed text) as LaTeX. */
export function expressionLatex(text: string): string {
  return render(parseExpressionText(text));
}
