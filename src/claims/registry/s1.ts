/** S1, the shallow upper bound O(δ_P) (SPEC §3). */
import { checkS1 } from '../s1-upper-bound.ts';
import { writeS1 } from '../../latex/sections/s1.ts';
import { shallowUpperBound } from '../../../properties/claims/s1-upper-bound.ts';
import { defineClaim, M_GE_Q, RANK_Q } from './claim-module.ts';

/** The S1 network's exact U² and the float64 figures of its bound. */
export interface S1Details {
  readonly U2: string;
  readonly opNormFloat: number;
  readonly deltaPFloat: number;
  /** ‖YX̄⁺‖_op·δ_P in float64. */
  readonly boundFloat: number;
  readonly note: string;
}

declare module '../claim-result.ts' {
  interface ClaimDetailsById {
    S1: S1Details;
  }
}

export const S1 = defineClaim({
  id: 'S1',
  part: 'shallow',
  title: 'shallow upper bound O(δ_P)',
  statement: 'W₁ = P, b₁ = β1, W₂ = YX̄⁺, b₂ = −W₂b₁ has ms = U² = (1/N)Σ|YX̄⁺PΔx|², so min C ≤ U ≤ ‖YX̄⁺‖_op·δ_P (SPEC §3).',
  hypotheses: [M_GE_Q, RANK_Q],
  hypothesesShort: 'M ≥ Q, rank X̄ = Q',
  evidence: [{ kind: 'identity-region-bound', shows: 'every hidden pre-activation ≥ 0 on the data, ms = U², and U² ≤ λ·δ_P² by a Rayleigh quotient' }],
  sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  decision: {
    budget: 'claim',
    decide: (run) => {
      const { sq, stats } = run.quantities();
      return [checkS1(run.ds, sq, stats)];
    },
  },
  latex: { document: 'S1', title: 'S1: the shallow upper bound', write: writeS1, figures: [] },
  properties: [shallowUpperBound],
});
