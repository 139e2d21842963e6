/**
 * S2 (SPEC §3): for the S1 network and any input x in its identity region,
 * the class-j cost is |YX̄⁺P(x − x̄_j)| — a metric on span{x̄_j} when Y is
 * invertible. Test inputs: convex combinations of data points (inside the
 * identity region) plus a small exact offset, and the engine's own verdict
 * must carry a certificate the checker accepts. Expected to hold.
 * Evidence: x in the identity region and a class j where the two sides differ.
 */
import fc from 'fast-check';
import { Matrix, vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { shallowQuantities } from '../../src/claims/shallow-quantities.ts';
import { s1Network } from '../../src/claims/s1-upper-bound.ts';
import { checkS2 } from '../../src/claims/s2-metric.ts';
import { hiddenTrace } from '../../src/network/forward.ts';
import { forward as kernelForward, type KNet } from '../../src/certificates/kernel.ts';
import type { Counterexample } from '../../src/search/property.ts';
import { clusteredDataSetArb, type ClusteredData } from '../arbitraries/clustered-dataset.ts';
import { rationalArb } from '../arbitraries/rational.ts';
import { confirmRejected, dataOf, netJson, rejectedCertificate, str, withCodec } from './support.ts';
import { projectorOf } from './s1-upper-bound.ts';

export interface MetricInput {
  readonly data: ClusteredData;
  /** Weights (≥ 0, not all 0) of a convex combination of the data points, in order. */
  readonly weights: number[];
  /** An exact offset added to the combination (small). */
  readonly offset: Rational[];
  /** The class j (0-based, reduced mod Q). */
  readonly cls: number;
}

function testPoint({ data: { ds }, weights, offset }: MetricInput): Rational[] {
  const pts = ds.classes.flatMap((c) => c.points);
  const w = pts.map((_, i) => Rational.int(weights[i % weights.length] ?? 0));
  const total = w.reduce((s, v) => s.add(v), Rational.ZERO);
  const weightsUsed = total.isZero() ? pts.map((_, i) => (i === 0 ? Rational.ONE : Rational.ZERO)) : w.map((v) => v.div(total));
  const comb = pts.reduce<Rational[]>((s, p, i) => vec.add(s, vec.scale(p, weightsUsed[i]!)), vec.zeros(ds.M));
  return vec.add(comb, offset.slice(0, ds.M));
}

function sides(input: MetricInput, x: readonly Rational[], j: number, viaKernel: boolean): { inRegion: boolean; lhs: Rational; rhs: Rational } | undefined {
  const { ds } = input.data;
  const { means, Xpinv, P } = projectorOf(ds);
  if (!Xpinv) return undefined;
  const net = s1Network(ds, shallowQuantities(ds))!.net;
  // Two forward passes: src/network's for the search, the certificate kernel's for confirmation.
  const out = viaKernel ? kernelForward(net as KNet, x) : (({ preActivations, output }) => ({ pre: preActivations, output }))(hiddenTrace(net, x));
  const inRegion = out.pre.every((z) => z.every((v) => v.sign() >= 0));
  const A = Matrix.fromColumns(ds.targets).mul(Xpinv).mul(P!);
  return { inRegion, lhs: vec.norm2(vec.sub(out.output, ds.targets[j]!)), rhs: vec.norm2(A.mulVec(vec.sub(x, means[j]!))) };
}

function checkS2Claim(input: MetricInput): Counterexample | undefined {
  const { ds } = input.data;
  if (ds.Q > ds.M || projectorOf(ds).rank < ds.Q) return undefined;
  const rejected = rejectedCertificate(checkS2(ds, shallowQuantities(ds)), ds);
  if (rejected) return rejected;
  const x = testPoint(input);
  const j = input.cls % ds.Q;
  const s = sides(input, x, j, false)!;
  if (!s.inRegion || s.lhs.eq(s.rhs)) return undefined;
  const net = s1Network(ds, shallowQuantities(ds))!.net;
  return {
    summary: `at x = [${str(x)}] (identity region), class ${j + 1}: |f(x) − y_j|² = ${s.lhs} ≠ |YX̄⁺P(x − x̄_j)|² = ${s.rhs}`,
    evidence: { kind: 'metric-identity-fails', network: netJson(net), x: str(x), class: j, lhs: s.lhs.toString(), rhs: s.rhs.toString() },
    data: dataOf(ds),
  };
}

export const shallowMetric = withCodec<MetricInput>({
  id: 'S2',
  title: 'in the identity region of the S1 network, the class-j cost equals |YX̄⁺P(x − x̄_j)|',
  expect: 'holds',
  arbitrary: ({ maxQ }) =>
    clusteredDataSetArb({ maxQ, targets: 'perturbed' }).chain((data) =>
      fc.record({
        data: fc.constant(data),
        weights: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
        offset: fc.array(rationalArb({ maxNum: 2, maxDen: 8 }), { minLength: data.ds.M, maxLength: data.ds.M }),
        cls: fc.nat({ max: 7 }),
      }),
    ),
  check: checkS2Claim,
  confirm: (input, cx) => {
    if (cx.evidence.kind === 'certificate-rejected') return confirmRejected(cx, input.data.ds);
    const x = (cx.evidence.x as string[]).map((v) => Rational.parse(v));
    const s = sides(input, x, cx.evidence.class as number, true);
    return s !== undefined && s.inRegion && !s.lhs.eq(s.rhs);
  },
});
