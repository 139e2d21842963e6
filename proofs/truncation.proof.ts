/**
 * T1–T5 (SPEC §2): the truncation map τ_{W,b}(x) = W⁺(σ(Wx + b) − b).
 *
 * On data: the maps are the cumulative hidden layers (W^(ℓ), b^(ℓ)) of the D1
 * construction (or, when D1's hypothesis fails, of the network truncating
 * class 1 alone), plus a rational orthogonal map (Cayley transform) with its
 * apex at the mean of class 1 — evaluated exactly on every data point, class
 * mean and apex. Off data: the same claims as properties on random exact
 * matrices (properties/arbitraries).
 */
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { buildD1, buildTruncationNetwork } from '../src/claims/d1-global-minimizers.ts';
import { toCumulative } from '../src/network/cumulative.ts';
import { apex, inBackwardCone, inForwardCone, truncationMap } from '../src/network/truncation.ts';
import { defineProof, exact, fromSearchProperty, property } from '../src/prove/index.ts';
import { CLAIM_PROPERTIES } from '../properties/claims/index.ts';
import { fullRowRankMatrixArb, invertibleMatrixArb, orthogonalMatrixArb, permutationMatrixArb, positiveDiagonalMatrixArb } from '../properties/arbitraries/matrix.ts';
import { nonNegativeVectorArb, vectorArb } from '../properties/arbitraries/vector.ts';

interface Map {
  readonly name: string;
  readonly W: Matrix;
  readonly b: Rational[];
  readonly tau: (x: readonly Rational[]) => Rational[];
  readonly theta: Rational[];
}

interface Instances {
  /** Invertible maps: the cumulative hidden layers of a truncation network. */
  readonly layers: Map[];
  /** A rational orthogonal map. */
  readonly orthogonal: Map;
  /** Test points: data, class means, apexes. */
  readonly points: Rational[][];
}

function makeMap(name: string, W: Matrix, b: Rational[]): Map {
  return { name, W, b, tau: truncationMap(W, b), theta: apex(W, b) };
}

/** (I − A)(I + A)⁻¹ for the skew A with A_ij = (j − i)/(2M) above the diagonal: rational and orthogonal. */
function cayley(M: number): Matrix {
  const A = Matrix.fromRows(Array.from({ length: M }, (_, i) => Array.from({ length: M }, (_, j) => Rational.of(j - i, 2 * M))));
  const I = Matrix.identity(M);
  return I.sub(A).mul(I.add(A).inverse());
}

function instances(ds: DataSet): Instances {
  const d1 = buildD1(ds, ds.Q);
  const o = d1.kind === 'built' ? d1 : buildTruncationNetwork(ds, 1, [0]);
  if (o.kind !== 'built') throw new Error(`no truncation network on ${ds.name}: ${o.reason}`);
  const { net, apexes } = o.construction;
  const cum = toCumulative(net);
  const layers = net.hidden.map((_, l) => makeMap(`layer ${l + 1}`, cum.W[l]!, cum.b[l]!));
  const c1 = ds.classes[0]!.points;
  const mean1 = c1[0]!.map((_, k) => c1.reduce((s, p) => s.add(p[k]!), Rational.ZERO).div(Rational.int(c1.length)));
  const R = cayley(ds.M);
  const orthogonal = makeMap('orthogonal', R, R.mulVec(mean1).map((v) => v.neg()));
  const means = ds.classes.map((c) => c.points[0]!.map((_, k) => c.points.reduce((s, p) => s.add(p[k]!), Rational.ZERO).div(Rational.int(c.points.length))));
  return { layers, orthogonal, points: [...ds.classes.flatMap((c) => c.points.map((p) => [...p])), ...means, ...apexes] };
}

/** Every (map, point) pair, for forAll. */
const pairs = (maps: readonly Map[], points: readonly Rational[][]) => maps.flatMap((m) => points.map((x, k) => ({ m, x, k })));
const at = (p: { m: Map; k: number }) => `${p.m.name}, test point #${p.k + 1}`;

const small = { maxNum: 5, maxDen: 3 };

export default defineProof({
  claim: ['T1', 'T2', 'T3', 'T4', 'T5'],
  title: 'Truncation maps: idempotent, fixing K⁺, collapsing K⁻, projecting (orthogonal W), invariant under ΠD',
  hypotheses: [
    'T1: W of full row rank',
    'T2, T3: W invertible (apex θ = −W⁻¹b)',
    'T4: W orthogonal',
    'T5: Π a permutation, D a positive diagonal',
  ],
  data: [{ example: 'clusters-q3' }, { example: 'clusters-q3-m5' }, { example: 'iris' }],
  construct: instances,
  assert: ({ built: { layers, orthogonal, points } }) => {
    const all = [...layers, orthogonal];
    const rev = (n: number) => Matrix.fromRows(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j === n - 1 - i ? 1 : 0))));
    const PD = (n: number) => rev(n).mul(Matrix.diagonal(Array.from({ length: n }, (_, i) => Rational.int(i + 1))));
    const flip = (n: number) => Matrix.diagonal(Array.from({ length: n }, (_, i) => (i === 0 ? Rational.int(-1) : Rational.ONE)));
    let images: { x: Rational[]; t: Rational[]; inK: boolean }[] | undefined;
    const ortho = () => (images ??= points.map((x) => ({ x, t: orthogonal.tau(x), inK: inForwardCone(orthogonal.W, orthogonal.b, x) })));
    return [
      exact.forAll('T1', 'τ(τ(x)) = τ(x) for every map and test point', pairs(all, points), ({ m, x }) => vec.eq(m.tau(m.tau(x)), m.tau(x)), at),
      exact.forAll('T2', 'τ(x) = x exactly when x ∈ K⁺', pairs(all, points), ({ m, x }) => vec.eq(m.tau(x), x) === inForwardCone(m.W, m.b, x), at),
      exact.exists('T2', 'some test point is fixed (not vacuous)', pairs(all, points), ({ m, x }) => inForwardCone(m.W, m.b, x), at),
      exact.forAll('T3', 'τ(x) = θ for every x ∈ K⁻', pairs(all, points), ({ m, x }) => !inBackwardCone(m.W, m.b, x) || vec.eq(m.tau(x), m.theta), at),
      exact.exists('T3', 'some test point lies in K⁻ (not vacuous)', pairs(all, points), ({ m, x }) => inBackwardCone(m.W, m.b, x), at),
      exact.equal('T4', 'the orthogonal map has W Wᵀ = I', orthogonal.W.mul(orthogonal.W.transpose()), Matrix.identity(orthogonal.W.rows)),
      exact.forAll('T4', '|x − τ(x)|² ≤ |x − z|² for test points x and z ∈ K⁺', ortho, (p) =>
        ortho().every((z) => !z.inK || vec.norm2(vec.sub(p.x, p.t)).le(vec.norm2(vec.sub(p.x, z.x)))),
      ),
      exact.forAll('T4', '|τ(x) − τ(y)|² ≤ |x − y|² for all pairs of test points', ortho, (p, k) =>
        ortho().slice(k + 1).every((q) => vec.norm2(vec.sub(p.t, q.t)).le(vec.norm2(vec.sub(p.x, q.x)))),
      ),
      exact.forAll('T5', 'τ_{ΠDW,ΠDb} = τ_{W,b} (Π reversal, D = diag(1..M))', pairs(all, points), ({ m, x }) => {
        const S = PD(m.W.rows);
        return vec.eq(truncationMap(S.mul(m.W), S.mulVec(m.b))(x), m.tau(x));
      }, at),
      exact.exists('T5', 'a diagonal with a negative entry changes τ (positivity matters)', pairs(all, points), ({ m, x }) => {
        const S = flip(m.W.rows);
        return !vec.eq(truncationMap(S.mul(m.W), S.mulVec(m.b))(x), m.tau(x));
      }, at),
    ];
  },
  properties: [
    property('T1', 'τ∘τ = τ, W invertible 3×3', [invertibleMatrixArb(3, small), vectorArb(3), vectorArb(3)], (W, b, x) => {
      const tau = truncationMap(W, b);
      return vec.eq(tau(tau(x)), tau(x));
    }),
    property('T1', 'τ∘τ = τ, W 2×4 of full row rank (W⁺)', [fullRowRankMatrixArb(2, 4, small), vectorArb(2), vectorArb(4)], (W, b, x) => {
      const tau = truncationMap(W, b);
      return vec.eq(tau(tau(x)), tau(x));
    }),
    property('T2', 'x with Wx + b = s ≥ 0 is fixed', [invertibleMatrixArb(3, small), vectorArb(3), nonNegativeVectorArb(3)], (W, b, s) => {
      const x = W.solveVec(vec.sub(s, b));
      return vec.eq(truncationMap(W, b)(x), x);
    }),
    property('T2', 'fixed points lie in K⁺', [invertibleMatrixArb(3, small), vectorArb(3), vectorArb(3)], (W, b, x) => {
      const tau = truncationMap(W, b);
      return vec.eq(tau(x), x) === inForwardCone(W, b, x);
    }),
    property('T3', 'x with Wx + b = −s ≤ 0 goes to θ', [invertibleMatrixArb(3, small), vectorArb(3), nonNegativeVectorArb(3)], (W, b, s) => {
      const x = W.solveVec(vec.sub(s.map((v) => v.neg()), b));
      return vec.eq(truncationMap(W, b)(x), apex(W, b));
    }),
    property('T4', 'orthogonal W: 1-Lipschitz and nearest point of K⁺', [orthogonalMatrixArb(3), vectorArb(3), vectorArb(3), vectorArb(3), nonNegativeVectorArb(3)], (W, b, x, y, s) => {
      const tau = truncationMap(W, b);
      const z = W.solveVec(vec.sub(s, b));
      return vec.norm2(vec.sub(tau(x), tau(y))).le(vec.norm2(vec.sub(x, y))) && vec.norm2(vec.sub(x, tau(x))).le(vec.norm2(vec.sub(x, z)));
    }),
    property('T5', 'τ_{ΠDW,ΠDb} = τ_{W,b}', [invertibleMatrixArb(3, small), vectorArb(3), vectorArb(3), permutationMatrixArb(3), positiveDiagonalMatrixArb(3)], (W, b, x, P, D) => {
      const S = P.mul(D);
      return vec.eq(truncationMap(S.mul(W), S.mulVec(b))(x), truncationMap(W, b)(x));
    }),
    // The `dlgeom search` properties of properties/claims (their own arbitraries and exact confirmation).
    fromSearchProperty('T1', CLAIM_PROPERTIES.get('T1')!, { runs: 20 }),
    fromSearchProperty('T2', CLAIM_PROPERTIES.get('T2')!, { runs: 20 }),
    fromSearchProperty('T3', CLAIM_PROPERTIES.get('T3')!, { runs: 20 }),
    fromSearchProperty('T4', CLAIM_PROPERTIES.get('T4')!, { runs: 20 }),
    fromSearchProperty('T4', CLAIM_PROPERTIES.get('T4-general')!, { runs: 20 }),
    fromSearchProperty('T5', CLAIM_PROPERTIES.get('T5')!, { runs: 20 }),
    fromSearchProperty('T5', CLAIM_PROPERTIES.get('T5-general')!, { runs: 20 }),
  ],
  latex: [{ claim: 'T', data: ['clusters-q3'] }],
});
