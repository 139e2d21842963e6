/**
 * `dlgeom search` end to end: exit codes 0 / 1 / 2, identical output for the
 * same seed, one-line errors, --out files, and the store replayed first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIM_IDS } from './claims/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dlgeom-cli-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dlgeom(...args: string[]) {
  const res = spawnSync(process.execPath, ['bin/dlgeom.js', ...args], { cwd: root, encoding: 'utf8' });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('dlgeom search', () => {
  it('no counterexample: exit 0 and a clear sentence with the run count and seed', () => {
    const r = dlgeom('search', 'T1', '--runs', '20', '--seed', '5', '--no-store');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('T1: no counterexample in 20 runs (seed 5, max-q 3)');
    expect(r.stderr).toBe('');
  });

  it('counterexample: exit 1; --out writes fresh files; the store replays first, with the original replay line', () => {
    const store = join(dir, 'store');
    const out = join(dir, 'out');
    const a = dlgeom('search', 'D3-general', '--json', '--seed', '9', '--store', store, '--out', out);
    expect(a.status).toBe(1);
    const ja = JSON.parse(a.stdout);
    expect(ja.outcome).toBe('found');
    expect(ja.counterexample.origin).toBe('search');
    expect(ja.counterexample.replay).toMatch(/^dlgeom search D3-general --seed 9 --path [\d:]+ --max-q 3$/);
    expect(existsSync(join(out, 'D3-general-1.json'))).toBe(true);
    expect(existsSync(join(out, 'D3-general-1.evidence.json'))).toBe(true);
    expect(ja.counterexample.confirmedExactly).toBe(true);
    // (Identical output for the same seed is tested in-process in runner.test.ts; a process per run is slow.)
    // Human output, second run with the store: replayed from it, files under fresh names.
    const c = dlgeom('search', 'D3-general', '--seed', '12345', '--store', store, '--out', out);
    expect(c.status).toBe(1);
    expect(c.stdout.split('\n')[0]).toBe(`replaying 1 stored counterexample(s) of D3-general first, from ${store} (--no-store to skip)`);
    expect(c.stdout).toContain('COUNTEREXAMPLE replayed from the counterexample store (found earlier with seed 9)');
    expect(c.stdout).toContain('confirmed in exact arithmetic');
    expect(c.stdout).toContain(`replay: ${ja.counterexample.replay}`);
    expect(existsSync(join(out, 'D3-general-2.json'))).toBe(true);
  });

  it('bad input: one line and exit 2; an unknown claim id lists the valid ids', () => {
    const u = dlgeom('search', 'T9');
    expect(u.status).toBe(2);
    expect(u.stdout).toBe('');
    expect(u.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(u.stderr).toContain(`valid ids: ${CLAIM_IDS.join(', ')}`);
  });
});
