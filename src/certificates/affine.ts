/**
 * Exact affine maps and their sums over a point set known by its moments (part of the
 * trusted base), all in BigInt integers over one denominator: no gcd per entry.
 *
 * An affine map is u(x) = (A x + c) / d with integer A, c and d > 0. The points are x = z / D
 * with integer z; their moments are the integer Gram matrix G = Σ (z, 1)(z, 1)ᵀ =
 * [[Σzzᵀ, Σz], [Σzᵀ, n]]. In the variable (z, 1), u(x) = Ũ (z, 1) / (d D) with Ũ = [A | D c], so
 *
 *   Σ u vᵀ = Ũ G Ṽᵀ / (d_u d_v D²),   Σ u·v = its trace,   Σ u = Ũ G e_{M+1} / (d_u D),
 *
 * each entry normalised to a Rational once. On a pattern group the network is affine, so every
 * cost, normal equation and Taylor coefficient the checker needs there is such a sum:
 * O(R M²) per group, not O(M) per point.
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

/** u and v over the denominator lcm(d_u, d_v): [A_u, c_u, A_v, c_v, d]. */
function common(u: Affine, v: Affine): [bigint[], bigint[], bigint[], bigint[], bigint] {
  const d = u.d === v.d ? u.d : lcm(u.d, v.d);
  const [fu, fv] = [d / u.d, d / v.d];
  const scale = (xs: readonly bigint[], f: bigint): bigint[] => (f === 1n ? [...xs] : xs.map((x) => x * f));
  return [scale(u.A, fu), scale(u.c, fu), scale(v.A, fv), scale(v.c, fv), d];
}

/** Whether u is x ↦ x (then W u + b is read off W and b: no M³ product at M = 784). */
const isIdentity = (u: Affine): boolean => u.d === 1n && u.rows === u.cols && u.c.every((v) => v === 0n) && u.A.every((v, k) => v === (k % (u.cols + 1) === 0 ? 1n : 0n));

/** x ↦ W u(x) + b. */
export function compose(W: Mat, u: Affine, b: Vec): Affine {
  if (W.cols !== u.rows || b.length !== W.rows) throw new RangeError(`cannot compose ${W.rows}×${W.cols} with a map to R^${u.rows}`);
  const L = affineOf(W, b); // W = L.A / e, b = L.c / e
  if (isIdentity(u)) return L;
  const A = new Array<bigint>(W.rows * u.cols).fill(0n);
  const c = L.c.map((bi) => bi * u.d);
  for (let i = 0; i < W.rows; i++)
    for (let k = 0; k < W.cols; k++) {
      const w = L.A[i * W.cols + k]!;
      if (w === 0n) continue;
      for (let j = 0; j < u.cols; j++) A[i * u.cols + j]! += w * u.A[k * u.cols + j]!;
      c[i]! += w * u.c[k]!;
    }
  return { rows: W.rows, cols: u.cols, A, c, d: L.d * u.d };
}

export function addAffine(u: Affine, v: Affine): Affine {
  if (u.rows !== v.rows || u.cols !== v.cols) throw new RangeError('cannot add affine maps of different shapes');
  const [Au, cu, Av, cv, d] = common(u, v);
  return { rows: u.rows, cols: u.cols, A: Au.map((a, k) => a + Av[k]!), c: cu.map((a, k) => a + cv[k]!), d };
}

const negate = (u: Affine): Affine => ({ ...u, A: u.A.map((a) => -a), c: u.c.map((a) => -a) });

export const subAffine = (u: Affine, v: Affine): Affine => addAffine(u, negate(v));

/** u − y for a constant y. */
export const shift = (u: Affine, y: Vec): Affine => subAffine(u, constantAffine(y, u.cols));

/** u stacked over v. */
export function stack(u: Affine, v: Affine): Affine {
  if (u.cols !== v.cols) throw new RangeError('cannot stack affine maps of different domains');
  const [Au, cu, Av, cv, d] = common(u, v);
  return { rows: u.rows + v.rows, cols: u.cols, A: [...Au, ...Av], c: [...cu, ...cv], d };
}

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

/** Σ over the points of u(x) v(x)ᵀ, exactly: (M+1)² products per row of the map with fewer rows, Ũ G Ṽᵀ = (G Ũᵀ)ᵀ Ṽᵀ = Ũ (G Ṽᵀ) (G symmetric). */
export function sumOuter(u: Affine, v: Affine, m: Moments): Matrix {
  [u, v].forEach((w) => requireDomain(w, m));
  const [U, V] = [u, v].map((w) => w.c.map((_, r) => rowOverPoints(w, r, m.den)));
  const uSide = u.rows <= v.rows;
  const G = (uSide ? U! : V!).map((w) => gramTimes(m.gram, w));
  const entry = (r: number, t: number): bigint => (uSide ? dot(G[r]!, V![t]!) : dot(U![r]!, G[t]!));
  return new Matrix(u.rows, v.rows, Array.from({ length: u.rows * v.rows }, (_, k) => Rational.of(entry(Math.floor(k / v.rows), k % v.rows), u.d * v.d * m.den * m.den)));
}

/** Parts [y, z, m] of one point denominator as one point set (their Gram matrices added), else undefined. */
const unionOf = (parts: readonly (readonly [Vec, Vec, Moments])[]): Moments | undefined =>
  parts.some(([, , m]) => m.den !== parts[0]![2].den) ? undefined : { count: parts.reduce((n, [, , m]) => n + m.count, 0), den: parts[0]![2].den, gram: parts[0]![2].gram.map((_, k) => parts.reduce((s, [, , m]) => s + m.gram[k]!, 0n)) };

/** Σ_p Σ over m_p's points of (u(x) − y_p)(v(x) − z_p)ᵀ, parts [y_p, z_p, m_p]; of one point denominator: Σuvᵀ over
 * their union (one Gram product, not one per part) − y(Σv)ᵀ − (Σu)zᵀ + n·yzᵀ per part. */
export function sumOuterParts(u: Affine, v: Affine, parts: readonly (readonly [Vec, Vec, Moments])[]): Matrix {
  const union = unionOf(parts);
  if (!union) return parts.reduce((S, [y, z, m]) => S.add(sumOuter(shift(u, y), shift(v, z), m)), Matrix.zeros(u.rows, v.rows));
  const outer = (a: Vec, b: Vec, s: Rational): Matrix => new Matrix(a.length, b.length, a.flatMap((x) => b.map((w) => x.mul(w).mul(s))));
  return parts.reduce((S, [y, z, m]) => S.add(outer(y, sumAffine(v, m), Rational.int(-1))).add(outer(sumAffine(u, m), z, Rational.int(-1))).add(outer(y, z, Rational.int(m.count))), sumOuter(u, v, union));
}

/** Σ over the points of u(x)·v(x), exactly: the trace of Σ u vᵀ, without the rest of it. */
export function sumDot(u: Affine, v: Affine, m: Moments): Rational {
  requireDomain(u, m);
  requireDomain(v, m);
  if (u.rows !== v.rows) throw new RangeError('cannot take the dot product of maps to spaces of different dimensions');
  let total = 0n;
  for (let r = 0; r < u.rows; r++) total += dot(rowOverPoints(u, r, m.den), gramTimes(m.gram, rowOverPoints(v, r, m.den)));
  return Rational.of(total, u.d * v.d * m.den * m.den);
}

/** Σ_p Σ over m_p's points of (u(x) − y_p)·(v(x) − z_p), parts [y_p, z_p, m_p]; of one point denominator: Σu·v over
 * their union (one Gram product, not one per part) − y·Σv − z·Σu + n·y·z per part. */
export function sumDotParts(u: Affine, v: Affine, parts: readonly (readonly [Vec, Vec, Moments])[]): Rational {
  const union = unionOf(parts);
  if (!union) return parts.reduce((s, [y, z, m]) => s.add(sumDot(shift(u, y), shift(v, z), m)), Rational.ZERO);
  const dot = (a: Vec, b: Vec): Rational => Matrix.fromRows([a]).mulVec(b)[0]!; // RangeError on a length mismatch
  return parts.reduce((s, [y, z, m]) => s.sub(dot(y, sumAffine(v, m))).sub(dot(z, sumAffine(u, m))).add(dot(y, z).mul(Rational.int(m.count))), sumDot(u, v, union));
}

/** Σ over the points of |u(x)|², exactly. */
export const sumSquares = (u: Affine, m: Moments): Rational => sumDot(u, u, m);

/** Σ over the points of u(x), exactly: Ũ times the last column (Σz, n) of G. */
export function sumAffine(u: Affine, m: Moments): Rational[] {
  requireDomain(u, m);
  const n = u.cols + 1;
  const last = Array.from({ length: n }, (_, p) => m.gram[p * n + n - 1]!);
  return u.c.map((_, r) => Rational.of(dot(rowOverPoints(u, r, m.den), last), u.d * m.den));
}
