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
import { compactOf, hasCompact } from '../src/data/compact.ts';
import { parseDataCsv, parseDataJson } from '../src/data/load.ts';
import { parseDataCsvGeneral } from '../src/data/load-csv.ts';
import { parseDataJsonGeneral } from '../src/data/load-json.ts';
import { mutateText } from '../fuzz/support/hostile.ts';
import { outcome, outcomeView, type Outcome } from './support/load-outcome.ts';

const SEED = 3_301;

const view = outcomeView;

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

  it('unusual whitespace and controls around labels and numbers: the reference decides (it trims what String.trim trims)', () => {
    for (const ws of ['\u00a0', '\u000b', '\u000c', '\u2028', '\u3000', '\ufeff', '\u0001', '\u007f']) {
      both(`1,a${ws}\n2,b\n3,a\n`, 'csv');
      both(`1,a\n2,${ws}b\n3,a\n`, 'csv');
      both(`1,a\n2${ws},b\n`, 'csv');
    }
    // '~' (126) and ' ' (32) are plain ASCII: the fast path keeps them.
    const fast = both('1,~a b~\n2,b\n', 'csv');
    expect(fast.ok && hasCompact(fast.ds) && fast.ds.classes[0]!.label).toBe('~a b~');
  });

  it('first rows the fast path must not take for a header, nor for data', () => {
    const long = '1'.repeat(1001);
    for (const text of [
      'a\nb\nc\n', // one field per row: no coordinate
      '5\n6\n7\n',
      `${long},a\n1,b\n2,c\n`, // an over-long number is a number, not a header field
      `${long},${long},a\n1,2,b\n3,4,c\n`,
      `x,${long},a\n1,2,b\n3,4,c\n`,
      'x,1,a\n1,2,b\n3,4,c\n', // mixed: not a header either
    ])
      both(text, 'csv');
  });

  it('empty lines count as lines: errors after them name the reference line', () => {
    for (const eol of ['\n', '\r\n', '\r'])
      for (const bad of ['x', '1/0', '']) {
        const text = ['x,label', '1,a', '', '12,b', '', '', `${bad},c`, ''].join(eol);
        const fast = both(text, 'csv');
        expect(fast.ok ? 'loaded' : fast.message).toMatch(/^h\.csv: line 7(, coordinate 1)?: /);
      }
    // Without an error: the same rows (12 stays 12 after an empty line).
    const fast = both('x,label\n1,a\n\n12,b\n\n\n-3,b\n', 'csv');
    expect(fast.ok && fast.ds.classes[1]!.points.map((p) => String(p[0]))).toEqual(['12', '-3']);
  });

  it('a label of spaces only is an empty label', () => {
    for (const text of ['1,a\n2,  \n3,b\n', '1,a\n2,\t \n3,b\n', '1, ,a\n2,3,b\n', 'x,y,l\n1,2,a\n3, \t,b\n']) {
      const fast = both(text, 'csv');
      expect(fast.ok).toBe(false);
    }
  });

  it('a file given without its source is named by the hash of its text, BOM included', () => {
    const text = '\uFEFF1,a\n2,b\n';
    const fast = both(text, 'csv');
    expect(fast.ok && fast.ds.source).toEqual(parseDataCsvGeneral(text, 'h.csv').source);
    expect(fast.ok && hasCompact(fast.ds)).toBe(true);
  });
});

/**
 * Plain decimals (at most 15 digits, no exponent) are read by the fast paths' decimal reader, as
 * scaled integers over a power of ten: a class is stored over 10^k, k its longest fraction. The
 * exact reader (the route for everything else) stores reduced fractions instead (0.5 over 2), so
 * this tells which reader took each number; the values are the reference's either way.
 */
describe('plain decimals take the decimal reader (storage over 10^k)', () => {
  const decimal = fc.oneof(
    fc.tuple(fc.constantFrom('', '-', '+'), fc.nat({ max: 999999 }), fc.constantFrom('', '.', '.5', '.25', '.125', '.0625', '.09', '.90', '.000001')).map(([s, a, f]) => `${s}${a}${f}`),
    fc.constantFrom('0', '9', '-9', '0.5', '.5', '5.', '-.5', '99999999999999.5', '0.00000000000005', '123456789012345', '-12345678901234.5', '0.9', '9.0'),
  );
  const fraction = (x: string) => (x.includes('.') ? x.split('.')[1]!.length : 0);
  function expectPowersOfTen(ds: DataSet, classes: string[][]): void {
    const compact = compactOf(ds);
    classes.forEach((xs, j) => expect(compact.classes[j]!.den, xs.join(' ')).toBe(10n ** BigInt(Math.max(...xs.map(fraction)))));
  }

  it('CSV (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(decimal, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 3 }), (classes) => {
        // After a header (the first row sets the width through the careful path, which reads exactly).
        const text = 'x,label\n' + classes.map((xs, j) => xs.map((x) => `${x},c${j}`).join('\n')).join('\n') + '\n';
        const fast = both(text, 'csv');
        expect(fast.ok && hasCompact(fast.ds)).toBe(true);
        if (fast.ok) expectPowersOfTen(fast.ds, classes);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('JSON (property)', () => {
    const jsonDecimal = decimal.filter((x) => /^-?(0|[1-9]\d*)(\.\d+)?$/.test(x));
    fc.assert(
      fc.property(fc.array(fc.array(jsonDecimal, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 3 }), (classes) => {
        const text = `{"format":"dlgeom/data@1","classes":[${classes.map((xs) => `{"points":[${xs.map((x) => `[${x}]`).join(',')}]}`).join(',')}]}`;
        const fast = both(text, 'json');
        expect(fast.ok && hasCompact(fast.ds)).toBe(true);
        if (fast.ok) expectPowersOfTen(fast.ds, classes);
      }),
      { seed: SEED, numRuns: 100 },
    );
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
      doc(`"classes":[{"label":"\uFEFFa","points":[[1]]},{"label":"b\uFEFF","points":[[2]]}]`),
      doc(`"classes":[{"points":[[1]]},null]`),
      doc(`"classes":[{"points":[[1]]},"x"]`),
      doc(`"classes":[{"points":[[1]]},[1]]`),
      doc(`"classes":[{"points":[[]]},{"points":[[]]}]`),
      doc(`"classes":[{"points":[[]]},{"points":[[1]]}]`),
      'null',
      '[]',
      '"x"',
      '7',
      '{"format":"dlgeom/data@1","classes":[' + two + ']} x',
      '  ',
      '',
    ];
    for (const text of cases) both(text, 'json');
    // A leading BOM is not part of the document: the fast path reads past it (a BOM inside a string stays).
    for (const text of [`\uFEFF${doc(`"classes":[${two}]`)}`, doc(`"classes":[{"label":"\uFEFFa","points":[[1]]},{"label":"b","points":[[2]]}]`)]) {
      const fast = both(text, 'json');
      expect(fast.ok && hasCompact(fast.ds), text).toBe(true);
    }
  });
});
