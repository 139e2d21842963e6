/**
 * The compact representation, the fast CSV path and the fast class
 * statistics must give exactly what the reference paths give — same data, same
 * quantities (as reduced fraction strings), same one-line errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { exampleNames, loadExample } from '../src/data/examples.ts';
import { parseDataCsvGeneral } from '../src/data/load-csv.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { compactOf, hasCompact } from '../src/data/compact.ts';
import { classSizes } from '../src/data/compact-access.ts';
import { classMoments } from '../src/data/moments.ts';
import { classStats } from '../src/data/stats.ts';
import { classMomentsPointwise, classStatsPointwise } from './oracles/class-stats.ts';
import { serializeDataSet, serializeDataSetCsv } from '../src/data/write.ts';
import { parseDataJsonGeneral } from '../src/data/load-json.ts';
import { parseDataJson } from '../src/data/fast-json.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { dataSetStrings, statsStrings } from './support/data-strings.ts';

const strings = (ds: DataSet) => ({ ...dataSetStrings(ds), source: ds.source });

function quantityStrings(ds: DataSet, fast: boolean) {
  const s = fast ? classStats(ds) : classStatsPointwise(ds);
  const m = fast ? classMoments(ds) : classMomentsPointwise(ds);
  const q = shallowQuantities(ds, m);
  return { ...statsStrings(s, m), U2: String(q.U2), Vfull2: String(q.Vfull2), Vnb2: String(q.Vnb2) };
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
}

/** A number written in one of the forms the CSV format allows. */
const numberText = fc.oneof(
  fc.integer({ min: -99999, max: 99999 }).map((n) => (n / 1e4).toFixed(4)),
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 12 })).map(([p, q]) => `${p}/${q}`),
  fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -3, max: 3 })).map(([m, e]) => `${m}e${e}`),
  fc.integer({ min: -9, max: 9 }).map((n) => ` ${n}.5 `),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.constantFrom('0.1', '-0.0000', '.5', '5.', '+3.25', '0.000000000001'),
);

const csvArb = fc.integer({ min: 1, max: 4 }).chain((M) =>
  fc
    .array(fc.tuple(fc.array(numberText, { minLength: M, maxLength: M }), fc.constantFrom('a', 'b', 'c')), { minLength: 2, maxLength: 25 })
    .map((rows) => ['x'.repeat(1) + ',' .repeat(M - 1) + 'label'.padStart(1), ...rows.map(([xs, l]) => [...xs, l].join(','))].join('\n') + '\n'),
);

describe('fast CSV path', () => {
  it('reads the same data set as the reference parser (random CSV, all number forms)', () => {
    fc.assert(
      fc.property(csvArb, (text) => {
        const ref = errorOf(() => parseDataCsvGeneral(text, 'r.csv'));
        if (ref !== 'no error') {
          expect(errorOf(() => parseDataCsv(text, 'r.csv'))).toBe(ref);
          return;
        }
        const a = parseDataCsvGeneral(text, 'r.csv');
        const b = parseDataCsv(text, 'r.csv');
        expect(classSizes(b)).toEqual(classSizes(a));
        expect(quantityStrings(b, true)).toEqual(quantityStrings(a, false));
        expect(strings(b)).toEqual(strings(a));
      }),
      { numRuns: 150 },
    );
  });

  it('iris as CSV: identical data, compact storage attached, points lazy', () => {
    const ex = loadExample('iris');
    const text = serializeDataSetCsv(ex);
    const b = parseDataCsv(text, 'iris.csv');
    expect(hasCompact(b)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(b.classes[0]!, 'points')!.get).toBeTypeOf('function');
    expect(quantityStrings(b, true)).toEqual(quantityStrings(ex, false));
    expect(strings(b)).toEqual(strings(parseDataCsvGeneral(text, 'iris.csv')));
    expect(Object.getOwnPropertyDescriptor(b.classes[0]!, 'points')!.get).toBeUndefined(); // materialized once, cached
  });

  it('coordinates beyond 2^53 and mixed denominators use BigInt storage and stay exact', () => {
    const text = 'x,y,l\n9007199254740993,1/3,a\n-9007199254740993.5,0.25,a\n1,2,b\n3/7,-1e30,b\n2,2,c\n';
    const a = parseDataCsvGeneral(text, 'big.csv');
    const b = parseDataCsv(text, 'big.csv');
    expect(compactOf(b).classes[0]!.big).toBeDefined();
    expect(strings(b)).toEqual(strings(a));
    expect(quantityStrings(b, true)).toEqual(quantityStrings(a, false));
  });

  const bad: [string, string][] = [
    ['empty', ''],
    ['only blank lines', '\n  \n'],
    ['header only', 'x,y,label\n'],
    ['one class', 'x,label\n1,a\n2,a\n'],
    ['ragged row', 'x,y,label\n1,2,a\n1,b\n'],
    ['too many fields', 'x,y,label\n1,2,a\n1,2,3,b\n'],
    ['not a number', 'x,y,label\n1,2,a\n1,zz,b\n'],
    ['NaN', 'x,y,label\n1,2,a\nNaN,1,b\n'],
    ['Infinity', 'x,y,label\n1,2,a\n1,-inf,b\n'],
    ['zero denominator', 'x,y,label\n1,2,a\n1/0,1,b\n'],
    ['empty label', 'x,y,label\n1,2,a\n1,2,\n'],
    ['empty coordinate', 'x,y,label\n1,2,a\n1,,b\n'],
    ['mixed header', 'x,2,label\n1,2,a\n3,4,b\n'],
    ['one field', '1\n2\n'],
    ['unterminated quote', 'x,y,label\n1,2,a\n1,2,"b\n'],
    ['text after quote', 'x,y,label\n1,2,a\n1,2,"b"x\n'],
    ['exponent out of range', 'x,y,label\n1,2,a\n1e999999,2,b\n'],
    ['double dot', 'x,y,label\n1,2,a\n1.2.3,2,b\n'],
    ['lone sign', 'x,y,label\n1,2,a\n-,2,b\n'],
  ];
  for (const [what, text] of bad)
    it(`same one-line error as the reference parser: ${what}`, () => {
      const ref = errorOf(() => parseDataCsvGeneral(text, 'bad.csv'));
      expect(ref).toMatch(/^InputError: bad\.csv: /);
      expect(errorOf(() => parseDataCsv(text, 'bad.csv'))).toBe(ref);
    });

  it('valid but unusual files (quotes, CRLF, BOM, blank lines, tabs, unicode labels) read identically', () => {
    const texts = [
      '\uFEFFx,y,label\r\n1,2,a\r\n\r\n3,4,"b, c"\r\n5 ,\t6,a\r\n',
      'x,y,label\r1,2,a\r3,4,b\r',
      '1,2,α\n3,4,β\n1/3,2e-3,α\n',
      '  \n1,2,"a ""q"""\n3,4,b\n',
    ];
    for (const t of texts) {
      const a = parseDataCsvGeneral(t, 'u.csv');
      const b = parseDataCsv(t, 'u.csv');
      expect(strings(b)).toEqual(strings(a));
      expect(quantityStrings(b, true)).toEqual(quantityStrings(a, false));
    }
  });
});

describe('fast class statistics', () => {
  for (const name of exampleNames())
    it(`equal the reference statistics on example ${name}`, () => {
      const ds = loadExample(name);
      expect(quantityStrings(ds, true)).toEqual(quantityStrings(ds, false));
    });

  it('equal the reference on random rational data (including ties and duplicate points)', () => {
    const coord = fc.oneof(
      fc.tuple(fc.integer({ min: -40, max: 40 }), fc.constantFrom(1, 2, 3, 10, 100)).map(([p, q]) => Rational.of(p, q)),
      fc.constantFrom(Rational.ZERO, Rational.ONE),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((M) =>
          fc.array(fc.array(fc.array(coord, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 4 }),
        ),
        (classes) => {
          const ds: DataSet = {
            name: 't',
            M: classes[0]![0]!.length,
            Q: classes.length,
            N: classes.reduce((s, c) => s + c.length, 0),
            classes: classes.map((points, j) => ({ label: String(j), points })),
            targets: classes.map((_, j) => classes.map((__, i) => (i === j ? Rational.ONE : Rational.ZERO))),
            source: { kind: 'example', name: 't', sha256: '' },
          };
          expect(quantityStrings(ds, true)).toEqual(quantityStrings(ds, false));
        },
      ),
      { numRuns: 200 },
    );
  });
});


describe('fast JSON path', () => {
  const jsonNumber = fc.oneof(
    fc.integer({ min: -99999, max: 99999 }).map((n) => (n / 1e4).toString()),
    fc.integer({ min: -999, max: 999 }).map(String),
    fc.constantFrom('0.1', '-0.0', '1e3', '2.5E-2', '123456789012345', '0.000000000000000123', '"1/3"', '"-7"', '" 2.5 "', '1.0000000000000001'),
  );
  const jsonArb = fc.integer({ min: 1, max: 3 }).chain((M) =>
    fc
      .tuple(
        fc.array(fc.array(fc.array(jsonNumber, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([classes, withTargets]) => {
        const Q = classes.length;
        const targets = withTargets ? `"targets": [${classes.map((_, j) => `[${classes.map((__, i) => (i === j ? '"1/2"' : '0')).join(', ')}]`).join(', ')}], ` : '';
        return `{"format": "dlgeom/data@1", ${targets}"classes": [${classes.map((pts, j) => `{"label": "c${j}", "points": [${pts.map((p) => `[${p.join(', ')}]`).join(', ')}]}`).join(', ')}]}`;
      }),
  );

  it('reads the same data set as the reference parser (random JSON, numbers and strings)', () => {
    fc.assert(
      fc.property(jsonArb, (text) => {
        const ref = errorOf(() => parseDataJsonGeneral(text, 'r.json'));
        if (ref !== 'no error') {
          expect(errorOf(() => parseDataJson(text, 'r.json'))).toBe(ref);
          return;
        }
        const a = parseDataJsonGeneral(text, 'r.json');
        const b = parseDataJson(text, 'r.json');
        expect(quantityStrings(b, true)).toEqual(quantityStrings(a, false));
        expect(strings(b)).toEqual(strings(a));
      }),
      { numRuns: 150 },
    );
  });

  it('every example as canonical JSON reads identically', () => {
    for (const name of exampleNames()) {
      const text = serializeDataSet(loadExample(name));
      const b = parseDataJson(text, `${name}.json`);
      expect(hasCompact(b)).toBe(true);
      expect(strings(b)).toEqual(strings(parseDataJsonGeneral(text, `${name}.json`)));
    }
  });

  const badJson: [string, string][] = [
    ['empty', ''],
    ['syntax', '{"format": "dlgeom/data@1", "classes": [}'],
    ['not an object', '[1, 2]'],
    ['wrong format', '{"format": "x", "classes": []}'],
    ['unknown key', '{"format": "dlgeom/data@1", "clases": []}'],
    ['one class', '{"format": "dlgeom/data@1", "classes": [{"points": [[1]]}]}'],
    ['empty class', '{"format": "dlgeom/data@1", "classes": [{"points": [[1]]}, {"points": []}]}'],
    ['ragged', '{"format": "dlgeom/data@1", "classes": [{"points": [[1, 2]]}, {"points": [[1]]}]}'],
    ['bad number', '{"format": "dlgeom/data@1", "classes": [{"points": [[1]]}, {"points": [["x"]]}]}'],
    ['too many digits', '{"format": "dlgeom/data@1", "classes": [{"points": [[0.10000000000000000001]]}, {"points": [[1]]}]}'],
    ['bad targets', '{"format": "dlgeom/data@1", "targets": [[1]], "classes": [{"points": [[1]]}, {"points": [[2]]}]}'],
    ['bad label', '{"format": "dlgeom/data@1", "classes": [{"label": "", "points": [[1]]}, {"points": [[2]]}]}'],
    ['duplicate key', '{"format": "dlgeom/data@1", "format": "dlgeom/data@1", "classes": []}'],
  ];
  for (const [what, text] of badJson)
    it(`same one-line error as the reference parser: ${what}`, () => {
      const ref = errorOf(() => parseDataJsonGeneral(text, 'bad.json'));
      expect(ref).toMatch(/^InputError: bad\.json: /);
      expect(errorOf(() => parseDataJson(text, 'bad.json'))).toBe(ref);
    });
});

describe('compact coordinates in shared memory', () => {
  it('a worker receiving the compact data reads the same memory, not a copy (CSV and JSON loaders)', () => {
    const csv = parseDataCsv('x1,x2,label\n1,2,a\n3.5,-4,b\n5,6,a\n', 's.csv');
    const json = parseDataJson(JSON.stringify({ format: 'dlgeom/data@1', classes: [{ label: 'a', points: [['1', '2']] }, { label: 'b', points: [['3', '4']] }] }), 's.json');
    for (const ds of [csv, json]) {
      for (const c of compactOf(ds).classes) {
        expect(c.f64!.buffer).toBeInstanceOf(SharedArrayBuffer);
        // Structured cloning (what workerData does) shares a SharedArrayBuffer: a write shows on both sides.
        const clone = structuredClone(c.f64!);
        const before = c.f64![0]!;
        clone[0] = before + 1;
        expect(c.f64![0]).toBe(before + 1);
        clone[0] = before;
      }
    }
  });
});
