/**
 * T2 (SPEC §2): for invertible W, the fixed points of τ are exactly the
 * forward cone K⁺ = {Wx + b ≥ 0}. Tested at random x, y, at τ(x) (always in
 * K⁺), and at W⁻¹(s − b) with s ≥ 0 having frequent zeros (cone boundaries).
 * Expected to hold. Evidence: a point p with [τ(p) = p] ≠ [p ∈ K⁺].
 */
import { vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { inForwardCone, truncationMap } from '../../src/network/truncation.ts';
import { truncationInstanceArb, type TruncationInstance } from '../arbitraries/truncation-instance.ts';
import { kernelTau } from './t1-idempotent.ts';
import { mstr, str, withCodec } from './support.ts';

export const truncationFixedPoints = withCodec<TruncationInstance>({
  id: 'T2',
  title: 'for invertible W, τ(p) = p exactly when Wp + b ≥ 0 (Fix τ = K⁺)',
  expect: 'holds',
  arbitrary: ({ maxQ }) => truncationInstanceArb({ kind: 'invertible', maxDim: maxQ }),
  check: ({ W, b, x, y, s }) => {
    const tau = truncationMap(W, b);
    for (const p of [x, y, tau(x), W.solveVec(vec.sub(s, b))]) {
      const fixed = vec.eq(tau(p), p);
      const inCone = inForwardCone(W, b, p);
      if (fixed !== inCone)
        return {
          summary: `p = [${str(p)}] is ${fixed ? '' : 'not '}fixed by τ (τ(p) = [${str(tau(p))}]) but ${inCone ? 'is' : 'is not'} in K⁺ (Wp + b = [${str(vec.add(W.mulVec(p), b))}])`,
          evidence: { kind: 'fixed-point-mismatch', W: mstr(W), b: str(b), p: str(p), tau: str(tau(p)), fixed, inForwardCone: inCone },
        };
    }
    return undefined;
  },
  confirm: ({ W, b }, cx) => {
    const p = (cx.evidence.p as string[]).map((v) => Rational.parse(v));
    const fixed = vec.eq(kernelTau(W, b)(p), p);
    const inCone = vec.add(W.mulVec(p), b).every((z) => z.sign() >= 0);
    return fixed !== inCone;
  },
});
