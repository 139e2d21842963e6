/**
 * Float class statistics for the moment form of the float cross-check
 * (float-check-moments.ts), computed once per class in float64 from the float inputs
 * x̃ = fl(x) alone (no exact arithmetic, nothing shared with the exact engine), with
 * rigorous bounds against the exact data (docs/float-bounds.md §5a):
 *  - the float box lo ≤ x̃ ≤ hi and bx ≥ |x| for every exact point x of the class;
 *  - a float centre m (the float mean; any float vector would do) and, for d = x − m
 *    (x exact), s1 ≈ Σd and S2 ≈ Σddᵀ with componentwise error bounds es1, ES2;
 *  - float extremes of d·x̃ along remembered directions d, with an error bound that
 *    covers the input rounding and the dot product.
 * Model (docs/float-bounds.md): |x̃ − x| ≤ 2u|x̃| + η/2 per coordinate; a sum of n terms
 * computed in any order is within γ_n of the exact sum of the computed terms.
 */
import { type CompactClass } from '../data/compact.ts';
import { pointFloat } from '../data/compact-access.ts';

const U = 2 ** -53;
const ETA = 2 ** -1074;
const gamma = (n: number): number => (n * U) / (1 - n * U);
/** Relative safety factor for bounds evaluated in float (sums of few nonnegative terms). */
const SAFE = 1 + 1e-10;

/** A direction's float extremes over the class: every exact d·x lies in [min − err, max + err]. */
export interface FloatDirection {
  readonly d: Float64Array;
  readonly min: number;
  readonly max: number;
  readonly err: number;
  /** d / |d| (for choosing a direction by angle: a heuristic, never part of a bound). */
  readonly unit: Float64Array;
}

export interface FloatClassStats {
  readonly n: number;
  readonly M: number;
  /** Float box of x̃ and bx ≥ |x| for every exact point (bx = max(|lo|, |hi|)(1 + 2u) + η). */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly bxf: Float64Array;
  readonly bx: Float64Array;
  /** Centre m (float), s1 ≈ Σ(x − m), S2 ≈ Σ(x − m)(x − m)ᵀ (M×M row-major), with bounds. */
  readonly m: Float64Array;
  readonly s1: Float64Array;
  readonly es1: Float64Array;
  readonly S2: Float64Array;
  readonly ES2: Float64Array;
  /** Whether every statistic and bound is finite (else the moment form is not used for this class). */
  readonly finite: boolean;
  readonly directions: FloatDirection[];
  readonly byKey: Map<string, FloatDirection>;
  /** x̃ of row i into `out` (the class's float inputs, as the point-by-point check reads them). */
  readonly row: (i: number, out: Float64Array) => Float64Array;
}

/** At most this many directions are remembered per class (the oldest are forgotten first). */
const MAX_DIRECTIONS = 512;

const memo = new WeakMap<CompactClass, FloatClassStats>();

/** The class's float statistics, computed once per class (two O(N_j·M²) float passes). */
export function floatClassStats(c: CompactClass, M: number): FloatClassStats {
  const known = memo.get(c);
  if (known && known.M === M) return known;
  const n = c.count;
  const direct = c.f64 !== undefined && c.den < 2n ** 53n;
  const D = direct ? Number(c.den) : 1;
  const f64 = c.f64;
  const row = direct
    ? (i: number, out: Float64Array): Float64Array => {
        for (let k = 0; k < M; k++) out[k] = f64![i * M + k]! / D;
        return out;
      }
    : (i: number, out: Float64Array): Float64Array => pointFloat(c, M, i, out);
  const x = new Float64Array(M);
  const lo = new Float64Array(M).fill(Infinity);
  const hi = new Float64Array(M).fill(-Infinity);
  const sum = new Float64Array(M);
  for (let i = 0; i < n; i++) {
    row(i, x);
    for (let k = 0; k < M; k++) {
      const v = x[k]!;
      if (v < lo[k]!) lo[k] = v;
      if (v > hi[k]!) hi[k] = v;
      sum[k]! += v;
    }
  }
  const m = sum.map((s) => s / Math.max(1, n));
  const s1 = new Float64Array(M);
  const S2 = new Float64Array(M * M);
  const g = new Float64Array(M);
  const G = new Float64Array(M * M);
  const d = new Float64Array(M);
  const a = new Float64Array(M);
  for (let i = 0; i < n; i++) {
    row(i, x);
    for (let k = 0; k < M; k++) {
      d[k] = x[k]! - m[k]!;
      a[k] = Math.abs(d[k]!);
      s1[k]! += d[k]!;
      g[k]! += a[k]!;
    }
    for (let k = 0; k < M; k++) {
      const dk = d[k]!;
      const ak = a[k]!;
      const o = k * M;
      for (let l = k; l < M; l++) {
        S2[o + l]! += dk * d[l]!;
        G[o + l]! += ak * a[l]!;
      }
    }
  }
  for (let k = 0; k < M; k++)
    for (let l = 0; l < k; l++) {
      S2[k * M + l] = S2[l * M + k]!;
      G[k * M + l] = G[l * M + k]!;
    }
  const bxf = new Float64Array(M);
  for (let k = 0; k < M; k++) bxf[k] = n === 0 ? 0 : Math.max(Math.abs(lo[k]!), Math.abs(hi[k]!));
  const bx = bxf.map((v) => v * (1 + 2 * U) * SAFE + ETA);
  // Bounds (docs/float-bounds.md §5a): d̃ = fl(x̃ − m), |d̃ − d| ≤ δ = 2u|d̃| + β, β = 2u·bxf + η/2;
  // G⁺ ≥ Σ|d̃||d̃|ᵀ and g⁺ ≥ Σ|d̃| exactly (the computed sums are ≥ (1 − γ_n) of them, minus nη/2).
  const gn = gamma(n + 2);
  const beta = bxf.map((v) => 2 * U * v + ETA / 2);
  const gPlus = g.map((v) => (v + n * ETA) * (1 + 2 * gn));
  const GPlus = G.map((v) => (v + n * ETA) * (1 + 2 * gn));
  const es1 = new Float64Array(M);
  for (let k = 0; k < M; k++) es1[k] = ((gn + 2 * U) * gPlus[k]! + n * beta[k]!) * SAFE + ETA;
  const ES2 = new Float64Array(M * M);
  for (let k = 0; k < M; k++)
    for (let l = 0; l < M; l++)
      ES2[k * M + l] =
        ((gn + 4 * U + 4 * U * U) * GPlus[k * M + l]! + (1 + 2 * U) * (beta[k]! * gPlus[l]! + gPlus[k]! * beta[l]!) + n * beta[k]! * beta[l]! + n * ETA) * SAFE + 8 * ETA;
  const finite = [lo, hi, bx, m, s1, es1, S2, ES2].every((v) => v.every(Number.isFinite));
  const stats: FloatClassStats = { n, M, lo, hi, bxf, bx, m, s1, es1, S2, ES2, finite, directions: [], byKey: new Map(), row };
  memo.set(c, stats);
  return stats;
}

/**
 * Float extremes of d·x̃ over the class (one O(N_j·M) pass, remembered): every exact d·x
 * lies within [min − err, max + err], err = (γ_M + 2u)·|d|·bxf + (M + |d|₁)η/2 (the dot
 * product's rounding and the inputs' rounding), with a safety factor for its own evaluation.
 */
export function floatDirectionExtremes(s: FloatClassStats, d: Float64Array): FloatDirection {
  const key = Array.from(d).join(',');
  const known = s.byKey.get(key);
  if (known) return known;
  const M = s.M;
  const x = new Float64Array(M);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < s.n; i++) {
    s.row(i, x);
    let v = 0;
    for (let k = 0; k < M; k++) v += d[k]! * x[k]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let mag = 0;
  let l1 = 0;
  for (let k = 0; k < M; k++) {
    mag += Math.abs(d[k]!) * s.bxf[k]!;
    l1 += Math.abs(d[k]!);
  }
  const err = ((gamma(M) + 2 * U) * mag + ((M + l1) * ETA) / 2) * SAFE + 4 * ETA;
  let norm = 0;
  for (let k = 0; k < M; k++) norm += d[k]! * d[k]!;
  norm = Math.sqrt(norm);
  const dir: FloatDirection = { d: Float64Array.from(d), min, max, err, unit: d.map((v) => (norm > 0 ? v / norm : 0)) };
  if (s.directions.length >= MAX_DIRECTIONS) s.byKey.delete(Array.from(s.directions.shift()!.d).join(','));
  s.directions.push(dir);
  s.byKey.set(key, dir);
  return dir;
}
