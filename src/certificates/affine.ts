/**
 * Exact affine maps u(x) = (A x + c)/d (integer A, c, d > 0) and their sums over points x = z/D known by the integer
 * Gram matrix G = Σ (z, 1)(z, 1)ᵀ: with Ũ = [A | D c], Σ u vᵀ = Ũ G Ṽᵀ / (d_u d_v D²) and Σ u = Ũ G e_{M+1} / (d_u D),
 * in BigInt over one denominator, each entry normalised once: O(R M²) per pattern group, not O(M) per point.
 */
import { Rational, commonDenominator, lcm, overCommonDenominator } from '../exact/rational.ts';
import type { IntMoments } from '../data/compact.ts';
import { Matrix, type Mat, type Vec } from './linalg.ts';

/** x ↦ (A x + c) / d: A integer rows × cols (row-major), c integer, d > 0. */
export interface Affine {
  readonly rows: number;
  readonly cols: number;
  readonly A: readonly bigint[];
  readonly c: readonly bigint[];
  readonly d: bigint;
}

/** x ↦ A x + c for a Rational matrix and vector. */
export function affineOf(A: Mat, c: Vec): Affine {
  if (c.length !== A.rows) throw new RangeError(`an offset of length ${c.length} for ${A.rows} rows`);
  const d = commonDenominator(c, commonDenominator(A.data));
  return { rows: A.rows, cols: A.cols, A: overCommonDenominator(A.data, d).ints, c: overCommonDenominator(c, d).ints, d };
}

export const identityAffine = (M: number): Affine => affineOf(Matrix.identity(M), new Array<Rational>(M).fill(Rational.ZERO));

/** The constant map x ↦ c on R^M. */
export const constantAffine = (c: Vec, M: number): Affine => affineOf(Matrix.zeros(c.length, M), c);

/** u(x), exactly: integer products over one denominator, normalised once per value. */
export function evaluate(u: Affine, x: Vec): Rational[] {
  if (x.length !== u.cols) throw new RangeError(`cannot apply a map of R^${u.cols} to a ${x.length}-vector`);
  const { ints, den } = overCommonDenominator(x);
  return u.c.map((c, r) => Rational.of(ints.reduce((s, z, k) => s + u.A[r * u.cols + k]! * z, c * den), u.d * den));
}

/** Whether u and v are the same map (A_u d_v = A_v d_u and c_u d_v = c_v d_u). */
export const equalAffine = (u: Affine, v: Affine): boolean =>
  u.rows === v.rows && u.cols === v.cols && [...u.A, ...u.c].every((a, k) => a * v.d === (k < u.A.length ? v.A[k]! : v.c[k - u.A.length]!) * u.d);

/** Whether u is x ↦ x (then W u + b is read off W and b: no M³ product at M = 784). */
const isIdentity = (u: Affine): boolean => u.d === 1n && u.rows === u.cols && u.c.every((v) => v === 0n) && u.A.every((v, k) => v === (k % (u.cols + 1) === 0 ? 1n : 0n));

/** x ↦ W u(x) + b. */
export const compose = (W: Mat, u: Affine, b: Vec): Affine => composeAffine(affineOf(W, b), u);

/** x ↦ f(u(x)): the affine form f after u. */
export function composeAffine(f: Affine, u: Affine): Affine {
  if (f.cols !== u.rows) throw new RangeError(`cannot compose ${f.rows}×${f.cols} with a map to R^${u.rows}`);
  if (isIdentity(u)) return f;
  const A = new Array<bigint>(f.rows * u.cols).fill(0n);
  const c = f.c.map((bi) => bi * u.d);
  // Rows of u.A that differ from its first row in few entries (εI + 1nᵀ): row i of the product is (Σ_k f_ik)·row 0 +
  // Σ_k f_ik·(row k − row 0), O(M²) instead of O(M³). Otherwise the plain product, skipping zero rows of u.A.
  const changes = Array.from({ length: u.rows }, (_, k) => {
    const out: [number, bigint][] = [];
    for (let j = 0; j < u.cols && k > 0; j++) if (u.A[k * u.cols + j] !== u.A[j]) out.push([j, u.A[k * u.cols + j]! - u.A[j]!]);
    return out;
  });
  const sparse = changes.reduce((n, ch) => n + ch.length, 0) <= u.rows * 2;
  const live = sparse ? [] : Array.from({ length: u.rows }, (_, k) => u.A.slice(k * u.cols, (k + 1) * u.cols).some((a) => a !== 0n)); // rows of u.A not 0
  for (let i = 0; i < f.rows; i++) {
    let sum = 0n;
    for (let k = 0; k < f.cols; k++) {
      const w = f.A[i * f.cols + k]!;
      if (w === 0n) continue;
      if (sparse) for (const [j, a] of changes[k]!) A[i * u.cols + j]! += w * a;
      else for (let j = 0; live[k] && j < u.cols; j++) A[i * u.cols + j]! += w * u.A[k * u.cols + j]!;
      sum += w;
      c[i]! += w * u.c[k]!;
    }
    for (let j = 0; sparse && sum !== 0n && j < u.cols; j++) A[i * u.cols + j]! += sum * u.A[j]!;
  }
  return { rows: f.rows, cols: u.cols, A, c, d: f.d * u.d };
}

/** x ↦ u(x) + s·v(x) (s = −1n: the difference), over the denominator lcm(d_u, d_v). */
export function addAffine(u: Affine, v: Affine, s = 1n): Affine {
  if (u.rows !== v.rows || u.cols !== v.cols) throw new RangeError('cannot add affine maps of different shapes');
  const d = u.d === v.d ? u.d : lcm(u.d, v.d);
  const [fu, fv] = [d / u.d, (s * d) / v.d];
  return { rows: u.rows, cols: u.cols, A: u.A.map((a, k) => a * fu + v.A[k]! * fv), c: u.c.map((a, r) => a * fu + v.c[r]! * fv), d };
}

/** (u(x), 1): u with a constant row 1 appended. */
export const withOne = (u: Affine): Affine => ({ ...u, rows: u.rows + 1, A: [...u.A, ...new Array<bigint>(u.cols).fill(0n)], c: [...u.c, u.d] });

/** Rows of u whose `keep` is false set to 0 (a ReLU with a fixed pattern). */
export function maskRows(u: Affine, keep: (row: number) => boolean): Affine {
  return { ...u, A: u.A.map((a, k) => (keep(Math.floor(k / u.cols)) ? a : 0n)), c: u.c.map((a, r) => (keep(r) ? a : 0n)) };
}

/** n and the integer Gram matrix G = Σ (z, 1)(z, 1)ᵀ ((M+1)², row-major) of points x = z / den. */
export interface Moments {
  readonly count: number;
  readonly den: bigint;
  readonly gram: readonly bigint[];
}

/** The moments of points x = z / den from the integer moments n, Σz, Σzzᵀ of z. */
export function momentsOf(m: IntMoments, den: bigint): Moments {
  const M = m.sum.length;
  const n = M + 1;
  const gram = new Array<bigint>(n * n);
  for (let p = 0; p < M; p++) {
    for (let q = 0; q < M; q++) gram[p * n + q] = m.second[p * M + q]!;
    gram[p * n + M] = gram[M * n + p] = m.sum[p]!;
  }
  gram[M * n + M] = BigInt(m.count);
  return { count: m.count, den, gram };
}

/** Row r of Ũ = [A | D c]: u(x) = Ũ (z, 1) / (d D) for x = z / D. */
const rowOverPoints = (u: Affine, r: number, D: bigint): bigint[] => [...u.A.slice(r * u.cols, (r + 1) * u.cols), u.c[r]! * D];

/** G w for the Gram matrix G (n × n) and an integer n-vector w. */
function gramTimes(G: readonly bigint[], w: readonly bigint[]): bigint[] {
  const n = w.length;
  const out = new Array<bigint>(n).fill(0n);
  for (let q = 0; q < n; q++) {
    if (w[q] === 0n) continue;
    for (let p = 0; p < n; p++) out[p]! += G[p * n + q]! * w[q]!;
  }
  return out;
}

function dot(a: readonly bigint[], b: readonly bigint[]): bigint {
  let s = 0n;
  for (let k = 0; k < a.length; k++) if (a[k] !== 0n) s += a[k]! * b[k]!;
  return s;
}

function requireDomain(u: Affine, m: Moments): void {
  if ((u.cols + 1) ** 2 !== m.gram.length) throw new RangeError(`a map of R^${u.cols} cannot be summed over points of another dimension`);
}

type Part = readonly [Vec, Vec, Moments];

/** The same points over the denominator D (a multiple of m.den): z scales by f = D / m.den, so Σzzᵀ by f², Σz by f. */
const over = (m: Moments, D: bigint, f = D / m.den, n = Math.sqrt(m.gram.length)): Moments =>
  f === 1n ? m : { count: m.count, den: D, gram: m.gram.map((g, k) => g * (k % n === n - 1 ? 1n : f) * (k >= n * (n - 1) ? 1n : f)) };

/**
 * Σ_p Σ over m_p's points of (u(x) − y_p)_r (v(x) − z_p)_t over one point denominator D (the lcm): with y_p = Y_p/e,
 * z_p = Z_p/e, g_p = G_p e_{M+1} = (Σz, n), G = Σ_p G_p, it is [e² Ũ G Ṽᵀ − e Σ_p (d_u D Y_p)(Ṽ g_p)ᵀ − e Σ_p (Ũ g_p)
 * (d_v D Z_p)ᵀ + Σ_p n_p (d_u D Y_p)(d_v D Z_p)ᵀ]_rt / (e² d_u d_v D²): one Gram product per row of the smaller map.
 */
function partsSum(u: Affine, v: Affine, parts: readonly Part[]): { entry: (r: number, t: number) => bigint; den: bigint } {
  const D = parts.reduce((d, [, , m]) => (d % m.den === 0n ? d : lcm(d, m.den)), 1n);
  if (parts.some(([y, z]) => y.length !== u.rows || z.length !== v.rows)) throw new RangeError('a part\'s offsets do not match the maps');
  const ms = parts.map(([, , m]) => (requireDomain(u, m), requireDomain(v, m), over(m, D)));
  const G = ms.length === 1 ? ms[0]!.gram : ms[0]!.gram.map((_, k) => ms.reduce((s, m) => s + m.gram[k]!, 0n));
  const e = commonDenominator(parts.flatMap(([y, z]) => [...y, ...z]));
  const [U, V] = [u, v].map((w) => w.c.map((_, r) => rowOverPoints(w, r, D)));
  const [Y, Z] = [parts.map(([y]) => overCommonDenominator(y, e).ints.map((a) => a * u.d * D)), parts.map(([, z]) => overCommonDenominator(z, e).ints.map((a) => a * v.d * D))];
  const g = ms.map((m) => m.gram.filter((_, k) => k % (u.cols + 1) === u.cols)); // (Σz, n): G's last column
  const [Ug, Vg] = [U!, V!].map((W) => g.map((gp) => W.map((row) => dot(row, gp))));
  const uSide = u.rows <= v.rows;
  const GW = (uSide ? U! : V!).map((w) => gramTimes(G, w));
  const entry = (r: number, t: number): bigint => {
    let s = e * e * (uSide ? dot(GW[r]!, V![t]!) : dot(U![r]!, GW[t]!));
    ms.forEach((m, p) => (s += -e * Y[p]![r]! * Vg![p]![t]! - e * Ug![p]![r]! * Z[p]![t]! + BigInt(m.count) * Y[p]![r]! * Z[p]![t]!));
    return s;
  };
  return { entry, den: e * e * u.d * v.d * D * D };
}

/** One sum of partsSum per term [u, v, parts], added in integers over the lcm of their denominators (one normalisation per entry). */
function termsSum(terms: readonly (readonly [Affine, Affine, readonly Part[]])[], size: number, entries: (s: ReturnType<typeof partsSum>, rows: number) => bigint[]): { acc: bigint[]; den: bigint } {
  let [acc, den] = [new Array<bigint>(size).fill(0n), 1n];
  for (const [u, v, parts] of terms) {
    const s = partsSum(u, v, parts);
    const d = den % s.den === 0n ? den : lcm(den, s.den);
    if (d !== den) [acc, den] = [acc.map((a) => a * (d / den)), d];
    entries(s, u.rows).forEach((x, k) => (acc[k]! += x * (d / s.den)));
  }
  return { acc, den };
}

/** Σ over the terms [u, v, parts] of Σ_p Σ over m_p's points of (u(x) − y_p)(v(x) − z_p)ᵀ (parts [y_p, z_p, m_p]), exactly. */
export function sumOuterTerms(terms: readonly (readonly [Affine, Affine, readonly Part[]])[], rows: number, cols: number): Matrix {
  if (terms.some(([u, v]) => u.rows !== rows || v.rows !== cols)) throw new RangeError(`a term is not ${rows}×${cols}`);
  const { acc, den } = termsSum(terms, rows * cols, ({ entry }) => Array.from({ length: rows * cols }, (_, k) => entry(Math.floor(k / cols), k % cols)));
  return new Matrix(rows, cols, acc.map((a) => Rational.of(a, den)));
}

/** Σ over the terms [u, v, parts] of Σ_p Σ over m_p's points of (u(x) − y_p)·(v(x) − z_p): the traces of sumOuterTerms, without the rest. */
export function sumDotTerms(terms: readonly (readonly [Affine, Affine, readonly Part[]])[]): Rational {
  if (terms.some(([u, v]) => u.rows !== v.rows)) throw new RangeError('cannot take the dot product of maps to spaces of different dimensions');
  const { acc, den } = termsSum(terms, 1, ({ entry }, rows) => [Array.from({ length: rows }, (_, r) => entry(r, r)).reduce((s, x) => s + x, 0n)]);
  return Rational.of(acc[0]!, den);
}

/** Σ over the points of |u(x)|², exactly. */
export const sumSquares = (u: Affine, m: Moments): Rational => sumDotTerms([[u, u, [[new Array<Rational>(u.rows).fill(Rational.ZERO), new Array<Rational>(u.rows).fill(Rational.ZERO), m]]]]);

/** Σ over the points of u(x), exactly: Ũ times the last column (Σz, n) of G. */
export function sumAffine(u: Affine, m: Moments): Rational[] {
  requireDomain(u, m);
  const last = m.gram.filter((_, k) => k % (u.cols + 1) === u.cols);
  return u.c.map((_, r) => Rational.of(dot(rowOverPoints(u, r, m.den), last), u.d * m.den));
}
