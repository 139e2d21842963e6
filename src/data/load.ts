/**
 * Loading a data file (SPEC §6) by extension: `.json` (format "dlgeom/data@1")
 * or `.csv`. The source records the SHA-256 of the exact bytes read, so a
 * certificate can name the file it speaks about.
 */
import { readFileSync } from 'node:fs';
import { sha256Hex } from './build.ts';
import type { DataSet } from './dataset.ts';
import { InputError } from './errors.ts';
import { describeIoError } from './io-error.ts';
import { parseDataCsvFast } from './fast-csv.ts';
import { parseDataJsonFast } from './fast-json.ts';

export { parseDataCsv } from './load-csv.ts';
export { parseDataJson, DATA_FORMAT } from './load-json.ts';

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
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read file: ${describeIoError(e)}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not a UTF-8 text file`);
  }
  const source = { kind: 'file', path, sha256: sha256Hex(bytes) } as const;
  // The fast paths (same data set, same errors; compact storage with lazy points, issue #8).
  return ext === 'json' ? parseDataJsonFast(text, path, source) : parseDataCsvFast(text, path, source);
}
