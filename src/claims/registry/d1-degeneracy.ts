/** D1-degeneracy, the D1 minimum is not isolated (SPEC §4). */
import { checkDegeneracy } from '../deep.ts';
import type { Network } from '../../network/network.ts';
import { writeDegeneracy } from '../../latex/sections/degeneracy.ts';
import { deepDegeneracy } from '../../../properties/claims/d1-degeneracy.ts';
import { defineClaim, L_GE_Q, M_GE_Q, SEPARABLE } from './claim-module.ts';

export interface DegeneracyDetails {
  /** K, the number of parameters. */
  readonly paramCount: number;
  readonly families: number;
  readonly familyKinds: string[];
  /** Bounds on the local dimension of the minimizing set (exact when they meet or a submersion shows it). */
  readonly localDimension: { readonly lower: number; readonly upper: number | null; readonly exact: number | null };
}

declare module '../claim-result.ts' {
  interface ClaimDetailsById {
    'D1-degeneracy': DegeneracyDetails;
  }
}

/** Input: a minimizer to analyse instead of the run's D1 network. */
export const D1_DEGENERACY = defineClaim<'D1-degeneracy', Network>({
  id: 'D1-degeneracy',
  part: 'deep',
  title: 'the D1 minimum is degenerate',
  statement: 'The D1 minimizer is not isolated: explicit one-parameter families of equal cost, and the local dimension of the minimizing set from exact Jacobian ranks (SPEC §4).',
  hypotheses: [L_GE_Q, M_GE_Q, SEPARABLE, { key: 'none', text: 'a D1 network was built' }],
  hypothesesShort: 'as D1 (a D1 network was built)',
  evidence: [{ kind: 'families', shows: 'families along which the outputs never change, and rank bounds on the local dimension' }],
  sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  decision: { budget: 'claim', decide: (run, _deadline, net) => [checkDegeneracy(run.ds, net ?? run.built()?.net)] },
  latex: { document: 'D1-degeneracy', title: 'D1: degeneracy of the global minimizer', write: writeDegeneracy, figures: [] },
  properties: [deepDegeneracy],
});
