/**
 * The second-order probe for critical points: a float Hessian of the cost
 * (central differences of a float forward pass, valid because the activation
 * pattern is strict and the steps are tiny) proposes a direction of negative
 * curvature; the direction is rounded to rationals and confirmed exactly with
 * the power-series forward pass (first Taylor coefficient 0, second < 0).
 * Float only proposes; only the exact check can refute.
 */
import { createRequire } from 'node:module';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { msFloat } from '../network/cost.ts';
import { toFloatNetwork } from '../network/float-network.ts';
import { flattenParams, networkShape, unflattenParams } from '../network/params.ts';
import { costSeries } from '../certificates/kernel.ts';
import type { Evidence } from '../certificates/format.ts';

/** Largest parameter count for which the K×K float Hessian is attempted. */
export const MAX_HESSIAN_PARAMS = 120;

export function negativeCurvature(net: Network, ds: DataSet): Extract<Evidence, { kind: 'descent' }> | undefined {
  const base = flattenParams(net);
  const K = base.length;
  if (K > MAX_HESSIAN_PARAMS) return undefined;
  const shape = networkShape(net);
  const p0 = base.map((v) => v.toNumber());
  const scale = Math.max(1, ...p0.map(Math.abs));
  const h = 1e-4 * scale;
  const f = (p: number[]): number => {
    const n = unflattenParams(p.map((v) => Rational.parse(v)), shape);
    return msFloat(toFloatNetwork(n), ds);
  };
  const f0 = f(p0);
  const shifted = (i: number, si: number, j?: number, sj?: number): number => {
    const p = p0.slice();
    p[i]! += si * h;
    if (j !== undefined) p[j]! += sj! * h;
    return f(p);
  };
  const H: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const fp = p0.map((_, i) => shifted(i, 1));
  const fm = p0.map((_, i) => shifted(i, -1));
  for (let i = 0; i < K; i++) {
    H[i]![i] = (fp[i]! - 2 * f0 + fm[i]!) / (h * h);
    for (let j = i + 1; j < K; j++) {
      const v = (shifted(i, 1, j, 1) - fp[i]! - fp[j]! + f0) / (h * h);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  // mathjs is loaded only here (it costs over a second at start-up, and this probe is rare).
  const { eigs } = createRequire(import.meta.url)('mathjs') as { eigs: (m: number[][]) => unknown };
  const { eigenvectors } = eigs(H) as { eigenvectors: { value: number; vector: number[] }[] };
  const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
  const candidates = eigenvectors.filter((e) => e.value < 0).sort((a, b) => a.value - b.value);
  for (const { vector } of candidates.slice(0, 3)) {
    const top = Math.max(...vector.map(Math.abs));
    if (!(top > 0 && Number.isFinite(top))) continue; // a float failure: no proposal from this vector
    const d = vector.map((v) => Rational.of(BigInt(Math.round((v / top) * 1e6)), 1_000_000n));
    const series = costSeries(net, unflattenParams(d, shape), samples);
    if (!series) return undefined;
    const [, c1, c2] = series;
    if (!c1.isZero()) {
      const dir = c1.sign() < 0 ? d : d.map((v) => v.neg());
      return { kind: 'descent', direction: dir.map(String), order: 1, coefficient: c1.abs().neg().toString() };
    }
    if (c2.sign() < 0) return { kind: 'descent', direction: d.map(String), order: 2, coefficient: c2.toString() };
  }
  return undefined;
}
