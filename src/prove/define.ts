/**
 * Proof scripts: the declarative form of a claim check. A script in proofs/
 * default-exports `defineProof({...})`; `dlgeom prove` runs it on each of its
 * data sets, re-checks every engine certificate, runs its properties with a
 * fixed seed, and compares the verdicts with the committed baseline.
 *
 * A script never states the verdict it expects: the expectation lives in
 * proofs/baseline.json, so a script is a description of *what* is checked.
 */
import type { DataSet } from '../data/dataset.ts';
import type { Check } from './checks.ts';
import type { Engine } from './engine.ts';
import type { PropertyCheck } from './property.ts';

/** Where a script's data come from. */
export type DataSource =
  /** A built-in example (`loadExample`): iris, clusters-q2, clusters-q3, … */
  | { readonly example: string }
  /** A data file (.json or .csv); a relative path is relative to the script's folder. */
  | { readonly file: string }
  /** Exact data built in code (see `syntheticDataSet`); `name` overrides the data set's own. */
  | { readonly generate: () => DataSet; readonly name?: string };

/** What `assert` sees for one data set. */
export interface ProofContext<C> {
  readonly ds: DataSet;
  /** The result of `construct(ds)` (undefined when the script has no `construct`). */
  readonly built: C;
  /** The engine's claim functions on `ds`, as lazy checks (shared quantities cached). */
  readonly engine: Engine;
}

/** A LaTeX document the script can emit with `dlgeom prove --latex DIR` (via `claimLatex`). */
export interface LatexRequest {
  /** The claim id passed to `claimLatex`. */
  readonly claim: string;
  readonly layers?: number;
  readonly fragment?: boolean;
  /** Only for these data names (default: every data set of the script). */
  readonly data?: readonly string[];
}

export interface ProofDefinition<C> {
  /** The claim id(s) the script is about; every check's `claim` must be one of them. */
  readonly claim: string | readonly string[];
  readonly title: string;
  /** The hypotheses under which the claim is asserted, in words (reported, not assumed). */
  readonly hypotheses: readonly string[];
  readonly data: readonly DataSource[];
  /** Builds the object the checks are about (a network, a map, …) from the data. */
  readonly construct?: (ds: DataSet) => C;
  /** The checks for one data set: engine verdicts and exact checks. */
  readonly assert: (ctx: ProofContext<C>) => readonly Check[];
  /** Property checks (fast-check), run once per script with the seed of --seed. */
  readonly properties?: readonly PropertyCheck[];
  readonly latex?: readonly LatexRequest[];
}

/** A validated proof script, as the runner sees it. */
export interface Proof<C = unknown> extends ProofDefinition<C> {
  readonly kind: 'dlgeom/proof';
  /** `claim` as a list. */
  readonly claims: readonly string[];
}

/**
 * Declares a proof script. Validates the shape at load time, so a malformed
 * script fails with one clear line rather than mid-run.
 * @example
 * export default defineProof({
 *   claim: 'S1', title: 'S1 on clusters-q2', hypotheses: ['rank X̄ = Q ≤ M'],
 *   data: [{ example: 'clusters-q2' }],
 *   assert: ({ engine }) => [engine.S1()],
 * });
 */
export function defineProof<C = undefined>(def: ProofDefinition<C>): Proof<C> {
  const claims = typeof def.claim === 'string' ? [def.claim] : [...def.claim];
  const bad = (what: string): never => {
    throw new TypeError(`defineProof${def.title ? ` ("${def.title}")` : ''}: ${what}`);
  };
  if (claims.length === 0 || claims.some((c) => typeof c !== 'string' || c.trim() === '')) bad('`claim` must be a non-empty claim id or list of ids');
  if (typeof def.title !== 'string' || def.title.trim() === '') bad('`title` must be a non-empty string');
  if (!Array.isArray(def.hypotheses) || def.hypotheses.some((h) => typeof h !== 'string')) bad('`hypotheses` must be a list of strings');
  if (!Array.isArray(def.data) || def.data.length === 0) bad('`data` must list at least one data source');
  for (const [i, d] of def.data.entries()) {
    const n = ['example', 'file', 'generate'].filter((k) => d && k in d).length;
    if (n !== 1) bad(`data[${i}] must have exactly one of example, file, generate`);
  }
  if (typeof def.assert !== 'function') bad('`assert` must be a function (ctx) => checks');
  if (def.construct !== undefined && typeof def.construct !== 'function') bad('`construct` must be a function (ds) => construction');
  for (const p of def.properties ?? []) {
    if (p?.kind !== 'property') bad('`properties` must hold property(...) / fromFastCheck(...) checks');
    if (!claims.includes(p.claim)) bad(`property "${p.label}" is about claim ${p.claim}, which the script does not declare (${claims.join(', ')})`);
  }
  for (const l of def.latex ?? []) if (typeof l?.claim !== 'string') bad('every `latex` request needs a claim id');
  return Object.freeze({ ...def, kind: 'dlgeom/proof' as const, claims });
}

/** A proof script whatever its construction type (what the loader and runner handle). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProof = Proof<any>;

/** True when `value` is what `defineProof` returns (used by the loader). */
export function isProof(value: unknown): value is AnyProof {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'dlgeom/proof';
}
