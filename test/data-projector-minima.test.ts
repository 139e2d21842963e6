/**
 * projectorMinima (src/data/extremes.ts): the exact minimum over the data of every coordinate
 * of Px, through P = Z(ZᵀZ)⁻¹Zᵀ with a certified float filter, equals the plain linear
 * extremes of the rows of P (the exact reference) — on every example of rank Q and on random
 * integer and decimal data (fixed seed), with ties and constant coordinates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataSet } from '../src/data/dataset.ts';
import { exampleNames, loadExample } from '../src/data/examples.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { compactOf } from '../src/data/compact.ts';
import { integerSums } from '../src/data/integer-sums.ts';
import { linearExtremes, projectorMinima } from '../src/data/extremes.ts';
import { classStats } from '../src/data/stats.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { min } from '../src/exact/rational-shorthands.ts';

function reference(ds: DataSet): string[] | undefined {
  const P = classStats(ds).P;
  if (!P) return undefined;
  const classes = compactOf(ds).classes;
  return P.toRows().map((row) => String(classes.map((c) => linearExtremes(c, ds.M, row).min).reduce((a, b) => min(a, b))));
}

function viaProjector(ds: DataSet): string[] | undefined {
  const classes = compactOf(ds).classes;
  return projectorMinima(classes, ds.M, classes.map((c) => integerSums(c, ds.M)))?.map(String);
}

describe('projectorMinima', () => {
  it('equals the linear extremes of the rows of P on every example of rank Q', () => {
    let compared = 0;
    for (const name of exampleNames()) {
      const ds = loadExample(name);
      const ref = reference(ds);
      if (!ref) continue;
      const got = viaProjector(ds);
      if (got) (compared++, expect(got).toEqual(ref));
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('equals the reference on random data (integers with zeros and a constant coordinate; decimals)', () => {
    const cell = fc.oneof(fc.integer({ min: -30, max: 30 }), fc.constant(0), fc.integer({ min: -999, max: 999 }).map((n) => n / 100));
    fc.assert(
      fc.property(
        fc.record({ M: fc.integer({ min: 2, max: 6 }), Q: fc.integer({ min: 2, max: 4 }) }).chain(({ M, Q }) =>
          fc.array(fc.array(fc.array(cell, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 10 }), { minLength: Q, maxLength: Q }),
        ),
        (classes) => {
          const M = classes[0]![0]!.length;
          const rows = classes.flatMap((pts, j) => pts.map((p) => [...p.map(String), '0', `c${j}`].join(','))); // last coordinate constant 0
          const ds = parseDataCsv([[...Array.from({ length: M + 1 }, (_, k) => `x${k}`), 'label'].join(','), ...rows].join('\n') + '\n', 'p.csv');
          const ref = reference(ds);
          if (!ref) return;
          const got = viaProjector(ds);
          expect(got).toBeDefined();
          expect(got).toEqual(ref);
        },
      ),
      { seed: 777, numRuns: fuzzRuns(80, 1000) },
    );
  });
});
