/**
 * D1 and degeneracy (SPEC §4): for L ≥ Q hidden layers and sufficiently
 * clustered data, an explicit network of cost exactly 0 (a global minimum),
 * built from truncations: hidden layer ℓ collapses class order[ℓ] (in the
 * open backward cone) onto its apex θ_ℓ and leaves everything still present
 * in the open forward cone; the output layer maps the apexes to the targets.
 * The minimum is degenerate: not an isolated point of the minimizing set.
 *
 * Checked: the engine's verdicts on *this script's* construction (certificates:
 * cost zero; families of equal cost with exact rank bounds); exactly, the cone
 * conditions layer by layer, affine independence of the apexes, every point
 * mapped to its target, and an explicit second minimizer (a positive rescaling
 * of a hidden unit). Where the hypothesis fails (iris, overlap-q2) the engine
 * says "not applicable" with an exact convex-overlap certificate.
 */
import fc from 'fast-check';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { buildD1, type D1Construction } from '../src/claims/d1-global-minimizers.ts';
import { msExact } from '../src/network/cost.ts';
import { toCumulative } from '../src/network/cumulative.ts';
import { forwardExact } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';
import { flattenParams } from '../src/network/params.ts';
import { inOpenBackwardCone, inOpenForwardCone } from '../src/network/truncation.ts';
import { type Check, dataPoints, defineProof, exact, fromSearchProperty, pointName, property, syntheticDataSet } from '../src/prove/index.ts';
import { CLAIM_PROPERTIES } from '../properties/claims/index.ts';
import { vectorArb } from '../properties/arbitraries/vector.ts';

/** Unit `unit` of hidden layer 1 scaled by t, its column in layer 2 by 1/t: the same function (σ(tz) = tσ(z), t > 0). */
function rescaleUnit(net: Network, unit: number, t: Rational): Network {
  const [first, ...rest] = net.hidden;
  const next = rest[0] ?? net.output;
  const W1 = Matrix.fromRows(first!.W.toRows().map((r, i) => (i === unit ? vec.scale(r, t) : r)));
  const b1 = first!.b.map((v, i) => (i === unit ? v.mul(t) : v));
  const W2 = Matrix.fromRows(next.W.toRows().map((r) => r.map((v, j) => (j === unit ? v.div(t) : v))));
  const layer2 = { W: W2, b: next.b };
  return rest.length ? { hidden: [{ W: W1, b: b1 }, layer2, ...rest.slice(1)], output: net.output } : { hidden: [{ W: W1, b: b1 }], output: layer2 };
}

/** The cone conditions of the construction, per layer: who is collapsed, who is kept. */
function coneChecks(ds: DataSet, c: D1Construction): Check[] {
  const cum = toCumulative(c.net);
  const layers = c.order.map((cls, l) => {
    const present = [...c.order.slice(l + 1).flatMap((k) => ds.classes[k]!.points), ...ds.classes.filter((_, k) => !c.order.includes(k)).flatMap((x) => x.points), ...c.apexes.slice(0, l)];
    return { l, cls, W: cum.W[l]!, b: cum.b[l]!, present };
  });
  const lifted = Matrix.fromRows(c.apexes.map((a) => [...a, Rational.ONE]));
  return [
    exact.forAll('D1', 'layer ℓ: class order[ℓ] lies in the open backward cone', layers, ({ W, b, cls }) => ds.classes[cls]!.points.every((x) => inOpenBackwardCone(W, b, x)), ({ l }) => `layer ${l + 1}`),
    exact.forAll('D1', 'layer ℓ: later classes and earlier apexes lie in the open forward cone', layers, ({ W, b, present }) => present.every((x) => inOpenForwardCone(W, b, x)), ({ l }) => `layer ${l + 1}`),
    exact.equal('D1', 'the Q apexes are affinely independent', () => lifted.rank(), ds.Q),
  ];
}

/** Two separated clusters of three points in the plane around (2, 0) and (0, 2), deviations ≤ 1/2. */
const twoClusters = fc.array(vectorArb(2, { maxNum: 1, maxDen: 4 }), { minLength: 6, maxLength: 6 }).map((d) =>
  syntheticDataSet('random-clusters', [
    { label: 'a', points: d.slice(0, 3).map((v) => [Rational.int(2).add(v[0]!), v[1]!]) },
    { label: 'b', points: d.slice(3).map((v) => [v[0]!, Rational.int(2).add(v[1]!)]) },
  ]),
);

export default defineProof({
  claim: ['D1', 'D1-degeneracy'],
  title: 'Deep networks, L ≥ Q: explicit global minimizers of cost 0, and their degeneracy',
  hypotheses: [
    'L ≥ Q hidden layers of width M ≥ Q',
    'sufficiently clustered: some order of the classes in which each is strictly separable from everything still present (other classes, earlier apexes)',
    'the apexes are affinely independent',
  ],
  data: [{ example: 'clusters-q2' }, { example: 'clusters-q3' }, { example: 'clusters-q3-m5' }, { example: 'clusters-q4' }, { example: 'iris' }, { example: 'overlap-q2' }],
  construct: (ds) => buildD1(ds, ds.Q),
  assert: ({ ds, built, engine }) => {
    if (built.kind !== 'built') {
      const o = built.kind === 'hypothesis-fails' ? built.overlap : undefined;
      const combo = (j: number, w: Rational[]) => ds.classes[j]!.points.reduce<Rational[]>((s, p, i) => vec.add(s, vec.scale(p, w[i]!)), vec.zeros(ds.M));
      return [
        engine.D1(built),
        engine['D1-degeneracy'](undefined),
        ...(o ? [exact.equal('D1', 'hypothesis fails: a point lies in the convex hulls of two classes', () => combo(o.classes[0], o.lambda), () => combo(o.classes[1], o.mu))] : []),
      ];
    }
    const c = built.construction;
    const other = rescaleUnit(c.net, 0, Rational.int(2));
    return [
      engine.D1(built),
      exact.isZero('D1', 'cost is exactly 0', () => msExact(c.net, ds)),
      exact.forAll('D1', 'every data point is mapped to its target', dataPoints(ds), (p) => vec.eq(forwardExact(c.net, p.x), ds.targets[p.j]!), pointName),
      ...coneChecks(ds, c),
      engine['D1-degeneracy'](c.net),
      exact.holds('D1-degeneracy', 'rescaling a hidden unit gives a different point of cost 0', () => {
        const moved = !vec.eq(flattenParams(other), flattenParams(c.net));
        const ms = msExact(other, ds);
        return { holds: moved && ms.isZero(), evidence: `${moved ? 'a different parameter point' : 'the same point'}, ms = ${ms}` };
      }),
    ];
  },
  properties: [
    property('D1', 'cost 0 on random separated two-cluster data (M = Q = L = 2)', [twoClusters], (ds) => {
      const o = buildD1(ds, 2);
      return o.kind === 'built' && msExact(o.construction.net, ds).isZero();
    }, { runs: 25 }),
    // The `dlgeom search` properties of properties/claims (their own arbitraries and exact confirmation).
    fromSearchProperty('D1', CLAIM_PROPERTIES.get('D1')!, { runs: 20 }),
    fromSearchProperty('D1', CLAIM_PROPERTIES.get('D1-any')!, { runs: 20 }),
    fromSearchProperty('D1-degeneracy', CLAIM_PROPERTIES.get('D1-degeneracy')!, { runs: 10 }),
  ],
  latex: [{ claim: 'D1', data: ['clusters-q2', 'clusters-q3'] }, { claim: 'D1-degeneracy', data: ['clusters-q2'] }],
});
