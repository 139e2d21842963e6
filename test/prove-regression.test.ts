/**
 * `dlgeom prove` as CI's regression proof, end to end (subprocesses): a
 * baseline that matches exits 0; a deliberately broken construction (a
 * perturbed output bias) exits 1 naming the regression old → new, and the
 * JUnit report counts it; the baseline is rewritten only with
 * --update-baseline; a missing entry is "new" and fails; bad options exit 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `dlgeom prove`; outside CI unless `env` says otherwise (the suite itself may run under CI=true). */
function prove(args: string[], cwd = ROOT, env: Record<string, string> = { CI: '' }): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/dlgeom.js'), 'prove', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A small D1 proof; with `perturb` its construction moves an output bias by 1/1000. */
function script(perturb: boolean): string {
  const src = (p: string) => JSON.stringify(path.join(ROOT, p));
  return `
import { Rational } from ${src('src/exact/rational.ts')};
import { buildD1 } from ${src('src/claims/d1-global-minimizers.ts')};
import { msExact } from ${src('src/network/cost.ts')};
import { defineProof, exact } from ${src('src/prove/index.ts')};

const PERTURB = ${perturb};

export default defineProof({
  claim: 'D1',
  title: 'D1 on clusters-q2 (regression test)',
  hypotheses: ['clusters-q2 is separable'],
  data: [{ example: 'clusters-q2' }],
  construct: (ds) => {
    const o = buildD1(ds, 2);
    if (o.kind !== 'built' || !PERTURB) return o;
    const net = o.construction.net;
    const b = net.output.b.map((v, i) => (i === 0 ? v.add(Rational.of(1, 1000)) : v));
    return { ...o, construction: { ...o.construction, net: { hidden: net.hidden, output: { W: net.output.W, b } } } };
  },
  latex: [{ claim: 'D1' }],
  assert: ({ ds, built, engine }) => [
    engine.D1(built),
    exact.isZero('D1', 'cost is exactly 0', () => (built.kind === 'built' ? msExact(built.construction.net, ds) : Rational.ONE)),
  ],
});
`;
}

let dir: string;
let file: string;
let baseline: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dlgeom-prove-'));
  // A user's scripts outside this package live in an ES-module package of their own.
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  file = path.join(dir, 'd1-small.proof.ts');
  baseline = path.join(dir, 'baseline.json');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('prove: baseline, regression, update', () => {
  it('under CI (--ci or CI=true) a verdict with no baseline entry fails as "new", and nothing is written', () => {
    writeFileSync(file, script(false));
    for (const [args, env] of [[['--ci'], { CI: '' }], [[], { CI: 'true' }]] as const) {
      const r = prove([file, ...args], ROOT, env);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/new\s+d1-small › D1 · engine › clusters-q2: \(no baseline entry\) → verified/);
      expect(r.stdout).toMatch(/have no baseline entry and CI .* does not write them/);
      expect(existsSync(baseline)).toBe(false);
    }
  });

  it('outside CI, verdicts with no baseline entry are written and reported "written" (exit 0); the next run matches', () => {
    const w = prove([file]);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/written\s+d1-small › D1 · engine › clusters-q2: \(no baseline entry\) → verified, written to the baseline/);
    expect(w.stdout).toMatch(/2 new verdict\(s\) written/);
    const b = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(b.format).toBe('dlgeom/proof-baseline@1');
    expect(b.verdicts).toEqual([
      { script: 'd1-small', claim: 'D1', check: 'engine', data: 'clusters-q2', verdict: 'verified' },
      { script: 'd1-small', claim: 'D1', check: 'cost is exactly 0', data: 'clusters-q2', verdict: 'holds' },
    ]);
    const r = prove([file], ROOT, { CI: 'true' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all match the baseline');
  });

  it('--update-baseline rewrites the baseline and says what changed', () => {
    rmSync(baseline);
    const u = prove([file, '--update-baseline']);
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(/baseline .*baseline\.json: created, 2 change\(s\)/);
    expect(JSON.parse(readFileSync(baseline, 'utf8')).verdicts).toHaveLength(2);
  });

  it('a broken construction (perturbed weight) fails with a regression message, and the baseline is left alone', () => {
    const before = readFileSync(baseline, 'utf8');
    writeFileSync(file, script(true));
    const junit = path.join(dir, 'junit.xml');
    const r = prove([file, '--junit', junit]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/regression\s+d1-small › D1 · engine › clusters-q2: verified → inconclusive/);
    expect(r.stdout).toMatch(/regression\s+d1-small › D1 · cost is exactly 0 › clusters-q2: holds → fails/);
    expect(r.stdout).toMatch(/2 verdict\(s\) differ from/);
    expect(readFileSync(baseline, 'utf8')).toBe(before);

    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites.tests).toBe('2');
    expect(doc.testsuites.failures).toBe('2');
    expect(doc.testsuites.errors).toBe('0');
    const cases = [doc.testsuites.testsuite.testcase].flat();
    expect(cases.map((c: { failure?: { type: string } }) => c.failure?.type)).toEqual(['regression', 'regression']);
  });

  it('--update-baseline accepts the change (exit 0) and records the new verdicts', () => {
    const u = prove([file, '--update-baseline']);
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(/updated, 2 change\(s\)/);
    expect(u.stdout).toMatch(/verified → inconclusive/);
    expect(JSON.parse(readFileSync(baseline, 'utf8')).verdicts.map((v: { verdict: string }) => v.verdict)).toEqual(['inconclusive', 'fails']);
  });

  it('repairing the construction is an unexpected change too ("improved"), and an entry no longer produced is "missing"', () => {
    writeFileSync(file, script(false));
    const b = JSON.parse(readFileSync(baseline, 'utf8'));
    b.verdicts.push({ script: 'd1-small', claim: 'D1', check: 'a check that was removed', data: 'clusters-q2', verdict: 'holds' });
    writeFileSync(baseline, JSON.stringify(b));
    const r = prove([file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/improved\s+d1-small › D1 · engine › clusters-q2: inconclusive → verified/);
    expect(r.stdout).toMatch(/missing\s+d1-small › D1 · a check that was removed › clusters-q2: holds → \(not produced\)/);
  });

  it('a script that does not load is an error verdict (exit 1), not a crash', () => {
    const bad = path.join(dir, 'sub', 'broken.proof.ts');
    mkdirSync(path.dirname(bad), { recursive: true });
    writeFileSync(bad, 'export default 42;\n');
    const r = prove([bad, '--baseline', baseline]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/! error/);
    expect(r.stdout).toContain('its default export is not defineProof');
    expect(r.stdout).toContain('an error is never recorded automatically');
    expect(readFileSync(baseline, 'utf8')).not.toContain('broken');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('prove --latex', () => {
  it('writes the declared documents, or names each one it skipped and why', () => {
    writeFileSync(file, script(false));
    const out = path.join(dir, 'tex');
    const r = prove([file, '--update-baseline', '--latex', out]);
    expect(r.code).toBe(0);
    const m = /LaTeX: (\d) file\(s\) written to \S+(?:, (\d) skipped)?/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1]) + Number(m![2] ?? 0)).toBe(1);
    if (m![1] === '1') expect(readFileSync(path.join(out, 'd1-small.D1.clusters-q2.tex'), 'utf8')).toMatch(/\\documentclass/);
    else expect(r.stdout).toMatch(/skipped .*d1-small\.D1\.clusters-q2\.tex: \S/);
  });

  it('refuses up front (exit 2) to replace an existing file without --force', () => {
    const out = path.join(dir, 'tex-existing');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'd1-small.D1.clusters-q2.tex'), 'mine');
    const r = prove([file, '--latex', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1 file\(s\) already exist .*use --force/);
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(out, 'd1-small.D1.clusters-q2.tex'), 'utf8')).toBe('mine');
  });
});

describe('prove: bad options exit 2 with one line', () => {
  const cases: [string, string[], RegExp][] = [
    ['--runs 0', ['--runs', '0'], /--runs: expected a whole number/],
    ['a missing path', ['no/such/dir'], /no\/such\/dir: no such file or folder/],
    ['an unknown option', ['--frobnicate'], /unknown option/],
  ];
  for (const [what, args, message] of cases)
    it(what, () => {
      const r = prove(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });

  it('a baseline that is not one', () => {
    const f = path.join(dir, 'not-a-baseline.json');
    writeFileSync(f, '{"hello": 1}');
    writeFileSync(file, script(false));
    const r = prove([file, '--baseline', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a dlgeom\/proof-baseline@1 file/);
  });
});
