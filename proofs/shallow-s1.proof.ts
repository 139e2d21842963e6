/**
 * S1 (SPEC §3): the shallow network W_1 = P, b_1 = β·1, W_2 = YX̄⁺,
 * b_2 = −W_2 b_1 has ReLU acting as the identity on the data and cost
 * ms = U² = (1/N) Σ |YX̄⁺PΔx|², so min C ≤ U ≤ ‖YX̄⁺‖_op·δ_P: O(δ_P).
 *
 * Checked: the engine's verdict (certificate: identity region, ms = U², a
 * Rayleigh-quotient bound); exactly, the identity region, ms = U², the same
 * for the rotated network W_1 = RP (R a rational orthogonal matrix), the
 * Frobenius form of the bound, and the exact O(δ_P) scaling: halving every
 * deviation quarters U² and δ_P².
 */
import fc from 'fast-check';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { classStats } from '../src/data/stats.ts';
import { s1Network } from '../src/claims/s1-upper-bound.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { identityShift } from '../src/claims/identity-shift.ts';
import { msExact } from '../src/network/cost.ts';
import { hiddenTrace } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';
import { dataPoints, defineProof, exact, fromSearchProperty, pointName, property, shrinkDeviations } from '../src/prove/index.ts';
import { CLAIM_PROPERTIES } from '../properties/claims/index.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';

/** (I − A)(I + A)⁻¹ for a fixed skew A: a rational orthogonal M×M matrix. */
function rotation(M: number): Matrix {
  const A = Matrix.fromRows(Array.from({ length: M }, (_, i) => Array.from({ length: M }, (_, j) => Rational.of(j - i, 3))));
  const I = Matrix.identity(M);
  return I.sub(A).mul(I.add(A).inverse());
}

/** The S1 network with W_1 = RP, W_2 = YX̄⁺Rᵀ, and a shift making ReLU the identity on the data. */
function rotatedS1(ds: DataSet, P: Matrix, A: Matrix): Network {
  const W1 = rotation(ds.M).mul(P);
  const beta = identityShift(ds.classes.flatMap((c) => c.points.map((x) => W1.mulVec(x))));
  const b1 = new Array<Rational>(ds.M).fill(beta);
  const W2 = A.mul(rotation(ds.M).transpose());
  return { hidden: [{ W: W1, b: b1 }], output: { W: W2, b: W2.mulVec(b1).map((v) => v.neg()) } };
}

function construct(ds: DataSet) {
  const sq = shallowQuantities(ds);
  const s1 = s1Network(ds, sq);
  if (!s1 || !sq.Xpinv || !sq.U2) return undefined;
  const P = sq.Xbar.mul(sq.Xpinv);
  const A = sq.Y.mul(sq.Xpinv);
  const half = shrinkDeviations(ds, '1/2');
  return { net: s1.net, rotated: rotatedS1(ds, P, A), U2: sq.U2, A, deltaP2: classStats(ds).deltaP2!, half: { U2: shallowQuantities(half).U2!, deltaP2: classStats(half).deltaP2! } };
}

export default defineProof({
  claim: 'S1',
  title: 'Shallow upper bound: an explicit network with ms = U² ≤ ‖YX̄⁺‖²_op·δ_P²',
  hypotheses: ['Q ≤ M', 'the class means are linearly independent (rank X̄ = Q)'],
  data: [
    { example: 'clusters-q2' },
    { example: 'clusters-q3-m5' },
    { example: 'iris' },
    { example: 'overlap-q2' },
    { generate: () => shrinkDeviations(loadExample('clusters-q3'), '1/10') },
  ],
  construct,
  assert: ({ ds, built, engine }) => {
    if (!built) return [engine.S1()];
    const { net, rotated, U2, A, deltaP2, half } = built;
    return [
      engine.S1(),
      exact.forAll('S1', 'ReLU is the identity on the data (pre-activations ≥ 0)', dataPoints(ds), (p) => hiddenTrace(net, p.x).preActivations.every((z) => z.every((v) => v.sign() >= 0)), pointName),
      exact.equal('S1', 'ms = U² exactly', () => msExact(net, ds), U2),
      exact.equal('S1', 'rotated network W_1 = RP also has ms = U²', () => msExact(rotated, ds), U2),
      exact.atMost('S1', 'U² ≤ ‖YX̄⁺‖²_F·δ_P² (Frobenius ≥ operator norm)', U2, () => A.frobenius2().mul(deltaP2)),
      exact.equal('S1', 'halving every deviation quarters U² (U ∝ δ_P)', half.U2, () => U2.div(Rational.int(4))),
      exact.equal('S1', 'halving every deviation quarters δ_P²', half.deltaP2, () => deltaP2.div(Rational.int(4))),
    ];
  },
  properties: [
    property(
      'S1',
      'ms(S1 network) = U² on random data, M = 3, Q = 2',
      [dataSetArb(3, 2, 3, { maxNum: 6, maxDen: 3 })],
      (ds) => {
        const sq = shallowQuantities(ds);
        const s1 = s1Network(ds, sq);
        fc.pre(s1 !== undefined && sq.U2 !== undefined);
        return msExact(s1!.net, ds).eq(sq.U2!);
      },
      { runs: 60 },
    ),
    // The `dlgeom search` properties of properties/claims (their own arbitraries and exact confirmation).
    fromSearchProperty('S1', CLAIM_PROPERTIES.get('S1')!, { runs: 20 }),
  ],
  latex: [{ claim: 'S1', data: ['clusters-q2', 'iris'] }],
});
