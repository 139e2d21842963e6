/**
 * The adversary against claimed local minima: it must find exact descent at
 * points that are not local minima — first order, second order (a saddle
 * with zero gradient) and at non-smooth points — and nothing at a true local
 * minimum; its evidence must be re-checked exactly and tampering rejected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import { loadExample } from '../src/data/examples.ts';
import type { Network } from '../src/network/network.ts';
import { flattenParams, networkShape, unflattenParams } from '../src/network/params.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { s3Network } from '../src/claims/s3-affine-minimum.ts';
import { costSeries } from '../src/network/cost-series.ts';
import { hasStrictPatterns } from '../src/claims/local-minimality.ts';
import { attackLocalMinimum } from './adversary/attack.ts';
import { confirmDescent, exactDescent } from './adversary/descent.ts';
import { FloatCost } from './adversary/float-cost.ts';
import { rayCostPolynomial } from './adversary/ray-polynomial.ts';
import { makeDataSet } from './arbitraries/clustered-dataset.ts';
import { networkWithDataArb } from './arbitraries/network-with-data.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const m = (rows: (number | string)[][]) => Matrix.fromRows(rows);
const v = (...xs: (number | string)[]) => xs.map((x) => q(x));

/** One class (Q = 1), M = 1, target 1 for every point. */
const line = makeDataSet('line', [{ label: 'a', points: [v(0), v(1), v(2)] }], [v(1)]);

describe('attackLocalMinimum', () => {
  it('a smooth saddle (zero gradient, indefinite Hessian) is refuted at second order', () => {
    // f(x) = w2·σ(w1·x + b1) + b2 at w1 = w2 = 0, b1 = 1, b2 = mean(y): a critical point;
    // targets correlated with x make the w1–w2 cross term of the Hessian nonzero.
    const ds = makeDataSet('saddle', [{ label: 'a', points: [v(0), v(1), v(2)] }, { label: 'b', points: [v(3), v(4)] }]);
    // Targets e_1, e_2; output biases at the mean target (3/5, 2/5) over the 5 points.
    const at: Network = { hidden: [{ W: m([[0]]), b: v(1) }], output: { W: m([[0], [0]]), b: v('3/5', '2/5') } };
    const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
    const shape = networkShape(at);
    const K = flattenParams(at).length;
    for (let i = 0; i < K; i++) expect(costSeries(at, unflattenParams(flattenParams(at).map((_, k) => (k === i ? Rational.ONE : Rational.ZERO)), shape), samples)![1].isZero()).toBe(true);
    const r = attackLocalMinimum(at, ds, { seed: 1 });
    expect(r.witness).toBeDefined();
    expect(r.witness!.order).toBe(2);
    expect(confirmDescent(at, ds, r.witness!)).toBe(true);
  });

  it('a non-smooth point (a pre-activation exactly 0 on the data) is refuted by a one-sided ray', () => {
    // σ(x − 1) is 0 at x = 1 exactly; the output bias is too low for every point.
    const net: Network = { hidden: [{ W: m([[1]]), b: v(-1) }], output: { W: m([[1]]), b: v(0) } };
    const r = attackLocalMinimum(net, line, { seed: 1 });
    expect(r.witness).toBeDefined();
    expect(r.witness!.smooth).toBe(false);
    expect(r.witness!.costSeries).toBeUndefined();
    expect(confirmDescent(net, line, r.witness!)).toBe(true);
  });

  it('the S3 free-bias network (a true local minimum) survives: no witness, no float hint', () => {
    const ds = loadExample('clusters-q2');
    const net = s3Network(ds, shallowQuantities(ds), 'free');
    const r = attackLocalMinimum(net, ds, { seed: 3, perturbations: [{ eps: q('1/1000'), delta: flattenParams(net).map((_, i) => q(i % 3 === 0 ? '1/1000' : '-1/4000')) }] });
    expect(r.witness).toBeUndefined();
    expect(r.floatHintsNotConfirmed).toBe(0);
  });

  it('over the output layer only, a point whose output layer is optimal survives even though it is not a local minimum overall', () => {
    const ds = loadExample('clusters-q2');
    const tied = s3Network(ds, shallowQuantities(ds), 'tied');
    expect(attackLocalMinimum(tied, ds, { seed: 1 }).witness).toBeDefined();
    // The free network's output layer solves its least squares: nothing to gain there.
    const free = s3Network(ds, shallowQuantities(ds), 'free');
    expect(attackLocalMinimum(free, ds, { seed: 1, restrict: 'output' }).witness).toBeUndefined();
  });
});

describe('descent evidence', () => {
  it('is rejected when tampered with (wrong point value, non-decreasing t, flipped direction)', () => {
    const ds = loadExample('clusters-q2');
    const net = s3Network(ds, shallowQuantities(ds), 'tied');
    const w = attackLocalMinimum(net, ds, { seed: 1 }).witness!;
    expect(confirmDescent(net, ds, w)).toBe(true);
    expect(confirmDescent(net, ds, { ...w, points: w.points.map((p, i) => (i === 1 ? { ...p, sumSq: w.baseSumSq } : p)) })).toBe(false);
    expect(confirmDescent(net, ds, { ...w, points: [...w.points].reverse() })).toBe(false);
    expect(confirmDescent(net, ds, { ...w, direction: w.direction.map((s) => Rational.parse(s).neg().toString()) })).toBe(false);
    expect(exactDescent(net, ds, w.direction.map((s) => Rational.parse(s).neg()), 'flipped')).toBeUndefined();
  });
});

describe('ray polynomials and the float cost', () => {
  const arb = networkWithDataArb({ maxL: 2, maxM: 3 }).chain(({ net, ds }) =>
    fc.record({ net: fc.constant(net), ds: fc.constant(ds), dir: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: flattenParams(net).length, maxLength: flattenParams(net).length }) }),
  );

  it('at smooth points the ray polynomial starts with the kernel Taylor coefficients c0, c1, c2', () => {
    fc.assert(
      fc.property(arb, ({ net, ds, dir }) => {
        const d = unflattenParams(dir.map((k) => Rational.int(k)), networkShape(net));
        const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
        const series = costSeries(net, d, samples);
        if (!series) return;
        const poly = rayCostPolynomial(net, d, ds);
        for (let k = 0; k < 3; k++) expect((poly[k] ?? Rational.ZERO).eq(series[k]!)).toBe(true);
      }),
      { seed: 99, numRuns: 60 },
    );
  });

  it('the analytic float gradient matches central differences', () => {
    fc.assert(
      fc.property(arb, ({ net, ds }) => {
        if (!hasStrictPatterns(net, ds)) return; // at a kink the float gradient is one of several one-sided ones
        const f = new FloatCost(networkShape(net), ds);
        const p = Float64Array.from(flattenParams(net), (x) => toNumber(x));
        const { value, grad } = f.valueAndGradient(p);
        expect(Number.isFinite(value)).toBe(true);
        const h = 1e-6;
        for (let i = 0; i < p.length; i++) {
          const a = p.slice();
          const b = p.slice();
          a[i]! += h;
          b[i]! -= h;
          const fd = (f.value(a) - f.value(b)) / (2 * h);
          // Central differences of a polynomial: rounding of f (∝ |f|/h) dominates the error.
          expect(Math.abs(fd - grad[i]!)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(fd)) + 1e-8 * Math.abs(value));
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});
