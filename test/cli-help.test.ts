/**
 * `dlgeom --help` is answered without loading any command module (run.ts keeps a summary per
 * command); these summaries must say exactly what each command's own help says: the same
 * description and the same arguments. Bad input still gets one line and exit 2.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function dlgeom(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/dlgeom.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('dlgeom --help', () => {
  const overview = dlgeom('--help');
  const commands = [...overview.stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');

  it('lists every command', () => {
    expect(overview.code).toBe(0);
    for (const c of ['stats', 'verify', 'check', 'latex', 'search', 'prove', 'init']) expect(commands).toContain(c);
  });

  it("each summary is the command's own description and arguments", () => {
    for (const c of commands) {
      const own = dlgeom(c, '--help');
      expect(own.code, c).toBe(0);
      const [usage, description] = own.stdout.split(/\n\s*\n/);
      const args = flat(usage!.replace(/^Usage: dlgeom \S+/, '').replace('[options]', ''));
      expect(flat(overview.stdout), c).toContain(flat(`${c} ${args} ${description}`));
    }
  });

  it('an unknown command is one line and exit 2', () => {
    const r = dlgeom('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('--version prints the package version', () => {
    expect(dlgeom('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
