/**
 * Exact rationals on BigInt, immutable, always reduced, denominator > 0; no gcd when a denominator is 1. Our own rather
 * than mathjs's Fraction, so the trusted checker depends on nothing else (docs/decisions.md).
 * @example
 *   Rational.parse('0.25').add(Rational.of(1n, 3n)).toString() // '7/12'
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** n/d reduced; throws on d = 0. */
  static of(n: bigint | number, d: bigint | number = 1n): Rational {
    let num = BigInt(n);
    let den = BigInt(d);
    if (den === 0n) throw new RangeError('zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (den === 1n) return new Rational(num, 1n);
    const g = gcd(num < 0n ? -num : num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /** An integer. */
  static int(n: bigint | number): Rational {
    return new Rational(BigInt(n), 1n);
  }

  /**
   * Parses an exact number: integer, decimal with optional exponent, or p/q.
   * A JS number means the decimal it prints as (shortest round trip), so 0.1 is 1/10.
   * Throws a RangeError with a short message on anything else.
   */
  static parse(value: string | number): Rational {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    const text = String(value);
    const s = text.trim();
    const frac = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/.exec(s);
    if (frac) {
      const d = BigInt(frac[2]!);
      if (d === 0n) throw new RangeError(`zero denominator in "${text}"`);
      return Rational.of(BigInt(frac[1]!), d);
    }
    const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!dec || (dec[2] === '' && (dec[3] === undefined || dec[3] === ''))) {
      throw new RangeError(`not a number: "${text}"`);
    }
    const [, sign, intPart, fracPart = '', expPart] = dec;
    let num = BigInt((intPart ?? '') + fracPart || '0');
    if (sign === '-') num = -num;
    const exp = (expPart === undefined ? 0 : Number(expPart)) - fracPart.length;
    if (Math.abs(exp) > 100_000) throw new RangeError(`exponent out of range in "${text}"`);
    return exp >= 0 ? Rational.of(num * 10n ** BigInt(exp), 1n) : Rational.of(num, 10n ** BigInt(-exp));
  }

  add(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num + o.num, 1n);
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num - o.num, 1n);
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num * o.num, 1n);
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    // Cross-cancel first: keeps the intermediate products small.
    const g1 = gcd(abs(this.num), o.den);
    const g2 = gcd(abs(o.num), this.den);
    return new Rational((this.num / g1) * (o.num / g2), (this.den / g2) * (o.den / g1));
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return this.mul(o.num < 0n ? new Rational(-o.den, -o.num) : new Rational(o.den, o.num));
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  square(): Rational {
    return new Rational(this.num * this.num, this.den * this.den);
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }

  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }

  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }

  max(o: Rational): Rational {
    return this.cmp(o) >= 0 ? this : o;
  }

  /** Reduced "p/q", or "p" when q = 1. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) [a, b] = [b, a];
  // Lehmer (Knuth, Algorithm L): on numbers past 64 bits, run Euclid on their leading 48 bits
  // in float64 (all values below 2^50, so exact) while the quotient is certain, then apply the
  // 2×2 cofactors to the full numbers at once: one BigInt step per ~20 quotients.
  // bits ≥ bitLength(a) always (a only shrinks), so x, y < 2^48; refined cheaply from x.
  let bits = b > LEHMER_MIN ? bitLength(a) : 0;
  while (b > LEHMER_MIN) {
    let x = Number(a >> BigInt(Math.max(0, bits - 48)));
    while (x < 2 ** 40 && bits > 48) {
      bits -= 8;
      x = Number(a >> BigInt(bits - 48));
    }
    const shift = BigInt(Math.max(0, bits - 48));
    let y = Number(b >> shift);
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    for (;;) {
      if (y + C <= 0 || y + D <= 0 || x + A < 0 || x + B < 0) break;
      const q1 = floorDiv(x + A, y + C);
      if (q1 !== floorDiv(x + B, y + D)) break;
      [A, C] = [C, A - q1 * C];
      [B, D] = [D, B - q1 * D];
      [x, y] = [y, x - q1 * y];
    }
    if (B === 0) {
      const t = a % b;
      a = b;
      b = t;
    } else {
      const na = BigInt(A) * a + BigInt(B) * b;
      const nb = BigInt(C) * a + BigInt(D) * b;
      // Unimodular steps keep the gcd; normalise in case of a sign or order change.
      a = na < 0n ? -na : na;
      b = nb < 0n ? -nb : nb;
      if (a < b) [a, b] = [b, a];
    }
  }
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const LEHMER_MIN = 1n << 64n;

/** ⌊u / v⌋ for integers u ≥ 0, v > 0 below 2^53, exact (the float quotient corrected). */
function floorDiv(u: number, v: number): number {
  let q = Math.floor(u / v);
  while (q * v > u) q--;
  while ((q + 1) * v <= u) q++;
  return q;
}

export function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  return abs((a / gcd(a, b)) * b);
}

/** The lcm of `start` and the values' denominators: every value is an integer over it. */
export function commonDenominator(values: Iterable<Rational>, start = 1n): bigint {
  let d = start;
  for (const v of values) if (v.den !== 1n && d % v.den !== 0n) d = lcm(d, v.den);
  return d;
}

/**
 * The values as integers over one denominator (the lcm of theirs): v_k = ints[k] / den.
 * @example overCommonDenominator([Rational.of(1n, 2n), Rational.of(1n, 3n)]) // { ints: [3n, 2n], den: 6n }
 */
export function overCommonDenominator(values: readonly Rational[], den: bigint = commonDenominator(values)): { ints: bigint[]; den: bigint } {
  return { ints: values.map((v) => (v.den === den ? v.num : v.num * (den / v.den))), den };
}

function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

export function bitLength(a: bigint): number {
  if (a < 0n) a = -a;
  if (a === 0n) return 0;
  // Hex digits are cheap to produce; the leading digit gives the last bits.
  const h = a.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0]!, 16)));
}
