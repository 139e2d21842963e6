/**
 * D1-degeneracy (SPEC §4): the D1 minimizer is not isolated. The engine lists
 * one-parameter families (hidden-unit rescalings, output-layer null
 * directions) and local-dimension bounds. The property moves along every
 * listed family by exact amounts (t = 1 + ε with ε = 1/10..1/10^6, and
 * t = 1/2; s = ε) and requires cost exactly 0 at every such point, a point
 * different from the minimizer, lower ≤ upper dimension bounds, and a
 * certificate the checker accepts. Expected to hold.
 */
import fc from 'fast-check';
import { Matrix } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { buildD1 } from '../../src/claims/d1-global-minimizers.ts';
import { analyseDegeneracy } from '../../src/claims/d1-degeneracy.ts';
import { checkDegeneracy } from '../../src/claims/deep.ts';
import type { Layer, Network } from '../../src/network/network.ts';
import { flattenParams, networkShape, unflattenParams } from '../../src/network/params.ts';
import type { FamilyJson } from '../../src/certificates/format.ts';
import type { Counterexample } from '../../src/search/property.ts';
import { epsilonArb } from '../arbitraries/epsilon.ts';
import { deepInputArb, type DeepInput } from './d1-global-minimizers.ts';
import { confirmRejected, dataOf, kernelSumSq, netJson, withCodec, rejectedCertificate } from './support.ts';

export interface DegeneracyInput extends DeepInput {
  readonly eps: Rational;
}

/** Unit `unit` of hidden layer `layer` (1-based) scaled by t; the next layer's column by 1/t. */
export function rescaleUnit(net: Network, layer: number, unit: number, t: Rational): Network {
  const layers = [...net.hidden, net.output];
  const out: Layer[] = layers.map((l, idx) => {
    if (idx === layer - 1) return { W: Matrix.fromRows(l.W.toRows().map((r, i) => (i === unit ? r.map((v) => v.mul(t)) : r))), b: l.b.map((v, i) => (i === unit ? v.mul(t) : v)) };
    if (idx === layer) return { W: Matrix.fromRows(l.W.toRows().map((r) => r.map((v, j) => (j === unit ? v.div(t) : v)))), b: l.b };
    return l;
  });
  return { hidden: out.slice(0, -1), output: out[out.length - 1]! };
}

/** The points of a family at the given parameter values. */
function familyPoints(net: Network, fam: FamilyJson, eps: Rational): { at: string; net: Network }[] {
  if (fam.type === 'unit-rescaling')
    return [Rational.ONE.add(eps), Rational.of(1n, 2n)].map((t) => ({ at: `t = ${t}`, net: rescaleUnit(net, fam.layer, fam.unit, t) }));
  const d = fam.direction.map((s) => Rational.parse(s));
  const p = flattenParams(net);
  return [eps, eps.neg()].map((s) => ({ at: `s = ${s}`, net: unflattenParams(p.map((v, i) => v.add(s.mul(d[i]!))), networkShape(net)) }));
}

function checkDegeneracyClaim({ data: { ds }, extraLayers, eps }: DegeneracyInput): Counterexample | undefined {
  const L = ds.Q + extraLayers;
  const outcome = buildD1(ds, L);
  if (outcome.kind !== 'built') return undefined; // D1's own property reports construction failures
  const net = outcome.construction.net;
  const rejected = rejectedCertificate(checkDegeneracy(ds, net), ds);
  if (rejected) return rejected;
  const a = analyseDegeneracy(net, ds);
  const base = flattenParams(net).join(',');
  for (const [f, fam] of a.families.entries())
    for (const { at, net: moved } of familyPoints(net, fam, eps)) {
      const sumSq = kernelSumSq(moved, ds);
      if (!sumSq.isZero() || flattenParams(moved).join(',') === base)
        return {
          summary: `family ${f + 1} (${fam.type}) at ${at}: ${sumSq.isZero() ? 'does not move the point' : `ms = ${sumSq.div(Rational.int(ds.N))} ≠ 0`}`,
          evidence: { kind: 'family-leaves-minimizers', L, family: fam, familyIndex: f, at, eps: eps.toString(), network: netJson(net), moved: netJson(moved) },
          data: dataOf(ds),
        };
    }
  const upper = a.jacobian && a.paramCount - a.jacobian.rank;
  if (a.tangentRank < 1 || (upper !== undefined && upper < a.tangentRank))
    return {
      summary: `inconsistent local-dimension bounds at the D1 minimizer: lower ${a.tangentRank}, upper ${upper}`,
      evidence: { kind: 'dimension-bounds', L, tangentRank: a.tangentRank, jacobianRank: a.jacobian?.rank ?? null, paramCount: a.paramCount },
      data: dataOf(ds),
    };
  return undefined;
}

export const deepDegeneracy = withCodec<DegeneracyInput>({
  id: 'D1-degeneracy',
  title: 'the D1 minimizer is not isolated: every listed family keeps the cost exactly 0, and lower ≤ upper local dimension',
  expect: 'holds',
  arbitrary: ({ maxQ }) => fc.record({ data: deepInputArb(maxQ).map((d) => d.data), extraLayers: fc.integer({ min: 0, max: 1 }), eps: epsilonArb() }),
  check: checkDegeneracyClaim,
  confirm: (input, cx) => {
    const { ds } = input.data;
    if (cx.evidence.kind === 'certificate-rejected') return confirmRejected(cx, ds);
    if (cx.evidence.kind === 'family-leaves-minimizers') {
      const o = buildD1(ds, cx.evidence.L as number);
      if (o.kind !== 'built') return false;
      const pts = familyPoints(o.construction.net, cx.evidence.family as FamilyJson, input.eps).find((p) => p.at === cx.evidence.at);
      return pts !== undefined && (!kernelSumSq(pts.net, ds).isZero() || flattenParams(pts.net).join(',') === flattenParams(o.construction.net).join(','));
    }
    // Dimension bounds: recompute.
    return checkDegeneracyClaim(input)?.evidence.kind === 'dimension-bounds';
  },
});
