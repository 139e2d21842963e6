/**
 * Issue #8: the local-minimality decisions by pattern-group moments give exactly the
 * reference decisions (status, reason, evidence) — on the S3 and D2 networks of the
 * examples and on random networks and data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { msExact } from '../src/network/cost.ts';
import type { Network } from '../src/network/network.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { decideAllParametersPointwise, decideOutputLayerPointwise } from './oracles/local-minimality-pointwise.ts';
import { decideAllParameters, decideOutputLayer } from '../src/claims/local-minimality.ts';
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
});
