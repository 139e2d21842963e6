/** S2, the class cost of the S1 network is a metric (SPEC §3). */
import { checkS2 } from '../s2-metric.ts';
import { writeS2 } from '../../latex/sections/s2.ts';
import { shallowMetric } from '../../../properties/claims/s2-metric.ts';
import { defineClaim, M_GE_Q, RANK_Q } from './claim-module.ts';

export interface S2Details {
  /** How many inputs of the identity region the identity was checked on. */
  readonly testInputs: number;
  /** M − Q: the dimension of the input directions off span{x̄_j}. */
  readonly kernelDimensionOffSpan: number;
}

declare module '../claim-result.ts' {
  interface ClaimDetailsById {
    S2: S2Details;
  }
}

export const S2 = defineClaim({
  id: 'S2',
  part: 'shallow',
  title: 'the class cost is a metric',
  statement: 'For the S1 network and any input x in its identity region, the class-j cost is |YX̄⁺P(x − x̄_j)| (SPEC §3).',
  hypotheses: [M_GE_Q, RANK_Q],
  hypothesesShort: 'M ≥ Q, rank X̄ = Q',
  evidence: [
    { kind: 'metric-identity', shows: 'the identity holds exactly on the test inputs and Y is invertible (verified)' },
    { kind: 'metric-counterexample', shows: 'a test input where it fails (refuted)' },
  ],
  sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  decision: { budget: 'claim', decide: (run) => [checkS2(run.ds, run.quantities().sq)] },
  latex: { document: 'S2', title: 'S2: the metric of the S1 network', write: writeS2, figures: [] },
  properties: [shallowMetric],
});
