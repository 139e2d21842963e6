/** D2, 2^Q − 1 distinct degenerate local minima (SPEC §4, our reading: docs/decisions.md). */
import { checkD2 } from '../d2-local-minima.ts';
import { writeD2 } from '../../latex/sections/d2.ts';
import { deepLocalMinimaAll, deepLocalMinimaVerdicts } from '../../../properties/claims/d2-local-minima.ts';
import { defineClaim, M_GE_Q, SEPARABLE } from './claim-module.ts';

/** D2 results carry their subset and sense as fields, and no further details. */
export type D2Details = Readonly<Record<never, never>>;

declare module '../claim-result.ts' {
  interface ClaimDetailsById {
    D2: D2Details;
  }
}

/** Input: the layer count of the candidates (default: the run's). */
export const D2 = defineClaim<'D2', { readonly layers: number }>({
  id: 'D2',
  part: 'deep',
  title: '2^Q − 1 distinct degenerate local minima',
  statement:
    'For every proper subset J of the classes, the network truncating the classes of J with the output layer fitted to the curated data; each candidate is decided as a local minimum over all parameters and over the output layer alone, and the candidates compared (SPEC §4, our reading: docs/decisions.md).',
  hypotheses: [M_GE_Q, { key: 'none', text: 'L ≥ |J| hidden layers for each candidate' }, { ...SEPARABLE, text: 'the classes of J can be truncated one by one (exact LP per candidate)' }],
  hypothesesShort: 'M ≥ Q, L ≥ |J|, the classes of J separable',
  evidence: [
    { kind: 'pattern-bound', shows: 'a local minimum over all parameters' },
    { kind: 'output-normal-equations', shows: 'a minimum over the output layer' },
    { kind: 'descent', shows: 'an exact descent direction: not a local minimum' },
  ],
  sample: 'dlgeom verify --example clusters-q3',
  decision: {
    budget: 'family',
    decide: (run, deadline, input) => {
      const r = checkD2(run.ds, input?.layers ?? run.L, { ...run.d2Options, ...(deadline ? { deadline } : {}) });
      run.summaries.d2 = r.summary;
      return r.results;
    },
  },
  latex: { document: 'D2', title: 'D2: the 2^Q - 1 candidate local minima', write: writeD2, figures: ['d2-costs'] },
  properties: [deepLocalMinimaVerdicts, deepLocalMinimaAll],
});
