import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import type { Certificate } from '../src/certificates/format.ts';

/**
 * The exact local dimension of the D1 minimizing set, worked out by hand for Q = M = L = 2
 * (K = 2·(4 + 2) + 4 + 2 = 18): layer 1 (6 parameters) may move freely while class 1 stays in
 * its open backward cone and class 2 in the forward one; W_2 (4) and b_2 (2) likewise; after
 * layer 2, class 1 sits at σ(b_2) = b_2 and class 2 at 0, so the output layer must satisfy
 * b_3 = y_2 (2 equations) and W_3 b_2 = y_1 − y_2 (2 equations): 18 − 4 = 14.
 */
describe('exact local dimension of the D1 minimizing set (submersion argument)', () => {
  const ds = loadExample('clusters-q2');
  const deg = verify(ds, { skipD2: true }).claims.find((c) => c.id === 'D1-degeneracy')!;
  const cert = deg.certificate as Certificate;
  const ev = cert.evidence as Extract<Certificate['evidence'], { kind: 'families' }>;

  it('is 14 for clusters-q2, as worked out by hand, and the checker accepts it', () => {
    expect(deg.status).toBe('verified');
    expect(ev.exactDimension).toBe(14);
    expect((deg.details as { localDimension: { exact: number } }).localDimension.exact).toBe(14);
    expect(checkCertificate(cert, ds).ok).toBe(true);
  });

  it('rejects a wrong exact dimension, and accepts the bounds alone without it', () => {
    for (const wrong of [13, 15, 4]) {
      const c = JSON.parse(JSON.stringify(cert)) as Certificate & { evidence: { exactDimension?: number } };
      c.evidence.exactDimension = wrong;
      expect(checkCertificate(c, ds).ok, `exactDimension ${wrong}`).toBe(false);
    }
    const without = JSON.parse(JSON.stringify(cert)) as Certificate & { evidence: { exactDimension?: number } };
    delete without.evidence.exactDimension;
    expect(checkCertificate(without, ds).ok).toBe(true);
  });

  it('is K − Q² on the other clustered examples (every class collapses to one residual function)', () => {
    for (const name of ['clusters-q3', 'clusters-q3-m5']) {
      const d = loadExample(name);
      const c = verify(d, { skipD2: true }).claims.find((x) => x.id === 'D1-degeneracy')!;
      const e = c.certificate!.evidence as Extract<Certificate['evidence'], { kind: 'families' }>;
      expect(e.exactDimension).toBe(e.paramCount - d.Q * d.Q);
    }
  });
});
