/**
 * D2 (SPEC §4, our reading): for every proper subset J of the classes, the
 * candidate network whose hidden layers truncate the classes of J, with the
 * output layer fitted exactly to the curated data. The paper asserts 2^Q − 1
 * distinct degenerate local minima.
 *
 * Checked: the engine's decision for every J in two senses — a local minimum
 * over all parameters, a minimum over the output layer — each with a
 * certificate (pattern-wise least-squares bound, output normal equations, or
 * an exact descent direction); exactly, on the candidates built here: the
 * classes of J collapse to one point after the hidden layers, the output normal
 * equations, J = ∅ gives the affine least-squares value Vfull² of S3, and
 * whether the candidates are distinct as points and in cost.
 */
import fc from 'fast-check';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { d2Candidate, properSubsets } from '../src/claims/d2-local-minima.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { msExact } from '../src/network/cost.ts';
import { forwardExact, hiddenTrace } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';
import { flattenParams } from '../src/network/params.ts';
import { dataPoints, defineProof, exact, fromSearchProperty, property } from '../src/prove/index.ts';
import { CLAIM_PROPERTIES } from '../properties/claims/index.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';

interface Candidate {
  readonly J: number[];
  readonly net: Network;
  readonly ms: Rational;
}

function candidates(ds: DataSet): Candidate[] {
  return properSubsets(ds.Q).flatMap((J) => {
    const c = d2Candidate(ds, ds.Q, J);
    return 'reason' in c ? [] : [{ J, net: c.net, ms: c.ms }];
  });
}

const name = (c: Candidate) => `J = {${c.J.map((j) => j + 1).join(',')}}`;

/** Σ (f(x) − y)(h(x), 1)ᵀ over the data, h the last hidden activation: zero iff the output layer is least squares. */
function outputGradient(net: Network, ds: DataSet): Matrix {
  let G = Matrix.zeros(ds.Q, ds.M + 1);
  for (const p of dataPoints(ds)) {
    const acts = hiddenTrace(net, p.x).activations;
    const h = acts.length ? acts[acts.length - 1]! : [...p.x];
    G = G.add(Matrix.outer(vec.sub(forwardExact(net, p.x), ds.targets[p.j]!), [...h, Rational.ONE]));
  }
  return G;
}

export default defineProof({
  claim: 'D2',
  title: 'Deep networks: 2^Q − 1 candidates truncating a proper subset J — local minima, and in which sense',
  hypotheses: ['L = Q hidden layers of width M ≥ Q', 'the classes of J can be truncated one after another (strict separations)', 'our reading of the paper: one candidate per proper subset J'],
  data: [{ example: 'clusters-q2' }, { example: 'clusters-q3' }, { example: 'clusters-q4' }, { example: 'iris' }],
  construct: candidates,
  assert: ({ ds, built, engine }) => {
    const empty = built.find((c) => c.J.length === 0);
    return [
      engine.D2(),
      exact.forAll('D2', 'each class of J has a single image after the hidden layers', built, (c) =>
        c.J.every((j) => new Set(ds.classes[j]!.points.map((x) => hiddenTrace(c.net, x).activations.at(-1)!.join(','))).size === 1),
      name),
      exact.forAll('D2', 'every candidate satisfies the output normal equations', built, (c) => outputGradient(c.net, ds).isZero(), name),
      ...(empty ? [exact.equal('D2', 'J = ∅ has ms = Vfull² (the affine least-squares value of S3)', empty.ms, () => shallowQuantities(ds).Vfull2)] : []),
      exact.holds('D2', 'the candidates are pairwise distinct parameter points', () => {
        const n = new Set(built.map((c) => flattenParams(c.net).join(','))).size;
        return { holds: n === built.length, evidence: `${n} distinct of ${built.length} built (2^Q − 1 = ${2 ** ds.Q - 1})` };
      }),
      exact.holds('D2', 'the candidates have pairwise distinct costs', () => {
        const n = new Set(built.map((c) => c.ms.toString())).size;
        return { holds: n === built.length, evidence: `${n} distinct cost values among ${built.length} candidates` };
      }),
    ];
  },
  properties: [
    property('D2', 'J = ∅ candidate has ms = Vfull², random data M = Q = 2', [dataSetArb(2, 2, 3, { maxNum: 6, maxDen: 3 })], (ds) => {
      const c = d2Candidate(ds, 2, []);
      fc.pre(!('reason' in c));
      return !('reason' in c) && c.ms.eq(shallowQuantities(ds).Vfull2) && msExact(c.net, ds).eq(c.ms);
    }, { runs: 60 }),
    // The `dlgeom search` properties of properties/claims (their own arbitraries and exact confirmation).
    fromSearchProperty('D2', CLAIM_PROPERTIES.get('D2')!, { runs: 20 }),
    fromSearchProperty('D2', CLAIM_PROPERTIES.get('D2-all')!, { runs: 20 }),
  ],
  latex: [{ claim: 'D2', data: ['clusters-q2'] }],
});
