/**
 * The search arbitraries: each builds its structure in by construction
 * (checked exactly here), round-trips through the store's JSON codec, and
 * shrinks towards small, simple inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { decode, encode } from './codec.ts';
import { clusteredDataSetArb, type ClusterShape } from './arbitraries/clustered-dataset.ts';
import { epsilonArb } from './arbitraries/epsilon.ts';
import { networkWithDataArb } from './arbitraries/network-with-data.ts';
import { perturbationArb, perturbationsArb } from './arbitraries/perturbation.ts';
import { nonEmptyProperSubsetArb, properSubsetArb } from './arbitraries/subset.ts';
import { truncationInstanceArb } from './arbitraries/truncation-instance.ts';
import { sharedPoint } from './claims/d1-global-minimizers.ts';
import { projectorOf } from './claims/s1-upper-bound.ts';
import { isOrthogonal } from './claims/t4-projection.ts';
import { abs, min } from '../src/exact/rational-shorthands.ts';

const opts = { seed: 31337, numRuns: 60 };

function mean(points: readonly (readonly Rational[])[]): Rational[] {
  return points.reduce<Rational[]>((s, p) => vec.add(s, p), vec.zeros(points[0]!.length)).map((v) => v.div(Rational.int(points.length)));
}

describe('clusteredDataSetArb', () => {
  it('"separated": Q, M, class sizes within bounds; rank X̄ = Q; coordinate j separates class j from the others', () => {
    fc.assert(
      fc.property(clusteredDataSetArb({ minQ: 2, maxQ: 4, maxPerClass: 3 }), ({ ds, deviationUnit }) => {
        expect(ds.Q).toBeGreaterThanOrEqual(2);
        expect(ds.Q).toBeLessThanOrEqual(4);
        expect(ds.M - ds.Q).toBeGreaterThanOrEqual(0);
        expect(ds.M - ds.Q).toBeLessThanOrEqual(1);
        expect(ds.classes.every((c) => c.points.length >= 1 && c.points.length <= 3)).toBe(true);
        expect(projectorOf(ds).rank).toBe(ds.Q);
        for (let j = 0; j < ds.Q; j++) {
          const lo = ds.classes[j]!.points.reduce((m, p) => min(m, p[j]!), ds.classes[j]!.points[0]![j]!);
          for (const [k, c] of ds.classes.entries()) if (k !== j) for (const p of c.points) expect(p[j]!.lt(lo)).toBe(true);
        }
        expect(deviationUnit.sign()).toBeGreaterThan(0);
        expect(ds.source.sha256).toMatch(/^[0-9a-f]{64}$/);
      }),
      opts,
    );
  });

  const broken: [ClusterShape, (ds: import('../src/data/dataset.ts').DataSet) => boolean][] = [
    ['rank-deficient', (ds) => projectorOf(ds).rank < ds.Q && vec.eq(mean(ds.classes[ds.Q - 1]!.points), vec.scale(mean(ds.classes[0]!.points), Rational.int(2)))],
    ['shared-point', (ds) => sharedPoint(ds) !== undefined],
    ['hull-overlap', (ds) => ds.classes[1]!.points.some((p) => vec.eq(p, mean(ds.classes[0]!.points)))],
    ['q-exceeds-m', (ds) => ds.M === ds.Q - 1],
  ];
  for (const [shape, holds] of broken)
    it(`"${shape}" breaks its hypothesis by construction`, () => {
      fc.assert(fc.property(clusteredDataSetArb({ maxQ: 3, shapes: [shape] }), ({ ds, shape: s }) => s === shape && holds(ds)), opts);
    });

  it('shrinks to Q = 2, M = 2, the fewest points, every point at its centre, separation 1, no shift', () => {
    // Fails whenever class 1 has two points: the minimal failing input has classes of sizes 2 and 1.
    const r = fc.check(fc.property(clusteredDataSetArb({ maxQ: 4, maxPerClass: 3 }), ({ ds }) => ds.classes[0]!.points.length < 2), { seed: 5, numRuns: 200 });
    expect(r.failed).toBe(true);
    const { ds, separation } = r.counterexample![0];
    expect([ds.Q, ds.M, ds.N]).toEqual([2, 2, 3]);
    expect(separation.eq(Rational.ONE)).toBe(true);
    // Every coordinate is a centre coordinate (0 or 1): the deviations shrank to 0.
    expect(ds.classes.flatMap((c) => c.points.flat()).every((v) => v.isZero() || v.eq(Rational.ONE))).toBe(true);
  });
});

describe('subsets, perturbations, ε', () => {
  it('properSubsetArb: J ⊊ {0..Q−1}, sorted; nonEmptyProperSubsetArb: also J ≠ ∅', () => {
    const arb = fc.integer({ min: 2, max: 5 }).chain((Q) => fc.tuple(fc.constant(Q), properSubsetArb(Q), nonEmptyProperSubsetArb(Q)));
    fc.assert(
      fc.property(arb, ([Q, J, K]) => {
        for (const S of [J, K]) {
          expect(S.length).toBeLessThan(Q);
          expect(S.every((j) => j >= 0 && j < Q)).toBe(true);
          expect([...S].sort((a, b) => a - b)).toEqual(S);
          expect(new Set(S).size).toBe(S.length);
        }
        expect(K.length).toBeGreaterThan(0);
      }),
      opts,
    );
  });

  it('ε = 1/10^k with 1 ≤ k ≤ 6; a perturbation of size ε has every entry in [−ε, ε]', () => {
    fc.assert(
      fc.property(epsilonArb().chain((eps) => fc.tuple(fc.constant(eps), perturbationArb(7, eps))), ([eps, d]) => {
        expect([1, 2, 3, 4, 5, 6].some((k) => eps.eq(Rational.of(1n, 10n ** BigInt(k))))).toBe(true);
        expect(d).toHaveLength(7);
        expect(d.every((v) => abs(v).le(eps))).toBe(true);
      }),
      opts,
    );
    fc.assert(fc.property(perturbationsArb(5), (ps) => ps.every(({ eps, delta }) => delta.every((v) => abs(v).le(eps)))), opts);
  });
});

describe('matrices and networks by structure', () => {
  it('truncation instances: orthogonal, invertible and full row rank as requested', () => {
    fc.assert(fc.property(truncationInstanceArb({ kind: 'orthogonal', maxDim: 3 }), ({ W }) => isOrthogonal(W)), opts);
    fc.assert(fc.property(truncationInstanceArb({ kind: 'invertible', maxDim: 3 }), ({ W }) => W.isSquare() && !W.det().isZero()), opts);
    fc.assert(
      fc.property(truncationInstanceArb({ kind: 'full-row-rank', maxDim: 3 }), ({ W, b, x, s }) => W.rank() === W.rows && W.rows <= W.cols && b.length === W.rows && x.length === W.cols && s.every((v) => v.sign() >= 0)),
      opts,
    );
  });

  it('networks with data: orthogonal hidden layers when asked; data of the network\'s input dimension', () => {
    fc.assert(
      fc.property(networkWithDataArb({ hidden: 'orthogonal' }), ({ net, ds }) => net.hidden.every((l) => isOrthogonal(l.W)) && ds.M === net.output.W.cols && ds.Q === net.output.W.rows),
      opts,
    );
  });
});

describe('the store codec', () => {
  it('decode(encode(v)) rebuilds exact values (rationals, matrices, nested records)', () => {
    const arb = fc.record({ data: clusteredDataSetArb({ shapes: ['separated', 'shared-point'] }), inst: truncationInstanceArb({ kind: 'invertible' }), J: properSubsetArb(3) });
    fc.assert(
      fc.property(arb, (v) => {
        const back = decode(JSON.parse(JSON.stringify(encode(v)))) as typeof v;
        expect(back.inst.W).toBeInstanceOf(Matrix);
        expect(back.inst.W.eq(v.inst.W)).toBe(true);
        expect(back.data.ds.classes.every((c, j) => c.points.every((p, i) => vec.eq(p, v.data.ds.classes[j]!.points[i]!)))).toBe(true);
        expect(back.data.separation.eq(v.data.separation)).toBe(true);
        expect(back.J).toEqual(v.J);
        expect(JSON.stringify(encode(back))).toBe(JSON.stringify(encode(v)));
      }),
      opts,
    );
  });
});
