/**
 * Every JSON output validates against its schema in schemas/ — checked on REAL outputs: the
 * commands are run on examples (verify, stats, search, prove), and the files they write
 * (certificates, counterexample evidence and data, the baseline) are validated too. Each
 * schema must also reject a damaged document, so the validation can fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = path.join(ROOT, 'schemas');

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
for (const f of readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')));

function expectValid(schema: string, doc: unknown, what: string): void {
  const validate = ajv.getSchema(schema);
  if (!validate) throw new Error(`no schema ${schema}`);
  const ok = validate(doc);
  expect(ok, `${what} against ${schema}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`).toBe(true);
}

function expectInvalid(schema: string, doc: unknown): void {
  expect(ajv.getSchema(schema)!(doc)).toBe(false);
}

function dlgeom(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/dlgeom.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]): Record<string, unknown> {
  const r = dlgeom(args);
  if (r.stdout.trim() === '') throw new Error(`dlgeom ${args.join(' ')}: no output (exit ${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-schemas-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JSON outputs against schemas/ (real outputs)', () => {
  it('every schema compiles (strict mode) and every output names its format', () => {
    for (const f of readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'))) expect(ajv.getSchema(f), f).toBeDefined();
  });

  it('verify --json (full and --skip-d2, two conventions) and every certificate it writes', () => {
    const certs = path.join(dir, 'certs');
    const full = json(['verify', '--example', 'clusters-q2', '--json', '--certificates', certs, '--cost', 'mse']);
    expect(full.format).toBe('dlgeom/verify@1');
    expectValid('verify.schema.json', full, 'verify clusters-q2');
    const skipped = json(['verify', '--example', 'overlap-q2', '--json', '--skip-d2']);
    expectValid('verify.schema.json', skipped, 'verify overlap-q2 --skip-d2');
    const files = readdirSync(certs);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expectValid('certificate.schema.json', JSON.parse(readFileSync(path.join(certs, f), 'utf8')), f);
    const kinds = new Set(files.map((f) => (JSON.parse(readFileSync(path.join(certs, f), 'utf8')) as { evidence: { kind: string } }).evidence.kind));
    expect(kinds.size).toBeGreaterThan(3);

    expectInvalid('verify.schema.json', { ...full, format: 'dlgeom/verify@2' });
    expectInvalid('verify.schema.json', { ...full, claims: [{ id: 'S1', status: 'verified', reason: 'x', ms: '0.5', cost: { convention: 'mse', exact: '1/2', float: 0.5 } }] });
    const cert = JSON.parse(readFileSync(path.join(certs, files[0]!), 'utf8')) as Record<string, unknown>;
    expectInvalid('certificate.schema.json', { ...cert, evidence: { kind: 'trust-me' } });
  });

  it('stats --json, with and without δ_P²', () => {
    const iris = json(['stats', '--example', 'iris', '--json']);
    expect(iris.format).toBe('dlgeom/stats@1');
    expectValid('stats.schema.json', iris, 'stats iris');
    const rd = path.join(dir, 'rank-deficient.json');
    writeFileSync(rd, '{"format":"dlgeom/data@1","classes":[{"label":"a","points":[[1,1]]},{"label":"b","points":[["1/2","1/2"],["3/2","3/2"]]}]}');
    const deficient = json(['stats', rd, '--json']);
    expect((deficient.quantities as { deltaP2: unknown }).deltaP2).toBeNull();
    expectValid('stats.schema.json', deficient, 'stats of rank-deficient data');
    expectInvalid('stats.schema.json', { ...iris, quantities: { ...(iris.quantities as object), delta2: 0.5 } });
  });

  it('search --json (found, with the files of --out; and none)', () => {
    const out = path.join(dir, 'found');
    const found = json(['search', 'D3-general', '--json', '--seed', '9', '--no-store', '--out', out]);
    expect(found.format).toBe('dlgeom/search@1');
    expect(found.outcome).toBe('found');
    expectValid('search.schema.json', found, 'search D3-general');
    for (const f of readdirSync(out)) {
      const doc = JSON.parse(readFileSync(path.join(out, f), 'utf8'));
      expectValid(f.endsWith('.evidence.json') ? 'counterexample.schema.json' : 'data.schema.json', doc, f);
    }
    const none = json(['search', 'D3', '--json', '--runs', '3', '--no-store']);
    expect(none.outcome).toBe('none');
    expectValid('search.schema.json', none, 'search D3');
    expectInvalid('search.schema.json', { ...found, counterexample: undefined });
  });

  it('prove --json, and the baselines in proofs/', () => {
    const report = json(['prove', 'proofs/examples/d1-shift.proof.ts', '--json']);
    expect(report.format).toBe('dlgeom/prove-report@1');
    expectValid('prove-report.schema.json', report, 'prove d1-shift');
    for (const b of ['proofs/baseline.json', 'proofs/examples/baseline.json']) expectValid('proof-baseline.schema.json', JSON.parse(readFileSync(path.join(ROOT, b), 'utf8')), b);
  });

  it('the data files in examples/', () => {
    for (const f of readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))) expectValid('data.schema.json', JSON.parse(readFileSync(path.join(ROOT, 'examples', f), 'utf8')), f);
    expectInvalid('data.schema.json', { format: 'dlgeom/data@1', classes: [{ label: 'a', points: [['1', 'x']] }, { label: 'b', points: [[2]] }] });
  });
});
