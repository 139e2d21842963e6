/**
 * The exact ms through certified float pattern classification and group moments (msExact)
 * equals the per-point sum (test/oracles/pointwise-cost.ts) — on random networks (where exact
 * zeros and uncertain signs are common), on the claim networks of the examples, and on a
 * larger generated set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { loadExample } from '../src/data/examples.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { msExact } from '../src/network/cost.ts';
import { msPointwise } from './oracles/pointwise-cost.ts';
import { hiddenTrace } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';
import { COMPILE_FROM, classifyPatterns } from '../src/network/pattern-groups.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { s1Network } from '../src/claims/s1-upper-bound.ts';
import { s3Network } from '../src/claims/s3-affine-minimum.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';
import { smallClusteredCsv } from '../bench/generate.ts';

/** The exact pattern at x: 1 where a hidden pre-activation is > 0 (0 counts as inactive), layer by layer. */
function signPattern(net: Network, x: readonly Rational[]): string {
  return hiddenTrace(net, x).preActivations.map((z) => z.map((v) => (v.sign() > 0 ? '1' : '0')).join('')).join('');
}

describe('msExact (pattern groups) = the per-point oracle', () => {
  it('on random networks and data (small rationals: many exact zeros and near-ties)', () => {
    const arb = fc
      .record({ L: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 2, max: 4 }), q: fc.integer({ min: 2, max: 4 }) })
      .chain(({ L, M, q }) => {
        const Q = Math.min(q, M);
        return fc.record({ net: networkArb({ L, M, Q }, { maxNum: 4, maxDen: 3 }), ds: dataSetArb(M, Q, 4, { maxNum: 4, maxDen: 3 }) });
      });
    fc.assert(
      fc.property(arb, ({ net, ds }) => {
        expect(msExact(net, ds).toString()).toBe(msPointwise(net, ds).toString());
        expect(classifyPatterns(net, ds, 'compiled')).toEqual(classifyPatterns(net, ds, 'loop'));
      }),
      { numRuns: 150 },
    );
  });

  it('with more than 52 pattern bits (several key chunks): groups = the per-point patterns', () => {
    const arb = fc.record({ L: fc.integer({ min: 4, max: 5 }) }).chain(({ L }) =>
      fc.record({ net: networkArb({ L, M: 14, Q: 2 }, { maxNum: 3, maxDen: 2 }), ds: dataSetArb(14, 2, 3, { maxNum: 4, maxDen: 3 }) }),
    );
    fc.assert(
      fc.property(arb, ({ net, ds }) => {
        const cls = classifyPatterns(net, ds);
        // The compiled and the loop form of the certified pass classify identically.
        expect(classifyPatterns(net, ds, 'compiled')).toEqual(classifyPatterns(net, ds, 'loop'));
        ds.classes.forEach((c, j) =>
          c.points.forEach((x, i) => {
            const g = cls.groups.find((gr) => Array.from(gr.rows[j]!.subarray(0, gr.counts[j])).includes(i))!;
            expect(Array.from(g.mask).join('')).toBe(signPattern(net, x));
          }),
        );
        expect(msExact(net, ds).toString()).toBe(msPointwise(net, ds).toString());
      }),
      { numRuns: 25, seed: 12 },
    );
  });

  for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q3-m5', 'clusters-q4', 'iris'])
    it(`on the S1, S3 and D1 networks of example ${name}`, () => {
      const ds = loadExample(name);
      const sq = shallowQuantities(ds);
      const nets = [s3Network(ds, sq, 'free'), s3Network(ds, sq, 'tied')];
      const s1 = s1Network(ds, sq);
      if (s1) nets.push(s1.net);
      const d1 = buildD1(ds, ds.Q);
      if (d1.kind === 'built') nets.push(d1.construction.net);
      for (const net of nets) expect(msExact(net, ds).toString()).toBe(msPointwise(net, ds).toString());
    });

  it('on a generated clustered set (600 points): D1 network, almost every point certified in float', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 200, 7), 'gen.csv');
    const d1 = buildD1(ds, 3);
    expect(d1.kind).toBe('built');
    if (d1.kind !== 'built') return;
    const net = d1.construction.net;
    const cls = classifyPatterns(net, ds);
    expect(cls.exactPoints).toBe(0);
    expect(classifyPatterns(net, ds, 'compiled')).toEqual(cls);
    expect(msExact(net, ds, cls).toString()).toBe(msPointwise(net, ds).toString());
    expect(msExact(net, ds).isZero()).toBe(true);
    // A perturbed output layer: ms > 0, still equal.
    const out = { W: net.output.W, b: net.output.b.map((v, i) => (i === 0 ? v.add(Rational.of(1n, 7n)) : v)) };
    const perturbed = { hidden: net.hidden, output: out };
    expect(msExact(perturbed, ds).toString()).toBe(msPointwise(perturbed, ds).toString());
  });

  it(`on a generated set of COMPILE_FROM (${COMPILE_FROM}) points or more: the compiled pass by default`, () => {
    const ds = parseDataCsv(smallClusteredCsv(2, 2, COMPILE_FROM / 2, 3), 'gen.csv');
    expect(ds.N).toBeGreaterThanOrEqual(COMPILE_FROM);
    const d1 = buildD1(ds, 2);
    if (d1.kind !== 'built') throw new Error(`no D1: ${d1.reason}`);
    const net = d1.construction.net;
    const moved = { hidden: [{ W: net.hidden[0]!.W, b: net.hidden[0]!.b.map((v) => v.add(Rational.of(1n, 5n))) }, ...net.hidden.slice(1)], output: net.output };
    for (const n of [net, moved]) expect(msExact(n, ds).toString()).toBe(msPointwise(n, ds).toString());
  });
});
