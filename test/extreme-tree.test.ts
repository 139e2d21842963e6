/**
 * The k-d tree's exact extremes (src/data/extreme-tree.ts) equal the full scan of
 * linearExtremes on random classes: duplicate rows, constant coordinates, ties, negative
 * values, sizes around the leaf size and large classes; random integer functionals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { compactClassFromPoints } from '../src/data/compact.ts';
import { linearExtremes } from '../src/data/extremes.ts';
import { treeExtremes } from '../src/data/extreme-tree.ts';
import { prng } from '../src/util/prng.ts';
import { topRows } from '../src/claims/point-set-separation.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

function scan(points: number[][], M: number, w: number[]): { max: number; min: number } {
  const c = compactClassFromPoints(points.map((p) => p.map((v) => Rational.int(v))), M);
  const e = linearExtremes(c, M, w.map((v) => Rational.int(v)));
  return { max: toNumber(e.max), min: toNumber(e.min) };
}

describe('treeExtremes', () => {
  it('equals the full scan (random classes and functionals)', () => {
    const arb = fc.record({
      M: fc.integer({ min: 1, max: 5 }),
      n: fc.integer({ min: 1, max: 300 }),
      range: fc.integer({ min: 0, max: 1000 }),
      seed: fc.integer({ min: 0, max: 1e6 }),
    });
    fc.assert(
      fc.property(arb, ({ M, n, range, seed }) => {
        const rand = prng(seed);
        const pool = Array.from({ length: Math.max(1, Math.floor(n / 3)) }, () => Array.from({ length: M }, (_, k) => (k === 0 ? 7 : Math.round((rand() * 2 - 1) * range))));
        // Duplicates from a pool, a constant first coordinate.
        const points = Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]!);
        const c = compactClassFromPoints(points.map((p) => p.map((v) => Rational.int(v))), M);
        for (let r = 0; r < 4; r++) {
          const w = Array.from({ length: M }, () => Math.round((rand() * 2 - 1) * 50));
          const t = treeExtremes(c, M, Float64Array.from(w));
          expect(t).toEqual(scan(points, M, w));
        }
      }),
      { seed: 1608, numRuns: fuzzRuns(150, 3000), verbose: true },
    );
  });

  it('equals the full scan on a large clustered class, and declines functionals that could exceed 2^52', () => {
    const rand = prng(5);
    const M = 6;
    const points = Array.from({ length: 20_000 }, () => Array.from({ length: M }, () => Math.round(1e4 * (rand() + rand() + rand()))));
    const c = compactClassFromPoints(points.map((p) => p.map((v) => Rational.int(v))), M);
    for (let r = 0; r < 20; r++) {
      const w = Array.from({ length: M }, () => Math.round((rand() * 2 - 1) * 1e6));
      expect(treeExtremes(c, M, Float64Array.from(w))).toEqual(scan(points, M, w));
    }
    expect(treeExtremes(c, M, Float64Array.from({ length: M }, () => 2 ** 40))).toBeUndefined();
  });
});

describe('topRows (the most violating rows of a working-set round)', () => {
  it('equals a stable sort by decreasing sign·value, first k (ties, both signs)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 120 }), fc.constantFrom<1 | -1>(1, -1), fc.integer({ min: 1, max: 45 }), (vals, sign, k) => {
        const values = Float64Array.from(vals);
        const idx = Array.from(values.keys());
        idx.sort((p, q) => sign * (values[q]! - values[p]!));
        expect(topRows(values, sign, k)).toEqual(idx.slice(0, k));
      }),
      { seed: 1609, numRuns: fuzzRuns(300, 5000) },
    );
  });
});
