/**
 * Loading a data file (SPEC §6) by extension: `.json` (format "dlgeom/data@1")
 * or `.csv`. The source records the SHA-256 of the exact bytes read, so a
 * certificate can name the file it speaks about.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { sha256Hex } from './build.ts';
import type { DataSet } from './dataset.ts';
import { InputError } from './errors.ts';
import { describeIoError } from './io-error.ts';
import { parseDataCsv } from './fast-csv.ts';
import { parseDataJson } from './fast-json.ts';
import { LIMITS, formatCount } from './limits.ts';

export { parseDataCsv } from './fast-csv.ts';
export { parseDataJson } from './fast-json.ts';
export { DATA_FORMAT } from './load-json.ts';

/**
 * Reads and validates a data file; every problem is an InputError whose one-line
 * message starts with `path`.
 * @example loadDataFile('examples/clusters-q3.json').Q // 3
 */
export function loadDataFile(path: string): DataSet {
  const ext = /\.([^./\\]*)$/.exec(path)?.[1]?.toLowerCase();
  if (ext !== 'json' && ext !== 'csv')
    throw new InputError(`${path}: unknown file type ${ext === undefined ? '(no extension)' : `".${ext}"`} (expected .json or .csv)`);

  let bytes: Buffer;
  try {
    bytes = readBounded(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: cannot read file: ${describeIoError(e)}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not a UTF-8 text file`);
  }
  const source = { kind: 'file', path, sha256: sha256Hex(bytes) } as const;
  // The fast paths: the same data set and the same errors as the general parsers (test/data-twins.test.ts), compact storage with lazy points.
  return ext === 'json' ? parseDataJson(text, path, source) : parseDataCsv(text, path, source);
}

/** The one line for a file over LIMITS.fileBytes. */
export function fileTooLarge(path: string, bytes: number): string {
  return `${path}: file too large: ${formatCount(bytes)} bytes (limit: ${formatCount(LIMITS.fileBytes)} bytes)`;
}

/**
 * The bytes of `path`, at most LIMITS.fileBytes (an InputError naming the file beyond): a larger regular file is refused before
 * reading, and a stream without end (a pipe, a device) is cut off one chunk past the limit.
 */
export function readBounded(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.size > LIMITS.fileBytes) throw new InputError(fileTooLarge(path, stat.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(stat.isFile() ? Math.max(stat.size + 1 - total, 1 << 16) : 1 << 20);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > LIMITS.fileBytes) throw new InputError(fileTooLarge(path, total));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
