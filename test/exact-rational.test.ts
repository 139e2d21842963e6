import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonDenominator, gcd, overCommonDenominator, Rational } from '../src/exact/rational.ts';
import { q, abs, min, ge, inverse } from '../src/exact/rational-shorthands.ts';
import { rationalLatex } from '../src/latex/number.ts';
import { nonzeroRationalArb, rationalArb } from '../properties/arbitraries/rational.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const r = rationalArb({ maxNum: 50, maxDen: 12 });
const nz = nonzeroRationalArb({ maxNum: 50, maxDen: 12 });
const opts = { seed: 20240611, numRuns: 200 };

function isReduced(x: Rational): boolean {
  return x.den > 0n && gcd(x.num < 0n ? -x.num : x.num, x.den) === 1n && (x.num !== 0n || x.den === 1n);
}

/** The exact value of a finite double, as a Rational (independent of toNumber). */
function exactOfDouble(f: number): Rational {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const expBits = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mant = expBits === 0 ? frac : frac | (1n << 52n);
  const e = (expBits === 0 ? 1 : expBits) - 1075;
  return e >= 0 ? Rational.int(sign * mant * (1n << BigInt(e))) : Rational.of(sign * mant, 1n << BigInt(-e));
}

/** The neighbouring doubles of a positive finite double. */
function neighbours(f: number): [number, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, bits - 1n);
  const down = view.getFloat64(0);
  view.setBigUint64(0, bits + 1n);
  return [down, view.getFloat64(0)];
}

describe('Rational: field laws', () => {
  it('addition is commutative and associative, 0 is neutral, x + (−x) = 0', () => {
    fc.assert(
      fc.property(r, r, r, (a, b, c) => {
        expect(a.add(b).eq(b.add(a))).toBe(true);
        expect(a.add(b).add(c).eq(a.add(b.add(c)))).toBe(true);
        expect(a.add(Rational.ZERO).eq(a)).toBe(true);
        expect(a.add(a.neg()).isZero()).toBe(true);
        expect(a.sub(b).eq(a.add(b.neg()))).toBe(true);
      }),
      opts,
    );
  });

  it('multiplication is commutative, associative, distributive; 1 is neutral; x·x⁻¹ = 1', () => {
    fc.assert(
      fc.property(r, r, r, nz, (a, b, c, d) => {
        expect(a.mul(b).eq(b.mul(a))).toBe(true);
        expect(a.mul(b).mul(c).eq(a.mul(b.mul(c)))).toBe(true);
        expect(a.mul(b.add(c)).eq(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.mul(Rational.ONE).eq(a)).toBe(true);
        expect(d.mul(inverse(d)).eq(Rational.ONE)).toBe(true);
        expect(a.div(d).mul(d).eq(a)).toBe(true);
        expect(a.square().eq(a.mul(a))).toBe(true);
      }),
      opts,
    );
  });

  it('division by zero throws', () => {
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(RangeError);
    expect(() => inverse(Rational.ZERO)).toThrow(RangeError);
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
  });
});

describe('Rational: reduction invariant', () => {
  it('Rational.of reduces, keeps the value, and makes the denominator positive', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (n, d) => {
        fc.pre(d !== 0n);
        const x = Rational.of(n, d);
        expect(isReduced(x)).toBe(true);
        expect(x.num * d).toBe(n * x.den);
      }),
      opts,
    );
  });

  it('every operation returns a reduced rational, so eq is structural equality of values', () => {
    fc.assert(
      fc.property(r, r, nz, (a, b, d) => {
        for (const x of [a.add(b), a.sub(b), a.mul(b), a.div(d), a.neg(), inverse(d), abs(a), a.square(), a.max(b), min(a, b)])
          expect(isReduced(x)).toBe(true);
        expect(a.eq(b)).toBe(a.cmp(b) === 0);
      }),
      opts,
    );
  });
});

describe('Rational: parse forms', () => {
  it.each([
    ['7/12', '7/12'],
    ['-7/3', '-7/3'],
    [' 3 / -4 ', '-3/4'],
    ['+6/4', '3/2'],
    ['0.25', '1/4'],
    ['-1.25', '-5/4'],
    ['3e-2', '3/100'],
    ['1E3', '1000'],
    ['.5', '1/2'],
    ['5.', '5'],
    ['+2', '2'],
    ['-0', '0'],
    ['0.1e1', '1'],
    ['007', '7'],
  ])('parses %j as %s', (text, expected) => {
    expect(Rational.parse(text).toString()).toBe(expected);
  });

  it.each([
    [0.1, '1/10'],
    [1e21, '1000000000000000000000'],
    [1e-7, '1/10000000'],
    [-2.5, '-5/2'],
    [0, '0'],
  ])('a JS number means its shortest decimal: %d → %s', (n, expected) => {
    expect(Rational.parse(n).toString()).toBe(expected);
  });

  it.each(['', ' ', 'abc', '1/0', '1.2.3', 'e5', '.', '-', '1/2/3', '0x10', '1 2', 'Infinity', 'NaN'])('rejects %j with a RangeError', (text) => {
    expect(() => Rational.parse(text)).toThrow(RangeError);
  });

  it('rejects non-finite numbers', () => {
    expect(() => Rational.parse(Number.NaN)).toThrow(RangeError);
    expect(() => Rational.parse(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('parse(x.toString()) = x, and q() agrees with parse', () => {
    fc.assert(
      fc.property(r, (a) => {
        expect(Rational.parse(a.toString()).eq(a)).toBe(true);
        expect(q(a.toString()).eq(a)).toBe(true);
      }),
      opts,
    );
  });

  it('a decimal k·10^(−m) written out parses to k/10^m', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 15 }), (k, m) => {
        const digits = (k < 0n ? -k : k).toString().padStart(m + 1, '0');
        const text = `${k < 0n ? '-' : ''}${digits.slice(0, digits.length - m)}${m > 0 ? '.' + digits.slice(digits.length - m) : ''}`;
        expect(Rational.parse(text).eq(Rational.of(k, 10n ** BigInt(m)))).toBe(true);
        expect(Rational.parse(`${k}e-${m}`).eq(Rational.of(k, 10n ** BigInt(m)))).toBe(true);
      }),
      opts,
    );
  });
});

describe('Rational: cmp and toNumber', () => {
  it('cmp is antisymmetric, transitive with sub, and agrees with sign(a − b)', () => {
    fc.assert(
      fc.property(r, r, r, (a, b, c) => {
        expect(a.cmp(b)).toBe(-b.cmp(a) as -1 | 0 | 1);
        expect(a.cmp(b)).toBe(a.sub(b).sign());
        if (a.le(b) && b.le(c)) expect(a.le(c)).toBe(true);
        expect(a.lt(b)).toBe(a.cmp(b) < 0);
        expect(ge(a, b)).toBe(!a.lt(b));
      }),
      opts,
    );
  });

  it('toNumber is monotone and equals n/d for small n, d', () => {
    fc.assert(
      fc.property(r, r, (a, b) => {
        expect(toNumber(a)).toBe(Number(a.num) / Number(a.den));
        if (a.lt(b)) expect(toNumber(a)).toBeLessThanOrEqual(toNumber(b));
      }),
      opts,
    );
  });

  it('toNumber is correctly rounded for large numerators and denominators (exact error check)', () => {
    const big = fc.bigInt({ min: 1n, max: 1n << 300n });
    fc.assert(
      fc.property(big, big, fc.boolean(), (n, d, neg) => {
        const x = Rational.of(neg ? -n : n, d);
        const f = toNumber(x);
        expect(Number.isFinite(f) && f !== 0).toBe(true);
        const ax = abs(x);
        const err = abs(exactOfDouble(Math.abs(f)).sub(ax));
        for (const g of neighbours(Math.abs(f))) expect(err.le(abs(exactOfDouble(g).sub(ax)))).toBe(true);
        expect(Math.sign(f)).toBe(x.sign());
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('toNumber regressions: large numerator over small denominator, tiny values, both signs', () => {
    // Found while writing these tests: these gave -Infinity, 0, and -2^-60.
    expect(toNumber(Rational.of(-(3n ** 80n), 7n))).toBe(-(3 ** 80) / 7);
    expect(toNumber(Rational.of(1n, 2n ** 100n))).toBe(2 ** -100);
    expect(toNumber(Rational.of(-1n, 2n ** 100n))).toBe(-(2 ** -100));
    expect(toNumber(Rational.of(3n ** 40n, 2n ** 100n))).toBe(3 ** 40 / 2 ** 100);
    expect(toNumber(Rational.of(2n ** 2000n, 3n))).toBe(Infinity);
    expect(toNumber(Rational.of(-1n, 2n ** 2000n))).toBe(-0);
    expect(toNumber(Rational.of(1n, 3n))).toBe(1 / 3);
  });

  it('toString, LaTeX (latex/number.ts), toJSON', () => {
    expect(Rational.of(-6, 4).toString()).toBe('-3/2');
    expect(rationalLatex(Rational.of(-6, 4), Infinity).tex).toBe('-\\frac{3}{2}');
    expect(rationalLatex(Rational.of(4, 2), Infinity).tex).toBe('2');
    expect(JSON.stringify([Rational.of(1, 3)])).toBe('["1/3"]');
  });
});

describe('common denominators', () => {
  it('the lcm of the denominators; every value an integer over it, with the same value', () => {
    fc.assert(
      fc.property(fc.array(rationalArb(), { maxLength: 8 }), (vs) => {
        const { ints, den } = overCommonDenominator(vs);
        expect(den).toBe(vs.reduce((d, v) => (d * v.den) / gcd(d, v.den), 1n));
        expect(commonDenominator(vs)).toBe(den);
        ints.forEach((n, k) => expect(Rational.of(n, den).eq(vs[k]!)).toBe(true));
      }),
      { seed: 5 },
    );
  });
});
