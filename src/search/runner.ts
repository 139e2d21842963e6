/**
 * The search runner: runs one property under fast-check, replaying the
 * counterexample store first, and returns what happened. It knows nothing
 * about the mathematics — only the SearchProperty contract.
 *
 * Order of work (as in Hypothesis):
 * 1. replay every stored input of this claim (a stored input that no longer
 *    fails is removed from the store);
 * 2. otherwise run fast-check with the given seed (or replay one `path`),
 *    letting it shrink the first failure;
 * 3. re-derive the counterexample of the shrunk input and have the property
 *    confirm it exactly; store it.
 *
 * A counterexample the property cannot confirm is never reported: it is
 * counted as an unconfirmed hint (a diagnostic, like Hypothesis's health checks).
 * Deterministic: the same seed, options and store give the same result.
 *
 * @example
 *   const r = runSearch(property, { seed: 1, numRuns: 100, maxQ: 3 });
 *   r.outcome // 'none' | 'found' | 'crash'
 */
import fc from 'fast-check';
import type { AnySearchProperty, Counterexample } from './property.ts';
import type { CounterexampleStore } from './store.ts';

export interface SearchOptions {
  /** fast-check seed (32-bit integer). */
  readonly seed: number;
  /** Number of generated inputs. */
  readonly numRuns: number;
  /** Size limit handed to the property's arbitrary. */
  readonly maxQ: number;
  /** Replay one fast-check path (with its seed) instead of searching; skips the store. */
  readonly path?: string;
  /** Where counterexamples are kept and replayed from; none when undefined. */
  readonly store?: CounterexampleStore;
  /** Called on every evaluation of the property. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  readonly phase: 'replay' | 'search' | 'shrink';
  /** Inputs tried in this phase so far. */
  readonly done: number;
  /** Planned inputs in this phase (shrinking has no plan: its count is `done`). */
  readonly total: number;
}

export interface FoundCounterexample {
  /** The (shrunk) input in the property's JSON encoding. */
  readonly input: unknown;
  /** Seed and path that reproduce it with fast-check. */
  readonly seed: number;
  readonly path: string;
  /** The size limit the search ran with (the path replays only with the same one). */
  readonly maxQ: number;
  readonly numShrinks: number;
  /** The exactly confirmed counterexample. */
  readonly counterexample: Counterexample;
  /** `store` when an earlier search found it and this one replayed it. */
  readonly origin: 'store' | 'search';
  /** The store file (written, or replayed from). */
  readonly storeFile?: string;
}

export interface SearchResult {
  readonly claim: string;
  readonly title: string;
  readonly expect: 'holds' | 'fails';
  readonly seed: number;
  readonly numRuns: number;
  readonly maxQ: number;
  readonly outcome: 'none' | 'found' | 'crash';
  /** Fresh inputs evaluated before the first failure (or all of them). */
  readonly runsExecuted: number;
  /** Inputs skipped by a precondition (fc.pre), before the first failure. */
  readonly skipped: number;
  /** Stored inputs replayed before the search, and how many of them were dropped as no longer failing. */
  readonly replayed: number;
  readonly staleRemoved: number;
  /** Candidate counterexamples that the property's exact confirmation rejected. */
  readonly unconfirmed: number;
  readonly found?: FoundCounterexample;
  /** When the property threw: the message, with seed and path to reproduce. */
  readonly crash?: { readonly message: string; readonly seed: number; readonly path: string | null };
}

/**
 * Runs the search. Never throws for a failing property (a thrown error in
 * the property is reported as outcome "crash").
 */
export function runSearch(property: AnySearchProperty, options: SearchOptions): SearchResult {
  const { seed, numRuns, maxQ } = options;
  const progress = options.onProgress ?? (() => {});
  let unconfirmed = 0;
  const base = { claim: property.id, title: property.title, expect: property.expect, seed, numRuns, maxQ };

  /** The confirmed counterexample of an input, if any (counts rejected hints). */
  const confirmed = (input: unknown): Counterexample | undefined => {
    const cx = property.check(input);
    if (!cx) return undefined;
    if (!property.confirm(input, cx)) {
      unconfirmed++;
      return undefined;
    }
    return cx;
  };

  // 1. The store first.
  let replayed = 0;
  let staleRemoved = 0;
  if (options.store && options.path === undefined) {
    const entries = options.store.entries(property.id);
    for (const [k, entry] of entries.entries()) {
      progress({ phase: 'replay', done: k, total: entries.length });
      replayed++;
      let input: unknown;
      try {
        input = property.decode(entry.input);
      } catch {
        options.store.remove(entry.file);
        staleRemoved++;
        continue;
      }
      const cx = confirmed(input);
      if (cx) {
        return {
          ...base,
          outcome: 'found',
          runsExecuted: 0,
          skipped: 0,
          replayed,
          staleRemoved,
          unconfirmed,
          found: { input: entry.input, seed: entry.seed, path: entry.path, maxQ: entry.maxQ, numShrinks: 0, counterexample: cx, origin: 'store', storeFile: entry.file },
        };
      }
      options.store.remove(entry.file);
      staleRemoved++;
    }
  }

  // 2. The fresh search.
  let evaluations = 0;
  let failedOnce = false;
  const predicate = (input: unknown): boolean => {
    evaluations++;
    progress(failedOnce ? { phase: 'shrink', done: evaluations, total: evaluations } : { phase: 'search', done: evaluations, total: numRuns });
    const ok = confirmed(input) === undefined;
    if (!ok) failedOnce = true;
    return ok;
  };
  const details = fc.check(fc.property(property.arbitrary({ maxQ }), predicate), {
    seed,
    numRuns,
    ...(options.path !== undefined ? { path: options.path } : {}),
  });
  const common = { ...base, runsExecuted: details.numRuns, skipped: details.numSkips, replayed, staleRemoved };
  if (!details.failed) return { ...common, outcome: 'none', unconfirmed };
  if (details.counterexample === null) {
    // Too many skips or an interruption: no input to show.
    return { ...common, outcome: 'crash', unconfirmed, crash: { message: 'fast-check gave up (too many skipped inputs)', seed: details.seed, path: null } };
  }
  const input = details.counterexample[0];
  const path = details.counterexamplePath;
  // 3. Re-derive and confirm the shrunk counterexample (check is deterministic); a throw is a crash.
  let cx: Counterexample | undefined;
  try {
    cx = confirmed(input);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ...common, outcome: 'crash', unconfirmed, crash: { message, seed: details.seed, path } };
  }
  if (!cx) throw new Error(`internal: property ${property.id} is not deterministic (the shrunk counterexample did not reproduce)`);
  const encoded = property.encode(input);
  const storeFile = options.store?.save({ claim: property.id, seed: details.seed, path, runs: numRuns, maxQ, input: encoded });
  return {
    ...common,
    outcome: 'found',
    unconfirmed,
    found: { input: encoded, seed: details.seed, path, maxQ, numShrinks: details.numShrinks, counterexample: cx, origin: 'search', ...(storeFile ? { storeFile } : {}) },
  };
}

/**
 * The command line that replays a result's counterexample (or reruns the search).
 * @example replayCommand(result) // 'dlgeom search T4-general --seed 1 --path "3:0:1" --max-q 3'
 */
export function replayCommand(r: Pick<SearchResult, 'claim' | 'seed' | 'numRuns' | 'maxQ' | 'found' | 'crash'>): string {
  const seed = r.found?.seed ?? r.crash?.seed ?? r.seed;
  const path = r.found?.path ?? r.crash?.path ?? null;
  const maxQ = r.found?.maxQ ?? r.maxQ;
  return `dlgeom search ${r.claim} --seed ${seed}${path !== null ? ` --path ${path}` : ` --runs ${r.numRuns}`} --max-q ${maxQ}`;
}
