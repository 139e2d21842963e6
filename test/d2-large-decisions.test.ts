/**
 * D2 at large N: candidates from the compact data with the class moments computed
 * once, activation patterns classified once per candidate (patternData shared by ms and both
 * decisions), and the rare fallbacks of the decisions without touching the points.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { classMoments } from '../src/data/moments.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import type { Network } from '../src/network/network.ts';
import { msExact } from '../src/network/cost.ts';
import { msPointwise } from './oracles/pointwise-cost.ts';
import { flattenParams } from '../src/network/params.ts';
import { buildTruncationNetworkPointwise } from './oracles/d1-pointwise.ts';
import { checkD2, d2Candidate, properSubsets } from '../src/claims/d2-local-minima.ts';
import { decideAllParametersPointwise, decideOutputLayerPointwise } from './oracles/local-minimality-pointwise.ts';
import { MAX_POINTS_SECOND_ORDER, decideAllParameters, decideOutputLayer, patternData } from '../src/claims/local-minimality.ts';
import { MAX_HESSIAN_PARAMS } from '../src/claims/second-order.ts';
import { makeData } from './support/data.ts';

const r = (v: string | number) => Rational.parse(v);
const lazy = (c: object) => Object.getOwnPropertyDescriptor(c, 'points')?.get !== undefined;


/**
 * One hidden layer whose units are all dead on the data (W = I, b = −β·1) and an output
 * layer that is constant at the mean target: a critical point of the cost (every derivative
 * vanishes) that the pattern-wise bound cannot close when the classes differ in x.
 */
function deadNetwork(ds: DataSet, beta: number): Network {
  const M = ds.M;
  const N = Rational.int(ds.N);
  const sizes = classMoments(ds).map((m) => m.count);
  const mean = ds.targets[0]!.map((_, i) => ds.targets.reduce((s, y, j) => s.add(y[i]!.mul(Rational.int(sizes[j]!))), Rational.ZERO).div(N));
  return {
    hidden: [{ W: Matrix.identity(M), b: new Array<Rational>(M).fill(Rational.int(-beta)) }],
    output: { W: Matrix.zeros(ds.Q, M), b: mean },
  };
}

describe('D2 candidates from the compact data', () => {
  for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q3-m5', 'clusters-q4', 'overlap-q2'])
    it(`${name}: the point-wise construction's networks, ms and decisions`, () => {
      const ds = loadExample(name);
      const moments = classMoments(ds);
      for (const J of properSubsets(ds.Q)) {
        const c = d2Candidate(ds, ds.Q, J, { moments });
        const ref = buildTruncationNetworkPointwise(ds, ds.Q, J);
        if (ref.kind !== 'built') {
          expect('reason' in c && c.reason).toBe(ref.reason);
          continue;
        }
        if ('reason' in c) throw new Error(`no candidate for ${J}: ${c.reason}`);
        expect(flattenParams(c.net).map(String)).toEqual(flattenParams(ref.construction.net).map(String));
        expect(c.ms.toString()).toBe(msPointwise(c.net, ds).toString());
        // Shared pattern data, a classification, or nothing: the reference's decisions.
        const all = JSON.stringify(decideAllParametersPointwise(c.net, ds, c.ms));
        const out = JSON.stringify(decideOutputLayerPointwise(c.net, ds));
        expect(JSON.stringify(decideAllParameters(c.net, ds, c.ms, 1, c.patterns))).toBe(all);
        expect(JSON.stringify(decideAllParameters(c.net, ds, c.ms))).toBe(all);
        expect(JSON.stringify(decideOutputLayer(c.net, ds, c.patterns))).toBe(out);
        expect(JSON.stringify(decideOutputLayer(c.net, ds))).toBe(out);
      }
    });

  it('checkD2 on lazily loaded data never materializes a point', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 200, 7), 'gen.csv');
    expect(ds.classes.every(lazy)).toBe(true);
    const { summary } = checkD2(ds, 3);
    expect(summary.candidates).toBe(7);
    expect(ds.classes.every(lazy)).toBe(true);
  });
});

describe('the decisions at a critical point the first-order test cannot close', () => {
  it(`more than MAX_HESSIAN_PARAMS parameters: the reference's inconclusive, without its probe`, () => {
    // M = 10, Q = 2, one hidden layer: 10·10 + 10 + 2·10 + 2 = 132 parameters.
    const pts = (j: number) => Array.from({ length: 3 }, (_, i) => Array.from({ length: 10 }, (_, k) => (k === j ? 2 + i : (i * k) % 3) / 4));
    const ds = makeData('dead-m10', [pts(0), pts(1)]);
    const net = deadNetwork(ds, 100);
    expect(flattenParams(net).length).toBeGreaterThan(MAX_HESSIAN_PARAMS);
    const ms = msExact(net, ds);
    const ref = decideAllParametersPointwise(net, ds, ms);
    expect(ref.status).toBe('inconclusive');
    expect(ref.reason).toMatch(/neither the first- nor the second-order test decides/);
    expect(JSON.stringify(decideAllParameters(net, ds, ms))).toBe(JSON.stringify(ref));
    // The output layer is at its optimum there (constant output = mean target, h = 0).
    expect(JSON.stringify(decideOutputLayer(net, ds))).toBe(JSON.stringify(decideOutputLayerPointwise(net, ds)));
  });

  it('few parameters, small N: the reference (with its second-order probe)', () => {
    const ds = makeData('dead-m2', [
      [[0, 0], [1, 0], [0, 1]],
      [[3, 3], [4, 3], [3, 5]],
    ]);
    const net = deadNetwork(ds, 100);
    expect(flattenParams(net).length).toBeLessThanOrEqual(MAX_HESSIAN_PARAMS);
    const ms = msExact(net, ds);
    expect(JSON.stringify(decideAllParameters(net, ds, ms))).toBe(JSON.stringify(decideAllParametersPointwise(net, ds, ms)));
  });

  it(`few parameters, N > MAX_POINTS_SECOND_ORDER: the probe by groups finds no direction (dead units: no negative curvature), no point materialized`, () => {
    const per = Math.floor(MAX_POINTS_SECOND_ORDER / 2) + 1;
    const ds = parseDataCsv(smallClusteredCsv(2, 2, per, 5), 'gen.csv');
    const net = deadNetwork(ds, 1000);
    const ms = msExact(net, ds);
    const d = decideAllParameters(net, ds, ms);
    expect(d.status).toBe('inconclusive');
    expect(ds.N).toBeGreaterThan(MAX_POINTS_SECOND_ORDER);
    expect(d.reason).toMatch(/neither the first- nor the second-order test decides/);
    expect(decideOutputLayer(net, ds).status).toBe('verified');
    expect(ds.classes.every(lazy)).toBe(true);
  });
});

describe('the output layer at a non-smooth point', () => {
  it('a pre-activation exactly 0: the reference (gradient with ReLU(0) = 0; no descent check), without the points', () => {
    const ds = makeData('zero-pre', [
      [[1, 0], [2, 1], [0, 3]],
      [[4, 4], [5, 2], [3, 6]],
    ]);
    // Unit 1 is exactly 0 at x = (1, 0): W = I, b = (−1, 0).
    const base = { hidden: [{ W: Matrix.identity(2), b: [r(-1), r(0)] }] };
    const nets: Network[] = [
      { ...base, output: { W: Matrix.fromRows([[r(1), r(0)], [r(0), r(1)]]), b: [r('1/3'), r(0)] } }, // gradient ≠ 0
      { ...base, output: { W: Matrix.zeros(2, 2), b: [r('1/2'), r('1/2')] } }, // h-part ≠ 0 too
    ];
    for (const net of nets) {
      const pd = patternData(net, ds);
      expect(pd.someZero).toBe(true);
      const ref = decideOutputLayerPointwise(net, ds);
      expect(JSON.stringify(decideOutputLayer(net, ds, pd))).toBe(JSON.stringify(ref));
      const ms = msExact(net, ds);
      expect(JSON.stringify(decideAllParameters(net, ds, ms, 1, pd))).toBe(JSON.stringify(decideAllParametersPointwise(net, ds, ms)));
    }
  });
});
