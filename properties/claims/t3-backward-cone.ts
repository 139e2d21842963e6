/**
 * T3 (SPEC §2): for invertible W, τ maps the whole backward cone
 * K⁻ = {Wx + b ≤ 0} to the apex θ = −W⁻¹b. Tested at W⁻¹(−s − b) with s ≥ 0
 * (zeros frequent: faces of K⁻) and at x, y when they lie in K⁻.
 * Expected to hold. Evidence: p ∈ K⁻ with τ(p) ≠ θ.
 */
import { vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { apex, inBackwardCone, truncationMap } from '../../src/network/truncation.ts';
import { truncationInstanceArb, type TruncationInstance } from '../arbitraries/truncation-instance.ts';
import { kernelTau } from './t1-idempotent.ts';
import { mstr, str, withCodec } from './support.ts';

export const truncationBackwardCone = withCodec<TruncationInstance>({
  id: 'T3',
  title: 'for invertible W, τ maps the backward cone K⁻ = {Wx + b ≤ 0} to the apex θ = −W⁻¹b',
  expect: 'holds',
  arbitrary: ({ maxQ }) => truncationInstanceArb({ kind: 'invertible', maxDim: maxQ }),
  check: ({ W, b, x, y, s }) => {
    const tau = truncationMap(W, b);
    const theta = apex(W, b);
    const pts = [W.solveVec(vec.sub(s.map((v) => v.neg()), b)), x, y].filter((p) => inBackwardCone(W, b, p));
    for (const p of pts)
      if (!vec.eq(tau(p), theta))
        return {
          summary: `p = [${str(p)}] ∈ K⁻ but τ(p) = [${str(tau(p))}] ≠ θ = [${str(theta)}]`,
          evidence: { kind: 'backward-cone-not-collapsed', W: mstr(W), b: str(b), p: str(p), tau: str(tau(p)), apex: str(theta) },
        };
    return undefined;
  },
  confirm: ({ W, b }, cx) => {
    const p = (cx.evidence.p as string[]).map((v) => Rational.parse(v));
    const theta = W.inverse().mulVec(b).map((v) => v.neg());
    return vec.add(W.mulVec(p), b).every((z) => z.sign() <= 0) && !vec.eq(kernelTau(W, b)(p), theta);
  },
});
