/**
 * The degeneracy bound on large data — Jacobian rank modulo a prime on a
 * listed subset of points — agrees with the exact rank on small examples, and its
 * certificates are accepted by the checker, and rejected when tampered with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { jacobianRank, outputNullDirections } from '../src/claims/d1-degeneracy.ts';
import { outputNullDirectionsPointwise } from './oracles/degeneracy-pointwise.ts';
import { anyWidthNetworkArb, networkArb } from '../properties/arbitraries/network.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';
import { checkDegeneracy } from '../src/claims/deep.ts';
import { EXACT_JACOBIAN_LIMIT, jacobianSubsetPoints } from '../src/claims/jacobian-subset.ts';
import { classifyPatterns } from '../src/network/pattern-groups.ts';
import { flattenParams } from '../src/network/params.ts';
import { d2Candidate } from '../src/claims/d2-local-minima.ts';
import type { Network } from '../src/network/network.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { jacobianRowsModP, rankModP, type KNet } from '../src/certificates/kernel.ts';
import type { Certificate } from '../src/certificates/format.ts';
import { smallClusteredCsv } from '../bench/generate.ts';

const P = 67108859;

describe('Jacobian rank mod p', () => {
  for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q3-m5', 'clusters-q4'])
    it(`equals the exact rank on all points of ${name} (D1 network)`, () => {
      const ds = loadExample(name);
      const d1 = buildD1(ds, ds.Q);
      if (d1.kind !== 'built') throw new Error('no D1');
      const net = d1.construction.net;
      const rows = jacobianRowsModP(net as KNet, ds.classes.flatMap((c) => c.points), P)!;
      expect(rankModP(rows, P)).toBe(jacobianRank(net, ds));
    });

  it('large data: the degeneracy certificate lists its points and prime, and the checker accepts it (and rejects tampering)', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 200, 11), 'gen.csv');
    const d1 = buildD1(ds, 3);
    if (d1.kind !== 'built') throw new Error('no D1');
    const K = 3 * 12 + 12;
    expect(ds.N * ds.Q * K).toBeGreaterThan(EXACT_JACOBIAN_LIMIT);
    const r = checkDegeneracy(ds, d1.construction.net);
    expect(r.status).toBe('verified');
    const cert = r.certificate!;
    const ev = cert.evidence as Extract<Certificate['evidence'], { kind: 'families' }>;
    expect(ev.jacobianPoints!.length).toBeLessThan(ds.N);
    expect(ev.jacobianPrime).toBeGreaterThan(2 ** 25);
    expect(checkCertificate(cert, ds).ok).toBe(true);
    const tamper = (e: Partial<typeof ev>) => checkCertificate({ ...cert, evidence: { ...ev, ...e } as Certificate['evidence'] }, ds);
    expect(tamper({ jacobianRank: ev.jacobianRank + 1 }).ok).toBe(false);
    expect(tamper({ jacobianPrime: 67108860 }).ok).toBe(false);
    expect(tamper({ jacobianPoints: [[0, ds.N]] }).ok).toBe(false);
  });
});


describe('output-null directions by pattern groups', () => {
  it('equal the reference on the D1 networks of the examples and of generated data', () => {
    const sets = [...['clusters-q2', 'clusters-q3', 'clusters-q3-m5', 'clusters-q4'].map(loadExample), parseDataCsv(smallClusteredCsv(3, 3, 40, 5), 'g.csv')];
    for (const ds of sets) {
      const d1 = buildD1(ds, ds.Q);
      if (d1.kind !== 'built') throw new Error('no D1');
      const a = outputNullDirectionsPointwise(d1.construction.net, ds).map((d) => d.join());
      expect(outputNullDirections(d1.construction.net, ds).map((d) => d.join())).toEqual(a);
    }
  });

  it('equal the reference on random networks and data', () => {
    const arb = fc
      .record({ L: fc.integer({ min: 1, max: 2 }), M: fc.integer({ min: 2, max: 3 }), q: fc.integer({ min: 2, max: 3 }) })
      .chain(({ L, M, q }) => fc.record({ net: networkArb({ L, M, Q: Math.min(q, M) }, { maxNum: 3, maxDen: 2 }), ds: dataSetArb(M, Math.min(q, M), 4, { maxNum: 3, maxDen: 2 }) }));
    fc.assert(
      fc.property(arb, ({ net, ds }) => {
        expect(outputNullDirections(net, ds).map((d) => d.join())).toEqual(outputNullDirectionsPointwise(net, ds).map((d) => d.join()));
      }),
      { numRuns: 80 },
    );
  });

  it('equal the reference on networks of any hidden widths, below and above 64 points', () => {
    const arb = fc
      .record({ M: fc.integer({ min: 1, max: 3 }), Q: fc.integer({ min: 2, max: 3 }), per: fc.constantFrom(3, 40) })
      .chain(({ M, Q, per }) => fc.record({ net: anyWidthNetworkArb(M, Q, { maxNum: 3, maxDen: 2 }), ds: dataSetArb(M, Q, per, { maxNum: 3, maxDen: 2 }) }));
    fc.assert(
      fc.property(arb, ({ net, ds }) => {
        expect(outputNullDirections(net, ds).map((d) => d.join())).toEqual(outputNullDirectionsPointwise(net, ds).map((d) => d.join()));
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});

describe('the Jacobian subset', () => {
  /** The selection from the certified classification (the definition: round-robin over groups, then classes). */
  function byClassification(net: Network, ds: DataSet): [number, number][] {
    const K = flattenParams(net).length;
    const want = Math.min(ds.N, Math.ceil((1.5 * K) / ds.Q) + 8);
    const { groups } = classifyPatterns(net, ds);
    const out: [number, number][] = [];
    const cursors = groups.map((g) => g.rows.map(() => 0));
    for (let progressed = true; progressed && out.length < want; ) {
      progressed = false;
      for (let g = 0; g < groups.length && out.length < want; g++)
        for (let j = 0; j < ds.Q && out.length < want; j++) {
          const c = cursors[g]![j]!;
          if (c < groups[g]!.counts[j]!) {
            out.push([j, groups[g]!.rows[j]![c]!]);
            cursors[g]![j] = c + 1;
            progressed = true;
          }
        }
    }
    return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  it('is the classification-based selection, with classes inside one pattern (D1/D2 networks) and across patterns (random networks)', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 200, 11), 'gen.csv');
    const d1 = buildD1(ds, 3);
    if (d1.kind !== 'built') throw new Error('no D1');
    expect(jacobianSubsetPoints(d1.construction.net, ds)).toEqual(byClassification(d1.construction.net, ds));
    const cand = d2Candidate(ds, 3, [1]);
    if ('reason' in cand) throw new Error(cand.reason);
    expect(jacobianSubsetPoints(cand.net, ds)).toEqual(byClassification(cand.net, ds));
    fc.assert(
      fc.property(dataSetArb(2, 2, 6, { maxNum: 3, maxDen: 2 }), networkArb({ L: 2, M: 2, Q: 2 }, { maxNum: 3, maxDen: 2 }), (d, net) => {
        expect(jacobianSubsetPoints(net, d)).toEqual(byClassification(net, d));
      }),
      { seed: 16, numRuns: 40 },
    );
  });
});
