/**
 * The stationarity conditions of S3 (SPEC §3): on the region where all hidden
 * pre-activations are positive the shallow network is affine, x ↦ A x + c,
 * and its cost is a convex quadratic in (A, c) (free output bias) or in A
 * (tied output bias, c = 0). Its gradient equations are the normal equations;
 * their solutions are exactly the minimisers, with values Vfull² resp. Vnb².
 *
 * Route: nerdamer builds the cost expression (from the sufficient
 * statistics, cost.ts) and differentiates it; every derivative is checked
 * against our own exact derivative; the linear system is read off the
 * derivatives' printed text exactly (coefficients of our exact expansion), and
 * solved with the exact Matrix (Bareiss). The solution is substituted back
 * into every equation (must give exactly 0, through nerdamer and our reader)
 * and the minimum value must equal shallowQuantities(ds).Vfull2 / Vnb2,
 * otherwise SymbolicMismatchError. The cost expression itself is compared at
 * seeded random (A, c) with a plain exact sum over the data points.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { shallowQuantities } from '../claims/shallow-quantities.ts';
import { regionCostFromStats, gradient, type BiasReading } from './cost.ts';
import { SymbolicMismatchError } from './errors.ts';
import { MPoly, type Assignment } from './mpoly.ts';
import { assertSymbolName, crossCheck, evaluateExact, symbolic, toPolynomial, type SymExpr } from './polynomial.ts';
import { affineSymbol, offsetSymbol } from './symbols.ts';

/** The normal equations of one bias reading, solved and checked. */
export interface AffineStationarity {
  readonly bias: BiasReading;
  /** Unknowns: a{i}_{k} (A, row-major), then c{i} (free reading only). */
  readonly symbols: readonly string[];
  /** ms(A, c) as a nerdamer expression. */
  readonly cost: SymExpr;
  /** ∂ms/∂u for each unknown u. */
  readonly gradient: Readonly<Record<string, SymExpr>>;
  /** "<∂ms/∂u> = 0", one per unknown. */
  readonly equations: readonly string[];
  /** The same equations as an exact linear system H u = r (H = Hessian of ms, symmetric PSD). */
  readonly H: Matrix;
  readonly r: readonly Rational[];
  /** rank H; the minimiser is unique iff rank H = number of unknowns. */
  readonly rank: number;
  /** One exact minimiser (unknowns outside a pivot basis of H set to 0). */
  readonly solution: Assignment;
  /** A and c of that minimiser (c = 0 for the tied reading). */
  readonly A: Matrix;
  readonly c: readonly Rational[];
  /** ms at the minimiser; equals Vfull² (free) or Vnb² (tied), checked. */
  readonly minimum: Rational;
}

/** (1/N) Σ |A x + c − y_j|² by a plain pass over the points (the independent side of the check). */
export function exactAffineCost(ds: DataSet, A: Matrix, c: readonly Rational[]): Rational {
  let total = Rational.ZERO;
  ds.classes.forEach((cls, j) => {
    const y = ds.targets[j]!;
    for (const x of cls.points) A.mulVec(x).forEach((v, i) => (total = total.add(v.add(c[i]!).sub(y[i]!).square())));
  });
  return total.div(Rational.int(ds.N));
}

function affineFromAssignment(ds: DataSet, bias: BiasReading, at: Assignment): { A: Matrix; c: Rational[] } {
  const data: Rational[] = [];
  for (let i = 1; i <= ds.Q; i++) for (let k = 1; k <= ds.M; k++) data.push(at[affineSymbol(i, k)]!);
  const c = Array.from({ length: ds.Q }, (_, i) => (bias === 'free' ? at[offsetSymbol(i + 1)]! : Rational.ZERO));
  return { A: new Matrix(ds.Q, ds.M, data), c };
}

/**
 * Derives, solves and checks the normal equations of the affine region for
 * one bias reading (any M, Q; S3 has M = Q).
 *
 * @example
 *   shallowStationarity(ds, 'tied').minimum.eq(shallowQuantities(ds).Vnb2) // true (checked inside)
 */
export function shallowStationarity(ds: DataSet, bias: BiasReading, opts: { checkPoints?: number; seed?: number } = {}): AffineStationarity {
  const { M, Q } = ds;
  const aSyms = Array.from({ length: Q }, (_, i) => Array.from({ length: M }, (_, k) => affineSymbol(i + 1, k + 1)));
  const cSyms = bias === 'free' ? Array.from({ length: Q }, (_, i) => offsetSymbol(i + 1)) : [];
  const symbols = [...aSyms.flat(), ...cSyms];
  for (const s of symbols) assertSymbolName(s);
  const A = aSyms.map((row) => row.map((s) => MPoly.sym(s)));
  const c = Array.from({ length: Q }, (_, i) => (bias === 'free' ? MPoly.sym(cSyms[i]!) : MPoly.ZERO));
  const { text, polynomial } = regionCostFromStats(ds, A, c);
  const cost = symbolic(text);
  const what = `affine-region cost (bias ${bias})`;
  if (!toPolynomial(cost).eq(polynomial)) throw new SymbolicMismatchError(what, {}, 'nerdamer expansion differs', 'our expansion');
  crossCheck(cost, symbols, (at) => {
    const f = affineFromAssignment(ds, bias, at);
    return exactAffineCost(ds, f.A, f.c);
  }, opts.checkPoints ?? 4, { seed: opts.seed ?? 3, what });

  // Gradient and the linear system read off it exactly.
  const grad = gradient(cost, symbols);
  const n = symbols.length;
  const Hdata: Rational[] = [];
  const r: Rational[] = [];
  for (const s of symbols) {
    const g = toPolynomial(grad[s]!);
    if (g.degree() > 1) throw new SymbolicMismatchError(`∂ms/∂${s}`, {}, `degree ${g.degree()}`, 'affine (degree ≤ 1)');
    for (const u of symbols) Hdata.push(g.coefficient({ [u]: 1 }));
    r.push(g.coefficient({}).neg());
  }
  const H = new Matrix(n, n, Hdata);
  if (!H.eq(H.transpose())) throw new SymbolicMismatchError(`Hessian (bias ${bias})`, {}, 'not symmetric', 'symmetric');

  // Solve on a pivot basis of H (H = 2/N·[Z Zᵀ …] is PSD, so H_PP is invertible and the system consistent).
  const pivots = H.pivotColumns();
  const values = new Array<Rational>(n).fill(Rational.ZERO);
  if (pivots.length > 0) {
    const sol = H.select(pivots, pivots).solveVec(pivots.map((p) => r[p]!));
    pivots.forEach((p, k) => (values[p] = sol[k]!));
  }
  const solution: Record<string, Rational> = {};
  symbols.forEach((s, k) => (solution[s] = values[k]!));

  // Every equation must hold exactly at the solution (via nerdamer and our reader).
  for (const s of symbols) {
    const v = evaluateExact(grad[s]!, solution);
    if (!v.isZero()) throw new SymbolicMismatchError(`normal equation ∂ms/∂${s} = 0 (bias ${bias})`, pointStrings(solution), v.toString(), '0');
  }
  const minimum = evaluateExact(cost, solution);
  const q = shallowQuantities(ds);
  const expected = bias === 'free' ? q.Vfull2 : q.Vnb2;
  if (!minimum.eq(expected)) throw new SymbolicMismatchError(`minimum of the normal equations vs ${bias === 'free' ? 'Vfull2' : 'Vnb2'}`, {}, minimum.toString(), expected.toString());
  const f = affineFromAssignment(ds, bias, solution);
  const direct = exactAffineCost(ds, f.A, f.c);
  if (!direct.eq(minimum)) throw new SymbolicMismatchError(`minimum vs plain sum (bias ${bias})`, pointStrings(solution), minimum.toString(), direct.toString());

  return {
    bias,
    symbols,
    cost,
    gradient: grad,
    equations: symbols.map((s) => `${grad[s]!.toString()} = 0`),
    H,
    r,
    rank: pivots.length,
    solution,
    A: f.A,
    c: f.c,
    minimum,
  };
}

function pointStrings(at: Assignment): Record<string, string> {
  return Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v.toString()]));
}
