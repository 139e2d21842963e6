/**
 * SeparationMemo above SMALL points: a normal found against a superset of the classes is
 * reused without an LP when it still separates exactly with enough margin, and every answer,
 * reused or not, is checked here point by point.
 */
import { describe, expect, it } from 'vitest';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import { SMALL, SeparationMemo, separationFromKnown, type PointSet } from '../src/claims/point-set-separation.ts';
import type { Separation } from '../src/claims/separation.ts';
import { vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';

const points = (ds: DataSet, s: PointSet): Rational[][] => [...s.classes.flatMap((j) => ds.classes[j]!.points.map((p) => [...p])), ...s.extra.map((x) => [...x])];

/** ⟨n, a⟩ ≤ c − γ on A and ⟨n, b⟩ ≥ c + γ on B, γ > 0, every point. */
function expectSeparates(ds: DataSet, A: PointSet, B: PointSet, s: Separation): void {
  expect(s.kind).toBe('separated');
  if (s.kind !== 'separated') return;
  expect(s.gamma.sign()).toBe(1);
  for (const a of points(ds, A)) expect(vec.dot(s.n, a).le(s.c.sub(s.gamma))).toBe(true);
  for (const b of points(ds, B)) expect(vec.dot(s.n, b).cmp(s.c.add(s.gamma))).toBeGreaterThanOrEqual(0);
}

describe('SeparationMemo: known normals tried before the LP', () => {
  const ds = parseDataCsv(smallClusteredCsv(4, 4, 150, 7), 'gen.csv');
  const A: PointSet = { classes: [0], extra: [] };

  it('a normal against classes {1, 2, 3} is reused for {1, 2} when it separates with enough margin, and is exact on every point', () => {
    expect(ds.N).toBeGreaterThan(SMALL);
    const memo = new SeparationMemo();
    const wide = memo.separate(ds, A, { classes: [1, 2, 3], extra: [] });
    expectSeparates(ds, A, { classes: [1, 2, 3], extra: [] }, wide);
    const B: PointSet = { classes: [1, 2], extra: [] };
    const narrow = memo.separate(ds, A, B);
    expectSeparates(ds, A, B, narrow);
    // Dropping a class can only widen the gap: the remembered normal is taken (no LP, the same direction).
    if (wide.kind === 'separated' && narrow.kind === 'separated') expect(narrow.n.map(String)).toEqual(wide.n.map(String));
  });

  it('not reused when an extra point breaks it: a point of class 0 among B is an overlap, certified', () => {
    const memo = new SeparationMemo();
    memo.separate(ds, A, { classes: [1, 2, 3], extra: [] });
    const inside = ds.classes[0]!.points[0]!;
    const s = memo.separate(ds, A, { classes: [1, 2], extra: [[...inside]] });
    expect(s.kind).toBe('overlap');
    if (s.kind === 'overlap') {
      const sumA = points(ds, A).reduce((acc, p, i) => vec.add(acc, vec.scale(p, s.lambda[i]!)), vec.zeros(ds.M));
      const sumB = points(ds, { classes: [1, 2], extra: [[...inside]] }).reduce((acc, p, i) => vec.add(acc, vec.scale(p, s.mu[i]!)), vec.zeros(ds.M));
      expect(vec.eq(sumA, sumB)).toBe(true);
    }
  });

  it('separationFromKnown: an extra point that leaves less than half the margin rejects the normal; one that leaves more keeps it, exact on every point', () => {
    const memo = new SeparationMemo();
    const wide = memo.separate(ds, A, { classes: [1, 2, 3], extra: [] });
    if (wide.kind !== 'separated') throw new Error('the generated classes are separable');
    const known = [{ classes: new Set([1, 2, 3]), sep: wide }];
    const { n, c, gamma } = wide;
    // A point at ⟨n, x⟩ = c − γ + t·γ (t = 1/4 or 3/4 of the way into the gap): margin t·γ/2 against the old γ.
    const at = (t: Rational): Rational[] => {
      const x = vec.zeros(ds.M);
      const k = n.findIndex((v) => !v.isZero());
      x[k] = c.sub(gamma).add(t.mul(gamma)).div(n[k]!);
      return x;
    };
    const B = (t: Rational): PointSet => ({ classes: [1, 2], extra: [at(t)] });
    expect(separationFromKnown(ds, A, B(Rational.of(3n, 4n)), known)).toBeUndefined(); // margin 3γ/8 < γ/2
    const kept = separationFromKnown(ds, A, B(Rational.of(7n, 4n)), known); // margin 7γ/8 ≥ γ/2
    expectSeparates(ds, A, B(Rational.of(7n, 4n)), kept!);
    expect(kept!.kind === 'separated' && kept!.n.map(String)).toEqual(n.map(String));
    // A point on A's side: never kept.
    expect(separationFromKnown(ds, A, B(Rational.of(-1n, 4n)), known)).toBeUndefined();
    // At most SMALL points: the LP decides (the per-point construction's answer).
    expect(separationFromKnown(parseDataCsv(smallClusteredCsv(4, 4, 20, 7), 's.csv'), A, { classes: [1, 2], extra: [] }, known)).toBeUndefined();
  });

  it('not reused when class 0 spans fewer than M dimensions (a constant coordinate): the LP answers, as without the memo', () => {
    // The same data with the last coordinate constant (0) everywhere.
    const flat = parseDataCsv(
      smallClusteredCsv(4, 4, 150, 7)
        .trim()
        .split('\n')
        .map((line, i) => (i === 0 ? line : line.replace(/,[^,]*,([^,]*)$/, ',0,$1')))
        .join('\n'),
      'flat.csv',
    );
    const memo = new SeparationMemo();
    const wide = memo.separate(flat, A, { classes: [1, 2, 3], extra: [] });
    const B: PointSet = { classes: [1, 2], extra: [] };
    const narrow = memo.separate(flat, A, B);
    expectSeparates(flat, A, B, narrow);
    // What the LP gives for these sets with nothing remembered.
    const fresh = new SeparationMemo().separate(flat, A, B);
    expect(narrow.kind === 'separated' && narrow.n.map(String)).toEqual(fresh.kind === 'separated' && fresh.n.map(String));
    // And the full-dimensional path would have taken the remembered normal here.
    expect(wide.kind === 'separated' && separationFromKnown(flat, A, B, [{ classes: new Set([1, 2, 3]), sep: wide }])).toBeTruthy();
  });
});
