/**
 * The float cross-check by class moments (float-check-moments.ts). The exact ms lies
 * within msFloat ± bound (compared exactly, as Rationals) for the moment form, the point pass
 * and the automatic choice; on the D2 candidates of clustered data every class is summed from
 * its moments; classes that straddle a hyperplane fall back to the point pass (and still agree).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { floatToRational } from '../src/float/convert.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { classMoments } from '../src/data/moments.ts';
import type { Network } from '../src/network/network.ts';
import { msExact } from '../src/network/cost.ts';
import { checkMsInFloat, type FloatAgreement } from '../src/network/float-check.ts';
import { d2Candidate, properSubsets } from '../src/claims/d2-local-minima.ts';
import { SeparationMemo } from '../src/claims/point-set-separation.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';
import { abs } from '../src/exact/rational-shorthands.ts';

/** The exact ms is inside msFloat ± bound (exactly); returns the check. */
function inside(f: FloatAgreement, ms: Rational): Extract<FloatAgreement, { applicable: true }> {
  if (!f.applicable) throw new Error(`not applicable: ${f.reason}`);
  const diff = abs(ms.sub(floatToRational(f.msFloat)));
  expect(diff.le(floatToRational(f.bound)), `|exact − float| = ${toNumber(diff)} > bound ${f.bound}`).toBe(true);
  expect(f.agrees).toBe(true);
  return f;
}

describe('checkMsInFloat by class moments', () => {
  it('sums every class of every D2 candidate from its moments, within the bound, and agrees with the point pass', () => {
    for (const seed of [3, 5]) {
      const ds = parseDataCsv(smallClusteredCsv(4, 4, 200, seed), `gen-${seed}.csv`);
      const shared = { moments: classMoments(ds), memo: new SeparationMemo(), pairsFirst: true };
      for (const J of properSubsets(ds.Q)) {
        const c = d2Candidate(ds, ds.Q, J, shared);
        if ('reason' in c) throw new Error(`no candidate for ${J}: ${c.reason}`);
        const byMoments = inside(checkMsInFloat(c.net, ds, c.ms, { mode: 'moments' }), c.ms);
        const byPoints = inside(checkMsInFloat(c.net, ds, c.ms, { mode: 'points' }), c.ms);
        expect(byMoments.classesByMoments).toBe(ds.Q);
        expect(byPoints.classesByMoments).toBe(0);
        // Both are float values of the same number: within the sum of their bounds of each other.
        expect(Math.abs(byMoments.msFloat - byPoints.msFloat)).toBeLessThanOrEqual(byMoments.bound + byPoints.bound);
        // The bound is tight enough to mean something: far below the value (clustered data, ms > 0).
        expect(byMoments.bound).toBeLessThan(1e-6 * Math.max(byMoments.msFloat, 1e-300) + 1e-12);
      }
    }
  });

  it('the automatic choice uses the moments on large data and agrees', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 2000, 7), 'gen-7.csv');
    const c = d2Candidate(ds, 3, [1]);
    if ('reason' in c) throw new Error(c.reason);
    expect(inside(checkMsInFloat(c.net, ds, c.ms), c.ms).classesByMoments).toBe(3);
  });

  it('falls back to the point pass for classes that straddle a hyperplane, and the exact ms stays inside the bound (random networks)', () => {
    const arb = fc
      .record({ L: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 2, max: 4 }), q: fc.integer({ min: 2, max: 4 }) })
      .chain(({ L, M, q }) => {
        const Q = Math.min(q, M);
        return fc.record({ net: networkArb({ L, M, Q }, { maxNum: 4, maxDen: 3 }), ds: dataSetArb(M, Q, 6, { maxNum: 4, maxDen: 3 }) });
      });
    let some = 0;
    let fallback = 0;
    fc.assert(
      fc.property(arb, ({ net, ds }: { net: Network; ds: DataSet }) => {
        const ms = msExact(net, ds);
        const f = inside(checkMsInFloat(net, ds, ms, { mode: 'moments' }), ms);
        const nonEmpty = ds.classes.filter((c) => c.points.length > 0).length;
        if (f.classesByMoments > 0) some++;
        if (f.classesByMoments < nonEmpty) fallback++;
      }),
      { seed: 1607, numRuns: fuzzRuns(200, 4000), verbose: true },
    );
    expect(some).toBeGreaterThan(0);
    expect(fallback).toBeGreaterThan(0);
  });
});
