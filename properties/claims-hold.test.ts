/**
 * Every property expected to HOLD, searched with a fixed seed: no
 * counterexample, no crash, and no candidate rejected by the exact
 * confirmation (a rejected candidate would mean a property reports what it
 * cannot prove). On failure the message carries the seed, path and replay line.
 */
import { describe, expect, it } from 'vitest';
import { describeOutcome, property, search } from './search-helpers.ts';

const RUNS: [id: string, runs: number][] = [
  ['T1', 100],
  ['T2', 100],
  ['T3', 100],
  ['T4', 100],
  ['T5', 100],
  ['R1', 60],
  ['S1', 40],
  ['S2', 40],
  ['S3', 15],
  ['D1', 25],
  ['D1-degeneracy', 12],
  ['D2', 30],
  ['D3', 25],
  ['D3-orthogonal', 60],
];

describe('claims expected to hold: no counterexample (fixed seeds)', () => {
  for (const [id, runs] of RUNS)
    it(`${id}: ${property(id).title}`, () => {
      expect(property(id).expect).toBe('holds');
      const r = search(id, 20240601, runs);
      expect(r.outcome, describeOutcome(r)).toBe('none');
      expect(r.runsExecuted, describeOutcome(r)).toBe(runs);
      expect(r.unconfirmed, `${describeOutcome(r)}; ${r.unconfirmed} unconfirmed candidate(s)`).toBe(0);
    });
});
