/**
 * The CSV data format (SPEC §6): one point a row, coordinates then the class
 * label in the last column, an optional header row; classes in order of first
 * appearance. Errors name the file and the 1-based line.
 *
 * Header detection: the first non-blank row is a header when none of its
 * coordinate fields is a number, data when all are. A mix is an error rather
 * than a guess, so a typo in the first data row is never silently dropped as
 * a "header". Blank lines are skipped. Fields are comma-separated and may be
 * double-quoted ("" inside quotes is a quote); a field cannot span lines.
 */
import type { Rational } from '../exact/rational.ts';
import { dataSetContent, defaultName, sha256Hex } from './build.ts';
import type { DataSet } from './dataset.ts';
import { InputError } from './errors.ts';
import { truncatedJson } from './json-exact.ts';
import { overLimit } from './limits.ts';
import { parseExactText } from './numbers.ts';

/**
 * Parses the text of a `.csv` data file; see parseDataJson for the arguments.
 * @example parseDataCsvGeneral('x,y,label\n1,0,a\n0,1,b\n', 'data.csv').Q // 2
 */
export function parseDataCsvGeneral(text: string, nameForErrors: string, source?: DataSet['source']): DataSet {
  const fail = (where: string, what: string): never => {
    throw new InputError(`${nameForErrors}: ${where ? where + ': ' : ''}${what}`);
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines.every((l) => l.trim() === '')) fail('', 'empty file');

  let width = -1;
  let N = 0;
  const byLabel = new Map<string, Rational[][]>();
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') continue;
    const where = `line ${n + 1}`;
    const split = splitCsvLine(line);
    if (typeof split === 'string') return fail(where, split);
    const fields = split;
    const coords = fields.slice(0, -1);
    const label = fields[fields.length - 1]!;

    if (width < 0) {
      if (fields.length < 2)
        fail(where, `expected at least one coordinate and a label, found ${fields.length} field (fields are separated by commas)`);
      const tooWide = overLimit('M', fields.length - 1);
      if (tooWide) fail(where, tooWide);
      width = fields.length;
      const parsed = coords.map((c) => parseExactText(c));
      // A number beyond the digit limit is a number, not a header field.
      const tooLong = parsed.findIndex((p) => !p.ok && p.limit);
      if (tooLong >= 0) fail(`${where}, coordinate ${tooLong + 1}`, (parsed[tooLong] as { reason: string }).reason);
      const numbers = parsed.filter((p) => p.ok).length;
      if (numbers === 0) continue; // a header row
      if (numbers < coords.length) {
        const k = parsed.findIndex((p) => !p.ok);
        const bad = parsed[k]!;
        fail(`${where}, coordinate ${k + 1}`, `${bad.ok ? '' : bad.reason} (not a header either: other fields are numbers)`);
      }
    } else if (fields.length !== width) {
      fail(where, `expected ${width - 1} coordinates, found ${fields.length - 1}`);
    }

    if (label === '') fail(where, 'empty class label');
    const tooMany = overLimit('N', ++N) ?? overLimit('coordinates', N * (width - 1)) ?? (byLabel.has(label) ? undefined : overLimit('Q', byLabel.size + 1));
    if (tooMany) fail(where, tooMany);
    const point = coords.map((c, k) => {
      const p = parseExactText(c);
      return p.ok ? p.value : fail(`${where}, coordinate ${k + 1}`, p.reason);
    });
    const pts = byLabel.get(label);
    if (pts) pts.push(point);
    else byLabel.set(label, [point]);
  }

  if (byLabel.size === 0) fail('', 'no data rows (only a header)');
  if (byLabel.size < 2)
    fail('', `found only 1 class (${truncatedJson([...byLabel.keys()][0]!)}); at least two are needed`);
  const classes = [...byLabel].map(([label, points]) => ({ label, points }));
  return {
    ...dataSetContent(defaultName(nameForErrors), classes),
    source: source ?? { kind: 'file', path: nameForErrors, sha256: sha256Hex(text) },
  };
}

/**
 * Splits one CSV line into trimmed fields (quoted fields keep their inner
 * spaces); returns a one-line reason instead on a malformed quote.
 * @example splitCsvLine('1, "a,b"') // ['1', 'a,b']
 */
export function splitCsvLine(line: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return `unterminated quoted field (field ${fields.length + 1})`;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') return `unexpected text after the closing quote (field ${fields.length + 1})`;
      fields.push(value);
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      fields.push(line.slice(i, end).trim());
      i = end;
    }
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
