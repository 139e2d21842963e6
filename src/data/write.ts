/**
 * Writing data files: the canonical JSON form (SPEC §6, every number a reduced
 * "p/q" string, targets always written) and a CSV form for users who want one.
 * Both read back to the same exact data. Existing files are never replaced
 * unless asked.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { Rational } from '../exact/rational.ts';
import type { DataSetContent } from './build.ts';
import { InputError } from './errors.ts';
import { describeIoError } from './io-error.ts';
import { DATA_FORMAT } from './load-json.ts';

/**
 * Canonical JSON: fixed key order, one point per line, numbers as reduced
 * "p/q" strings, a final newline. Equal data sets give identical text (so its
 * SHA-256 identifies the data).
 * @example serializeDataSet(loadExample('clusters-q2')).startsWith('{\n  "format": "dlgeom/data@1"') // true
 */
export function serializeDataSet(ds: DataSetContent): string {
  const vec = (v: readonly Rational[]): string => `[${v.map((x) => JSON.stringify(x.toString())).join(', ')}]`;
  const classes = ds.classes.map(
    (c) =>
      `    {\n      "label": ${JSON.stringify(c.label)},\n      "points": [\n` +
      c.points.map((p) => `        ${vec(p)}`).join(',\n') +
      `\n      ]\n    }`,
  );
  return (
    `{\n  "format": ${JSON.stringify(DATA_FORMAT)},\n  "name": ${JSON.stringify(ds.name)},\n` +
    `  "targets": [\n${ds.targets.map((y) => `    ${vec(y)}`).join(',\n')}\n  ],\n` +
    `  "classes": [\n${classes.join(',\n')}\n  ]\n}\n`
  );
}

/**
 * CSV with a header `x1,…,xM,label`; numbers as exact decimals where they
 * terminate ("5.1"), else "p/q". CSV has no place for targets or a name, so
 * non-default targets are refused rather than dropped.
 */
export function serializeDataSetCsv(ds: DataSetContent): string {
  ds.targets.forEach((y, j) =>
    y.forEach((v, i) => {
      if (!v.eq(i === j ? Rational.ONE : Rational.ZERO))
        throw new InputError(`${ds.name}: CSV cannot store targets other than y_j = e_j; write a .json file`);
    }),
  );
  const rows = ds.classes.flatMap((c) => c.points.map((p) => csvRow(p, c.label)));
  return [csvHeader(ds.M), ...rows].join('\n') + '\n';
}

/** The CSV header `x1,…,xM,label`. */
export function csvHeader(M: number): string {
  return [...Array.from({ length: M }, (_, i) => `x${i + 1}`), 'label'].join(',');
}

/** One CSV data row: the coordinates as exact decimals (or "p/q"), then the label. */
export function csvRow(x: readonly Rational[], label: string): string {
  return [...x.map(exactDecimal), csvField(label)].join(',');
}

/**
 * Streams `lines` (each without its newline) to `path`, for files too large to build as one
 * string. Written to a temporary name beside `path` and renamed at the end, so an interrupted
 * or failed write leaves no partial file; an existing `path` is refused unless `overwrite`.
 */
export function writeLinesAtomically(path: string, lines: Iterable<string>, options: { overwrite?: boolean } = {}): void {
  const tmp = `${path}.${process.pid}.partial`;
  let fd: number | undefined;
  let placeholder = false; // our own empty file at `path`, holding the name against a concurrent writer
  try {
    if (!options.overwrite) (closeSync(openSync(path, 'wx')), (placeholder = true));
    fd = openSync(tmp, 'w');
    let buf = '';
    for (const line of lines) {
      buf += line + '\n';
      if (buf.length > 1 << 20) (writeSync(fd, buf), (buf = ''));
    }
    writeSync(fd, buf);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    if (placeholder) rmSync(path, { force: true });
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError(`${path}: file exists; refusing to overwrite it`);
    throw new InputError(`${path}: cannot write file: ${describeIoError(e)}`);
  }
}

/**
 * Writes `.json` (canonical) or `.csv` by extension. Refuses to replace an
 * existing file unless `overwrite` (checked atomically by the open itself).
 */
export function writeDataFile(ds: DataSetContent, path: string, options: { overwrite?: boolean } = {}): void {
  const ext = /\.([^./\\]*)$/.exec(path)?.[1]?.toLowerCase();
  let text: string;
  if (ext === 'json') text = serializeDataSet(ds);
  else if (ext === 'csv') text = serializeDataSetCsv(ds);
  else throw new InputError(`${path}: unknown file type ${ext === undefined ? '(no extension)' : `".${ext}"`} (expected .json or .csv)`);
  try {
    writeFileSync(path, text, { flag: options.overwrite ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new InputError(`${path}: file exists; refusing to overwrite it`);
    throw new InputError(`${path}: cannot write file: ${describeIoError(e)}`);
  }
}

/**
 * The exact decimal of a rational whose denominator is 2^a·5^b ("-0.25"), else "p/q".
 * @example exactDecimal(Rational.of(51, 10)) // '5.1'
 */
export function exactDecimal(r: Rational): string {
  let d = r.den;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) (d /= 2n), twos++;
  while (d % 5n === 0n) (d /= 5n), fives++;
  if (d !== 1n) return r.toString();
  const k = Math.max(twos, fives);
  if (k === 0) return r.toString();
  const scaled = (r.num < 0n ? -r.num : r.num) * (10n ** BigInt(k) / r.den);
  const digits = scaled.toString().padStart(k + 1, '0');
  return `${r.num < 0n ? '-' : ''}${digits.slice(0, -k)}.${digits.slice(-k)}`;
}

function csvField(s: string): string {
  if (/[\r\n]/.test(s)) throw new InputError(`label ${JSON.stringify(s)}: a CSV label cannot contain a line break; write a .json file`);
  return /[",]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
