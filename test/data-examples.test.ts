import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { exampleNames, loadExample } from '../src/data/examples.ts';
import { InputError } from '../src/data/errors.ts';
import { loadDataFile } from '../src/data/load.ts';
import { classStats } from '../src/data/stats.ts';
import { serializeDataSet } from '../src/data/write.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';
import { ge } from '../src/exact/rational-shorthands.ts';

const SYNTHETIC = { 'clusters-q2': [2, 2, 3], 'clusters-q3': [3, 3, 4], 'clusters-q3-m5': [5, 3, 4], 'clusters-q4': [4, 4, 3] } as const;

describe('built-in examples', () => {
  it('names', () => {
    expect(exampleNames()).toEqual(['iris', 'clusters-q2', 'clusters-q3', 'clusters-q3-m5', 'clusters-q4', 'overlap-q2']);
  });

  it('an unknown name is an InputError listing the names', () => {
    expect(() => loadExample('irsi')).toThrow(InputError);
    expect(() => loadExample('irsi')).toThrow(/unknown example "irsi" \(did you mean 'iris'\?\); known: iris, clusters-q2, .*overlap-q2$/);
    expect(() => loadExample('toString')).toThrow(InputError);
  });

  it('iris: M=4, Q=3, N=150, exact decimals, classes in order of appearance', () => {
    const ds = loadExample('iris');
    expect([ds.M, ds.Q, ds.N]).toEqual([4, 3, 150]);
    expect(ds.classes.map((c) => [c.label, c.points.length])).toEqual([['setosa', 50], ['versicolor', 50], ['virginica', 50]]);
    expect(ds.classes[0]!.points[0]!.map(String)).toEqual(['51/10', '7/2', '7/5', '1/5']);
    expect(ds.classes[2]!.points[49]!.map(String)).toEqual(['59/10', '3', '51/10', '9/5']);
  });

  it('source hash is that of the canonical JSON', () => {
    for (const name of exampleNames()) {
      const ds = loadExample(name);
      expect(ds.source).toEqual({ kind: 'example', name, sha256: createHash('sha256').update(serializeDataSet(ds)).digest('hex') });
    }
  });

  it('the committed examples/ files match the code (regenerate: npx tsx src/data/write-examples.ts)', () => {
    for (const name of exampleNames()) {
      const ds = loadExample(name);
      const path = `examples/${name}.json`;
      expect(readFileSync(path, 'utf8')).toBe(serializeDataSet(ds));
      expect(loadDataFile(path).source.sha256).toBe(ds.source.sha256);
    }
    const csv = loadDataFile('examples/iris.csv');
    expect(serializeDataSet(csv)).toBe(serializeDataSet(loadExample('iris')));
  });

  it('synthetic clusters: shapes, rank Q, tight (δ² ≤ 1/400), δ_P > 0, well separated means', () => {
    for (const [name, [M, Q, perClass]] of Object.entries(SYNTHETIC)) {
      const ds = loadExample(name);
      const s = classStats(ds);
      expect([ds.M, ds.Q], name).toEqual([M, Q]);
      expect(s.sizes, name).toEqual(new Array(Q).fill(perClass));
      expect(s.rankXbar, name).toBe(Q);
      expect(s.delta2.le(Rational.of(1, 400)), name).toBe(true);
      expect(s.deltaP2!.sign(), name).toBe(1);
      for (const m of s.means) {
        const n2 = vec.norm2(m);
        expect(ge(n2, Rational.ONE) && n2.le(Rational.int(9)), name).toBe(true);
      }
      for (let a = 0; a < Q; a++)
        for (let b = a + 1; b < Q; b++) expect(ge(vec.norm2(vec.sub(s.means[a]!, s.means[b]!)), Rational.ONE), name).toBe(true);
    }
  });

  it('synthetic clusters are not symmetric: no class has deviations summing to zero', () => {
    for (const name of Object.keys(SYNTHETIC)) {
      const ds = loadExample(name);
      for (const c of ds.classes) {
        const first = c.points[0]!;
        const centre = first.map((v) => Rational.of(Math.round(toNumber(v) * 4), 4));
        const sum = c.points.reduce((acc, p) => vec.add(acc, vec.sub(p, centre)), vec.zeros(ds.M));
        expect(sum.every((v) => v.isZero()), `${name} ${c.label}`).toBe(false);
      }
    }
  });

  it('overlap-q2: the class hulls meet at (2, 1), so no hyperplane separates them', () => {
    const ds = loadExample('overlap-q2');
    const half = Rational.of(1, 2);
    const mid = (p: readonly Rational[], q: readonly Rational[]) => vec.scale(vec.add(p, q), half);
    const [a, b] = ds.classes.map((c) => c.points);
    expect(mid(a![0]!, a![1]!).map(String)).toEqual(['2', '1']);
    expect(mid(b![0]!, b![1]!).map(String)).toEqual(['2', '1']);
    expect(classStats(ds).rankXbar).toBe(2);
  });
});
