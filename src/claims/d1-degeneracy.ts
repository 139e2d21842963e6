/**
 * Degeneracy of a minimiser (SPEC §4): explicit one-parameter families through
 * the point along which the outputs on the data — hence the cost — never change,
 * and bounds on the local dimension of the level set:
 *   lower = rank of the families' tangent vectors (their images form a manifold of that dimension),
 *   upper = K − rank_p J, J the Jacobian of the residual map on listed points, rank mod a prime p (strict pattern needed).
 * Two kinds of family: positive rescaling of a hidden unit (σ(tz) = tσ(z)), and
 * output-layer directions that vanish on every last hidden activation.
 */
import { Matrix, vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { gramRank } from '../exact/gram-rank.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { groupedMoments, patternMaps } from '../network/pattern-groups.ts';
import { flattenParams, networkShape, unflattenParams } from '../network/params.ts';
import { jacobianRowsModP, rankModP, residualGroups } from '../certificates/kernel.ts';
import { jetForward } from '../network/cost-series.ts';
import type { FamilyJson } from '../certificates/format.ts';
import { EXACT_JACOBIAN_LIMIT, jacobianRankSubset, type SubsetJacobian } from './jacobian-subset.ts';

export interface DegeneracyAnalysis {
  readonly families: FamilyJson[];
  readonly tangentRank: number;
  /**
   * The Jacobian's rank modulo `prime` on `points` (every point up to EXACT_JACOBIAN_LIMIT, see jacobian-subset.ts);
   * undefined when some listed pre-activation is 0 (no Jacobian) or the rows would not fit in memory.
   */
  readonly jacobian: SubsetJacobian | undefined;
  readonly paramCount: number;
  /** The exact local dimension of the minimizing set, when the submersion argument applies. */
  readonly exactDimension?: number;
}

/**
 * Output-layer directions (flattened, length K) killing every (h, 1) of the last hidden layer
 * on the data: for each k in the null space of {(h, 1)} and each output row i, the direction
 * moving row i of [W_{L+1} b_{L+1}] by kᵀ.
 *
 * Computed per activation-pattern group, never per point: on a group the last hidden
 * activation is affine, h = A x + c, so the group's vectors (h, 1) span T·span{(x, 1)} with
 * T = [A c; 0 1], and span{(x, 1)} is the column space of the group's Gram matrix
 * G = Σ (x,1)(x,1)ᵀ (exact, from its integer moments). The stacked rows T·(pivot columns of G)
 * have the row space of the per-point rows, and Matrix.nullSpace depends only on the row space
 * (reduced echelon form): the basis is the per-point one (test/oracles/degeneracy-pointwise.ts).
 */
export function outputNullDirections(net: Network, ds: DataSet): Rational[][] {
  const K = flattenParams(net).length;
  const Q = ds.Q;
  const M = ds.M;
  const W = net.output.W.cols;
  const d = M + 1;
  const rows: Rational[][] = [];
  for (const g of groupedMoments(net, ds).groups) {
    const maps = patternMaps(net, g.mask).hidden;
    const h = maps[maps.length - 1] ?? { A: Matrix.identity(M), c: vec.zeros(M) }; // h = A x + c on this pattern
    const G = new Array<Rational>(d * d).fill(Rational.ZERO);
    for (const { moments: m } of g.parts) {
      const D = Rational.int(m.den);
      const D2 = D.mul(D);
      for (let a = 0; a < M; a++) {
        for (let b = 0; b < M; b++) G[a * d + b] = G[a * d + b]!.add(Rational.int(m.second[a * M + b]!).div(D2));
        const s = Rational.int(m.sum[a]!).div(D);
        G[a * d + M] = G[a * d + M]!.add(s);
        G[M * d + a] = G[M * d + a]!.add(s);
      }
      G[M * d + M] = G[M * d + M]!.add(Rational.int(m.count));
    }
    const Gm = new Matrix(d, d, G);
    for (const p of Gm.pivotColumns()) {
      const v = Gm.column(p); // a combination of the group's vectors (x, 1)
      const one = v[M]!;
      rows.push([...vec.add(h.A.mulVec(v.slice(0, M)), vec.scale(h.c, one)), one]);
    }
  }
  const kernel = Matrix.fromRows(rows).nullSpace(); // k with kᵀ(h, 1) = 0 for all data
  const offset = K - Q * (W + 1);
  const dirs: Rational[][] = [];
  for (const k of kernel)
    for (let i = 0; i < Q; i++) {
      const dv = new Array<Rational>(K).fill(Rational.ZERO);
      for (let j = 0; j < W; j++) dv[offset + i * W + j] = k[j]!;
      dv[offset + Q * W + i] = k[W]!;
      dirs.push(dv);
    }
  return dirs;
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
  for (const d of outputNullDirections(net, ds)) {
    families.push({ type: 'output-null', direction: d.map(String) });
    tangents.push(d);
  }
  // Few rows, K columns: rank(T) = rank(T·Tᵀ) (src/exact/gram-rank.ts), an L·M × L·M certified rank.
  const tangentRank = gramRank(tangents);
  // The checker takes the rank mod a prime on listed points: every point up to EXACT_JACOBIAN_LIMIT, a subset above.
  const small = ds.N * ds.Q * K <= EXACT_JACOBIAN_LIMIT;
  const jacobian = jacobianRankSubset(net, ds, small);
  const exact = small && jacobian ? exactDimension(net, ds, K, jacobian.prime) : {};
  return { families, tangentRank, jacobian, paramCount: K, ...exact };
}

/**
 * The exact local dimension when the distinct residual functions (points collapsed at
 * the same layer with the same target share one) form a submersion: K − rank, with the
 * full row rank shown mod p (a rank mod p equal to the row count is that rank over Q).
 */
function exactDimension(net: Network, ds: DataSet, K: number, p: number): { exactDimension?: number } {
  const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
  const reps = residualGroups(net, samples);
  const rows = reps ? jacobianRowsModP(net, reps.map((s) => s.x), p) : undefined;
  return rows && rankModP(rows, p) === reps!.length * ds.Q ? { exactDimension: K - reps!.length * ds.Q } : {};
}
