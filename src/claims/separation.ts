/**
 * Strict linear separation of two finite point sets, decided soundly:
 * a float LP (HiGHS, lp.ts) proposes a normal n, which is rounded to an integer
 * vector (coarse first, finer where the coarse one fails); the threshold and
 * margin are then computed exactly on every point, so a reported separation is
 * exact whatever the LP did. When the LP finds no separation, a second LP
 * proposes a common point of the convex hulls and its support; the convex
 * weights on that support are solved and checked exactly (the certificate that
 * no hyperplane separates the sets). Otherwise "unknown", with the reason.
 */
import { Matrix, vec, type Vec } from '../exact/matrix.ts';
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import { solveLeastSquares } from '../exact/least-squares.ts';
import { Deadline } from '../util/deadline.ts';
import { solveDenseLp } from './lp.ts';
import { floatExponent, toNumberScaled } from '../float/convert.ts';
import { toNumber } from '../exact/rational-to-number.ts';

export type Separation =
  /** ⟨n, a⟩ ≤ c − γ for a ∈ A and ⟨n, b⟩ ≥ c + γ for b ∈ B, exactly, γ > 0. */
  | { readonly kind: 'separated'; readonly n: Rational[]; readonly c: Rational; readonly gamma: Rational }
  /** Σ λ_i a_i = Σ μ_k b_k with λ, μ convex weights (exact): no strict separation exists. */
  | { readonly kind: 'overlap'; readonly lambda: Rational[]; readonly mu: Rational[] }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A point over one common denominator (v_k = ints[k] / den), remembered per point array: working sets share rows. */
const intRows = new WeakMap<readonly Rational[], { ints: bigint[]; den: bigint }>();
function intRow(x: readonly Rational[]): { ints: bigint[]; den: bigint } {
  let f = intRows.get(x);
  if (!f) intRows.set(x, (f = overCommonDenominator(x)));
  return f;
}

/**
 * Exact margin of the hyperplane with normal n: threshold halfway between the sets.
 * Each ⟨n, x⟩ is one BigInt numerator over its denominator (no gcd per product); the
 * extremes are compared by cross-multiplication and reduced once.
 */
export function exactMargin(n: Vec, A: readonly Vec[], B: readonly Vec[]): { c: Rational; gamma: Rational } {
  const nf = overCommonDenominator(n);
  const ext = (P: readonly Vec[], side: 1 | -1): Rational | undefined => {
    let bn = 0n;
    let bd = 0n; // bd = 0: none yet
    for (const x of P) {
      const { ints, den } = intRow(x);
      let v = 0n;
      for (let k = 0; k < ints.length; k++) if (ints[k] !== 0n) v += nf.ints[k]! * ints[k]!;
      // v/den (the common factor 1/nf.den is applied at the end); better when side·v·bd > side·bn·den.
      if (bd === 0n || (side > 0 ? v * bd > bn * den : v * bd < bn * den)) [bn, bd] = [v, den];
    }
    return bd === 0n ? undefined : Rational.of(bn, bd * nf.den);
  };
  const maxA = ext(A, 1);
  const minB = ext(B, -1);
  const half = Rational.of(1n, 2n);
  if (!maxA || !minB) throw new RangeError('empty point set');
  return { c: maxA.add(minB).mul(half), gamma: minB.sub(maxA).mul(half) };
}

/** Roundings tried for a proposed normal: the largest entry becomes ±2^k, k = 2, 5, 8, …, 50. */
const ROUNDING_BITS = [2, 5, 8, 11, 14, 17, 20, 24, 28, 32, 36, 40, 44, 50];

/** The roundings of roundings(), as float64 integers (|v| ≤ 2^50, exact), produced one at a time. */
function* roundingInts(floatN: readonly number[]): Generator<number[]> {
  const top = Math.max(...floatN.map(Math.abs));
  if (!(top > 0) || !Number.isFinite(top)) return;
  const seen = new Set<string>();
  for (const bits of ROUNDING_BITS) {
    const ints = floatN.map((v) => Math.round((v / top) * 2 ** bits));
    const key = ints.join(',');
    if (seen.has(key) || ints.every((v) => v === 0)) continue;
    seen.add(key);
    yield ints;
  }
}

/**
 * The integer roundings of a float normal, coarsest first (distinct and nonzero only).
 * @example roundings([0.5, -1]) // [[2, -4], [16, -32], …]
 */
export function roundings(floatN: readonly number[]): Rational[][] {
  return [...roundingInts(floatN)].map((ints) => ints.map((v) => Rational.int(BigInt(v))));
}

/** A point's coordinates as float64 and their floatExponent (−Infinity when all are 0), remembered per point array. */
const floatRows = new WeakMap<readonly Rational[], { values: number[]; exponent: number }>();
function floatRow(x: readonly Rational[]): { values: number[]; exponent: number } {
  let f = floatRows.get(x);
  if (!f) {
    const e = floatExponent(x);
    floatRows.set(x, (f = { values: x.map((v) => toNumber(v)), exponent: x.some((v) => !v.isZero()) ? e : -Infinity }));
  }
  return f;
}

/**
 * Float view of a point set, centred and scaled for the LP (|coordinates| ≤ 1):
 * centring moves only the threshold, a common scale only the margin, so the
 * proposed normal is a normal for the original points.
 */
function floatView(A: readonly Vec[], B: readonly Vec[]): { a: number[][]; b: number[][] } {
  const M = A[0]!.length;
  // The LP only proposes, and its answer is invariant under a common positive scale: coordinates
  // beyond 2^±200 are divided by a power of two first, so no coordinate overflows to ±Infinity.
  let k = -Infinity;
  for (const p of [...A, ...B]) k = Math.max(k, floatRow(p).exponent);
  if (!Number.isFinite(k)) k = 0; // floatExponent of all the coordinates
  const k2 = Math.abs(k) > 200 ? k : 0;
  const a0 = A.map((p) => (k2 === 0 ? floatRow(p).values : p.map((v) => toNumberScaled(v, k2))));
  const b0 = B.map((p) => (k2 === 0 ? floatRow(p).values : p.map((v) => toNumberScaled(v, k2))));
  const centre = new Array<number>(M).fill(0);
  for (const p of [...a0, ...b0]) for (let k = 0; k < M; k++) centre[k]! += p[k]! / (a0.length + b0.length);
  let scale = 0;
  for (const p of [...a0, ...b0]) for (let k = 0; k < M; k++) scale = Math.max(scale, Math.abs(p[k]! - centre[k]!));
  const s = scale > 0 ? 1 / scale : 1;
  const f = (p: number[]) => p.map((v, k) => (v - centre[k]!) * s);
  return { a: a0.map(f), b: b0.map(f) };
}

/**
 * Decides whether A and B are strictly separable (see the file comment). Every
 * "separated" or "overlap" answer is exact; "unknown" says why nothing was decided.
 * `deadline` bounds the solver and the exact checks (TimeLimitExceeded propagates).
 */
export function separate(A: readonly Vec[], B: readonly Vec[], deadline: Deadline = Deadline.none()): Separation {
  const M = A[0]!.length;
  if (B.length === 0) {
    // Nothing to separate from: any direction works; take e_1 with a unit margin below the set.
    const n = vec.zeros(M);
    n[0] = Rational.ONE;
    const maxA = A.reduce((m, a) => m.max(a[0]!), A[0]![0]!);
    return { kind: 'separated', n, c: maxA.add(Rational.ONE), gamma: Rational.ONE };
  }
  const view = floatView(A, B);
  const proposed = lpSeparate(view.a, view.b, deadline);
  if (proposed.kind === 'normal') {
    const sep = roundSeparation(proposed.n, A, B, view, deadline);
    if (sep) return sep;
  }
  deadline.check('convex-overlap LP');
  const overlap = exactOverlap(A, B, view, deadline);
  if (overlap.kind !== 'none') return overlap;
  const why = proposed.kind === 'normal' ? `the LP's separating normal (float margin ${proposed.margin.toExponential(2)}) failed exactly at every rounding` : proposed.reason;
  return { kind: 'unknown', reason: `${why}; ${overlap.reason}` };
}

/** The first rounding of the proposed normal that separates exactly (a float pre-check skips hopeless ones). */
function roundSeparation(floatN: number[], A: readonly Vec[], B: readonly Vec[], view: { a: number[][]; b: number[][] }, deadline: Deadline): Separation | undefined {
  // Lazily, coarsest first: usually the first rounding that passes the float pre-check separates.
  for (const nf of roundingInts(floatN)) {
    deadline.check('rounding a separating normal');
    const top = Math.max(...nf.map(Math.abs));
    const dot = (p: number[]) => p.reduce((s, v, k) => s + v * nf[k]!, 0) / top;
    const gapFloat = Math.min(...view.b.map(dot)) - Math.max(...view.a.map(dot));
    if (gapFloat < -1e-9) continue; // clearly fails in float: not worth the exact check
    const n = nf.map((v) => Rational.int(BigInt(v)));
    const { c, gamma } = exactMargin(n, A, B);
    if (gamma.sign() > 0) return { kind: 'separated', n, c, gamma };
  }
  return undefined;
}

/**
 * max s s.t. ⟨n,a⟩ − c + s ≤ 0 (a ∈ A), ⟨n,b⟩ − c − s ≥ 0 (b ∈ B), |n_k| ≤ 1, s ≤ 1.
 * Columns: n_1..n_M, c, s.
 */
function lpSeparate(a: number[][], b: number[][], deadline: Deadline): { kind: 'normal'; n: number[]; margin: number } | { kind: 'none'; reason: string } {
  const M = a[0]!.length;
  const rows = [...a.map((p) => [...p, -1, 1]), ...b.map((p) => [...p, -1, -1])];
  const res = solveDenseLp({
    sense: 'max',
    cost: [...new Array<number>(M + 1).fill(0), 1],
    colLower: [...new Array<number>(M).fill(-1), -Infinity, -Infinity],
    colUpper: [...new Array<number>(M).fill(1), Infinity, 1],
    rows,
    rowLower: [...a.map(() => -Infinity), ...b.map(() => 0)],
    rowUpper: [...a.map(() => 0), ...b.map(() => Infinity)],
    timeLimit: deadline.remaining(),
  });
  if (res.status !== 'optimal') return { kind: 'none', reason: `separation LP: ${res.status === 'other' ? res.detail : res.status}` };
  const margin = res.x[M + 1]!;
  if (!(margin > 1e-12)) return { kind: 'none', reason: `separation LP: no positive margin (optimum ${margin.toExponential(2)})` };
  return { kind: 'normal', n: Array.from(res.x.subarray(0, M)), margin };
}

/**
 * Convex weights λ, μ with Σλa = Σμb: a float LP gives a basic solution (support
 * of at most M + 2 points), then the weights on that support are solved exactly
 * and checked (≥ 0, Σλ = Σμ = 1, Σλa = Σμb).
 */
function exactOverlap(A: readonly Vec[], B: readonly Vec[], view: { a: number[][]; b: number[][] }, deadline: Deadline): Separation | { kind: 'none'; reason: string } {
  const M = A[0]!.length;
  const nA = A.length;
  const nB = B.length;
  // Columns λ_1..λ_nA, μ_1..μ_nB; rows: M coordinates (Σλa − Σμb = 0), Σλ = 1, Σμ = 1.
  const rows: number[][] = [];
  for (let k = 0; k < M; k++) rows.push([...view.a.map((p) => p[k]!), ...view.b.map((p) => -p[k]!)]);
  rows.push([...new Array<number>(nA).fill(1), ...new Array<number>(nB).fill(0)]);
  rows.push([...new Array<number>(nA).fill(0), ...new Array<number>(nB).fill(1)]);
  const rhs = [...new Array<number>(M).fill(0), 1, 1];
  const res = solveDenseLp({
    sense: 'min',
    cost: new Array<number>(nA + nB).fill(0),
    colLower: new Array<number>(nA + nB).fill(0),
    colUpper: new Array<number>(nA + nB).fill(Infinity),
    rows,
    rowLower: rhs,
    rowUpper: rhs,
    timeLimit: deadline.remaining(),
  });
  if (res.status !== 'optimal') return { kind: 'none', reason: `overlap LP: ${res.status === 'other' ? res.detail : res.status}` };
  const suppA = A.map((_, i) => i).filter((i) => res.x[i]! > 1e-12);
  const suppB = B.map((_, i) => i).filter((i) => res.x[nA + i]! > 1e-12);
  if (suppA.length === 0 || suppB.length === 0) return { kind: 'none', reason: 'overlap LP: empty support' };
  deadline.check('exact convex-overlap weights');
  const weights = exactWeights(A, B, suppA, suppB);
  if (!weights) return { kind: 'none', reason: `overlap LP: the exact weights on its support (${suppA.length} + ${suppB.length} points) are not convex` };
  const lambda = A.map(() => Rational.ZERO);
  const mu = B.map(() => Rational.ZERO);
  suppA.forEach((i, k) => (lambda[i] = weights[k]!));
  suppB.forEach((i, k) => (mu[i] = weights[suppA.length + k]!));
  return { kind: 'overlap', lambda, mu };
}

/** Exact w with Z w = (0, 1, 1), Z = [a_i, 1, 0 | −b_k, 0, 1] on the support, when w ≥ 0; else undefined. */
function exactWeights(A: readonly Vec[], B: readonly Vec[], suppA: number[], suppB: number[]): Rational[] | undefined {
  const M = A[0]!.length;
  const cols: Rational[][] = [
    ...suppA.map((i) => [...A[i]!, Rational.ONE, Rational.ZERO]),
    ...suppB.map((i) => [...B[i]!.map((v) => v.neg()), Rational.ZERO, Rational.ONE]),
  ];
  const Z = Matrix.fromColumns(cols); // (M+2) × s
  const rhs = [...vec.zeros(M), Rational.ONE, Rational.ONE];
  const accept = (weights: Rational[]): Rational[] | undefined => (weights.some((v) => v.sign() < 0) || !vec.eq(Z.mulVec(weights), rhs) ? undefined : weights);
  // A basic solution's support columns are independent: s rows of Z form an invertible s×s
  // block (the pivot columns of Zᵀ); solving it is an s×s system with the data's own entries
  // instead of the s×s Gram matrix ZᵀZ (s³ products to form, squared entries to lift). The
  // solution is then checked on every row of Z.
  const s = cols.length;
  const rowsPicked = Z.transpose().pivotColumns();
  if (rowsPicked.length === s) {
    const all = Array.from({ length: s }, (_, k) => k);
    const block = Z.select(rowsPicked, all);
    const w = block.solve(Matrix.fromColumns([rowsPicked.map((r) => rhs[r]!)]));
    return accept(w.column(0));
  }
  // Dependent support (a degenerate LP answer): least squares over the weights, min |Z w − rhs|².
  const G = Z.transpose().mul(Z);
  const Bm = Matrix.fromRows([Z.transpose().mulVec(rhs)]);
  const { A: w } = solveLeastSquares({ G, B: Bm, S: vec.norm2(rhs) });
  return accept(w.row(0));
}
