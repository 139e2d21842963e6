/**
 * D2 (SPEC §4): for each proper subset J of the classes, the candidate network
 * truncating the classes of J (output layer fitted by exact least squares).
 *
 * `D2` (expected to hold): the ENGINE's verdicts are sound. For a random J,
 * every certificate (all parameters, output layer) passes the checker, and a
 * "verified local minimum" must survive the adversary — over all parameters,
 * or over the output layer alone for the output-layer sense. A refutation of
 * a verified verdict is a serious engine bug.
 *
 * `D2-all` (expected to FAIL): the paper's reading that EVERY candidate is a
 * local minimum over all parameters (2^Q − 1 local minima): the adversary
 * attacks the candidate regardless of the engine's verdict and exhibits an
 * exact descent ray for some J ≠ ∅. (It draws only J ≠ ∅: the J = ∅
 * candidate is the affine-region fit, covered by `D2`.)
 */
import fc from 'fast-check';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Rational } from '../../src/exact/rational.ts';
import type { Network } from '../../src/network/network.ts';
import { paramCount } from '../../src/network/params.ts';
import { d2Candidate } from '../../src/claims/d2-local-minima.ts';
import { decideAllParameters, decideOutputLayer, type MinimalityDecision } from '../../src/claims/local-minimality.ts';
import { makeCertificate } from '../../src/certificates/build.ts';
import { claim } from '../../src/claims/claim-result.ts';
import type { Counterexample } from '../../src/search/property.ts';
import { clusteredDataSetArb, SEPARABLE_SHAPES, type ClusteredData } from '../arbitraries/clustered-dataset.ts';
import { perturbationsArb, type Perturbation } from '../arbitraries/perturbation.ts';
import { nonEmptyProperSubsetArb, properSubsetArb } from '../arbitraries/subset.ts';
import { confirmMinimality, confirmRejected, minimalityCounterexample, rejectedCertificate, withCodec } from './support.ts';

export interface D2Input {
  readonly data: ClusteredData;
  /** Truncated classes, 0-based. */
  readonly J: number[];
  readonly extraLayers: number;
  readonly perturbations: Perturbation[];
  readonly attackSeed: number;
}

/**
 * Separable data, a subset J (drawn for the largest Q and cut down to the
 * data's classes), 0 or 1 extra layers, and perturbations sized for the
 * largest shape (L = M = maxQ + 1; the attack uses the first K entries). No
 * `chain`: shrinking the data keeps the other choices.
 */
function d2InputArb(maxQ: number, subsets: (Q: number) => fc.Arbitrary<number[]>, perClass: { minPerClass: number; maxPerClass: number; targets?: 'standard' | 'perturbed' }): fc.Arbitrary<D2Input> {
  return fc
    .record({
      data: clusteredDataSetArb({ maxQ, shapes: SEPARABLE_SHAPES, ...perClass }),
      J: subsets(maxQ),
      extraLayers: fc.integer({ min: 0, max: 1 }),
      perturbations: perturbationsArb(paramCount(maxQ + 1, maxQ + 1, maxQ), { count: 4 }),
      attackSeed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map((input) => ({ ...input, J: fitSubset(input.J, input.data.ds.Q) }));
}

/** J ∩ {0..Q−1}, kept proper (and non-empty when J was), for a data set with Q classes. */
function fitSubset(J: readonly number[], Q: number): number[] {
  const cut = J.filter((j) => j < Q);
  if (cut.length === Q) return cut.slice(0, -1);
  if (cut.length === 0 && J.length > 0) return [0];
  return cut;
}

function candidate({ data: { ds }, J, extraLayers }: D2Input): { net: Network; ms: Rational; L: number } | undefined {
  const L = ds.Q + extraLayers;
  const c = d2Candidate(ds, L, J);
  return 'reason' in c ? undefined : { ...c, L };
}

function certified(ds: DataSet, J: number[], sense: 'all-parameters' | 'output-layer', net: Network, ms: Rational, d: MinimalityDecision) {
  if (d.status === 'inconclusive') return undefined;
  return claim({
    id: 'D2',
    status: d.status,
    reason: d.reason,
    subset: J.map((j) => j + 1),
    sense,
    ms,
    certificate: makeCertificate({ claim: 'D2', verdict: d.status, statement: `D2 candidate J = {${J.map((j) => j + 1)}}, ${sense}`, ds, net, ms, evidence: d.evidence, context: { subset: J.map((j) => j + 1), sense } }),
  });
}

const jText = (J: number[]) => `{${J.map((j) => j + 1).join(', ')}}`;

export const deepLocalMinimaVerdicts = withCodec<D2Input>({
  id: 'D2',
  title: 'the engine\'s D2 verdicts are sound: certificates pass the checker, and every "verified" (local) minimum survives the adversary',
  expect: 'holds',
  // At least 2 points a class (up to 4), so the fits rarely interpolate (cost 0 is trivially a global minimum).
  arbitrary: ({ maxQ }) => d2InputArb(maxQ, properSubsetArb, { minPerClass: 2, maxPerClass: 4, targets: 'perturbed' }),
  check: (input): Counterexample | undefined => {
    const c = candidate(input);
    if (!c) return undefined;
    const { ds } = input.data;
    const all = decideAllParameters(c.net, ds, c.ms);
    const out = decideOutputLayer(c.net, ds);
    for (const [sense, d] of [['all-parameters', all], ['output-layer', out]] as const) {
      const r = certified(ds, input.J, sense, c.net, c.ms, d);
      const rejected = r && rejectedCertificate(r, ds);
      if (rejected) return rejected;
    }
    let hint: Counterexample | undefined;
    for (const [restrict, d] of [['all', all], ['output', out]] as const) {
      if (d.status !== 'verified') continue;
      const cx = minimalityCounterexample({
        claim: 'D2',
        what: `the D2 candidate for J = ${jText(input.J)} (L = ${c.L})${restrict === 'output' ? ' (over the output layer)' : ''}`,
        net: c.net,
        ds,
        seed: input.attackSeed,
        perturbations: input.perturbations,
        restrict,
        engineVerified: true,
        extra: { J: input.J.map((j) => j + 1), L: c.L },
      });
      if (cx && cx.evidence.kind === 'unconfirmed-hint') hint ??= cx;
      else if (cx) return cx;
    }
    return hint;
  },
  confirm: (input, cx) => {
    if (cx.evidence.kind === 'certificate-rejected') return confirmRejected(cx, input.data.ds);
    const c = candidate(input);
    return c !== undefined && confirmMinimality(cx, c.net, input.data.ds);
  },
});

export const deepLocalMinimaAll = withCodec<D2Input>({
  id: 'D2-all',
  title: 'EVERY D2 candidate (each proper subset J) is a local minimum over all parameters (the 2^Q − 1 reading)',
  expect: 'fails',
  arbitrary: ({ maxQ }) => d2InputArb(maxQ, nonEmptyProperSubsetArb, { minPerClass: 1, maxPerClass: 3 }),
  check: (input): Counterexample | undefined => {
    const c = candidate(input);
    if (!c) return undefined;
    const { ds } = input.data;
    const verdict = decideAllParameters(c.net, ds, c.ms).status;
    return minimalityCounterexample({
      claim: 'D2-all',
      what: `the D2 candidate for J = ${jText(input.J)} (L = ${c.L})`,
      net: c.net,
      ds,
      seed: input.attackSeed,
      perturbations: input.perturbations,
      engineVerified: verdict === 'verified',
      extra: { J: input.J.map((j) => j + 1), L: c.L, engineVerdict: verdict },
    });
  },
  confirm: (input, cx) => {
    const c = candidate(input);
    return c !== undefined && confirmMinimality(cx, c.net, input.data.ds);
  },
});
