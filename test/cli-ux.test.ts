/**
 * The command line as a new user meets it (the CLI is spawned): typos get the nearest
 * command / option / claim id / example in one line (exit 2), --help lists the examples,
 * explain prints a claim's hypotheses, verify says what can be decided before its table,
 * generate writes exact data and never overwrites without --force, prove refuses to replace
 * a --junit / --markdown file before running, and the counterexample store is the project's.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectStoreDir } from '../src/search/store.ts';
import { loadDataFile } from '../src/data/load.ts';
import { classStats } from '../src/data/stats.ts';
import { Rational } from '../src/exact/rational.ts';
import { ge } from '../src/exact/rational-shorthands.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/dlgeom.js');
const dir = mkdtempSync(join(tmpdir(), 'dlgeom-cli-ux-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function dlgeom(args: string[], cwd = root): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, DLGEOM_DEBUG: '', NO_COLOR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function oneLineError(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

// Spawns pay the CLI's start-up each; they run once, in parallel, and the tests read the results.
const runs: Record<string, Run> = {};
const gen = join(dir, 'plane.json');
const junit = join(dir, 'existing.xml');

beforeAll(async () => {
  writeFileSync(junit, '<keep/>');
  const first = await Promise.all([
    dlgeom(['verfy']),
    dlgeom(['verify', '--jsno', '--example', 'clusters-q2']),
    dlgeom(['verify', '--example', 'clusters-q5']),
    dlgeom(['explain', 'D21']),
    dlgeom(['explain', 'D1', '--example', 'overlap-q2']),
    dlgeom(['--help']),
    dlgeom(['generate', 'clusters', '--classes', '3', '--dim', '2', '--per-class', '4', '--delta', '1/10', '--seed', '3', '-o', gen]),
    dlgeom(['prove', '--junit', junit]),
    dlgeom(['generate', 'clustrs', '--classes', '3']),
  ]);
  [runs.verfy, runs.jsno, runs.example, runs.explainTypo, runs.explain, runs.help, runs.generate, runs.junit, runs.kind] = first;
  const second = await Promise.all([
    dlgeom(['generate', 'clusters', '--classes', '3', '--dim', '2', '--per-class', '4', '--delta', '1/10', '-o', gen]),
    dlgeom(['verify', gen]),
    dlgeom(['verify', gen, '-q']),
  ]);
  [runs.again, runs.verify, runs.quiet] = second;
});

describe('typos', () => {
  it('a command, an option, an example name and a claim id get "did you mean", one line, exit 2', () => {
    oneLineError(runs.verfy!, /unknown command 'verfy' \(did you mean 'verify'\?\)$/m);
    oneLineError(runs.jsno!, /unknown option '--jsno' \(did you mean '--json'\?\)$/m);
    oneLineError(runs.example!, /unknown example "clusters-q5" \(did you mean 'clusters-q2', 'clusters-q3' or 'clusters-q4'\?\)/);
    oneLineError(runs.explainTypo!, /unknown claim id "D21" \(did you mean 'D1' or 'D2'\?\)/);
    oneLineError(runs.kind!, /unknown kind "clustrs" \(did you mean 'clusters'\?\)/);
  });

  it('--help lists the built-in examples and the claim ids', () => {
    expect(runs.help!.code).toBe(0);
    expect(runs.help!.stdout).toMatch(/Built-in examples \(--example <name>.*\): iris, clusters-q2, clusters-q3, clusters-q3-m5, clusters-q4, overlap-q2/);
    expect(runs.help!.stdout).toMatch(/explain\s/);
    expect(runs.help!.stdout).toMatch(/generate\s/);
  });
});

describe('hypotheses up front', () => {
  it('explain prints the claim, its hypotheses, its evidence kinds, a command, and whether they hold on given data', () => {
    const out = runs.explain!.stdout;
    expect(runs.explain!.code).toBe(0);
    expect(out).toMatch(/^D1 — explicit global minimizers/);
    expect(out).toContain('L ≥ Q hidden layers');
    expect(out).toContain('M ≥ Q');
    expect(out).toContain('cost-zero');
    expect(out).toContain('convex-overlap');
    expect(out).toContain('try: dlgeom verify --example');
    expect(out).toMatch(/on overlap-q2 \(Q = 2, M = 2, rank X̄ = 2, L = 2\): decided if the classes can be separated/);
  });

  it('verify prints what can be decided before the table, and no vacuous summary', () => {
    const out = runs.verify!.stdout;
    expect(runs.verify!.code).toBe(0);
    const lines = out.split('\n');
    expect(lines[1]).toMatch(/^what can be decided on this data: decidable here: R1, S3; not applicable: S1, S2 \(M = 2 < Q = 3/);
    expect(out.indexOf('what can be decided')).toBeLessThan(out.indexOf('┌'));
    expect(out).not.toMatch(/≈ n\/a|distinct points: yes/);
    expect(out).toContain('D2: none of the 7 candidates could be built');
  });

  it('verify -q: one line per claim, D2 as one line', () => {
    const lines = runs.quiet!.stdout.trimEnd().split('\n');
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(/^S1: not applicable — /),
      expect.stringMatching(/^S2: not applicable — /),
      expect.stringMatching(/^S3 \(free bias\): /),
      expect.stringMatching(/^S3 \(tied bias\): /),
      expect.stringMatching(/^D1: not applicable — /),
      expect.stringMatching(/^D1-degeneracy: not applicable — /),
      expect.stringMatching(/^D3: not applicable — /),
      expect.stringMatching(/^R1: /),
      expect.stringMatching(/^D2: none of the 7 candidates/),
    ]);
  });
});

describe('files and state', () => {
  it('generate writes exact data with the requested δ and says what can be decided; a second run refuses to overwrite', () => {
    expect(runs.generate!.code).toBe(0);
    expect(runs.generate!.stdout).toMatch(/^wrote .*plane\.json\n.*Q = 3, M = 2, N = 12 \(4 a class\), rank X̄ = 2/);
    expect(runs.generate!.stdout).toContain('what can be decided on this data');
    const ds = loadDataFile(gen);
    const d2 = classStats(ds).delta2;
    expect(d2.le(Rational.parse('1/100')) && ge(d2, Rational.parse('0.0099998'))).toBe(true);
    oneLineError(runs.again!, /plane\.json: already exists; use --force/);
  });

  it('prove refuses an existing --junit file without --force before running anything', () => {
    oneLineError(runs.junit!, /--junit .*existing\.xml: already exists; use --force/);
    expect(readFileSync(junit, 'utf8')).toBe('<keep/>');
  });

  it('the store is the project\'s .dlgeom/, from any sub-folder; without a package.json, the folder itself', () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'a', 'b'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{}');
    expect(projectStoreDir(join(project, 'a', 'b'))).toBe(join(project, '.dlgeom', 'counterexamples'));
    expect(projectStoreDir(project)).toBe(join(project, '.dlgeom', 'counterexamples'));
    expect(projectStoreDir(root)).toBe(join(root, '.dlgeom', 'counterexamples'));
    const lone = mkdtempSync(join(tmpdir(), 'dlgeom-no-project-'));
    try {
      // (tmpdir has no package.json above it on a normal system)
      if (!existsSync(join(tmpdir(), 'package.json')) && !existsSync('/package.json')) expect(projectStoreDir(lone)).toBe(join(lone, '.dlgeom', 'counterexamples'));
    } finally {
      rmSync(lone, { recursive: true, force: true });
    }
  });
});
