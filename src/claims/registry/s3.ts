/** S3, the affine-region local minimum and its gap O(δ_P²) (SPEC §3), in both readings of the output bias. */
import { checkS3 } from '../s3-affine-minimum.ts';
import { writeS3 } from '../../latex/sections/s3.ts';
import { shallowLocalMinimumFree, shallowLocalMinimumTied } from '../../../properties/claims/s3-affine-minimum.ts';
import { defineClaim } from './claim-module.ts';

export interface S3Details {
  /** The exact V² of this reading (Vfull² free, Vnb² tied). */
  readonly V2: string;
  /** 1 − V/U in float64 (null without U²). */
  readonly relError: number | null;
  readonly deltaP: number | null;
  /** The exact order in δ_P of 1 − V/U on the δ-family (null when `rateStatus` says it was not computed). */
  readonly rateExponent: number | null;
  readonly rateIsODeltaP2: boolean | null;
  readonly rateStatus: string;
  /** A float64 log-log slope on the same family: an estimate, never a decided value. */
  readonly rateExponentEstimate: number | null;
  readonly scaling: readonly { readonly t: number; readonly relError: number }[];
  readonly scalingStatus?: string;
  readonly note: string;
}

declare module '../claim-result.ts' {
  interface ClaimDetailsById {
    S3: S3Details;
  }
}

export const S3 = defineClaim({
  id: 'S3',
  part: 'shallow',
  title: 'shallow affine-region local minimum, gap O(δ_P²)',
  statement:
    'Where all hidden pre-activations are positive the network is affine; the least-squares fit (output bias free, or tied b₂ = −W₂b₁) is claimed to be a degenerate local minimum whose value is within a relative O(δ_P²) of the S1 bound (SPEC §3).',
  hypotheses: [
    { key: 'none', text: 'M = Q in the paper; here both readings are decided for any data' },
    { key: 'none', text: 'the rate 1 − V/U against δ_P needs M ≥ Q and rank X̄ = Q (U² exists)' },
  ],
  hypothesesShort: 'M = Q in the paper; decided for any data (rate: rank X̄ = Q)',
  evidence: [
    { kind: 'pattern-bound', shows: 'strict activation patterns and per-pattern normal equations: a local minimum over all parameters' },
    { kind: 'descent', shows: 'an exact direction with a negative first (or zero first, negative second) Taylor coefficient: not a local minimum' },
  ],
  sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  decision: {
    budget: 'claim',
    timeoutShape: [{ bias: 'free' }, { bias: 'tied' }],
    decide: (run) => {
      const { sq, moments, stats } = run.quantities();
      return checkS3(run.ds, sq, moments, stats.deltaP2);
    },
  },
  latex: { document: 'S3', title: 'S3: the affine local minimum and its rate', write: writeS3, figures: ['s3-gap'] },
  properties: [shallowLocalMinimumFree, shallowLocalMinimumTied],
});
