/**
 * The snapshot convention of the baseline (src/prove/baseline.ts): which differences are
 * written outside CI, which always fail, and how CI is recognised.
 */
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, isFailure, runningInCI, settleNewVerdicts, withWrittenVerdicts, type BaselineEntry } from '../src/prove/baseline.ts';
import type { VerdictRow } from '../src/prove/verdict.ts';

const row = (check: string, verdict: VerdictRow['verdict'], script = 's'): VerdictRow => ({ script, claim: 'C', check, data: 'd', kind: 'exact', verdict, evidence: '', timeMs: 0 });
const entry = (check: string, verdict: BaselineEntry['verdict'], script = 's'): BaselineEntry => ({ script, claim: 'C', check, data: 'd', verdict });

describe('baseline: the snapshot convention', () => {
  const rows = [row('same', 'holds'), row('changed', 'fails'), row('fresh', 'holds'), row('broken', 'error'), row('other', 'passed', 'a')];
  const base = [entry('same', 'holds'), entry('changed', 'holds'), entry('gone', 'holds'), entry('kept', 'holds', 'z')];
  const diffs = compareWithBaseline(rows, base, ['s', 'a']);

  it('outside CI: a verdict with no entry is "written" (not a failure), except an error; changed and missing entries fail', () => {
    const settled = settleNewVerdicts(diffs, false);
    expect(settled.map((d) => [d.check, d.kind, isFailure(d)])).toEqual([
      ['changed', 'regression', true],
      ['fresh', 'written', false],
      ['broken', 'new', true],
      ['other', 'written', false],
      ['gone', 'missing', true],
    ]);
  });

  it('under CI nothing is written: every difference fails', () => {
    expect(settleNewVerdicts(diffs, true).every(isFailure)).toBe(true);
    expect(settleNewVerdicts(diffs, true).map((d) => d.kind)).toEqual(diffs.map((d) => d.kind));
  });

  it('the written verdicts are added to the baseline, existing entries untouched, scripts sorted', () => {
    expect(withWrittenVerdicts(base, settleNewVerdicts(diffs, false))).toEqual([
      entry('other', 'passed', 'a'),
      entry('same', 'holds'),
      entry('changed', 'holds'),
      entry('gone', 'holds'),
      entry('fresh', 'holds'),
      entry('kept', 'holds', 'z'),
    ]);
  });

  it('recognises CI as the ecosystem does', () => {
    expect(runningInCI({ CI: 'true' })).toBe(true);
    expect(runningInCI({ CI: '1' })).toBe(true);
    expect(runningInCI({})).toBe(false);
    expect(runningInCI({ CI: '' })).toBe(false);
    expect(runningInCI({ CI: 'false' })).toBe(false);
    expect(runningInCI({ CI: '0' })).toBe(false);
  });
});
