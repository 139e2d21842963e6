/**
 * Degeneracy of a minimiser (SPEC §4): explicit one-parameter families through
 * the point along which the outputs on the data — hence the cost — never change,
 * and bounds on the local dimension of the level set:
 *   lower = rank of the families' tangent vectors (their images form a manifold of that dimension),
 *   upper = K − rank J, J the Jacobian of the residual map (exact, strict pattern needed).
 * Two kinds of family: positive rescaling of a hidden unit (σ(tz) = tσ(z)), and
 * output-layer directions that vanish on every last hidden activation.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { gramRank } from '../exact/gram-rank.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { hiddenTrace } from '../network/forward.ts';
import { flattenParams, networkShape, unflattenParams } from '../network/params.ts';
import { jetForward, outputJacobianRank, residualGroups } from '../certificates/kernel.ts';
import type { FamilyJson } from '../certificates/format.ts';
import { EXACT_JACOBIAN_LIMIT, jacobianRankSubset } from './jacobian-subset.ts';
import { outputNullDirectionsLarge } from './degeneracy-large.ts';

export interface DegeneracyAnalysis {
  readonly families: FamilyJson[];
  readonly tangentRank: number;
  /** undefined when some pre-activation is 0 on the data (no Jacobian). */
  readonly jacobianRank: number | undefined;
  /** Large data (issue #8): the rank is mod `jacobianPrime` on these points only (see jacobian-subset.ts). */
  readonly jacobianPoints?: [number, number][];
  readonly jacobianPrime?: number;
  readonly paramCount: number;
  /** The exact local dimension of the minimizing set, when the submersion argument applies. */
  readonly exactDimension?: number;
}

/** Output-layer directions (flattened, length K) killing every (h, 1) of the last hidden layer. */
export function outputNullDirections(net: Network, ds: DataSet): Rational[][] {
  const K = flattenParams(net).length;
  const Q = ds.Q;
  const M = net.output.W.cols;
  const reps = ds.classes.flatMap((c) =>
    c.points.map((x) => {
      const acts = hiddenTrace(net, x).activations;
      return [...(acts.length ? acts[acts.length - 1]! : x), Rational.ONE];
    }),
  );
  const kernel = Matrix.fromRows(dedupe(reps)).nullSpace(); // k with kᵀ(h, 1) = 0 for all data
  const offset = K - Q * (M + 1);
  const dirs: Rational[][] = [];
  for (const k of kernel)
    for (let i = 0; i < Q; i++) {
      const d = new Array<Rational>(K).fill(Rational.ZERO);
      for (let j = 0; j < M; j++) d[offset + i * M + j] = k[j]!;
      d[offset + Q * M + i] = k[M]!;
      dirs.push(d);
    }
  return dirs;
}

function dedupe(rows: Rational[][]): Rational[][] {
  const seen = new Map<string, Rational[]>();
  for (const r of rows) seen.set(r.join(','), r);
  return [...seen.values()];
}

/** Tangent at t = 1 of the unit-rescaling family of hidden unit `unit` in layer `layer` (1-based). */
function rescalingTangent(net: Network, layer: number, unit: number): Rational[] {
  const layers = [...net.hidden, net.output];
  return layers.flatMap((l, idx) => {
    const W = l.W.toRows().map((row, i) => row.map((v, j) => (idx === layer - 1 && i === unit ? v : idx === layer && j === unit ? v.neg() : Rational.ZERO)));
    const b = l.b.map((v, i) => (idx === layer - 1 && i === unit ? v : Rational.ZERO));
    return [...W.flat(), ...b];
  });
}

/** Exact rank of the Jacobian of the residual map, or undefined at a non-smooth point. */
export function jacobianRank(net: Network, ds: DataSet): number | undefined {
  const base = flattenParams(net);
  const shape = networkShape(net);
  const points = ds.classes.flatMap((c) => c.points);
  const columns: Rational[][] = [];
  for (let i = 0; i < base.length; i++) {
    const e = base.map((_, k) => (k === i ? Rational.ONE : Rational.ZERO));
    const dir = unflattenParams(e, shape);
    const col: Rational[] = [];
    for (const x of points) {
      const series = jetForward(net, dir, x);
      if (!series) return undefined;
      for (const j of series) col.push(j[1]);
    }
    columns.push(col);
  }
  return Matrix.fromRows(columns).rank();
}

export function analyseDegeneracy(net: Network, ds: DataSet): DegeneracyAnalysis {
  const K = flattenParams(net).length;
  const families: FamilyJson[] = [];
  const tangents: Rational[][] = [];
  net.hidden.forEach((_, l) => {
    for (let k = 0; k < ds.M; k++) {
      families.push({ type: 'unit-rescaling', layer: l + 1, unit: k });
      tangents.push(rescalingTangent(net, l + 1, k));
    }
  });
  // The same directions by pattern groups on large data (issue #8).
  for (const d of ds.N > 64 ? outputNullDirectionsLarge(net, ds) : outputNullDirections(net, ds)) {
    families.push({ type: 'output-null', direction: d.map(String) });
    tangents.push(d);
  }
  // Few rows, K columns: rank(T) = rank(T·Tᵀ) (src/exact/gram-rank.ts), an L·M × L·M certified rank.
  const tangentRank = gramRank(tangents);
  if (ds.N * ds.Q * K > EXACT_JACOBIAN_LIMIT) {
    const sub = jacobianRankSubset(net, ds);
    return { families, tangentRank, jacobianRank: sub?.rank, paramCount: K, ...(sub ? { jacobianPoints: sub.points, jacobianPrime: sub.prime } : {}) };
  }
  return { families, tangentRank, jacobianRank: jacobianRank(net, ds), paramCount: K, ...exactDimension(net, ds, K) };
}

/**
 * The exact local dimension when the distinct residual functions (points collapsed at
 * the same layer with the same target share one) form a submersion: K − rank.
 */
function exactDimension(net: Network, ds: DataSet, K: number): { exactDimension?: number } {
  const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
  const reps = residualGroups(net, samples);
  if (!reps) return {};
  const rank = outputJacobianRank(net, reps.map((s) => s.x));
  return rank !== null && rank === reps.length * ds.Q ? { exactDimension: K - rank } : {};
}
