/** D1, explicit global minimizers of cost 0 for clustered data (SPEC §4). */
import { checkD1 } from '../deep.ts';
import type { D1Outcome } from '../d1-global-minimizers.ts';
import { writeD1 } from '../../latex/sections/d1.ts';
import { deepGlobalMinimizer, deepGlobalMinimizerAnyData } from '../../../properties/claims/d1-global-minimizers.ts';
import { defineClaim, L_GE_Q, M_GE_Q, SEPARABLE } from './claim-module.ts';

export interface D1Details {
  /** The class truncated by each hidden layer (1-based). */
  readonly order: number[];
  /** The apex of each truncated class, exact. */
  readonly apexes: string[][];
}

declare module '../claim-result.ts' {
  interface ClaimDetailsById {
    D1: D1Details;
  }
}

/** Input: a construction to decide instead of the run's own (its layer count is the construction's). */
export const D1 = defineClaim<'D1', D1Outcome>({
  id: 'D1',
  part: 'deep',
  title: 'explicit global minimizers (cost 0)',
  statement: 'For sufficiently clustered data, hidden layer ℓ truncates class ℓ to an apex; the output layer maps the Q apexes to the targets; the cost is exactly 0 (SPEC §4).',
  hypotheses: [L_GE_Q, M_GE_Q, SEPARABLE],
  hypothesesShort: 'L ≥ Q, M ≥ Q, classes separable in some order',
  evidence: [
    { kind: 'cost-zero', shows: 'the explicit network has ms = 0 exactly: a global minimum (verified)' },
    { kind: 'convex-overlap', shows: 'two classes whose convex hulls meet: the hypothesis fails (not applicable)' },
  ],
  sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  decision: {
    budget: 'claim',
    decide: (run, deadline, input) => {
      const o = input ?? run.d1(deadline);
      return [checkD1(run.ds, o.kind === 'built' ? o.construction.net.hidden.length : run.L, o)];
    },
  },
  latex: { document: 'D1', title: 'D1: explicit global minimizers', write: writeD1, figures: ['d1-curation'] },
  properties: [deepGlobalMinimizer, deepGlobalMinimizerAnyData],
});
