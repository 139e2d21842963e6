/**
 * Strict linear separation of two finite point sets, decided soundly:
 * a float LP (javascript-lp-solver) proposes a normal n, which is rounded to
 * a rational vector; the threshold and margin are then computed exactly, so a
 * reported separation is exact whatever the LP did. When the LP finds no
 * separation, an exact common point of the convex hulls is sought (the
 * certificate that no hyperplane separates the sets); otherwise "unknown".
 */
import lpModule from 'javascript-lp-solver';
import { Matrix, vec, type Vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { solveLeastSquares } from '../exact/least-squares.ts';
import { floatExponent, toNumberScaled } from '../float/convert.ts';

export type Separation =
  /** ⟨n, a⟩ ≤ c − γ for a ∈ A and ⟨n, b⟩ ≥ c + γ for b ∈ B, exactly, γ > 0. */
  | { readonly kind: 'separated'; readonly n: Rational[]; readonly c: Rational; readonly gamma: Rational }
  /** Σ λ_i a_i = Σ μ_k b_k with λ, μ convex weights: no strict separation exists. */
  | { readonly kind: 'overlap'; readonly lambda: Rational[]; readonly mu: Rational[] }
  | { readonly kind: 'unknown' };

/** Exact margin of the hyperplane with normal n: threshold halfway between the sets. */
export function exactMargin(n: Vec, A: readonly Vec[], B: readonly Vec[]): { c: Rational; gamma: Rational } {
  let maxA: Rational | undefined;
  let minB: Rational | undefined;
  for (const a of A) {
    const v = vec.dot(n, a);
    if (!maxA || v.gt(maxA)) maxA = v;
  }
  for (const b of B) {
    const v = vec.dot(n, b);
    if (!minB || v.lt(minB)) minB = v;
  }
  const half = Rational.of(1n, 2n);
  if (!maxA || !minB) throw new RangeError('empty point set');
  return { c: maxA.add(minB).mul(half), gamma: minB.sub(maxA).mul(half) };
}

export function separate(A: readonly Vec[], B: readonly Vec[]): Separation {
  const M = A[0]!.length;
  if (B.length === 0) {
    // Nothing to separate from: any direction works; take e_1 with a unit margin below the set.
    const n = vec.zeros(M);
    n[0] = Rational.ONE;
    const maxA = A.reduce((m, a) => m.max(a[0]!), A[0]![0]!);
    return { kind: 'separated', n, c: maxA.add(Rational.ONE), gamma: Rational.ONE };
  }
  const floatN = lpSeparate(A, B);
  if (floatN && floatN.every(Number.isFinite) && floatN.some((v) => v !== 0)) {
    // The simplest integer normal that still separates exactly: small numbers downstream.
    const top = Math.max(...floatN.map(Math.abs));
    for (let scale = 4; scale <= 2 ** 40; scale *= 8) {
      const n = floatN.map((v) => Rational.int(BigInt(Math.round((v / top) * scale))));
      if (n.every((v) => v.isZero())) continue;
      const { c, gamma } = exactMargin(n, A, B);
      if (gamma.sign() > 0) return { kind: 'separated', n, c, gamma };
    }
  }
  const overlap = exactOverlap(A, B);
  return overlap ?? { kind: 'unknown' };
}

/**
 * The LPs only propose (a normal, a support), and both are invariant under a common positive
 * scale of the points: coordinates beyond float range are divided by a power of two first.
 * Data within 2^±200 is passed unscaled (the solver sees the same numbers as always).
 */
function lpExponent(A: readonly Vec[], B: readonly Vec[]): number {
  const k = floatExponent([...A, ...B].flat());
  return Math.abs(k) > 200 ? k : 0;
}

// The package's declarations do not type its CommonJS default export under NodeNext.
type LpResult = Record<string, number | boolean | undefined>;
const lp = lpModule as unknown as { Solve(model: unknown): LpResult };

/**
 * max s s.t. ⟨n,a⟩ − c + s ≤ 0 (a ∈ A), ⟨n,b⟩ − c − s ≥ 0 (b ∈ B), |n_k| ≤ 1, s ≤ 1.
 * Free variables are split into nonnegative parts (n = p − m, c = c⁺ − c⁻):
 * the solver's own "unrestricted" option returned wrong optima in our tests.
 */
function lpSeparate(A: readonly Vec[], B: readonly Vec[]): number[] | undefined {
  const M = A[0]!.length;
  const variables: Record<string, Record<string, number>> = { s: { margin: 1, sCap: 1 }, cp: {}, cm: {} };
  const constraints: Record<string, { min?: number; max?: number }> = { sCap: { max: 1 } };
  for (let k = 0; k < M; k++) {
    variables[`p${k}`] = { [`box${k}`]: 1 };
    variables[`m${k}`] = { [`box${k}`]: 1 };
    constraints[`box${k}`] = { max: 1 };
  }
  const k2 = lpExponent(A, B);
  const addRow = (name: string, pt: Vec, sign: 1 | -1): void => {
    pt.forEach((v, k) => {
      variables[`p${k}`]![name] = toNumberScaled(v, k2);
      variables[`m${k}`]![name] = -toNumberScaled(v, k2);
    });
    variables.cp![name] = -1;
    variables.cm![name] = 1;
    variables.s![name] = sign;
    constraints[name] = sign === 1 ? { max: 0 } : { min: 0 };
  };
  A.forEach((a, i) => addRow(`a${i}`, a, 1));
  B.forEach((b, i) => addRow(`b${i}`, b, -1));
  const res = lp.Solve({ optimize: 'margin', opType: 'max', constraints, variables });
  if (!res.feasible || typeof res.result !== 'number' || res.result <= 1e-12) return undefined;
  return Array.from({ length: M }, (_, k) => Number(res[`p${k}`] ?? 0) - Number(res[`m${k}`] ?? 0));
}

/**
 * Looks for convex weights λ, μ with Σλa = Σμb: a float LP gives the support,
 * then the weights on that support are solved exactly and checked (≥ 0, sums 1).
 */
function exactOverlap(A: readonly Vec[], B: readonly Vec[]): Separation | undefined {
  const M = A[0]!.length;
  const k2 = lpExponent(A, B);
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, { equal: number }> = { sumA: { equal: 1 }, sumB: { equal: 1 } };
  for (let k = 0; k < M; k++) constraints[`x${k}`] = { equal: 0 };
  A.forEach((a, i) => (variables[`l${i}`] = { sumA: 1, cost: 0, ...Object.fromEntries(a.map((v, k) => [`x${k}`, toNumberScaled(v, k2)])) }));
  B.forEach((b, i) => (variables[`m${i}`] = { sumB: 1, cost: 0, ...Object.fromEntries(b.map((v, k) => [`x${k}`, -toNumberScaled(v, k2)])) }));
  const res = lp.Solve({ optimize: 'cost', opType: 'min', constraints, variables });
  if (!res.feasible) return undefined;
  const suppA = A.map((_, i) => i).filter((i) => Number(res[`l${i}`] ?? 0) > 1e-12);
  const suppB = B.map((_, i) => i).filter((i) => Number(res[`m${i}`] ?? 0) > 1e-12);
  if (suppA.length === 0 || suppB.length === 0) return undefined;
  // Columns: one per supported point; rows: M coordinates, ΣλA = 1, ΣμB = 1.
  const cols: Rational[][] = [
    ...suppA.map((i) => [...A[i]!, Rational.ONE, Rational.ZERO]),
    ...suppB.map((i) => [...B[i]!.map((v) => v.neg()), Rational.ZERO, Rational.ONE]),
  ];
  const Z = Matrix.fromColumns(cols); // (M+2) × s
  const rhs = [...vec.zeros(M), Rational.ONE, Rational.ONE];
  // Least squares over the weights: min |Z w − rhs|²; exact consistency is checked below.
  const G = Z.transpose().mul(Z);
  const Bm = Matrix.fromRows([Z.transpose().mulVec(rhs)]);
  const { A: w } = solveLeastSquares({ G, B: Bm, S: vec.norm2(rhs) });
  const weights = w.row(0);
  if (weights.some((v) => v.sign() < 0) || !vec.eq(Z.mulVec(weights), rhs)) return undefined;
  const lambda = A.map(() => Rational.ZERO);
  const mu = B.map(() => Rational.ZERO);
  suppA.forEach((i, k) => (lambda[i] = weights[k]!));
  suppB.forEach((i, k) => (mu[i] = weights[suppA.length + k]!));
  return { kind: 'overlap', lambda, mu };
}
