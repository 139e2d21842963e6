/**
 * The independent float64 check of the exact quantities U², Vfull², Vnb²: computed per point
 * in float (no shared code with the exact path beyond the data) and compared with a tolerance
 * scaled by the conditioning. A disagreement beyond it is an error, not a footnote; where no
 * tolerance can be trusted (values beyond float range, a class spread lost to rounding, an
 * ill-conditioned system) the check reports "not applicable" with the reason, and the exact
 * value stands. docs/float-bounds.md explains each step.
 *
 * Accuracy on any data, by exact invariances (each used only where it holds):
 * - U², Vfull², Vnb² are invariant under x ↦ c·x (c > 0) and scale by c² under y ↦ c·y: data
 *   and targets are divided by powers of two that bring them into float range.
 * - Deviations from the class mean are centred in integers before rounding:
 *   x − x̄_j = (N_j·z − Σz)/(N_j·D_j), so large means with tiny spreads lose nothing.
 * - Vfull² (with intercept) is translation invariant: it is computed on x − m for the global
 *   mean m, as (x − x̄_j) + (x̄_j − m) with x̄_j − m from exact rationals.
 * - U² = Σ|Y X̄⁺ (x − x̄_j)|²/N with X̄⁺ from the column-equilibrated X̄S ((X̄S)⁺ = S⁻¹X̄⁺ for
 *   full column rank), and least squares on a column-equilibrated design.
 */
import { FMatrix } from '../float/matrix.ts';
import { floatExponent, ratioToNumber, toNumberScaled } from '../float/convert.ts';
import { compactOf, type CompactClass } from '../data/compact.ts';
import { integerSums } from '../data/integer-sums.ts';
import type { DataSet } from '../data/dataset.ts';
import { Rational, bitLength } from '../exact/rational.ts';

const U = 2 ** -53;
const TWO53 = 2 ** 53;
/** A float check whose estimated relative error exceeds this is not applicable (it could not tell right from wrong). */
const USABLE = 1e-3;

/** A float value with the tolerance it is compared within, or why there is none. */
export type FloatQuantity =
  | {
      readonly applicable: true;
      /** The float value of exact/2^scale (scale ≠ 0 only when the targets were scaled into float range). */
      readonly value: number;
      readonly scale: number;
      readonly relTol: number;
      readonly absTol: number;
    }
  | { readonly applicable: false; readonly reason: string };

export interface FloatQuantities {
  readonly U2: FloatQuantity | undefined;
  readonly Vfull2: FloatQuantity | undefined;
  readonly Vnb2: FloatQuantity | undefined;
}

const notApplicable = (reason: string): FloatQuantity => ({ applicable: false, reason });

/** Per class: the centred deviations x − x̄_j (scaled by 2^-k), one point at a time. */
interface Centred {
  readonly count: number;
  /** Writes (x_i − x̄_j)_a/2^k_a into out. */
  readonly deviation: (i: number, out: Float64Array) => void;
  /** x̄_j exactly. */
  readonly mean: Rational[];
  /** The float path's inputs, when z is float64: deviation_a = (n·z_a − S_a)·factor_a. */
  readonly raw?: { readonly z: Float64Array; readonly S: readonly bigint[]; readonly factor: readonly number[]; readonly maxAbs: number };
}

function centred(c: CompactClass, M: number, ks: readonly number[]): Centred {
  const S = integerSums(c, M);
  const n = BigInt(c.count);
  const nD = n * c.den;
  const mean = S.map((v) => Rational.of(v, nD));
  // Float path: n·z − S exact in float64 (integers below 2^53), one division by n·D·2^k (correctly rounded factor).
  if (c.f64 && 2 * c.count * c.maxAbs < TWO53 && S.every((v) => (v < 0n ? -v : v) < BigInt(TWO53))) {
    const z = c.f64;
    const Sf = S.map(Number);
    const factor = ks.map((k) => ratioToNumber(1n, nD, k));
    const nf = c.count;
    return {
      count: c.count,
      mean,
      deviation: (i, out) => {
        for (let a = 0; a < M; a++) out[a] = (nf * z[i * M + a]! - Sf[a]!) * factor[a]!;
      },
      raw: { z, S, factor, maxAbs: c.maxAbs },
    };
  }
  return {
    count: c.count,
    mean,
    deviation: (i, out) => {
      for (let a = 0; a < M; a++) out[a] = ratioToNumber(n * (c.f64 ? BigInt(c.f64[i * M + a]!) : c.big![i * M + a]!) - S[a]!, nD, ks[a]!);
    },
  };
}

/** log2 of the largest |x_a| per coordinate a (exact up to one), from the compact integers. */
function coordinateExponents(ds: DataSet): number[] {
  const M = ds.M;
  const k = new Array<number>(M).fill(-Infinity);
  for (const c of compactOf(ds).classes) {
    for (let a = 0; a < M; a++) {
      let top = 0;
      if (c.f64) {
        let m = 0;
        for (let i = 0; i < c.count; i++) m = Math.max(m, Math.abs(c.f64[i * M + a]!));
        top = bitLength(BigInt(m));
      } else for (let i = 0; i < c.count; i++) top = Math.max(top, bitLength(c.big![i * M + a]! < 0n ? -c.big![i * M + a]! : c.big![i * M + a]!));
      if (top > 0) k[a] = Math.max(k[a]!, top - bitLength(c.den));
    }
  }
  return k.map((v) => (Number.isFinite(v) ? v : 0));
}

/** A scale exponent only when values leave [2^-200, 2^200]: normal data is computed as always. */
const onlyIfNeeded = (k: number): number => (Math.abs(k) > 200 ? k : 0);

/** κ₁(G) = ‖G‖₁·‖G⁻¹‖₁ from G and its float inverse (an estimate of the squared condition of the design). */
function kappa1(G: FMatrix, Ginv: FMatrix): number {
  const norm1 = (A: FMatrix): number => {
    let best = 0;
    for (let j = 0; j < A.cols; j++) {
      let s = 0;
      for (let i = 0; i < A.rows; i++) s += Math.abs(A.data[i * A.cols + j]!);
      best = Math.max(best, s);
    }
    return best;
  };
  return norm1(G) * norm1(Ginv);
}

/** |A| entrywise. */
const absolute = (A: FMatrix): FMatrix => new FMatrix(A.rows, A.cols, A.data.map(Math.abs));

/** Tolerance from an estimated relative error; not applicable beyond USABLE. */
function withTolerance(value: number, estimate: number, absTol: number): FloatQuantity {
  if (!Number.isFinite(value)) return notApplicable(`an intermediate value left the float64 range`);
  if (!(estimate <= USABLE)) return notApplicable(`too ill-conditioned for float64 (estimated relative error ${estimate.toPrecision(2)})`);
  return { applicable: true, value, scale: 0, relTol: Math.max(1e-6, 100 * estimate), absTol };
}

/** Powers of two diag(2^-e_a) bringing the diagonal of a Gram matrix near 1 (exact rescaling). */
function equilibration(G: FMatrix): Float64Array {
  return Float64Array.from({ length: G.rows }, (_, a) => {
    const g = G.data[a * G.cols + a]!;
    return g > 0 && Number.isFinite(g) ? 2 ** -Math.round(Math.log2(g) / 2) : 1;
  });
}

const scatterMemo = new WeakMap<Centred, { C: Float64Array; s: Float64Array }>();

/** Σ_i dev_i dev_iᵀ (M×M, symmetric, upper triangle summed) and Σ_i dev_i of one class, in float; zero deviations skipped. */
function scatterOf(p: Centred, M: number): { C: Float64Array; s: Float64Array } {
  const known = scatterMemo.get(p);
  if (known) return known;
  const sparse = sparseScatter(p, M);
  if (sparse) {
    scatterMemo.set(p, sparse);
    return sparse;
  }
  const C = new Float64Array(M * M);
  const s = new Float64Array(M);
  const dev = new Float64Array(M);
  for (let i = 0; i < p.count; i++) {
    p.deviation(i, dev);
    for (let a = 0; a < M; a++) {
      const da = dev[a]!;
      if (da === 0) continue;
      s[a]! += da;
      const row = a * M;
      for (let b = a; b < M; b++) C[row + b]! += da * dev[b]!;
    }
  }
  for (let a = 0; a < M; a++) for (let b = 0; b < a; b++) C[a * M + b] = C[b * M + a]!;
  const r = { C, s };
  scatterMemo.set(p, r);
  return r;
}

/**
 * The same scatter from the raw integers, for sparse data (pixels): Σ_i (n z_i − S)(n z_i − S)ᵀ
 * = n²·Σ z zᵀ − n·S Sᵀ exactly (Σ z = S), with Σ z zᵀ summed in float64 over the nonzero
 * coordinates of each point (exact: integers below 2^53 when N_j·max|z|² < 2^53), the
 * combination in BigInt and one rounding per entry; Σ dev = 0 exactly. O(N·nnz²) instead of
 * O(N·M²); only when at most half the coordinates are nonzero on average (else undefined).
 */
function sparseScatter(p: Centred, M: number): { C: Float64Array; s: Float64Array } | undefined {
  const raw = p.raw;
  if (!raw || !(p.count * raw.maxAbs * raw.maxAbs < TWO53)) return undefined;
  const { z, S, factor } = raw;
  let nonzero = 0;
  for (let e = 0; e < p.count * M; e++) if (z[e] !== 0) nonzero++;
  if (2 * nonzero > p.count * M) return undefined;
  const zz = new Float64Array(M * M);
  const nz = new Int32Array(M);
  for (let i = 0; i < p.count; i++) {
    const o = i * M;
    let k = 0;
    for (let a = 0; a < M; a++) if (z[o + a] !== 0) nz[k++] = a;
    for (let t = 0; t < k; t++) {
      const a = nz[t]!;
      const za = z[o + a]!;
      const row = a * M;
      for (let u = t; u < k; u++) {
        const b = nz[u]!;
        zz[row + b]! += za * z[o + b]!;
      }
    }
  }
  const n = BigInt(p.count);
  const n2 = n * n;
  const C = new Float64Array(M * M);
  for (let a = 0; a < M; a++)
    for (let b = a; b < M; b++) {
      const v = n2 * BigInt(zz[a * M + b]!) - n * S[a]! * S[b]!;
      C[a * M + b] = v === 0n ? 0 : Number(v) * factor[a]! * factor[b]!;
    }
  for (let a = 0; a < M; a++) for (let b = 0; b < a; b++) C[a * M + b] = C[b * M + a]!;
  return { C, s: new Float64Array(M) };
}

/**
 * min over A of Σ|A z − y|²/N with z = (x − m, 1) (`withOne`, m the global mean) or z = x, by
 * equilibrated normal equations; the residual is summed per point (stable at the optimum).
 */
function floatLeastSquares(ds: DataSet, parts: readonly Centred[], ks: readonly number[], targets: readonly Float64Array[], withOne: boolean): FloatQuantity {
  const M = ds.M;
  const d = withOne ? M + 1 : M;
  const q = ds.Q;
  // Offsets o_j = (x̄_j − m)/2^k exactly then rounded once (m = 0 without intercept).
  const total = parts.reduce((s, p, j) => s.map((v, a) => v.add(p.mean[a]!.mul(Rational.int(parts[j]!.count)))), new Array<Rational>(M).fill(Rational.ZERO));
  const m = withOne ? total.map((v) => v.div(Rational.int(ds.N))) : new Array<Rational>(M).fill(Rational.ZERO);
  const offsets = parts.map((p) => Float64Array.from(p.mean, (v, a) => toNumberScaled(v.sub(m[a]!), ks[a]!)));
  const z = new Float64Array(d);
  const dev = new Float64Array(M);
  const visit = (f: (zz: Float64Array, y: Float64Array) => void): void =>
    parts.forEach((p, j) => {
      for (let i = 0; i < p.count; i++) {
        p.deviation(i, dev);
        for (let a = 0; a < M; a++) z[a] = dev[a]! + offsets[j]![a]!;
        if (withOne) z[M] = 1;
        f(z, targets[j]!);
      }
    });
  // G = Σ_j Σ_i z zᵀ with z = (dev_i + o_j, 1): from the per-class scatter C_j = Σ dev devᵀ and
  // s_j = Σ dev (one pass over the points, shared by both fits) as
  // C_j + s_j o_jᵀ + o_j s_jᵀ + N_j o_j o_jᵀ: O(Q·d²) here instead of O(N·d²).
  const G = FMatrix.zeros(d, d);
  const B = FMatrix.zeros(d, q);
  parts.forEach((p, j) => {
    const { C, s } = scatterOf(p, M);
    const o = offsets[j]!;
    const y = targets[j]!;
    const n = p.count;
    for (let a = 0; a < M; a++) {
      for (let b = a; b < M; b++) {
        const v = C[a * M + b]! + s[a]! * o[b]! + o[a]! * s[b]! + n * o[a]! * o[b]!;
        G.data[a * d + b]! += v;
        if (b !== a) G.data[b * d + a]! += v;
      }
      const za = s[a]! + n * o[a]!; // Σ_i z_a
      if (withOne) {
        G.data[a * d + M]! += za;
        G.data[M * d + a]! += za;
      }
      for (let c = 0; c < q; c++) B.data[a * q + c]! += za * y[c]!;
    }
    if (withOne) {
      G.data[M * d + M]! += n;
      for (let c = 0; c < q; c++) B.data[M * q + c]! += n * y[c]!;
    }
  });
  if (!G.data.every(Number.isFinite) || !B.data.every(Number.isFinite)) return notApplicable(`the normal equations left the float64 range`);
  const s = equilibration(G);
  const Gs = FMatrix.zeros(d, d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) Gs.data[a * d + b] = G.data[a * d + b]! * s[a]! * s[b]!;
  // (SGS)·X = S·B, Aᵀ = S·X: exact power-of-two rescalings around the solve.
  for (let a = 0; a < d; a++) for (let c = 0; c < q; c++) B.data[a * q + c] = B.data[a * q + c]! * s[a]!;
  let At: FMatrix;
  let Ginv: FMatrix;
  try {
    At = Gs.solve(B);
    Ginv = Gs.inverse();
  } catch {
    return notApplicable(`the normal equations are singular in float64`);
  }
  for (let a = 0; a < d; a++) for (let c = 0; c < q; c++) At.data[a * q + c] = At.data[a * q + c]! * s[a]!;
  let sum = 0;
  let ySize = 0;
  visit((zz, y) => {
    for (let c = 0; c < q; c++) {
      let v = -y[c]!;
      for (let a = 0; a < d; a++) v += At.data[a * q + c]! * zz[a]!;
      sum += v * v;
      ySize += y[c]! * y[c]!;
    }
  });
  const kappa = kappa1(Gs, Ginv);
  // Forward error of the solution ≈ κ·d·u; the residual's error is second order at the optimum,
  // but its rounding is first order in |y|²: the absolute part of the tolerance.
  const estimate = kappa * (d + 2) * U + ds.N * q * U;
  return withTolerance(sum / ds.N, estimate, Math.max(1e-12, 100 * estimate) * (ySize / ds.N));
}

/** U² = Σ_j Σ_i |Y X̄⁺ (x_{j,i} − x̄_j)|² / N with X̄⁺ from the equilibrated means. */
function floatU2(ds: DataSet, parts: readonly Centred[], k: number, targets: readonly Float64Array[]): FloatQuantity {
  const M = ds.M;
  const Q = ds.Q;
  const Xbar = FMatrix.zeros(M, Q);
  parts.forEach((p, j) => p.mean.forEach((v, a) => Xbar.set(a, j, toNumberScaled(v, k))));
  if (!Xbar.data.every(Number.isFinite)) return notApplicable('class means beyond the float64 range');
  // Column scaling S = diag(s_j): (X̄S)⁺ = S⁻¹X̄⁺, so Y X̄⁺ = (Y S)(X̄S)⁺.
  const s = Float64Array.from({ length: Q }, (_, j) => {
    let n2 = 0;
    for (let a = 0; a < M; a++) n2 += Xbar.get(a, j) ** 2;
    return n2 > 0 && Number.isFinite(n2) ? 2 ** -Math.round(Math.log2(n2) / 2) : 1;
  });
  const Bm = FMatrix.zeros(M, Q);
  const YS = FMatrix.zeros(Q, Q);
  for (let j = 0; j < Q; j++) {
    for (let a = 0; a < M; a++) Bm.set(a, j, Xbar.get(a, j) * s[j]!);
    for (let c = 0; c < Q; c++) YS.set(c, j, targets[j]![c]! * s[j]!);
  }
  // X̄⁺dx = S·Op·dx with Op = B⁺. Square (M = Q): Op = (RB)⁻¹R by LU, R = diag(2^-r_a) row
  // scaling (exact invariance), whose entries keep their relative accuracy even when one
  // coordinate is far larger than the others. Otherwise Op = G⁻¹Bᵀ, G = BᵀB, with the
  // cancellation of that product in its error estimate |G⁻¹|·|Bᵀ|.
  let Op: FMatrix;
  let OpAbs: FMatrix;
  let kappa: number;
  try {
    if (M === Q) {
      const r = Float64Array.from({ length: M }, (_, a) => {
        let top = 0;
        for (let j = 0; j < Q; j++) top = Math.max(top, Math.abs(Bm.get(a, j)));
        return top > 0 && Number.isFinite(top) ? 2 ** -Math.round(Math.log2(top)) : 1;
      });
      const RB = FMatrix.zeros(M, Q);
      for (let a = 0; a < M; a++) for (let j = 0; j < Q; j++) RB.set(a, j, Bm.get(a, j) * r[a]!);
      const inv = RB.inverse();
      kappa = kappa1(RB, inv);
      Op = FMatrix.zeros(Q, M);
      OpAbs = FMatrix.zeros(Q, M);
      for (let j = 0; j < Q; j++)
        for (let a = 0; a < M; a++) {
          Op.set(j, a, inv.get(j, a) * r[a]!);
          OpAbs.set(j, a, Math.abs(inv.get(j, a)) * r[a]!);
        }
    } else {
      const G = Bm.transpose().mul(Bm);
      const Ginv = G.inverse();
      kappa = kappa1(G, Ginv);
      Op = Ginv.mul(Bm.transpose());
      OpAbs = absolute(Ginv).mul(absolute(Bm.transpose()));
    }
  } catch {
    return notApplicable('the class means are singular in float64');
  }
  // Per point an error estimate of A·dx, a posteriori: the residual R = Op·B − I of the computed
  // operator (plus the rounding of that product) times |Op|·|dx| (an inverse's error is about
  // R·Op, whatever pivoting did), the operator model κ·(M+Q+2)·u·OpAbs·|dx|, and the products.
  const rel = kappa * (M + Q + 2) * U;
  const prod = Op.mul(Bm); // = I exactly in exact arithmetic (Op·B = (RB)⁻¹RB, or G⁻¹BᵀB)
  const resid = FMatrix.zeros(Q, Q);
  const absProd = absolute(Op).mul(absolute(Bm));
  for (let i = 0; i < Q; i++)
    for (let j = 0; j < Q; j++) resid.set(i, j, Math.abs(prod.get(i, j) - (i === j ? 1 : 0)) + (M + 2) * U * absProd.get(i, j));
  const OpA = absolute(Op);
  const YSabs = absolute(YS);
  let sum = 0;
  let err = 0;
  const dx = new Float64Array(M);
  const adx = new Float64Array(M);
  for (const p of parts)
    for (let i = 0; i < p.count; i++) {
      p.deviation(i, dx);
      for (let a = 0; a < M; a++) adx[a] = Math.abs(dx[a]!);
      const w = Op.mulVec(dx);
      const v = YS.mulVec(w);
      const opdx = OpA.mulVec(adx);
      const rw = resid.mulVec(opdx);
      const ew = OpAbs.mulVec(adx).map((x, j) => rel * x + rw[j]! + (M + 2) * U * opdx[j]!);
      const ev = YSabs.mulVec(ew);
      for (let c = 0; c < Q; c++) {
        const e = ev[c]! + (Q + 2) * U * Math.abs(v[c]!);
        sum += v[c]! * v[c]!;
        err += 2 * Math.abs(v[c]!) * e + e * e;
      }
    }
  const value = sum / ds.N;
  const absErr = err / ds.N + ds.N * U * value;
  if (!Number.isFinite(value) || !Number.isFinite(absErr)) return notApplicable('an intermediate value left the float64 range');
  if (!(absErr <= USABLE * value) && absErr > 0)
    return notApplicable(`float64 cannot resolve it on these data (estimated relative error ${(absErr / value).toPrecision(2)})`);
  return { applicable: true, value, scale: 0, relTol: 1e-6, absTol: Math.max(1e-12, 16 * absErr) };
}

export function floatQuantities(ds: DataSet): FloatQuantities {
  const perCoordinate = coordinateExponents(ds);
  // U² needs one scale for all coordinates; the least-squares values allow one per coordinate
  // (the minimum does not depend on the design's column scaling), which keeps a column of tiny
  // values out of the subnormal range where it would lose its rank.
  const k = onlyIfNeeded(Math.max(...perCoordinate));
  const ky = onlyIfNeeded(floatExponent(ds.targets.flat()));
  const targets = ds.targets.map((t) => Float64Array.from(t, (v) => toNumberScaled(v, ky)));
  const classes = compactOf(ds).classes;
  const parts = classes.map((c) => centred(c, ds.M, new Array<number>(ds.M).fill(k)));
  const columns = perCoordinate.map(onlyIfNeeded);
  const columnParts = columns.every((v) => v === k) ? parts : classes.map((c) => centred(c, ds.M, columns));
  // All three scale by 2^(2·ky) with the targets: the values compared are exact/2^(2·ky).
  const scaled = (f: FloatQuantity): FloatQuantity => (f.applicable ? { ...f, scale: 2 * ky } : f);
  return { U2: scaled(floatU2(ds, parts, k, targets)), Vfull2: scaled(floatLeastSquares(ds, columnParts, columns, targets, true)), Vnb2: scaled(floatLeastSquares(ds, columnParts, columns, targets, false)) };
}

/** Throws when a float value and its exact counterpart disagree beyond its tolerance. */
export function assertAgrees(name: string, exact: Rational | undefined, float: FloatQuantity | undefined): void {
  if (exact === undefined || float === undefined || !float.applicable) return;
  const e = toNumberScaled(exact, float.scale);
  if (!(Math.abs(e - float.value) <= Math.max(float.absTol, float.relTol * Math.abs(e))))
    throw new Error(`float check failed for ${name}: exact ${e} vs float ${float.value} (beyond rounding)`);
}
