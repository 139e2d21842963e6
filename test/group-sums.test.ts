/**
 * Issue #8: the exact group machinery the engine and the checker share — sums of
 * affine maps from integer moments, the pattern jets, curation and the
 * representation by groups — equals the per-point definitions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { OuterSum, sumAffine, sumDot, sumOuter, sumSquares, type Affine, type PointMoments } from '../src/exact/affine-sums.ts';
import { compactClassFromPoints, integerMoments } from '../src/data/compact.ts';
import { loadExample } from '../src/data/examples.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { curationOnGroups, groupedMoments, patternJets, patternMaps } from '../src/network/pattern-groups.ts';
import { forwardExact } from '../src/network/forward.ts';
import { curation } from '../src/network/representation.ts';
import { unflattenParams, networkShape, flattenParams } from '../src/network/params.ts';
import { curationSpreads } from '../src/claims/d3-curation.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { costSeries } from '../src/network/cost-series.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';
import { smallClusteredCsv } from '../bench/generate.ts';

const rat = fc.record({ n: fc.integer({ min: -9, max: 9 }), d: fc.integer({ min: 1, max: 5 }) }).map(({ n, d }) => Rational.of(BigInt(n), BigInt(d)));
const affineArb = (rows: number, M: number) => fc.record({ A: fc.array(rat, { minLength: rows * M, maxLength: rows * M }), c: fc.array(rat, { minLength: rows, maxLength: rows }) }).map(({ A, c }) => ({ A: new Matrix(rows, M, A), c }) as Affine);

describe('sums of affine maps from moments = sums over the points', () => {
  it('sumOuter, sumDot, sumSquares, sumAffine on random points and maps', () => {
    const arb = fc.integer({ min: 1, max: 3 }).chain((M) =>
      fc.record({
        M: fc.constant(M),
        points: fc.array(fc.array(rat, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 6 }),
        u: affineArb(2, M),
        v: affineArb(3, M),
      }),
    );
    fc.assert(
      fc.property(arb, ({ M, points, u, v }) => {
        const c = compactClassFromPoints(points, M);
        const m: PointMoments = { ...integerMoments(c, M), den: c.den };
        const at = (f: Affine, x: Rational[]) => vec.add(f.A.mulVec(x), f.c);
        let outer = Matrix.zeros(2, 3);
        let sq = Rational.ZERO;
        let sum = vec.zeros(2);
        for (const x of points) {
          outer = outer.add(Matrix.outer(at(u, x), at(v, x)));
          sq = sq.add(vec.norm2(at(u, x)));
          sum = vec.add(sum, at(u, x));
        }
        expect(sumOuter(u, v, m).toStrings()).toEqual(outer.toStrings());
        expect(sumSquares(u, m).toString()).toBe(sq.toString());
        expect(sumDot(u, u, m).toString()).toBe(sq.toString());
        expect(sumAffine(u, m).map(String)).toEqual(sum.map(String));
        // The running sum over two point sets (different denominators) = the sum of the parts.
        const half = points.map((x) => x.map((v) => v.div(Rational.int(2))));
        const c2 = compactClassFromPoints(half, M);
        const m2: PointMoments = { ...integerMoments(c2, M), den: c2.den };
        const acc = new OuterSum(2, 3).add(u, v, m).add(u, v, m2);
        expect(acc.matrix().toStrings()).toEqual(sumOuter(u, v, m).add(sumOuter(u, v, m2)).toStrings());
        expect(acc.isZero()).toBe(acc.matrix().isZero());
      }),
      { numRuns: 200, seed: 8 },
    );
  });
});

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
        let c1 = Rational.ZERO;
        let c2 = Rational.ZERO;
        for (const g of grouped.groups) {
          const maps = patternMaps(net, g.mask);
          const [a0, a1, a2] = patternJets(net, dir, g.mask);
          expect(a0.A.toStrings()).toEqual(maps.output.A.toStrings());
          for (const p of g.parts) {
            const r0 = { A: a0.A, c: vec.sub(a0.c, ds.targets[p.cls]!) };
            out = out.add(sumSquares(r0, p.moments));
            c1 = c1.add(sumDot(r0, a1, p.moments).mul(Rational.int(2)));
            c2 = c2.add(sumSquares(a1, p.moments)).add(sumDot(r0, a2, p.moments).mul(Rational.int(2)));
          }
        }
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
        const g = curationOnGroups(net, ds);
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
        const g = curationOnGroups(n, ds)!;
        expect(g.spreads.map((r) => r.map(String))).toEqual(curationSpreads(n, ds).map((r) => r.map(String)));
        expect(g.representationHolds).toBe(true);
      }
      expect(curationOnGroups(net, ds)!.truncatedAt).toEqual(d1.construction.truncatedAt);
    }
  });

  it('on a generated clustered set (600 points), the D1 network: spreads equal the per-point ones', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 200, 7), 'gen.csv');
    const d1 = buildD1(ds, 3);
    if (d1.kind !== 'built') throw new Error('D1 not built');
    const g = curationOnGroups(d1.construction.net, ds)!;
    expect(g.spreads.map((r) => r.map(String))).toEqual(curationSpreads(d1.construction.net, ds).map((r) => r.map(String)));
    expect(g.truncatedAt).toEqual(d1.construction.truncatedAt);
  });
});
