/**
 * What one claim declares, in one module of src/claims/registry/: its id and statement,
 * the hypotheses that decide whether it applies, the evidence kinds that certify a verdict,
 * the decision `verify` and the proof engine call, its LaTeX section and figures, and its
 * search properties. src/claims/registry.ts lists the modules; everything that iterates
 * over claims (verify, prove, latex, report, explain, search) reads that list.
 */
import type { Evidence } from '../../certificates/format.ts';
import type { Deadline } from '../../util/deadline.ts';
import type { AnySearchProperty } from '../../search/property.ts';
import type { DocumentContext } from '../../latex/sections/context.ts';
import type { FigureId } from '../../figures/index.ts';
import type { ClaimResult } from '../claim-result.ts';
import type { ClaimRun } from '../claim-run.ts';

/** A hypothesis a claim needs; `key` names the check `applicability` makes. */
export interface Hypothesis {
  readonly key: 'M≥Q' | 'rank X̄=Q' | 'L≥Q' | 'separable' | 'none';
  readonly text: string;
}

/** Where a claim belongs in SPEC: the display order of the catalogue is truncation, representation, shallow, deep. */
export type Part = 'truncation' | 'representation' | 'shallow' | 'deep';

/** How `verify` and the proof engine decide a claim on one data set. */
export interface ClaimDecision<Input = never> {
  /**
   * "claim": under the per-claim time limit, in registry order; "family": a family of
   * verdicts under its own budget, run after every per-claim decision so it never delays them.
   */
  readonly budget: 'claim' | 'family';
  /** The results a run gives when the time runs out: one per entry (S3: its two bias readings). */
  readonly timeoutShape?: readonly { readonly bias?: 'free' | 'tied' }[];
  /**
   * The decision. `input` overrides what the run would use (a proof script's own network or
   * construction); `deadline` is the claim's or the family's budget (undefined: none).
   */
  readonly decide: (run: ClaimRun, deadline: Deadline | undefined, input?: Input) => readonly ClaimResult[];
}

/** A claim's section of `dlgeom latex` / `dlgeom report`. Claims may share one document (T1–T5: "T"). */
export interface LatexSection {
  /** The id `dlgeom latex <id>` takes. */
  readonly document: string;
  readonly title: string;
  readonly write: (ctx: DocumentContext) => void;
  /** Figures drawn after the section. */
  readonly figures: readonly FigureId[];
}

export interface ClaimModule<Id extends string = string, Input = never> {
  readonly id: Id;
  readonly part: Part;
  /** A short name. */
  readonly title: string;
  /** The claim, as the toolkit reads it (SPEC section in brackets). */
  readonly statement: string;
  readonly hypotheses: readonly Hypothesis[];
  /** The hypotheses in a few symbols, for tables. */
  readonly hypothesesShort: string;
  /** Certificate evidence kinds that back a verdict on this claim, with what each shows (test/claim-registry.test.ts: equal to the checker's table). */
  readonly evidence: readonly { readonly kind: Evidence['kind']; readonly shows: string }[];
  /** A command that decides it. */
  readonly sample: string;
  /** Decided on a data set by `verify` (absent: by property search only). */
  readonly decision?: ClaimDecision<Input>;
  readonly latex?: LatexSection;
  /** The `dlgeom search` properties about this claim (the claim itself first, then variants). */
  readonly properties: readonly AnySearchProperty[];
}

/**
 * Declares a claim module (checks at load time what the types cannot).
 * @example defineClaim({ id: 'S1', part: 'shallow', … })
 */
export function defineClaim<Id extends string, Input = never>(m: ClaimModule<Id, Input>): ClaimModule<Id, Input> {
  if (!/^[A-Z][A-Za-z0-9-]*$/.test(m.id)) throw new Error(`internal: claim id "${m.id}" must start with a capital letter`);
  if (m.evidence.length > 0 && !m.decision) throw new Error(`internal: claim ${m.id} names evidence kinds but has no decision`);
  return Object.freeze(m);
}

export const M_GE_Q: Hypothesis = { key: 'M≥Q', text: 'M ≥ Q: the input dimension is at least the number of classes' };
export const RANK_Q: Hypothesis = { key: 'rank X̄=Q', text: 'rank X̄ = Q: the class means are linearly independent (X̄⁺ and P exist)' };
export const L_GE_Q: Hypothesis = { key: 'L≥Q', text: 'L ≥ Q hidden layers (--layers; default L = Q)' };
export const SEPARABLE: Hypothesis = {
  key: 'separable',
  text: 'the classes can be truncated one by one: in some order each class is strictly separated by a hyperplane from what is still present (decided by an exact LP during the run; when it fails, a convex-overlap certificate says which two classes meet)',
};
export const TRUNCATION: Hypothesis = { key: 'none', text: 'a square invertible W (τ needs W⁺; none on the data)' };
