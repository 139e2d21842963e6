/** R1, hidden layers act as a recursion of truncations (SPEC §2), checked on the data. */
import { checkR1 } from '../deep.ts';
import { s3Network } from '../s3-affine-minimum.ts';
import type { Network } from '../../network/network.ts';
import { writeR1 } from '../../latex/sections/r1.ts';
import { curationRepresentation } from '../../../properties/claims/r1-curation.ts';
import { defineClaim } from './claim-module.ts';

/** R1 results carry no details. */
export type R1Details = Readonly<Record<never, never>>;

declare module '../claim-result.ts' {
  interface ClaimDetailsById {
    R1: R1Details;
  }
}

/** Input: a network to check (`which` names it in the reason) instead of the run's D1 network, or the S3 network without one. */
export const R1 = defineClaim<'R1', { readonly net: Network; readonly which: string }>({
  id: 'R1',
  part: 'representation',
  title: 'hidden layers act as a recursion of truncations',
  statement: 'With invertible W_1..W_L the network equals x ↦ W^(L+1)·τ_{W^(L),b^(L)}∘⋯∘τ_{W^(1),b^(1)}(x) + b^(L+1), checked exactly on every data point (SPEC §2).',
  hypotheses: [{ key: 'none', text: 'invertible hidden weights (the D1 network when one is built, else the S3 network)' }],
  hypothesesShort: 'invertible W_ℓ (any data)',
  evidence: [
    { kind: 'representation-identity', shows: 'on every data point the per-layer pass equals the truncation form (verified)' },
    { kind: 'representation-counterexample', shows: 'a data point where the two differ (refuted)' },
  ],
  sample: 'dlgeom verify --example clusters-q3 --skip-d2',
  decision: {
    budget: 'claim',
    decide: (run, _deadline, input) => {
      if (input) return [checkR1(run.ds, input.net, input.which)];
      const net = run.built()?.net;
      return [checkR1(run.ds, net ?? s3Network(run.ds, run.quantities().sq, 'free'), net ? 'D1 network' : 'S3 network (no D1 network was built)')];
    },
  },
  latex: { document: 'R1', title: 'R1: the network as a recursion of truncations', write: writeR1, figures: [] },
  properties: [curationRepresentation],
});
