/**
 * The claim catalogue (src/claims/catalogue.ts) is the one source of the claims'
 * hypotheses: the README's table is generated from it, its sample commands name
 * real claim ids, and what it says can be decided up front agrees with what
 * verify then reports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { applicability, applicabilityLine, CATALOGUE, catalogueEntry, claimTableMarkdown } from '../src/claims/catalogue.ts';
import { verify } from '../src/claims/verify.ts';
import { loadExample } from '../src/data/examples.ts';
import { generateClusters } from '../src/data/generate.ts';
import { dataFacts } from '../src/cli/common.ts';
import { CLAIM_IDS } from '../properties/claims/index.ts';
import type { DataSet } from '../src/data/dataset.ts';

describe('claim catalogue', () => {
  it('README.md holds the claim table exactly as the catalogue generates it (npx dlgeom explain --markdown)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(claimTableMarkdown());
  });

  it('covers every claim verify reports and every SPEC truncation lemma; search samples name real search ids', () => {
    const ids = CATALOGUE.map((e) => e.id);
    const reported = new Set(verify(loadExample('clusters-q2')).claims.map((c) => c.id));
    for (const id of reported) expect(ids).toContain(id);
    for (const e of CATALOGUE.filter((x) => x.onData)) expect(reported.has(e.id as never), e.id).toBe(true);
    for (const t of ['T1', 'T2', 'T3', 'T4', 'T5']) expect(ids).toContain(t);
    for (const e of CATALOGUE) {
      const m = /^dlgeom search (\S+)/.exec(e.sample);
      if (m) expect(CLAIM_IDS).toContain(m[1]);
      else expect(e.sample).toMatch(/^dlgeom verify --example \S+/);
    }
  });

  it('applicability from Q, M, L and rank X̄ alone', () => {
    expect(applicability(catalogueEntry('S1')!, { Q: 3, M: 2, L: 3, rankXbar: 2 })).toEqual({ kind: 'not-applicable', because: 'M = 2 < Q = 3; rank X̄ = 2 < Q = 3' });
    expect(applicability(catalogueEntry('D1')!, { Q: 3, M: 3, L: 2, rankXbar: 3 })).toEqual({ kind: 'not-applicable', because: 'L = 2 < Q = 3' });
    expect(applicability(catalogueEntry('D1')!, { Q: 3, M: 3, L: 3, rankXbar: 3 })).toEqual({ kind: 'depends', on: 'separability' });
    expect(applicability(catalogueEntry('S3')!, { Q: 3, M: 2, L: 3, rankXbar: 2 })).toEqual({ kind: 'decidable' });
    expect(applicabilityLine({ Q: 3, M: 2, L: 3, rankXbar: 2 })).toBe(
      'decidable here: R1, S3; not applicable: S1, S2 (M = 2 < Q = 3; rank X̄ = 2 < Q = 3); D1, D1-degeneracy, D2, D3 (M = 2 < Q = 3)',
    );
  });

  it('what is "not applicable" up front is not applicable in verify, and what is "decidable" is never reported not applicable', () => {
    const d = (s: string) => Rational.parse(s);
    const cases: [DataSet, number][] = [
      [generateClusters({ Q: 3, M: 2, perClass: 3, delta: d('1/10') }), 3],
      [generateClusters({ Q: 3, M: 3, perClass: 3, delta: d('1/10'), rankDeficient: true }), 3],
      [loadExample('clusters-q3'), 2],
      [loadExample('clusters-q2'), 2],
    ];
    for (const [ds, L] of cases) {
      const facts = dataFacts(ds, L);
      const report = verify(ds, { layers: L });
      for (const e of CATALOGUE.filter((x) => x.onData)) {
        const a = applicability(e, facts);
        const statuses = report.claims.filter((c) => c.id === e.id).map((c) => c.status);
        if (a.kind === 'not-applicable') expect(statuses.every((s) => s === 'not-applicable'), `${ds.name} ${e.id}`).toBe(true);
        if (a.kind === 'decidable') expect(statuses.some((s) => s === 'not-applicable'), `${ds.name} ${e.id}`).toBe(false);
      }
    }
  });
});
