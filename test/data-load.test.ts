import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { InputError } from '../src/data/errors.ts';
import { loadDataFile, parseDataCsv, parseDataJson } from '../src/data/load.ts';
import { serializeDataSet, serializeDataSetCsv } from '../src/data/write.ts';
import { dataSetContent } from '../src/data/build.ts';

const dir = mkdtempSync(join(tmpdir(), 'dlgeom-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs f, expects an InputError whose single-line message starts with `file: ` and contains every part. */
function expectInputError(f: () => unknown, file: string, ...parts: string[]): string {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  const msg = (err as InputError).message;
  expect(msg).not.toContain('\n');
  expect(msg.startsWith(`${file}: `)).toBe(true);
  for (const p of parts) expect(msg).toContain(p);
  return msg;
}

/** A JSON data file text from classes (raw JSON fragments) and optional extra top-level members. */
function json(classes: string, extra = ''): string {
  return `{"format": "dlgeom/data@1", ${extra}"classes": ${classes}}`;
}
const TWO = '[{"label":"a","points":[[1,0],[2,0]]},{"label":"b","points":[[0,1]]}]';
const J = (text: string) => () => parseDataJson(text, 'data.json');
const C = (text: string) => () => parseDataCsv(text, 'data.csv');

const strings = (ds: DataSet) => ({
  name: ds.name,
  M: ds.M,
  Q: ds.Q,
  N: ds.N,
  classes: ds.classes.map((c) => ({ label: c.label, points: c.points.map((p) => p.map((v) => v.toString())) })),
  targets: ds.targets.map((y) => y.map((v) => v.toString())),
});

describe('files', () => {
  it('missing file: names the file and says it does not exist', () => {
    const p = join(dir, 'missing.json');
    expectInputError(() => loadDataFile(p), p, 'cannot read file', 'no such file');
  });

  it('unreadable file (a directory): names the file', () => {
    const p = join(dir, 'adir.json');
    mkdirSync(p);
    expectInputError(() => loadDataFile(p), p, 'cannot read file', 'is a directory');
  });

  it('unknown extension', () => {
    const p = join(dir, 'data.txt');
    writeFileSync(p, '1,2,a\n');
    expectInputError(() => loadDataFile(p), p, 'unknown file type ".txt"', '.json or .csv');
    expectInputError(() => loadDataFile('noext'), 'noext', 'unknown file type (no extension)');
  });

  it('not UTF-8 text', () => {
    const p = join(dir, 'binary.csv');
    writeFileSync(p, Buffer.from([0xff, 0xfe, 0x00, 0x31]));
    expectInputError(() => loadDataFile(p), p, 'not a UTF-8 text file');
  });

  it('loads JSON from disk with the SHA-256 of the bytes', () => {
    const p = join(dir, 'good.json');
    const text = json(TWO, '"name": "tiny", ');
    writeFileSync(p, text);
    const ds = loadDataFile(p);
    expect(ds.source).toEqual({ kind: 'file', path: p, sha256: createHash('sha256').update(text).digest('hex') });
    expect(ds.name).toBe('tiny');
    expect([ds.M, ds.Q, ds.N]).toEqual([2, 2, 3]);
  });

  it('loads CSV from disk (extension case-insensitive), name from the file name', () => {
    const p = join(dir, 'pts.CSV');
    writeFileSync(p, 'x,y,label\r\n1,0,a\r\n0,1,b\r\n');
    const ds = loadDataFile(p);
    expect(ds.name).toBe('pts');
    expect(ds.source.kind).toBe('file');
    expect(ds.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('JSON: bad input', () => {
  it('empty file', () => {
    expectInputError(J(''), 'data.json', 'empty file');
    expectInputError(J(' \n\t\n'), 'data.json', 'empty file');
  });

  it('invalid JSON syntax: line and column', () => {
    expectInputError(J('{"format": "dlgeom/data@1",\n "classes": x}'), 'data.json', 'line 2, column 13', 'invalid JSON', 'unexpected character "x"');
    expectInputError(J('{"format": "dlgeom/data@1"'), 'data.json', 'line 1, column 27', 'unexpected end of input');
    expectInputError(J('{"a": "unterminated}'), 'data.json', 'line 1', 'unterminated string');
    expectInputError(J('{} {}'), 'data.json', 'line 1, column 4', 'after the end of the JSON value');
    expectInputError(J('{"format": 1, "format": 2}'), 'data.json', 'line 1, column 15', 'duplicate key "format"');
    expectInputError(J('[1, 2,]'), 'data.json', 'invalid JSON');
  });

  it('top level not an object', () => {
    expectInputError(J('[1, 2]'), 'data.json', 'top level', 'expected an object, found an array');
  });

  it('missing "format"', () => {
    expectInputError(J(`{"classes": ${TWO}}`), 'data.json', 'missing "format"', 'dlgeom/data@1');
  });

  it('wrong "format"', () => {
    expectInputError(J(`{"format": "dlgeom/data@2", "classes": ${TWO}}`), 'data.json', 'format: expected "dlgeom/data@1"', '"dlgeom/data@2"');
    expectInputError(J(`{"format": 1, "classes": ${TWO}}`), 'data.json', 'format:', 'found a number (1)');
  });

  it('unknown keys (a misspelt "targets" must not silently fall back)', () => {
    expectInputError(J(json(TWO, '"target": [], ')), 'data.json', 'unknown key "target"');
    expectInputError(J(json('[{"label":"a","points":[[1]],"pts":1},{"points":[[2]]}]')), 'data.json', 'class 1 ("a")', 'unknown key "pts"');
  });

  it('bad "name"', () => {
    expectInputError(J(json(TWO, '"name": 3, ')), 'data.json', 'name:', 'non-empty string');
  });

  it('missing classes / classes not an array', () => {
    expectInputError(J('{"format": "dlgeom/data@1"}'), 'data.json', 'missing "classes"');
    expectInputError(J(json('{}')), 'data.json', 'classes:', 'expected an array of classes, found an object');
    expectInputError(J(json('[1, 2]')), 'data.json', 'class 1:', 'expected an object');
  });

  it('fewer than two classes', () => {
    expectInputError(J(json('[]')), 'data.json', 'classes: found 0 classes; at least two are needed');
    expectInputError(J(json('[{"label":"a","points":[[1,2]]}]')), 'data.json', 'classes: found 1 class; at least two are needed');
  });

  it('empty class', () => {
    expectInputError(J(json('[{"label":"a","points":[[1,2]]},{"label":"b","points":[]}]')), 'data.json', 'class 2 ("b"): empty class');
  });

  it('missing or malformed points', () => {
    expectInputError(J(json('[{"label":"a","points":[[1,2]]},{"label":"b"}]')), 'data.json', 'class 2 ("b"): missing "points"');
    expectInputError(J(json('[{"label":"a","points":[[1,2]]},{"label":"b","points":[3]}]')), 'data.json', 'class 2 ("b"), point 1: expected an array of coordinates');
    expectInputError(J(json('[{"label":"a","points":[[]]},{"label":"b","points":[[1]]}]')), 'data.json', 'class 1 ("a"), point 1: a point needs at least one coordinate');
  });

  it('bad label', () => {
    expectInputError(J(json('[{"label":"","points":[[1]]},{"points":[[2]]}]')), 'data.json', 'class 1: label', 'non-empty string');
    expectInputError(J(json('[{"label":7,"points":[[1]]},{"points":[[2]]}]')), 'data.json', 'class 1: label', 'found a number (7)');
  });

  it('wrong dimensions: points of differing length', () => {
    expectInputError(
      J(json('[{"label":"a","points":[[1,2],[3,4]]},{"label":"b","points":[[1,2],[1,2,3]]}]')),
      'data.json',
      'class 2 ("b"), point 2: expected 2 coordinates (as in class 1, point 1), found 3',
    );
  });

  it('non-numbers', () => {
    const msg = expectInputError(
      J(json('[{"label":"a","points":[[1],[2],[3]]},{"label":"b","points":[[1],[2],["abc"]]}]')),
      'data.json',
    );
    expect(msg).toBe('data.json: class 2 ("b"), point 3, coordinate 1: not a number: "abc"');
    expectInputError(J(json('[{"label":"a","points":[[1, null]]},{"label":"b","points":[[1,2]]}]')), 'data.json', 'class 1 ("a"), point 1, coordinate 2: expected a number, found null');
    expectInputError(J(json('[{"label":"a","points":[[1, true]]},{"label":"b","points":[[1,2]]}]')), 'data.json', 'coordinate 2: expected a number, found true');
    expectInputError(J(json('[{"label":"a","points":[[1, [2]]]},{"label":"b","points":[[1,2]]}]')), 'data.json', 'coordinate 2: expected a number, found an array');
    expectInputError(J(json('[{"label":"a","points":[[1, ""]]},{"label":"b","points":[[1,2]]}]')), 'data.json', 'coordinate 2: not a number: ""');
  });

  it('NaN and Infinity as strings', () => {
    for (const s of ['NaN', 'Infinity', '-Infinity', 'inf', '+nan'])
      expectInputError(
        J(json(`[{"label":"a","points":[[1,2]]},{"label":"b","points":[[1,"${s}"]]}]`)),
        'data.json',
        `class 2 ("b"), point 1, coordinate 2: not a finite number: "${s}"`,
      );
  });

  it('JSON numbers that are not finite (overflow a double)', () => {
    expectInputError(
      J(json('[{"label":"a","points":[[1,2]]},{"label":"b","points":[[1e999,2]]}]')),
      'data.json',
      'class 2 ("b"), point 1, coordinate 1: not a finite number: 1e999',
    );
    expectInputError(J(json('[{"label":"a","points":[[-1E400]]},{"label":"b","points":[[1]]}]')), 'data.json', 'coordinate 1: not a finite number');
  });

  it('JSON numbers with more digits than a double holds are refused, not rounded', () => {
    expectInputError(
      J(json('[{"label":"a","points":[[0.10000000000000000001]]},{"label":"b","points":[[1]]}]')),
      'data.json',
      'class 1 ("a"), point 1, coordinate 1',
      'more digits than a double holds',
      'write it as a string',
    );
    expectInputError(J(json('[{"label":"a","points":[[12345678901234567891]]},{"label":"b","points":[[1]]}]')), 'data.json', 'more digits than a double holds');
    expectInputError(J(json('[{"label":"a","points":[[1e-400]]},{"label":"b","points":[[1]]}]')), 'data.json', 'more digits than a double holds');
    // …while the same digits as a string are exact.
    const ds = parseDataJson(json('[{"label":"a","points":[["0.10000000000000000001"]]},{"label":"b","points":[[1]]}]'), 'data.json');
    expect(ds.classes[0]!.points[0]![0]!.toString()).toBe('10000000000000000001/100000000000000000000');
  });

  it('zero denominator', () => {
    expectInputError(
      J(json('[{"label":"a","points":[[1,2]]},{"label":"b","points":[[1,"1/0"]]}]')),
      'data.json',
      'class 2 ("b"), point 1, coordinate 2: zero denominator: "1/0"',
    );
  });

  it('targets: wrong count', () => {
    expectInputError(J(json(TWO, '"targets": [["1","0"]], ')), 'data.json', 'targets: expected 2 targets (one per class), found 1');
    expectInputError(J(json(TWO, '"targets": {"a": 1}, ')), 'data.json', 'targets: expected an array of 2 targets');
  });

  it('targets: wrong length (must be Q-vectors)', () => {
    expectInputError(J(json(TWO, '"targets": [["1","0"],["0","1","0"]], ')), 'data.json', 'target 2: expected 2 entries', 'found 3');
    expectInputError(J(json(TWO, '"targets": [["1","0"],"01"], ')), 'data.json', 'target 2: expected an array of 2 entries');
  });

  it('targets: non-numbers and zero denominators', () => {
    expectInputError(J(json(TWO, '"targets": [["1","0"],["0","x"]], ')), 'data.json', 'target 2, entry 2: not a number: "x"');
    expectInputError(J(json(TWO, '"targets": [["1","0"],["0","3/0"]], ')), 'data.json', 'target 2, entry 2: zero denominator');
  });

  it('rank of the means < Q is not a load error', () => {
    const ds = parseDataJson(json('[{"label":"a","points":[[1,1]]},{"label":"b","points":[[2,2]]}]'), 'data.json');
    expect(ds.Q).toBe(2);
  });
});

describe('CSV: bad input', () => {
  it('empty file', () => {
    expectInputError(C(''), 'data.csv', 'empty file');
    expectInputError(C('\n  \n\r\n'), 'data.csv', 'empty file');
  });

  it('only a header', () => {
    expectInputError(C('x,y,label\n'), 'data.csv', 'no data rows');
  });

  it('rows of the wrong width', () => {
    const text = 'a,b,c,d,label\n1,2,3,4,x\n1,2,3,4,x\n\n1,2,3,4,y\n1,2,3,4,y\n1,2,3,y\n';
    const msg = expectInputError(C(text), 'data.csv');
    expect(msg).toBe('data.csv: line 7: expected 4 coordinates, found 3');
    expectInputError(C('1,2,a\n1,2,3,b\n'), 'data.csv', 'line 2: expected 2 coordinates, found 3');
  });

  it('a single field (no comma)', () => {
    expectInputError(C('1;2;a\n'), 'data.csv', 'line 1: expected at least one coordinate and a label', 'separated by commas');
  });

  it('non-numbers', () => {
    expectInputError(C('x,y,label\n1,2,a\n3,abc,b\n'), 'data.csv', 'line 3, coordinate 2: not a number: "abc"');
  });

  it('first row mixing numbers and text is neither a header nor data', () => {
    expectInputError(C('5.1,abc,a\n1,2,b\n'), 'data.csv', 'line 1, coordinate 2: not a number: "abc"', 'not a header');
  });

  it('NaN and Infinity', () => {
    expectInputError(C('1,2,a\nNaN,2,b\n'), 'data.csv', 'line 2, coordinate 1: not a finite number: "NaN"');
    expectInputError(C('1,2,a\n1,-Infinity,b\n'), 'data.csv', 'line 2, coordinate 2: not a finite number: "-Infinity"');
  });

  it('zero denominator', () => {
    expectInputError(C('1,2,a\n1,1/0,b\n'), 'data.csv', 'line 2, coordinate 2: zero denominator: "1/0"');
  });

  it('empty label', () => {
    expectInputError(C('1,2,a\n1,2,\n'), 'data.csv', 'line 2: empty class label');
    expectInputError(C('1,2,a\n1,2,""\n'), 'data.csv', 'line 2: empty class label');
  });

  it('fewer than two classes', () => {
    expectInputError(C('x,label\n1,a\n2,a\n'), 'data.csv', 'found only 1 class ("a"); at least two are needed');
  });

  it('malformed quotes', () => {
    expectInputError(C('1,2,"a\n'), 'data.csv', 'line 1: unterminated quoted field (field 3)');
    expectInputError(C('1,2,"a"b\n'), 'data.csv', 'line 1: unexpected text after the closing quote');
  });
});

describe('good input', () => {
  it('parses the SPEC §6 example exactly', () => {
    const ds = parseDataJson(
      `{ "format": "dlgeom/data@1",
        "name": "example",
        "targets": [["1","0"],["0","1"]],
        "classes": [ { "label": "a", "points": [["0.5","1/3"], ["0.25", 1]] },
                     { "label": "b", "points": [[2, "2.75"]] } ] }`,
      'spec.json',
    );
    expect(strings(ds)).toEqual({
      name: 'example',
      M: 2,
      Q: 2,
      N: 3,
      classes: [
        { label: 'a', points: [['1/2', '1/3'], ['1/4', '1']] },
        { label: 'b', points: [['2', '11/4']] },
      ],
      targets: [['1', '0'], ['0', '1']],
    });
  });

  it('exact number forms: "3e-2", 0.1, "-7/3", exponents, signs', () => {
    const ds = parseDataJson(
      json('[{"label":"a","points":[["3e-2", 0.1, "-7/3", 2.5E+2, -0, " 1 / -4 ", ".5", "-1.25"]]},{"label":"b","points":[[1,2,3,4,5,6,7,8]]}]'),
      'n.json',
    );
    expect(ds.classes[0]!.points[0]!.map((v) => v.toString())).toEqual(['3/100', '1/10', '-7/3', '250', '0', '-1/4', '1/2', '-5/4']);
    const csv = parseDataCsv('3e-2,0.1,-7/3,a\n1,2,3,b\n', 'n.csv');
    expect(csv.classes[0]!.points[0]!.map((v) => v.toString())).toEqual(['3/100', '1/10', '-7/3']);
  });

  it('default targets are e_j; given targets are kept', () => {
    expect(strings(parseDataJson(json(TWO), 'd.json')).targets).toEqual([['1', '0'], ['0', '1']]);
    expect(strings(parseDataJson(json(TWO, '"targets": [["1/2", 0], [0, "2"]], '), 'd.json')).targets).toEqual([['1/2', '0'], ['0', '2']]);
  });

  it('default label is the class number; default name is the file name', () => {
    const ds = parseDataJson(json('[{"points":[[1]]},{"points":[[2]]}]'), 'dir/some.data.json');
    expect(ds.classes.map((c) => c.label)).toEqual(['1', '2']);
    expect(ds.name).toBe('some.data');
  });

  it('CSV: header detection, blank lines, quotes, classes in order of first appearance', () => {
    const ds = parseDataCsv('x1, x2 ,label\n\n1,2,"b, c"\n3,4,a\n5,6,"b, c"\n', 'd.csv');
    expect(strings(ds).classes).toEqual([
      { label: 'b, c', points: [['1', '2'], ['5', '6']] },
      { label: 'a', points: [['3', '4']] },
    ]);
    const noHeader = parseDataCsv('1,2,a\n3,4,b\n', 'd.csv');
    expect(noHeader.N).toBe(2);
  });

  it('duplicate labels are allowed in JSON (classes are positional)', () => {
    const ds = parseDataJson(json('[{"label":"a","points":[[1]]},{"label":"a","points":[[2]]}]'), 'd.json');
    expect(ds.Q).toBe(2);
  });

  it('JSON round trip: serialize then parse gives the same data (property)', () => {
    fc.assert(
      fc.property(arbContent(), (content) => {
        const back = parseDataJson(serializeDataSet(content), 'rt.json');
        expect(strings(back)).toEqual(strings({ ...content, source: back.source }));
      }),
      { seed: 20240611, numRuns: 100 },
    );
  });

  it('CSV round trip: serialize then parse gives the same data (property)', () => {
    fc.assert(
      fc.property(arbContent(), (content) => {
        const back = parseDataCsv(serializeDataSetCsv(content), `${content.name}.csv`);
        expect(strings(back)).toEqual(strings({ ...content, source: back.source }));
      }),
      { seed: 77, numRuns: 100 },
    );
  });
});

/** Small data sets with distinct labels (CSV merges equal labels), default targets. */
function arbContent() {
  const rat = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 12 })).map(([n, d]) => Rational.of(n, d));
  return fc
    .record({ M: fc.integer({ min: 1, max: 4 }), Q: fc.integer({ min: 2, max: 4 }) })
    .chain(({ M, Q }) =>
      fc.tuple(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/[\r\n]/.test(s) && s.trim() !== ''), { minLength: Q, maxLength: Q }),
        fc.array(fc.array(fc.array(rat, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 4 }), { minLength: Q, maxLength: Q }),
      ),
    )
    .map(([labels, pts]) => dataSetContent('rt', labels.map((label, j) => ({ label, points: pts[j]! }))));
}
