/**
 * The order search's first probe (D1, no pairsFirst): the pair of classes whose means are
 * closest relative to their spread is separated before any class is cut off, so data with
 * two look-alike classes fails the hypothesis after one pairwise separation (with its exact
 * overlap certificate) instead of a depth-first search through up to MAX_SEPARATIONS
 * separations of a class from the union of the others.
 */
import { describe, expect, it } from 'vitest';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { closestPair, searchTruncationOrder } from '../src/claims/truncation-order.ts';
import { classMoments } from '../src/data/moments.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { separate } from '../src/claims/separation.ts';
import { Rational } from '../src/exact/rational.ts';
import { vec } from '../src/exact/matrix.ts';
import { prng } from '../src/util/prng.ts';

/** Q = 4 clusters in M = 4 around distinct centres, except classes 3 and 4 which share one. */
function lookAlikeCsv(seed: number): string {
  const rand = prng(seed);
  const centres = [
    [0, 0, 0, 0],
    [10, 0, 0, 0],
    [0, 10, 0, 0],
    [0, 10, 0, 0],
  ];
  const rows = ['x1,x2,x3,x4,label'];
  for (let i = 0; i < 30; i++)
    for (let j = 0; j < 4; j++) rows.push([...centres[j]!.map((c) => (c + rand() * 2 - 1).toFixed(2)), `c${j + 1}`].join(','));
  return rows.join('\n') + '\n';
}

describe('the closest-pair probe of the truncation-order search', () => {
  for (const seed of [1, 2, 3]) {
    const ds = parseDataCsv(lookAlikeCsv(seed), `look-alike seed ${seed}`);
    const points = ds.classes.map((c) => c.points);

    it(`seed ${seed}: closestPair picks the two look-alike classes`, () => {
      expect(closestPair(classMoments(ds), [0, 1, 2, 3])).toEqual([2, 3]);
      // Restricted to truncating class 1 only, the partner is the class nearest to it.
      expect(closestPair(classMoments(ds), [0])?.[0]).toBe(0);
    });

    it(`seed ${seed}: the search fails with the look-alike pair's exact overlap before any cut`, () => {
      let layers = 0;
      const pairs: [number, number][] = [];
      const found = searchTruncationOrder(
        ds,
        [0, 1, 2, 3],
        () => {
          layers++;
          return 'not asked';
        },
        (a, b) => {
          pairs.push([a, b]);
          return separate(points[a]!, points[b]!);
        },
      );
      expect(layers).toBe(0);
      expect(pairs).toEqual([[2, 3]]);
      expect('kind' in found && found.kind).toBe('hypothesis-fails');
      if (!('kind' in found) || found.kind !== 'hypothesis-fails') return;
      expect(found.overlap?.classes).toEqual([2, 3]);
      // The certificate itself: convex weights on each class with the same combination.
      const combo = (j: number, w: Rational[]) => w.reduce((s, l, i) => vec.add(s, vec.scale(points[j]![i]!, l)), vec.zeros(4));
      const { lambda, mu } = found.overlap!;
      for (const w of [lambda, mu]) {
        expect(w.every((l) => l.sign() >= 0)).toBe(true);
        expect(w.reduce((s, l) => s.add(l), Rational.ZERO).eq(Rational.ONE)).toBe(true);
      }
      expect(vec.eq(combo(2, lambda), combo(3, mu))).toBe(true);
    });

    it(`seed ${seed}: buildD1 reports the same failed hypothesis`, () => {
      const o = buildD1(ds, ds.Q);
      expect(o.kind).toBe('hypothesis-fails');
      expect(o.kind === 'hypothesis-fails' && o.overlap?.classes).toEqual([2, 3]);
    });
  }
});
