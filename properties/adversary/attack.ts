/**
 * The adversary against a claimed local minimum p of the cost (over all
 * parameters, or over the output layer alone). In order, until one succeeds:
 * 1. first order, exactly: the exact gradient at a smooth point (kernel
 *    Taylor series along each coordinate), or every ±coordinate ray at a
 *    non-smooth one;
 * 2. the given random exact perturbations (sizes ε = 1/10 … 1/10^6), each as
 *    a ray from p;
 * 3. float gradient descent with backtracking (Armijo) line search, from p and
 *    from randomly kicked starts; every improving iterate gives a direction
 *    p_k − p, rounded to a rational one;
 * 4. second order: the most negative eigenvector of a finite-difference
 *    Hessian of the float gradient, at a smooth critical point.
 * Every candidate direction is then decided exactly (descent.ts): a float
 * improvement alone is never a finding.
 *
 * @example
 *   const r = attackLocalMinimum(net, ds, { seed: 7, perturbations });
 *   r.witness // DescentEvidence when p is (exactly) not a local minimum
 */
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Network } from '../../src/network/network.ts';
import { flattenParams, networkShape, unflattenParams } from '../../src/network/params.ts';
import { hasStrictPatterns } from '../../src/claims/local-minimality.ts';
import { costSeries } from '../../src/network/cost-series.ts';
import { checkMsInFloat } from '../../src/network/float-check.ts';
import { prng } from '../../src/util/prng.ts';
import type { Perturbation } from '../arbitraries/perturbation.ts';
import { exactDescent, exactSumSq, type DescentEvidence } from './descent.ts';
import { FloatCost } from './float-cost.ts';
import { leadingOrder, rayCostPolynomial } from './ray-polynomial.ts';
import { toNumber } from '../../src/exact/rational-to-number.ts';
import { abs } from '../../src/exact/rational-shorthands.ts';

export interface AttackOptions {
  /** Seed of the float adversary's random kicks. */
  readonly seed: number;
  /** Exact random perturbations (flat, length K; entries beyond the allowed parameters are ignored). */
  readonly perturbations?: readonly Perturbation[];
  /** Which parameters may move (default all). */
  readonly restrict?: 'all' | 'output';
  /** Gradient steps per start (default 40). */
  readonly floatIterations?: number;
  /** Randomly kicked extra starts (default 3). */
  readonly kicks?: number;
}

export interface AttackReport {
  /** Exact descent evidence: p is not a local minimum (in the allowed parameters). */
  readonly witness?: DescentEvidence;
  /** Exact perturbations with strictly lower exact cost that did not extend to a descent ray (finite-distance only). */
  readonly lowerPointsNotConfirmed: number;
  /** Float descent from p itself (or float negative curvature at p) that no rounded direction confirmed exactly. */
  readonly floatHintsNotConfirmed: number;
}

/** Integer direction ≈ v (allowed entries only), scaled so max |entry| = 2^bits. */
function rationalize(v: ArrayLike<number>, mask: readonly boolean[], bits: number): Rational[] {
  let top = 0;
  for (let i = 0; i < v.length; i++) if (mask[i]) top = Math.max(top, Math.abs(v[i]!));
  if (!(top > 0) || !Number.isFinite(top)) return Array.from(mask, () => Rational.ZERO);
  return Array.from(mask, (m, i) => (m ? Rational.int(BigInt(Math.round((v[i]! / top) * 2 ** bits))) : Rational.ZERO));
}

/** Eigenpairs of a small symmetric matrix (cyclic Jacobi); returns the smallest eigenvalue and its vector. */
export function smallestEigen(A: Float64Array[], sweeps = 60): { value: number; vector: Float64Array } {
  const n = A.length;
  const a = A.map((r) => Float64Array.from(r));
  const V = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k]![p]!;
          const vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
  }
  let best = 0;
  for (let i = 1; i < n; i++) if (a[i]![i]! < a[best]![best]!) best = i;
  return { value: a[best]![best]!, vector: Float64Array.from({ length: n }, (_, k) => V[k]![best]!) };
}

export function attackLocalMinimum(net: Network, ds: DataSet, opts: AttackOptions): AttackReport {
  const shape = networkShape(net);
  const p0 = flattenParams(net);
  const K = p0.length;
  const outputStart = K - shape.Q * (shape.M + 1);
  const mask = p0.map((_, i) => opts.restrict !== 'output' || i >= outputStart);
  const idx = mask.flatMap((m, i) => (m ? [i] : []));
  const smooth = hasStrictPatterns(net, ds);
  let lowerPointsNotConfirmed = 0;
  let floatHintsNotConfirmed = 0;
  const done = (witness: DescentEvidence | undefined): AttackReport => ({ ...(witness ? { witness } : {}), lowerPointsNotConfirmed, floatHintsNotConfirmed });
  const unit = (i: number, s: Rational): Rational[] => p0.map((_, k) => (k === i ? s : Rational.ZERO));
  const baseSumSq = exactSumSq(net, ds);
  if (baseSumSq.isZero()) return done(undefined); // cost 0: a global minimum, nothing to attack

  // 1. First order, exactly.
  if (smooth) {
    const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
    const grad = p0.map(() => Rational.ZERO);
    for (const i of idx) grad[i] = costSeries(net, unflattenParams(unit(i, Rational.ONE), shape), samples)![1];
    if (grad.some((g) => !g.isZero())) {
      // The simplest evidence first: one coordinate with the largest |∂/∂p_i|, then the whole gradient.
      let best = 0;
      grad.forEach((g, i) => (abs(g).gt(abs(grad[best]!)) ? (best = i) : undefined));
      const w =
        exactDescent(net, ds, unit(best, grad[best]!.sign() > 0 ? Rational.int(-1) : Rational.ONE), 'exact gradient (steepest coordinate)') ??
        exactDescent(net, ds, grad.map((g) => g.neg()), 'exact gradient');
      if (w) return done(w);
    }
  } else {
    for (const i of idx)
      for (const s of [Rational.ONE, Rational.int(-1)]) {
        const d = unit(i, s);
        const poly = rayCostPolynomial(net, unflattenParams(d, shape), ds);
        const k = leadingOrder(poly);
        if (k > 0 && poly[k]!.sign() < 0) {
          const w = exactDescent(net, ds, d, 'coordinate ray');
          if (w) return done(w);
        }
      }
  }

  // 2. Exact random perturbations, as rays.
  for (const { delta } of opts.perturbations ?? []) {
    const d = p0.map((_, i) => (mask[i] ? (delta[i] ?? Rational.ZERO) : Rational.ZERO));
    const w = exactDescent(net, ds, d, 'random exact perturbation');
    if (w) return done(w);
  }

  // 3. Float descent with backtracking line search.
  const f = new FloatCost(shape, ds);
  const base = Float64Array.from(p0, (v) => toNumber(v));
  const f0 = f.value(base);
  // A float improvement must beat the rounding error of the float cost at p (a rigorous-style bound), with room.
  const agreement = checkMsInFloat(net, ds, baseSumSq.div(Rational.int(ds.N)));
  const rounding = ds.N * (agreement.applicable ? agreement.bound : Infinity); // no float bound: no float step can count
  const tol = 1e-10 * Math.max(1, Math.abs(f0)) + 16 * rounding;
  const rand = prng(opts.seed);
  const iters = opts.floatIterations ?? 40;
  const starts: Float64Array[] = [base];
  for (let k = 0; k < (opts.kicks ?? 3); k++) {
    const size = 10 ** -(2 + 2 * k);
    starts.push(base.map((v, i) => (mask[i] ? v + size * (2 * rand() - 1) : v)));
  }
  const tryDirections = (iterates: Float64Array[]): DescentEvidence | undefined => {
    const picks = [...new Set([0, 1, 3, 7, 15, iterates.length - 1].filter((k) => k < iterates.length))];
    for (const k of picks) {
      const v = iterates[k]!.map((x, i) => x - base[i]!);
      for (const bits of [6, 14, 26]) {
        const w = exactDescent(net, ds, rationalize(v, mask, bits), 'float descent (rounded iterate direction)');
        if (w) return w;
      }
    }
    return undefined;
  };
  for (const [k, start] of starts.entries()) {
    let p = start;
    const iterates: Float64Array[] = [];
    let guess = 1e-2;
    for (let it = 0; it < iters; it++) {
      const { value, grad } = f.valueAndGradient(p);
      for (let i = 0; i < K; i++) if (!mask[i]) grad[i] = 0;
      const g2 = grad.reduce((s, g) => s + g * g, 0);
      if (!(g2 > 0)) break;
      let t = guess / Math.sqrt(g2);
      let next = p.map((v, i) => v - t * grad[i]!);
      while (f.value(next) > value - 1e-4 * t * g2 && t > 1e-30) {
        t /= 2;
        next = p.map((v, i) => v - t * grad[i]!);
      }
      if (t <= 1e-30) break;
      p = next;
      iterates.push(p);
      guess = Math.min(1, 4 * t * Math.sqrt(g2));
    }
    if (iterates.length && f.value(p) < f0 - tol) {
      const w = tryDirections(iterates);
      if (w) return done(w);
      // From a kicked start, a lower value may just be another basin at finite distance: not a hint.
      if (k === 0) floatHintsNotConfirmed++;
    }
  }

  // 4. Second order at a smooth critical point: the most negative curvature direction.
  if (smooth && idx.length > 0) {
    const h = 1e-6;
    const H = idx.map(() => new Float64Array(idx.length));
    idx.forEach((i, a) => {
      const plus = base.slice();
      const minus = base.slice();
      plus[i]! += h;
      minus[i]! -= h;
      const gp = f.valueAndGradient(plus).grad;
      const gm = f.valueAndGradient(minus).grad;
      idx.forEach((j, b) => (H[a]![b] = (gp[j]! - gm[j]!) / (2 * h)));
    });
    for (let a = 0; a < idx.length; a++)
      for (let b = a + 1; b < idx.length; b++) {
        const m = (H[a]![b]! + H[b]![a]!) / 2;
        H[a]![b] = m;
        H[b]![a] = m;
      }
    const { value, vector } = smallestEigen(H);
    const scale = H.reduce((m, row) => row.reduce((mm, v) => Math.max(mm, Math.abs(v)), m), 1);
    if (value < -1e-7 * scale) {
      const full = new Float64Array(K);
      idx.forEach((i, a) => (full[i] = vector[a]!));
      for (const bits of [6, 14, 26]) {
        const w = exactDescent(net, ds, rationalize(full, mask, bits), 'negative curvature (float Hessian eigenvector)');
        if (w) return done(w);
      }
      floatHintsNotConfirmed++;
    }
  }

  // Diagnostics only: finite-distance lower points that no ray confirmed.
  for (const { delta } of opts.perturbations ?? []) {
    const moved = unflattenParams(p0.map((v, i) => (mask[i] ? v.add(delta[i] ?? Rational.ZERO) : v)), shape);
    if (exactSumSq(moved, ds).lt(baseSumSq)) lowerPointsNotConfirmed++;
  }
  return done(undefined);
}
