/**
 * The user-written proof in README.md ("A proof of your own") is the file
 * proofs/examples/d1-shift.proof.ts, word for word, and it really runs: its
 * verdicts match its committed baseline. The README's first two commands are
 * the main job and the tests.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const EXAMPLE = 'proofs/examples/d1-shift.proof.ts';

/** The first ```ts block after the heading `heading`. */
function codeBlockAfter(heading: string): string {
  const at = README.indexOf(heading);
  expect(at).toBeGreaterThanOrEqual(0);
  const m = /```ts\n([\s\S]*?)```/.exec(README.slice(at));
  expect(m).not.toBeNull();
  return m![1]!;
}

describe('README', () => {
  it('starts with the main job and the tests', () => {
    const first = /```sh\n([\s\S]*?)```/.exec(README)![1]!.trim().split('\n');
    expect(first[0]).toMatch(/^npm ci && npx dlgeom prove\s/);
    expect(first[1]).toMatch(/^npm ci && npm test\s/);
  });

  it('shows the example proof exactly as it is in proofs/examples/', () => {
    expect(codeBlockAfter('### A proof of your own')).toBe(readFileSync(path.join(ROOT, EXAMPLE), 'utf8'));
    expect(codeBlockAfter('### A proof of your own').split('\n').length).toBeLessThanOrEqual(45);
  });

  it('the example proof runs and matches its baseline', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/dlgeom.js'), 'prove', EXAMPLE, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { matchesBaseline: boolean; scripts: { rows: { claim: string; verdict: string }[] }[] };
    expect(report.matchesBaseline).toBe(true);
    expect(report.scripts[0]!.rows.map((x) => `${x.claim}:${x.verdict}`)).toEqual(['D1:verified', 'D1-shift:holds', 'D1:verified', 'D1-shift:holds', 'D1-shift:passed']);
  });
});
