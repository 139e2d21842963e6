import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { InputError } from '../src/data/errors.ts';
import { registerLatex } from '../src/cli/latex.ts';
import { rationalLatex } from '../src/latex/number.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dlgeom-cli-latex-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real binary (slow to start: used only where the exit code and stderr matter). */
function dlgeom(...args: string[]) {
  const res = spawnSync(process.execPath, ['bin/dlgeom.js', ...args], { cwd: root, encoding: 'utf8' });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** The command in-process: its stdout, or the error it throws. */
async function latex(...args: string[]): Promise<{ stdout: string; error?: unknown }> {
  const program = new Command().exitOverride();
  registerLatex(program);
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'dlgeom', 'latex', ...args]);
    return { stdout };
  } catch (error) {
    return { stdout, error };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function expectOneLineError(res: ReturnType<typeof dlgeom>, ...parts: string[]) {
  expect(res.status).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(res.stderr).not.toMatch(/^ {4}at /m);
  for (const p of parts) expect(res.stderr).toContain(p);
}

describe('dlgeom latex', () => {
  it('-o writes the document and the values side file; refuses to overwrite without --force', async () => {
    const out = join(dir, 'd1.tex');
    expect((await latex('D1', '--example', 'clusters-q2', '-o', out)).error).toBeUndefined();
    const tex = readFileSync(out, 'utf8');
    expect(tex.startsWith('\\documentclass')).toBe(true);
    expect(tex).toContain('d1.values.json');
    const side = JSON.parse(readFileSync(join(dir, 'd1.values.json'), 'utf8'));
    expect(side).toMatchObject({ format: 'dlgeom/latex-values@1', claim: 'D1', data: { name: 'clusters-q2' }, layers: 2 });
    expect(side.values['ms (D1)']).toBe('0');

    writeFileSync(out, 'keep me');
    const again = await latex('D1', '--example', 'clusters-q2', '-o', out);
    expect(again.error).toBeInstanceOf(InputError);
    expect(String((again.error as Error).message)).toMatch(/already exists; use --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');

    expect((await latex('D1', '--example', 'clusters-q2', '-o', out, '--force')).error).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toBe(tex);
  });

  it('the binary: refusing to overwrite and an unknown claim id are one line each, exit 2', () => {
    const out = join(dir, 'exists.tex');
    writeFileSync(out, 'x');
    expectOneLineError(dlgeom('latex', 'S1', '--example', 'clusters-q2', '-o', out), out, 'already exists', '--force');
    expect(readFileSync(out, 'utf8')).toBe('x');
    expectOneLineError(dlgeom('latex', 'D4', '--example', 'clusters-q2'), 'unknown claim id "D4"', 'S1, S2, S3, D1, D1-degeneracy, D2, D3, R1, T');
  });

  it('without -o prints to stdout; --fragment has no preamble; --data reads a file', async () => {
    const data = join(dir, 'two.json');
    writeFileSync(
      data,
      JSON.stringify({ format: 'dlgeom/data@1', name: 'two', classes: [{ label: 'a', points: [[2, 0], [2, '1/2'], [3, 0]] }, { label: 'b', points: [[0, 2], ['1/2', 2], [0, 3]] }] }),
    );
    const res = await latex('S1', '--data', data, '--fragment');
    expect(res.error).toBeUndefined();
    expect(res.stdout).toContain('\\section{Data}');
    expect(res.stdout).toContain('two.json');
    expect(res.stdout).not.toContain('\\documentclass');
    expect(res.stdout).not.toContain('\\begin{document}');
    expect(existsSync(join(dir, 'two.values.json'))).toBe(false);
    const none = await latex('S1');
    expect((none.error as Error).message).toBe('give exactly one of --data <file> or --example <name>');
  });

  it('numbers and certificate hashes match the binary\'s verify --json --certificates', async () => {
    const certs = join(dir, 'certs');
    const v = dlgeom('verify', '--example', 'clusters-q3', '--skip-d2', '--json', '--certificates', certs);
    expect(v.status).toBe(0);
    const json = JSON.parse(v.stdout) as { quantities: Record<string, string>; claims: { id: string; bias?: string; ms?: string; certificate?: string | null }[] };
    expect((await latex('S3', '--example', 'clusters-q3', '-o', join(dir, 's3.tex'))).error).toBeUndefined();
    const tex = readFileSync(join(dir, 's3.tex'), 'utf8');
    const values = JSON.parse(readFileSync(join(dir, 's3.values.json'), 'utf8')).values as Record<string, unknown>;
    for (const k of ['Vfull2', 'Vnb2', 'U2', 'delta2', 'deltaP2']) {
      expect(values[k]).toBe(json.quantities[k]);
      expect(tex).toContain(rationalLatex(Rational.parse(json.quantities[k]!)).tex);
    }
    for (const c of json.claims.filter((x) => x.id === 'S3')) {
      expect(values[`ms (S3 ${c.bias})`]).toBe(c.ms);
      const file = readFileSync(join(certs, c.certificate!));
      expect(values[`certificate sha256 (S3 ${c.bias})`]).toBe(createHash('sha256').update(file).digest('hex'));
    }
  });
});
