/**
 * The checker's test for evidence "critical-point": every hidden pre-activation is strictly
 * signed on the data (so near the point the network is affine on each pattern group and ms is
 * a polynomial in the parameters), and every partial derivative of N·ms is exactly 0.
 *
 * Each partial derivative is the first Taylor coefficient of t ↦ N·ms(p + t·e_k) along a unit
 * vector e_k: 2 Σ_groups Σ (a₀(x) − y)·a₁(x), with a₀ + a₁t + a₂t² the output on the group's
 * pattern (groups.ts costCoefficients, exact) and the sum taken from the group's integer moments. Part of the
 * trusted checker; rejects (Rejected) or returns the summary.
 */
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { costCoefficients, type GroupedMoments } from './groups.ts';
import { flatten, unflatten, type KNet } from './kernel.ts';
import { require } from './rejection.ts';

export function checkCriticalPoint(net: KNet, ds: DataSet, grouped: GroupedMoments): string {
  require(!grouped.someZero, 'a hidden pre-activation is exactly 0 on the data: the cost is not differentiable there');
  const K = flatten(net).length;
  const zero = new Array<Rational>(K).fill(Rational.ZERO);
  for (let k = 0; k < K; k++) {
    const e = zero.slice();
    e[k] = Rational.ONE;
    const [c1] = costCoefficients(net, unflatten(e, net), ds.targets, grouped, 1);
    require(c1.isZero(), `the partial derivative of N·ms in parameter ${k} is ${c1}, not 0`);
  }
  return `strict activation patterns (${grouped.groups.length} group(s)) and all ${K} partial derivatives of ms are exactly 0: a critical point`;
}
