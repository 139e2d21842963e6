/**
 * The fast loaders (src/data/fast-csv.ts, fast-json.ts) against the reference parsers
 * (parseDataCsvGeneral, parseDataJsonGeneral) on random and hostile texts, with fixed seeds:
 * the same data set (points by their exact values, labels, order, targets, name, source) or the
 * same one line. And the other half of the fast paths' contract: every well-formed ASCII file
 * (any printable label, spaces and tabs, CRLF, blank lines, a header, quoted rows) is read by the
 * fast path itself (compact storage attached), not handed to the reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataSet } from '../src/data/dataset.ts';
import { hasCompact } from '../src/data/compact.ts';
import { InputError } from '../src/data/errors.ts';
import { parseDataCsv, parseDataJson } from '../src/data/load.ts';
import { parseDataCsvGeneral } from '../src/data/load-csv.ts';
import { parseDataJsonGeneral } from '../src/data/load-json.ts';
import { mutateText, numberText } from '../fuzz/support/hostile.ts';
import { dataSetStrings } from './support/data-strings.ts';

const SEED = 3_301;

type Outcome = { ok: true; ds: DataSet } | { ok: false; message: string };
function outcome(load: () => DataSet): Outcome {
  try {
    return { ok: true, ds: load() };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: e.message };
    throw e;
  }
}
const view = (o: Outcome) => (o.ok ? { data: dataSetStrings(o.ds), source: o.ds.source } : { message: o.message });

/** Both parsers on `text` (no source given: both hash the text they were given). */
function both(text: string, ext: 'csv' | 'json'): Outcome {
  const name = `h.${ext}`;
  const fast = outcome(() => (ext === 'csv' ? parseDataCsv(text, name) : parseDataJson(text, name)));
  const ref = outcome(() => (ext === 'csv' ? parseDataCsvGeneral(text, name) : parseDataJsonGeneral(text, name)));
  expect(view(fast)).toEqual(view(ref));
  if (!fast.ok) {
    expect(fast.message.startsWith(`${name}: `), fast.message).toBe(true);
    expect(fast.message).not.toMatch(/[\n\r]/);
  }
  return fast;
}

// Printable ASCII labels without the CSV separator and quote (they need quoting), trimmed.
const label = fc
  .string({ unit: fc.constantFrom(...'abcxyz019 ~!#$%&()*+-./:;<=>?@[]^_`{|}\\'.split('')), minLength: 1, maxLength: 5 })
  .map((s) => s.trim())
  .filter((s) => s !== '');
const plainNumber = fc.oneof(
  fc.integer({ min: -999999, max: 999999 }).map(String),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 9 }), fc.nat({ max: 9999 })).map(([a, z, b]) => `${a}.${'0'.repeat(z)}${b}`),
  fc.constantFrom('0', '-0', '+0', '0.0', '.5', '5.', '-.25', '+7.', '999999999999999', '-0.00000000000001'),
);
const exactNumber = fc.oneof(
  fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 50 })).map(([p, q]) => `${p}/${q}`),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom('1e2', '2.5E-3', '-1e-1', '1234567890123456', '0.1234567890123456', '1.5e+2', '-7/-3'),
);
const pad = fc.constantFrom('', '', '', ' ', '\t', '  ');

interface Csv {
  M: number;
  rows: { xs: string[]; label: string; quoted: boolean; pads: string[] }[];
  header: boolean;
  eol: string;
  blankAfter: number[];
}
const csv: fc.Arbitrary<Csv> = fc.integer({ min: 1, max: 4 }).chain((M) =>
  fc.record({
    M: fc.constant(M),
    rows: fc.array(
      fc.record({
        xs: fc.array(fc.oneof(plainNumber, plainNumber, exactNumber), { minLength: M, maxLength: M }),
        label: fc.oneof(label, fc.constantFrom('a', 'b')),
        quoted: fc.constantFrom(false, false, false, false, true),
        pads: fc.array(pad, { minLength: 2 * M + 2, maxLength: 2 * M + 2 }),
      }),
      { minLength: 2, maxLength: 10 },
    ),
    header: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    blankAfter: fc.array(fc.nat({ max: 10 }), { maxLength: 2 }),
  }),
);
function csvText(c: Csv): string {
  const lines: string[] = [];
  if (c.header) lines.push([...Array.from({ length: c.M }, (_, k) => `x${k}`), 'label'].join(','));
  // Two classes at least: the first two rows are relabelled when they agree.
  const rows = c.rows.map((r, i) => (i === 1 && r.label === c.rows[0]!.label ? { ...r, label: `${r.label}2` } : r));
  rows.forEach((r, i) => {
    const fields = [...r.xs, r.label].map((f, k) => (r.quoted ? `"${f}"` : `${r.pads[2 * k]}${f}${r.pads[2 * k + 1]}`));
    lines.push(fields.join(','));
    if (c.blankAfter.includes(i)) lines.push(r.pads[0]!);
  });
  return lines.join(c.eol) + (c.eol === '\r' ? '' : c.eol);
}

interface Json {
  classes: { label: string | undefined; points: string[][] }[];
  name: string | undefined;
  targets: boolean;
}
const json: fc.Arbitrary<Json> = fc.integer({ min: 1, max: 3 }).chain((M) =>
  fc.record({
    classes: fc.array(
      fc.record({
        label: fc.option(label, { nil: undefined }),
        points: fc.array(fc.array(fc.oneof(plainNumber, exactNumber), { minLength: M, maxLength: M }), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 2, maxLength: 4 },
    ),
    name: fc.option(fc.constantFrom('n', 'my data', 'x~y'), { nil: undefined }),
    targets: fc.boolean(),
  }),
);
function jsonText(j: Json): string {
  // A JSON number only where the text is one (no '+', no bare dot, at most 15 digits); else a string.
  const num = (x: string) => (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(x) && x.replace(/\D/g, '').length <= 15 ? x : JSON.stringify(x));
  const classes = j.classes.map((c) => `{${c.label === undefined ? '' : `"label":${JSON.stringify(c.label)},`}"points":[${c.points.map((p) => `[${p.map(num).join(',')}]`).join(',')}]}`);
  const Q = j.classes.length;
  const targets = Array.from({ length: Q }, (_, i) => `[${Array.from({ length: Q }, (_, k) => (k === i ? '"1/2"' : k === 0 ? '-1' : '0')).join(',')}]`);
  return `{"format":"dlgeom/data@1"${j.name ? `,"name":${JSON.stringify(j.name)}` : ''}${j.targets ? `,"targets":[${targets.join(',')}]` : ''},"classes":[${classes.join(',')}]}`;
}

describe('CSV: fast path = reference', () => {
  it('well-formed ASCII files are read by the fast path, exactly as the reference reads them (property)', () => {
    fc.assert(
      fc.property(csv, (c) => {
        const text = csvText(c);
        const fast = both(text, 'csv');
        // Labels may collide only into one class; a file with ≥ 2 classes must load, by the fast path.
        expect(fast.ok, fast.ok ? '' : `${fast.message}\n${JSON.stringify(text)}`).toBe(true);
        if (fast.ok) expect(hasCompact(fast.ds), JSON.stringify(text)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('damaged and hostile files: the same data set or the same one line (property)', () => {
    fc.assert(
      fc.property(mutateText(csv.map(csvText)), (text) => {
        both(text, 'csv');
      }),
      { seed: SEED, numRuns: 250 },
    );
  });

  it('numbers and fields the plain reader must not take: the reference decides', () => {
    const odd = ['1.2.3', '1..2', '--1', '+-1', '1-', '1+', '1 2', '0x10', '1_000', '١', '1.-2', '.', '-', '+', '-.', '1e', '1/', '/2', '٣.5', '1\u00a0'];
    for (const x of odd) for (const at of [`${x},a\n1,b\n`, `1,a\n${x},b\n`, `1,a\n2,b\n${x},a\n`, `1,2,a\n3,${x},b\n`]) both(at, 'csv');
    // Digits 0 and 9 at every place, signs, 15 and 16 digits, leading zeros: exact values.
    const edge = ['0', '9', '09', '90', '-09.90', '+0.9', '000000000000001', '100000000000000.', '0.000000000000009', '9999999999999999', '-0000000000000009'];
    const text = `${edge.map((x) => `${x},a`).join('\n')}\n${edge.map((x) => `${x},b`).join('\n')}\n`;
    const fast = both(text, 'csv');
    expect(fast.ok && hasCompact(fast.ds)).toBe(true);
  });

  it('a file given without its source is named by the hash of its text, BOM included', () => {
    const text = '\uFEFF1,a\n2,b\n';
    const fast = both(text, 'csv');
    expect(fast.ok && fast.ds.source).toEqual(parseDataCsvGeneral(text, 'h.csv').source);
    expect(fast.ok && hasCompact(fast.ds)).toBe(true);
  });
});

describe('JSON: fast path = reference', () => {
  it('well-formed files are read by the fast path, exactly as the reference reads them (property)', () => {
    fc.assert(
      fc.property(json, (j) => {
        const text = jsonText(j);
        const fast = both(text, 'json');
        expect(fast.ok, fast.ok ? '' : `${fast.message}\n${text}`).toBe(true);
        if (fast.ok) expect(hasCompact(fast.ds), text).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('damaged and hostile files: the same data set or the same one line (property)', () => {
    fc.assert(
      fc.property(mutateText(json.map(jsonText)), (text) => {
        both(text, 'json');
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('structures the fast path must hand over: the reference decides', () => {
    const doc = (body: string) => `{"format":"dlgeom/data@1",${body}}`;
    const two = '{"points":[[1]]},{"points":[[2]]}';
    const cases = [
      doc(`"classes":[${two}],"name":"n","name":"m"`),
      doc(`"classes":[${two}],"targets":[[1,0],[0,1],[1,1]]`),
      doc(`"classes":[${two}],"targets":[[1,0],[0]]`),
      doc(`"classes":[${two}],"targets":[[1,0],[0,"x"]]`),
      doc(`"classes":[${two}],"targets":[[1,0],{}]`),
      doc(`"classes":[${two}],"targets":{}`),
      doc(`"classes":[{"points":[[1]],"label":"a","label":"b"},{"points":[[2]]}]`),
      doc(`"classes":[{"label":7,"points":[[1]]},{"points":[[2]]}]`),
      doc(`"classes":[{"points":[[1],[1,2]]},{"points":[[2]]}]`),
      doc(`"classes":[{"points":[[1],[]]},{"points":[[2]]}]`),
      doc(`"classes":[{"points":[[1]]},{"points":[[2]]},{"points":[]}]`),
      doc(`"classes":[{"points":[[1]]},{"points":[["1/0"]]}]`),
      doc(`"classes":[{"points":[[1]]},{"points":[[1e400]]}]`),
      doc(`"classes":[{"points":[[1]]},{"points":[[-]]}]`),
      doc(`"classes":[{"points":[[1]]},{"points":[[1.]]}]`),
      doc(`"classes":[{"points":[[1]]},{"points":[[0.1e1]]}]`),
      doc(`"classes":[{"points":[[1]]},{"points":[[-0.0000000000000001]]}]`),
      doc(`"classes":[{"points":[[1]]},{"points":[[123456789012345.6]]}]`),
      doc(`"name":"","classes":[${two}]`),
      `\uFEFF${doc(`"classes":[${two}]`)}`,
      '{"format":"dlgeom/data@1","classes":[' + two + ']} x',
      '  ',
      '',
    ];
    for (const text of cases) both(text, 'json');
  });
});
