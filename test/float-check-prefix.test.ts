/**
 * The float point pass started from remembered layer inputs (networks that begin with the same
 * layers, as D2 candidates with a common truncation prefix do) gives exactly the value and bound
 * of the pass from the input.
 */
import { describe, expect, it } from 'vitest';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import { classMoments } from '../src/data/moments.ts';
import { checkMsInFloat } from '../src/network/float-check.ts';
import { d2Candidate, properSubsets } from '../src/claims/d2-local-minima.ts';
import { SeparationMemo } from '../src/claims/point-set-separation.ts';

describe('checkMsInFloat point pass from remembered layer inputs', () => {
  it('every D2 candidate in turn: the same msFloat and bound as a pass from the input, and the candidates that extend a subset start past layer 1', () => {
    const csv = smallClusteredCsv(4, 4, 120, 3);
    const ds = parseDataCsv(csv, 'gen.csv');
    const shared = { moments: classMoments(ds), memo: new SeparationMemo(), pairsFirst: true };
    let resumed = 0;
    for (const J of properSubsets(ds.Q)) {
      const c = d2Candidate(ds, ds.Q, J, shared);
      if ('reason' in c) throw new Error(`no candidate for ${J}: ${c.reason}`);
      const f = checkMsInFloat(c.net, ds, c.ms, { mode: 'points' });
      // The same network on a fresh copy of the data: nothing remembered, the pass from the input.
      const fresh = checkMsInFloat(c.net, parseDataCsv(csv, 'gen.csv'), c.ms, { mode: 'points' });
      if (!f.applicable || !fresh.applicable) throw new Error('not applicable');
      expect(fresh.resumedAt).toBe(0);
      expect(f.msFloat).toBe(fresh.msFloat);
      expect(f.bound).toBe(fresh.bound);
      expect(f.agrees).toBe(true);
      if (J.length >= 2) expect(f.resumedAt).toBe(J.length - 1);
      if (f.resumedAt > 0) resumed++;
    }
    expect(resumed).toBeGreaterThan(0);
  });
});
