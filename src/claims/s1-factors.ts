/**
 * The S1 network (SPEC §3) through the factorisation of its M×M matrices: with the integer
 * class sums Z (M×Q; column j is x̄_j·s_j, s_j = N_j·D_j) and H = ZᵀZ (Q×Q, positive definite
 * when rank X̄ = Q),
 *   P = Z·adj(H)·Zᵀ / det H,    X̄⁺ = S·adj(H)·Zᵀ / det H   (S = diag(s_j)).
 * Applying P, X̄⁺ or YX̄⁺ to a vector costs O(M·Q) exact operations instead of the O(M²)
 * of an M×M matrix of long fractions; the M×M matrix P itself is built once, as integers over
 * det H, for the network that the certificate carries. Every value here is exact: the
 * factored products equal the matrix products (associativity), nothing is rounded.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf, TWO53 } from '../data/compact.ts';
import { integerSums } from '../data/integer-sums.ts';
import { adjugate } from '../data/extremes.ts';

export interface S1Factors {
  readonly M: number;
  readonly Q: number;
  /** Z[j]: the integer sums of class j (Σz, x = z/D_j), length M. */
  readonly Z: readonly (readonly bigint[])[];
  /** s_j = N_j·D_j, so x̄_j = Z[j] / s_j. */
  readonly scale: readonly bigint[];
  /** adj(H) and det H > 0 for H = ZᵀZ. */
  readonly adj: readonly (readonly bigint[])[];
  readonly det: bigint;
  /** Targets as columns (Q×Q). */
  readonly Y: Matrix;
}

/** The factors of P and X̄⁺, or undefined when rank X̄ < Q (det H = 0). */
export function s1Factors(ds: DataSet): S1Factors | undefined {
  const classes = compactOf(ds).classes;
  const Z = classes.map((c) => integerSums(c, ds.M));
  const H = Z.map((a) => Z.map((b) => dot(a, b)));
  const { adj, det } = adjugate(H);
  if (det <= 0n) return undefined;
  return { M: ds.M, Q: ds.Q, Z, scale: classes.map((c) => BigInt(c.count) * c.den), adj, det, Y: Matrix.fromColumns(ds.targets) };
}

function dot(a: readonly bigint[], b: readonly bigint[]): bigint {
  let s = 0n;
  for (let k = 0; k < a.length; k++) if (a[k] !== 0n && b[k] !== 0n) s += a[k]! * b[k]!;
  return s;
}

/** Zᵀu for u = ints/den: the integer vector Zᵀ·ints. */
function zt(f: S1Factors, ints: readonly bigint[]): bigint[] {
  return f.Z.map((col) => dot(col, ints));
}

function adjTimes(f: S1Factors, v: readonly bigint[]): bigint[] {
  return f.adj.map((row) => dot(row, v));
}

/** P·u, exactly. */
export function applyP(f: S1Factors, u: readonly Rational[]): Rational[] {
  const { ints, den } = overCommonDenominator(u);
  const a = adjTimes(f, zt(f, ints));
  const d = den * f.det;
  return Array.from({ length: f.M }, (_, i) => {
    let s = 0n;
    for (let q = 0; q < f.Q; q++) s += f.Z[q]![i]! * a[q]!;
    return s === 0n ? Rational.ZERO : Rational.of(s, d);
  });
}

/** X̄⁺·u (a Q-vector), exactly. */
export function applyXpinv(f: S1Factors, u: readonly Rational[]): Rational[] {
  const { ints, den } = overCommonDenominator(u);
  const a = adjTimes(f, zt(f, ints));
  return a.map((v, q) => Rational.of(v * f.scale[q]!, den * f.det));
}

/** YX̄⁺·u (a Q-vector), exactly. */
export function applyYXpinv(f: S1Factors, u: readonly Rational[]): Rational[] {
  return f.Y.mulVec(applyXpinv(f, u));
}

/** X̄⁺ as a Q×M matrix. */
export function xpinvMatrix(f: S1Factors): Matrix {
  const data = new Array<Rational>(f.Q * f.M);
  for (let q = 0; q < f.Q; q++)
    for (let i = 0; i < f.M; i++) {
      let s = 0n;
      for (let r = 0; r < f.Q; r++) s += f.adj[q]![r]! * f.Z[r]![i]!;
      data[q * f.M + i] = s === 0n ? Rational.ZERO : Rational.of(s * f.scale[q]!, f.det);
    }
  return new Matrix(f.Q, f.M, data);
}

/** P as an M×M matrix: integers Z·adj(H)·Zᵀ over det H, one reduction per entry (P is symmetric). */
export function projectorMatrix(f: S1Factors): Matrix {
  const { M, Q } = f;
  const T = Array.from({ length: M }, (_, i) => f.adj.map((row) => row.reduce((s, a, r) => s + a * f.Z[r]![i]!, 0n))); // (Z adj)_i, adj symmetric
  const data = new Array<Rational>(M * M);
  for (let i = 0; i < M; i++) {
    const Ti = T[i]!;
    for (let k = i; k < M; k++) {
      let s = 0n;
      for (let q = 0; q < Q; q++) {
        const z = f.Z[q]![k]!;
        if (z !== 0n) s += Ti[q]! * z;
      }
      const v = s === 0n ? Rational.ZERO : Rational.of(s, f.det);
      data[i * M + k] = v;
      data[k * M + i] = v;
    }
  }
  return new Matrix(M, M, data);
}

/**
 * The Q×Q matrix G with (YX̄⁺)·P = G·Zᵀ (G = Y·S·adj·H·adj / det²), exactly: the network's
 * linear part on its identity region, x ↦ G·(Zᵀx).
 */
export function outputOnZt(f: S1Factors): Matrix {
  const H = f.Z.map((a) => f.Z.map((b) => dot(a, b)));
  const ints = (rows: readonly (readonly bigint[])[]) => Matrix.fromRows(rows.map((r) => r.map((v) => Rational.int(v))));
  const S = Matrix.diagonal(f.scale.map((v) => Rational.int(v)));
  const adj = ints(f.adj);
  return f.Y.mul(S).mul(adj).mul(ints(H)).mul(adj).scale(Rational.of(1n, f.det * f.det));
}

/**
 * Per class, the exact moments of v = Zᵀz over its points (x = z/D_j): Σv (Q) and Σvvᵀ (Q×Q,
 * row-major), as integers. v is computed in float64 when every partial sum is an integer
 * below 2^53 (Σ_k |Z_kq|·max|z| < 2^53), else undefined (the caller takes the generic path).
 */
export function projectedMoments(ds: DataSet, f: S1Factors): { sum: bigint[]; second: bigint[] }[] | undefined {
  const { M, Q } = f;
  const Zf = f.Z.map((col) => Float64Array.from(col, Number));
  if (f.Z.some((col) => col.some((v) => (v < 0n ? -v : v) >= BigInt(TWO53)))) return undefined;
  const out: { sum: bigint[]; second: bigint[] }[] = [];
  for (const c of compactOf(ds).classes) {
    if (!c.f64 || !Zf.every((z) => z.reduce((t, v) => t + Math.abs(v), 0) * c.maxAbs < TWO53 / 2)) return undefined;
    const z = c.f64;
    const sum = new Array<bigint>(Q).fill(0n);
    const second = new Array<bigint>(Q * Q).fill(0n);
    const v = new Float64Array(Q);
    const vb = new Array<bigint>(Q);
    // Rows with nonzero coordinates only (images are sparse).
    const nz = new Int32Array(M);
    for (let row = 0; row < c.count; row++) {
      const o = row * M;
      let n = 0;
      for (let k = 0; k < M; k++) if (z[o + k] !== 0) nz[n++] = k;
      for (let q = 0; q < Q; q++) {
        const Zq = Zf[q]!;
        let s = 0;
        for (let t = 0; t < n; t++) {
          const k = nz[t]!;
          s += Zq[k]! * z[o + k]!;
        }
        v[q] = s;
      }
      for (let q = 0; q < Q; q++) {
        vb[q] = BigInt(v[q]!);
        sum[q]! += vb[q]!;
      }
      for (let q = 0; q < Q; q++) {
        if (vb[q] === 0n) continue;
        for (let r = q; r < Q; r++) second[q * Q + r]! += vb[q]! * vb[r]!;
      }
    }
    for (let q = 0; q < Q; q++) for (let r = 0; r < q; r++) second[q * Q + r] = second[r * Q + q]!;
    out.push({ sum, second });
  }
  return out;
}
