/**
 * Running the real `dlgeom` binary from tests (a child process, as a user runs it), and
 * the one-line error contract: exit 2, one line "dlgeom: …" on stderr, no stack trace.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const bin = path.join(root, 'bin', 'dlgeom.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dlgeom ...args` from the repository root. */
export function dlgeom(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, DLGEOM_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One line on stderr, naming the problem, no stack trace; nothing on stdout; exit 2. */
export function expectOneLineError(run: Run, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l.length > 0);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^dlgeom: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|\.ts:\d+/);
}
