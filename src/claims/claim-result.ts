import type { Rational } from '../exact/rational.ts';
import type { Certificate } from '../certificates/format.ts';

/** The claim ids of SPEC §2–§4 that `verify` reports. */
export type ClaimId = 'S1' | 'S2' | 'S3' | 'D1' | 'D1-degeneracy' | 'D2' | 'D3' | 'R1';

/**
 * verified / refuted only with a certificate; inconclusive with a reason;
 * not-applicable when the data or options fall outside the claim's hypotheses.
 */
export type ClaimStatus = 'verified' | 'refuted' | 'inconclusive' | 'not-applicable';

export interface ClaimResult {
  readonly id: ClaimId;
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
  readonly details?: Record<string, unknown>;
}

/** Narrow helper so constructors read as sentences. */
export function claim(result: ClaimResult): ClaimResult {
  if ((result.status === 'verified' || result.status === 'refuted') && !result.certificate)
    throw new Error(`internal: ${result.id} ${result.status} without a certificate`);
  return result;
}
