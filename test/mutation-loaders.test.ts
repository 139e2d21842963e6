/**
 * The data loaders (npm run mutation -- loaders) through their public entry points: loadDataFile
 * (the fast paths, compact storage) against parseDataCsvGeneral / parseDataJsonGeneral (the reference), the
 * strict JSON reader, the exact number reader and the one-line I/O reasons. What is asserted:
 * the fast path takes the files it should (compact storage attached) and reads them exactly as
 * the reference does; every other file gets the reference's one line; numbers keep their exact
 * value; non-regular files and I/O failures give one line naming the file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DataSet } from '../src/data/dataset.ts';
import { hasCompact } from '../src/data/compact.ts';
import { InputError } from '../src/data/errors.ts';
import { describeIoError } from '../src/data/io-error.ts';
import { JsonNumber, JsonSyntaxError, describeJson, isJsonObject, parseJsonExact, truncatedJson } from '../src/data/json-exact.ts';
import { LIMITS, formatCount, numberTooLong } from '../src/data/limits.ts';
import { fileTooLarge, loadDataFile, readBounded } from '../src/data/load.ts';
import { parseDataCsvGeneral } from '../src/data/load-csv.ts';
import { parseDataJsonGeneral } from '../src/data/load-json.ts';
import { splitCsvLine } from '../src/data/load-csv.ts';
import { parseExactJson, parseExactText } from '../src/data/numbers.ts';
import { dataSetStrings } from './support/data-strings.ts';
import { messageOf } from './support/load-outcome.ts';

const SEED = 1_717;
const dir = mkdtempSync(path.join(os.tmpdir(), 'dlgeom-mut-loaders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
/** Writes `text` to a fresh file with extension `ext` and returns its path. */
function file(text: string | Buffer, ext: string): string {
  const p = path.join(dir, `f${counter++}.${ext}`);
  writeFileSync(p, text);
  return p;
}

/** Loads `text` from disk (fast path) and by the reference parser; both must agree. */
function loadBoth(text: string, ext: 'csv' | 'json'): { ds: DataSet; p: string } {
  const p = file(text, ext);
  const ds = loadDataFile(p);
  const ref = ext === 'csv' ? parseDataCsvGeneral(text, p) : parseDataJsonGeneral(text, p);
  expect(dataSetStrings(ds)).toEqual(dataSetStrings(ref));
  expect(ds.source).toEqual(ref.source);
  return { ds, p };
}

/** The fast path refuses `text`: loadDataFile gives exactly the reference parser's line. */
function expectSameError(text: string, ext: 'csv' | 'json', pattern: RegExp): string {
  const p = file(text, ext);
  const fast = messageOf(() => loadDataFile(p));
  const ref = messageOf(() => (ext === 'csv' ? parseDataCsvGeneral(text, p) : parseDataJsonGeneral(text, p)));
  expect(fast).toBe(ref);
  expect(fast.startsWith(`${p}: `), fast).toBe(true);
  expect(fast).not.toMatch(/\n/);
  const rest = fast.slice(p.length + 2);
  expect(rest).toMatch(pattern);
  return rest;
}

describe('CSV: the fast path reads what it should, exactly as the reference', () => {
  const fastCases: [string, string, string[][]][] = [
    ['plain decimals', 'x,y,c\n1,2,a\n-3.25,0.5,b\n', [['1', '2'], ['-13/4', '1/2']]],
    ['a plus sign, a trailing and a leading dot', '+5,5.,a\n.5,-0.0,b\n', [['5', '5'], ['1/2', '0']]],
    ['15 digits (largest plain mantissa)', '123456789012345,0.00000000000001,a\n1,1,b\n', [['123456789012345', '1/100000000000000'], ['1', '1']]],
    ['16 digits go through the exact reader', '1234567890123456,0.000000000000001,a\n1,1,b\n', [['1234567890123456', '1/1000000000000000'], ['1', '1']]],
    ['exponents and fractions', '1e3,-2/4,a\n2.5E-1,+7/3,b\n', [['1000', '-1/2'], ['1/4', '7/3']]],
    ['spaces and tabs around fields', ' 1 ,\t2\t, a \n3 , 4 ,\tb\n', [['1', '2'], ['3', '4']]],
    ['CRLF and lone CR line ends, blank lines', '1,2,a\r\n\r\n3,4,b\r5,6,a\r\n  \t \n', [['1', '2'], ['3', '4'], ['5', '6']]],
    ['a quoted row after the first', '1,2,a\n"3"," 4 ","b"\n', [['1', '2'], ['3', '4']]],
    ['a BOM and a header of quoted names', '\uFEFF"x","y",label\n1,2,a\n3,4,b\n', [['1', '2'], ['3', '4']]],
    ['labels that repeat out of order', '1,a\n2,b\n3,a\n4,c\n5,b\n', [['1'], ['2'], ['3'], ['4'], ['5']]],
  ];
  for (const [what, text, points] of fastCases)
    it(what, () => {
      const { ds } = loadBoth(text, 'csv');
      expect(hasCompact(ds), 'compact storage attached (the fast path took the file)').toBe(true);
      expect(ds.classes.flatMap((c) => c.points).map((p) => p.map(String)).sort()).toEqual([...points].sort());
    });

  it('classes in order of first appearance, sizes and default targets', () => {
    const { ds } = loadBoth('1,b\n2,a\n3,b\n4,c\n', 'csv');
    expect(ds.classes.map((c) => [c.label, c.points.length])).toEqual([['b', 2], ['a', 1], ['c', 1]]);
    expect(ds.N).toBe(4);
    expect(ds.targets.map((y) => y.map(String))).toEqual([['1', '0', '0'], ['0', '1', '0'], ['0', '0', '1']]);
    const other = loadBoth('1,b\n2,a\n', 'csv');
    expect(other.ds.name).toBe(path.basename(other.p).replace(/\.csv$/, ''));
  });

  it('non-ASCII text is handed to the reference parser (same data set)', () => {
    const { ds } = loadBoth('1,ä\n2,β\n', 'csv');
    expect(ds.classes.map((c) => c.label)).toEqual(['ä', 'β']);
  });

  it('random plain and exact numbers: same data set, compact storage attached (property)', () => {
    const num = fc.oneof(
      fc.integer({ min: -999999, max: 999999 }).map((n) => (n / 1000).toFixed(3)),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map(String),
      fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 9 })).map(([p, q]) => `${p}/${q}`),
      fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
      fc.constantFrom('+1', '-0', '0.000', '7.', '.25', '1e-3', '1E2'),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.tuple(fc.array(num, { minLength: 4, maxLength: 4 }), fc.constantFrom('a', 'b', 'c')), { minLength: 2, maxLength: 12 }), (M, rows) => {
        const body = rows.map(([xs, l]) => [...xs.slice(0, M), l].join(',')).join('\n');
        const header = Array.from({ length: M }, (_, k) => `x${k}`).join(',') + ',label';
        const text = `${header}\n${Array(M).fill('0').join(',')},a\n${Array(M).fill('1').join(',')},b\n${body}\n`;
        const { ds } = loadBoth(text, 'csv');
        return hasCompact(ds);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('CSV: every refusal is the reference line', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty file', '  \n\n', /^empty file$/],
    ['only a header', 'x,label\n', /no data rows \(only a header\)/],
    ['one class', '1,a\n2,a\n', /found only 1 class \("a"\); at least two are needed/],
    ['a single field', '5\n6\n', /^line 1: expected at least one coordinate and a label, found 1 field/],
    ['a row too wide', '1,2,a\n3,4,5,b\n', /^line 2: expected 2 coordinates, found 3/],
    ['a row too narrow', '1,2,a\n3,b\n', /^line 2: expected 2 coordinates, found 1/],
    ['a quoted row too wide', '1,2,a\n"3",4,5,b\n', /^line 2: expected 2 coordinates, found 3/],
    ['an empty label', '1,a\n2,\n', /^line 2: empty class label/],
    ['an empty label, quoted', '1,a\n2,""\n', /^line 2: empty class label/],
    ['an empty coordinate', '1,2,a\n,2,b\n', /^line 2, coordinate 1: not a number: ""/],
    ['a bad number after the first row', '1,a\n1x,b\n', /^line 2, coordinate 1: not a number: "1x"/],
    ['a bad number in a quoted row', '1,a\n"1x",b\n', /^line 2, coordinate 1: not a number/],
    ['a dot alone', '1,a\n.,b\n', /^line 2, coordinate 1: not a number: "\."/],
    ['a sign alone', '1,a\n-,b\n', /^line 2, coordinate 1: not a number: "-"/],
    ['a zero denominator', '1,a\n1/0,b\n', /^line 2, coordinate 1: zero denominator: "1\/0"/],
    ['NaN', '1,a\nNaN,b\n', /^line 2, coordinate 1: not a finite number: "NaN"/],
    ['an exponent out of range', '1,a\n1e-200000,b\n', /^line 2, coordinate 1: number too long/],
    ['a mixed first row', '1,x,a\n1,2,b\n', /^line 1, coordinate 2: not a number: "x" \(not a header either: other fields are numbers\)/],
    ['an unterminated quote', '1,a\n"2,b\n', /^line 2: unterminated quoted field \(field 1\)/],
    ['text after a closing quote', '1,a\n"2"x,b\n', /^line 2: unexpected text after the closing quote \(field 1\)/],
    ['an over-long number in the first row', `${'1'.repeat(LIMITS.digits + 1)},a\n1,b\n`, /^line 1, coordinate 1: number too long: 1 001 digits/],
    ['an over-long number later', `1,a\n${'1'.repeat(LIMITS.digits + 1)},b\n`, /^line 2, coordinate 1: number too long: 1 001 digits/],
    ['a control character', '1,a\n2\u0001,b\n', /^line 2, coordinate 1: not a number/],
  ];
  for (const [what, text, pattern] of cases) it(what, () => expectSameError(text, 'csv', pattern));

  it('splitCsvLine: quotes, doubled quotes, spaces kept inside quotes, a trailing comma', () => {
    expect(splitCsvLine('1, "a,b"')).toEqual(['1', 'a,b']);
    expect(splitCsvLine('"say ""hi""", 2')).toEqual(['say "hi"', '2']);
    expect(splitCsvLine(' " x " ,\t"y"\t')).toEqual([' x ', 'y']);
    expect(splitCsvLine('1,')).toEqual(['1', '']);
    expect(splitCsvLine('')).toEqual(['']);
    expect(splitCsvLine('a,"b')).toBe('unterminated quoted field (field 2)');
    expect(splitCsvLine('"a" b')).toBe('unexpected text after the closing quote (field 1)');
  });
});

describe('JSON: the fast path reads what it should, exactly as the reference', () => {
  const doc = (classes: string, extra = '') => `{"format":"dlgeom/data@1"${extra},"classes":[${classes}]}`;

  it('plain numbers, strings, exponents and long numbers, with and without labels and targets', () => {
    const cases: [string, string[][]][] = [
      [doc('{"label":"a","points":[[1,2],[-0.5,3]]},{"points":[[0,0]]}'), [['1', '2'], ['-1/2', '3'], ['0', '0']]],
      [doc('{"points":[[123456789012345, 0.00000000000001]]},{"points":[["1/3","-2e-1"]]}'), [['123456789012345', '1/100000000000000'], ['1/3', '-1/5']]],
      [doc('{"points":[[1e2, 2.5E-1]]},{"points":[[1234567890123456, 0.1]]}'), [['100', '1/4'], ['1234567890123456', '1/10']]],
      [doc('{"points":[[-0, "7"]]},{"points":[["+3", 4]]}', ',"name":"n","targets":[[1,"1/2"],[0,-1]]'), [['0', '7'], ['3', '4']]],
    ];
    for (const [text, points] of cases) {
      const { ds } = loadBoth(text, 'json');
      expect(hasCompact(ds), text).toBe(true);
      expect(ds.classes.flatMap((c) => c.points).map((p) => p.map(String))).toEqual(points);
    }
    const { ds } = loadBoth(doc('{"points":[[1]]},{"points":[[2]]}', ',"name":"n","targets":[[1,"1/2"],[0,-1]]'), 'json');
    expect(ds.name).toBe('n');
    expect(ds.targets.map((y) => y.map(String))).toEqual([['1', '1/2'], ['0', '-1']]);
    expect(ds.classes.map((c) => c.label)).toEqual(['1', '2']);
  });

  it('random data sets: same data set, compact storage attached (property)', () => {
    const num = fc.oneof(
      fc.integer({ min: -99999, max: 99999 }).map((n) => (n / 100).toString()),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => `"${n}"`),
      fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([p, q]) => `"${p}/${q}"`),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(fc.array(fc.array(num, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 4 }), (M, classes) => {
        const text = doc(classes.map((pts, j) => `{"label":"c${j}","points":[${pts.map((p) => `[${p.slice(0, M).join(',')}]`).join(',')}]}`).join(','));
        const { ds } = loadBoth(text, 'json');
        return hasCompact(ds) && ds.Q === classes.length && ds.M === M;
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('JSON: every refusal is the reference line', () => {
  const doc = (classes: string, extra = '') => `{"format":"dlgeom/data@1"${extra},"classes":[${classes}]}`;
  const two = '{"points":[[1]]},{"points":[[2]]}';
  const cases: [string, string, RegExp][] = [
    ['an empty file', '\uFEFF  ', /^empty file$/],
    ['a syntax error', '{"format":', /^line 1, column 11: invalid JSON: unexpected end of input$/],
    ['an array at the top', '[1]', /^top level: expected an object, found an array of 1$/],
    ['an unknown key', doc(two, ',"target":[]'), /unknown key "target" \(allowed: "format", "name", "targets", "classes"\)/],
    ['no format', '{"classes":[]}', /missing "format" \(expected "dlgeom\/data@1"\)/],
    ['a wrong format', '{"format":"dlgeom/data@2","classes":[]}', /^format: expected "dlgeom\/data@1", found a string \("dlgeom\/data@2"\)/],
    ['a blank name', doc(two, ',"name":" "'), /^name: expected a non-empty string, found a string \(" "\)/],
    ['a numeric name', doc(two, ',"name":5'), /^name: expected a non-empty string, found a number \(5\)/],
    ['no classes', '{"format":"dlgeom/data@1"}', /missing "classes"/],
    ['classes not an array', '{"format":"dlgeom/data@1","classes":{}}', /^classes: expected an array of classes, found an object/],
    ['one class', doc('{"points":[[1]]}'), /^classes: found 1 class; at least two are needed/],
    ['no class', doc(''), /^classes: found 0 classes; at least two are needed/],
    ['a class not an object', doc('{"points":[[1]]},7'), /^class 2: expected an object with "label" and "points", found a number \(7\)/],
    ['an empty label', doc('{"label":"","points":[[1]]},{"points":[[2]]}'), /^class 1: label: expected a non-empty string, found a string \(""\)/],
    ['an unknown class key', doc('{"label":"a","points":[[1]],"pts":1},{"points":[[2]]}'), /^class 1 \("a"\): unknown key "pts" \(allowed: "label", "points"\)/],
    ['no points', doc('{"label":"a"},{"points":[[2]]}'), /^class 1 \("a"\): missing "points"/],
    ['points not an array', doc('{"points":true},{"points":[[2]]}'), /^class 1: points: expected an array of points, found true/],
    ['an empty class', doc('{"points":[]},{"points":[[2]]}'), /^class 1: empty class \(no points\)/],
    ['a point not an array', doc('{"points":[null]},{"points":[[2]]}'), /^class 1, point 1: expected an array of coordinates, found null/],
    ['an empty point', doc('{"points":[[]]},{"points":[[2]]}'), /^class 1, point 1: a point needs at least one coordinate/],
    ['a point of another dimension', doc('{"points":[[1,2]]},{"points":[[2]]}'), /^class 2, point 1: expected 2 coordinates \(as in class 1, point 1\), found 1/],
    ['a coordinate that is not a number', doc('{"points":[[1]]},{"points":[[false]]}'), /^class 2, point 1, coordinate 1: expected a number, found false/],
    ['a string that is not a number', doc('{"points":[[1]]},{"points":[["x"]]}'), /^class 2, point 1, coordinate 1: not a number: "x"/],
    ['a double overflow', doc('{"points":[[1]]},{"points":[[1e400]]}'), /^class 2, point 1, coordinate 1: not a finite number: 1e400 overflows a double/],
    ['too many digits for a double', doc('{"points":[[1]]},{"points":[[0.10000000000000000001]]}'), /has more digits than a double holds \(it would read as 0\.1\)/],
    ['targets not an array', doc(two, ',"targets":3'), /^targets: expected an array of 2 targets, found a number \(3\)/],
    ['targets of the wrong count', doc(two, ',"targets":[[1,0]]'), /^targets: expected 2 targets \(one per class\), found 1/],
    ['a target not an array', doc(two, ',"targets":[[1,0],"x"]'), /^target 2: expected an array of 2 entries, found a string/],
    ['a target of the wrong length', doc(two, ',"targets":[[1,0],[1]]'), /^target 2: expected 2 entries \(targets are Q-vectors, Q = 2\), found 1/],
    ['a target entry not a number', doc(two, ',"targets":[[1,0],[1,"1/0"]]'), /^target 2, entry 2: zero denominator: "1\/0"/],
  ];
  for (const [what, text, pattern] of cases) it(what, () => expectSameError(text, 'json', pattern));

  it('a label appears in the place of later errors', () => {
    expect(expectSameError(doc('{"label":"a","points":[[1]]},{"label":"b","points":[["z"]]}'), 'json', /./)).toBe('class 2 ("b"), point 1, coordinate 1: not a number: "z"');
  });
});

describe('numbers: exact values and one-line reasons', () => {
  it('parseExactText reads every form exactly; NaN, infinities, zero denominators, huge exponents refused', () => {
    const ok: [string, string][] = [['3e-2', '3/100'], ['-7/3', '-7/3'], [' 0.1 ', '1/10'], ['+2', '2'], ['1E+2', '100'], ['6/-4', '-3/2'], ['0.10000000000000000001', '10000000000000000001/100000000000000000000']];
    for (const [t, v] of ok) expect(parseExactText(t), t).toEqual({ ok: true, value: expect.objectContaining({}) }), expect(String((parseExactText(t) as { value: unknown }).value)).toBe(v);
    for (const t of ['NaN', ' -inf', '+Infinity', 'INF', 'nan']) expect(parseExactText(t)).toEqual({ ok: false, reason: `not a finite number: ${JSON.stringify(t)}` });
    expect(parseExactText('1/0')).toEqual({ ok: false, reason: 'zero denominator: "1/0"' });
    expect(parseExactText('1e-999')).toEqual({ ok: true, value: expect.anything() });
    expect(parseExactText('abc')).toEqual({ ok: false, reason: 'not a number: "abc"' });
    expect(parseExactText('')).toEqual({ ok: false, reason: 'not a number: ""' });
    expect(parseExactText('x'.repeat(50))).toEqual({ ok: false, reason: `not a number: "${'x'.repeat(40)}…"` });
  });

  it('parseExactJson: a number means its shortest decimal and must equal the digits written', () => {
    const v = (t: string) => parseExactJson(new JsonNumber(t));
    expect(String((v('0.1') as { value: unknown }).value)).toBe('1/10');
    expect(String((v('-2.5e-3') as { value: unknown }).value)).toBe('-1/400');
    expect(String((v('9007199254740993') as { ok: boolean }).ok)).toBe('false');
    expect(v('9007199254740993')).toEqual({
      ok: false,
      reason: 'the JSON number 9007199254740993 has more digits than a double holds (it would read as 9007199254740992); write it as a string to mean it exactly',
    });
    expect(v('1' + '0'.repeat(400))).toEqual({ ok: false, reason: `not a finite number: ${'1' + '0'.repeat(39)}… overflows a double (write it as a string for the exact value)` });
    expect(v('-1e309')).toEqual({ ok: false, reason: 'not a finite number: -1e309 overflows a double (write it as a string for the exact value)' });
    expect(parseExactJson('1/3')).toEqual(parseExactText('1/3'));
    expect(parseExactJson(null)).toEqual({ ok: false, reason: 'expected a number, found null' });
    expect(parseExactJson(undefined)).toEqual({ ok: false, reason: 'expected a number, found nothing' });
    expect(parseExactJson([new JsonNumber('1')])).toEqual({ ok: false, reason: 'expected a number, found an array of 1' });
  });

  it('a number at the digit limit is read exactly (no rounding)', () => {
    const big = '9'.repeat(LIMITS.digits);
    const frac = `-${'9'.repeat(LIMITS.digits - 1)}/7`;
    const { ds } = loadBoth(`${big},a\n${frac},b\n`, 'csv');
    expect(String(ds.classes[0]!.points[0]![0])).toBe(big);
    expect(String(ds.classes[1]!.points[0]![0])).toBe(frac);
    const j = loadBoth(`{"format":"dlgeom/data@1","classes":[{"points":[["${big}"]]},{"points":[["1e-${LIMITS.digits - 1}"]]}]}`, 'json').ds;
    expect(String(j.classes[0]!.points[0]![0])).toBe(big);
    expect(String(j.classes[1]!.points[0]![0])).toBe(`1/1${'0'.repeat(LIMITS.digits - 1)}`);
  });

  it('formatCount groups thousands with spaces', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1 000');
    expect(formatCount(1234567)).toBe('1 234 567');
  });
});

describe('the strict JSON reader', () => {
  it('escapes, unicode escapes, nesting, whitespace', () => {
    const v = parseJsonExact(' {"a\\n\\"\\\\\\/\\b\\f\\r\\t":[1, "\\u00e9\\u0041x", {"b": [true, false, null]}]}\r\n') as Record<string, unknown>;
    const arr = v['a\n"\\/\b\f\r\t'] as unknown[];
    expect(arr[0]).toEqual(new JsonNumber('1'));
    expect(arr[1]).toBe('éAx');
    expect(arr[2]).toEqual(Object.assign(Object.create(null), { b: [true, false, null] }));
    expect(parseJsonExact('[]')).toEqual([]);
    expect(parseJsonExact('{ }')).toEqual(Object.create(null));
    expect(parseJsonExact('-0.5e+10')).toEqual(new JsonNumber('-0.5e+10'));
    expect(parseJsonExact('"plain"')).toBe('plain');
    // Every kind of whitespace around every token, keys after commas included.
    const spaced = parseJsonExact(' {\t"a" :\r\n1 ,\n "b"\t: [ 1 ,\t2 ] , "c" : { } }\t\r\n') as Record<string, unknown>;
    expect(Object.keys(spaced)).toEqual(['a', 'b', 'c']);
    expect(spaced.b).toEqual([new JsonNumber('1'), new JsonNumber('2')]);
  });

  it('syntax errors: one line with line and column', () => {
    const err = (t: string, depth?: number) => {
      try {
        parseJsonExact(t, depth);
      } catch (e) {
        expect(e).toBeInstanceOf(JsonSyntaxError);
        const s = e as JsonSyntaxError;
        expect(s.message).toBe(`line ${s.line}, column ${s.column}: ${s.reason}`);
        return `${s.line}:${s.column} ${s.reason}`;
      }
      return 'parsed';
    };
    expect(err('')).toBe('1:1 unexpected end of input');
    expect(err('[1,\n 2 x]')).toBe('2:4 unexpected character "x" (expected "," or "]")');
    expect(err('{"a":1 "b":2}')).toBe('1:8 unexpected character "\\"" (expected "," or "}")');
    expect(err('{"a" 1}')).toBe('1:6 unexpected character "1" (expected ":")');
    expect(err('{1:2}')).toBe('1:2 unexpected character "1" (expected a key in double quotes)');
    expect(err('{"a":1,"a":2}')).toBe('1:8 duplicate key "a"');
    expect(err('"abc')).toBe('1:5 unterminated string');
    expect(err('"a\tb"')).toBe('1:3 control character in string (escape it)');
    expect(err('"\\x"')).toBe('1:2 bad escape in string');
    expect(err('"\\u12G4"')).toBe('1:2 bad \\u escape in string');
    expect(err('"\\')).toBe('1:2 bad escape in string');
    expect(err('1 2')).toBe('1:3 unexpected character "2" after the end of the JSON value');
    expect(err('tru')).toBe('1:1 unexpected character "t"');
    expect(err('01')).toBe('1:2 unexpected character "1" after the end of the JSON value');
    expect(err('[[1]]', 1)).toBe('1:2 nested deeper than 1 levels (limit: 1)');
    expect(err('[[1]]', 2)).toBe('parsed');
    expect(err('{"a":{"b":1}}', 1)).toBe('1:6 nested deeper than 1 levels (limit: 1)');
    expect(err('[{}, {}, [], []]', 2)).toBe('parsed');
    expect(err('\n\n  ]')).toBe('3:3 unexpected character "]"');
  });

  it('describeJson, truncatedJson and isJsonObject', () => {
    expect(describeJson(undefined)).toBe('nothing');
    expect(describeJson(null)).toBe('null');
    expect(describeJson(true)).toBe('true');
    expect(describeJson('s')).toBe('a string ("s")');
    expect(describeJson(new JsonNumber('12'))).toBe('a number (12)');
    expect(describeJson(new JsonNumber('1'.repeat(41)))).toBe(`a number (${'1'.repeat(40)}…)`);
    expect(describeJson(new JsonNumber('1'.repeat(40)))).toBe(`a number (${'1'.repeat(40)})`);
    expect(describeJson([1 as never, 2 as never])).toBe('an array of 2');
    expect(describeJson(Object.create(null))).toBe('an object');
    expect(truncatedJson('a'.repeat(40))).toBe(JSON.stringify('a'.repeat(40)));
    expect(truncatedJson('a'.repeat(41))).toBe(JSON.stringify('a'.repeat(40) + '…'));
    expect(truncatedJson('abcdef', 3)).toBe('"abc…"');
    expect(isJsonObject(Object.create(null))).toBe(true);
    for (const v of [null, [], new JsonNumber('1'), 'x', true, undefined]) expect(isJsonObject(v as never)).toBe(false);
  });
});

describe('files: one line naming the file', () => {
  it('extensions: none, empty, other; case-insensitive', () => {
    expect(messageOf(() => loadDataFile(path.join(dir, 'data')))).toBe(`${path.join(dir, 'data')}: unknown file type (no extension) (expected .json or .csv)`);
    expect(messageOf(() => loadDataFile(path.join(dir, 'data.')))).toBe(`${path.join(dir, 'data.')}: unknown file type "." (expected .json or .csv)`);
    expect(messageOf(() => loadDataFile(path.join(dir, 'data.txt')))).toBe(`${path.join(dir, 'data.txt')}: unknown file type ".txt" (expected .json or .csv)`);
    expect(messageOf(() => loadDataFile(path.join(dir, 'a.json', 'b')))).toMatch(/unknown file type \(no extension\)/);
    const p = file('1,a\n2,b\n', 'CsV');
    expect(loadDataFile(p).Q).toBe(2);
  });

  it('I/O failures: missing, a folder, under a file', () => {
    const missing = path.join(dir, 'missing.csv');
    expect(messageOf(() => loadDataFile(missing))).toBe(`${missing}: cannot read file: no such file or directory`);
    const folder = mkdtempSync(path.join(dir, 'folder-')) + '.json';
    rmSync(folder, { force: true });
    symlinkSync(dir, folder);
    expect(messageOf(() => loadDataFile(folder))).toBe(`${folder}: cannot read file: is a directory`);
    const under = path.join(file('x', 'txt'), 'y.csv');
    expect(messageOf(() => loadDataFile(under))).toBe(`${under}: cannot read file: a component of the path is not a directory`);
  });

  it('a device (not a regular file) is read as a stream: /dev/null is an empty file', () => {
    const p = path.join(dir, 'null.csv');
    symlinkSync('/dev/null', p);
    expect(messageOf(() => loadDataFile(p))).toBe(`${p}: empty file`);
    expect(readBounded(p)).toHaveLength(0);
  });

  it('readBounded returns the exact bytes, of any size up to the limit', () => {
    for (const size of [0, 1, 65535, 65536, 65537, 300_000]) {
      const bytes = Buffer.alloc(size, 7);
      if (size) bytes[size - 1] = 9;
      expect(readBounded(file(bytes, 'bin')).equals(bytes), String(size)).toBe(true);
    }
  });

  it('a file over the size limit is refused before reading, with one line', () => {
    expect(fileTooLarge('d.csv', LIMITS.fileBytes + 1)).toBe('d.csv: file too large: 268 435 457 bytes (limit: 268 435 456 bytes)');
  });

  it('not UTF-8: one line', () => {
    const p = file(Buffer.from([0x31, 0x2c, 0x61, 0x0a, 0xff, 0xfe]), 'csv');
    expect(messageOf(() => loadDataFile(p))).toBe(`${p}: not a UTF-8 text file`);
  });

  it('describeIoError: one short reason per error code, the first line of anything else', () => {
    const coded = (code: string) => Object.assign(new Error(`${code}: long node message, open '/x'`), { code });
    expect(describeIoError(coded('ENOENT'))).toBe('no such file or directory');
    expect(describeIoError(coded('EACCES'))).toBe('permission denied');
    expect(describeIoError(coded('EPERM'))).toBe('permission denied');
    expect(describeIoError(coded('EISDIR'))).toBe('is a directory');
    expect(describeIoError(coded('EEXIST'))).toBe('file exists');
    expect(describeIoError(coded('ENOTDIR'))).toBe('a component of the path is not a directory');
    expect(describeIoError(coded('EIO'))).toBe("EIO: long node message, open '/x'");
    expect(describeIoError(new Error('first\nsecond'))).toBe('first');
    expect(describeIoError('plain\ntext')).toBe('plain');
    expect(describeIoError(undefined)).toBe('undefined');
  });

  it('InputError is an Error named InputError', () => {
    const e = new InputError('m');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('InputError');
    expect(e.message).toBe('m');
  });
});

describe('reading bounded: limits, streams, descriptors', () => {
  it('a regular file over the size limit is refused before reading (sparse file), with the limit named', () => {
    const p = path.join(dir, 'huge.csv');
    writeFileSync(p, '');
    truncateSync(p, LIMITS.fileBytes + 1);
    expect(messageOf(() => loadDataFile(p))).toBe(`${p}: file too large: 268 435 457 bytes (limit: 268 435 456 bytes)`);
    rmSync(p);
  });

  it('a pipe is read in several chunks to its end, byte for byte', () => {
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const row = '1,a\n2,b\n';
    const writer = spawn('sh', ['-c', `for i in $(seq 30000); do printf '${row.replace(/\n/g, '\\n')}'; done > '${fifo}'`], { stdio: 'ignore' });
    try {
      const bytes = readBounded(fifo);
      expect(bytes.length).toBe(30000 * row.length);
      expect(bytes.toString('utf8')).toBe(row.repeat(30000));
    } finally {
      writer.kill();
    }
    const writer2 = spawn('sh', ['-c', `printf '1,a\\n2,b\\n' > '${fifo}'`], { stdio: 'ignore' });
    try {
      expect(loadDataFile(fifo).N).toBe(2);
    } finally {
      writer2.kill();
    }
  });

  it('every file opened is closed, on success and on failure', () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    const good = file('1,a\n2,b\n', 'csv');
    const bad = file('1,a\n', 'csv');
    loadDataFile(good);
    const before = fds();
    for (let i = 0; i < 20; i++) {
      loadDataFile(good);
      messageOf(() => loadDataFile(bad));
      messageOf(() => loadDataFile(dir + '.csv'));
    }
    expect(fds()).toBe(before);
  });

  it('an exponent without a mantissa beyond range, and 40-character numbers kept whole in messages', () => {
    expect(numberTooLong('e1234567890123456789')).toBe('number too long: an exponent beyond range (limit: 1 000 digits per number, exponent included)');
    const forty = '1234567890123456789012345678901234567890';
    expect(parseExactJson(new JsonNumber(forty))).toEqual({
      ok: false,
      reason: `the JSON number ${forty} has more digits than a double holds (it would read as ${Number(forty)}); write it as a string to mean it exactly`,
    });
    const over = `1.${'0'.repeat(34)}e400`;
    expect(over).toHaveLength(40);
    expect(parseExactJson(new JsonNumber(over))).toEqual({ ok: false, reason: `not a finite number: ${over} overflows a double (write it as a string for the exact value)` });
  });
});
