/**
 * The size limits of the loaders (N, N·M, Q, M) at lowered values, so the limits that need 10^7
 * points at their real size are tested on small files (LIMITS is a plain object at run time; the
 * code that compares against it is the same). What is asserted, on random files with a fixed
 * seed (plain, exact and non-ASCII numbers and labels, CSV with and without a header, blank lines,
 * CRLF, quoted rows; JSON with and without labels):
 * - loadDataFile (the fast paths) gives exactly the reference parser's data set or its one line;
 * - a file within every limit loads; a file over one is refused with one line naming that limit,
 *   at the place (CSV line, JSON class and point) where the count first passes it;
 * - through the CLI (in-process), a file over a limit is exit 2 with one line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hasCompact } from '../src/data/compact.ts';
import { LIMITS } from '../src/data/limits.ts';
import { loadDataFile } from '../src/data/load.ts';
import { parseDataCsvGeneral } from '../src/data/load-csv.ts';
import { parseDataJsonGeneral } from '../src/data/load-json.ts';
import { runInProcess } from '../fuzz/support/run-cli.ts';
import { outcome, outcomeView } from './support/load-outcome.ts';

const SEED = 2_917;
const dir = mkdtempSync(path.join(os.tmpdir(), 'dlgeom-mut-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
function file(text: string, ext: string): string {
  const p = path.join(dir, `f${counter++}.${ext}`);
  writeFileSync(p, text);
  return p;
}

type Counted = 'N' | 'M' | 'Q' | 'coordinates';
const real = { N: LIMITS.N, M: LIMITS.M, Q: LIMITS.Q, coordinates: LIMITS.coordinates };
/** Sets the counted limits for one test (restored after each). */
function setLimits(l: Partial<Record<Counted, number>>): void {
  Object.assign(LIMITS as unknown as Record<Counted, number>, real, l);
}
afterEach(() => setLimits({}));

const view = outcomeView;

/** A data set as classes of points of number texts. */
interface Spec {
  labels: string[]; // one per class
  points: { cls: number; xs: string[] }[]; // in file order
}

const plain = fc.integer({ min: -99999, max: 99999 }).map((n) => (n / 100).toString());
const exact = fc.oneof(
  fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([p, q]) => `${p}/${q}`),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.constantFrom('1e2', '-2.5E-1', '+3', '.5'),
);
const spec = (M: number): fc.Arbitrary<Spec> =>
  fc
    .tuple(
      fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'ä', 'lbl 1', 'β'), { minLength: 2, maxLength: 7 }),
      fc.array(fc.tuple(fc.nat(), fc.array(fc.oneof(plain, plain, exact), { minLength: M, maxLength: M })), { minLength: 0, maxLength: 12 }),
    )
    .map(([labels, rest]) => ({
      labels,
      // Every class has a point; then the random rest.
      points: [...labels.map((_, cls) => ({ cls, xs: Array(M).fill('1') })), ...rest.map(([k, xs]) => ({ cls: k % labels.length, xs }))],
    }));

interface CsvStyle {
  header: boolean;
  crlf: boolean;
  blankEvery: number; // 0: none
  quoteEvery: number; // 0: none
}
function toCsv(s: Spec, M: number, st: CsvStyle): { text: string; lineOf: number[] } {
  const lines: string[] = [];
  const lineOf: number[] = [];
  if (st.header) lines.push([...Array.from({ length: M }, (_, k) => `x${k}`), 'label'].join(','));
  s.points.forEach((p, i) => {
    if (st.blankEvery && i % st.blankEvery === 1) lines.push('  ');
    const fields = [...p.xs, s.labels[p.cls]!];
    lines.push(st.quoteEvery && i % st.quoteEvery === 0 ? fields.map((f) => `"${f}"`).join(',') : fields.join(','));
    lineOf.push(lines.length);
  });
  return { text: lines.join(st.crlf ? '\r\n' : '\n') + '\n', lineOf };
}
function toJson(s: Spec, labelled: boolean): string {
  const classes = s.labels.map((l, j) => {
    const pts = s.points.filter((p) => p.cls === j).map((p) => `[${p.xs.map((x) => (/^-?\d{1,7}(\.\d+)?$/.test(x) ? x : `"${x}"`)).join(',')}]`);
    return `{${labelled ? `"label":"${l}",` : ''}"points":[${pts.join(',')}]}`;
  });
  return `{"format":"dlgeom/data@1","classes":[${classes.join(',')}]}`;
}

/** Where the counts first pass a limit, in file order of the points (CSV), or undefined. */
function firstOver(s: Spec, M: number, l: Record<Counted, number>): { point: number; what: Counted } | undefined {
  if (M > l.M) return { point: 0, what: 'M' };
  const seen = new Set<number>();
  for (let i = 0; i < s.points.length; i++) {
    const n = i + 1;
    seen.add(s.points[i]!.cls);
    if (n > l.N) return { point: i, what: 'N' };
    if (n * M > l.coordinates) return { point: i, what: 'coordinates' };
    if (seen.size > l.Q) return { point: i, what: 'Q' };
  }
  return undefined;
}
const REASON: Record<Counted, RegExp> = {
  N: /too many points \(N\): more than ([\d ]+) \(limit: N ≤ \1\)$/,
  M: /too many coordinates per point \(M\): more than ([\d ]+) \(limit: M ≤ \1\)$/,
  Q: /too many classes \(Q\): more than ([\d ]+) \(limit: Q ≤ \1\)$/,
  coordinates: /too many coordinates in all \(N·M\): more than ([\d ]+) \(limit: N·M ≤ \1\)$/,
};

// Each limit is passed in a fair share of the runs (measured: about a fifth within all of them).
const limits = fc.record({
  N: fc.integer({ min: 2, max: 22 }),
  M: fc.integer({ min: 1, max: 9 }),
  Q: fc.integer({ min: 2, max: 9 }),
  coordinates: fc.integer({ min: 2, max: 70 }),
});

describe('lowered size limits: the fast path gives the reference data set or its one line', () => {
  it('CSV: random files around N, N·M, Q and M (property)', () => {
    fc.assert(
      fc.property(
        limits,
        fc.integer({ min: 1, max: 4 }).chain((M) => fc.tuple(fc.constant(M), spec(M))),
        fc.record({ header: fc.boolean(), crlf: fc.boolean(), blankEvery: fc.constantFrom(0, 0, 3), quoteEvery: fc.constantFrom(0, 0, 0, 4) }),
        (l, [M, s], st) => {
          setLimits(l);
          const { text, lineOf } = toCsv(s, M, st);
          const p = file(text, 'csv');
          const fast = outcome(() => loadDataFile(p));
          const ref = outcome(() => parseDataCsvGeneral(text, p, fast.ok ? fast.ds.source : undefined));
          expect(view(fast)).toEqual(view(ref));
          const over = firstOver(s, M, l);
          if (!over) {
            expect(fast.ok, fast.ok ? '' : fast.message).toBe(true);
            if (fast.ok) expect(hasCompact(fast.ds)).toBe(!/[äβ]/.test(text));
            return;
          }
          expect(fast.ok).toBe(false);
          if (fast.ok) return;
          const line = over.what === 'M' ? lineOf[0]! - (st.header ? 1 : 0) : lineOf[over.point]!;
          expect(fast.message.startsWith(`${p}: line ${line}: `), `${fast.message} (expected line ${line}, ${over.what})`).toBe(true);
          expect(fast.message).toMatch(REASON[over.what]);
          expect(fast.message).not.toMatch(/\n/);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('JSON: random files around N, N·M, Q and M (property)', () => {
    fc.assert(
      fc.property(limits, fc.integer({ min: 1, max: 4 }).chain((M) => fc.tuple(fc.constant(M), spec(M))), fc.boolean(), (l, [M, s], labelled) => {
        setLimits(l);
        const text = toJson(s, labelled);
        const p = file(text, 'json');
        const fast = outcome(() => loadDataFile(p));
        const ref = outcome(() => parseDataJsonGeneral(text, p, fast.ok ? fast.ds.source : undefined));
        expect(view(fast)).toEqual(view(ref));
        // JSON counts class by class: Q first (from the array's length), then M at the first point, then N and N·M.
        const byClass = { ...s, points: s.labels.flatMap((_, j) => s.points.filter((q) => q.cls === j)) };
        const over = s.labels.length > l.Q ? { point: 0, what: 'Q' as const } : firstOver({ ...byClass, labels: [] }, M, { ...l, Q: Infinity });
        if (!over) {
          expect(fast.ok, fast.ok ? '' : fast.message).toBe(true);
          if (fast.ok) expect(hasCompact(fast.ds)).toBe(true);
          return;
        }
        expect(fast.ok).toBe(false);
        if (fast.ok) return;
        let where = 'classes';
        if (over.what !== 'Q') {
          const q = byClass.points[over.point]!;
          const i = byClass.points.slice(0, over.point).filter((r) => r.cls === q.cls).length;
          where = `class ${q.cls + 1}${labelled ? ` ("${s.labels[q.cls]}")` : ''}, point ${i + 1}`;
        }
        expect(fast.message.startsWith(`${p}: ${where}: `), `${fast.message} (expected ${where}, ${over.what})`).toBe(true);
        expect(fast.message).toMatch(REASON[over.what]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('empty lines count as lines in the line number of a limit (LF, CRLF, CR)', () => {
    setLimits({ N: 2 });
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['x,label', '1,a', '', '2,b', '', '', '3,c', ''].join(eol);
      const p = file(text, 'csv');
      const fast = outcome(() => loadDataFile(p));
      expect(view(fast)).toEqual(view(outcome(() => parseDataCsvGeneral(text, p))));
      expect(fast.ok ? 'loaded' : fast.message).toBe(`${p}: line 7: too many points (N): more than 2 (limit: N ≤ 2)`);
    }
  });

  it('each limit through the CLI: exit 2 and one line naming the limit', async () => {
    const csv = file('x,label\n1,a\n2,b\n3,c\n4,a\n', 'csv');
    const json = file('{"format":"dlgeom/data@1","classes":[{"points":[[1,2],[3,4]]},{"points":[[5,6]]},{"points":[[7,8]]}]}', 'json');
    const cases: [Partial<Record<Counted, number>>, string, RegExp][] = [
      [{ N: 3 }, csv, /: line 5: too many points \(N\): more than 3 \(limit: N ≤ 3\)$/],
      [{ coordinates: 2 }, csv, /: line 4: too many coordinates in all \(N·M\): more than 2 \(limit: N·M ≤ 2\)$/],
      [{ Q: 2 }, csv, /: line 4: too many classes \(Q\): more than 2 \(limit: Q ≤ 2\)$/],
      [{ M: 0 }, csv, /: line 1: too many coordinates per point \(M\): more than 0 \(limit: M ≤ 0\)$/],
      [{ N: 2 }, json, /: class 2, point 1: too many points \(N\): more than 2 \(limit: N ≤ 2\)$/],
      [{ coordinates: 5 }, json, /: class 2, point 1: too many coordinates in all \(N·M\): more than 5 \(limit: N·M ≤ 5\)$/],
      [{ Q: 2 }, json, /: classes: too many classes \(Q\): more than 2 \(limit: Q ≤ 2\)$/],
      [{ M: 1 }, json, /: class 1, point 1: too many coordinates per point \(M\): more than 1 \(limit: M ≤ 1\)$/],
    ];
    for (const [l, p, pattern] of cases) {
      setLimits(l);
      const o = await runInProcess(['stats', p]);
      expect(o.status, `${JSON.stringify(l)} ${o.stderr}`).toBe(2);
      const lines = o.stderr.trimEnd().split('\n');
      expect(lines, o.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(lines[0]).toContain(p);
    }
    setLimits({});
    expect((await runInProcess(['stats', csv])).status).toBe(0);
    expect((await runInProcess(['stats', json])).status).toBe(0);
  });
});
