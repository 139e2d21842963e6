/**
 * readBounded / loadDataFile at the file-size limit (src/data/load.ts), through the public entry
 * points. The limit's logic is tested at a lowered LIMITS.fileBytes (the same code at 256 MiB,
 * without allocating 256 MiB in a unit test): a regular file of exactly the limit is read, one
 * byte more is refused with one line naming the size and the limit; a stream (a pipe) is cut
 * off past the limit with the same line, and a pipe of exactly the limit is read whole. A
 * regular file far beyond any buffer (a sparse terabyte) is refused before reading.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LIMITS, formatCount } from '../src/data/limits.ts';
import { loadDataFile, readBounded } from '../src/data/load.ts';
import { messageOf } from './support/load-outcome.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dlgeom-mut-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const realLimit = LIMITS.fileBytes;
/** Lowers the file-size limit for one test (LIMITS is a plain object at run time). */
function setFileLimit(bytes: number): void {
  (LIMITS as { fileBytes: number }).fileBytes = bytes;
}
afterEach(() => setFileLimit(realLimit));

/** A CSV text of exactly `bytes` bytes (two classes), padded with blank lines. */
function csvOfSize(bytes: number): string {
  const rows = '1,a\n2,b\n';
  return rows + '\n'.repeat(bytes - rows.length);
}

/** Reads `fifo` while a shell writes `bytes` bytes of `csvOfSize` into it. */
function throughPipe<T>(name: string, bytes: number, read: (p: string) => T): T {
  const fifo = path.join(dir, name);
  execFileSync('mkfifo', [fifo]);
  const src = path.join(dir, `${name}.src`);
  writeFileSync(src, csvOfSize(bytes));
  const writer = spawn('sh', ['-c', `cat '${src}' > '${fifo}'`], { stdio: 'ignore' });
  try {
    return read(fifo);
  } finally {
    writer.kill();
  }
}

describe('the file-size limit, regular files', () => {
  it('exactly the limit is read; one byte more is refused before reading, with one line', () => {
    setFileLimit(100_000);
    const at = path.join(dir, 'at.csv');
    writeFileSync(at, csvOfSize(100_000));
    expect(readBounded(at)).toHaveLength(100_000);
    expect(loadDataFile(at).N).toBe(2);
    const over = path.join(dir, 'over.csv');
    writeFileSync(over, csvOfSize(100_001));
    expect(messageOf(() => loadDataFile(over))).toBe(`${over}: file too large: 100 001 bytes (limit: 100 000 bytes)`);
    expect(messageOf(() => readBounded(over))).toBe(`${over}: file too large: 100 001 bytes (limit: 100 000 bytes)`);
  });

  it('a sparse terabyte is refused from its size alone (no buffer that large exists)', () => {
    const p = path.join(dir, 'terabyte.json');
    writeFileSync(p, '');
    truncateSync(p, 2 ** 40);
    expect(messageOf(() => loadDataFile(p))).toBe(`${p}: file too large: ${formatCount(2 ** 40)} bytes (limit: ${formatCount(realLimit)} bytes)`);
    rmSync(p);
  });
});

describe('the file-size limit, streams', () => {
  it('a pipe of exactly the limit is read whole', () => {
    setFileLimit(300_000);
    const bytes = throughPipe('exact.csv', 300_000, (p) => readBounded(p));
    expect(bytes.length).toBe(300_000);
    expect(bytes.toString('utf8')).toBe(csvOfSize(300_000));
  });

  it('a pipe past the limit is cut off with one line naming the bytes read and the limit', () => {
    setFileLimit(300_000);
    const line = throughPipe('long.csv', 2_000_000, (p) => messageOf(() => loadDataFile(p)));
    const m = /^(.*long\.csv): file too large: ([\d ]+) bytes \(limit: 300 000 bytes\)$/.exec(line);
    expect(m, line).not.toBeNull();
    const read = Number(m![2]!.replace(/ /g, ''));
    // Cut off one chunk (at most 1 MiB) past the limit, before the end of the stream.
    expect(read).toBeGreaterThan(300_000);
    expect(read).toBeLessThanOrEqual(300_000 + (1 << 20));
  });
});
