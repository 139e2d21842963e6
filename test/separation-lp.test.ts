/**
 * Separation on HiGHS (src/claims/separation.ts): every answer re-checked here by an
 * independent exact computation — a "separated" normal by its dot products on every
 * point, an "overlap" by its two convex combinations — on random point sets in several
 * dimensions (fixed seed), including instances whose answer is known by construction
 * (a thin gap along one coordinate; a point of one set inside the other's hull).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { roundings, separate, type Separation } from '../src/claims/separation.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { ge } from '../src/exact/rational-shorthands.ts';

type P = Rational[];
const q = (n: number, d = 1) => Rational.of(BigInt(n), BigInt(d));
const dot = (a: readonly Rational[], b: readonly Rational[]) => a.reduce((s, v, i) => s.add(v.mul(b[i]!)), Rational.ZERO);

/** Independent exact check of a decided answer; 'unknown' is allowed only where stated. */
function expectSound(s: Separation, A: P[], B: P[]): void {
  if (s.kind === 'separated') {
    expect(s.gamma.sign()).toBe(1);
    for (const a of A) expect(dot(s.n, a).le(s.c.sub(s.gamma))).toBe(true);
    for (const b of B) expect(ge(dot(s.n, b), s.c.add(s.gamma))).toBe(true);
  } else if (s.kind === 'overlap') {
    const combo = (pts: P[], w: Rational[]) => {
      expect(w.length).toBe(pts.length);
      expect(w.every((v) => v.sign() >= 0)).toBe(true);
      expect(w.reduce((t, v) => t.add(v), Rational.ZERO).eq(Rational.ONE)).toBe(true);
      return pts[0]!.map((_, k) => pts.reduce((t, p, i) => t.add(w[i]!.mul(p[k]!)), Rational.ZERO));
    };
    expect(combo(A, s.lambda).map(String)).toEqual(combo(B, s.mu).map(String));
  }
}

const point = (M: number, lo: number, hi: number) => fc.array(fc.integer({ min: lo, max: hi }), { minLength: M, maxLength: M });
const cloud = (M: number, min: number, max: number) => fc.array(point(M, -40, 40), { minLength: min, maxLength: max });

describe('separate (HiGHS proposes, exact arithmetic decides)', () => {
  for (const M of [2, 5, 12, 30]) {
    it(`random clouds in M = ${M}: every answer checks exactly, and clouds far apart are separated`, () => {
      fc.assert(
        fc.property(cloud(M, 1, 25), cloud(M, 1, 25), fc.integer({ min: 0, max: 120 }), (a, b, shift) => {
          const A = a.map((p) => p.map((v) => q(v, 4)));
          const B = b.map((p) => p.map((v, k) => q(k === 0 ? v + shift : v, 4)));
          const s = separate(A, B);
          expectSound(s, A, B);
          // With shift > 80 the first coordinates are apart: a separation exists and must be found.
          if (shift > 80) expect(s.kind).toBe('separated');
          else expect(s.kind).not.toBe('unknown');
        }),
        { seed: 1200 + M, numRuns: fuzzRuns(M >= 30 ? 8 : 25, 300) },
      );
    });
  }

  it('nearly separable: a gap of 1/10^6 along one coordinate, the rest overlapping, in M = 30', () => {
    fc.assert(
      fc.property(fc.array(point(30, -1000, 1000), { minLength: 20, maxLength: 60 }), fc.array(point(30, -1000, 1000), { minLength: 20, maxLength: 60 }), (a, b) => {
        const A = a.map((p) => p.map((v, k) => (k === 7 ? q(Math.abs(v), 1000) : q(v, 10))));
        const B = b.map((p) => p.map((v, k) => (k === 7 ? q(-Math.abs(v), 1000).sub(q(1, 1_000_000)) : q(v, 10))));
        const s = separate(A, B);
        expectSound(s, A, B);
        expect(s.kind).toBe('separated');
      }),
      { seed: 77, numRuns: fuzzRuns(6, 60) },
    );
  });

  it('overlapping by construction (a convex combination of A inside B) gives an exact overlap, in M = 3 and 20', () => {
    for (const M of [3, 20]) {
      fc.assert(
        fc.property(cloud(M, 2, 30), cloud(M, 0, 30), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 2 }), (a, b, [w1, w2]) => {
          const A = a.map((p) => p.map((v) => q(v)));
          const mid = A[0]!.map((v, k) => v.mul(q(w1!, w1! + w2!)).add(A[1]![k]!.mul(q(w2!, w1! + w2!))));
          const B = [...b.map((p) => p.map((v) => q(v))), mid];
          const s = separate(A, B);
          expectSound(s, A, B);
          expect(s.kind).toBe('overlap');
        }),
        { seed: 4242 + M, numRuns: fuzzRuns(10, 100) },
      );
    }
  });

  it('coordinates beyond the float range: an exact answer or "unknown" with a reason, never a crash', () => {
    const huge = Rational.of(10n ** 400n);
    const A = [[huge, q(0)], [huge, q(1)]];
    const B = [[huge.neg(), q(0)], [huge.neg(), q(2)]];
    const s = separate(A, B);
    expectSound(s, A, B);
    if (s.kind === 'unknown') expect(s.reason).toMatch(/LP/);
  });

  it('roundings go from coarse to fine and keep the sign pattern', () => {
    const r = roundings([0.5, -1, 1e-7]);
    expect(r[0]!.map(String)).toEqual(['2', '-4', '0']);
    expect(r.length).toBeGreaterThan(5);
    expect(r[r.length - 1]![2]!.sign()).toBe(1);
  });
});
