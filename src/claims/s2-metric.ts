/**
 * S2 (SPEC §3): for the S1 network and any input x in its identity region, the
 * class-j cost is |YX̄⁺P(x − x̄_j)|, a metric on span{x̄_j} (degenerate off it).
 * Checked exactly on rational test inputs: the class means, midpoints of pairs
 * of means, and the first data points of each class.
 */
import { vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf, pointAt } from '../data/compact.ts';
import { applyP, applyYXpinv } from './s1-factors.ts';
import { makeCertificate } from '../certificates/build.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { s1Network } from './s1-upper-bound.ts';
import type { ShallowQuantities } from './shallow-quantities.ts';

export function checkS2(ds: DataSet, sq: ShallowQuantities): ClaimResult {
  const s1 = ds.Q > ds.M ? undefined : s1Network(ds, sq);
  if (!s1) return claim({ id: 'S2', status: 'not-applicable', reason: 'needs Q ≤ M and class means of rank Q' });
  const { net, factors: f } = s1;
  const means = Array.from({ length: ds.Q }, (_, j) => sq.Xbar.column(j));
  const half = Rational.of(1n, 2n);
  const candidates: { x: Rational[]; class: number }[] = [];
  means.forEach((m, j) => candidates.push({ x: m, class: j }));
  for (let a = 0; a < ds.Q; a++)
    for (let b = a + 1; b < ds.Q; b++) candidates.push({ x: vec.scale(vec.add(means[a]!, means[b]!), half), class: a });
  compactOf(ds).classes.forEach((c, j) => {
    for (let i = 0; i < Math.min(3, c.count); i++) candidates.push({ x: pointAt(c, ds.M, i), class: j });
  });
  // The network's layers applied through the factors of W₁ = P and W₂ = YX̄⁺ (O(M·Q) per input,
  // the same exact values as the M×M products): pre-activations W₁x + b₁, output W₂σ(·) + b₂.
  const b1 = net.hidden[0]!.b;
  const pre = (x: readonly Rational[]) => vec.add(applyP(f, x), b1);
  const forward = (x: readonly Rational[]) => vec.add(applyYXpinv(f, vec.relu(pre(x))), net.output.b);
  const inRegion = candidates.filter((c) => pre(c.x).every((v) => v.sign() >= 0));
  // |YX̄⁺P(x − x̄_j)|
  const metric = (u: readonly Rational[]) => vec.norm2(applyYXpinv(f, applyP(f, u)));
  const failing = inRegion.find(({ x, class: j }) => !vec.norm2(vec.sub(forward(x), ds.targets[j]!)).eq(metric(vec.sub(x, means[j]!))));
  const details = { testInputs: inRegion.length, kernelDimensionOffSpan: ds.M - ds.Q };
  if (failing)
    return claim({
      id: 'S2',
      status: 'refuted',
      reason: 'at a test input in the identity region the class cost differs from |YX̄⁺P(x − x̄_j)|',
      certificate: makeCertificate({ claim: 'S2', verdict: 'refuted', statement: 'The S2 identity fails at the given input.', ds, net, evidence: { kind: 'metric-counterexample', x: failing.x.map(String), class: failing.class } }),
      details,
    });
  if (sq.Y.det().isZero()) return claim({ id: 'S2', status: 'inconclusive', reason: 'the identity holds on the test inputs, but Y is singular, so the distance is not a metric on span{x̄_j}', details });
  return claim({
    id: 'S2',
    status: 'verified',
    reason: `on ${inRegion.length} rational test inputs the class cost equals |YX̄⁺P(x − x̄_j)| exactly; Y is invertible${ds.M > ds.Q ? `; degenerate on the ${ds.M - ds.Q}-dimensional complement of span{x̄_j}` : ''}`,
    certificate: makeCertificate({
      claim: 'S2',
      verdict: 'verified',
      statement: 'On each listed input of the identity region, the class cost equals |YX̄⁺P(x − x̄_j)|, and Y is invertible.',
      ds,
      net,
      evidence: { kind: 'metric-identity', inputs: inRegion.map((c) => ({ x: c.x.map(String), class: c.class })) },
    }),
    details,
  });
}
