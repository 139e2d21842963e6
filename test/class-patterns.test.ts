/**
 * Pattern groups from exact class extremes (class-patterns.ts). Whenever the
 * shortcut answers, it is exactly what a point-by-point classification gives (same masks,
 * same group order, the class moments); when a class straddles or touches a hyperplane it
 * does not answer. On the D2 candidates of clustered data it answers for every candidate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataSet } from '../src/data/dataset.ts';
import { compactOf, integerMoments } from '../src/data/compact.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { classMoments } from '../src/data/moments.ts';
import type { Network } from '../src/network/network.ts';
import { classifyPatterns } from '../src/network/pattern-groups.ts';
import { strictClassPatterns } from '../src/network/class-patterns.ts';
import { d2Candidate, properSubsets } from '../src/claims/d2-local-minima.ts';
import { SeparationMemo } from '../src/claims/point-set-separation.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import { fuzzRuns } from './support/fuzz.ts';

/** The classification's answer in the shortcut's form, or undefined when some class is not strictly in one pattern. */
function byClassification(net: Network, ds: DataSet): { masks: string[]; parts: number[][]; moments: string[] } | undefined {
  const cls = classifyPatterns(net, ds);
  if (cls.someZero) return undefined;
  const groups = cls.groups.filter((g) => g.counts.some((n) => n > 0));
  for (let j = 0; j < ds.Q; j++) if (groups.filter((g) => g.counts[j]! > 0).length > 1) return undefined;
  return {
    masks: groups.map((g) => g.mask.join('')),
    parts: groups.map((g) => g.counts.flatMap((n, j) => (n > 0 ? [j] : []))),
    moments: groups.flatMap((g) => g.counts.flatMap((n, j) => (n > 0 ? [JSON.stringify(integerMoments(compactOf(ds).classes[j]!, ds.M), (_k, v) => (typeof v === 'bigint' ? String(v) : v))] : []))),
  };
}

function shortcut(net: Network, ds: DataSet): ReturnType<typeof byClassification> {
  const s = strictClassPatterns(net, ds);
  if (!s) return undefined;
  expect(s.someZero).toBe(false);
  return {
    masks: s.groups.map((g) => g.mask.join('')),
    parts: s.groups.map((g) => g.parts.map((p) => p.cls)),
    moments: s.groups.flatMap((g) => g.parts.map((p) => JSON.stringify({ count: p.moments.count, sum: p.moments.sum, second: p.moments.second }, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))),
  };
}

describe('strictClassPatterns', () => {
  it('equals the classification whenever it answers, and answers exactly when every class is strictly in one pattern (random networks)', () => {
    const arb = fc
      .record({ L: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 2, max: 4 }), q: fc.integer({ min: 2, max: 4 }) })
      .chain(({ L, M, q }) => {
        const Q = Math.min(q, M);
        return fc.record({ net: networkArb({ L, M, Q }, { maxNum: 4, maxDen: 3 }), ds: dataSetArb(M, Q, 4, { maxNum: 4, maxDen: 3 }) });
      });
    let answered = 0;
    fc.assert(
      fc.property(arb, ({ net, ds }) => {
        const ref = byClassification(net, ds);
        const got = shortcut(net, ds);
        // The shortcut falls back (undefined) only where the classification is needed.
        expect(got).toEqual(ref);
        if (got) answered++;
      }),
      { seed: 1606, numRuns: fuzzRuns(300, 5000), verbose: true },
    );
    expect(answered).toBeGreaterThan(0);
  });

  it('answers for every D2 candidate of clustered data, with the groups a classification gives', () => {
    for (const seed of [3, 4]) {
      const ds = parseDataCsv(smallClusteredCsv(4, 4, 150, seed), `gen-${seed}.csv`);
      const moments = classMoments(ds);
      const memo = new SeparationMemo();
      for (const J of properSubsets(ds.Q)) {
        const c = d2Candidate(ds, ds.Q, J, { moments, memo, pairsFirst: true });
        if ('reason' in c) throw new Error(`no candidate for ${J}: ${c.reason}`);
        const ref = byClassification(c.net, ds);
        expect(ref).toBeDefined();
        expect(shortcut(c.net, ds)).toEqual(ref);
      }
    }
  });
});
