/**
 * The exact group machinery verify and the checker share (the engine's pattern groups and
 * output maps; the checker's cost coefficients, curation and representation by groups)
 * equals the per-point definitions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { affineOf, momentsOf, sumDotTerms } from '../src/certificates/affine.ts';
import { loadExample } from '../src/data/examples.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { groupedMoments, patternMaps } from '../src/network/pattern-groups.ts';
import { checkerGroups, curationByGroups } from '../src/network/checker-groups.ts';
import { costCoefficients } from '../src/certificates/groups.ts';
import { forwardExact } from '../src/network/forward.ts';
import { curation } from '../src/network/representation.ts';
import { unflattenParams, networkShape, flattenParams } from '../src/network/params.ts';
import { curationSpreads } from '../src/claims/d3-curation.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { costSeries } from '../src/network/cost-series.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';
import { smallClusteredCsv } from '../bench/generate.ts';

describe('pattern groups = per-point definitions', () => {
  const arb = fc
    .record({ L: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 2, max: 3 }), q: fc.integer({ min: 2, max: 3 }) })
    .chain(({ L, M, q }) => {
      const Q = Math.min(q, M);
      return fc.record({ net: networkArb({ L, M, Q }, { maxNum: 4, maxDen: 3 }), dir: networkArb({ L, M, Q }, { maxNum: 3, maxDen: 2 }), ds: dataSetArb(M, Q, 4, { maxNum: 4, maxDen: 3 }) });
    });

  it('the output maps and the Taylor coefficients of the cost along a direction (strict patterns)', () => {
    fc.assert(
      fc.property(arb, ({ net, dir, ds }) => {
        const grouped = groupedMoments(net, ds);
        let out = Rational.ZERO;
        for (const g of grouped.groups) {
          const maps = patternMaps(net, g.mask);
          // Σ |f(x) − y|² over the group from the engine's output map and moments (the sum: the checker's affine.ts).
          const f = affineOf(maps.output.A, maps.output.c);
          for (const p of g.parts) out = out.add(sumDotTerms([[f, f, [[ds.targets[p.cls]!, ds.targets[p.cls]!, momentsOf(p.moments, p.moments.den)]]]]));
        }
        // The coefficients along d as verify and the checker compute them (the checker's groups and costCoefficients).
        const [c1, c2] = costCoefficients(net, dir, ds.targets, checkerGroups(net, ds), 2);
        const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
        const direct = samples.reduce((s, p) => s.add(vec.norm2(vec.sub(forwardExact(net, p.x), p.y))), Rational.ZERO);
        expect(out.toString()).toBe(direct.toString());
        const series = costSeries(net, dir, samples);
        expect(series === null).toBe(grouped.someZero);
        if (series) expect([c1.toString(), c2.toString()]).toEqual([series[1].toString(), series[2].toString()]);
      }),
      { numRuns: 150, seed: 9 },
    );
  });

  it('curation spreads, truncation layers and the representation, on random invertible networks', () => {
    fc.assert(
      fc.property(arb, ({ net, ds }) => {
        fc.pre(net.hidden.every((l) => !l.W.det().isZero()));
        const g = curationByGroups(net, ds);
        expect(g).toBeDefined();
        expect(g!.spreads.map((r) => r.map(String))).toEqual(curationSpreads(net, ds).map((r) => r.map(String)));
        const c = curation(net);
        const holds = ds.classes.every((cls) => cls.points.every((x) => vec.eq(c.forward(x), forwardExact(net, x))));
        expect(g!.representationHolds).toBe(holds);
      }),
      { numRuns: 120, seed: 10 },
    );
  });

  it('a perturbed network on the examples: representation still holds (it is an identity), spreads match', () => {
    for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q4']) {
      const ds = loadExample(name);
      const d1 = buildD1(ds, ds.Q);
      if (d1.kind !== 'built') throw new Error(name);
      const net = d1.construction.net;
      const shape = networkShape(net);
      const p = flattenParams(net).map((v, k) => (k % 7 === 3 ? v.add(Rational.of(1n, 5n)) : v));
      for (const n of [net, unflattenParams(p, shape)]) {
        const g = curationByGroups(n, ds)!;
        expect(g.spreads.map((r) => r.map(String))).toEqual(curationSpreads(n, ds).map((r) => r.map(String)));
        expect(g.representationHolds).toBe(true);
      }
      expect(curationByGroups(net, ds)!.truncatedAt).toEqual(d1.construction.truncatedAt);
    }
  });

  it('on a generated clustered set (600 points), the D1 network: spreads equal the per-point ones', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 200, 7), 'gen.csv');
    const d1 = buildD1(ds, 3);
    if (d1.kind !== 'built') throw new Error('D1 not built');
    const g = curationByGroups(d1.construction.net, ds)!;
    expect(g.spreads.map((r) => r.map(String))).toEqual(curationSpreads(d1.construction.net, ds).map((r) => r.map(String)));
    expect(g.truncatedAt).toEqual(d1.construction.truncatedAt);
  });
});
