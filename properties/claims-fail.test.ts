/**
 * Properties expected to FAIL: the search must find a counterexample (fixed
 * seed), the runner must have confirmed it exactly, and the property's own
 * confirmation must accept it again after a JSON round trip of the input (as
 * the store replays it). Crafted inputs where the claim is known to fail must
 * give an exactly confirmed counterexample too. Messages carry seed and path.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import { loadExample } from '../src/data/examples.ts';
import type { DataSet } from '../src/data/dataset.ts';
import type { ClusteredData } from './arbitraries/clustered-dataset.ts';
import { makeDataSet } from './arbitraries/clustered-dataset.ts';
import { describeOutcome, property, search } from './search-helpers.ts';

const FAILING: [id: string, runs: number][] = [
  ['T4-general', 100],
  ['T5-general', 100],
  ['S3-tied', 30],
  ['D1-any', 60],
  ['D2-all', 60],
  ['D3-general', 100],
];

describe('claims expected to fail: the search finds an exactly confirmed counterexample (fixed seeds)', () => {
  for (const [id, runs] of FAILING)
    it(`${id}: ${property(id).title}`, () => {
      const p = property(id);
      expect(p.expect).toBe('fails');
      const r = search(id, 20240601, runs);
      expect(r.outcome, describeOutcome(r)).toBe('found');
      const f = r.found!;
      expect(f.origin).toBe('search');
      expect(f.counterexample.engineBug ?? false, describeOutcome(r)).toBe(false);
      // Confirmed again from the stored (JSON) form of the shrunk input.
      const input = p.decode(JSON.parse(JSON.stringify(f.input)));
      const again = p.check(input);
      expect(again, describeOutcome(r)).toBeDefined();
      expect(p.confirm(input, again!), describeOutcome(r)).toBe(true);
      expect(again!.summary).toBe(f.counterexample.summary);
    });
});

const vecQ = (...xs: (string | number)[]) => xs.map((x) => q(x));
const clustered = (ds: DataSet): ClusteredData => ({ ds, shape: 'separated', separation: Rational.ONE, deviationUnit: Rational.ONE });

/** The property's check finds a counterexample on `input`, and its exact confirmation accepts it. */
function expectConfirmed(id: string, input: unknown): Record<string, unknown> {
  const p = property(id);
  const cx = p.check(input);
  expect(cx, `${id}: no counterexample on the crafted input`).toBeDefined();
  expect(p.confirm(input, cx!), `${id}: ${cx!.summary}`).toBe(true);
  expect(cx!.engineBug ?? false).toBe(false);
  return cx!.evidence as Record<string, unknown>;
}

describe('claims expected to fail: crafted inputs', () => {
  it('T4-general: W = [[1,1],[0,1]], b = 0, x = (−1, 1/2): z = (−3/4, 3/4) ∈ K⁺ is nearer than τ(x) = (−1/2, 1/2)', () => {
    const x = vecQ(-1, '1/2');
    const ev = expectConfirmed('T4-general', { W: Matrix.fromRows([[1, 1], [0, 1]]), b: vecQ(0, 0), x, y: x, s: vecQ(0, 0) });
    expect(ev.kind).toBe('nearer-point');
    expect(ev.tau).toEqual(['-1/2', '1/2']);
    expect(ev.dist2Z).toBe('1/8');
    expect(ev.dist2Tau).toBe('1/4');
  });

  it('T4 (orthogonal) gives nothing on the same x with W = I', () => {
    const x = vecQ(-1, '1/2');
    expect(property('T4').check({ W: Matrix.identity(2), b: vecQ(0, 0), x, y: vecQ(3, -2), s: vecQ(0, 0) })).toBeUndefined();
  });

  it('T5-general: A = [[1,−1],[0,1]] changes τ_{I,0} at x = (0, −1)', () => {
    const ev = expectConfirmed('T5-general', { inst: { W: Matrix.identity(2), b: vecQ(0, 0), x: vecQ(0, -1), y: vecQ(0, -1), s: vecQ(0, 0) }, A: Matrix.fromRows([[1, -1], [0, 1]]) });
    expect(ev.lhs).toEqual(['1', '0']);
    expect(ev.rhs).toEqual(['0', '0']);
  });

  it('S3-tied on the built-in clusters-q2: an exact first-order descent (the free reading is not refuted)', () => {
    const input = { data: clustered(loadExample('clusters-q2')), perturbations: [], attackSeed: 1 };
    const ev = expectConfirmed('S3-tied', input);
    expect((ev.descent as { order: number }).order).toBe(1);
    expect(property('S3').check(input)).toBeUndefined();
  });

  it('D2-all on the built-in clusters-q2, J = {1}: the candidate is not a local minimum over all parameters', () => {
    const ev = expectConfirmed('D2-all', { data: clustered(loadExample('clusters-q2')), J: [0], extraLayers: 0, perturbations: [], attackSeed: 1 });
    expect(ev.J).toEqual([1]);
    expect(ev.engineVerdict).toBe('refuted');
  });

  it('D1-any: a point shared by two classes forces ms ≥ |y_1 − y_2|²/(2N) = 1/4 for every network', () => {
    const ds = makeDataSet('shared', [
      { label: 'a', points: [vecQ(0, 0), vecQ(1, 0)] },
      { label: 'b', points: [vecQ(1, 0), vecQ(0, 1)] },
    ]);
    const ev = expectConfirmed('D1-any', { data: clustered(ds), extraLayers: 0 });
    expect(ev.lowerBoundMs).toBe('1/4');
    expect(ev.engineOutcome).toBe('hypothesis-fails');
  });

  it('D3-general: W = [[1,0],[−1,1]], b = (0,1) doubles the spread of {(0,0), (−1,1)}', () => {
    const net = { hidden: [{ W: Matrix.fromRows([[1, 0], [-1, 1]]), b: vecQ(0, 1) }], output: { W: Matrix.zeros(2, 2), b: vecQ(0, 0) } };
    const ds = makeDataSet('spread', [
      { label: 'a', points: [vecQ(0, 0), vecQ(-1, 1)] },
      { label: 'b', points: [vecQ(0, 0)] },
    ]);
    const ev = expectConfirmed('D3-general', { net, ds });
    expect([ev.before, ev.after]).toEqual(['1/2', '1']);
    expect(property('D3-orthogonal').check({ net: { ...net, hidden: [{ W: Matrix.identity(2), b: vecQ(0, 1) }] }, ds })).toBeUndefined();
  });
});
