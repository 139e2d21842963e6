import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { dataSetContent } from '../src/data/build.ts';
import { InputError } from '../src/data/errors.ts';
import { loadDataFile } from '../src/data/load.ts';
import { csvHeader, csvRow, exactDecimal, serializeDataSet, serializeDataSetCsv, writeDataFile, writeLinesAtomically } from '../src/data/write.ts';

const dir = mkdtempSync(join(tmpdir(), 'dlgeom-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const r = (s: string) => Rational.parse(s);
const tiny = dataSetContent('tiny', [
  { label: 'a', points: [[r('1/2'), r('-3')]] },
  { label: 'b "q"', points: [[r('0.25'), r('2/6')], [r('7'), r('0')]] },
]);

describe('serializeDataSet', () => {
  it('writes the canonical form: reduced "p/q" strings, targets, fixed layout', () => {
    expect(serializeDataSet(tiny)).toBe(
      [
        '{',
        '  "format": "dlgeom/data@1",',
        '  "name": "tiny",',
        '  "targets": [',
        '    ["1", "0"],',
        '    ["0", "1"]',
        '  ],',
        '  "classes": [',
        '    {',
        '      "label": "a",',
        '      "points": [',
        '        ["1/2", "-3"]',
        '      ]',
        '    },',
        '    {',
        '      "label": "b \\"q\\"",',
        '      "points": [',
        '        ["1/4", "1/3"],',
        '        ["7", "0"]',
        '      ]',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('CSV: exact decimals where they terminate, else p/q; labels quoted when needed', () => {
    expect(serializeDataSetCsv(tiny)).toBe('x1,x2,label\n0.5,-3,a\n0.25,1/3,"b ""q"""\n7,0,"b ""q"""\n');
  });

  it('CSV refuses non-default targets and labels with line breaks', () => {
    const t = { ...tiny, targets: [[r('2'), r('0')], [r('0'), r('1')]] };
    expect(() => serializeDataSetCsv(t)).toThrow(InputError);
    const nl = dataSetContent('nl', [
      { label: 'a\nb', points: [[r('1')]] },
      { label: 'c', points: [[r('2')]] },
    ]);
    expect(() => serializeDataSetCsv(nl)).toThrow(/line break/);
  });
});

describe('writeDataFile', () => {
  it('writes JSON and CSV that load back to the same data', () => {
    for (const ext of ['json', 'csv']) {
      const p = join(dir, `tiny.${ext}`);
      writeDataFile(tiny, p);
      const back = loadDataFile(p);
      expect(serializeDataSet({ ...back, name: 'tiny' })).toBe(serializeDataSet(tiny));
    }
  });

  it('refuses to overwrite an existing file unless asked', () => {
    const p = join(dir, 'exists.json');
    writeFileSync(p, 'keep me');
    expect(() => writeDataFile(tiny, p)).toThrow(InputError);
    expect(() => writeDataFile(tiny, p)).toThrow(`${p}: file exists; refusing to overwrite it`);
    expect(readFileSync(p, 'utf8')).toBe('keep me');
    writeDataFile(tiny, p, { overwrite: true });
    expect(readFileSync(p, 'utf8')).toBe(serializeDataSet(tiny));
  });

  it('unknown extension and unwritable paths are InputErrors', () => {
    expect(() => writeDataFile(tiny, join(dir, 'x.txt'))).toThrow(/unknown file type "\.txt"/);
    expect(() => writeDataFile(tiny, join(dir, 'no', 'such', 'dir.json'))).toThrow(/cannot write file: no such file or directory/);
    expect(existsSync(join(dir, 'x.txt'))).toBe(false);
  });
});

describe('exactDecimal', () => {
  it('examples', () => {
    expect(['51/10', '-1/4', '3', '1/3', '-1/80', '0', '1/1000'].map((s) => exactDecimal(r(s)))).toEqual(['5.1', '-0.25', '3', '1/3', '-0.0125', '0', '0.001']);
  });

  it('reads back to the same rational (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.nat({ max: 12 }), fc.nat({ max: 12 }), fc.integer({ min: 1, max: 9 }), (n, a, b, c) => {
        const x = Rational.of(n, 2n ** BigInt(a) * 5n ** BigInt(b) * BigInt(c));
        expect(Rational.parse(exactDecimal(x)).eq(x)).toBe(true);
      }),
      { seed: 31337, numRuns: 300 },
    );
  });
});

describe('writeLinesAtomically', () => {
  it('writes the lines, refuses an existing file without overwrite, and replaces it with overwrite', () => {
    const p = join(dir, 'lines.csv');
    writeLinesAtomically(p, ['a', 'b']);
    expect(readFileSync(p, 'utf8')).toBe('a\nb\n');
    expect(() => writeLinesAtomically(p, ['c'])).toThrow(/file exists; refusing to overwrite/);
    expect(readFileSync(p, 'utf8')).toBe('a\nb\n');
    writeLinesAtomically(p, ['c'], { overwrite: true });
    expect(readFileSync(p, 'utf8')).toBe('c\n');
  });

  it('leaves no file (neither the name nor a partial one) when the lines fail midway', () => {
    const p = join(dir, 'broken.csv');
    function* failing(): Iterable<string> {
      yield 'first';
      throw new InputError('the source failed');
    }
    expect(() => writeLinesAtomically(p, failing())).toThrow(/the source failed/);
    expect(existsSync(p)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('broken'))).toEqual([]);
  });

  it('a folder that does not exist gives one InputError line', () => {
    expect(() => writeLinesAtomically(join(dir, 'no', 'such', 'x.csv'), ['a'])).toThrow(InputError);
  });

  it('streamed CSV rows equal serializeDataSetCsv', () => {
    const p = join(dir, 'tiny-stream.csv');
    writeLinesAtomically(p, [csvHeader(tiny.M), ...tiny.classes.flatMap((c) => c.points.map((x) => csvRow(x, c.label)))]);
    expect(readFileSync(p, 'utf8')).toBe(serializeDataSetCsv(tiny));
  });
});
