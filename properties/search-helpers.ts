/**
 * Test helpers for the property suites: run one claim's search with a fixed
 * seed (no store) and describe the outcome with everything needed to replay it.
 */
import type { AnySearchProperty } from '../src/search/property.ts';
import { replayCommand, runSearch, type SearchResult } from '../src/search/runner.ts';
import { CLAIM_PROPERTIES } from './claims/index.ts';

export function property(id: string): AnySearchProperty {
  const p = CLAIM_PROPERTIES.get(id);
  if (!p) throw new Error(`no property ${id}`);
  return p;
}

/** A fixed-seed search without a store (tests never touch .dlgeom/). */
export function search(id: string, seed: number, numRuns: number, maxQ = 3): SearchResult {
  return runSearch(property(id), { seed, numRuns, maxQ });
}

/** One line with the outcome, the seed, the path and the replay command. */
export function describeOutcome(r: SearchResult): string {
  const what = r.found ? `counterexample: ${r.found.counterexample.summary}` : r.crash ? `crash: ${r.crash.message}` : `no counterexample in ${r.runsExecuted} runs`;
  return `${r.claim} (seed ${r.seed}, path ${r.found?.path ?? r.crash?.path ?? '-'}): ${what} — replay: ${replayCommand(r)}`;
}
