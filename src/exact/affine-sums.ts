/**
 * Exact sums of affine functions over a point set known only by its moments:
 * for points x = z/D with integer moments n, s = Σz, S = Σzzᵀ and
 * affine maps u(x) = A x + a, v(x) = B x + b,
 *
 *   Σ u vᵀ = A S Bᵀ / D² + (A s bᵀ + a sᵀ Bᵀ) / D + n a bᵀ.
 *
 * Everything a certificate or the engine needs on a piece where the network is
 * affine (costs, normal equations, Taylor coefficients, spreads) is such a sum,
 * so it costs O(M³) per piece instead of O(M) Rationals per point.
 */
import { Matrix, vec, type Vec } from './matrix.ts';
import { Rational, lcm, overCommonDenominator } from './rational.ts';

/** x ↦ A x + c. */
export interface Affine {
  readonly A: Matrix;
  readonly c: readonly Rational[];
}

/** Integer moments of points x = z / den: count, Σz (length M), Σzzᵀ (M×M row-major). */
export interface PointMoments {
  readonly count: number;
  readonly sum: readonly bigint[];
  readonly second: readonly bigint[];
  readonly den: bigint;
}

/** The identity map on R^M. */
export function identityAffine(M: number): Affine {
  return { A: Matrix.identity(M), c: vec.zeros(M) };
}

/** u − y for a constant y. */
export function shift(u: Affine, y: Vec): Affine {
  return { A: u.A, c: vec.sub(u.c, y) };
}

/** x ↦ W u(x) + b. */
export function compose(W: Matrix, u: Affine, b: Vec): Affine {
  return { A: W.mul(u.A), c: vec.add(W.mulVec(u.c), b) };
}

/** Rows of u whose `keep` is false set to 0 (a ReLU with a fixed pattern). */
export function maskRows(u: Affine, keep: (row: number) => boolean): Affine {
  const cols = u.A.cols;
  return {
    A: new Matrix(u.A.rows, cols, u.A.data.map((v, k) => (keep(Math.floor(k / cols)) ? v : Rational.ZERO))),
    c: u.c.map((v, r) => (keep(r) ? v : Rational.ZERO)),
  };
}

/** u stacked over v (rows of u, then rows of v). */
export function stack(u: Affine, v: Affine): Affine {
  return { A: Matrix.fromRows([...u.A.toRows(), ...v.A.toRows()]), c: [...u.c, ...v.c] };
}

/** The constant map x ↦ c on R^M. */
export function constantAffine(c: Vec, M: number): Affine {
  return { A: Matrix.zeros(c.length, M), c: [...c] };
}

/** Values over one common denominator: v_k = ints[k] / den (den > 0). */
interface IntForm {
  readonly ints: bigint[];
  readonly den: bigint;
}

/** An affine map in integer form: A = Ai/dA (rows×M), c = ci/dc. */
interface IntAffine {
  readonly rows: number;
  readonly A: IntForm;
  readonly c: IntForm;
}

const intCache = new WeakMap<Affine, IntAffine>();

function intAffine(u: Affine): IntAffine {
  let f = intCache.get(u);
  if (!f) intCache.set(u, (f = { rows: u.c.length, A: overCommonDenominator(u.A.data), c: overCommonDenominator(u.c) }));
  return f;
}

/**
 * The four terms of Σ u_r v_t (for all r, t) as integers over their denominators, in BigInt
 * only (a Rational per product would spend its time in gcds). M is the input dimension.
 */
function outerTerms(u: IntAffine, v: IntAffine, m: PointMoments, M: number, entry: (r: number, t: number) => boolean) {
  const S = m.second;
  const s = m.sum;
  // T = Ai·S (rows_u × M), As = Ai·s, Bs = Bi·s.
  const T = new Array<bigint>(u.rows * M).fill(0n);
  const As = new Array<bigint>(u.rows).fill(0n);
  for (let r = 0; r < u.rows; r++)
    for (let p = 0; p < M; p++) {
      const a = u.A.ints[r * M + p]!;
      if (a === 0n) continue;
      As[r]! += a * s[p]!;
      for (let q = 0; q < M; q++) T[r * M + q]! += a * S[p * M + q]!;
    }
  const Bs = new Array<bigint>(v.rows).fill(0n);
  for (let t = 0; t < v.rows; t++) for (let p = 0; p < M; p++) Bs[t]! += v.A.ints[t * M + p]! * s[p]!;
  const out: { quad: bigint; lin1: bigint; lin2: bigint; cc: bigint }[] = [];
  for (let r = 0; r < u.rows; r++)
    for (let t = 0; t < v.rows; t++) {
      if (!entry(r, t)) continue;
      let quad = 0n;
      for (let q = 0; q < M; q++) quad += T[r * M + q]! * v.A.ints[t * M + q]!;
      out.push({ quad, lin1: As[r]! * v.c.ints[t]!, lin2: u.c.ints[r]! * Bs[t]!, cc: u.c.ints[r]! * v.c.ints[t]! });
    }
  return out;
}

/** quad/(dA dB D²) + lin1/(dA dcv D) + lin2/(dcu dB D) + n·cc/(dcu dcv) as one numerator over one denominator. */
function combineInt(u: IntAffine, v: IntAffine, m: PointMoments, t: { quad: bigint; lin1: bigint; lin2: bigint; cc: bigint }): { num: bigint; den: bigint } {
  const D = m.den;
  const n = BigInt(m.count);
  const d1 = u.A.den * v.A.den * D * D;
  const d2 = u.A.den * v.c.den * D;
  const d3 = u.c.den * v.A.den * D;
  const d4 = u.c.den * v.c.den;
  // Over the common denominator d1·d4, which d2 and d3 divide.
  const den = d1 * d4;
  return { num: t.quad * d4 + t.lin1 * (den / d2) + t.lin2 * (den / d3) + n * t.cc * d1, den };
}

/**
 * A running Σ u vᵀ over several point sets (pattern groups, classes), kept as integers over
 * one denominator: adding a set costs no gcd, and the sum is reduced once at the end.
 */
export class OuterSum {
  private nums: bigint[];
  private den = 1n;

  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.nums = new Array<bigint>(rows * cols).fill(0n);
  }

  add(u: Affine, v: Affine, m: PointMoments): this {
    if (m.count === 0) return this;
    const iu = intAffine(u);
    const iv = intAffine(v);
    outerTerms(iu, iv, m, m.sum.length, () => true).forEach((t, k) => {
      const { num, den } = combineInt(iu, iv, m, t);
      if (den !== this.den) {
        const common = lcm(this.den, den);
        if (common !== this.den) {
          const f = common / this.den;
          this.nums = this.nums.map((x) => x * f);
          this.den = common;
        }
      }
      this.nums[k]! += num * (this.den / den);
    });
    return this;
  }

  isZero(): boolean {
    return this.nums.every((x) => x === 0n);
  }

  matrix(): Matrix {
    return new Matrix(this.rows, this.cols, this.nums.map((x) => (x === 0n ? Rational.ZERO : Rational.of(x, this.den))));
  }
}

/** Σ over the points of u(x) v(x)ᵀ, exactly. */
export function sumOuter(u: Affine, v: Affine, m: PointMoments): Matrix {
  return new OuterSum(u.c.length, v.c.length).add(u, v, m).matrix();
}

/** Σ over the points of u(x)·v(x), exactly. */
export function sumDot(u: Affine, v: Affine, m: PointMoments): Rational {
  if (m.count === 0) return Rational.ZERO;
  const iu = intAffine(u);
  const iv = intAffine(v);
  const total = outerTerms(iu, iv, m, m.sum.length, (r, t) => r === t).reduce(
    (a, t) => ({ quad: a.quad + t.quad, lin1: a.lin1 + t.lin1, lin2: a.lin2 + t.lin2, cc: a.cc + t.cc }),
    { quad: 0n, lin1: 0n, lin2: 0n, cc: 0n },
  );
  const { num, den } = combineInt(iu, iv, m, total);
  return Rational.of(num, den);
}

/** Σ over the points of |u(x)|², exactly. */
export function sumSquares(u: Affine, m: PointMoments): Rational {
  return sumDot(u, u, m);
}

/** Σ over the points of u(x), exactly. */
export function sumAffine(u: Affine, m: PointMoments): Rational[] {
  if (m.count === 0) return vec.zeros(u.c.length);
  const s = m.sum.map((v) => Rational.of(v, m.den));
  return vec.add(u.A.mulVec(s), vec.scale(u.c, Rational.int(m.count)));
}

/** u + v. */
export function addAffine(u: Affine, v: Affine): Affine {
  return { A: u.A.add(v.A), c: vec.add(u.c, v.c) };
}

/** u − v. */
export function subAffine(u: Affine, v: Affine): Affine {
  return { A: u.A.sub(v.A), c: vec.sub(u.c, v.c) };
}
