/**
 * Fraction-free elimination over ℤ[δ] for the δ-families (delta-family.ts):
 * polynomials with BigInt coefficients, so Bareiss steps need no gcd per
 * coefficient (over ℚ[δ] with Rational coefficients the gcds dominated: 30 s
 * for Q = M = 8).
 *
 * A matrix over ℚ[δ] is first scaled by one common denominator c > 0 of all its
 * coefficients. Scaling by a nonzero constant changes every k×k minor by c^k and
 * nothing else, so pivot columns, zero tests and determinants (up to that known
 * factor) are those of the original matrix. Every division is exact (Sylvester's
 * identity); an inexact one throws, as in poly-matrix.ts.
 */
import { Rational, commonDenominator, overCommonDenominator } from '../exact/rational.ts';
import { Poly } from './rational-function.ts';
import type { PolyMatrix } from './poly-matrix.ts';

/** Σ c_k δ^k, coefficients low to high, no trailing zeros (the zero polynomial is []). */
export type IntPoly = readonly bigint[];

function trim(c: bigint[]): bigint[] {
  let n = c.length;
  while (n > 0 && c[n - 1] === 0n) n--;
  c.length = n;
  return c;
}

export function ipMul(a: IntPoly, b: IntPoly): IntPoly {
  if (a.length === 0 || b.length === 0) return [];
  const out = new Array<bigint>(a.length + b.length - 1).fill(0n);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x === 0n) continue;
    for (let j = 0; j < b.length; j++) out[i + j]! += x * b[j]!;
  }
  return trim(out);
}

export function ipSub(a: IntPoly, b: IntPoly): IntPoly {
  const n = Math.max(a.length, b.length);
  const out = new Array<bigint>(n);
  for (let k = 0; k < n; k++) out[k] = (a[k] ?? 0n) - (b[k] ?? 0n);
  return trim(out);
}

/** a / b in ℤ[δ]; throws when b does not divide a there. */
export function ipDivExact(a: IntPoly, b: IntPoly): IntPoly {
  if (b.length === 0) throw new RangeError('division by the zero polynomial');
  if (a.length === 0) return [];
  if (b.length === 1) {
    const d = b[0]!;
    if (d === 1n) return a;
    return a.map((v) => {
      if (v % d !== 0n) throw new RangeError('inexact polynomial division');
      return v / d;
    });
  }
  const db = b.length - 1;
  const lead = b[db]!;
  const r = [...a];
  const qn = a.length - db;
  if (qn <= 0) throw new RangeError('inexact polynomial division');
  const q = new Array<bigint>(qn);
  for (let k = qn - 1; k >= 0; k--) {
    const top = r[k + db]!;
    if (top % lead !== 0n) throw new RangeError('inexact polynomial division');
    const f = top / lead;
    q[k] = f;
    if (f !== 0n) for (let i = 0; i <= db; i++) r[k + i]! -= f * b[i]!;
  }
  for (let k = 0; k < db; k++) if (r[k] !== 0n) throw new RangeError('inexact polynomial division');
  return trim(q);
}

/** The matrix times one common denominator c > 0 of all coefficients, over ℤ[δ]. */
export function toIntMatrix(m: PolyMatrix): { m: IntPoly[][]; scale: bigint } {
  const c = commonDenominator(m.flatMap((row) => row.flatMap((p) => p.coeffs)));
  return { m: m.map((row) => row.map((p) => overCommonDenominator(p.coeffs, c).ints)), scale: c };
}

/** The polynomial p / den over ℚ. */
export function fromIntPoly(p: IntPoly, den: bigint = 1n): Poly {
  return Poly.from(p.map((v) => Rational.of(v, den)));
}

/**
 * Pivot columns over ℚ(δ) (the same algorithm, hence the same columns, as
 * polyPivotColumns in poly-matrix.ts: row pivoting on the first nonzero entry).
 */
export function intPivotColumns(m: readonly (readonly IntPoly[])[]): number[] {
  const rows = m.length;
  const cols = rows === 0 ? 0 : m[0]!.length;
  const a = m.map((r) => [...r]);
  const pivots: number[] = [];
  let prev: IntPoly = [1n];
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    const p = a.findIndex((row, i) => i >= r && row[c]!.length > 0);
    if (p < 0) continue;
    [a[r], a[p]] = [a[p]!, a[r]!];
    const pr = a[r]!;
    for (let i = r + 1; i < rows; i++) {
      const ri = a[i]!;
      for (let j = c + 1; j < cols; j++) ri[j] = ipDivExact(ipSub(ipMul(ri[j]!, pr[c]!), ipMul(ri[c]!, pr[j]!)), prev);
      ri[c] = [];
    }
    prev = pr[c]!;
    pivots.push(c);
    r++;
  }
  return pivots;
}

/**
 * For a square G (p × p) over ℤ[δ] and B (q × p): det G and t = tr(B adj(G) Bᵀ),
 * so that tr(B G⁻¹ Bᵀ) = t / det G. One Bareiss elimination of the bordered
 * matrix [[G, Bᵀ], [B, 0]] on its first p pivots: afterwards entry (p+i, p+j) is
 * the bordered minor det[[G, Bᵀ_j], [B_i, 0]] = −B_i adj(G) B_jᵀ, and the last
 * pivot is det G. Undefined when a leading principal minor of G is the zero
 * polynomial (no pivoting here; the caller then uses Cramer's rule).
 */
export function borderedTrace(G: readonly (readonly IntPoly[])[], B: readonly (readonly IntPoly[])[]): { trace: IntPoly; det: IntPoly } | undefined {
  const p = G.length;
  const q = B.length;
  const n = p + q;
  const a: IntPoly[][] = [...G.map((row, i) => [...row, ...B.map((b) => b[i]!)]), ...B.map((b) => [...b, ...new Array<IntPoly>(q).fill([])])];
  let prev: IntPoly = [1n];
  for (let k = 0; k < p; k++) {
    const rk = a[k]!;
    const piv = rk[k]!;
    if (piv.length === 0) return undefined;
    for (let i = k + 1; i < n; i++) {
      const ri = a[i]!;
      const rik = ri[k]!;
      // Only the rows and columns still needed: the rest of G's block and the bordered block.
      for (let j = k + 1; j < n; j++) {
        if (i >= p && j >= p && i !== j) continue; // off-diagonal bordered entries are not needed
        ri[j] = ipDivExact(ipSub(ipMul(ri[j]!, piv), rik.length ? ipMul(rik, rk[j]!) : []), prev);
      }
      ri[k] = [];
    }
    prev = piv;
  }
  let t: IntPoly = [];
  for (let i = p; i < n; i++) t = ipSub(t, a[i]![i]!);
  return { trace: t, det: prev };
}

/** det by Bareiss elimination with row pivoting (as polyDet in poly-matrix.ts), over ℤ[δ]. */
export function intDet(m: readonly (readonly IntPoly[])[]): IntPoly {
  const n = m.length;
  if (n === 0) return [1n];
  const a = m.map((r) => [...r]);
  let negate = false;
  let prev: IntPoly = [1n];
  for (let k = 0; k < n - 1; k++) {
    if (a[k]![k]!.length === 0) {
      const p = a.findIndex((r, i) => i > k && r[k]!.length > 0);
      if (p < 0) return [];
      [a[k], a[p]] = [a[p]!, a[k]!];
      negate = !negate;
    }
    const rk = a[k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = a[i]!;
      for (let j = k + 1; j < n; j++) ri[j] = ipDivExact(ipSub(ipMul(ri[j]!, rk[k]!), ipMul(ri[k]!, rk[j]!)), prev);
      ri[k] = [];
    }
    prev = rk[k]!;
  }
  const d = a[n - 1]![n - 1]!;
  return negate ? d.map((v) => -v) : d;
}

/** det A over ℚ[δ] (= polyDet), through ℤ[δ]: det(cA) = c^n det A. */
export function polyDetInt(A: PolyMatrix): Poly {
  const { m, scale } = toIntMatrix(A);
  return fromIntPoly(intDet(m), scale ** BigInt(A.length));
}

/** adj(A) over ℚ[δ] (= polyAdjugate: adj(A)·A = det(A)·I), by cofactors over ℤ[δ]. */
export function polyAdjugateInt(A: PolyMatrix): Poly[][] {
  const n = A.length;
  if (n === 1) return [[Poly.ONE]];
  const { m, scale } = toIntMatrix(A);
  const s = scale ** BigInt(n - 1);
  return Array.from({ length: n }, (_, k) =>
    Array.from({ length: n }, (_, i) => {
      const d = intDet(m.filter((_, r) => r !== i).map((row) => row.filter((_, c) => c !== k)));
      return fromIntPoly((i + k) % 2 === 0 ? d : d.map((v) => -v), s);
    }),
  );
}

/** Product over ℤ[δ]. */
export function intMatMul(a: readonly (readonly IntPoly[])[], b: readonly (readonly IntPoly[])[]): IntPoly[][] {
  const inner = b.length;
  const cols = inner === 0 ? 0 : b[0]!.length;
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      let s: IntPoly = [];
      for (let k = 0; k < inner; k++) if (row[k]!.length && b[k]![j]!.length) s = ipAdd(s, ipMul(row[k]!, b[k]![j]!));
      return s;
    }),
  );
}

export function ipAdd(a: IntPoly, b: IntPoly): IntPoly {
  const n = Math.max(a.length, b.length);
  const out = new Array<bigint>(n);
  for (let k = 0; k < n; k++) out[k] = (a[k] ?? 0n) + (b[k] ?? 0n);
  return trim(out);
}

/**
 * tr(F₁ F₂ ⋯ F_k) of a chain of polynomial matrices over ℚ[δ], through ℤ[δ] (each factor
 * scaled by its own common denominator, the product divided by theirs at the end).
 */
export function polyChainTrace(factors: readonly PolyMatrix[]): Poly {
  let scale = 1n;
  let prod: IntPoly[][] | undefined;
  for (const f of factors) {
    const { m, scale: c } = toIntMatrix(f);
    scale *= c;
    prod = prod ? intMatMul(prod, m) : m;
  }
  let t: IntPoly = [];
  prod!.forEach((row, i) => (t = ipAdd(t, row[i]!)));
  return fromIntPoly(t, scale);
}
