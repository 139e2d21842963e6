/**
 * Exact maxima over the points of a class by a certified float filter: per
 * point a float value with a rigorous error bound; only points whose upper bound reaches
 * the largest lower bound are recomputed exactly, so the maximum is exact. Used for
 * δ² = max|Δx|² and δ_P² = max|PΔx|² (src/data/stats.ts).
 */
import type { CompactClass } from './compact.ts';

export const TWO53 = 2 ** 53;
const U2 = 2 ** -52;

export function dot(a: readonly bigint[], b: readonly bigint[]): bigint {
  let s = 0n;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** u = n·z_i − S (exact BigInt) for row i. */
function uBig(c: CompactClass, M: number, i: number, S: readonly bigint[]): bigint[] {
  const n = BigInt(c.count);
  const u = new Array<bigint>(M);
  for (let k = 0; k < M; k++) u[k] = n * (c.f64 ? BigInt(c.f64[i * M + k]!) : c.big![i * M + k]!) - S[k]!;
  return u;
}

/**
 * max over rows of `exact(u_i)`, where `approx` gives a float value and a rigorous error
 * bound for each row's u (as float64, exact integers). Rows are recomputed exactly only
 * when their upper bound reaches the best lower bound. Falls back to exact on every row
 * when u is not exactly representable in float64 or there is no filter.
 */
export function exactMax(
  c: CompactClass,
  M: number,
  S: readonly bigint[],
  approx: CertifiedFilter | undefined,
  exact: (u: bigint[]) => bigint,
): { best: bigint; at: number } {
  const n = c.count;
  const Sf = S.map((v) => Number(v));
  const floatOk = !!c.f64 && 2 * n * c.maxAbs < TWO53 && S.every((v) => (v < 0n ? -v : v) < BigInt(TWO53));
  if (!floatOk || !approx) {
    let best = 0n;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const w = exact(uBig(c, M, i, S));
      if (w > best) (best = w), (at = i);
    }
    return { best, at };
  }
  const z = c.f64!;
  const u = new Float64Array(M);
  const hi = new Float64Array(n);
  let lower = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < M; k++) u[k] = n * z[i * M + k]! - Sf[k]!; // exact: integers below 2^53
    const { f, err } = approx(u);
    hi[i] = f + err;
    if (f - err > lower) lower = f - err;
  }
  let best = 0n;
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (hi[i]! < lower || hi[i]! <= 0) continue; // exact ≤ hi: cannot beat the best (or is 0)
    const w = exact(uBig(c, M, i, S));
    if (w > best) (best = w), (at = i);
  }
  return { best, at };
}

/** A float value f of an exact integer-valued quantity of u, with |f − exact| ≤ err (docs/float-bounds.md). */
export type CertifiedFilter = (u: Float64Array) => { f: number; err: number };

/**
 * |u|² for integer vectors u (|u_k| < 2^53): γ_M·f from the summation, doubled; no term for
 * underflow (integers) or overflow (f ≤ M·2^106).
 */
export function squaredNormFilter(M: number): CertifiedFilter {
  const slack = (M + 2) * U2;
  return (u) => {
    let f = 0;
    for (let k = 0; k < M; k++) f += u[k]! * u[k]!;
    return { f, err: f * slack };
  };
}

const MIN_NORMAL = 2 ** -1022;

/**
 * |Pu|² = vᵀH⁻¹v with v = Zᵀu, for integer vectors u, the integer class sums Z (M×Q, columns
 * S_j, every |entry| < 2^53) and H = ZᵀZ: P = Z(ZᵀZ)⁻¹Zᵀ, so this is X̄(X̄⁺u) in O(M·Q + Q²)
 * per point instead of O(M²). Hf is H⁻¹ rounded to nearest (|H̃⁻¹ − H⁻¹| ≤ u|H⁻¹|). Bound:
 * |ṽ_q − v_q| ≤ e_q = slack_M·Σ_k|Z_qk||u_k| (integers: no underflow); then
 * |ṽᵀH̃⁻¹ṽ − vᵀH⁻¹v| ≤ (slack_Q + 2u)·|ṽ|ᵀ|H̃⁻¹||ṽ| + (1 + 2u)·eᵀ|H̃⁻¹|(2|ṽ| + e), the first
 * term for the rounding of H⁻¹ and of the quadratic form, the second for the error in v
 * (H⁻¹ symmetric). Returns undefined when H̃⁻¹ has a subnormal or infinite entry (then the
 * caller computes every row exactly).
 */
export function gramProjectedFilter(Zf: readonly Float64Array[], Hf: Float64Array, M: number): CertifiedFilter | undefined {
  const Q = Zf.length;
  if (!Hf.every((h) => Number.isFinite(h) && (h === 0 || Math.abs(h) >= MIN_NORMAL * 2 ** 64))) return undefined;
  const slackM = (M + 2) * U2;
  const slackQ = (2 * Q + 4) * U2;
  const absH = Hf.map(Math.abs);
  const v = new Float64Array(Q);
  const e = new Float64Array(Q);
  return (u) => {
    for (let q = 0; q < Q; q++) {
      const z = Zf[q]!;
      let s = 0;
      let a = 0;
      for (let k = 0; k < M; k++) {
        const t = z[k]! * u[k]!;
        s += t;
        a += Math.abs(t);
      }
      v[q] = s;
      e[q] = slackM * a;
    }
    let f = 0;
    let t1 = 0;
    let t2 = 0;
    for (let i = 0; i < Q; i++) {
      let hv = 0;
      let ahv = 0;
      let ahe = 0;
      for (let j = 0; j < Q; j++) {
        hv += Hf[i * Q + j]! * v[j]!;
        ahv += absH[i * Q + j]! * Math.abs(v[j]!);
        ahe += absH[i * Q + j]! * (2 * Math.abs(v[j]!) + e[j]!);
      }
      f += v[i]! * hv;
      t1 += Math.abs(v[i]!) * ahv;
      t2 += e[i]! * ahe;
    }
    return { f, err: ((slackQ + 2 * U2) * t1 + (1 + 2 * U2) * t2) * 1.01 };
  };
}
