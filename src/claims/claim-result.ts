import type { Rational } from '../exact/rational.ts';
import type { Certificate } from '../certificates/format.ts';

/**
 * The typed details of each claim `verify` reports, by claim id. Every claim module of
 * src/claims/registry/ adds its own entry (TypeScript declaration merging), so this map —
 * and with it `ClaimId` and the `ClaimResult` union — is derived from the registry: a claim
 * without a module has no id here, and a module cannot be registered without its entry
 * (src/claims/registry.ts checks both directions at compile time).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ClaimDetailsById {}

/** The claim ids of SPEC §2–§4 that `verify` reports (one per registry module with a decision). */
export type ClaimId = keyof ClaimDetailsById & string;

/**
 * verified / refuted only with a certificate; inconclusive with a reason;
 * not-applicable when the data or options fall outside the claim's hypotheses.
 */
export type ClaimStatus = 'verified' | 'refuted' | 'inconclusive' | 'not-applicable';

/** What `verify` adds to every result with a cost: the cost as a float, and its float cross-check. */
export interface CostDetails {
  /** C under the run's cost convention, as a float64 (the exact value is `ms`). */
  readonly value?: number;
  /** The float64 forward pass agreed with the exact ms within `bound`, or could not be made (why). */
  readonly floatCheck?: { readonly msFloat: number; readonly bound: number } | { readonly notApplicable: string };
}

/** One result of claim `Id` whose `details` have type `D`. */
export interface ClaimResultOf<Id extends string, D> {
  readonly id: Id;
  readonly status: ClaimStatus;
  /** One sentence: why this status. */
  readonly reason: string;
  /** S3 only: which reading of the output bias. */
  readonly bias?: 'free' | 'tied';
  /** D2 only: the truncated classes (1-based) and the sense of minimality. */
  readonly subset?: number[];
  readonly sense?: 'all-parameters' | 'output-layer';
  /** The exact mean squared residual where a cost is meant. */
  readonly ms?: Rational;
  /** Evidence a separate checker re-checks; present on every verified/refuted result. */
  readonly certificate?: Certificate;
  /** Further exact or float figures, named so a reader knows which is which. */
  readonly details?: D;
}

/** A result of any registered claim: a union over the claim ids, each with its typed details. */
export type ClaimResult = { [K in ClaimId]: ClaimResultOf<K, ClaimDetailsById[K] & CostDetails> }[ClaimId];

/** The results of one claim id. */
export type ResultOf<Id extends ClaimId> = Extract<ClaimResult, { readonly id: Id }>;

/** Narrow helper so constructors read as sentences; verified / refuted without a certificate is an internal error. */
export function claim<R extends ClaimResult>(result: R): R {
  if ((result.status === 'verified' || result.status === 'refuted') && !result.certificate)
    throw new Error(`internal: ${result.id} ${result.status} without a certificate`);
  return result;
}

/** Whether a result is about claim `id` (narrows its details). */
export function isResultOf<Id extends ClaimId>(c: ClaimResult, id: Id): c is ResultOf<Id> {
  return c.id === id;
}

/** File name of a claim's certificate inside the certificates folder. */
export function certificateFileName(c: Pick<ClaimResult, 'id' | 'bias' | 'subset' | 'sense'>): string {
  const parts: string[] = [c.id];
  if (c.bias) parts.push(c.bias);
  if (c.subset) parts.push(`J${c.subset.length ? c.subset.join('-') : 'none'}`);
  if (c.sense) parts.push(c.sense);
  return `${parts.join('_')}.json`;
}
