/**
 * The cost of SPEC §1. The canonical quantity is the mean squared residual
 * ms = (1/N) Σ_{j,i} |x^(L+1)_{j,i} − y_j|², exact on exact data; the reported
 * cost C depends on a convention (norm: √ms, mse: ms, half-mse: ms/2).
 */
import type { DataSet } from '../data/dataset.ts';
import { vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { toFloat64 } from '../float/convert.ts';
import type { FloatNetwork } from './float-network.ts';
import { forwardExact, forwardFloat } from './forward.ts';
import { groupedMoments, patternOutputInt, type IntMap, type PatternClassification } from './pattern-groups.ts';
import type { PointMoments } from './moment-groups.ts';
import { overCommonDenominator } from '../exact/rational.ts';
import { classSizes } from '../data/compact-access.ts';
import type { CostConvention, Network } from './network.ts';
import { toNumber } from '../exact/rational-to-number.ts';

/**
 * r_{j,i} = x^(L+1)_{j,i} − y_j, indexed [j][i] like ds.classes[j].points[i].
 * @example residualsExact(net, ds)[0][2] // residual of class 1, point 3
 */
export function residualsExact(net: Network, ds: DataSet): Rational[][][] {
  return ds.classes.map((cls, j) => cls.points.map((x) => vec.sub(forwardExact(net, x), ds.targets[j]!)));
}

/** Number of points (without materializing lazily loaded classes), checked against ds.N so a malformed DataSet fails loudly. */
function pointCount(ds: DataSet): number {
  const n = classSizes(ds).reduce((a, b) => a + b, 0);
  if (n !== ds.N) throw new RangeError(`data set "${ds.name}" declares N = ${ds.N} but has ${n} points`);
  if (n === 0) throw new RangeError(`data set "${ds.name}" has no points`);
  return n;
}

/**
 * ms, exactly, at any N: one certified float pass classifies the points by activation
 * pattern (exact where a sign is unsure), and on each pattern group the network is an exact
 * affine map whose squared residuals are summed from the group's exact integer moments.
 * Equals the per-point sum (1/N) Σ |x^(L+1) − y|² (test/pattern-groups.test.ts compares it with
 * test/oracles/pointwise-cost.ts below and above COMPILE_FROM points, the compiled-pass threshold).
 * `classification`: the patterns of `net` on `ds` when the caller already has them.
 * @example msExact(net, ds).toString() // e.g. '1/12'
 */
export function msExact(net: Network, ds: DataSet, classification?: PatternClassification): Rational {
  const n = pointCount(ds);
  const grouped = groupedMoments(net, ds, classification);
  let total = Rational.ZERO;
  for (const g of grouped.groups) {
    const out = patternOutputInt(net, g.mask);
    for (const p of g.parts) total = total.add(residualSquares(out, ds.targets[p.cls]!, p.moments));
  }
  return total.div(Rational.int(n));
}

/**
 * Σ |u(x) − y|² over points x = z/D with integer moments, for u = (A x + c)/d in integers:
 * with A′ = yd·A, c′ = yd·c − d·yi (y = yi/yd), e = d·yd, each row r contributes
 * (A′_r S A′_rᵀ + 2D c′_r A′_r·s + n D² c′_r²) / (e² D²): BigInt throughout, one reduction.
 */
function residualSquares(u: IntMap, y: readonly Rational[], m: PointMoments): Rational {
  if (m.count === 0) return Rational.ZERO;
  const M = m.sum.length;
  const yf = overCommonDenominator(y);
  const D = m.den;
  const n = BigInt(m.count);
  const Ar = new Array<bigint>(M);
  let total = 0n;
  for (let r = 0; r < u.rows; r++) {
    for (let k = 0; k < M; k++) Ar[k] = u.A[r * M + k]! * yf.den;
    const c = u.c[r]! * yf.den - u.d * yf.ints[r]!;
    let quad = 0n;
    let lin = 0n;
    for (let p = 0; p < M; p++) {
      const a = Ar[p]!;
      if (a === 0n) continue;
      lin += a * m.sum[p]!;
      let t = 0n;
      for (let q = 0; q < M; q++) t += m.second[p * M + q]! * Ar[q]!;
      quad += a * t;
    }
    total += quad + 2n * D * c * lin + n * D * D * c * c;
  }
  const e = u.d * yf.den;
  return Rational.of(total, e * e * D * D);
}

/**
 * ms in float64, computed independently of msExact (float forward pass,
 * float residuals); only the data and targets are converted.
 */
export function msFloat(net: FloatNetwork, ds: DataSet): number {
  const n = pointCount(ds);
  let s = 0;
  ds.classes.forEach((cls, j) => {
    const y = toFloat64(ds.targets[j]!);
    for (const x of cls.points) {
      const out = forwardFloat(net, toFloat64(x));
      for (let k = 0; k < out.length; k++) {
        const r = out[k]! - y[k]!;
        s += r * r;
      }
    }
  });
  return s / n;
}

/**
 * C from ms under a convention, as a float. Under 'norm', C = √ms is
 * irrational in general, so this float stands in for an exact value that may
 * not exist; use costFromMsExact when an exact answer is wanted.
 * @example costFromMs(0.25, 'norm') // 0.5
 */
export function costFromMs(ms: number, convention: CostConvention): number {
  switch (convention) {
    case 'norm':
      return Math.sqrt(ms);
    case 'mse':
      return ms;
    case 'half-mse':
      return ms / 2;
  }
}

/**
 * C from an exact ms: `exact` is present for mse and half-mse, and for norm
 * exactly when ms is the square of a rational (reduced p/q with p and q both
 * perfect squares); `float` is always present (nearest float64 when exact).
 * @example costFromMsExact(q('4/9'), 'norm') // { exact: 2/3, float: 0.666… }
 */
export function costFromMsExact(ms: Rational, convention: CostConvention): { exact?: Rational; float: number } {
  if (ms.sign() < 0) throw new RangeError(`negative mean squared residual ${ms}`);
  if (convention === 'mse') return { exact: ms, float: toNumber(ms) };
  if (convention === 'half-mse') {
    const c = ms.div(Rational.int(2));
    return { exact: c, float: toNumber(c) };
  }
  const p = isqrt(ms.num);
  const d = isqrt(ms.den);
  if (p * p === ms.num && d * d === ms.den) {
    const c = Rational.of(p, d);
    return { exact: c, float: toNumber(c) };
  }
  return { float: Math.sqrt(toNumber(ms)) };
}

/** ⌊√n⌋ for n ≥ 0 (Newton's method on BigInt). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('square root of a negative integer');
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
