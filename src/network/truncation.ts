/**
 * Truncation maps (SPEC §2): τ_{W,b}(x) = W⁺(σ(Wx + b) − b) for W of full row
 * rank, W⁺ the Moore–Penrose inverse. For invertible W, with apex θ = −W⁻¹b,
 * τ(x) = θ + W⁻¹σ(W(x − θ)); forward cone K⁺ = {Wx + b ≥ 0}, backward cone
 * K⁻ = {Wx + b ≤ 0}. Claims T1–T5 about τ are *checked* by the tests, never
 * assumed here.
 */
import { Matrix, vec } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';
import { FMatrix } from '../float/matrix.ts';

function fullRowRankPinv(W: Matrix): Matrix {
  const bad = () => new RangeError(`τ_{W,b} needs W of full row rank; W is ${W.rows}×${W.cols} of rank ${W.rank()}`);
  if (W.rows > W.cols) throw bad();
  try {
    return W.isSquare() ? W.inverse() : W.pinv();
  } catch (e) {
    if (e instanceof RangeError && (e.message === 'singular matrix' || e.message === 'rank-deficient matrix')) throw bad();
    throw e;
  }
}

function checkBias(W: { rows: number }, b: { length: number }): void {
  if (b.length !== W.rows) throw new RangeError(`bias of length ${b.length} for a W with ${W.rows} rows`);
}

/**
 * τ_{W,b} as a function, with W⁺ computed once (use this when applying τ to
 * many points). Throws RangeError if W is not of full row rank.
 * @example const tau = truncationMap(W, b); data.map(tau)
 */
export function truncationMap(W: Matrix, b: readonly Rational[]): (x: readonly Rational[]) => Rational[] {
  checkBias(W, b);
  const Wp = fullRowRankPinv(W);
  return (x) => Wp.mulVec(vec.sub(vec.relu(vec.add(W.mulVec(x), b)), b));
}

/**
 * τ_{W,b}(x) = W⁺(σ(Wx + b) − b), exactly.
 * @example truncate(Matrix.identity(2), [q(0), q(0)], [q(-1), q(2)]) // [0, 2]
 */
export function truncate(W: Matrix, b: readonly Rational[], x: readonly Rational[]): Rational[] {
  return truncationMap(W, b)(x);
}

/**
 * The apex θ = −W⁻¹b (the vertex of both cones), for invertible W.
 * @example apex(Matrix.identity(2), [q(1), q(-2)]) // [-1, 2]
 */
export function apex(W: Matrix, b: readonly Rational[]): Rational[] {
  checkBias(W, b);
  if (!W.isSquare() || W.det().isZero()) throw new RangeError(`the apex −W⁻¹b needs an invertible W; W is ${W.rows}×${W.cols} of rank ${W.rank()}`);
  return W.solveVec(b).map((v) => v.neg());
}

function preActivation(W: Matrix, b: readonly Rational[], x: readonly Rational[]): Rational[] {
  checkBias(W, b);
  return vec.add(W.mulVec(x), b);
}

/** x ∈ K⁺: Wx + b ≥ 0 componentwise. */
export function inForwardCone(W: Matrix, b: readonly Rational[], x: readonly Rational[]): boolean {
  return preActivation(W, b, x).every((z) => z.sign() >= 0);
}

/** x ∈ K⁻: Wx + b ≤ 0 componentwise. */
export function inBackwardCone(W: Matrix, b: readonly Rational[], x: readonly Rational[]): boolean {
  return preActivation(W, b, x).every((z) => z.sign() <= 0);
}

/** x in the open forward cone: Wx + b > 0 componentwise (left fixed by τ with room to spare). */
export function inOpenForwardCone(W: Matrix, b: readonly Rational[], x: readonly Rational[]): boolean {
  return preActivation(W, b, x).every((z) => z.sign() > 0);
}

/** x in the open backward cone: Wx + b < 0 componentwise (collapsed to θ, robustly). */
export function inOpenBackwardCone(W: Matrix, b: readonly Rational[], x: readonly Rational[]): boolean {
  return preActivation(W, b, x).every((z) => z.sign() < 0);
}

/**
 * Float τ_{W,b} with W⁺ computed once (float LU; independent of the exact path).
 * Throws RangeError if W is not numerically of full row rank.
 */
export function truncationMapFloat(W: FMatrix, b: Float64Array): (x: Float64Array) => Float64Array {
  checkBias(W, b);
  const bad = () => new RangeError(`τ_{W,b} needs W of full row rank; W is ${W.rows}×${W.cols} of numerical rank ${W.rank()}`);
  if (W.rows > W.cols) throw bad();
  let Wp: FMatrix;
  try {
    Wp = W.rows === W.cols ? W.inverse() : W.pinv();
  } catch (e) {
    if (e instanceof RangeError && (e.message === 'singular matrix' || e.message === 'rank-deficient matrix')) throw bad();
    throw e;
  }
  return (x) => {
    const z = W.mulVec(x);
    for (let i = 0; i < z.length; i++) {
      const v = z[i]! + b[i]!;
      z[i] = (v > 0 ? v : 0) - b[i]!;
    }
    return Wp.mulVec(z);
  };
}

/** τ_{W,b}(x) in float64. */
export function truncateFloat(W: FMatrix, b: Float64Array, x: Float64Array): Float64Array {
  return truncationMapFloat(W, b)(x);
}
