/**
 * The second-order probe from the pattern groups' moments. Its exact coefficients (the checker's
 * costCoefficients) are the point-wise power series' (costSeries) for any direction; at a saddle it refutes as
 * the point-wise probe does below MAX_POINTS_SECOND_ORDER, and now decides above it.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import type { Network } from '../src/network/network.ts';
import { msExact } from '../src/network/cost.ts';
import { groupedMoments } from '../src/network/pattern-groups.ts';
import { flattenParams, layerShape, unflattenParams } from '../src/network/params.ts';
import { costSeries } from '../src/network/cost-series.ts';
import { MAX_POINTS_SECOND_ORDER, decideAllParameters } from '../src/claims/local-minimality.ts';
import { decideAllParametersPointwise } from './oracles/local-minimality-pointwise.ts';
import { d2Candidate } from '../src/claims/d2-local-minima.ts';
import { negativeCurvature, negativeCurvatureByGroups } from '../src/claims/second-order.ts';
import { costCoefficients } from '../src/certificates/groups.ts';
import { checkerGroups } from '../src/network/checker-groups.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import { prng, randInt } from '../src/util/prng.ts';

const r = (v: string | number) => Rational.parse(v);

/**
 * Two classes with the same first coordinates (±2) and opposite second ones (±1), each point
 * repeated `copies` times. Hidden units relu(±x₁) (strict on the data), output constant at the
 * mean target: every derivative vanishes (the hidden features are uncorrelated with the class),
 * but a hidden unit that picks up x₂ together with an output weight lowers the cost: a saddle.
 */
function saddle(copies: number): { ds: DataSet; net: Network } {
  const rows = ['x1,x2,label'];
  for (let k = 0; k < copies; k++) rows.push('2,1,a', '-2,1,a', '2,-1,b', '-2,-1,b');
  const ds = parseDataCsv(rows.join('\n') + '\n', 'saddle.csv');
  const mean = ds.targets[0]!.map((_, i) => ds.targets[0]![i]!.add(ds.targets[1]![i]!).div(Rational.int(2)));
  const net: Network = {
    hidden: [{ W: Matrix.fromRows([[r(1), r(0)], [r(-1), r(0)]]), b: [r(0), r(0)] }],
    output: { W: Matrix.zeros(2, 2), b: mean },
  };
  return { ds, net };
}

function pointSeries(net: Network, dir: Network, ds: DataSet): [string, string] {
  const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
  const s = costSeries(net, dir, samples);
  if (!s) throw new Error('not smooth');
  return [s[1].toString(), s[2].toString()];
}

describe('the second-order probe by pattern groups', () => {
  it('exact coefficients equal the point-wise power series (D2 candidates, random directions)', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 40, 11), 'gen-11.csv');
    const rand = prng(16);
    for (const J of [[], [0], [1, 2]]) {
      const c = d2Candidate(ds, 3, J);
      if ('reason' in c) throw new Error(c.reason);
      const shape = layerShape(c.net);
      for (let t = 0; t < 3; t++) {
        const dir = unflattenParams(flattenParams(c.net).map(() => Rational.of(BigInt(randInt(rand, -3, 3)), 2n)), shape);
        const [c1, c2] = costCoefficients(c.net, dir, ds.targets, checkerGroups(c.net, ds), 2);
        expect([c1.toString(), c2.toString()]).toEqual(pointSeries(c.net, dir, ds));
      }
    }
  });

  it('at a saddle below MAX_POINTS_SECOND_ORDER: refutes as the point-wise probe does, with exact evidence', () => {
    const { ds, net } = saddle(2);
    const ms = msExact(net, ds);
    const ref = decideAllParametersPointwise(net, ds, ms);
    expect(JSON.stringify(decideAllParameters(net, ds, ms))).toBe(JSON.stringify(ref));
    expect(ref.status).toBe('refuted');
    const pointWise = negativeCurvature(net, ds)!;
    const byGroups = negativeCurvatureByGroups(net, ds, groupedMoments(net, ds))!;
    expect(pointWise.order).toBe(2);
    expect(byGroups.order).toBe(2);
    const shape = layerShape(net);
    // Each probe's direction has the same exact coefficients both ways.
    for (const ev of [pointWise, byGroups]) {
      const dir = unflattenParams(ev.direction.map(r), shape);
      const [c1, c2] = costCoefficients(net, dir, ds.targets, checkerGroups(net, ds), 2);
      expect([c1.toString(), c2.toString()]).toEqual(pointSeries(net, dir, ds));
      expect(c1.isZero()).toBe(true);
      expect(c2.toString()).toBe(ev.coefficient);
      expect(c2.sign()).toBe(-1);
    }
  });

  it('at a saddle above MAX_POINTS_SECOND_ORDER: decides (refuted by negative curvature, confirmed point by point)', () => {
    const { ds, net } = saddle(Math.floor(MAX_POINTS_SECOND_ORDER / 4) + 1);
    expect(ds.N).toBeGreaterThan(MAX_POINTS_SECOND_ORDER);
    const ms = msExact(net, ds);
    const d = decideAllParameters(net, ds, ms);
    expect(d.status).toBe('refuted');
    if (d.status !== 'refuted' || d.evidence.kind !== 'descent') throw new Error('expected a descent refutation');
    expect(d.evidence.order).toBe(2);
    expect(d.reason).toBe('a critical point with an exact direction of negative curvature: a saddle');
    const [c1, c2] = pointSeries(net, unflattenParams(d.evidence.direction.map(r), layerShape(net)), ds);
    expect(c1).toBe('0');
    expect(c2).toBe(d.evidence.coefficient);
  });
});
