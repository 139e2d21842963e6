/**
 * The second-order probe for critical points: a float Hessian of the cost
 * (central differences of a float cost, valid because the activation pattern is
 * strict and the steps are tiny) proposes a direction of negative curvature; the
 * direction is rounded to rationals and confirmed exactly (first Taylor
 * coefficient 0, second < 0). Float only proposes; only the exact check can refute.
 *
 * One probe, two evaluators of the cost:
 *  - negativeCurvature: point by point (float forward pass; exact power series of
 *    the kernel on every point);
 *  - negativeCurvatureByGroups: from the pattern groups' moments, so it
 *    costs O(#groups) per evaluation whatever N is: the float cost of a parameter
 *    vector is Σ|Az + c − y|² per group from float moments, and the exact
 *    coefficients are the checker's (certificates/groups.ts costCoefficients).
 */
import { createRequire } from 'node:module';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { msFloat } from '../network/cost.ts';
import { toFloatNetwork } from '../network/float-network.ts';
import { flattenParams, layerShape, unflattenParams } from '../network/params.ts';
import { maskOffsets, type GroupedMoments } from '../network/pattern-groups.ts';
import { checkerGroups } from '../network/checker-groups.ts';
import { costCoefficients } from '../certificates/groups.ts';
import { costSeries } from '../network/cost-series.ts';
import type { Evidence } from '../certificates/format.ts';
import { toNumber } from '../exact/rational-to-number.ts';
import { abs } from '../exact/rational-shorthands.ts';

/** Largest parameter count for which the K×K float Hessian is attempted. */
export const MAX_HESSIAN_PARAMS = 120;

type Descent = Extract<Evidence, { kind: 'descent' }>;

/**
 * The probe: `f` the float cost of a flat parameter vector, `series` the exact Taylor
 * coefficients [c1, c2] of the cost along a direction (null: not smooth, no answer).
 */
function probe(net: Network, f: (p: number[]) => number, series: (d: Rational[]) => [Rational, Rational] | null): Descent | undefined {
  const base = flattenParams(net);
  const K = base.length;
  if (K > MAX_HESSIAN_PARAMS) return undefined;
  const p0 = base.map((v) => toNumber(v));
  const scale = Math.max(1, ...p0.map(Math.abs));
  const h = 1e-4 * scale;
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
  const candidates = eigenvectors.filter((e) => e.value < 0).sort((a, b) => a.value - b.value);
  for (const { vector } of candidates.slice(0, 3)) {
    const top = Math.max(...vector.map(Math.abs));
    if (!(top > 0 && Number.isFinite(top))) continue; // a float failure: no proposal from this vector
    const d = vector.map((v) => Rational.of(BigInt(Math.round((v / top) * 1e6)), 1_000_000n));
    const s = series(d);
    if (!s) return undefined;
    const [c1, c2] = s;
    if (!c1.isZero()) {
      const dir = c1.sign() < 0 ? d : d.map((v) => v.neg());
      return { kind: 'descent', direction: dir.map(String), order: 1, coefficient: abs(c1).neg().toString() };
    }
    if (c2.sign() < 0) return { kind: 'descent', direction: d.map(String), order: 2, coefficient: c2.toString() };
  }
  return undefined;
}

/** The probe point by point: float forward passes, and the kernel's exact power series on every point. */
export function negativeCurvature(net: Network, ds: DataSet): Descent | undefined {
  const shape = layerShape(net);
  const f = (p: number[]): number => msFloat(toFloatNetwork(unflattenParams(p.map((v) => Rational.parse(v)), shape)), ds);
  const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
  return probe(net, f, (d) => {
    const s = costSeries(net, unflattenParams(d, shape), samples);
    return s && [s[1], s[2]];
  });
}


/** Float moments of one group part: n, Σx, Σxxᵀ (x = z/D), and its target. */
interface FloatPart {
  readonly n: number;
  readonly s: Float64Array;
  readonly S: Float64Array;
  readonly y: Float64Array;
}

/**
 * The float cost of a flat parameter vector with every group's pattern held fixed:
 * Σ_groups Σ_parts [tr(A S Aᵀ) + 2(c − y)ᵀA s + n|c − y|²] / N, A, c the group's float map.
 */
function groupCostFloat(net: Network, ds: DataSet, grouped: GroupedMoments): (p: number[]) => number {
  const M = ds.M;
  const shape = layerShape(net);
  const widths = shape.widths ?? net.hidden.map(() => M);
  const offsets = maskOffsets(net.hidden);
  const groups = grouped.groups.map((g) => ({
    mask: g.mask,
    parts: g.parts.map((p): FloatPart => {
      const D = Number(p.moments.den);
      return {
        n: p.moments.count,
        s: Float64Array.from(p.moments.sum, (v) => Number(v) / D),
        S: Float64Array.from(p.moments.second, (v) => Number(v) / (D * D)),
        y: Float64Array.from(ds.targets[p.cls]!, (v) => toNumber(v)),
      };
    }),
  }));
  return (p) => {
    // Layers from the flat vector (the documented order: per layer W row-major, then b).
    let at = 0;
    let cols = M;
    const layers = [...widths, ds.Q].map((rows) => {
      const W = p.slice(at, at + rows * cols);
      at += rows * cols;
      const b = p.slice(at, at + rows);
      at += rows;
      const l = { rows, cols, W, b };
      cols = rows;
      return l;
    });
    let total = 0;
    for (const g of groups) {
      // The group's map x ↦ A x + c through the masked hidden layers, then the output layer.
      let A: number[] = Array.from({ length: M * M }, (_, k) => (k % (M + 1) === 0 ? 1 : 0));
      let c = new Array<number>(M).fill(0);
      layers.forEach((l, li) => {
        const nA = new Array<number>(l.rows * M).fill(0);
        const nc = new Array<number>(l.rows).fill(0);
        for (let r = 0; r < l.rows; r++) {
          if (li < widths.length && g.mask[offsets[li]! + r] !== 1) continue;
          let cr = l.b[r]!;
          for (let i = 0; i < l.cols; i++) {
            const w = l.W[r * l.cols + i]!;
            if (w === 0) continue;
            for (let k = 0; k < M; k++) nA[r * M + k]! += w * A[i * M + k]!;
            cr += w * c[i]!;
          }
          nc[r] = cr;
        }
        A = nA;
        c = nc;
      });
      for (const part of g.parts)
        for (let i = 0; i < ds.Q; i++) {
          const ci = c[i]! - part.y[i]!;
          let quad = 0;
          let lin = 0;
          for (let a = 0; a < M; a++) {
            const Aa = A[i * M + a]!;
            if (Aa === 0) continue;
            lin += Aa * part.s[a]!;
            for (let b = 0; b < M; b++) quad += Aa * part.S[a * M + b]! * A[i * M + b]!;
          }
          total += quad + 2 * ci * lin + part.n * ci * ci;
        }
    }
    return total / ds.N;
  };
}

/**
 * The probe from the pattern groups' moments: the same proposal step, the exact
 * confirmation by the checker's costCoefficients. Needs strict patterns (undefined otherwise: no answer).
 */
export function negativeCurvatureByGroups(net: Network, ds: DataSet, grouped: GroupedMoments): Descent | undefined {
  if (grouped.someZero) return undefined;
  const shape = layerShape(net);
  // The exact coefficients as the checker computes them (costCoefficients on its own groups, built once when first needed).
  let exact: ReturnType<typeof checkerGroups> | undefined;
  return probe(net, groupCostFloat(net, ds, grouped), (d) => costCoefficients(net, unflattenParams(d, shape), ds.targets, (exact ??= checkerGroups(net, ds)), 2));
}
