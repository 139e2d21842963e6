/**
 * The data layer has one implementation of each algorithm (classStats, classMoments,
 * parseDataCsv, parseDataJson); the point-wise reference versions of the statistics live in
 * test/oracles/class-stats.ts, the general parsers are the fast parsers' fallback. Here they
 * are compared on random data (fixed seeds; fast-check prints seed and path of a failure)
 * on both sides of every size threshold of the fast paths:
 * - compact storage: float64 (|z| < 2^53) vs BigInt (|z| ≥ 2^53);
 * - integerMoments: float chunks (T = ⌊2^53/max|z|²⌋ ≥ 16), with a flush inside a class
 *   (N_j > T), vs BigInt throughout (T < 16);
 * - integerSums: float chunks with a flush inside a class (N_j > ⌊2^53/max|z|⌋);
 * - the certified max filters: float (2·N_j·max|z| < 2^53 and |Σz| < 2^53) vs exact on every row;
 * - the δ_P² filter vᵀH⁻¹v: used when every |Σz| < 2^53, else exact on every row;
 * - sparse rows (zeros skipped in the second moments) vs dense rows; rank X̄ < Q.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataSet } from '../src/data/dataset.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { parseDataCsvGeneral } from '../src/data/load-csv.ts';
import { parseDataJson } from '../src/data/fast-json.ts';
import { parseDataJsonGeneral } from '../src/data/load-json.ts';
import { compactOf, integerMoments } from '../src/data/compact.ts';
import { integerSums } from '../src/data/integer-sums.ts';
import { classMoments } from '../src/data/moments.ts';
import { classStats } from '../src/data/stats.ts';
import { classMomentsPointwise, classStatsPointwise } from './oracles/class-stats.ts';
import { statsStrings } from './support/data-strings.ts';
import { fuzzRuns } from './support/fuzz.ts';

const SEED = 20261128;

/** Integer magnitudes around each threshold (as exponents of 2 for the largest |z|). */
const REGIMES = {
  small: { bits: 8, minRows: 1, maxRows: 12 },
  'moment chunks flush (T ≈ 64)': { bits: 23.5, minRows: 70, maxRows: 90 },
  'moments in BigInt (T < 16)': { bits: 26, minRows: 2, maxRows: 20 },
  'sums flush, max filters exact (2·N·max|z| ≥ 2^53)': { bits: 50, minRows: 9, maxRows: 20 },
  'BigInt storage (|z| ≥ 2^53)': { bits: 60, minRows: 1, maxRows: 6 },
} as const;

type Regime = (typeof REGIMES)[keyof typeof REGIMES];

/** A CSV text of Q classes in dimension M with integers up to 2^bits, some rows sparse (mostly 0). */
function csvArb(r: Regime) {
  const top = BigInt(Math.floor(2 ** r.bits));
  const cell = fc.oneof(
    { weight: 3, arbitrary: fc.bigInt({ min: -top, max: top }) },
    { weight: 2, arbitrary: fc.constant(0n) },
    { weight: 1, arbitrary: fc.constantFrom(top, -top) },
  );
  return fc
    .record({ M: fc.integer({ min: 1, max: 5 }), Q: fc.integer({ min: 2, max: 4 }) })
    .chain(({ M, Q }) =>
      fc.array(
        fc.array(fc.array(cell, { minLength: M, maxLength: M }), { minLength: r.minRows, maxLength: r.maxRows }),
        { minLength: Q, maxLength: Q },
      ),
    )
    .map((classes) => {
      const M = classes[0]![0]!.length;
      const rows = classes.flatMap((pts, j) => pts.map((p) => [...p.map(String), `c${j}`].join(',')));
      return [[...Array.from({ length: M }, (_, k) => `x${k + 1}`), 'label'].join(','), ...rows].join('\n') + '\n';
    });
}


describe('classStats and classMoments equal the point-wise oracle on both sides of every threshold', () => {
  Object.entries(REGIMES).forEach(([name, regime], i) =>
    it(name, () => {
      const seen = { f64: 0, big: 0, flushT: 0 };
      fc.assert(
        fc.property(csvArb(regime), (text) => {
          const ds = parseDataCsv(text, 't.csv');
          for (const c of compactOf(ds).classes) {
            if (c.f64) seen.f64++;
            else seen.big++;
            // integerSums and integerMoments agree with each other (two routes to Σz).
            expect(integerSums(c, ds.M)).toEqual(integerMoments(c, ds.M).sum);
            if (c.f64 && c.count > Math.floor(2 ** 53 / Math.max(c.maxAbs * c.maxAbs, 1))) seen.flushT++;
          }
          expect(statsStrings(classStats(ds), classMoments(ds))).toEqual(statsStrings(classStatsPointwise(ds), classMomentsPointwise(ds)));
        }),
        { seed: SEED + i, numRuns: fuzzRuns(25, 400) },
      );
      // The regime really is on the side of the threshold it names.
      if (regime.bits >= 60) expect(seen.big).toBeGreaterThan(0);
      else expect(seen.f64).toBeGreaterThan(0);
      if (regime.bits === 23.5) expect(seen.flushT).toBeGreaterThan(0);
    }),
  );

  it('rank X̄ < Q (a class mean repeated): no projector quantities in either', () => {
    const text = 'x,y,label\n1,0,a\n3,0,a\n2,0,b\n2,0,b\n0,5,c\n';
    const ds = parseDataCsv(text, 'r.csv');
    const s = classStats(ds);
    expect(s.rankXbar).toBe(2);
    expect(s.deltaP2).toBeUndefined();
    expect(statsStrings(classStats(ds), classMoments(ds))).toEqual(statsStrings(classStatsPointwise(ds), classMomentsPointwise(ds)));
  });
});

describe('parseDataCsv and parseDataJson equal the general parsers on both sides of the fast-path thresholds', () => {
  // Plain decimals with ≤ 15 digits take the fast path; 16+ digits, exponents and fractions go to the general parser.
  const decimal = fc.oneof(
    fc.integer({ min: -(10 ** 6), max: 10 ** 6 }).map((n) => (n / 1000).toFixed(3)),
    fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }).map(String), // ≤ 15 digits
    fc.bigInt({ min: 10n ** 15n, max: 10n ** 17n }).map(String), // 16–18 digits
    fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: 1, max: 9 })).map(([p, q]) => `${p}/${q}`),
    fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -3, max: 3 })).map(([m, e]) => `${m}e${e}`),
  );
  const table = fc.integer({ min: 1, max: 4 }).chain((M) =>
    fc.array(fc.tuple(fc.array(decimal, { minLength: M, maxLength: M }), fc.constantFrom('a', 'b', 'c')), { minLength: 3, maxLength: 30 }),
  );
  const same = (a: DataSet, b: DataSet) => {
    expect(b.classes.map((c) => [c.label, c.points.map((p) => p.map(String))])).toEqual(a.classes.map((c) => [c.label, c.points.map((p) => p.map(String))]));
    expect(b.targets.map((y) => y.map(String))).toEqual(a.targets.map((y) => y.map(String)));
  };
  const outcome = (f: () => DataSet): DataSet | string => {
    try {
      return f();
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };

  it('CSV', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map(([xs, l]) => [...xs, l].join(',')).join('\n') + '\n';
        const a = outcome(() => parseDataCsvGeneral(text, 'd.csv'));
        const b = outcome(() => parseDataCsv(text, 'd.csv'));
        if (typeof a === 'string' || typeof b === 'string') expect(b).toEqual(a);
        else same(a, b);
      }),
      { seed: SEED + 10, numRuns: fuzzRuns(100, 2000) },
    );
  });

  it('JSON', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const labels = [...new Set(rows.map(([, l]) => l))];
        const classes = labels.map((l) => ({ label: l, points: rows.filter(([, k]) => k === l).map(([xs]) => xs.map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v))) }));
        const text = JSON.stringify({ format: 'dlgeom/data@1', classes });
        const a = outcome(() => parseDataJsonGeneral(text, 'd.json'));
        const b = outcome(() => parseDataJson(text, 'd.json'));
        if (typeof a === 'string' || typeof b === 'string') expect(b).toEqual(a);
        else same(a, b);
      }),
      { seed: SEED + 11, numRuns: fuzzRuns(100, 2000) },
    );
  });
});
