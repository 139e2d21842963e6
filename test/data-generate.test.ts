/**
 * The clustered-data generator (src/data/generate.ts): its stated guarantees hold
 * exactly — class means equal the centres, (1 − 10⁻⁵)δ ≤ δ(data) ≤ δ, the same seed
 * gives the same bytes — and each variant has the property it promises.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { classStats } from '../src/data/stats.ts';
import { generateClusters, planClusters, type ClusterOptions } from '../src/data/generate.ts';
import { serializeDataSet, writeDataFile } from '../src/data/write.ts';
import { loadDataFile } from '../src/data/load.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { verify } from '../src/claims/verify.ts';
import { ge } from '../src/exact/rational-shorthands.ts';

const q = (s: string) => Rational.parse(s);
const dir = mkdtempSync(join(tmpdir(), 'dlgeom-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generateClusters', () => {
  it('δ(data) ≤ δ, within 10⁻⁵ relative, and the means are linearly independent when Q ≤ M (seeded property)', () => {
    const seed = 20261128;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 2, max: 6 }), fc.constantFrom('1/10', '0.05', '3', '1/7'), fc.integer(), (Q, extra, n, d, s) => {
        const ds = generateClusters({ Q, M: Q + extra, perClass: n, delta: q(d), seed: s });
        const st = classStats(ds);
        const delta2 = q(d).mul(q(d));
        expect(st.delta2.le(delta2)).toBe(true);
        expect(ge(st.delta2, delta2.mul(q('0.99998')))).toBe(true);
        expect(st.rankXbar).toBe(Q);
        expect(ds.N).toBe(Q * n);
      }),
      { seed, numRuns: 25, verbose: true },
    );
  });

  it('is deterministic: the same options give the same canonical bytes, another seed other data', () => {
    const o: ClusterOptions = { Q: 3, M: 3, perClass: 5, delta: q('0.05'), seed: 7 };
    expect(serializeDataSet(generateClusters(o))).toBe(serializeDataSet(generateClusters(o)));
    expect(serializeDataSet(generateClusters({ ...o, seed: 8 }))).not.toBe(serializeDataSet(generateClusters(o)));
  });

  it('class means are exactly the centres: rank-deficient means give rank X̄ < Q exactly', () => {
    for (const Q of [2, 3, 4]) {
      const ds = generateClusters({ Q, M: 4, perClass: 3, delta: q('1/10'), rankDeficient: true });
      const st = classStats(ds);
      expect(st.rankXbar).toBeLessThan(Q);
      expect(st.deltaP2).toBeUndefined();
    }
  });

  it('overlap: the hulls of classes 1 and 2 meet, so D1 is not applicable with a convex-overlap certificate the checker accepts', () => {
    const ds = generateClusters({ Q: 3, M: 3, perClass: 4, delta: q('1/20'), overlap: true, seed: 3 });
    const d1 = buildD1(ds, 3);
    expect(d1.kind).toBe('hypothesis-fails');
    const r = verify(ds, { skipD2: true });
    const c = r.claims.find((x) => x.id === 'D1')!;
    expect(c.status).toBe('not-applicable');
    expect(c.certificate?.evidence.kind).toBe('convex-overlap');
    expect(checkCertificate(c.certificate!, ds).ok).toBe(true);
    // The same data without --overlap can be separated: D1 is verified.
    expect(verify(generateClusters({ Q: 3, M: 3, perClass: 4, delta: q('1/20'), seed: 3 }), { skipD2: true }).claims.find((x) => x.id === 'D1')!.status).toBe('verified');
  });

  it('constant coordinates are constant; targets scaled and random (invertible) replace e_j', () => {
    const ds = generateClusters({ Q: 2, M: 4, perClass: 3, delta: q('1/10'), constantCoordinates: 2, targets: 'random', seed: 5 });
    for (const c of ds.classes) for (const p of c.points) expect([p[2]!.toString(), p[3]!.toString()]).toEqual(['1', '1']);
    expect(Matrix.fromColumns(ds.targets).det().isZero()).toBe(false);
    const scaled = generateClusters({ Q: 2, M: 2, perClass: 2, delta: q('1/10'), targets: 'scaled' });
    expect(scaled.targets.map((y) => y.map(String))).toEqual([['2', '0'], ['0', '2']]);
  });

  it('JSON and CSV files read back to the same exact data', () => {
    const ds = generateClusters({ Q: 3, M: 2, perClass: 3, delta: q('0.1'), seed: 11 });
    for (const ext of ['json', 'csv']) {
      const p = join(dir, `g.${ext}`);
      writeDataFile(ds, p);
      const back = loadDataFile(p);
      expect(back.classes.map((c) => c.points.map((x) => x.map(String)))).toEqual(ds.classes.map((c) => c.points.map((x) => x.map(String))));
    }
  });

  it('refuses impossible options with one clear message', () => {
    expect(() => generateClusters({ Q: 1, M: 2, perClass: 2, delta: q('1') })).toThrow(/--classes/);
    expect(() => generateClusters({ Q: 2, M: 2, perClass: 2, delta: q('0') })).toThrow(/--delta: expected a positive number/);
    expect(() => generateClusters({ Q: 2, M: 2, perClass: 2, delta: q('1'), constantCoordinates: 2 })).toThrow(/--constant-coords/);
    expect(() => generateClusters({ Q: 2, M: 2, perClass: 1, delta: q('1'), overlap: true })).toThrow(/--overlap needs/);
  });
});

describe('planClusters (the streamed form the bench writes)', () => {
  it('its rows are exactly the points of generateClusters, in file order, for every variant', () => {
    const variants: ClusterOptions[] = [
      { Q: 3, M: 4, perClass: 5, delta: q('1/10'), seed: 3 },
      { Q: 3, M: 4, perClass: 5, delta: q('1/10'), seed: 4, overlap: true },
      { Q: 4, M: 5, perClass: 3, delta: q('1/7'), rankDeficient: true, overlap: true, constantCoordinates: 1, targets: 'random' },
      { Q: 2, M: 2, perClass: 1, delta: q('1/2'), separation: q('3') },
    ];
    for (const o of variants) {
      const ds = generateClusters(o);
      const plan = planClusters(o);
      const rows = [...plan.rows()];
      expect(rows.map((r) => r.j)).toEqual(ds.classes.flatMap((c, j) => c.points.map(() => j)));
      expect(rows.map((r) => r.x.map(String))).toEqual(ds.classes.flatMap((c) => c.points.map((x) => x.map(String))));
      expect(plan.targets.map((y) => y.map(String))).toEqual(ds.targets.map((y) => y.map(String)));
      expect(plan.name).toBe(ds.name);
      expect([...plan.rows()].length, 'the rows can be iterated again').toBe(rows.length);
    }
  });

  it('the bench writes its data with this generator: the file reads back to generateClusters', async () => {
    const { generateCsv } = await import('../bench/generate.ts');
    const path = await generateCsv({ Q: 3, M: 3, N: 30, seed: 11, delta: '1/5' });
    const loaded = loadDataFile(path);
    const ds = generateClusters({ Q: 3, M: 3, perClass: 10, delta: q('1/5'), separation: q('3'), seed: 11 });
    expect(loaded.classes.map((c) => c.points.map((x) => x.map(String)))).toEqual(ds.classes.map((c) => c.points.map((x) => x.map(String))));
  });
});
