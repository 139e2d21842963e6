/**
 * The one D1 / D2 builder (class moments, exact extremes, point-set separation) against the
 * per-point construction (test/oracles/d1-pointwise.ts): on every example and on random
 * clustered data below SMALL points per separation (the LP sees every point: the same
 * network, order and reasons), and above it (a working-set LP: the same outcome kind, a
 * network of exact cost 0 by the per-point cost, and an overlap certificate whenever the
 * reference finds one) — also in more than UNIT_DIRECTIONS_UP_TO dimensions, where the
 * working set starts from seeded directions only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleNames, loadExample } from '../src/data/examples.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { buildD1, buildTruncationNetwork, type D1Outcome } from '../src/claims/d1-global-minimizers.ts';
import { SMALL, UNIT_DIRECTIONS_UP_TO } from '../src/claims/point-set-separation.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import { flattenParams } from '../src/network/params.ts';
import { buildD1Pointwise, buildTruncationNetworkPointwise } from './oracles/d1-pointwise.ts';
import { msPointwise } from './oracles/pointwise-cost.ts';
import { msExact } from '../src/network/cost.ts';
import { clusteredDataSetArb } from '../properties/arbitraries/clustered-dataset.ts';
import { fuzzRuns } from './support/fuzz.ts';

/** Below SMALL: the very same outcome (network parameters, order, reasons). */
function expectSame(a: D1Outcome, b: D1Outcome): void {
  expect(b.kind).toBe(a.kind);
  if (a.kind === 'built' && b.kind === 'built') {
    expect(b.construction.order).toEqual(a.construction.order);
    expect(b.construction.truncatedAt).toEqual(a.construction.truncatedAt);
    expect(flattenParams(b.construction.net).map(String)).toEqual(flattenParams(a.construction.net).map(String));
  } else {
    expect(b.kind === 'built' ? '' : b.reason).toBe(a.kind === 'built' ? '' : a.reason);
  }
}

describe('buildD1 agrees with the per-point construction', () => {
  for (const name of exampleNames())
    it(name, () => {
      const ds = loadExample(name);
      expectSame(buildD1Pointwise(ds, ds.Q), buildD1(ds, ds.Q));
    });

  it(`random clustered data below SMALL (${SMALL}) points: the same outcome, D1 and every D2 subset`, () => {
    const arb = clusteredDataSetArb({ maxQ: 3, maxPerClass: 6, shapes: ['separated', 'rank-deficient', 'hull-overlap', 'shared-point'] });
    fc.assert(
      fc.property(arb, ({ ds }) => {
        expect(ds.N).toBeLessThanOrEqual(SMALL);
        expectSame(buildD1Pointwise(ds, ds.Q + 1), buildD1(ds, ds.Q + 1));
        for (const J of [[0], [ds.Q - 1], [0, ds.Q - 1]]) expectSame(buildTruncationNetworkPointwise(ds, ds.Q, J), buildTruncationNetwork(ds, ds.Q, J));
      }),
      { numRuns: fuzzRuns(25, 200), seed: 15 },
    );
  });

  it(`random clustered data above SMALL (${SMALL}) points: the same outcome kind, cost exactly 0 when built`, () => {
    const arb = clusteredDataSetArb({ minQ: 2, maxQ: 3, minPerClass: 210, maxPerClass: 260, maxLevel: 1, shapes: ['separated', 'hull-overlap'] });
    fc.assert(
      fc.property(arb, ({ ds }: { ds: DataSet }) => {
        expect(ds.N).toBeGreaterThan(SMALL);
        const ref = buildD1Pointwise(ds, ds.Q);
        const one = buildD1(ds, ds.Q);
        expect(one.kind).toBe(ref.kind);
        if (one.kind === 'built') {
          expect(msPointwise(one.construction.net, ds).isZero()).toBe(true);
          expect([...one.construction.order].sort()).toEqual(Array.from({ length: ds.Q }, (_, j) => j));
        }
        if (ref.kind === 'hypothesis-fails' && ref.overlap) expect(one.kind === 'hypothesis-fails' && one.overlap?.classes).toEqual(ref.overlap.classes);
      }),
      { numRuns: fuzzRuns(5, 20), seed: 15 },
    );
  });

  it(`generated data above SMALL points in M > ${UNIT_DIRECTIONS_UP_TO} dimensions (seeded directions only): built, cost exactly 0`, () => {
    const ds = parseDataCsv(smallClusteredCsv(2, UNIT_DIRECTIONS_UP_TO + 1, 205, 4), 'gen.csv');
    expect(ds.N).toBeGreaterThan(SMALL);
    const ref = buildD1Pointwise(ds, ds.Q);
    const one = buildD1(ds, ds.Q);
    expect(ref.kind).toBe('built');
    expect(one.kind).toBe('built');
    // msExact (by pattern groups; compared with the per-point cost in test/pattern-groups.test.ts): the per-point sum takes ~10 s here.
    if (one.kind === 'built') expect(msExact(one.construction.net, ds).isZero()).toBe(true);
  });
});
