/**
 * D3 (SPEC §4, curation): along the constructed network, the within-class
 * spread (1/N_j) Σ |z − z̄|² of the curated inputs (τ-images) never increases
 * from layer to layer, and is 0 for each truncated class from its layer on.
 *
 * Checked: the engine's verdict on the D1 construction (certificate: the exact
 * spreads); exactly, the same statements computed here from the τ-images, and
 * the spread of the kept data under the identity layers. A property records
 * what happens off the construction: for random invertible networks the claim
 * is not made by the paper, and a counterexample is expected (the baseline
 * holds whatever this run finds).
 */
import fc from 'fast-check';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { buildD1, type D1Construction } from '../src/claims/d1-global-minimizers.ts';
import { curationSpreads, firstIncrease, spread } from '../src/claims/d3-curation.ts';
import { curation } from '../src/network/representation.ts';
import { defineProof, exact, fromFastCheck, fromSearchProperty } from '../src/prove/index.ts';
import { CLAIM_PROPERTIES } from '../properties/claims/index.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { vectorArb } from '../properties/arbitraries/vector.ts';

function construct(ds: DataSet): { c: D1Construction; spreads: Rational[][] } | undefined {
  const o = buildD1(ds, ds.Q + 1);
  if (o.kind !== 'built') return undefined;
  return { c: o.construction, spreads: curationSpreads(o.construction.net, ds) };
}

export default defineProof({
  claim: 'D3',
  title: 'Curation: within-class spread of the τ-images never increases and vanishes after truncation',
  hypotheses: ['a D1 construction exists (L ≥ Q; here L = Q + 1, so one identity layer follows the truncations)'],
  data: [{ example: 'clusters-q2' }, { example: 'clusters-q3' }, { example: 'clusters-q3-m5' }, { example: 'clusters-q4' }],
  construct,
  assert: ({ ds, built, engine }) => {
    if (!built) return [engine.D3()];
    const { c, spreads } = built;
    const classes = spreads.map((row, j) => ({ row, j, t: c.truncatedAt[j] ?? null }));
    const at = ({ j }: { j: number }) => `class ${j + 1}`;
    return [
      engine.D3(c),
      exact.forAll('D3', 'spread(ℓ) ≤ spread(ℓ − 1) for every class and layer', classes, ({ row }) => row.every((v, l) => l === 0 || v.le(row[l - 1]!)), at),
      exact.forAll('D3', 'spread is 0 from the truncating layer on', classes, ({ row, t }) => t === null || row.slice(t).every((v) => v.isZero()), at),
      exact.forAll('D3', 'spread is positive before the truncating layer', classes, ({ row, t }) => t === null || row.slice(0, t).every((v) => v.sign() > 0), at),
      exact.forAll('D3', 'the spreads equal (1/N_j)Σ|z − z̄|² recomputed from the τ-images', classes, ({ row, j }) => {
        const trace = curation(c.net);
        const images = ds.classes[j]!.points.map((x) => trace.trace(x));
        return row.every((v, l) => v.eq(spread(l === 0 ? ds.classes[j]!.points : images.map((im) => im[l - 1]!))));
      }, at),
    ];
  },
  properties: [
    fromFastCheck('D3', 'spread never increases along a random invertible network (not claimed; a counterexample is expected)', () =>
      fc.property(
        fc.tuple(networkArb({ L: 2, M: 2, Q: 2 }, { maxNum: 4, maxDen: 2 }), fc.array(vectorArb(2), { minLength: 2, maxLength: 4 })),
        ([net, xs]) => {
          const c = curation(net);
          const images = xs.map((x) => c.trace(x));
          const row = [spread(xs), ...net.hidden.map((_, l) => spread(images.map((im) => im[l]!)))];
          return firstIncrease([row]) === undefined;
        },
      ),
    { runs: 100 }),
    // The `dlgeom search` properties of properties/claims (their own arbitraries and exact confirmation).
    fromSearchProperty('D3', CLAIM_PROPERTIES.get('D3')!, { runs: 20 }),
    fromSearchProperty('D3', CLAIM_PROPERTIES.get('D3-orthogonal')!, { runs: 20 }),
    fromSearchProperty('D3', CLAIM_PROPERTIES.get('D3-general')!, { runs: 20 }),
  ],
  latex: [{ claim: 'D3', data: ['clusters-q3'] }],
});

