/**
 * `dlgeom verify` and `dlgeom check` as a user runs them (the CLI is spawned):
 * the documented JSON shape, certificate files, refusal to overwrite, and the
 * exit codes 0 / 1 / 2 with one-line messages and no stack traces.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { serializeDataSet } from '../src/data/write.ts';
import { Rational } from '../src/exact/rational.ts';
import { verify } from '../src/claims/verify.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import type { Certificate } from '../src/certificates/format.ts';
import { dlgeom, expectOneLineError, root, type Run } from './support/cli.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';




const FRACTION = /^-?\d+(\/[1-9]\d*)?$/;
const reduced = (s: string) => FRACTION.test(s) && Rational.parse(s).toString() === s && !s.endsWith('/1');

const dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-cli-'));
const certDir = path.join(dir, 'certs');
const dataFile = path.join(dir, 'clusters-q3.json');

// Each spawn pays the CLI's start-up (several seconds of CPU under tsx), so the runs are few:
// one verify that writes certificates, then every other invocation concurrently.
type Snapshot = (readonly [string, string, number])[];
const snapshot = (): Snapshot => readdirSync(certDir).sort().map((f) => [f, readFileSync(path.join(certDir, f), 'utf8'), statSync(path.join(certDir, f)).mtimeMs] as const);
let first: Run;
let before: Snapshot;
const runs: Record<'refuse' | 'good' | 'all' | 'mixed' | 'tampered' | 'garbage' | 'missingData' | 'cost' | 'layers' | 'example' | 'malformed', Run> = {} as never;

beforeAll(async () => {
  writeFileSync(dataFile, serializeDataSet(loadExample('clusters-q3')));
  first = await dlgeom('verify', dataFile, '--json', '--certificates', certDir);
  before = snapshot();
  const tampered = path.join(dir, 'S3_free-tampered.json');
  const cert = JSON.parse(readFileSync(path.join(certDir, 'S3_free.json'), 'utf8')) as Certificate & { ms: string };
  cert.ms = Rational.parse(cert.ms).add(Rational.of(1n, 997n)).toString();
  writeFileSync(tampered, JSON.stringify(cert));
  const garbage = path.join(dir, 'garbage.json');
  writeFileSync(garbage, 'this is not json\n');
  const malformed = path.join(dir, 'malformed.json');
  const mixed = path.join(dir, 'mixed');
  mkdirSync(mixed);
  copyFileSync(path.join(certDir, 'D1.json'), path.join(mixed, 'a-D1.json'));
  copyFileSync(tampered, path.join(mixed, 'b-tampered.json'));
  copyFileSync(garbage, path.join(mixed, 'c-garbage.json'));
  writeFileSync(malformed, JSON.stringify({ format: 'dlgeom/data@1', classes: [{ label: 'a', points: [['1', '2']] }, { label: 'b', points: [['3', 'x']] }] }));
  const entries = await Promise.all(
    Object.entries({
      refuse: ['verify', dataFile, '--certificates', certDir],
      good: ['check', path.join(certDir, 'D1.json'), '--data', dataFile],
      all: ['check', certDir, '--data', dataFile],
      mixed: ['check', mixed, '--data', dataFile],
      tampered: ['check', tampered, '--data', dataFile],
      garbage: ['check', garbage, '--data', dataFile],
      missingData: ['check', path.join(certDir, 'D1.json'), '--data', path.join(dir, 'no-such-data.json')],
      cost: ['verify', '--example', 'clusters-q2', '--cost', 'foo'],
      layers: ['verify', '--example', 'clusters-q2', '--layers', '0'],
      example: ['verify', '--example', 'no-such-example'],
      malformed: ['verify', malformed],
    }).map(async ([k, args]) => [k, await dlgeom(...args)] as const),
  );
  for (const [k, run] of entries) runs[k as keyof typeof runs] = run;
}, 400_000); // ~10 CLI start-ups; generous for a loaded machine

describe('dlgeom verify --json --certificates', () => {
  it('exits 0 with JSON only on stdout', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(() => JSON.parse(first.stdout)).not.toThrow();
  });

  it('has the documented shape: data, quantities as reduced fractions, claims with id/status/reason', () => {
    const out = JSON.parse(first.stdout);
    expect(out.format).toBe('dlgeom/verify@1');
    expect(out.data).toMatchObject({ name: 'clusters-q3', Q: 3, M: 3, N: 12, classSizes: [4, 4, 4], source: { kind: 'file', path: dataFile } });
    expect(out.data.classLabels).toHaveLength(3);
    expect(out.options).toEqual({ layers: 3, cost: 'norm' });
    expect(Object.keys(out.quantities).sort()).toEqual(['U2', 'Vfull2', 'Vnb2', 'delta2', 'deltaP2']);
    for (const v of Object.values(out.quantities)) expect(reduced(v as string), String(v)).toBe(true);
    // The same exact values as the in-process engine.
    const q = verify(loadExample('clusters-q3'), { skipD2: true }).quantities;
    expect(out.quantities).toEqual({ delta2: q.delta2.toString(), deltaP2: q.deltaP2!.toString(), U2: q.U2!.toString(), Vfull2: q.Vfull2.toString(), Vnb2: q.Vnb2.toString() });

    const ids = new Set(['S1', 'S2', 'S3', 'D1', 'D1-degeneracy', 'D2', 'D3', 'R1']);
    const statuses = new Set(['verified', 'refuted', 'inconclusive', 'not-applicable']);
    expect(Array.isArray(out.claims)).toBe(true);
    for (const c of out.claims) {
      expect(ids.has(c.id), c.id).toBe(true);
      expect(statuses.has(c.status), c.status).toBe(true);
      expect(typeof c.reason).toBe('string');
      expect(c.reason.length).toBeGreaterThan(0);
      if (c.ms !== undefined) {
        expect(reduced(c.ms), c.ms).toBe(true);
        // cost: C under --cost norm, i.e. √ms — exact exactly when ms is a rational square.
        const ms = Rational.parse(c.ms);
        expect(c.cost.convention).toBe('norm');
        expect(c.cost.float).toBeCloseTo(Math.sqrt(toNumber(ms)), 12);
        if (c.cost.exact !== null) expect(Rational.parse(c.cost.exact).square().eq(ms)).toBe(true);
        expect(c.value).toBeUndefined();
      }
      if (c.status === 'verified' || c.status === 'refuted') expect(typeof c.certificate).toBe('string');
    }
    expect(new Set(out.claims.map((c: { id: string }) => c.id))).toEqual(ids);
    const s3 = out.claims.filter((c: { id: string }) => c.id === 'S3');
    expect(s3.map((c: { bias: string }) => c.bias).sort()).toEqual(['free', 'tied']);
    const d2 = out.claims.filter((c: { id: string }) => c.id === 'D2');
    expect(d2).toHaveLength(2 * 7);
    for (const c of d2) {
      expect(['all-parameters', 'output-layer']).toContain(c.sense);
      expect(Array.isArray(c.subset)).toBe(true);
      expect(c.subset.every((j: number) => Number.isInteger(j) && j >= 1 && j <= 3)).toBe(true);
      expect(c.subset.length).toBeLessThan(3);
    }
    expect(d2.some((c: { subset: number[] }) => c.subset.length === 0)).toBe(true);
    expect(d2.some((c: { subset: number[] }) => c.subset.includes(3))).toBe(true); // 1-based: class 3 appears
    for (const c of out.claims.filter((x: { id: string }) => x.id !== 'S3')) expect(c.bias).toBeUndefined();
    expect(out.d2).toMatchObject({ candidates: 7, built: 7 });
  });

  it('writes one certificate file per verified/refuted claim, named in the JSON, each accepted by the checker', () => {
    const out = JSON.parse(first.stdout);
    const files = before.map(([f]) => f);
    const named = out.claims.filter((c: { certificate?: string | null }) => c.certificate).map((c: { certificate: string }) => c.certificate).sort();
    expect(files).toEqual(named);
    for (const f of ['D1.json', 'S3_tied.json', 'D2_Jnone_all-parameters.json', 'D2_J1-2_output-layer.json']) expect(files).toContain(f);
    const ds = loadExample('clusters-q3');
    for (const [f, text] of before) expect(checkCertificate(JSON.parse(text) as Certificate, ds).ok, f).toBe(true);
  });

  it('refuses a folder that already holds certificates: exit 2, one line, the files untouched', () => {
    expectOneLineError(runs.refuse, /already holds \d+ certificate file\(s\).*--force/);
    expect(snapshot()).toEqual(before);
  });
});

describe('dlgeom verify --skip-d2', () => {
  it('says in the table and in the JSON that D2 was skipped, and gives no D2 verdict', async () => {
    const [table, json] = await Promise.all([dlgeom('verify', '--example', 'clusters-q2', '--skip-d2'), dlgeom('verify', '--example', 'clusters-q2', '--skip-d2', '--json')]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/D2: skipped \(--skip-d2\)/);
    const out = JSON.parse(json.stdout);
    expect(out.d2).toBe('skipped (--skip-d2)');
    expect(out.claims.some((c: { id: string }) => c.id === 'D2')).toBe(false);
  });
});

describe('dlgeom check', () => {
  it('exit 0 on a good certificate, re-checked from the data file alone', () => {
    expect(runs.good.code).toBe(0);
    expect(runs.good.stdout).toMatch(/^certificate valid: D1 verified: This network with L = \d+ ≥ Q = \d+ hidden layers has cost exactly 0/);
  });

  it('exit 1 on a tampered certificate, with the reason', () => {
    expect(runs.tampered.code).toBe(1);
    expect(runs.tampered.stdout).toMatch(/^certificate invalid: it states S3 \(\w+ bias\) verified, but ms is .* the certificate says /);
    expect(runs.tampered.stderr).toBe('');
  });

  it('on a directory: one line per certificate, each re-checked; exit 0 when all hold, else 2 (unusable) over 1 (invalid)', () => {
    const names = readdirSync(certDir).filter((f) => f.endsWith('.json')).sort();
    expect(runs.all.code).toBe(0);
    expect(runs.all.stdout.split('\n').filter((l) => !l.startsWith('  ') && l)).toEqual(names.map((f) => expect.stringMatching(new RegExp(`^${f.replace('.', '\\.')}: certificate valid: `))));
    expect(runs.mixed.code).toBe(2);
    expect(runs.mixed.stdout).toMatch(/^a-D1\.json: certificate valid: D1 verified/);
    expect(runs.mixed.stdout).toMatch(/\nb-tampered\.json: certificate invalid: it states S3/);
    expect(runs.mixed.stderr).toMatch(/^dlgeom: \S*c-garbage\.json: cannot read certificate[^\n]*\n$/);
  });

  it('exit 2 on a garbage file and on a missing data file', () => {
    expectOneLineError(runs.garbage, /garbage\.json: cannot read certificate/);
    expectOneLineError(runs.missingData, /no-such-data\.json/);
  });
});

describe('bad options and bad data: one line, exit 2', () => {
  it('--cost foo, --layers 0, an unknown example, a malformed data file', () => {
    expectOneLineError(runs.cost, /--cost.*"foo"/);
    expectOneLineError(runs.layers, /--layers.*"0"/);
    expectOneLineError(runs.example, /unknown example "no-such-example"/);
    expectOneLineError(runs.malformed, /malformed\.json.*"x"|malformed\.json.*class 2.*point 1/);
  });
});
