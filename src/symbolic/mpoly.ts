import { Rational } from '../exact/rational.ts';
import { abs, isInteger } from '../exact/rational-shorthands.ts';

/** Symbol name → exact value. */
export type Assignment = Readonly<Record<string, Rational>>;

/** A monomial: symbol → positive exponent. */
type Monomial = ReadonlyMap<string, number>;

function monoKey(m: Monomial): string {
  return [...m.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([s, e]) => (e === 1 ? s : `${s}^${e}`))
    .join('*');
}

function monoMul(a: Monomial, b: Monomial): Map<string, number> {
  const out = new Map(a);
  for (const [s, e] of b) out.set(s, (out.get(s) ?? 0) + e);
  return out;
}

/**
 * An exact sparse multivariate polynomial over the rationals, in canonical
 * form (sorted monomials, no zero terms), so two polynomials are equal iff
 * their canonical texts are. Our own expansion, independent of nerdamer: it
 * turns "nerdamer says this expands to 0" into an exact proof.
 *
 * @example
 *   MPoly.sym('x').add(MPoly.const(Rational.ONE)).pow(2).toString() // '1 + 2*x + x^2'
 */
export class MPoly {
  /** monomial key → [monomial, nonzero coefficient]. */
  private readonly terms: ReadonlyMap<string, readonly [Monomial, Rational]>;

  private constructor(terms: ReadonlyMap<string, readonly [Monomial, Rational]>) {
    this.terms = terms;
  }

  static readonly ZERO = new MPoly(new Map());

  static const(c: Rational): MPoly {
    return c.isZero() ? MPoly.ZERO : new MPoly(new Map([['', [new Map(), c] as const]]));
  }

  static sym(name: string): MPoly {
    return new MPoly(new Map([[name, [new Map([[name, 1]]), Rational.ONE] as const]]));
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** The constant value, or undefined when the polynomial involves a symbol. */
  constantValue(): Rational | undefined {
    if (this.terms.size === 0) return Rational.ZERO;
    if (this.terms.size === 1 && this.terms.has('')) return this.terms.get('')![1];
    return undefined;
  }

  /** Total degree (−1 for the zero polynomial). */
  degree(): number {
    let d = -1;
    for (const [m] of this.terms.values()) {
      let k = 0;
      for (const e of m.values()) k += e;
      d = Math.max(d, k);
    }
    return d;
  }

  /** Degree in one symbol (−1 for the zero polynomial). */
  degreeIn(name: string): number {
    let d = -1;
    for (const [m] of this.terms.values()) d = Math.max(d, m.get(name) ?? 0);
    return d;
  }

  /** Number of nonzero terms. */
  termCount(): number {
    return this.terms.size;
  }

  /** The symbols that occur, sorted. */
  symbols(): string[] {
    const s = new Set<string>();
    for (const [m] of this.terms.values()) for (const k of m.keys()) s.add(k);
    return [...s].sort();
  }

  add(o: MPoly): MPoly {
    const out = new Map(this.terms);
    for (const [k, [m, c]] of o.terms) {
      const cur = out.get(k);
      const v = cur ? cur[1].add(c) : c;
      if (v.isZero()) out.delete(k);
      else out.set(k, [m, v]);
    }
    return new MPoly(out);
  }

  neg(): MPoly {
    const out = new Map<string, readonly [Monomial, Rational]>();
    for (const [k, [m, c]] of this.terms) out.set(k, [m, c.neg()]);
    return new MPoly(out);
  }

  sub(o: MPoly): MPoly {
    return this.add(o.neg());
  }

  scale(s: Rational): MPoly {
    if (s.isZero()) return MPoly.ZERO;
    const out = new Map<string, readonly [Monomial, Rational]>();
    for (const [k, [m, c]] of this.terms) out.set(k, [m, c.mul(s)]);
    return new MPoly(out);
  }

  mul(o: MPoly): MPoly {
    const out = new Map<string, readonly [Monomial, Rational]>();
    for (const [ma, ca] of this.terms.values())
      for (const [mb, cb] of o.terms.values()) {
        const m = monoMul(ma, mb);
        const k = monoKey(m);
        const cur = out.get(k);
        const v = cur ? cur[1].add(ca.mul(cb)) : ca.mul(cb);
        if (v.isZero()) out.delete(k);
        else out.set(k, [m, v]);
      }
    return new MPoly(out);
  }

  pow(n: number): MPoly {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`polynomial power needs a natural exponent, got ${n}`);
    let r = MPoly.const(Rational.ONE);
    let b: MPoly = this;
    let e = n;
    while (e > 0) {
      if (e & 1) r = r.mul(b);
      e >>= 1;
      if (e > 0) b = b.mul(b);
    }
    return r;
  }

  /** ∂/∂name, exactly. */
  diff(name: string): MPoly {
    const out = new Map<string, readonly [Monomial, Rational]>();
    for (const [m, c] of this.terms.values()) {
      const e = m.get(name);
      if (e === undefined) continue;
      const mm = new Map(m);
      if (e === 1) mm.delete(name);
      else mm.set(name, e - 1);
      out.set(monoKey(mm), [mm, c.mul(Rational.int(e))]);
    }
    return new MPoly(out);
  }

  /** Value at an exact point; every symbol that occurs must be assigned. */
  evaluate(at: Assignment): Rational {
    let s = Rational.ZERO;
    for (const [m, c] of this.terms.values()) {
      let t = c;
      for (const [name, e] of m) {
        const v = at[name];
        if (v === undefined) throw new RangeError(`no value for symbol ${name}`);
        for (let i = 0; i < e; i++) t = t.mul(v);
      }
      s = s.add(t);
    }
    return s;
  }

  /** Coefficient of the monomial given as symbol → exponent (empty: the constant term). */
  coefficient(monomial: Readonly<Record<string, number>>): Rational {
    const m = new Map(Object.entries(monomial).filter(([, e]) => e !== 0));
    return this.terms.get(monoKey(m))?.[1] ?? Rational.ZERO;
  }

  eq(o: MPoly): boolean {
    return this.sub(o).isZero();
  }

  /** Canonical text, terms in increasing degree then lexicographic order; nerdamer can parse it. */
  toString(): string {
    if (this.terms.size === 0) return '0';
    const entries = [...this.terms.entries()].sort(([ka, [ma]], [kb, [mb]]) => {
      const da = [...ma.values()].reduce((x, y) => x + y, 0);
      const db = [...mb.values()].reduce((x, y) => x + y, 0);
      return da - db || (ka < kb ? -1 : ka > kb ? 1 : 0);
    });
    return entries
      .map(([k, [, c]], i) => {
        const neg = c.sign() < 0;
        const a = abs(c);
        const body = k === '' ? a.toString() : a.eq(Rational.ONE) ? k : isInteger(a) ? `${a}*${k}` : `(${a})*${k}`;
        return i === 0 ? (neg ? `-${body}` : body) : `${neg ? ' - ' : ' + '}${body}`;
      })
      .join('');
  }
}
