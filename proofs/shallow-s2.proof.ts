/**
 * S2 (SPEC §3): for the S1 network and any input x in its identity region,
 * the class-j cost is |YX̄⁺P(x − x̄_j)| — a metric on span{x̄_j}, degenerate
 * off it.
 *
 * Checked: the engine's verdict (certificate: the identity on test inputs and
 * Y invertible); exactly, the identity at every data point, positivity between
 * distinct class means, the triangle inequality on means and midpoints
 * (compared in squared form, so exactly), and the dimension of the degenerate
 * directions: rank YX̄⁺P = Q, so d vanishes on an (M − Q)-dimensional subspace.
 * Off data: random inputs near the means of clusters-q3.
 */
import fc from 'fast-check';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { s1Network } from '../src/claims/s1-upper-bound.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { forwardExact, hiddenTrace } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';
import { dataPoints, defineProof, exact, fromSearchProperty, pointName, property } from '../src/prove/index.ts';
import { CLAIM_PROPERTIES } from '../properties/claims/index.ts';
import { vectorArb } from '../properties/arbitraries/vector.ts';

interface S2Instance {
  readonly net: Network;
  /** YX̄⁺P: d(x, x') = |A(x − x')|. */
  readonly A: Matrix;
  readonly means: Rational[][];
}

function construct(ds: DataSet): S2Instance | undefined {
  const sq = shallowQuantities(ds);
  const s1 = s1Network(ds, sq);
  if (!s1 || !sq.Xpinv) return undefined;
  return { net: s1.net, A: sq.Y.mul(sq.Xpinv).mul(sq.Xbar.mul(sq.Xpinv)), means: Array.from({ length: ds.Q }, (_, j) => sq.Xbar.column(j)) };
}

/** d(a, c) ≤ d(a, b) + d(b, c) from squared distances, exactly: with s = d_ac² − d_ab² − d_bc², s ≤ 0 or s² ≤ 4·d_ab²·d_bc². */
function triangle(ab: Rational, bc: Rational, ac: Rational): boolean {
  const s = ac.sub(ab).sub(bc);
  return s.sign() <= 0 || s.square().le(Rational.int(4).mul(ab).mul(bc));
}

const half = Rational.of(1n, 2n);

let q3: S2Instance | undefined;
/** The S1 network of clusters-q3, built once for the property. */
const clustersQ3 = (): S2Instance => (q3 ??= construct(loadExample('clusters-q3'))!);

export default defineProof({
  claim: 'S2',
  title: 'The class cost of the S1 network is a metric on span{x̄_j}',
  hypotheses: ['Q ≤ M, rank X̄ = Q (the S1 network exists)', 'x in the identity region of the S1 network', 'Y invertible (for a metric)'],
  data: [{ example: 'clusters-q3' }, { example: 'clusters-q3-m5' }, { example: 'iris' }],
  construct,
  assert: ({ ds, built, engine }) => {
    if (!built) return [engine.S2()];
    const { net, A, means } = built;
    const d2 = (x: readonly Rational[], y: readonly Rational[]) => vec.norm2(A.mulVec(vec.sub(x, y)));
    const pairs = means.flatMap((a, i) => means.slice(i + 1).map((b, k) => ({ a, b, i, j: i + 1 + k })));
    const anchors = [...means, ...pairs.map(({ a, b }) => vec.scale(vec.add(a, b), half))];
    const triples = anchors.flatMap((a) => anchors.flatMap((b) => anchors.map((c) => [a, b, c] as const)));
    return [
      engine.S2(),
      exact.forAll('S2', '|f(x) − y_j|² = |YX̄⁺P(x − x̄_j)|² at every data point', dataPoints(ds), (p) =>
        hiddenTrace(net, p.x).preActivations.every((z) => z.every((v) => v.sign() >= 0)) && vec.norm2(vec.sub(forwardExact(net, p.x), ds.targets[p.j]!)).eq(d2(p.x, means[p.j]!)),
      pointName),
      exact.forAll('S2', 'd(x̄_i, x̄_j) > 0 for i ≠ j', pairs, ({ a, b }) => d2(a, b).sign() > 0, ({ i, j }) => `classes ${i + 1}, ${j + 1}`),
      exact.forAll('S2', 'triangle inequality on means and their midpoints', triples, ([a, b, c]) => triangle(d2(a, b), d2(b, c), d2(a, c))),
      exact.equal('S2', 'rank YX̄⁺P = Q: d degenerates on exactly M − Q dimensions', () => A.rank(), ds.Q),
    ];
  },
  properties: [
    property(
      'S2',
      'the identity at random inputs near the means of clusters-q3',
      [fc.integer({ min: 0, max: 2 }), vectorArb(3, { maxNum: 3, maxDen: 8 })],
      (j, offset) => {
        const s2 = clustersQ3();
        const x = vec.add(s2.means[j]!, offset);
        fc.pre(hiddenTrace(s2.net, x).preActivations.every((z) => z.every((v) => v.sign() >= 0)));
        const y = j === 0 ? [1, 0, 0] : j === 1 ? [0, 1, 0] : [0, 0, 1];
        return vec.norm2(vec.sub(forwardExact(s2.net, x), y.map((v) => Rational.int(v)))).eq(vec.norm2(s2.A.mulVec(vec.sub(x, s2.means[j]!))));
      },
      { runs: 60 },
    ),
    // The `dlgeom search` properties of properties/claims (their own arbitraries and exact confirmation).
    fromSearchProperty('S2', CLAIM_PROPERTIES.get('S2')!, { runs: 20 }),
  ],
  latex: [{ claim: 'S2', data: ['clusters-q3'] }],
});
