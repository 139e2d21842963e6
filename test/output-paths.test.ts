/**
 * Output places (src/util/output-paths.ts): created one level at a time, refused with one
 * line when under a file, in /proc, or otherwise impossible; checks leave nothing behind.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/data/errors.ts';
import { checkOutputDir, checkOutputFile, ensureOutputDir } from '../src/util/output-paths.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dlgeom-paths-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = path.join(tmp, 'a-file');
writeFileSync(file, 'x');

const refusal = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('output folders', () => {
  it('ensureOutputDir creates the folder and its missing parents, and accepts an existing folder', () => {
    const dir = path.join(tmp, 'new', 'a', 'b');
    ensureOutputDir(dir, '--out x');
    expect(statSync(dir).isDirectory()).toBe(true);
    ensureOutputDir(dir, '--out x');
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('checkOutputDir creates nothing, and leaves an existing folder alone', () => {
    const dir = path.join(tmp, 'checked', 'a');
    checkOutputDir(dir, '--out x');
    expect(existsSync(path.join(tmp, 'checked'))).toBe(false);
    const existing = path.join(tmp, 'existing');
    mkdirSync(existing);
    checkOutputDir(existing, '--out x');
    expect(statSync(existing).isDirectory()).toBe(true);
  });

  it('refuses a file, a place under a file, /proc and the root’s impossible children, naming the option and the place', () => {
    expect(refusal(() => ensureOutputDir(file, '--certificates F'))).toBe(`--certificates F: ${file} is a file, not a folder`);
    expect(refusal(() => ensureOutputDir(path.join(file, 'sub', 'x'), '--certificates F/sub/x'))).toBe(`--certificates F/sub/x: ${file} is a file, not a folder`);
    expect(refusal(() => checkOutputDir('/proc/dlgeom-nope/a', '--out P'))).toBe('--out P: cannot create folder /proc/dlgeom-nope (no such file or directory)');
    expect(existsSync('/proc/dlgeom-nope')).toBe(false);
    expect(refusal(() => ensureOutputDir(path.join(tmp, 'nul\u0000x'), '--out N'))).toMatch(/^--out N: cannot use /);
  });
});

describe('output files', () => {
  it('accepts a new file in a creatable folder (creating nothing) and an existing file', () => {
    const f = path.join(tmp, 'files', 'deep', 'report.xml');
    checkOutputFile(f, '--junit f');
    expect(existsSync(path.join(tmp, 'files'))).toBe(false);
    checkOutputFile(file, '--junit f');
  });

  it('refuses a folder, a place under a file, and /proc', () => {
    expect(refusal(() => checkOutputFile(tmp, '-o T'))).toBe(`-o T: ${tmp} is a folder, not a file`);
    expect(refusal(() => checkOutputFile(path.join(file, 'x.tex'), '-o X'))).toBe(`-o X: ${file} is a file, not a folder`);
    expect(refusal(() => checkOutputFile('/proc/dlgeom-nope/x.tex', '-o P'))).toBe('-o P: cannot create folder /proc/dlgeom-nope (no such file or directory)');
  });
});
