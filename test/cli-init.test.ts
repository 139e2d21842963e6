/**
 * `dlgeom init` as a user runs it: scaffold a proofs project into a fresh temporary folder,
 * install this package into it from its path without network (`npm install --offline`: a
 * `file:` dependency is a link), and run `npx dlgeom prove` there — outside CI it writes the
 * baseline, then under CI=true it matches. A non-empty folder is refused without --force.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'dlgeom.js');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'dlgeom-init-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '', NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dlgeom init', () => {
  it('scaffolds a project that installs offline and proves with npx dlgeom prove', () => {
    const dir = path.join(tmp, 'my-proofs');
    const init = sh(process.execPath, [BIN, 'init', dir], tmp);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/next: cd .*my-proofs && npm install && npx dlgeom prove/);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'my-proofs', type: 'module', dependencies: { dlgeom: `file:${ROOT}` } });
    expect(JSON.parse(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')).compilerOptions.module).toBe('NodeNext');
    expect(JSON.parse(readFileSync(path.join(dir, 'proofs', 'baseline.json'), 'utf8'))).toMatchObject({ format: 'dlgeom/proof-baseline@1', verdicts: [] });
    expect(readFileSync(path.join(dir, 'proofs', 'example.proof.ts'), 'utf8')).toMatch(/from 'dlgeom'/);

    const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules', '.bin', 'dlgeom'))).toBe(true);

    const first = sh('npx', ['--offline', 'dlgeom', 'prove'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/written\s+example › D1 · engine › clusters-q2: \(no baseline entry\) → verified, written to the baseline/);
    const written = JSON.parse(readFileSync(path.join(dir, 'proofs', 'baseline.json'), 'utf8')).verdicts as { verdict: string }[];
    expect(written.length).toBe(6);
    expect(written.every((v) => v.verdict !== 'error')).toBe(true);

    const again = sh('npx', ['--offline', 'dlgeom', 'prove'], dir, { CI: 'true' });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('all match the baseline');

    // A second script under CI has no baseline entries: it fails and nothing is written.
    writeFileSync(path.join(dir, 'proofs', 'second.proof.ts'), readFileSync(path.join(dir, 'proofs', 'example.proof.ts'), 'utf8'));
    const ci = sh('npx', ['--offline', 'dlgeom', 'prove', '--ci'], dir);
    expect(ci.code).toBe(1);
    expect(ci.stdout).toMatch(/new\s+second › D1 · engine › clusters-q2/);
    expect(JSON.parse(readFileSync(path.join(dir, 'proofs', 'baseline.json'), 'utf8')).verdicts).toHaveLength(6);
  });

  it('refuses a non-empty folder without --force (exit 2, one line), and scaffolds into it with --force', () => {
    const dir = path.join(tmp, 'occupied');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const r = sh(process.execPath, [BIN, 'init', dir], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/occupied: not empty .*--force/);
    expect(existsSync(path.join(dir, 'package.json'))).toBe(false);

    const forced = sh(process.execPath, [BIN, 'init', dir, '--force', '--dlgeom', '^0.1.0'], tmp);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies).toEqual({ dlgeom: '^0.1.0' });
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('a path that is a file is refused (exit 2)', () => {
    const f = path.join(tmp, 'a-file');
    writeFileSync(f, 'x');
    const r = sh(process.execPath, [BIN, 'init', f], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a-file: exists and is not a folder/);
  });
});
