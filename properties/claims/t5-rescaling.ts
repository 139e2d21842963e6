/**
 * T5 (SPEC §2): τ_{ΠDW, ΠDb} = τ_{W,b} for a permutation Π and a positive
 * diagonal D (W of full row rank). `T5` expects this to hold; `T5-general`
 * replaces ΠD by an arbitrary invertible A and expects it to FAIL (the
 * positivity/monomial structure matters). Evidence: x with the two images different.
 */
import fc from 'fast-check';
import type { Matrix } from '../../src/exact/matrix.ts';
import { vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { truncate } from '../../src/network/truncation.ts';
import { invertibleMatrixArb, permutationMatrixArb, positiveDiagonalMatrixArb } from '../arbitraries/matrix.ts';
import { truncationInstanceArb, type TruncationInstance } from '../arbitraries/truncation-instance.ts';
import { kernelTau } from './t1-idempotent.ts';
import { mstr, str, withCodec } from './support.ts';

export interface RescalingInput {
  readonly inst: TruncationInstance;
  /** The left factor A (ΠD for T5, any invertible for T5-general), r×r. */
  readonly A: Matrix;
}

function rescaling(id: string, expect: 'holds' | 'fails', title: string, general: boolean) {
  return withCodec<RescalingInput>({
    id,
    title,
    expect,
    arbitrary: ({ maxQ }) =>
      truncationInstanceArb({ kind: 'full-row-rank', maxDim: maxQ }).chain((inst) => {
        const r = inst.W.rows;
        const A = general
          ? invertibleMatrixArb(r, { maxNum: 3, maxDen: 2 })
          : fc.tuple(permutationMatrixArb(r), positiveDiagonalMatrixArb(r)).map(([P, D]) => P.mul(D));
        return fc.record({ inst: fc.constant(inst), A });
      }),
    check: ({ inst: { W, b, x, y }, A }) => {
      for (const p of [x, y]) {
        const lhs = truncate(A.mul(W), A.mulVec(b), p);
        const rhs = truncate(W, b, p);
        if (!vec.eq(lhs, rhs))
          return {
            summary: `τ_{AW,Ab}(x) = [${str(lhs)}] ≠ τ_{W,b}(x) = [${str(rhs)}] at x = [${str(p)}] with A = ${JSON.stringify(mstr(A))}`,
            evidence: { kind: 'rescaling-changes-tau', A: mstr(A), W: mstr(W), b: str(b), x: str(p), lhs: str(lhs), rhs: str(rhs) },
          };
      }
      return undefined;
    },
    confirm: ({ inst: { W, b }, A }, cx) => {
      const x = (cx.evidence.x as string[]).map((s) => Rational.parse(s));
      return !vec.eq(kernelTau(A.mul(W), A.mulVec(b))(x), kernelTau(W, b)(x));
    },
  });
}

export const truncationRescaling = rescaling('T5', 'holds', 'τ_{ΠDW,ΠDb} = τ_{W,b} for a permutation Π and a positive diagonal D', false);
export const truncationRescalingGeneral = rescaling('T5-general', 'fails', 'τ_{AW,Ab} = τ_{W,b} for ANY invertible A (false: needs A = ΠD, D > 0)', true);
