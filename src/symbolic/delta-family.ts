/**
 * One-parameter data families x_{j,i}(δ) = x̄_j + δ·v_{j,i} and the exact
 * δ-dependence of the shallow quantities U²(δ), Vfull²(δ), Vnb²(δ) (SPEC §3,
 * S1 and S3), with their orders as δ → 0 and the order of S3's relative
 * error 1 − V/U.
 *
 * All algebra is ours, over ℚ[δ] (rational-function.ts, poly-matrix.ts), with the
 * eliminations done over ℤ[δ] after one common scaling (int-poly.ts: no Rational gcd
 * per coefficient operation; 30 s → under a second at Q = M = 8):
 *
 * - class sums s_j(δ) = N_j x̄_j + δΣv and second moments
 *   S_j(δ) = N_j x̄_j x̄_jᵀ + δ(x̄_j Σvᵀ + Σv x̄_jᵀ) + δ²Σvvᵀ from the offsets' exact
 *   integer sums (no polynomial per point); class means are actual means: if the
 *   offsets of a class do not sum to 0 the mean moves with δ;
 * - V² = (S − tr(B_P G_PP⁻¹ B_Pᵀ))/N with G = Σ z zᵀ, B = Σ y zᵀ, z = (x, 1)
 *   (free) or x (tied), P the pivot columns of G over ℚ(δ); det G_PP and
 *   tr(B_P adj(G_PP) B_Pᵀ) from one fraction-free elimination of the bordered
 *   matrix [[G_PP, B_Pᵀ], [B_P, 0]] (Cramer with Bareiss determinants only when a
 *   leading principal minor of G_PP vanishes);
 * - U² = tr(Y adj(H) K adj(H) Yᵀ)/(N det(H)²) with H = X̄ᵀX̄ and
 *   K = X̄ᵀ C X̄, C = Σ Δx Δxᵀ, when rank X̄ = Q over ℚ(δ);
 * - δ² and δ_P² = max |P Δx|², Δx = δ(v − v̄_j), as leading terms for δ → 0⁺:
 *   |PΔx|² = δ² wᵀ R w / det H with R = X̄ adj(H) X̄ᵀ, so per point only the
 *   integer quadratic forms wᵀ R_k w of R's coefficient matrices are needed.
 *
 * These rational functions are equal to the true quantities for every δ
 * except finitely many (roots of the determinants used); every result is
 * cross-checked at ≥ 4 seeded random rational δ against shallowQuantities on
 * the materialised DataSet (its class moments and δ_P² by the data layer's
 * exact routines, src/data/stats.ts), and the nerdamer renderings (for
 * display/LaTeX) against the rational functions.
 *
 * Relative error: 1 − V/U = (1 − V²/U²)/(1 + V/U). For a centred family
 * 0 ≤ V ≤ U, so V²/U² → ℓ ∈ [0, 1] and 1 + V/U → 1 + √ℓ ∈ [1, 2]: the order
 * of 1 − V/U in δ is the order e of the rational function 1 − V²/U², and its
 * leading coefficient is coefficient/(1 + √ℓ). As δ_P ~ κ·δ^{o/2} (o the order
 * of δ_P², o = 2 when P v ≠ 0 for some deviation), the order in δ_P is 2e/o.
 */
import { Rational, commonDenominator, overCommonDenominator } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { shallowQuantities } from '../claims/shallow-quantities.ts';
import { classMoments } from '../data/moments.ts';
import { classStats } from '../data/stats.ts';
import { SymbolicMismatchError } from './errors.ts';
import { crossCheck, symbolic, type SymExpr } from './polynomial.ts';
import { polyCramer, polyMatMul, polyPivotColumns, polySelect, polyTranspose, type PolyMatrix } from './poly-matrix.ts';
import { borderedTrace, fromIntPoly, intPivotColumns, polyAdjugateInt, polyChainTrace, polyDetInt, toIntMatrix } from './int-poly.ts';
import { randomNonzeroRational, seededRng } from './random.ts';
import { Poly, RationalFunction, exactSqrt, type LeadingTerm } from './rational-function.ts';
import { toNumber } from '../exact/rational-to-number.ts';

export type { LeadingTerm } from './rational-function.ts';

/** A family: class centres x̄_j (Q × M), offsets v_{j,i} (Q × N_j × M), optional targets (default e_j). */
export interface DeltaFamilyInput {
  readonly name?: string;
  readonly means: readonly (readonly Rational[])[];
  readonly offsets: readonly (readonly (readonly Rational[])[])[];
  readonly targets?: readonly (readonly Rational[])[];
}

/** One quantity as an exact rational function of δ. */
export interface FamilyQuantity {
  readonly value: RationalFunction;
  readonly numerator: Poly;
  readonly denominator: Poly;
  /** Lowest-order term as δ → 0 (null when identically 0). */
  readonly leading: LeadingTerm | null;
  /** nerdamer's rendering (checked against `value`) and its LaTeX. */
  readonly expr: SymExpr;
  readonly latex: string;
}

/** The δ-order of S3's relative error 1 − V/U for one bias reading. */
export interface RelativeErrorOrder {
  readonly reading: 'free' | 'tied';
  /**
   * ok: a finite order; identical: V ≡ U (relative error 0, exponent ∞);
   * U2-identically-zero: U ≡ 0 (so V ≡ 0 too; no ratio); not-applicable: rank X̄ < Q, no U.
   */
  readonly status: 'ok' | 'identical' | 'U2-identically-zero' | 'not-applicable';
  /** 1 − V²/U² as a rational function of δ (when U² ≢ 0). */
  readonly oneMinusRatio: RationalFunction | null;
  /** Order in δ of 1 − V/U (= order of 1 − V²/U²); Infinity when identical. */
  readonly exponent: number | null;
  /** Leading coefficient of 1 − V²/U². */
  readonly coefficient: Rational | null;
  /** lim_{δ→0} V²/U². */
  readonly limitRatio: Rational | null;
  /**
   * Leading coefficient of 1 − V/U itself, coefficient/(1 + √limitRatio), when √limitRatio is rational
   * (at exponent 0 this is the limit 1 − √limitRatio).
   */
  readonly relativeErrorCoefficient: Rational | null;
  /** …and as a float (always available when the order is finite). */
  readonly relativeErrorCoefficientApprox: number | null;
  /** Order in δ_P: 2·exponent / order(δ_P²). */
  readonly exponentInDeltaP: number | null;
  /** Whether 1 − V/U = O(δ_P²), i.e. exponentInDeltaP ≥ 2. */
  readonly isODeltaP2: boolean | null;
}

/** The result of {@link analyzeDeltaFamily}. */
export interface DeltaFamilyAnalysis {
  readonly name: string;
  readonly M: number;
  readonly Q: number;
  readonly N: number;
  /** Every class's offsets sum to 0 (then the class means are exactly the centres). */
  readonly centred: boolean;
  /** rank X̄ = Q over ℚ(δ) (else U² is not defined). */
  readonly meansFullRank: boolean;
  readonly U2: FamilyQuantity | null;
  readonly Vfull2: FamilyQuantity;
  readonly Vnb2: FamilyQuantity;
  /** Leading terms of δ² = max|Δx|² and δ_P² = max|PΔx|² in δ (null when identically 0 / undefined). */
  readonly delta2: LeadingTerm | null;
  readonly deltaP2: LeadingTerm | null;
  readonly relativeError: { readonly free: RelativeErrorOrder; readonly tied: RelativeErrorOrder };
  /** The δ values where everything was cross-checked against shallowQuantities. */
  readonly checkedAt: readonly Rational[];
}

function validate(input: DeltaFamilyInput): { M: number; Q: number; targets: Rational[][] } {
  const Q = input.means.length;
  if (Q < 1) throw new RangeError('a family needs at least one class');
  const M = input.means[0]!.length;
  if (input.means.some((m) => m.length !== M)) throw new RangeError('class centres of unequal dimension');
  if (input.offsets.length !== Q) throw new RangeError(`offsets for ${input.offsets.length} classes, centres for ${Q}`);
  input.offsets.forEach((vs, j) => {
    if (vs.length === 0) throw new RangeError(`class ${j + 1} has no points`);
    if (vs.some((v) => v.length !== M)) throw new RangeError(`class ${j + 1}: an offset is not an ${M}-vector`);
  });
  const targets = input.targets
    ? input.targets.map((y) => [...y])
    : Array.from({ length: Q }, (_, j) => Array.from({ length: Q }, (_, i) => (i === j ? Rational.ONE : Rational.ZERO)));
  if (targets.length !== Q || targets.some((y) => y.length !== Q)) throw new RangeError(`targets must be ${Q} vectors of length ${Q}`);
  return { M, Q, targets };
}

/**
 * The data set of the family at one δ, as a plain DataSet literal.
 *
 * @example
 *   materializeFamily(family, Rational.of(1n, 10n)).classes[0].points
 */
export function materializeFamily(input: DeltaFamilyInput, delta: Rational): DataSet {
  const { M, Q, targets } = validate(input);
  const classes = input.offsets.map((vs, j) => ({
    label: `class${j + 1}`,
    points: vs.map((v) => input.means[j]!.map((m, k) => m.add(delta.mul(v[k]!)))),
  }));
  const name = `${input.name ?? 'delta-family'} at delta=${delta}`;
  return {
    name,
    M,
    Q,
    N: classes.reduce((s, c) => s + c.points.length, 0),
    classes,
    targets,
    source: { kind: 'example', name, sha256: '' },
  };
}

const zeros = (r: number, c: number): Poly[][] => Array.from({ length: r }, () => new Array<Poly>(c).fill(Poly.ZERO));

/**
 * Least-squares minimum S − tr(B_P G_PP⁻¹ B_Pᵀ) over ℚ(δ), plus the determinant whose roots are exceptional δ.
 * Over ℤ[δ] after one common scaling (int-poly.ts): pivot columns as polyPivotColumns, then one
 * bordered Bareiss elimination for det G_PP and tr(B_P adj(G_PP) B_Pᵀ) (Cramer's rule, one
 * determinant per entry of the solution, only when a leading principal minor vanishes).
 */
function lsMinimum(G: PolyMatrix, B: PolyMatrix, S: Rational): { value: RationalFunction; exceptional: Poly } {
  const d = G.length;
  const { m: scaled, scale: c } = toIntMatrix([...G, ...B]); // c·G and c·B
  const Gi = scaled.slice(0, d);
  const Bi = scaled.slice(d);
  const P = intPivotColumns(Gi);
  if (P.length === 0) return { value: RationalFunction.const(S), exceptional: Poly.ONE };
  const fast = borderedTrace(
    P.map((i) => P.map((j) => Gi[i]![j]!)),
    Bi.map((row) => P.map((j) => row[j]!)),
  );
  if (fast) {
    // With G′ = cG, B′ = cB: tr(B′ adj(G′) B′ᵀ)/det G′ = c·tr(B G⁻¹ Bᵀ).
    const det = fromIntPoly(fast.det);
    return { value: RationalFunction.const(S).sub(RationalFunction.of(fromIntPoly(fast.trace), det.scale(Rational.int(c)))), exceptional: det };
  }
  const Gpp = polySelect(G, P, P);
  const Bp = B.map((row) => P.map((col) => row[col]!));
  const { num, det } = polyCramer(Gpp, polyTranspose(Bp)); // X = num/det, p × q
  let tr = Poly.ZERO;
  Bp.forEach((row, i) => row.forEach((v, k) => (tr = tr.add(v.mul(num[k]![i]!)))));
  return { value: RationalFunction.const(S).sub(RationalFunction.of(tr, det)), exceptional: det };
}

/**
 * One class's offsets on a common denominator D > 0 (v = V/D, V integer), with the
 * exact integer sums ΣV and ΣVVᵀ: the δ-moments need only these (no per-point polynomials).
 */
interface IntOffsets {
  readonly D: bigint;
  readonly V: readonly (readonly bigint[])[];
  readonly sum: readonly bigint[];
  /** ΣVVᵀ, row-major M × M. */
  readonly second: readonly bigint[];
}

function intOffsets(vs: readonly (readonly Rational[])[], M: number): IntOffsets {
  const D = commonDenominator(vs.flat());
  const V = vs.map((v) => overCommonDenominator(v, D).ints);
  const sum = new Array<bigint>(M).fill(0n);
  const second = new Array<bigint>(M * M).fill(0n);
  for (const z of V)
    for (let a = 0; a < M; a++) {
      const za = z[a]!;
      sum[a]! += za;
      if (za !== 0n) for (let b = a; b < M; b++) second[a * M + b]! += za * z[b]!;
    }
  for (let a = 0; a < M; a++) for (let b = 0; b < a; b++) second[a * M + b] = second[b * M + a]!;
  return { D, V, sum, second };
}

/** The coefficient matrices R_k of an M × M polynomial matrix, each times a common denominator c_k > 0. */
function intCoefficientMatrices(R: PolyMatrix): { m: bigint[]; scale: bigint }[] {
  const deg = Math.max(-1, ...R.flatMap((row) => row.map((p) => p.degree())));
  return Array.from({ length: deg + 1 }, (_, k) => {
    const coeffs = R.flatMap((row) => row.map((p) => p.coefficient(k)));
    const { ints, den } = overCommonDenominator(coeffs);
    return { m: ints, scale: den };
  });
}

/** Wᵀ R W for an integer vector W and an integer row-major M × M matrix R. */
function quadForm(R: readonly bigint[], W: readonly bigint[]): bigint {
  const M = W.length;
  let s = 0n;
  for (let a = 0; a < M; a++) {
    const wa = W[a]!;
    if (wa === 0n) continue;
    let t = 0n;
    for (let b = 0; b < M; b++) t += R[a * M + b]! * W[b]!;
    s += wa * t;
  }
  return s;
}

function quantity(value: RationalFunction, what: string, seed: number): FamilyQuantity {
  const expr = symbolic(value.toString('delta'));
  crossCheck(expr, ['delta'], (at) => value.evaluate(at.delta!), 4, { seed, what: `${what} rendering` });
  return { value, numerator: value.num, denominator: value.den, leading: value.leading(), expr, latex: value.den.degree() === 0 && value.den.coefficient(0).eq(Rational.ONE) ? value.num.toLatex() : `\\frac{${value.num.toLatex()}}{${value.den.toLatex()}}` };
}

/** max over points of leading terms (δ → 0⁺): smallest exponent, then largest coefficient. */
function maxLeading(terms: readonly (LeadingTerm | null)[]): LeadingTerm | null {
  let best: LeadingTerm | null = null;
  for (const t of terms) {
    if (t === null) continue;
    if (best === null || t.exponent < best.exponent || (t.exponent === best.exponent && t.coefficient.gt(best.coefficient))) best = t;
  }
  return best;
}

function relativeErrorOrder(reading: 'free' | 'tied', U2: RationalFunction | null, V2: RationalFunction, deltaP2: LeadingTerm | null): RelativeErrorOrder {
  const none = {
    oneMinusRatio: null,
    exponent: null,
    coefficient: null,
    limitRatio: null,
    relativeErrorCoefficient: null,
    relativeErrorCoefficientApprox: null,
    exponentInDeltaP: null,
    isODeltaP2: null,
  };
  if (U2 === null) return { reading, status: 'not-applicable', ...none };
  if (U2.isZero()) return { reading, status: 'U2-identically-zero', ...none };
  const ratio = V2.div(U2);
  const R = RationalFunction.ONE.sub(ratio);
  const limitRatio = ratio.limitAtZero() ?? null;
  if (R.isZero()) {
    return { reading, status: 'identical', ...none, oneMinusRatio: R, exponent: Infinity, limitRatio, exponentInDeltaP: Infinity, isODeltaP2: true };
  }
  const lead = R.leading()!;
  const sq = limitRatio === null ? undefined : exactSqrt(limitRatio);
  const relCoef = sq === undefined ? null : lead.coefficient.div(Rational.ONE.add(sq));
  const approx = limitRatio === null ? null : toNumber(lead.coefficient) / (1 + Math.sqrt(toNumber(limitRatio)));
  const exponentInDeltaP = deltaP2 === null ? null : (2 * lead.exponent) / deltaP2.exponent;
  return {
    reading,
    status: 'ok',
    oneMinusRatio: R,
    exponent: lead.exponent,
    coefficient: lead.coefficient,
    limitRatio,
    relativeErrorCoefficient: relCoef,
    relativeErrorCoefficientApprox: approx,
    exponentInDeltaP,
    isODeltaP2: exponentInDeltaP === null ? null : exponentInDeltaP >= 2,
  };
}

/**
 * Computes U²(δ), Vfull²(δ), Vnb²(δ), δ², δ_P² and the order of 1 − V/U for
 * both bias readings, cross-checked as described in the module doc.
 */
export function analyzeDeltaFamily(input: DeltaFamilyInput, opts: { checkPoints?: number; seed?: number } = {}): DeltaFamilyAnalysis {
  const { M, Q, targets } = validate(input);
  const counts = input.offsets.map((v) => v.length);
  const N = counts.reduce((a, b) => a + b, 0);
  // Class moments in δ from the offsets' integer sums (x = x̄_j + δv):
  // s_j = N_j x̄_j + δ Σv,  S_j = N_j x̄_j x̄_jᵀ + δ (x̄_j (Σv)ᵀ + (Σv) x̄_jᵀ) + δ² Σvvᵀ.
  const io = input.offsets.map((vs) => intOffsets(vs, M));
  const centred = io.every((o) => o.sum.every((v) => v === 0n));
  const sums = io.map((o, j) => {
    const n = Rational.int(counts[j]!);
    return Array.from({ length: M }, (_, k) => Poly.from([n.mul(input.means[j]![k]!), Rational.of(o.sum[k]!, o.D)]));
  });
  const seconds = io.map((o, j) => {
    const n = Rational.int(counts[j]!);
    const m = input.means[j]!;
    const sv = o.sum.map((v) => Rational.of(v, o.D));
    const D2 = o.D * o.D;
    return Array.from({ length: M }, (_, a) =>
      Array.from({ length: M }, (_, b) => Poly.from([n.mul(m[a]!).mul(m[b]!), m[a]!.mul(sv[b]!).add(m[b]!.mul(sv[a]!)), Rational.of(o.second[a * M + b]!, D2)])),
    );
  });

  // Least squares for both readings.
  const ls = (withBias: boolean): { value: RationalFunction; exceptional: Poly } => {
    const d = withBias ? M + 1 : M;
    const G = zeros(d, d);
    const B = zeros(Q, d);
    let S = Rational.ZERO;
    for (let j = 0; j < Q; j++) {
      const nj = Rational.int(counts[j]!);
      for (let a = 0; a < M; a++) for (let b = 0; b < M; b++) G[a]![b] = G[a]![b]!.add(seconds[j]![a]![b]!);
      if (withBias) {
        for (let a = 0; a < M; a++) {
          G[a]![M] = G[a]![M]!.add(sums[j]![a]!);
          G[M]![a] = G[M]![a]!.add(sums[j]![a]!);
        }
        G[M]![M] = G[M]![M]!.add(Poly.const(nj));
      }
      const z = withBias ? [...sums[j]!, Poly.const(nj)] : sums[j]!;
      for (let i = 0; i < Q; i++) for (let a = 0; a < d; a++) B[i]![a] = B[i]![a]!.add(z[a]!.scale(targets[j]![i]!));
      for (const y of targets[j]!) S = S.add(nj.mul(y.square()));
    }
    const r = lsMinimum(G, B, S);
    return { value: r.value.scale(Rational.of(1n, BigInt(N))), exceptional: r.exceptional };
  };
  const full = ls(true);
  const tied = ls(false);

  // U²: X̄ (M×Q), C = Σ (S_j − s_j s_jᵀ/N_j).
  const Xbar: Poly[][] = Array.from({ length: M }, (_, k) => Array.from({ length: Q }, (_, j) => sums[j]![k]!.scale(Rational.of(1n, BigInt(counts[j]!)))));
  const meansFullRank = polyPivotColumns(Xbar).length === Q;
  const C = zeros(M, M);
  for (let j = 0; j < Q; j++)
    for (let a = 0; a < M; a++)
      for (let b = 0; b < M; b++)
        C[a]![b] = C[a]![b]!.add(seconds[j]![a]![b]!).sub(sums[j]![a]!.mul(sums[j]![b]!).scale(Rational.of(1n, BigInt(counts[j]!))));
  let U2: RationalFunction | null = null;
  let detH = Poly.ONE;
  let adjH: Poly[][] = [];
  let XbarT: Poly[][] = [];
  if (meansFullRank) {
    XbarT = polyTranspose(Xbar);
    const H = polyMatMul(XbarT, Xbar);
    detH = polyDetInt(H);
    adjH = polyAdjugateInt(H);
    const K = polyMatMul(polyMatMul(XbarT, C), Xbar);
    const Y = targets[0]!.map((_, i) => targets.map((y) => Poly.const(y[i]!))); // columns y_j
    const tr = polyChainTrace([Y, adjH, K, adjH, polyTranspose(Y)]); // tr(Y adj(H) K adj(H) Yᵀ)
    U2 = RationalFunction.of(tr, detH.mul(detH).scale(Rational.int(N)));
  }

  // δ² and δ_P² leading terms: Δx = δ·w, w = v − v̄_j (v̄_j the mean offset of class j).
  // On integers per class: w = W/(D_j N_j) with W = N_j V − ΣV.
  const Ws = io.map((o, j) => {
    const n = BigInt(counts[j]!);
    return o.V.map((V) => V.map((x, k) => n * x - o.sum[k]!));
  });
  const wDen = io.map((o, j) => o.D * BigInt(counts[j]!));
  let maxW2 = Rational.ZERO;
  Ws.forEach((ws, j) => {
    let best = 0n;
    for (const W of ws) {
      let s = 0n;
      for (const x of W) s += x * x;
      if (s > best) best = s;
    }
    maxW2 = maxW2.max(Rational.of(best, wDen[j]! * wDen[j]!));
  });
  const delta2: LeadingTerm | null = maxW2.isZero() ? null : { coefficient: maxW2, exponent: 2 };
  // |P Δx|² = δ² (X̄ᵀw)ᵀ adj(H) (X̄ᵀw) / det(H) = δ² wᵀ R w / det(H), R = X̄ adj(H) X̄ᵀ, per point.
  // Its leading term: the lowest k with wᵀ R_k w ≠ 0 (R = Σ R_k δ^k), over the lowest term of det(H).
  const R = meansFullRank ? polyMatMul(polyMatMul(Xbar, adjH), XbarT) : [];
  const Rk = meansFullRank ? intCoefficientMatrices(R) : [];
  const projectedLeading = (W: readonly bigint[], den: bigint): LeadingTerm | null => {
    for (let k = 0; k < Rk.length; k++) {
      const v = quadForm(Rk[k]!.m, W);
      if (v !== 0n) return { coefficient: Rational.of(v, den * den * Rk[k]!.scale).div(detH.lowestCoefficient()), exponent: k + 2 - detH.valuation() };
    }
    return null;
  };
  const deltaP2 = meansFullRank ? maxLeading(Ws.flatMap((ws, j) => ws.map((W) => projectedLeading(W, wDen[j]!)))) : null;
  /** max over points of |P Δx|² at one δ (not a root of det H), from the same R. */
  const projectedMaxAt = (delta: Rational): Rational => {
    const Rd = R.flatMap((row) => row.map((p) => p.evaluate(delta)));
    const { ints: Ri, den: c } = overCommonDenominator(Rd);
    const factor = delta.square().div(detH.evaluate(delta));
    let best = Rational.ZERO;
    Ws.forEach((ws, j) => ws.forEach((W) => (best = best.max(Rational.of(quadForm(Ri, W), wDen[j]! * wDen[j]! * c).mul(factor)))));
    return best;
  };

  // Cross-check at random δ against the exact numeric layer on the materialised data.
  const exceptional = [full.exceptional, tied.exceptional, detH, ...(U2 ? [U2.den] : []), full.value.den, tied.value.den];
  const rng = seededRng(opts.seed ?? 11);
  const checkedAt: Rational[] = [];
  const wanted = Math.max(opts.checkPoints ?? 4, 4);
  for (let attempt = 0; checkedAt.length < wanted && attempt < 20 * wanted; attempt++) {
    const delta = randomNonzeroRational(rng, 9, 11);
    if (exceptional.some((p) => p.evaluate(delta).isZero())) continue;
    const ds = materializeFamily(input, delta);
    // Class moments and δ_P² of the materialised data by the data layer's own exact routines
    // (from the compact form, without a Rational per product).
    const q = shallowQuantities(ds, classMoments(ds));
    const pt = { delta: delta.toString() };
    const cmp = (what: string, ours: Rational, theirs: Rational | undefined): void => {
      if (theirs === undefined || !ours.eq(theirs)) throw new SymbolicMismatchError(`delta family ${what}`, pt, ours.toString(), theirs?.toString() ?? 'undefined');
    };
    cmp('Vfull2', full.value.evaluate(delta), q.Vfull2);
    cmp('Vnb2', tied.value.evaluate(delta), q.Vnb2);
    if (U2) {
      cmp('U2', U2.evaluate(delta), q.U2);
      // δ_P² directly: max |P Δx|², P = X̄ X̄⁺, on the materialised data (the data statistics).
      cmp('deltaP2', projectedMaxAt(delta), classStats(ds).deltaP2);
    } else if (q.U2 !== undefined) {
      throw new SymbolicMismatchError('delta family U2', pt, 'undefined (rank X̄ < Q)', q.U2.toString());
    }
    checkedAt.push(delta);
  }
  if (checkedAt.length < wanted) throw new RangeError('delta family: too few admissible δ for the cross-check');

  const seed = opts.seed ?? 11;
  return {
    name: input.name ?? 'delta-family',
    M,
    Q,
    N,
    centred,
    meansFullRank,
    U2: U2 ? quantity(U2, 'U2(delta)', seed) : null,
    Vfull2: quantity(full.value, 'Vfull2(delta)', seed + 1),
    Vnb2: quantity(tied.value, 'Vnb2(delta)', seed + 2),
    delta2,
    deltaP2,
    relativeError: { free: relativeErrorOrder('free', U2, full.value, deltaP2), tied: relativeErrorOrder('tied', U2, tied.value, deltaP2) },
    checkedAt,
  };
}

