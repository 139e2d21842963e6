/**
 * `verify` on large data works from the compact representation — the
 * points are never materialized as Rationals — and its verdicts and certificates
 * are those the checker accepts.
 */
import { describe, expect, it } from 'vitest';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { verify } from '../src/claims/verify.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { smallClusteredCsv } from '../bench/generate.ts';

/** Whether a lazily loaded class still has its `points` getter (never materialized). */
const lazy = (c: object) => Object.getOwnPropertyDescriptor(c, 'points')?.get !== undefined;

describe('verify on 5 100 points (above the symbolic-rate limit)', () => {
  const ds = parseDataCsv(smallClusteredCsv(3, 3, 1700, 11), 'gen.csv');

  it('decides every claim without materializing a point, and each certificate re-checks', () => {
    expect(ds.classes.every(lazy)).toBe(true);
    const report = verify(ds);
    expect(ds.classes.every(lazy)).toBe(true);
    const byId = new Map(report.claims.map((c) => [c.id, c.status]));
    for (const id of ['S1', 'D1', 'D1-degeneracy', 'D3', 'R1'] as const) expect(byId.get(id), id).toBe('verified');
    expect(report.d2?.candidates).toBe(7);
    for (const c of report.claims) if (c.certificate) expect(checkCertificate(c.certificate, ds).ok, c.id).toBe(true);
    expect(ds.classes.every(lazy)).toBe(true);
  });
});
