/**
 * Exact univariate polynomials and rational functions over the rationals,
 * in one variable (δ in the delta families). Our own arithmetic, so the
 * δ-asymptotics never depend on nerdamer; nerdamer only renders the results.
 */
import { Rational, gcd, overCommonDenominator } from '../exact/rational.ts';
import { rationalLatex } from '../latex/number.ts';
import { abs, isInteger, inverse } from '../exact/rational-shorthands.ts';

/** The lowest-order term c·δ^e of a function as δ → 0. */
export interface LeadingTerm {
  readonly coefficient: Rational;
  readonly exponent: number;
}

function trim(c: readonly Rational[]): Rational[] {
  let n = c.length;
  while (n > 0 && c[n - 1]!.isZero()) n--;
  return c.slice(0, n);
}

/** The primitive integer polynomial with the same roots: scaled to integers, divided by the content, positive leading coefficient. */
function primitive(c: readonly Rational[] | readonly bigint[]): bigint[] {
  let ints: bigint[];
  if (c.length > 0 && typeof c[0] !== 'bigint') {
    ints = overCommonDenominator(c as readonly Rational[]).ints;
  } else ints = [...(c as readonly bigint[])];
  let n = ints.length;
  while (n > 0 && ints[n - 1] === 0n) n--;
  ints.length = n;
  if (n === 0) return ints;
  let g = 0n;
  for (const v of ints) if (v !== 0n && (g = gcd(g, v)) === 1n) break;
  if (ints[n - 1]! < 0n) g = -g;
  return g === 1n ? ints : ints.map((v) => v / g);
}

/** Primes below 2^26 (products of two residues stay below 2^53, exact in float64). */
const PRIMES = [67108859, 67108837, 67108819, 67108777];

/**
 * Whether two primitive integer polynomials (degree ≥ 1) are certainly coprime over ℚ: their
 * gcd modulo a prime p not dividing either leading coefficient is a constant. (Their gcd g over
 * ℚ can be taken primitive in ℤ[δ] and divides both there; lc(g) divides lc(a), so g mod p keeps
 * its degree and divides the gcd mod p.) False means "not known", not "not coprime".
 */
function coprimeModP(a: readonly bigint[], b: readonly bigint[]): boolean {
  for (const p of PRIMES) {
    const P = BigInt(p);
    if (a[a.length - 1]! % P === 0n || b[b.length - 1]! % P === 0n) continue;
    const red = (c: readonly bigint[]): number[] => c.map((v) => Number(((v % P) + P) % P));
    let u = red(a);
    let v = red(b);
    const inv = (x: number): number => {
      // x^(p−2) mod p
      let r = 1;
      let base = x % p;
      let e = p - 2;
      while (e > 0) {
        if (e & 1) r = (r * base) % p;
        base = (base * base) % p;
        e = Math.floor(e / 2);
      }
      return r;
    };
    const deg = (c: number[]): number => {
      let n = c.length - 1;
      while (n >= 0 && c[n] === 0) n--;
      return n;
    };
    let dv = deg(v);
    while (dv > 0) {
      // u ← u mod v over GF(p)
      let du = deg(u);
      const li = inv(v[dv]!);
      while (du >= dv) {
        const f = (u[du]! * li) % p;
        if (f !== 0) for (let i = 0; i <= dv; i++) u[du - dv + i] = (u[du - dv + i]! - ((f * v[i]!) % p) + p) % p;
        du = deg(u);
      }
      [u, v] = [v, u];
      dv = deg(v);
    }
    return dv === 0; // last remainder a nonzero constant: coprime; −1: a common factor of degree ≥ 1 mod p
  }
  return false;
}

/** A nonzero multiple of the remainder of a by b (deg b ≥ 1) over ℤ: lc(b)·r − lc(r)·δ^k·b until deg r < deg b. */
function pseudoRemainder(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const r = [...a];
  const db = b.length - 1;
  const lb = b[db]!;
  let dr = r.length - 1;
  while (dr >= db) {
    const lr = r[dr]!;
    if (lr !== 0n) {
      const shift = dr - db;
      for (let k = 0; k < dr; k++) r[k] = r[k]! * lb;
      for (let i = 0; i < db; i++) r[shift + i]! -= lr * b[i]!;
      // keep the coefficients small: divide by their content
      let g = 0n;
      for (let k = 0; k < dr; k++) if (r[k] !== 0n && (g = gcd(g, r[k]!)) === 1n) break;
      if (g > 1n) for (let k = 0; k < dr; k++) r[k] = r[k]! / g;
    }
    r.length = dr;
    dr--;
  }
  return r;
}

/**
 * A polynomial Σ c_k δ^k, coefficients low to high, no trailing zeros
 * (the zero polynomial has none).
 *
 * @example
 *   Poly.of([1, 0, 1]).mul(Poly.X).toString() // 'delta + delta^3'
 */
export class Poly {
  readonly coeffs: readonly Rational[];

  private constructor(coeffs: readonly Rational[]) {
    this.coeffs = coeffs;
  }

  static readonly ZERO = new Poly([]);
  static readonly ONE = new Poly([Rational.ONE]);
  /** The variable δ. */
  static readonly X = new Poly([Rational.ZERO, Rational.ONE]);

  static from(coeffs: readonly Rational[]): Poly {
    return new Poly(trim(coeffs));
  }

  /** From numbers/strings/Rationals, low to high. */
  static of(coeffs: readonly (Rational | number | string)[]): Poly {
    return Poly.from(coeffs.map((c) => (c instanceof Rational ? c : Rational.parse(c))));
  }

  static const(c: Rational): Poly {
    return new Poly(trim([c]));
  }

  /** c + d·δ. */
  static linear(c: Rational, d: Rational): Poly {
    return new Poly(trim([c, d]));
  }

  isZero(): boolean {
    return this.coeffs.length === 0;
  }

  /** Degree; −1 for the zero polynomial. */
  degree(): number {
    return this.coeffs.length - 1;
  }

  /** Index of the lowest nonzero coefficient; Infinity for the zero polynomial. */
  valuation(): number {
    const k = this.coeffs.findIndex((c) => !c.isZero());
    return k < 0 ? Infinity : k;
  }

  coefficient(k: number): Rational {
    return this.coeffs[k] ?? Rational.ZERO;
  }

  leadingCoefficient(): Rational {
    return this.coeffs[this.coeffs.length - 1] ?? Rational.ZERO;
  }

  lowestCoefficient(): Rational {
    const v = this.valuation();
    return v === Infinity ? Rational.ZERO : this.coeffs[v]!;
  }

  add(o: Poly): Poly {
    const n = Math.max(this.coeffs.length, o.coeffs.length);
    const out: Rational[] = [];
    for (let k = 0; k < n; k++) out.push(this.coefficient(k).add(o.coefficient(k)));
    return Poly.from(out);
  }

  neg(): Poly {
    return new Poly(this.coeffs.map((c) => c.neg()));
  }

  sub(o: Poly): Poly {
    return this.add(o.neg());
  }

  scale(s: Rational): Poly {
    return s.isZero() ? Poly.ZERO : new Poly(this.coeffs.map((c) => c.mul(s)));
  }

  mul(o: Poly): Poly {
    if (this.isZero() || o.isZero()) return Poly.ZERO;
    // On integers (each factor over its common denominator): one Rational per product coefficient.
    const a = overCommonDenominator(this.coeffs);
    const b = overCommonDenominator(o.coeffs);
    const out = new Array<bigint>(a.ints.length + b.ints.length - 1).fill(0n);
    for (let i = 0; i < a.ints.length; i++) {
      const x = a.ints[i]!;
      if (x === 0n) continue;
      for (let j = 0; j < b.ints.length; j++) out[i + j]! += x * b.ints[j]!;
    }
    const den = a.den * b.den;
    return Poly.from(out.map((v) => Rational.of(v, den)));
  }

  pow(n: number): Poly {
    let r = Poly.ONE;
    for (let k = 0; k < n; k++) r = r.mul(this);
    return r;
  }

  /** Quotient and remainder of division by a nonzero polynomial. */
  divmod(d: Poly): { q: Poly; r: Poly } {
    if (d.isZero()) throw new RangeError('division by the zero polynomial');
    const dd = d.degree();
    const lead = d.leadingCoefficient();
    let r: Rational[] = [...this.coeffs];
    const q = new Array<Rational>(Math.max(this.degree() - dd + 1, 0)).fill(Rational.ZERO);
    for (let k = this.degree() - dd; k >= 0; k--) {
      const f = (r[k + dd] ?? Rational.ZERO).div(lead);
      q[k] = f;
      if (f.isZero()) continue;
      d.coeffs.forEach((c, i) => (r[k + i] = r[k + i]!.sub(f.mul(c))));
    }
    r = trim(r);
    return { q: Poly.from(q), r: Poly.from(r) };
  }

  /** Exact division; throws when the remainder is not zero. */
  divExact(d: Poly): Poly {
    const { q, r } = this.divmod(d);
    if (!r.isZero()) throw new RangeError('inexact polynomial division');
    return q;
  }

  /** The monic multiple (the zero polynomial stays zero). */
  monic(): Poly {
    return this.isZero() ? this : this.scale(inverse(this.leadingCoefficient()));
  }

  /**
   * Monic greatest common divisor; gcd(0, 0) = 0. Computed over ℤ[δ] by the primitive
   * remainder sequence (integer pseudo-remainders reduced to their primitive parts), which
   * avoids a Rational gcd per coefficient operation of Euclid over ℚ; the monic gcd is unique,
   * so the result is the same.
   */
  gcd(o: Poly): Poly {
    if (this.isZero()) return o.monic();
    if (o.isZero()) return this.monic();
    let a = primitive(this.coeffs);
    let b = primitive(o.coeffs);
    if (a.length < b.length) [a, b] = [b, a];
    if (b.length === 1 || coprimeModP(a, b)) return Poly.ONE;
    while (b.length > 1) {
      const r = primitive(pseudoRemainder(a, b));
      if (r.length === 0) break;
      a = b;
      b = r;
    }
    // b is the last nonzero remainder (or a nonzero constant: the gcd is 1).
    if (b.length === 1) return Poly.ONE;
    const lead = b[b.length - 1]!;
    return Poly.from(b.map((v) => Rational.of(v, lead)));
  }

  /** Value at an exact point (Horner). */
  /**
   * LaTeX from the exact coefficients, highest power first (nerdamer's toTeX
   * rounds integers beyond 2^53, so it is never used for numbers).
   * @example Poly.of([1, 0, '-1/2']).toLatex('\\delta') // '-\\frac{1}{2}\\delta^{2} + 1'
   */
  toLatex(variable = '\\delta'): string {
    const terms: string[] = [];
    for (let k = this.coeffs.length - 1; k >= 0; k--) {
      const c = this.coeffs[k]!;
      if (c.isZero()) continue;
      const power = k === 0 ? '' : k === 1 ? variable : `${variable}^{${k}}`;
      const mag = abs(c);
      const coef = power && mag.eq(Rational.ONE) ? '' : rationalLatex(mag, Infinity).tex;
      terms.push(`${c.sign() < 0 ? '-' : terms.length ? '+' : ''}${terms.length ? ' ' : ''}${coef}${power}`);
    }
    return terms.length ? terms.join(' ') : '0';
  }

  evaluate(x: Rational): Rational {
    let s = Rational.ZERO;
    for (let k = this.coeffs.length - 1; k >= 0; k--) s = s.mul(x).add(this.coeffs[k]!);
    return s;
  }

  eq(o: Poly): boolean {
    return this.coeffs.length === o.coeffs.length && this.coeffs.every((c, k) => c.eq(o.coeffs[k]!));
  }

  /** Text nerdamer can parse, increasing powers, e.g. "1 + (2/3)*delta^2". */
  toString(variable = 'delta'): string {
    if (this.isZero()) return '0';
    const parts: string[] = [];
    this.coeffs.forEach((c, k) => {
      if (c.isZero()) return;
      const mono = k === 0 ? '' : k === 1 ? variable : `${variable}^${k}`;
      const a = abs(c);
      const body = mono === '' ? a.toString() : a.eq(Rational.ONE) ? mono : isInteger(a) ? `${a}*${mono}` : `(${a})*${mono}`;
      parts.push(parts.length === 0 ? (c.sign() < 0 ? `-${body}` : body) : `${c.sign() < 0 ? ' - ' : ' + '}${body}`);
    });
    return parts.join('');
  }
}

/**
 * A reduced rational function num/den: gcd(num, den) = 1, den monic, and
 * the zero function is 0/1. Equality is therefore equality of the parts.
 *
 * @example
 *   RationalFunction.of(Poly.of([0, 0, 1]), Poly.of([1, 0, 1])).leading() // {coefficient: 1, exponent: 2}
 */
export class RationalFunction {
  readonly num: Poly;
  readonly den: Poly;

  private constructor(num: Poly, den: Poly) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new RationalFunction(Poly.ZERO, Poly.ONE);
  static readonly ONE = new RationalFunction(Poly.ONE, Poly.ONE);

  /** num/den, reduced; throws when den is the zero polynomial. */
  static of(num: Poly, den: Poly = Poly.ONE): RationalFunction {
    if (den.isZero()) throw new RangeError('rational function with zero denominator');
    if (num.isZero()) return RationalFunction.ZERO;
    const g = num.gcd(den);
    let n = g.degree() > 0 ? num.divExact(g) : num;
    let d = g.degree() > 0 ? den.divExact(g) : den;
    const lead = d.leadingCoefficient();
    n = n.scale(inverse(lead));
    d = d.scale(inverse(lead));
    return new RationalFunction(n, d);
  }

  static const(c: Rational): RationalFunction {
    return RationalFunction.of(Poly.const(c));
  }

  isZero(): boolean {
    return this.num.isZero();
  }

  add(o: RationalFunction): RationalFunction {
    if (this.den.eq(o.den)) return RationalFunction.of(this.num.add(o.num), this.den);
    return RationalFunction.of(this.num.mul(o.den).add(o.num.mul(this.den)), this.den.mul(o.den));
  }

  neg(): RationalFunction {
    return new RationalFunction(this.num.neg(), this.den);
  }

  sub(o: RationalFunction): RationalFunction {
    return this.add(o.neg());
  }

  mul(o: RationalFunction): RationalFunction {
    return RationalFunction.of(this.num.mul(o.num), this.den.mul(o.den));
  }

  scale(s: Rational): RationalFunction {
    return RationalFunction.of(this.num.scale(s), this.den);
  }

  div(o: RationalFunction): RationalFunction {
    if (o.isZero()) throw new RangeError('division by the zero rational function');
    return RationalFunction.of(this.num.mul(o.den), this.den.mul(o.num));
  }

  /** Value at x; RangeError('division by zero') at a pole. */
  evaluate(x: Rational): Rational {
    const d = this.den.evaluate(x);
    if (d.isZero()) throw new RangeError('division by zero');
    return this.num.evaluate(x).div(d);
  }

  eq(o: RationalFunction): boolean {
    return this.num.eq(o.num) && this.den.eq(o.den);
  }

  /** Order at δ = 0: val(num) − val(den); Infinity for the zero function. */
  order(): number {
    return this.isZero() ? Infinity : this.num.valuation() - this.den.valuation();
  }

  /** The lowest-order term c·δ^e as δ → 0; null for the zero function. */
  leading(): LeadingTerm | null {
    if (this.isZero()) return null;
    return { coefficient: this.num.lowestCoefficient().div(this.den.lowestCoefficient()), exponent: this.order() };
  }

  /** lim_{δ→0}: 0 for positive order, the leading coefficient at order 0, undefined (a pole) for negative order. */
  limitAtZero(): Rational | undefined {
    const o = this.order();
    if (o > 0) return Rational.ZERO;
    if (o === 0) return this.leading()!.coefficient;
    return undefined;
  }

  /** Text nerdamer can parse: "(num)/(den)" or just "num". */
  toString(variable = 'delta'): string {
    const n = this.num.toString(variable);
    return this.den.eq(Poly.ONE) ? n : `(${n})/(${this.den.toString(variable)})`;
  }
}

/** √r when r is the square of a rational, else undefined. */
export function exactSqrt(r: Rational): Rational | undefined {
  if (r.sign() < 0) return undefined;
  const a = isqrt(r.num);
  const b = isqrt(r.den);
  return a * a === r.num && b * b === r.den ? Rational.of(a, b) : undefined;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton from above: decreases monotonically to ⌊√n⌋.
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
