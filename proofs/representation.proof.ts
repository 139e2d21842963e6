/**
 * R1 (SPEC §2): with invertible hidden W_ℓ, the network equals
 * x ↦ W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1), τ_ℓ = τ_{W^(ℓ),b^(ℓ)} — the hidden layers
 * act on input space as a recursion of truncations.
 *
 * On data: the D1 network where it exists, else the S3 network (free bias),
 * like `dlgeom verify`; the engine's verdict carries a certificate, and the
 * layer-by-layer identity x^(ℓ) = W^(ℓ)·(ℓ-th τ-image) + b^(ℓ) is checked
 * exactly. Off data: random exact networks.
 */
import fc from 'fast-check';
import { vec } from '../src/exact/matrix.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { s3Network } from '../src/claims/s3-affine-minimum.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { fromCumulative, toCumulative } from '../src/network/cumulative.ts';
import { forwardExact, hiddenTrace } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';
import { curation } from '../src/network/representation.ts';
import { flattenParams } from '../src/network/params.ts';
import { dataPoints, defineProof, exact, fromFastCheck, fromSearchProperty, pointName } from '../src/prove/index.ts';
import { CLAIM_PROPERTIES } from '../properties/claims/index.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { vectorArb } from '../properties/arbitraries/vector.ts';

/** The network R1 is checked on, and its name. */
function network(ds: DataSet): { net: Network; which: string } {
  const d1 = buildD1(ds, ds.Q);
  if (d1.kind === 'built') return { net: d1.construction.net, which: 'D1 network' };
  return { net: s3Network(ds, shallowQuantities(ds), 'free'), which: 'S3 network (no D1 network was built)' };
}

const shapes = fc.record({ L: fc.integer({ min: 0, max: 4 }), M: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 1, max: 3 }) });

export default defineProof({
  claim: 'R1',
  title: 'The network is a recursion of truncations: W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1)',
  hypotheses: ['every hidden W_ℓ is invertible (so every W^(ℓ) is, and τ_ℓ is defined)'],
  data: [{ example: 'clusters-q3' }, { example: 'clusters-q3-m5' }, { example: 'iris' }, { example: 'overlap-q2' }],
  construct: network,
  assert: ({ ds, built: { net, which }, engine }) => {
    const c = curation(net);
    const cum = toCumulative(net);
    return [
      engine.R1({ net, which }),
      exact.forAll('R1', 'forward pass = curated form on every data point', dataPoints(ds), (p) => vec.eq(c.forward(p.x), forwardExact(net, p.x)), pointName),
      exact.forAll('R1', 'x^(ℓ) = W^(ℓ)·τ-image_ℓ + b^(ℓ) at every layer and data point', dataPoints(ds), (p) => {
        const images = c.trace(p.x);
        const acts = hiddenTrace(net, p.x).activations;
        return images.every((z, l) => vec.eq(vec.add(cum.W[l]!.mulVec(z), cum.b[l]!), acts[l]!));
      }, pointName),
      exact.equal('R1', 'per-layer → cumulative → per-layer is the identity', () => flattenParams(fromCumulative(toCumulative(net))), () => flattenParams(net)),
    ];
  },
  properties: [
    fromFastCheck('R1', 'curated form = forward pass, random networks (L ≤ 4, M ≤ 3)', () =>
      fc.property(
        shapes.chain(({ L, M, q }) => fc.tuple(networkArb({ L, M, Q: Math.min(q, M) }, { maxNum: 5, maxDen: 3 }), fc.array(vectorArb(M), { minLength: 1, maxLength: 4 }))),
        ([net, xs]) => {
          const c = curation(net);
          return xs.every((x) => vec.eq(c.forward(x), forwardExact(net, x)));
        },
      ),
    { runs: 60 }),
    // The `dlgeom search` properties of properties/claims (their own arbitraries and exact confirmation).
    fromSearchProperty('R1', CLAIM_PROPERTIES.get('R1')!, { runs: 20 }),
  ],
  latex: [{ claim: 'R1', data: ['clusters-q3'] }],
});
