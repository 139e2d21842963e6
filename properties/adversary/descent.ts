/**
 * Exact refutation of local minimality: a direction d such that the cost
 * along p + td, a polynomial for small t > 0 (ray-polynomial.ts), has its
 * lowest non-constant coefficient negative — so every neighbourhood of p
 * holds points of strictly lower cost. The evidence also lists exact points
 * p + t_k d at shrinking t_k whose exact cost is strictly lower, and, at
 * smooth points, the kernel's Taylor coefficients (costSeries).
 *
 * `confirmDescent` re-checks evidence with the certificate kernel's own
 * forward pass and series, independently of the code that found it.
 *
 * @example
 *   const ev = exactDescent(net, ds, d, 'float-descent');
 *   ev && confirmDescent(net, ds, ev) // true
 */
import { vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Network } from '../../src/network/network.ts';
import { forwardExact } from '../../src/network/forward.ts';
import { flattenParams, networkShape, unflattenParams } from '../../src/network/params.ts';
import { hasStrictPatterns } from '../../src/claims/local-minimality.ts';
import { forward as kernelForward, unflatten as kernelUnflatten, type KNet } from '../../src/certificates/kernel.ts';
import { costSeries } from '../../src/network/cost-series.ts';
import { leadingOrder, rayCostPolynomial } from './ray-polynomial.ts';

export interface DescentEvidence {
  /** How the direction was found (gradient, random perturbation, float descent, Hessian). */
  readonly method: string;
  /** Flat parameter direction (src/network/params.ts order), exact. */
  readonly direction: string[];
  /** N·ms at p. */
  readonly baseSumSq: string;
  /** Σ c_k t^k = N·ms(p + td) for small t > 0. */
  readonly polynomial: string[];
  /** Lowest k ≥ 1 with c_k ≠ 0, and c_k (< 0). */
  readonly order: number;
  readonly coefficient: string;
  /** Whether every hidden pre-activation is nonzero on the data at p (then costSeries applies). */
  readonly smooth: boolean;
  /** Kernel Taylor coefficients [c0, c1, c2] at a smooth point. */
  readonly costSeries?: string[];
  /** Exact points p + t·d, t decreasing, each of N·ms strictly below baseSumSq. */
  readonly points: { readonly t: string; readonly sumSq: string }[];
}

/** N·ms exactly (src/network forward pass). */
export function exactSumSq(net: Network, ds: DataSet): Rational {
  let s = Rational.ZERO;
  ds.classes.forEach((c, j) => {
    for (const x of c.points) s = s.add(vec.norm2(vec.sub(forwardExact(net, x), ds.targets[j]!)));
  });
  return s;
}

function samples(ds: DataSet): { x: readonly Rational[]; y: readonly Rational[] }[] {
  return ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
}

const POINTS = 6;

/**
 * Exact descent evidence along `dir` (flat, length K), or undefined when the
 * cost does not decrease to leading order along it.
 */
export function exactDescent(net: Network, ds: DataSet, dir: readonly Rational[], method: string): DescentEvidence | undefined {
  if (dir.every((v) => v.isZero())) return undefined;
  const shape = networkShape(net);
  const dirNet = unflattenParams(dir, shape);
  const poly = rayCostPolynomial(net, dirNet, ds);
  const k = leadingOrder(poly);
  if (k < 0 || poly[k]!.sign() >= 0) return undefined;
  const base = exactSumSq(net, ds);
  const p0 = flattenParams(net);
  const points: { t: string; sumSq: string }[] = [];
  for (let m = 0; m <= 120 && points.length < POINTS; m++) {
    const t = Rational.of(1n, 1n << BigInt(m));
    const value = exactSumSq(unflattenParams(p0.map((v, i) => v.add(t.mul(dir[i]!))), shape), ds);
    if (value.lt(base)) points.push({ t: t.toString(), sumSq: value.toString() });
    else points.length = 0; // keep only a run of consecutive halvings
  }
  if (points.length < POINTS) return undefined;
  const smooth = hasStrictPatterns(net, ds);
  const series = smooth ? costSeries(net, dirNet, samples(ds)) : null;
  return {
    method,
    direction: dir.map(String),
    baseSumSq: base.toString(),
    polynomial: poly.map(String),
    order: k,
    coefficient: poly[k]!.toString(),
    smooth,
    ...(series ? { costSeries: series.map(String) } : {}),
    points,
  };
}

/**
 * Independent exact re-check of descent evidence at `net` on `ds`: the kernel's
 * forward pass for the base cost and every listed point (each strictly lower,
 * t positive and decreasing), and the leading coefficient — by the kernel's
 * costSeries at a smooth point when the order is ≤ 2, else by the ray polynomial.
 */
export function confirmDescent(net: Network, ds: DataSet, ev: DescentEvidence): boolean {
  const knet = net as KNet;
  const dir = ev.direction.map((s) => Rational.parse(s));
  if (dir.length !== flattenParams(net).length || dir.every((v) => v.isZero())) return false;
  const kdir = kernelUnflatten(dir, knet);
  const all = samples(ds);
  const kSumSq = (n: KNet): Rational => all.reduce((s, p) => s.add(vec.norm2(vec.sub(kernelForward(n, p.x).output, p.y))), Rational.ZERO);
  const base = kSumSq(knet);
  if (!base.eq(Rational.parse(ev.baseSumSq))) return false;
  // Leading behaviour.
  const series = costSeries(knet, kdir, all);
  let leadingNegative: boolean;
  if (series && !series[1].isZero()) leadingNegative = series[1].sign() < 0;
  else if (series && !series[2].isZero()) leadingNegative = series[2].sign() < 0;
  else {
    const poly = rayCostPolynomial(net, unflattenParams(dir, networkShape(net)), ds);
    const k = leadingOrder(poly);
    leadingNegative = k > 0 && poly[k]!.sign() < 0;
  }
  if (!leadingNegative) return false;
  // Corroboration: exact lower points at shrinking distances.
  if (ev.points.length < 3) return false;
  const p0 = flattenParams(net);
  let prevT: Rational | undefined;
  for (const pt of ev.points) {
    const t = Rational.parse(pt.t);
    if (t.sign() <= 0 || (prevT && !t.lt(prevT))) return false;
    prevT = t;
    const moved = kernelUnflatten(p0.map((v, i) => v.add(t.mul(dir[i]!))), knet);
    const value = kSumSq(moved);
    if (!value.eq(Rational.parse(pt.sumSq)) || !value.lt(base)) return false;
  }
  return true;
}
