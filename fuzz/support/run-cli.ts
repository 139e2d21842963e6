/**
 * Runs `dlgeom` in-process (src/cli/run.ts) and captures what it writes, so a fuzz
 * case costs milliseconds instead of a Node start-up. `expectCleanOutcome` is the
 * harness's one assertion: a verdict (exit 0/1) or exit 2 with exactly one line on
 * stderr — never exit 3, a stack trace, or a multi-line error.
 */
import { expect } from 'vitest';
import { runCli } from '../../src/cli/run.ts';

export interface CliOutcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `dlgeom …args` in this process; stdout and stderr captured (not shown). */
export async function runInProcess(args: readonly string[]): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture((s) => (stdout += s));
  process.stderr.write = capture((s) => (stderr += s));
  const started = performance.now();
  try {
    const status = await runCli(['node', 'dlgeom', ...args]);
    return { status, stdout, stderr, ms: performance.now() - started };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** The harness's contract on one outcome; `what` names the case in a failure. */
export function expectCleanOutcome(o: CliOutcome, what: string): void {
  const detail = `${what}\nstatus ${o.status}\nstderr: ${o.stderr.slice(0, 2000)}`;
  expect([0, 1, 2], detail).toContain(o.status);
  expect(o.stderr, detail).not.toMatch(/internal error|\n\s+at |Error:/);
  if (o.status === 2) {
    expect(o.stderr.endsWith('\n'), detail).toBe(true);
    expect(o.stderr.slice(0, -1).split('\n'), detail).toHaveLength(1);
  }
}
