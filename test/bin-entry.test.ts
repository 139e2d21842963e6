/**
 * Development never runs stale output: bin/dlgeom.js runs dist/ only while its build stamp is
 * newer than every source file, and otherwise the TypeScript sources (through tsx), where a
 * script's `import 'dlgeom'` gets those same sources. Checked on a fake checkout in a temp folder.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEntry, STAMP } from '../bin/entry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let fake: string;

function write(rel: string, text: string, at: Date): void {
  const f = path.join(fake, rel);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, text);
  utimesSync(f, at, at);
}
const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

beforeAll(() => {
  fake = mkdtempSync(path.join(tmpdir(), 'dlgeom-entry-'));
  for (const f of ['dlgeom.js', 'entry.js', 'source-hooks.js']) {
    mkdirSync(path.join(fake, 'bin'), { recursive: true });
    copyFileSync(path.join(ROOT, 'bin', f), path.join(fake, 'bin', f));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(fake, 'node_modules'), 'dir');
  writeFileSync(path.join(fake, 'package.json'), JSON.stringify({ name: 'dlgeom', type: 'module', exports: { '.': './dist/src/index.js' } }));
  // Each entry reports which code ran, and which code `import 'dlgeom'` reached.
  write('dist/src/cli/main.js', "const m = await import('dlgeom'); console.log('compiled', m.where);\n", t(10));
  write('dist/src/index.js', "export const where = 'dist';\n", t(10));
  write('src/cli/main.ts', "const m: { where: string } = await import('dlgeom'); console.log('sources', m.where);\n", t(5));
  write('src/index.ts', "export const where: string = 'src';\n", t(5));
  write('properties/p.ts', 'export {};\n', t(5));
});
afterAll(() => rmSync(fake, { recursive: true, force: true }));

function runBin(env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [path.join(fake, 'bin', 'dlgeom.js')], { encoding: 'utf8', env: { ...process.env, DLGEOM_ENTRY: '', ...env } });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe('bin: dist/ or the sources', () => {
  it('no build stamp: the sources, and their own index for `dlgeom`', () => {
    expect(chooseEntry(fake, undefined)).toMatchObject({ kind: 'sources' });
    expect(runBin()).toBe('sources src');
  });

  it('a stamp newer than every source: dist/', () => {
    write(`dist/${STAMP}`, 'built\n', t(20));
    expect(chooseEntry(fake, undefined)).toEqual({ kind: 'dist', reason: 'dist/ is up to date' });
    expect(runBin()).toBe('compiled dist');
  });

  it('a source edited after the build (also under properties/): the sources again', () => {
    write('src/cli/other.ts', 'export {};\n', t(30));
    expect(chooseEntry(fake, undefined)).toMatchObject({ kind: 'sources' });
    expect(runBin()).toBe('sources src');
    utimesSync(path.join(fake, 'src/cli/other.ts'), t(5), t(5));
    write('properties/q.ts', 'export {};\n', t(30));
    expect(chooseEntry(fake, undefined).kind).toBe('sources');
    rmSync(path.join(fake, 'properties/q.ts'));
    expect(chooseEntry(fake, undefined).kind).toBe('dist');
  });

  it('DLGEOM_ENTRY forces either one', () => {
    expect(runBin({ DLGEOM_ENTRY: 'sources' })).toBe('sources src');
    expect(chooseEntry(fake, 'dist').kind).toBe('dist');
  });

  it('neither a build nor sources (an install whose prepare did not run): one line, exit 2', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'dlgeom-entry-bare-'));
    mkdirSync(path.join(bare, 'bin'));
    for (const f of ['dlgeom.js', 'entry.js', 'source-hooks.js']) copyFileSync(path.join(ROOT, 'bin', f), path.join(bare, 'bin', f));
    const r = spawnSync(process.execPath, [path.join(bare, 'bin', 'dlgeom.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/dlgeom: not built .*npm run build/);
    rmSync(bare, { recursive: true, force: true });
  });

  it('an installed package (no sources) always runs dist/', () => {
    const installed = mkdtempSync(path.join(tmpdir(), 'dlgeom-entry-installed-'));
    mkdirSync(path.join(installed, 'dist'));
    writeFileSync(path.join(installed, 'dist', STAMP), 'x');
    expect(chooseEntry(installed, undefined)).toMatchObject({ kind: 'dist' });
    rmSync(installed, { recursive: true, force: true });
  });
});
