/**
 * The one local-minimality decision (by pattern-group moments) gives exactly the per-point
 * reference decisions (test/oracles/local-minimality-pointwise.ts: status, reason, evidence) —
 * on the S3 and D2 networks of the examples, on random networks and data with the loop and the
 * compiled certified pass (the compiled one is the default from COMPILE_FROM points), and on
 * generated data above MAX_POINTS_SECOND_ORDER points.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { msExact } from '../src/network/cost.ts';
import type { Network } from '../src/network/network.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { decideAllParametersPointwise, decideOutputLayerPointwise } from './oracles/local-minimality-pointwise.ts';
import { MAX_POINTS_SECOND_ORDER, decideAllParameters, decideOutputLayer } from '../src/claims/local-minimality.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { classifyPatterns } from '../src/network/pattern-groups.ts';
import { Rational } from '../src/exact/rational.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import { msPointwise } from './oracles/pointwise-cost.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { s3Network } from '../src/claims/s3-affine-minimum.ts';
import { d2Candidate, properSubsets } from '../src/claims/d2-local-minima.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';

function same(net: Network, ds: DataSet): void {
  const ms = msExact(net, ds);
  expect(JSON.stringify(decideAllParameters(net, ds, ms))).toBe(JSON.stringify(decideAllParametersPointwise(net, ds, ms)));
  expect(JSON.stringify(decideOutputLayer(net, ds))).toBe(JSON.stringify(decideOutputLayerPointwise(net, ds)));
}

describe('decisions by pattern groups = reference decisions', () => {
  for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q3-m5', 'iris'])
    it(`S3 networks (free and tied) of ${name}`, () => {
      const ds = loadExample(name);
      const sq = shallowQuantities(ds);
      same(s3Network(ds, sq, 'free'), ds);
      same(s3Network(ds, sq, 'tied'), ds);
    });

  for (const name of ['clusters-q2', 'clusters-q3'])
    it(`every D2 candidate of ${name}`, () => {
      const ds = loadExample(name);
      for (const J of properSubsets(ds.Q)) {
        const c = d2Candidate(ds, ds.Q, J);
        if (!('reason' in c)) same(c.net, ds);
      }
    });

  it('random networks and data', () => {
    const arb = fc
      .record({ L: fc.integer({ min: 1, max: 2 }), M: fc.integer({ min: 2, max: 3 }), q: fc.integer({ min: 2, max: 3 }) })
      .chain(({ L, M, q }) => {
        const Q = Math.min(q, M);
        return fc.record({ net: networkArb({ L, M, Q }, { maxNum: 4, maxDen: 3 }), ds: dataSetArb(M, Q, 3, { maxNum: 4, maxDen: 3 }) });
      });
    fc.assert(fc.property(arb, ({ net, ds }) => same(net, ds)), { numRuns: 60 });
  });

  it('random networks and data, patterns from the compiled certified pass (the default from COMPILE_FROM points)', () => {
    const arb = fc
      .record({ L: fc.integer({ min: 1, max: 2 }), M: fc.integer({ min: 2, max: 3 }), q: fc.integer({ min: 2, max: 3 }) })
      .chain(({ L, M, q }) => {
        const Q = Math.min(q, M);
        return fc.record({ net: networkArb({ L, M, Q }, { maxNum: 4, maxDen: 3 }), ds: dataSetArb(M, Q, 6, { maxNum: 4, maxDen: 3 }) });
      });
    fc.assert(
      fc.property(arb, ({ net, ds }) => {
        const cls = classifyPatterns(net, ds, 'compiled');
        const ms = msExact(net, ds, cls);
        expect(ms.eq(msPointwise(net, ds))).toBe(true);
        expect(JSON.stringify(decideAllParameters(net, ds, ms, 1, cls))).toBe(JSON.stringify(decideAllParametersPointwise(net, ds, ms)));
        expect(JSON.stringify(decideOutputLayer(net, ds, cls))).toBe(JSON.stringify(decideOutputLayerPointwise(net, ds)));
      }),
      { numRuns: 40, seed: 15 },
    );
  });

  it(`generated data above MAX_POINTS_SECOND_ORDER (${MAX_POINTS_SECOND_ORDER}) points: the D1 network and moved ones`, () => {
    const ds = parseDataCsv(smallClusteredCsv(2, 2, Math.floor(MAX_POINTS_SECOND_ORDER / 2) + 1, 9), 'gen.csv');
    expect(ds.N).toBeGreaterThan(MAX_POINTS_SECOND_ORDER);
    const d1 = buildD1(ds, 2);
    if (d1.kind !== 'built') throw new Error(`no D1: ${d1.reason}`);
    const net = d1.construction.net;
    const third = Rational.of(1n, 3n);
    const movedOutput: Network = { hidden: net.hidden, output: { W: net.output.W, b: net.output.b.map((v, i) => (i === 0 ? v.add(third) : v)) } };
    const movedHidden: Network = { hidden: [{ W: net.hidden[0]!.W, b: net.hidden[0]!.b.map((v) => v.add(third)) }, ...net.hidden.slice(1)], output: net.output };
    for (const n of [net, movedOutput, movedHidden]) same(n, ds);
  });
});
