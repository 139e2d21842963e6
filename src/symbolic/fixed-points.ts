/**
 * The fixed points of the truncation map τ_{W,b}(x) = W⁻¹(σ(Wx + b) − b)
 * for a symbolic invertible W (SPEC §2, claims T2 and T3), derived per
 * activation pattern.
 *
 * Notation: z = Wx + b (the pre-activation); a pattern s ⊆ {1..n} is the set
 * of active coordinates; its region is R_s = {z_i ≥ 0 (i ∈ s), z_i ≤ 0 (i ∉ s)};
 * D_s = diag(1_{i∈s}). On R_s, σ(z) = D_s z, so τ = τ_s with
 * τ_s(x) = W⁻¹(D_s z − b).
 *
 * What is proved, per pattern, as exact polynomial identities in the entries
 * of W, b, x (each checked twice: nerdamer's expand must print 0 and our own
 * exact expansion (mpoly.ts) must be the zero polynomial):
 *
 *   (I0) adj(W)·W − det(W)·I ≡ 0                         (the adjugate is right);
 *   (I1) det(W)·(τ_s(x) − x) + adj(W)(I − D_s) z ≡ 0,   where det(W)·τ_s(x)
 *        is written as adj(W)(D_s z − b), i.e. from the definition of τ_s;
 *   (I2) for s = ∅: det(W)·τ_∅(x) + adj(W) b ≡ 0         (τ ≡ apex θ = −W⁻¹b on K⁻: T3).
 *
 * The step from (I1) to the fixed-point set is linear algebra, not symbolic:
 * for det W ≠ 0, adj(W) = det(W)·W⁻¹ is invertible, so on R_s
 * τ(x) = x ⇔ (I − D_s) z = 0 ⇔ z_i = 0 for every inactive i ⇔ (with the
 * region's own z_i ≥ 0 for active i) z ≥ 0. Hence Fix(τ) = ⋃_s (R_s ∩ K⁺) = K⁺
 * = {x : Wx + b ≥ 0} (T2).
 *
 * Cross-check (numeric, exact): at seeded random rational W (invertible), b
 * and points x — drawn through their pre-activation z with random signs and
 * exact zeros, x = W⁻¹(z − b), so boundary and fixed points do occur — the
 * exact τ(x) − x (Matrix inverse, true ReLU) must equal the pattern's
 * displacement expression evaluated exactly, and τ(x) = x must hold exactly
 * when z ≥ 0.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { SymbolicMismatchError } from './errors.ts';
import { MPoly, type Assignment } from './mpoly.ts';
import { assertSymbolName, evaluateExact, isIdenticallyZero, symbolic, type SymExpr } from './polynomial.ts';
import { randomInt, randomRational, seededRng } from './random.ts';
import { biasSymbol, inputSymbol, weightSymbol } from './symbols.ts';
import { abs } from '../exact/rational-shorthands.ts';

/** Which entries of W are symbols (the others are 0). */
export type WeightShape = 'general' | 'lower-triangular' | 'diagonal';

/** The derivation for one activation pattern. */
export interface FixedPointPattern {
  /** active[i]: coordinate i+1 is active (z_i ≥ 0 on the region). */
  readonly active: readonly boolean[];
  /** The region R_s: "z_i >= 0" for active i, "z_i <= 0" for inactive i (z_i written out). */
  readonly region: readonly string[];
  /** τ_s(x) − x = −W⁻¹(I − D_s) z, component k as a nerdamer expression. */
  readonly displacement: readonly SymExpr[];
  /** On R_s, τ(x) = x iff all of these hold ("z_i = 0" for inactive i; empty: every point of R_s is fixed). */
  readonly fixedIff: readonly string[];
  /** For the all-inactive pattern: (I2) held, τ is the constant apex θ on K⁻. */
  readonly collapsesToApex: boolean;
}

/** The result of {@link fixedPointSet}. */
export interface FixedPointSet {
  readonly n: number;
  readonly shape: WeightShape;
  /** The symbols of W (0 where the shape has a zero), b and x. */
  readonly W: readonly (readonly string[])[];
  readonly b: readonly string[];
  readonly x: readonly string[];
  /** z = Wx + b, componentwise. */
  readonly preactivations: readonly SymExpr[];
  /** The fixed-point set K⁺: "z_i >= 0", i = 1..n. */
  readonly cone: readonly string[];
  readonly determinant: SymExpr;
  readonly adjugate: readonly (readonly SymExpr[])[];
  /** All 2^n patterns, pattern s as bitmask (bit i set = coordinate i+1 active). */
  readonly patterns: readonly FixedPointPattern[];
  /** The statements that were proved, in words. */
  readonly proved: readonly string[];
}

function isSymbolic(shape: WeightShape, i: number, k: number): boolean {
  return shape === 'general' || (shape === 'lower-triangular' ? k <= i : k === i);
}

function polyDet(m: readonly (readonly MPoly[])[]): MPoly {
  const n = m.length;
  if (n === 1) return m[0]![0]!;
  let d = MPoly.ZERO;
  for (let k = 0; k < n; k++) {
    if (m[0]![k]!.isZero()) continue;
    const minor = m.slice(1).map((row) => row.filter((_, c) => c !== k));
    const term = m[0]![k]!.mul(polyDet(minor));
    d = k % 2 === 0 ? d.add(term) : d.sub(term);
  }
  return d;
}

function polyAdjugate(m: readonly (readonly MPoly[])[]): MPoly[][] {
  const n = m.length;
  if (n === 1) return [[MPoly.const(Rational.ONE)]];
  // adj(W)_{k,i} = (−1)^{i+k} det(W without row i, column k)
  return Array.from({ length: n }, (_, k) =>
    Array.from({ length: n }, (_, i) => {
      const minor = m.filter((_, r) => r !== i).map((row) => row.filter((_, c) => c !== k));
      const d = polyDet(minor);
      return (i + k) % 2 === 0 ? d : d.neg();
    }),
  );
}

/**
 * Proves a polynomial identity text ≡ 0. The text is handed over unexpanded
 * (products of parenthesised factors), so both nerdamer's expand and our own
 * exact expansion do the work; they must agree and give 0.
 */
function requireZero(text: string, what: string): void {
  if (!isIdenticallyZero(text)) throw new SymbolicMismatchError(what, {}, 'not identically 0', '0');
}

/** Σ_k (a_k)*(v_k) as unexpanded text, zero terms skipped. */
function dotText(a: readonly MPoly[], v: readonly string[]): string {
  const terms = a.flatMap((p, k) => (p.isZero() || v[k] === '0' ? [] : [`(${p.toString()})*(${v[k]})`]));
  return terms.length === 0 ? '0' : terms.join('+');
}

/** Options of {@link fixedPointSet}. */
export interface FixedPointOptions {
  readonly shape?: WeightShape;
  /** Random exact cross-check points (default 8). */
  readonly checkPoints?: number;
  readonly seed?: number;
}

/**
 * Derives and proves the fixed-point set of τ_{W,b} for n×n symbolic W
 * (n = 1..3; n = 3 general is slower, a few seconds), as in the module doc.
 *
 * @example
 *   fixedPointSet(2).cone // ['b1r1 + w1r1c1*x1 + w1r1c2*x2 >= 0', …]
 */
export function fixedPointSet(n: number, opts: FixedPointOptions = {}): FixedPointSet {
  if (!Number.isInteger(n) || n < 1 || n > 3) throw new RangeError(`fixedPointSet supports n = 1..3, got ${n}`);
  const shape = opts.shape ?? 'general';
  const Wn = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => (isSymbolic(shape, i, k) ? weightSymbol(1, i + 1, k + 1) : '0')));
  const bn = Array.from({ length: n }, (_, i) => biasSymbol(1, i + 1));
  const xn = Array.from({ length: n }, (_, k) => inputSymbol(k + 1));
  for (const s of [...Wn.flat().filter((v) => v !== '0'), ...bn, ...xn]) assertSymbolName(s);

  const W = Wn.map((row) => row.map((v) => (v === '0' ? MPoly.ZERO : MPoly.sym(v))));
  const b = bn.map((v) => MPoly.sym(v));
  const x = xn.map((v) => MPoly.sym(v));
  const z = W.map((row, i) => row.reduce((s, w, k) => s.add(w.mul(x[k]!)), b[i]!));
  const det = polyDet(W);
  const adj = polyAdjugate(W);
  const proved: string[] = [];

  const detText = det.toString();
  const zText = z.map((p) => p.toString());

  // (I0) adj(W) W = det(W) I.
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const prod = dotText(adj[i]!, Wn.map((row) => row[j]!));
      requireZero(i === j ? `${prod}-(${detText})` : prod, `(I0) adj(W)·W = det(W)·I, entry (${i + 1},${j + 1})`);
    }
  proved.push('(I0) adj(W)·W = det(W)·I (polynomial identity)');

  const patterns: FixedPointPattern[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const active = Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1);
    // D_s z − b and (I − D_s) z, as unexpanded texts.
    const DzMinusB = zText.map((zi, i) => (active[i] ? `(${zi})-(${bn[i]})` : `-(${bn[i]})`));
    const Iz = zText.map((zi, i) => (active[i] ? '0' : zi));
    for (let k = 0; k < n; k++) {
      // det·(τ_s(x) − x) + adj(W)(I − D_s) z, with det·τ_s(x) = adj(W)(D_s z − b).
      const text = `${dotText(adj[k]!, DzMinusB)}-(${detText})*(${xn[k]})+${dotText(adj[k]!, Iz)}`;
      requireZero(text, `(I1) pattern ${mask}, component ${k + 1}`);
    }
    let collapsesToApex = false;
    if (mask === 0) {
      for (let k = 0; k < n; k++) requireZero(`${dotText(adj[k]!, DzMinusB)}+${dotText(adj[k]!, bn)}`, `(I2) apex, component ${k + 1}`);
      collapsesToApex = true;
    }
    const displacement = adj.map((row) => {
      const num = dotText(row, Iz);
      return symbolic(num === '0' ? '0' : `-(${num})/(${detText})`);
    });
    patterns.push({
      active,
      region: zText.map((zi, i) => `${zi} ${active[i] ? '>=' : '<='} 0`),
      displacement,
      fixedIff: zText.flatMap((zi, i) => (active[i] ? [] : [`${zi} = 0`])),
      collapsesToApex,
    });
  }
  proved.push(`(I1) det(W)·(τ_s(x) − x) = −adj(W)(I − D_s)(Wx + b) for all ${1 << n} patterns s (polynomial identities)`);
  proved.push('(I2) det(W)·τ_∅(x) = −adj(W) b: on K⁻, τ is the constant apex θ = −W⁻¹b (T3)');
  proved.push('hence, for det W ≠ 0: on R_s, τ(x) = x ⇔ z_i = 0 for inactive i; Fix(τ) = K⁺ = {Wx + b ≥ 0} (T2)');

  const result: FixedPointSet = {
    n,
    shape,
    W: Wn,
    b: bn,
    x: xn,
    preactivations: z.map((p) => symbolic(p.toString())),
    cone: z.map((p) => `${p.toString()} >= 0`),
    determinant: symbolic(det.toString()),
    adjugate: adj.map((row) => row.map((p) => symbolic(p.toString()))),
    patterns,
    proved,
  };
  crossCheckFixedPoints(result, opts.checkPoints ?? 8, opts.seed ?? 1);
  return result;
}

/** An exact instance of τ: W, b, a point x and its pre-activation z. */
interface Instance {
  readonly W: Matrix;
  readonly b: Rational[];
  readonly x: Rational[];
  readonly z: Rational[];
}

function drawInstance(fp: FixedPointSet, rng: () => number): Instance {
  const n = fp.n;
  for (;;) {
    const W = Matrix.fromRows(fp.W.map((row) => row.map((s) => (s === '0' ? Rational.ZERO : randomRational(rng)))));
    if (W.det().isZero()) continue;
    const b = Array.from({ length: n }, () => randomRational(rng));
    // z: each coordinate positive, negative or exactly 0.
    const z = Array.from({ length: n }, () => {
      const kind = randomInt(rng, 0, 3);
      const r = abs(randomRational(rng));
      return kind === 0 ? Rational.ZERO : kind === 1 ? r.neg() : r;
    });
    const x = W.solveVec(z.map((v, i) => v.sub(b[i]!)));
    return { W, b, x, z };
  }
}

/**
 * Checks a derivation against exact arithmetic at seeded random instances;
 * throws SymbolicMismatchError on any difference. Returns how many of the
 * instances were fixed points (so a caller can see both cases occurred).
 */
export function crossCheckFixedPoints(fp: FixedPointSet, points = 8, seed = 1): { fixed: number; moved: number } {
  const rng = seededRng(seed);
  let fixed = 0;
  let moved = 0;
  for (let t = 0; t < points; t++) {
    const { W, b, x, z } = drawInstance(fp, rng);
    const at: Record<string, Rational> = {};
    fp.W.forEach((row, i) => row.forEach((s, k) => s !== '0' && (at[s] = W.get(i, k))));
    fp.b.forEach((s, i) => (at[s] = b[i]!));
    fp.x.forEach((s, k) => (at[s] = x[k]!));
    const pt = Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v.toString()]));
    // pre-activation expressions
    fp.preactivations.forEach((e, i) => {
      const v = evaluateExact(e, at);
      if (!v.eq(z[i]!)) throw new SymbolicMismatchError(`pre-activation z${i + 1}`, pt, v.toString(), z[i]!.toString());
    });
    // exact τ(x) with the true ReLU
    const tau = W.solveVec(z.map((v, i) => (v.sign() < 0 ? Rational.ZERO : v).sub(b[i]!)));
    const disp = tau.map((v, k) => v.sub(x[k]!));
    const mask = z.reduce((m, v, i) => (v.sign() >= 0 ? m | (1 << i) : m), 0);
    const pattern = fp.patterns[mask]!;
    pattern.displacement.forEach((e, k) => {
      const v = evaluateExact(e, at as Assignment);
      if (!v.eq(disp[k]!)) throw new SymbolicMismatchError(`τ(x) − x, pattern ${mask}, component ${k + 1}`, pt, v.toString(), disp[k]!.toString());
    });
    const isFixed = disp.every((v) => v.isZero());
    const inCone = z.every((v) => v.sign() >= 0);
    if (isFixed !== inCone) throw new SymbolicMismatchError('fixed point ⇔ Wx + b ≥ 0', pt, isFixed ? 'fixed' : 'moved', inCone ? 'in K⁺' : 'outside K⁺');
    if (isFixed) fixed++;
    else moved++;
  }
  return { fixed, moved };
}
