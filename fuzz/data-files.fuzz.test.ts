/**
 * Fuzz harness for the data loaders (SPEC §6): malformed, extreme and hostile JSON and
 * CSV data files. Every input either loads as a consistent data set or fails with an
 * InputError of one line naming the file; the fast loaders agree with the reference
 * ones exactly; through the CLI (in-process), a verdict or exit 2 with one line —
 * never exit 3, a stack trace or a hang. Seeds are fixed; a failure prints seed and path.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/data/errors.ts';
import { parseDataCsvGeneral } from '../src/data/load-csv.ts';
import { parseDataJsonGeneral } from '../src/data/load-json.ts';
import { LIMITS } from '../src/data/limits.ts';
import { loadDataFile, parseDataCsv, parseDataJson } from '../src/data/load.ts';
import { fuzzRuns } from '../test/support/fuzz.ts';
import { extremeValidNumber, jsonCoordinate, mutateText, numberText, toJsonText } from './support/hostile.ts';
import { expectCleanOutcome, runInProcess } from './support/run-cli.ts';
import { dataSetStrings } from '../test/support/data-strings.ts';
import { outcome, type Outcome } from '../test/support/load-outcome.ts';

const SEED = 17_001;
const dir = mkdtempSync(path.join(os.tmpdir(), 'dlgeom-fuzz-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** What a loaded data set must satisfy, and the one-line contract on errors. */
function expectSane(o: Outcome, name: string): void {
  if (!o.ok) {
    expect(o.message.includes('\n') || o.message.includes('\r'), o.message).toBe(false);
    expect(o.message.startsWith(`${name}: `), o.message).toBe(true);
    expect(o.message.length).toBeLessThan(600);
    return;
  }
  const { ds } = o;
  expect(ds.Q).toBe(ds.classes.length);
  expect(ds.Q).toBeGreaterThanOrEqual(2);
  expect(ds.Q).toBeLessThanOrEqual(LIMITS.Q);
  expect(ds.N).toBe(ds.classes.reduce((s, c) => s + c.points.length, 0));
  for (const c of ds.classes) {
    expect(c.points.length).toBeGreaterThan(0);
    for (const p of c.points) expect(p.length).toBe(ds.M);
  }
  expect(ds.targets).toHaveLength(ds.Q);
  for (const y of ds.targets) expect(y).toHaveLength(ds.Q);
}

/** The fast loader and the reference loader give the same data set or the same message. */
function expectSameOutcome(fast: Outcome, ref: Outcome): void {
  if (!fast.ok || !ref.ok) {
    expect(fast.ok ? 'loaded' : fast.message).toBe(ref.ok ? 'loaded' : ref.message);
    return;
  }
  expect(dataSetStrings(fast.ds)).toEqual(dataSetStrings(ref.ds));
}

/** A data object in the JSON format, usually well-formed in outline, with hostile parts. */
function jsonDataText(modest: boolean): fc.Arbitrary<string> {
  const point = (M: number) => fc.array(jsonCoordinate(modest), { minLength: M, maxLength: M });
  const cls = (M: number) =>
    fc.record(
      {
        label: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', 'a', 'a', 'b', 7 as unknown as string, '\u0000', '"', 'x'.repeat(300))),
        points: fc.oneof({ weight: 8, arbitrary: fc.array(point(M), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(point(M + 1), { maxLength: 2 }) }),
      },
      { requiredKeys: ['points'] },
    );
  return fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }))
    .chain(([Q, M]) =>
      fc.record(
        {
          format: fc.oneof({ weight: 9, arbitrary: fc.constant('dlgeom/data@1') }, { weight: 1, arbitrary: fc.constantFrom('dlgeom/data@2', '', null) }),
          name: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(' ')),
          classes: fc.array(cls(M), { minLength: Q, maxLength: Q }),
          targets: fc.array(fc.array(jsonCoordinate(modest), { minLength: Q, maxLength: Q }), { minLength: Q, maxLength: Q }),
          tagret: fc.constant(1),
        },
        { requiredKeys: ['classes'] },
      ),
    )
    .map(toJsonText);
}

/** A CSV data file, usually well-formed in outline, with hostile fields. */
function csvDataText(modest: boolean): fc.Arbitrary<string> {
  const field = fc.oneof(
    { weight: 8, arbitrary: numberText(modest) },
    { weight: 1, arbitrary: numberText(modest).map((t) => `"${t.replace(/"/g, '""')}"`) },
  );
  const label = fc.oneof(fc.constantFrom('a', 'b', 'c', 'a', 'b', '', '"q,uoted"', '"""', ' spaced '), fc.string({ maxLength: 4 }));
  return fc
    .integer({ min: 1, max: 3 })
    .chain((M) =>
      fc.tuple(
        fc.boolean(),
        fc.array(fc.tuple(fc.array(field, { minLength: M, maxLength: M }), label), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\n\n'),
      ).map(([header, rows, eol]) => {
        const lines = rows.map(([f, l]) => [...f, l].join(','));
        if (header) lines.unshift([...Array.from({ length: M }, (_, k) => `x${k + 1}`), 'label'].join(','));
        return lines.join(eol) + eol;
      }),
    );
}

describe('data loaders under hostile input (fuzz)', () => {
  it('JSON: loads consistently or fails with one line; fast and reference loaders agree', () => {
    fc.assert(
      fc.property(mutateText(jsonDataText(false)), (text) => {
        const fast = outcome(() => parseDataJson(text, 'f.json'));
        expectSane(fast, 'f.json');
        expectSameOutcome(fast, outcome(() => parseDataJsonGeneral(text, 'f.json')));
      }),
      { seed: SEED, numRuns: fuzzRuns(300, 5000) },
    );
  });

  it('CSV: loads consistently or fails with one line; fast and reference loaders agree', () => {
    fc.assert(
      fc.property(mutateText(csvDataText(false)), (text) => {
        const fast = outcome(() => parseDataCsv(text, 'f.csv'));
        expectSane(fast, 'f.csv');
        expectSameOutcome(fast, outcome(() => parseDataCsvGeneral(text, 'f.csv')));
      }),
      { seed: SEED + 1, numRuns: fuzzRuns(300, 5000) },
    );
  });

  const anyDataFile = fc.oneof(mutateText(jsonDataText(false)).map((t) => ['json', t] as const), mutateText(csvDataText(false)).map((t) => ['csv', t] as const));
  /** Well-formed CSV data (2–3 classes) whose numbers are extreme but within the limits. */
  const extremeCsv = fc
    .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 3 }))
    .chain(([M, Q]) => fc.array(fc.array(extremeValidNumber(), { minLength: M, maxLength: M }), { minLength: Q, maxLength: 6 }).map((rows) => rows.map((r, i) => `${r.join(',')},c${i % Q}`).join('\n') + '\n'));
  let k = 0;
  /** Exit statuses seen, so a run that never reaches a result (all inputs refused) fails. */
  const seen = (statuses: number[]) => expect(statuses.filter((x) => x === 0).length, `statuses ${statuses.join(',')}`).toBeGreaterThan(0);
  it('through the CLI (stats, in-process): a result or exit 2 with one line', async () => {
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(anyDataFile, fc.boolean(), async ([ext, text], json) => {
        const file = path.join(dir, `case-${k++}.${ext}`);
        writeFileSync(file, text);
        const o = await runInProcess(['stats', file, ...(json ? ['--json'] : [])]);
        statuses.push(o.status);
        expectCleanOutcome(o, `${file}: ${JSON.stringify(text.slice(0, 300))}`);
      }),
      { seed: SEED + 2, numRuns: fuzzRuns(40, 600) },
    );
    seen(statuses);
  });

  it('through the CLI (verify --skip-d2, in-process): verdicts or exit 2 with one line', async () => {
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(extremeCsv, async (text) => {
        const file = path.join(dir, `case-${k++}.csv`);
        writeFileSync(file, text);
        const o = await runInProcess(['verify', file, '--skip-d2', '--json']);
        statuses.push(o.status);
        expectCleanOutcome(o, `${file}: ${JSON.stringify(text.slice(0, 300))}`);
      }),
      { seed: SEED + 3, numRuns: fuzzRuns(10, 150) },
    );
    seen(statuses);
  });
});

describe('the limits (README "Limits"): one line naming the file, the place and the limit', () => {
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const json = (coords: string) => `{"format":"dlgeom/data@1","classes":[{"points":[[${coords}]]},{"points":[[2]]}]}`;
  const cases: [string, () => string, RegExp][] = [
    ['a 20-million-digit number', () => write('huge.json', json(`"${'1'.repeat(20_000_000)}"`)), /class 1, point 1, coordinate 1: number too long: 20 000 000 characters \(limit: 1 000 digits/],
    ['a 10^5-digit number in CSV', () => write('long.csv', `x,label\n${'3'.repeat(100_000)},a\n2,b\n`), /line 2, coordinate 1: number too long/],
    ['an exponent beyond the digit limit', () => write('exp.csv', 'x,label\n1e99999,a\n2,b\n'), /line 2, coordinate 1: number too long: 100 000 digits/],
    ['JSON nested 10 000 levels', () => write('deep.json', '['.repeat(10_000) + ']'.repeat(10_000)), /line 1, column 257: invalid JSON: nested deeper than 256 levels/],
    ['3·10^6 CSV columns', () => write('wide.csv', `${'1,'.repeat(3_000_000)}a\n${'2,'.repeat(3_000_000)}b\n`), /line 1: too many coordinates per point \(M\): more than 100 000/],
    ['Q = 2 000 with M = 1', () => write('q.csv', 'x,label\n' + Array.from({ length: 2000 }, (_, i) => `${i},c${i}\n`).join('')), /line 1002: too many classes \(Q\): more than 1 000/],
    ['Q = 2 000 in JSON', () => write('q.json', `{"format":"dlgeom/data@1","classes":[${Array.from({ length: 2000 }, (_, i) => `{"points":[[${i}]]}`).join(',')}]}`), /classes: too many classes \(Q\)/],
    [
      'a file over the size limit',
      () => {
        const f = write('big.csv', '');
        truncateSync(f, LIMITS.fileBytes + 1); // sparse: no disk used
        return f;
      },
      /big\.csv: file too large: 268 435 457 bytes \(limit: 268 435 456 bytes\)/,
    ],
  ];
  for (const [what, make, expected] of cases)
    it(what, async () => {
      const file = make();
      const o = await runInProcess(['stats', file]);
      expectCleanOutcome(o, what);
      expect(o.status).toBe(2);
      expect(o.stderr).toMatch(expected);
      expect(o.stderr.startsWith(`dlgeom: ${file}: `)).toBe(true);
    });

  it('within the limits everything is read exactly: 1 000-digit numbers, M = 5 000, Q = 30', () => {
    const big = `${'12345678901'.repeat(91)}`.slice(0, 999);
    const ds = loadDataFile(write('edge.json', json(`"${big}/7"`)));
    expect(ds.classes[0]!.points[0]![0]!.toString()).toBe(`${big}/7`);
    const ds2 = loadDataFile(write('edge.csv', `x,label\n1e999,a\n-1e-999,b\n`));
    expect(ds2.classes[0]!.points[0]![0]!.toString()).toBe(`1${'0'.repeat(999)}`);
    expect(ds2.classes[1]!.points[0]![0]!.toString()).toBe(`-1/1${'0'.repeat(999)}`);
    const wide = loadDataFile(write('m5000.csv', `${'1,'.repeat(5000)}a\n${'2,'.repeat(5000)}b\n`));
    expect(wide.M).toBe(5000);
    const q30 = loadDataFile(write('q30.csv', Array.from({ length: 30 }, (_, i) => `${i},c${i}\n`).join('')));
    expect(q30.Q).toBe(30);
  });
});
