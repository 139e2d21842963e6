/**
 * T1 (SPEC §2): τ∘τ = τ, for every W of full row rank (square or wide) and b.
 * Expected to hold. Counterexample evidence: W, b, x, τ(x) and τ(τ(x)) ≠ τ(x).
 */
import { Matrix, vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { truncationMap } from '../../src/network/truncation.ts';

import { truncationInstanceArb, type TruncationInstance } from '../arbitraries/truncation-instance.ts';
import { mstr, str, truncation, withCodec } from './support.ts';

/** τ by the kernel's formula W⁺(σ(Wx + b) − b), W⁺ computed afresh (independent of src/network/truncation.ts). */
export function kernelTau(W: Matrix, b: readonly Rational[]): (x: readonly Rational[]) => Rational[] {
  const Wp = W.isSquare() ? W.inverse() : W.pinv();
  return (x) => truncation(W, Wp, b, x);
}

export const truncationIdempotent = withCodec<TruncationInstance>({
  id: 'T1',
  title: 'τ_{W,b}∘τ_{W,b} = τ_{W,b} for W of full row rank',
  expect: 'holds',
  arbitrary: ({ maxQ }) => truncationInstanceArb({ kind: 'full-row-rank', maxDim: maxQ }),
  check: ({ W, b, x, y }) => {
    const tau = truncationMap(W, b);
    for (const p of [x, y]) {
      const once = tau(p);
      const twice = tau(once);
      if (!vec.eq(once, twice))
        return {
          summary: `τ(τ(x)) = [${str(twice)}] ≠ τ(x) = [${str(once)}] at x = [${str(p)}]`,
          evidence: { kind: 'not-idempotent', W: mstr(W), b: str(b), x: str(p), tau: str(once), tauTau: str(twice) },
        };
    }
    return undefined;
  },
  confirm: ({ W, b }, cx) => {
    const tau = kernelTau(W, b);
    const x = (cx.evidence.x as string[]).map((s) => Rational.parse(s));
    return !vec.eq(tau(tau(x)), tau(x));
  },
});
