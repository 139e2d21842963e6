/** D3, curation shrinks every class along the D1 network (SPEC §4). */
import { checkD3 } from '../deep.ts';
import type { D1Construction } from '../d1-global-minimizers.ts';
import { writeD3 } from '../../latex/sections/d3.ts';
import { curationAlongD1, curationGeneral, curationOrthogonal } from '../../../properties/claims/d3-curation.ts';
import { defineClaim, L_GE_Q, M_GE_Q, SEPARABLE } from './claim-module.ts';

export interface D3Details {
  /** The exact within-class spreads after each layer (class × layer). */
  readonly spreads: string[][];
  readonly spreadsFloat: number[][];
  /** The layer truncating each class (1-based), or null. */
  readonly truncatedAt: (number | null)[];
}

declare module '../claim-result.ts' {
  interface ClaimDetailsById {
    D3: D3Details;
  }
}

/** Input: a construction to curate along instead of the run's D1 construction. */
export const D3 = defineClaim<'D3', Pick<D1Construction, 'net' | 'truncatedAt'>>({
  id: 'D3',
  part: 'deep',
  title: 'curation shrinks every class',
  statement: 'Along the D1 network the within-class spread of the τ-images never increases, and is 0 for each truncated class after its layer (SPEC §4).',
  hypotheses: [L_GE_Q, M_GE_Q, SEPARABLE, { key: 'none', text: 'a D1 network was built' }],
  hypothesesShort: 'as D1 (a D1 network was built)',
  evidence: [
    { kind: 'curation-spread', shows: 'the exact spreads after each layer, non-increasing, 0 after truncation (verified)' },
    { kind: 'curation-spread-increase', shows: 'a spread that increases (refuted)' },
  ],
  sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  decision: { budget: 'claim', decide: (run, _deadline, built) => [checkD3(run.ds, built ?? run.built())] },
  latex: { document: 'D3', title: 'D3: curation of the within-class spread', write: writeD3, figures: ['d3-spread'] },
  properties: [curationAlongD1, curationOrthogonal, curationGeneral],
});
