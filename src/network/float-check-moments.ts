/**
 * The float cross-check of ms by class moments (docs/float-bounds.md §5a): for a class
 * whose every exact point lies strictly inside one activation pattern — proven in float,
 * with a rounding margin, from the class's float box and float directional extremes
 * (float-check-stats.ts) — the network is affine on the class, x ↦ A x + c, and
 *   Σ_class |A x + c − y|² = tr(A S2 Aᵀ) + 2 vᵀA s1 + n|v|²,   v = A m + c − y,
 * with s1 = Σ(x − m), S2 = Σ(x − m)(x − m)ᵀ. Everything here is float64 from the network's
 * float parameters and the class's float statistics, with a running error bound against the
 * exact value; nothing comes from the exact engine, so it can disagree with it.
 * A class that reaches a hyperplane (or a budget of directional passes runs out) gets no
 * answer here: the caller checks it point by point.
 */
import type { FlatNetwork } from './float-batch.ts';
import { floatDirectionExtremes, type FloatClassStats, type FloatDirection } from './float-check-stats.ts';

const U = 2 ** -53;
const ETA = 2 ** -1074;
const LAMBDA = 2 ** -1022;
const gamma = (n: number): number => (n * U) / (1 - n * U);
const SAFE = 1 + 1e-10;
/** Remembered directions tried per unit the box does not decide (closest in angle first). */
const TRY_DIRECTIONS = 3;

/** The class's contribution to Σ|out − y|² in float, and a bound on its distance to the exact one. */
export interface ClassCost {
  readonly value: number;
  readonly bound: number;
}

/** max(|p|, λ) for a nonzero parameter (a subnormal parameter is off by up to uλ absolutely). */
const magλ = (v: number): number => (v === 0 ? 0 : Math.max(Math.abs(v), LAMBDA));

/**
 * Bounds (value ± err) on the exact pre-activation a·x + κ over every exact point x of the
 * class, with |a − â| ≤ eA and |κ − κ̂| ≤ eK, through a·x = p(d·x) + (a − p d)·x for a known
 * direction d (p = 0: the box alone). Returns 1 / −1 when the sign is proven, else 0.
 */
function signVia(s: FloatClassStats, a: Float64Array, eA: Float64Array, kappa: number, eK: number, dir?: FloatDirection): 1 | -1 | 0 {
  const M = s.M;
  let p = 0;
  if (dir) {
    let ad = 0;
    let dd = 0;
    for (let k = 0; k < M; k++) (ad += a[k]! * dir.d[k]!), (dd += dir.d[k]! * dir.d[k]!);
    p = dd > 0 ? ad / dd : 0;
    if (!Number.isFinite(p)) return 0;
  }
  let lb = dir ? (p >= 0 ? p * dir.min : p * dir.max) : 0;
  let ub = dir ? (p >= 0 ? p * dir.max : p * dir.min) : 0;
  let mag = dir ? Math.abs(p) * Math.max(Math.abs(dir.min), Math.abs(dir.max)) : 0;
  let slack = dir ? Math.abs(p) * dir.err : 0;
  for (let k = 0; k < M; k++) {
    const pd = dir ? p * dir.d[k]! : 0;
    const r = a[k]! - pd;
    const t1 = r * s.lo[k]!;
    const t2 = r * s.hi[k]!;
    lb += t1 < t2 ? t1 : t2;
    ub += t1 < t2 ? t2 : t1;
    const ar = Math.abs(r);
    mag += ar * s.bxf[k]!;
    // x outside the float box by the input rounding; r's own rounding; â's error.
    const rErr = dir ? 2 * U * Math.abs(a[k]!) + 4 * U * Math.abs(pd) + ETA : 0;
    slack += ar * (2 * U * s.bxf[k]! + ETA) + (rErr + eA[k]!) * s.bx[k]!;
  }
  lb += kappa;
  ub += kappa;
  mag += Math.abs(kappa);
  slack = (gamma(M + 4) * mag + slack + eK) * SAFE + (5 * M + 20) * ETA;
  if (lb > slack) return 1;
  if (ub < -slack) return -1;
  return 0;
}

/** The remembered directions closest in angle to a (float heuristic; the bound itself is rigorous). */
function closest(s: FloatClassStats, a: Float64Array, count: number): FloatDirection[] {
  let norm = 0;
  for (const v of a) norm += v * v;
  norm = Math.sqrt(norm);
  if (!(norm > 0) || !Number.isFinite(norm)) return [];
  const scored: { dir: FloatDirection; c: number }[] = [];
  for (const dir of s.directions) {
    let c = 0;
    for (let k = 0; k < s.M; k++) c += a[k]! * dir.unit[k]!;
    scored.push({ dir, c: Math.abs(c) / norm });
  }
  return scored
    .sort((x, y) => y.c - x.c)
    .slice(0, count)
    .map((e) => e.dir);
}

/**
 * The sign of a unit on the whole class (proven with margins), or 0. `budget.passes`: how
 * many new O(N_j) directional passes may still be made for this network and class.
 */
function unitSign(s: FloatClassStats, a: Float64Array, eA: Float64Array, kappa: number, eK: number, hint: { dir?: FloatDirection }, budget: { passes: number }): 1 | -1 | 0 {
  let r = signVia(s, a, eA, kappa, eK);
  if (r !== 0) return r;
  if (hint.dir && (r = signVia(s, a, eA, kappa, eK, hint.dir)) !== 0) return r;
  for (const dir of closest(s, a, TRY_DIRECTIONS)) {
    if (dir === hint.dir) continue;
    if ((r = signVia(s, a, eA, kappa, eK, dir)) !== 0) {
      hint.dir = dir;
      return r;
    }
  }
  if (budget.passes <= 0 || !a.every(Number.isFinite)) return 0;
  budget.passes--;
  const own = floatDirectionExtremes(s, a);
  r = signVia(s, a, eA, kappa, eK, own);
  if (r !== 0) hint.dir = own;
  return r;
}

/**
 * The class's Σ|net(x) − y|² by moments with its bound, or undefined when the class is not
 * proven to lie strictly inside one pattern (or a value leaves the float range).
 * `y`: the class's float targets; `ey`: bounds on their rounding.
 */
export function classCostByMoments(fn: FlatNetwork, s: FloatClassStats, y: Float64Array, ey: Float64Array, maxPasses: number): ClassCost | undefined {
  if (!s.finite || s.n === 0) return undefined;
  const M = s.M;
  const nl = fn.W.length;
  // The affine map on the class so far: A (rows × M), c, and their error bounds (start: x itself).
  let rowsIn = M;
  let A = new Float64Array(M * M);
  for (let k = 0; k < M; k++) A[k * M + k] = 1;
  let EA = new Float64Array(M * M);
  let c = new Float64Array(M);
  let EC = new Float64Array(M);
  const budget = { passes: maxPasses };
  const a = new Float64Array(M);
  const ea = new Float64Array(M);
  for (let l = 0; l < nl; l++) {
    const W = fn.W[l]!;
    const b = fn.b[l]!;
    const R = fn.rows[l]!;
    const C = fn.cols[l]!;
    if (C !== rowsIn) return undefined;
    const last = l === nl - 1;
    const nA = new Float64Array(R * M);
    const nEA = new Float64Array(R * M);
    const nc = new Float64Array(R);
    const nEC = new Float64Array(R);
    const hint: { dir?: FloatDirection } = {};
    // Per entry, the running bound of docs/float-bounds.md §1 with inputs A (errors EA):
    // e = (P(1 + 2nu) + 2nu·m_λ)(1 + 10⁻¹²) + (2C + 8)η, n = C + 4.
    const nu = (C + 4) * U;
    for (let r = 0; r < R; r++) {
      for (let k = 0; k < M; k++) {
        let v = 0;
        let mλ = 0;
        let P = 0;
        for (let i = 0; i < C; i++) {
          const w = W[r * C + i]!;
          if (w === 0) continue;
          const x = A[i * M + k]!;
          v += w * x;
          mλ += magλ(w) * Math.abs(x);
          P += Math.abs(w) * EA[i * M + k]!;
        }
        a[k] = v;
        ea[k] = (P * (1 + 2 * nu) + 2 * nu * mλ) * (1 + 1e-12) + (2 * C + 8) * ETA;
      }
      let kappa = b[r]!;
      let mλ = magλ(b[r]!);
      let P = 0;
      for (let i = 0; i < C; i++) {
        const w = W[r * C + i]!;
        if (w === 0) continue;
        kappa += w * c[i]!;
        mλ += magλ(w) * Math.abs(c[i]!);
        P += Math.abs(w) * EC[i]!;
      }
      const eK = (P * (1 + 2 * nu) + 2 * nu * mλ) * (1 + 1e-12) + (2 * C + 8) * ETA;
      if (!last) {
        const sign = unitSign(s, a, ea, kappa, eK, hint, budget);
        if (sign === 0) return undefined;
        if (sign < 0) continue; // ReLU of a negative pre-activation: exactly 0 on the class
      }
      nA.set(a, r * M);
      nEA.set(ea, r * M);
      nc[r] = kappa;
      nEC[r] = eK;
    }
    A = nA;
    EA = nEA;
    c = nc;
    EC = nEC;
    rowsIn = R;
  }
  return costFromMoments(A, EA, c, EC, s, y, ey, rowsIn);
}

/**
 * Σ_k [(A S2 Aᵀ)_kk + 2 v_k (A s1)_k + n v_k²] in float and its error bound: the evaluation's
 * own rounding, and the propagation of the bounds on A, c, y, s1, S2 (|ŝ·t̂ − s·t| ≤
 * (|ŝ| + e_s)(|t̂| + e_t) − |ŝ||t̂| for products, expanded into nonnegative terms).
 */
function costFromMoments(A: Float64Array, EA: Float64Array, c: Float64Array, EC: Float64Array, s: FloatClassStats, y: Float64Array, ey: Float64Array, Q: number): ClassCost | undefined {
  const { M, n, m, s1, es1, S2, ES2 } = s;
  let value = 0;
  let bound = 0;
  let magTotal = 0;
  const t = new Float64Array(M);
  const ta = new Float64Array(M);
  for (let k = 0; k < Q; k++) {
    const o = k * M;
    // v = A m + c − y and its bound.
    let v = c[k]!;
    let vm = Math.abs(c[k]!);
    let ev = EC[k]! + ey[k]!;
    let maxA = 0;
    for (let r = 0; r < M; r++) {
      v += A[o + r]! * m[r]!;
      vm += Math.abs(A[o + r]! * m[r]!);
      ev += EA[o + r]! * Math.abs(m[r]!);
      maxA = Math.max(maxA, Math.abs(A[o + r]!) + EA[o + r]!);
    }
    v -= y[k]!;
    vm += Math.abs(y[k]!);
    ev = (ev + gamma(M + 3) * vm) * SAFE + (M + 4) * ETA;
    const av = Math.abs(v);
    // q = A S2 Aᵀ (diagonal entry k), w = A s1, and the magnitudes and error terms.
    let q = 0;
    let qMag = 0;
    let qErr = 0;
    let w = 0;
    let wMag = 0;
    let wErr = 0;
    for (let r = 0; r < M; r++) {
      let tr = 0;
      let trA = 0;
      for (let u2 = 0; u2 < M; u2++) {
        tr += S2[r * M + u2]! * A[o + u2]!;
        trA += Math.abs(S2[r * M + u2]!) * Math.abs(A[o + u2]!);
      }
      t[r] = tr;
      ta[r] = trA;
    }
    for (let r = 0; r < M; r++) {
      const ar = A[o + r]!;
      const aa = Math.abs(ar);
      const er = EA[o + r]!;
      q += ar * t[r]!;
      qMag += aa * ta[r]!;
      for (let u2 = 0; u2 < M; u2++) {
        const sAbs = Math.abs(S2[r * M + u2]!);
        const eS = ES2[r * M + u2]!;
        const au = Math.abs(A[o + u2]!);
        const eu = EA[o + u2]!;
        qErr += er * (sAbs + eS) * (au + eu) + aa * (sAbs + eS) * eu + aa * eS * au;
      }
      w += ar * s1[r]!;
      wMag += aa * Math.abs(s1[r]!);
      // |v'(A's1') − v̂(Âŝ1)| ≤ ev(|Â| + EA)(|ŝ1| + es1) + |v̂|EA(|ŝ1| + es1) + |v̂||Â|es1 (summed over r).
      wErr += ev * (aa + er) * (Math.abs(s1[r]!) + es1[r]!) + av * er * (Math.abs(s1[r]!) + es1[r]!) + av * aa * es1[r]!;
    }
    const fk = q + 2 * v * w + n * v * v;
    const mag = qMag + 2 * av * wMag + n * av * av;
    const sqErr = n * ev * (2 * av + ev);
    const bk = (gamma(2 * M + 8) * mag + qErr + 2 * wErr + sqErr) * SAFE + ((M * M + M + 8) * (1 + maxA) * (1 + av) + n + 4 * M * M + 16) * ETA;
    value += fk;
    bound += bk;
    magTotal += Math.abs(fk);
  }
  bound = (bound + gamma(Q + 1) * magTotal) * SAFE;
  if (!Number.isFinite(value) || !Number.isFinite(bound)) return undefined;
  return { value, bound };
}
