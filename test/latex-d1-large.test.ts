import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { standardTargets } from '../src/data/build.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { verify } from '../src/claims/verify.ts';
import { claimDocument } from '../src/latex/claim-document.ts';
import { SMALL } from '../src/claims/point-set-separation.ts';

/** Three clusters in R^3 with more points than the point-wise separation sees (deterministic). */
function clusters(perClass: number): DataSet {
  let state = 7919;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const centres = [
    [2, -3, 1],
    [-4, 0, 3],
    [1, 4, -2],
  ];
  const classes = centres.map((c, j) => ({
    label: `c${j}`,
    points: Array.from({ length: perClass }, () => c.map((v) => Rational.of(BigInt(Math.round((v + (next() - 0.5) * 0.6) * 1000)), 1000n))),
  }));
  return { name: 'clusters-large', M: 3, Q: 3, N: 3 * perClass, classes, targets: standardTargets(3), source: { kind: 'example', name: 'clusters-large', sha256: '0'.repeat(64) } };
}

describe('the D1 document on data larger than the point-wise separation sees', () => {
  it('derives the very network verify verified (the one D1 builder), with its figure', () => {
    const ds = clusters(300); // 900 points > SMALL: the separation LP runs on a working set
    expect(ds.N).toBeGreaterThan(SMALL);
    const report = verify(ds, { skipD2: true });
    const d1 = report.claims.find((c) => c.id === 'D1')!;
    expect(d1.status).toBe('verified');
    const doc = claimDocument('D1', ds, { report });
    expect(doc.tex).toContain('% dlgeom figure "d1-curation"');
    for (const [k, apex] of (d1.details!.apexes as string[][]).entries()) expect(doc.values[`D1 apex ${k + 1}`]).toEqual(apex);
  });
});
