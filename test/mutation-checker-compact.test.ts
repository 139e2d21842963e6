/**
 * compact.ts (the checker's exact integer storage of the data and its integer moments)
 * against independent oracles: coordinates summed point by point in BigInt, points read
 * back as Rationals. Aimed at what the general tests never build: float chunks whose
 * partial sums would pass 2^53 if a chunk were one row longer or never flushed, BigInt
 * coordinates at and beyond ±2^53, maxAbs with negative coordinates, and the side table.
 * Runs once per mutant under `npm run mutation -- checker`, so it stays small.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import type { ClassData } from '../src/data/dataset.ts';
import {
  TWO53,
  attachCompact,
  compactClassFromPoints,
  compactOf,
  fromBig,
  hasCompact,
  integerMoments,
  pointAt,
  zAt,
  type CompactClass,
} from '../src/data/compact.ts';
import { fuzzRuns } from './support/fuzz.ts';

const B53 = 2n ** 53n;

/** Σz and Σzzᵀ (full M×M) over `rows` of the row-major integers `z`, point by point in BigInt. */
function oracleMoments(z: readonly bigint[], M: number, rows: readonly number[]) {
  const sum = new Array<bigint>(M).fill(0n);
  const second = new Array<bigint>(M * M).fill(0n);
  for (const r of rows)
    for (let p = 0; p < M; p++) {
      sum[p] = sum[p]! + z[r * M + p]!;
      for (let q = 0; q < M; q++) second[p * M + q] = second[p * M + q]! + z[r * M + p]! * z[r * M + q]!;
    }
  return { count: rows.length, sum, second };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A fixed-seed generator (xorshift32), so the large classes are the same every run. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/**
 * n rows of M odd coordinates in ±[2^24 − 1000, 2^24 − 1] (signs random, max |z| = 2^24 − 1):
 * a² = (2^24 − 1)², so the float chunk is T = ⌊2^53 / a²⌋ = 32 rows, and 33 odd squares of
 * this size already pass 2^53 — a chunk one row longer, or none, rounds.
 */
function nearLimitRows(n: number, M: number, seed: number): bigint[] {
  const r = rng(seed);
  const z: bigint[] = [];
  for (let i = 0; i < n * M; i++) {
    const mag = 2 ** 24 - 1 - 2 * Math.floor(r() * 500);
    z.push(BigInt(r() < 0.5 ? -mag : mag));
  }
  z[0] = BigInt(2 ** 24 - 1);
  return z;
}

describe('compact.ts: integer moments against point-by-point BigInt sums', () => {
  it('float chunks at their limit: 32 rows of (2^24 − 1)² per chunk, several flushes, exact', () => {
    const M = 3;
    const n = 100;
    const z = nearLimitRows(n, M, 17);
    const c = fromBig(z, n, 1n);
    expect(c.f64).toBeDefined();
    expect(c.maxAbs).toBe(2 ** 24 - 1);
    expect(Math.floor(TWO53 / (c.maxAbs * c.maxAbs))).toBe(32);
    // The data really needs the chunking: one longer chunk of these squares passes 2^53.
    const diag0 = range(33).reduce((t, r) => t + z[r * M]! * z[r * M]!, 0n);
    expect(diag0 > B53).toBe(true);
    expect(integerMoments(c, M)).toEqual(oracleMoments(z, M, range(n)));
  });

  it('a subset of rows (with rowCount shorter than the index array) through several chunks, exact', () => {
    const M = 2;
    const n = 120;
    const z = nearLimitRows(n, M, 5);
    const c = fromBig(z, n, 7n);
    const rows = range(n).filter((i) => i % 3 !== 1); // 80 rows
    const padded = Int32Array.from([...rows, 1, 1, 1]);
    expect(integerMoments(c, M, padded, rows.length)).toEqual(oracleMoments(z, M, rows));
    expect(integerMoments(c, M, rows)).toEqual(oracleMoments(z, M, rows));
  });

  it('sparse rows (zeros skipped) near the limit, M = 4: the packed triangle copied to the full square', () => {
    const M = 4;
    const n = 70;
    const z = nearLimitRows(n, M, 99).map((v, i) => (i % 5 === 2 || i % 7 === 3 ? 0n : v));
    z[0] = BigInt(2 ** 24 - 1);
    const c = fromBig(z, n, 3n);
    const m = integerMoments(c, M);
    expect(m).toEqual(oracleMoments(z, M, range(n)));
    for (let p = 0; p < M; p++) for (let q = 0; q < M; q++) expect(m.second[p * M + q]).toBe(m.second[q * M + p]);
  });

  it('|z| near 2^26: chunks too short for floats, so the sums are taken in BigInt, exact', () => {
    const M = 2;
    const big = [2n ** 26n - 1n, -(2n ** 26n - 3n), 2n ** 26n - 5n, 2n ** 26n - 7n, -(2n ** 26n - 9n), 2n ** 26n - 11n, 3n, -(2n ** 26n - 1n)];
    const c = fromBig(big, 4, 1n);
    expect(c.f64).toBeDefined();
    expect(integerMoments(c, M)).toEqual(oracleMoments(big, M, range(4)));
  });

  it('BigInt coordinates (≥ 2^53) give exact moments and read back exactly', () => {
    const M = 2;
    const z = [B53 + 1n, -3n, -(2n ** 70n) + 5n, 2n ** 60n + 7n, 11n, -(B53 + 3n)];
    const c = fromBig(z, 3, 5n);
    expect(c.f64).toBeUndefined();
    expect(integerMoments(c, M)).toEqual(oracleMoments(z, M, range(3)));
    expect(integerMoments(c, M, [2, 0])).toEqual(oracleMoments(z, M, [2, 0]));
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < M; k++) expect(zAt(c, M, i, k)).toBe(z[i * M + k]);
      expect(pointAt(c, M, i).map(String)).toEqual([0, 1].map((k) => String(Rational.of(z[i * M + k]!, 5n))));
    }
  });

  it('random small classes: compactClassFromPoints reads back its points, moments match the oracle (fixed seed)', () => {
    const coord = fc.oneof(
      fc.integer({ min: -9, max: 9 }).map((v) => Rational.int(v)),
      fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 12 })).map(([p, q]) => Rational.of(BigInt(p), BigInt(q))),
      fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }).map((v) => Rational.of(v, 1n)),
    );
    const cls = fc.integer({ min: 1, max: 4 }).chain((M) => fc.tuple(fc.constant(M), fc.array(fc.array(coord, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 12 })));
    fc.assert(
      fc.property(cls, ([M, points]) => {
        const c = compactClassFromPoints(points, M);
        const z: bigint[] = [];
        points.forEach((pt, i) => {
          expect(pointAt(c, M, i).map(String)).toEqual(pt.map(String));
          for (let k = 0; k < M; k++) z.push(zAt(c, M, i, k));
        });
        for (let i = 0; i < z.length; i++) expect(String(Rational.of(z[i]!, c.den))).toBe(String(points[Math.floor(i / M)]![i % M]!));
        expect(integerMoments(c, M)).toEqual(oracleMoments(z, M, range(points.length)));
      }),
      { seed: 20261128, numRuns: fuzzRuns(60, 2000), verbose: true },
    );
  });
});

describe('compact.ts: fromBig storage choice and maxAbs', () => {
  const maxAbsOracle = (z: readonly bigint[]) => z.reduce((m, v) => Math.max(m, Math.abs(Number(v))), 0);

  it('|z| < 2^53 everywhere → float64, exact, maxAbs = max |z| (negative coordinates included)', () => {
    for (const z of [[-7n, 5n, 2n], [5n, -9n, 0n, 1n], [B53 - 1n, -(B53 - 1n), 3n], [-(B53 - 1n), 4n], [0n, 0n]]) {
      const c: CompactClass = fromBig([...z], z.length, 1n);
      expect(c.big).toBeUndefined();
      expect(Array.from(c.f64!, (v) => BigInt(v))).toEqual(z);
      expect(c.maxAbs).toBe(maxAbsOracle(z));
    }
  });

  it('any |z| ≥ 2^53 (either sign, 2^53 itself included) → BigInt storage, maxAbs = max |z| as a float', () => {
    for (const z of [[B53], [-B53, 1n], [3n, -(B53 + 1n)], [1n, 2n ** 60n, -5n], [-(2n ** 70n), 2n ** 60n]]) {
      const c = fromBig([...z], z.length, 1n);
      expect(c.f64).toBeUndefined();
      expect(c.big).toEqual(z);
      expect(c.maxAbs).toBe(maxAbsOracle(z));
    }
  });
});

describe('compact.ts: the side table', () => {
  const classes = (): ClassData[] => [
    { label: 'a', points: [[Rational.of(1n, 2n), Rational.int(3)]] },
    { label: 'b', points: [[Rational.int(-4), Rational.of(5n, 3n)], [Rational.int(0), Rational.int(1)]] },
  ];

  it('an attached form is the one compactOf returns (no rebuild), and hasCompact says so', () => {
    const cs = classes();
    expect(hasCompact({ classes: cs })).toBe(false);
    const attached = { M: 2, classes: cs.map((c) => compactClassFromPoints(c.points, 2)) };
    attachCompact(cs, attached);
    expect(hasCompact({ classes: cs })).toBe(true);
    expect(compactOf({ M: 2, classes: cs })).toBe(attached);
  });

  it('a built form is remembered: the same object on the next call, and hasCompact turns true', () => {
    const cs = classes();
    expect(hasCompact({ classes: cs })).toBe(false);
    const first = compactOf({ M: 2, classes: cs });
    expect(hasCompact({ classes: cs })).toBe(true);
    expect(compactOf({ M: 2, classes: cs })).toBe(first);
    expect(first.classes.map((c) => c.count)).toEqual([1, 2]);
    expect(pointAt(first.classes[1]!, 2, 0).map(String)).toEqual(['-4', '5/3']);
  });
});
