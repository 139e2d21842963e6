/**
 * T4 (SPEC §2): for orthogonal W, τ is the metric projection onto the forward
 * cone K⁺ = {Wz + b ≥ 0}, hence 1-Lipschitz.
 *
 * The projection is computed exactly by enumerating active sets: for each set
 * A of rows, the nearest point of {W_A z + b_A = 0} is
 * z_A = x − W_Aᵀ(W_A W_Aᵀ)⁻¹(W_A x + b_A); the projection is the nearest
 * feasible z_A (the true active set is among them). A counterexample is a
 * point z ∈ K⁺ strictly nearer to x than τ(x), or a pair x, y with
 * |τ(x) − τ(y)|² > |x − y|².
 *
 * Two ids: `T4` (orthogonal W, expected to hold) and `T4-general` (any
 * invertible W: expected to FAIL, τ need not be a projection nor nonexpansive).
 */
import { Matrix, vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { truncationMap } from '../../src/network/truncation.ts';
import type { Counterexample } from '../../src/search/property.ts';
import { truncationInstanceArb, type TruncationInstance, type TruncationKind } from '../arbitraries/truncation-instance.ts';
import { kernelTau } from './t1-idempotent.ts';
import { mstr, str, withCodec } from './support.ts';

/**
 * The exact metric projection of x onto {z : Wz + b ≥ 0} (W of full row rank).
 * @example projectOntoForwardCone(Matrix.identity(2), [q(0), q(0)], [q(-1), q(2)]) // [0, 2]
 */
export function projectOntoForwardCone(W: Matrix, b: readonly Rational[], x: readonly Rational[]): Rational[] {
  const r = W.rows;
  const all = Array.from({ length: W.cols }, (_, j) => j);
  let best: { z: Rational[]; d: Rational } | undefined;
  for (let mask = 0; mask < 1 << r; mask++) {
    const A = Array.from({ length: r }, (_, i) => i).filter((i) => mask & (1 << i));
    let z: Rational[];
    if (A.length === 0) z = [...x];
    else {
      const WA = W.select(A, all);
      const rhs = vec.add(WA.mulVec(x), A.map((i) => b[i]!));
      z = vec.sub(x, WA.transpose().mulVec(WA.mul(WA.transpose()).solveVec(rhs)));
    }
    if (!vec.add(W.mulVec(z), b).every((v) => v.sign() >= 0)) continue;
    const d = vec.norm2(vec.sub(x, z));
    if (!best || d.lt(best.d)) best = { z, d };
  }
  if (!best) throw new Error('internal: the forward cone of a full-row-rank W is never empty');
  return best.z;
}

function checkT4({ W, b, x, y }: TruncationInstance): Counterexample | undefined {
  const tau = truncationMap(W, b);
  for (const p of [x, y]) {
    const t = tau(p);
    const z = projectOntoForwardCone(W, b, p);
    const dTau = vec.norm2(vec.sub(p, t));
    const dZ = vec.norm2(vec.sub(p, z));
    if (dZ.lt(dTau))
      return {
        summary: `τ(x) is not the metric projection onto K⁺: at x = [${str(p)}], z = [${str(z)}] ∈ K⁺ has |x − z|² = ${dZ} < |x − τ(x)|² = ${dTau} (τ(x) = [${str(t)}])`,
        evidence: { kind: 'nearer-point', W: mstr(W), b: str(b), x: str(p), tau: str(t), z: str(z), dist2Tau: dTau.toString(), dist2Z: dZ.toString() },
      };
  }
  const dIn = vec.norm2(vec.sub(x, y));
  const dOut = vec.norm2(vec.sub(tau(x), tau(y)));
  if (dOut.gt(dIn))
    return {
      summary: `τ is not 1-Lipschitz: |τ(x) − τ(y)|² = ${dOut} > |x − y|² = ${dIn} at x = [${str(x)}], y = [${str(y)}]`,
      evidence: { kind: 'expansion', W: mstr(W), b: str(b), x: str(x), y: str(y), tauX: str(tau(x)), tauY: str(tau(y)), dist2In: dIn.toString(), dist2Out: dOut.toString() },
    };
  return undefined;
}

function confirmT4({ W, b }: TruncationInstance, cx: Counterexample): boolean {
  const tau = kernelTau(W, b);
  const parse = (k: string) => (cx.evidence[k] as string[]).map((s) => Rational.parse(s));
  if (cx.evidence.kind === 'nearer-point') {
    const x = parse('x');
    const z = parse('z');
    const inCone = vec.add(W.mulVec(z), b).every((v) => v.sign() >= 0);
    return inCone && vec.norm2(vec.sub(x, z)).lt(vec.norm2(vec.sub(x, tau(x))));
  }
  if (cx.evidence.kind === 'expansion') {
    const x = parse('x');
    const y = parse('y');
    return vec.norm2(vec.sub(tau(x), tau(y))).gt(vec.norm2(vec.sub(x, y)));
  }
  return false;
}

function t4(id: string, kind: TruncationKind, expect: 'holds' | 'fails', title: string) {
  return withCodec<TruncationInstance>({
    id,
    title,
    expect,
    arbitrary: ({ maxQ }) => truncationInstanceArb({ kind, maxDim: maxQ }),
    check: checkT4,
    confirm: confirmT4,
  });
}

export const truncationProjectionOrthogonal = t4('T4', 'orthogonal', 'holds', 'for orthogonal W, τ is the metric projection onto K⁺ and is 1-Lipschitz');
export const truncationProjectionGeneral = t4('T4-general', 'invertible', 'fails', 'for ANY invertible W, τ is the metric projection onto K⁺ and is 1-Lipschitz (false: needs W orthogonal)');

/** The orthogonality of W, for tests. */
export function isOrthogonal(W: Matrix): boolean {
  return W.mul(W.transpose()).eq(Matrix.identity(W.rows));
}
