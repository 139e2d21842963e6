/**
 * The search runner (src/search/): the store is replayed first and cleaned of
 * stale entries, the same seed gives identical output, counterexample files
 * never overwrite, crashes and unconfirmed candidates are reported honestly,
 * and a printed path replays the counterexample.
 */
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import { loadDataFile } from '../src/data/load.ts';
import { serializeDataSet } from '../src/data/write.ts';
import { resultJson, resultText } from '../src/cli/search.ts';
import { writeCounterexampleFiles } from '../src/search/output.ts';
import type { SearchProperty } from '../src/search/property.ts';
import { runSearch } from '../src/search/runner.ts';
import { CounterexampleStore } from '../src/search/store.ts';
import { encode } from './codec.ts';
import { describeOutcome, property } from './search-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'dlgeom-search-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('counterexample store', () => {
  it('saves what the search finds and replays it first on a later search (any seed)', () => {
    const store = new CounterexampleStore(join(dir, 'store-1'));
    const first = runSearch(property('T4-general'), { seed: 11, numRuns: 100, maxQ: 3, store });
    expect(first.outcome, describeOutcome(first)).toBe('found');
    expect(first.found!.origin).toBe('search');
    expect(existsSync(first.found!.storeFile!)).toBe(true);
    expect(store.entries('T4-general')).toHaveLength(1);
    expect(store.entries('T4')).toHaveLength(0);

    const second = runSearch(property('T4-general'), { seed: 99, numRuns: 100, maxQ: 3, store });
    expect(second.outcome).toBe('found');
    expect(second.found!.origin).toBe('store');
    expect(second.replayed).toBe(1);
    expect(second.runsExecuted).toBe(0); // no fresh input was needed
    expect(second.found!.counterexample.summary).toBe(first.found!.counterexample.summary);
    // The replay line names the seed and path that found it originally.
    expect(resultText(second)).toContain(`--seed 11 --path ${first.found!.path}`);
  });

  it('drops a stored input that no longer fails, then searches afresh', () => {
    const store = new CounterexampleStore(join(dir, 'store-2'));
    const harmless = { W: Matrix.identity(2), b: [q(0), q(0)], x: [q(1), q(2)], y: [q(1), q(2)], s: [q(0), q(0)] };
    const file = store.save({ claim: 'T4-general', seed: 1, path: '0', runs: 1, maxQ: 3, input: encode(harmless) });
    const r = runSearch(property('T4-general'), { seed: 5, numRuns: 100, maxQ: 3, store });
    expect(r.replayed).toBe(1);
    expect(r.staleRemoved).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(r.found?.origin).toBe('search');
  });
});

describe('determinism', () => {
  for (const id of ['D3-general', 'S1', 'D1-any'])
    it(`${id}: the same seed gives identical JSON and text output`, () => {
      const run = () => runSearch(property(id), { seed: 424242, numRuns: 12, maxQ: 3 });
      const a = run();
      const b = run();
      expect(JSON.stringify(resultJson(a))).toBe(JSON.stringify(resultJson(b)));
      expect(resultText(a)).toBe(resultText(b));
    });

  it('the printed seed and path replay the same shrunk counterexample', () => {
    const r = runSearch(property('D3-general'), { seed: 77, numRuns: 100, maxQ: 3 });
    expect(r.outcome).toBe('found');
    const again = runSearch(property('D3-general'), { seed: r.found!.seed, numRuns: 1, maxQ: 3, path: r.found!.path });
    expect(again.outcome).toBe('found');
    expect(again.found!.input).toEqual(r.found!.input);
  });
});

describe('counterexample files', () => {
  it('writes a SPEC §6 data file that loads back and an evidence JSON; never overwrites (fresh names)', () => {
    const r = runSearch(property('D1-any'), { seed: 3, numRuns: 100, maxQ: 3 });
    expect(r.outcome).toBe('found');
    const out = join(dir, 'out');
    const a = writeCounterexampleFiles(out, r);
    const b = writeCounterexampleFiles(out, r);
    expect(a.dataFile).toBe(join(out, 'D1-any-1.json'));
    expect(b.dataFile).toBe(join(out, 'D1-any-2.json'));
    expect(b.evidenceFile).toBe(join(out, 'D1-any-2.evidence.json'));
    const ds = loadDataFile(a.dataFile!);
    expect(serializeDataSet(ds)).toBe(serializeDataSet(r.found!.counterexample.data!));
    const ev = JSON.parse(readFileSync(a.evidenceFile, 'utf8'));
    expect(ev.format).toBe('dlgeom/counterexample@1');
    expect(ev.confirmedExactly).toBe(true);
    expect(ev.replay).toContain(`dlgeom search D1-any --seed 3 --path ${r.found!.path}`);
    expect(ev.evidence.kind).toBe('shared-point');
  });

  it('a counterexample without data (a truncation map) gets only the evidence file', () => {
    const r = runSearch(property('T5-general'), { seed: 3, numRuns: 100, maxQ: 3 });
    const w = writeCounterexampleFiles(join(dir, 'out-t5'), r);
    expect(w.dataFile).toBeUndefined();
    expect(existsSync(w.evidenceFile)).toBe(true);
  });
});

describe('honest diagnostics', () => {
  const base = { title: 'test', expect: 'holds' as const, encode: (n: number) => n, decode: (j: unknown) => j as number };

  it('a candidate the property cannot confirm is never reported, only counted', () => {
    const p: SearchProperty<number> = { ...base, id: 'fake-unconfirmed', arbitrary: () => fc.integer({ min: 0, max: 10 }), check: (n) => (n > 3 ? { summary: 'float hint', evidence: {} } : undefined), confirm: () => false };
    const r = runSearch(p, { seed: 1, numRuns: 50, maxQ: 3 });
    expect(r.outcome).toBe('none');
    expect(r.unconfirmed).toBeGreaterThan(0);
    expect(resultText(r)).toContain('NOT counterexamples');
  });

  it('a property that throws is a crash with seed and path, not a counterexample', () => {
    const p: SearchProperty<number> = { ...base, id: 'fake-crash', arbitrary: () => fc.integer({ min: 0, max: 10 }), check: (n) => { if (n > 5) throw new RangeError('boom'); return undefined; }, confirm: () => true };
    const r = runSearch(p, { seed: 1, numRuns: 100, maxQ: 3 });
    expect(r.outcome).toBe('crash');
    expect(r.crash!.message).toBe('boom');
    expect(r.crash!.path).toMatch(/^\d+(:\d+)*$/);
    expect(resultText(r)).toContain('CRASHED');
  });

  it('a refuted engine verdict is flagged loudly', () => {
    const p: SearchProperty<number> = { ...base, id: 'fake-bug', arbitrary: () => fc.constant(1), check: () => ({ summary: 'ENGINE BUG: x', evidence: { kind: 'descent' }, engineBug: true }), confirm: () => true };
    const r = runSearch(p, { seed: 1, numRuns: 5, maxQ: 3 });
    expect(resultText(r).split('\n')[0]).toContain('ENGINE BUG');
    expect(resultJson(r).counterexample).toMatchObject({ engineBug: true });
  });
});
