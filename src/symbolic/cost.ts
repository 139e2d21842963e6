/**
 * The cost of a deep ReLU network on its all-positive activation region, as
 * a symbolic expression in the parameters (SPEC §1, §3 S3).
 *
 * Where every hidden pre-activation is positive the ReLUs act as the
 * identity and the network is the affine map x ↦ A x + c with
 * A = W_{L+1} ⋯ W_1 and c = b^(L+1) (cumulative bias, SPEC §2). Writing
 * G = Σ x xᵀ, s = Σ x, B = Σ_j s_j y_jᵀ, t = Σ_j N_j y_j, S = Σ_j N_j |y_j|²
 * (sums over all points; s_j the class sums), the cost is
 *
 *   ms = (1/N) [ tr(A G Aᵀ) + 2 cᵀ A s − 2 tr(A B) + N |c|² − 2 cᵀ t + S ],
 *
 * a polynomial of degree 2(L+1) whose size depends on M, Q, L only, not on N.
 *
 * Bias readings: `free` — b_{L+1} is a parameter; `tied` — b_{L+1} =
 * −W_{L+1} b^(L) (for L = 1 this is S3's b_2 = −W_2 b_1), so c = 0 and the
 * hidden biases drop out of the cost on this region (they only decide where
 * the region is); they are still listed as symbols, with zero gradient.
 *
 * Symbol names: see symbols.ts (`w1r1c2` = (W_1)_{1,2}, `b2r1` = (b_2)_1).
 *
 * Checks before anything is returned: (1) our exact expansion of the text
 * nerdamer prints equals our exact expansion of the polynomial we built
 * (so nerdamer's parse changed nothing); (2) at seeded random rational
 * parameters the expression equals a plain exact forward pass over every data
 * point with identity activations (exact-forward.ts), which shares nothing
 * with the sufficient-statistics formula above.
 */
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { classMoments } from '../data/moments.ts';
import { SymbolicMismatchError } from './errors.ts';
import { exactForwardCost, layersFromAssignment } from './exact-forward.ts';
import { MPoly, type Assignment } from './mpoly.ts';
import {
  assertSymbolName,
  crossCheck,
  differentiate,
  evaluateExact,
  exactPartialDerivative,
  symbolic,
  toPolynomial,
  type SymExpr,
} from './polynomial.ts';
import { biasSymbol, weightSymbol } from './symbols.ts';
import { isInteger } from '../exact/rational-shorthands.ts';

export type BiasReading = 'free' | 'tied';

/** The symbolic cost of one activation region. */
export interface CostExpression {
  readonly L: number;
  readonly M: number;
  readonly Q: number;
  readonly N: number;
  readonly bias: BiasReading;
  /** Parameter symbols in network order: W_1 (row-major), b_1, …, W_{L+1}, b_{L+1} (free reading only). */
  readonly symbols: readonly string[];
  /** The text handed to nerdamer (built from the sufficient statistics). */
  readonly text: string;
  /** nerdamer's expression of ms. */
  readonly expr: SymExpr;
  /** Our exact expansion of ms (equal to nerdamer's, checked). */
  readonly polynomial: MPoly;
  /** A = W_{L+1}⋯W_1 (Q×M) and c = b^(L+1) as exact polynomials. */
  readonly A: readonly (readonly MPoly[])[];
  readonly c: readonly MPoly[];
}

/** Options of {@link costExpression}. */
export interface CostOptions {
  readonly bias: BiasReading;
  /** Random cross-check points (default 4). */
  readonly checkPoints?: number;
  /** Seed of the cross-check points (default 1). */
  readonly seed?: number;
}

/** The parameter symbols of an L-hidden-layer network of width M with Q outputs. */
export function parameterSymbols(M: number, Q: number, L: number, bias: BiasReading): string[] {
  const out: string[] = [];
  for (let l = 1; l <= L + 1; l++) {
    const rows = l === L + 1 ? Q : M;
    for (let i = 1; i <= rows; i++) for (let k = 1; k <= M; k++) out.push(weightSymbol(l, i, k));
    if (l === L + 1 && bias === 'tied') continue;
    for (let i = 1; i <= rows; i++) out.push(biasSymbol(l, i));
  }
  return out;
}

type PolyMatrix = MPoly[][];

function matMul(a: PolyMatrix, b: PolyMatrix): PolyMatrix {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s.add(v.mul(b[k]![j]!)), MPoly.ZERO)));
}

function matVec(a: PolyMatrix, v: readonly MPoly[]): MPoly[] {
  return a.map((row) => row.reduce((s, x, k) => s.add(x.mul(v[k]!)), MPoly.ZERO));
}

function coeffText(c: Rational): string {
  return isInteger(c) ? c.toString() : `(${c})`;
}

/**
 * Builds ms on the all-positive region as a nerdamer expression, checked as
 * described in the module doc before it is returned.
 *
 * @example
 *   costExpression(ds, 1, { bias: 'tied' }).expr.toString()
 */
export function costExpression(ds: DataSet, L: number, opts: CostOptions): CostExpression {
  const { M, Q, N } = ds;
  const bias = opts.bias;
  if (!Number.isInteger(L) || L < 1) throw new RangeError(`L must be a positive integer, got ${L}`);
  const symbols = parameterSymbols(M, Q, L, bias);
  for (const s of symbols) assertSymbolName(s);

  // Symbolic layers.
  const W: PolyMatrix[] = [];
  const b: MPoly[][] = [];
  for (let l = 1; l <= L + 1; l++) {
    const rows = l === L + 1 ? Q : M;
    W.push(Array.from({ length: rows }, (_, i) => Array.from({ length: M }, (_, k) => MPoly.sym(weightSymbol(l, i + 1, k + 1)))));
    b.push(Array.from({ length: rows }, (_, i) => MPoly.sym(biasSymbol(l, i + 1))));
  }
  let A: PolyMatrix = W[0]!;
  let cum: MPoly[] = b[0]!;
  for (let l = 1; l <= L; l++) {
    A = matMul(W[l]!, A);
    cum = matVec(W[l]!, cum);
    if (l < L || bias === 'free') cum = cum.map((v, i) => v.add(b[l]![i]!));
    else cum = cum.map(() => MPoly.ZERO); // tied: b_{L+1} = −W_{L+1} b^(L) cancels W_{L+1} b^(L)
  }
  const c = cum;

  const { text, polynomial: poly } = regionCostFromStats(ds, A, c);

  const expr = symbolic(text);
  const theirs = toPolynomial(expr);
  const what = `cost expression (L=${L}, bias ${bias})`;
  if (!theirs.eq(poly)) throw new SymbolicMismatchError(what, {}, `nerdamer's expansion ${theirs}`, `ours ${poly}`);
  crossCheck(expr, symbols, (at) => exactForwardCost(ds, layersFromAssignment(M, Q, L, bias, at), 'identity').ms, opts.checkPoints ?? 4, {
    seed: opts.seed ?? 1,
    what,
  });
  return { L, M, Q, N, bias, symbols, text, expr, polynomial: poly, A, c };
}

/**
 * ms = (1/N) Σ |A x + c − y_j|² for symbolic A (Q×M) and c (Q), written
 * through the sufficient statistics (module doc). Returns the text (products
 * of the entries of A and c as parenthesised factors, for nerdamer) and our
 * own exact expansion of the same formula.
 */
export function regionCostFromStats(ds: DataSet, A: readonly (readonly MPoly[])[], c: readonly MPoly[]): { text: string; polynomial: MPoly } {
  const { M, Q, N } = ds;
  // Sufficient statistics.
  const mom = classMoments(ds);
  const G: Rational[][] = Array.from({ length: M }, () => new Array<Rational>(M).fill(Rational.ZERO));
  const s = new Array<Rational>(M).fill(Rational.ZERO);
  const B: Rational[][] = Array.from({ length: M }, () => new Array<Rational>(Q).fill(Rational.ZERO));
  const t = new Array<Rational>(Q).fill(Rational.ZERO);
  let S = Rational.ZERO;
  mom.forEach((m, j) => {
    const y = ds.targets[j]!;
    const nj = Rational.int(m.count);
    for (let a = 0; a < M; a++) {
      s[a] = s[a]!.add(m.sum[a]!);
      for (let bb = 0; bb < M; bb++) G[a]![bb] = G[a]![bb]!.add(m.second.get(a, bb));
      for (let i = 0; i < Q; i++) B[a]![i] = B[a]![i]!.add(m.sum[a]!.mul(y[i]!));
    }
    for (let i = 0; i < Q; i++) {
      t[i] = t[i]!.add(nj.mul(y[i]!));
      S = S.add(nj.mul(y[i]!.square()));
    }
  });

  // The text, and our own exact polynomial of the same formula.
  const terms: string[] = [];
  let poly = MPoly.ZERO;
  const add = (coef: Rational, factors: MPoly[]): void => {
    if (coef.isZero() || factors.some((f) => f.isZero())) return;
    terms.push([coeffText(coef), ...factors.map((f) => `(${f.toString()})`)].join('*'));
    poly = poly.add(factors.reduce((p, f) => p.mul(f), MPoly.const(coef)));
  };
  const two = Rational.int(2);
  for (let i = 0; i < Q; i++) {
    for (let a = 0; a < M; a++) {
      add(G[a]![a]!, [A[i]![a]!, A[i]![a]!]);
      for (let bb = a + 1; bb < M; bb++) add(G[a]![bb]!.mul(two), [A[i]![a]!, A[i]![bb]!]);
      add(s[a]!.mul(two), [c[i]!, A[i]![a]!]);
      add(B[a]![i]!.mul(two).neg(), [A[i]![a]!]);
    }
    add(Rational.int(N), [c[i]!, c[i]!]);
    add(t[i]!.mul(two).neg(), [c[i]!]);
  }
  add(S, []);
  const inner = terms.length === 0 ? '0' : terms.join(' + ').replace(/\+ -/g, '- ');
  return { text: `(1/${N})*(${inner})`, polynomial: poly.scale(Rational.of(1n, BigInt(N))) };
}

/**
 * ∂expr/∂s for each symbol s by nerdamer's diff; each is compared with our
 * exact derivative of the same polynomial (SymbolicMismatchError otherwise).
 */
export function gradient(expr: SymExpr | string, symbols: readonly string[]): Record<string, SymExpr> {
  const out: Record<string, SymExpr> = {};
  for (const s of symbols) out[s] = differentiate(expr, s);
  return out;
}

/** One equation ∂ms/∂θ = 0. */
export interface StationarityEquation {
  readonly symbol: string;
  readonly lhs: SymExpr;
  /** "<∂ms/∂θ> = 0" in nerdamer's text. */
  readonly equation: string;
}

/**
 * The stationarity equations ∇ms = 0 of the region's cost. Besides the exact
 * polynomial check in {@link gradient}, each partial derivative is compared at
 * seeded random parameters with the exact derivative of the plain forward-pass
 * cost (interpolation along the coordinate, exact because ms is a polynomial
 * of known degree in each parameter).
 */
export function stationarityEquations(cost: CostExpression, ds: DataSet, opts: { checkPoints?: number; seed?: number } = {}): StationarityEquation[] {
  const g = gradient(cost.expr, cost.symbols);
  const exact = (at: Assignment): Rational => exactForwardCost(ds, layersFromAssignment(cost.M, cost.Q, cost.L, cost.bias, at), 'identity').ms;
  const out: StationarityEquation[] = [];
  for (const s of cost.symbols) {
    // Each single parameter enters the region's output affinely, so ms has degree ≤ 2 in it.
    const d = Math.max(2, cost.polynomial.degreeIn(s));
    crossCheck(g[s]!, cost.symbols, (at) => exactPartialDerivative(exact, at, s, d), opts.checkPoints ?? 2, {
      seed: (opts.seed ?? 7) + out.length,
      what: `∂ms/∂${s} (L=${cost.L}, bias ${cost.bias})`,
    });
    out.push({ symbol: s, lhs: g[s]!, equation: `${g[s]!.toString()} = 0` });
  }
  return out;
}

/**
 * Evaluates the region's cost expression at exact parameters (through both
 * nerdamer and our reader, which must agree).
 */
export function evaluateCost(cost: CostExpression, at: Assignment): Rational {
  return evaluateExact(cost.expr, at);
}
