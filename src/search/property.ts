/**
 * The contract between the search runner and a searchable property.
 *
 * The runner (./runner.ts) knows nothing about the mathematics: it draws
 * inputs from `arbitrary`, asks `check` for a counterexample, asks `confirm`
 * to re-derive that counterexample exactly from its own evidence, shrinks,
 * stores and reports. Properties live in properties/claims/, one per claim.
 *
 * @example
 *   const p: SearchProperty<number> = {
 *     id: 'demo', title: 'n² ≥ n', expect: 'holds',
 *     arbitrary: () => fc.integer(),
 *     check: (n) => (n * n >= n ? undefined : { summary: `${n}² < ${n}`, evidence: { n } }),
 *     confirm: (n) => n * n < n,
 *     encode: (n) => n, decode: (j) => j as number,
 *   };
 */
import type fc from 'fast-check';
import type { DataSetContent } from '../data/build.ts';

/** Bounds on the size of generated inputs (every property reads them its own way). */
export interface SearchLimits {
  /** Largest number of classes Q (for claims without classes: the largest dimension). */
  readonly maxQ: number;
}

/**
 * A counterexample as a property reports it. `evidence` holds exact values
 * (fractions as "p/q" strings), enough for `confirm` to re-derive the failure.
 */
export interface Counterexample {
  /** One line: what fails, with the decisive exact numbers. */
  readonly summary: string;
  /** Exact evidence, JSON-ready (strings for exact numbers). */
  readonly evidence: Readonly<Record<string, unknown>>;
  /** The data the counterexample lives on, written as a SPEC §6 data file; absent for claims without data. */
  readonly data?: DataSetContent;
  /**
   * Set when the counterexample refutes a verdict the engine itself certified
   * ("verified"): a serious bug in the engine, reported loudly.
   */
  readonly engineBug?: boolean;
}

/** A property under search: a claim, its inputs, and its exact decision procedure. */
export interface SearchProperty<I> {
  /** Claim id as on the command line (e.g. "T4", "S3-tied"). */
  readonly id: string;
  /** What the property asserts, one sentence. */
  readonly title: string;
  /**
   * What the search is expected to find: `holds` (no counterexample: a
   * counterexample is a bug or a false theorem) or `fails` (the assertion is
   * known to be false on some inputs; the search should exhibit one).
   */
  readonly expect: 'holds' | 'fails';
  /** Inputs, with shrinking towards small, simple cases. */
  readonly arbitrary: (limits: SearchLimits) => fc.Arbitrary<I>;
  /** Pure and deterministic: undefined when the assertion holds on `input`. */
  readonly check: (input: I) => Counterexample | undefined;
  /**
   * Re-checks a counterexample exactly from its evidence (a second, independent
   * computation). A counterexample that is not confirmed is never reported.
   */
  readonly confirm: (input: I, cx: Counterexample) => boolean;
  /** JSON form of an input (for the counterexample store) and back. */
  readonly encode: (input: I) => unknown;
  readonly decode: (json: unknown) => I;
}

/** Any property (the runner treats inputs as opaque). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySearchProperty = SearchProperty<any>;
