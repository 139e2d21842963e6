/**
 * The main job: `dlgeom prove` on the committed proofs/ matches the committed
 * baseline (exit 0), and its reports agree with each other — the JUnit file is
 * well-formed XML with one testcase per verdict and no failures, the JSON has
 * the same rows, the Markdown has a section per script. One subprocess run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Report {
  matchesBaseline: boolean;
  differences: unknown[];
  scripts: { script: string; rows: { verdict: string; claim: string; check: string; data: string }[] }[];
}

let dir: string;
let result: { code: number | null; stdout: string; stderr: string };
let report: Report;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-prove-cli-'));
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/dlgeom.js'), 'prove', '--json', '--junit', path.join(dir, 'junit.xml'), '--markdown', path.join(dir, 'report.md')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  result = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  report = JSON.parse(r.stdout) as Report;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dlgeom prove on proofs/ (the CI regression proof)', () => {
  it('matches the committed baseline: exit 0, no differences', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(report.matchesBaseline).toBe(true);
    expect(report.differences).toEqual([]);
  });

  it('runs every script of proofs/ (one per claim group)', () => {
    const scripts = readdirSync(path.join(ROOT, 'proofs')).filter((f) => f.endsWith('.proof.ts')).map((f) => f.replace('.proof.ts', '')).sort();
    expect(report.scripts.map((s) => s.script).sort()).toEqual(scripts);
    expect(scripts).toEqual(['deep-d1', 'deep-d2', 'deep-d3', 'representation', 'shallow-s1', 'shallow-s2', 'shallow-s3', 'truncation']);
  });

  it('the baseline holds exactly the verdicts of this run', () => {
    const baseline = JSON.parse(readFileSync(path.join(ROOT, 'proofs/baseline.json'), 'utf8')) as { verdicts: { script: string; claim: string; check: string; data: string; verdict: string }[] };
    const rows = report.scripts.flatMap((s) => s.rows.map((r) => ({ script: s.script, claim: r.claim, check: r.check, data: r.data, verdict: r.verdict })));
    const key = (e: { script: string; claim: string; check: string; data: string }) => `${e.script}|${e.claim}|${e.check}|${e.data}`;
    expect(new Map(rows.map((r) => [key(r), r.verdict]))).toEqual(new Map(baseline.verdicts.map((e) => [key(e), e.verdict])));
  });

  it('no verdict is "error", and every engine "verified" row names a re-checked certificate', () => {
    const rows = report.scripts.flatMap((s) => s.rows) as unknown as { verdict: string; kind: string; certificate?: { accepted: boolean } }[];
    expect(rows.filter((r) => r.verdict === 'error')).toEqual([]);
    const decided = rows.filter((r) => r.kind === 'engine' && (r.verdict === 'verified' || r.verdict === 'refuted'));
    expect(decided.length).toBeGreaterThan(0);
    for (const r of decided) expect(r.certificate?.accepted).toBe(true);
  });

  it('writes well-formed JUnit XML with one testcase per verdict and no failures', () => {
    const xml = readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suites = [doc.testsuites.testsuite].flat() as { name: string; tests: string; failures: string; errors: string; testcase: unknown }[];
    const rows = report.scripts.reduce((n, s) => n + s.rows.length, 0);
    expect(Number(doc.testsuites.tests)).toBe(rows);
    expect(doc.testsuites.failures).toBe('0');
    expect(doc.testsuites.errors).toBe('0');
    expect(suites.map((s) => s.name)).toEqual(report.scripts.map((s) => s.script));
    for (const [i, s] of suites.entries()) {
      expect([s.testcase].flat()).toHaveLength(report.scripts[i]!.rows.length);
      expect(Number(s.tests)).toBe(report.scripts[i]!.rows.length);
    }
  });

  it('writes a Markdown report with a section and a verdict table per script', () => {
    const md = readFileSync(path.join(dir, 'report.md'), 'utf8');
    expect(md).toContain('**All verdicts match the baseline.**');
    for (const s of report.scripts) expect(md).toContain(`## ${s.script} — `);
    expect(md).toContain('| claim · check | data | verdict | baseline | evidence | time |');
  });
});
