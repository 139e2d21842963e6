/**
 * The D1 / D2 truncation construction on large data (issue #8): the same network
 * as buildTruncationNetwork (d1-global-minimizers.ts) — same search, same cone
 * layers, same identity shift, same exact least-squares output layer — computed
 * from the compact data: class moments, exact coordinate extremes and exact
 * extremes of linear functionals instead of per-point Rational arithmetic.
 *
 * Separation by a working set: the float LP (separation.ts) is solved on a subset
 * (extreme points in several directions and a seeded sample); the normal it
 * returns is checked on ALL points exactly (exact max/min of ⟨n, x⟩), the most
 * violating points are added, and the LP is solved again. A separation reported
 * is exact on all points; an overlap found on a subset is an overlap of the full
 * sets (convex weights zero elsewhere). When both sets are small (≤ SMALL points
 * together) the LP sees every point, so the result is that of buildTruncationNetwork.
 */
import { Matrix, vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { roundToGrid } from '../exact/grid.ts';
import { solveLeastSquares } from '../exact/least-squares.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf, pointAt, type CompactClass, type CompactData } from '../data/compact.ts';
import { classMoments } from '../data/moments.ts';
import { coordinateExtremes, linearExtremes, linearValues } from '../data/extremes.ts';
import type { ClassMoments } from '../data/moments.ts';
import { fromRankOneCumulative, type RankOneCumulative } from '../network/cumulative.ts';
import { prng } from '../util/prng.ts';
import { Deadline } from '../util/deadline.ts';
import { separate, type Separation } from './separation.ts';
import { coneApply, type ConeLayer, type D1Outcome } from './d1-global-minimizers.ts';
import { searchTruncationOrder } from './truncation-order.ts';

/** Below this many points in both sets together, the LP sees every point. */
export const SMALL = 400;
const MAX_ROUNDS = 60;
const ADD_PER_ROUND = 40;
/** Up to this input dimension the starting directions include every unit vector. */
const UNIT_DIRECTIONS_UP_TO = 64;
/** Seeded random starting directions (more when the unit vectors are left out). */
const RANDOM_DIRECTIONS = (M: number) => (M <= UNIT_DIRECTIONS_UP_TO ? 8 : 48);

/** Points of some classes (by index) plus a few extra exact points (apexes). */
export interface PointSet {
  readonly classes: readonly number[];
  readonly extra: readonly (readonly Rational[])[];
}

function size(cd: CompactData, s: PointSet): number {
  return s.classes.reduce((n, j) => n + cd.classes[j]!.count, 0) + s.extra.length;
}

/** Exact max (side 'max') or min of ⟨n, x⟩ over a point set. */
function extreme(cd: CompactData, s: PointSet, n: readonly Rational[], side: 'max' | 'min'): Rational {
  let best: Rational | undefined;
  for (const j of s.classes) {
    const e = linearExtremes(cd.classes[j]!, cd.M, n);
    const v = side === 'max' ? e.max : e.min;
    if (!best || (side === 'max' ? v.gt(best) : v.lt(best))) best = v;
  }
  for (const x of s.extra) {
    const v = vec.dot(n, x);
    if (!best || (side === 'max' ? v.gt(best) : v.lt(best))) best = v;
  }
  return best!;
}

/**
 * The rows attaining max and min of ⟨d, x⟩ over a class for each of the fixed starting
 * directions (the same for every separation: unit vectors and a seeded sample), remembered
 * per class: D2 separates the same classes for each of its 2^Q − 1 candidates.
 */
const extremesCache = new WeakMap<CompactClass, Map<string, { argmax: number; argmin: number }[]>>();
function directionExtremes(c: CompactClass, M: number, dirs: readonly Rational[][], key: string): { argmax: number; argmin: number }[] {
  let byKey = extremesCache.get(c);
  if (!byKey) extremesCache.set(c, (byKey = new Map()));
  let out = byKey.get(key);
  if (!out) {
    out = dirs.map((d) => {
      const e = linearExtremes(c, M, d);
      return { argmax: e.argmax, argmin: e.argmin };
    });
    byKey.set(key, out);
  }
  return out;
}

/**
 * Strict separation of two large point sets, decided soundly (see the file comment).
 * Overlap weights are indexed like the points of the set: classes in order, then extra.
 */
export function separateLarge(ds: DataSet, A: PointSet, B: PointSet, deadline: Deadline = Deadline.none()): Separation {
  const cd = compactOf(ds);
  const M = ds.M;
  const all = (s: PointSet): Rational[][] => [...s.classes.flatMap((j) => Array.from({ length: cd.classes[j]!.count }, (_, i) => pointAt(cd.classes[j]!, M, i))), ...s.extra.map((x) => [...x])];
  if (B.classes.length === 0 && B.extra.length === 0) {
    // As separate(): e_1 with a unit margin above the set.
    const n = vec.zeros(M);
    n[0] = Rational.ONE;
    return { kind: 'separated', n, c: extreme(cd, A, n, 'max').add(Rational.ONE), gamma: Rational.ONE };
  }
  if (size(cd, A) + size(cd, B) <= SMALL) return separate(all(A), all(B), deadline);

  // Working sets: keys "class:row" (or "x:k" for extra points).
  type Work = Map<string, Rational[]>;
  const wa: Work = new Map();
  const wb: Work = new Map();
  const add = (w: Work, j: number, i: number) => {
    const key = `${j}:${i}`;
    if (!w.has(key)) w.set(key, pointAt(cd.classes[j]!, M, i));
  };
  A.extra.forEach((x, k) => wa.set(`x:${k}`, [...x]));
  B.extra.forEach((x, k) => wb.set(`x:${k}`, [...x]));
  const rand = prng(12345);
  const dirs: Rational[][] = [];
  if (M <= UNIT_DIRECTIONS_UP_TO) for (let k = 0; k < M; k++) dirs.push(vec.zeros(M).map((_, i) => (i === k ? Rational.ONE : Rational.ZERO)));
  for (let r = 0; r < RANDOM_DIRECTIONS(M); r++) dirs.push(Array.from({ length: M }, () => Rational.int(Math.round((rand() * 2 - 1) * 8))));
  const dirsKey = dirs.map((d) => d.join(',')).join(';');
  for (const [set, w] of [[A, wa], [B, wb]] as const)
    for (const j of set.classes) {
      const c = cd.classes[j]!;
      for (const e of directionExtremes(c, M, dirs, dirsKey)) {
        add(w, j, e.argmax);
        add(w, j, e.argmin);
      }
      for (let s = 0; s < 16; s++) add(w, j, Math.floor(rand() * c.count));
    }

  for (let round = 0; round < MAX_ROUNDS; round++) {
    deadline.check(`separation round ${round + 1}`);
    const keysA = [...wa.keys()];
    const keysB = [...wb.keys()];
    const sep = separate([...wa.values()], [...wb.values()], deadline);
    if (sep.kind === 'unknown') return { kind: 'unknown', reason: `on a working set of ${wa.size} + ${wb.size} points: ${sep.reason}` };
    if (sep.kind === 'overlap') {
      const spread = (set: PointSet, keys: string[], weights: Rational[]): Rational[] => {
        const offsets = new Map<string, number>();
        let at = 0;
        for (const j of set.classes) {
          offsets.set(String(j), at);
          at += cd.classes[j]!.count;
        }
        const out = new Array<Rational>(at + set.extra.length).fill(Rational.ZERO);
        keys.forEach((key, k) => {
          const [a, b] = key.split(':');
          const idx = a === 'x' ? at + Number(b) : offsets.get(a!)! + Number(b);
          out[idx] = weights[k]!;
        });
        return out;
      };
      return { kind: 'overlap', lambda: spread(A, keysA, sep.lambda), mu: spread(B, keysB, sep.mu) };
    }
    const n = sep.n;
    const maxA = extreme(cd, A, n, 'max');
    const minB = extreme(cd, B, n, 'min');
    if (minB.gt(maxA)) {
      const half = Rational.of(1n, 2n);
      return { kind: 'separated', n, c: maxA.add(minB).mul(half), gamma: minB.sub(maxA).mul(half) };
    }
    // Add the most violating points of each side (largest ⟨n,a⟩ in A, smallest ⟨n,b⟩ in B).
    let added = 0;
    for (const [set, w, sign] of [[A, wa, 1], [B, wb, -1]] as const) {
      const cands: { j: number; i: number; v: number }[] = [];
      for (const j of set.classes) {
        const { values } = linearValues(cd.classes[j]!, M, n);
        // Keep the top ADD_PER_ROUND of sign·value per class.
        const idx = Array.from(values.keys());
        idx.sort((p, q) => sign * (values[q]! - values[p]!));
        for (const i of idx.slice(0, ADD_PER_ROUND)) cands.push({ j, i, v: sign * values[i]! });
      }
      cands.sort((p, q) => q.v - p.v);
      for (const { j, i } of cands.slice(0, ADD_PER_ROUND)) {
        const before = w.size;
        add(w, j, i);
        if (w.size > before) added++;
      }
    }
    if (added === 0) return { kind: 'unknown', reason: 'the working set stopped growing before the exact check succeeded' };
  }
  return { kind: 'unknown', reason: `no exact separation after ${MAX_ROUNDS} working-set rounds` };
}

/**
 * Separations remembered by the point sets they separate (classes and exact extra
 * points): the 2^Q − 1 D2 candidates (and verify's D1) ask for the same ones — each
 * candidate's first layer separates a class from all the others, and candidates with a
 * common truncation prefix share every separation of that prefix. A remembered answer is
 * the exact answer computed for those very sets. Time-limit interruptions are not kept.
 */
export class SeparationMemo {
  private readonly known = new Map<string, Separation>();

  separate(ds: DataSet, A: PointSet, B: PointSet, deadline: Deadline = Deadline.none()): Separation {
    const key = `${setKey(A)}||${setKey(B)}`;
    let s = this.known.get(key);
    if (!s) this.known.set(key, (s = separateLarge(ds, A, B, deadline)));
    return s;
  }

  /** The answer already known for these sets, if any (nothing is computed). */
  peek(A: PointSet, B: PointSet): Separation | undefined {
    return this.known.get(`${setKey(A)}||${setKey(B)}`);
  }
}

function setKey(s: PointSet): string {
  return `${s.classes.join(',')}|${s.extra.map((x) => x.join(',')).join(';')}`;
}

/** Shared inputs of the truncation construction (all optional). */
export interface TruncationOptions {
  /** Class moments (computed when absent). */
  readonly moments?: readonly ClassMoments[];
  /** Checked in the order search and in every separation round. */
  readonly deadline?: Deadline;
  /** Separations shared with other constructions on the same data. */
  readonly memo?: SeparationMemo;
  /**
   * Look for a pairwise convex overlap (class of `truncate` against any other class)
   * before the order search: if one exists no order works, whatever the search does.
   * Worth it when the pairs are shared (D2), not for one construction.
   */
  readonly pairsFirst?: boolean;
}

/** coneLayer (d1-global-minimizers.ts) from the class's moments and exact coordinate extremes. */
function coneLayerLarge(
  ds: DataSet,
  sep: Extract<Separation, { kind: 'separated' }>,
  cls: number,
  present: PointSet,
  moments: readonly ClassMoments[],
  extremes: readonly { max: Rational[]; min: Rational[] }[],
): ConeLayer {
  const M = sep.n.length;
  const m = moments[cls]!;
  const mean = m.sum.map((v) => roundToGrid(v.div(Rational.int(m.count)), 1024n));
  const shift = sep.c.sub(vec.dot(sep.n, mean)).div(vec.norm2(sep.n));
  const apex = vec.add(mean, vec.scale(sep.n, shift));
  let D = Rational.ZERO;
  for (const j of [cls, ...present.classes])
    for (let k = 0; k < M; k++) D = D.max(extremes[j]!.max[k]!.sub(apex[k]!).abs()).max(extremes[j]!.min[k]!.sub(apex[k]!).abs());
  for (const x of present.extra) for (const v of vec.sub(x, apex)) D = D.max(v.abs());
  const target = sep.gamma.div(D.mul(Rational.int(2)));
  let eps = Rational.ONE;
  while (eps.gt(target)) eps = eps.div(Rational.int(2));
  while (eps.mul(Rational.int(2)).le(target)) eps = eps.mul(Rational.int(2));
  const nSum = sep.n.reduce((s, v) => s.add(v), Rational.ZERO);
  if (eps.eq(nSum.neg())) eps = eps.div(Rational.int(2));
  return { eps, n: sep.n, b: coneApply(eps, sep.n, apex).map((v) => v.neg()), apex };
}

/**
 * buildTruncationNetwork (d1-global-minimizers.ts) for large data: same outcome
 * kinds and, when every separation sees all points, the same network.
 */
export function buildTruncationNetworkLarge(ds: DataSet, L: number, truncate: readonly number[], options: TruncationOptions = {}): D1Outcome {
  const moments = options.moments ?? classMoments(ds);
  const deadline = options.deadline ?? Deadline.none();
  const memo = options.memo ?? new SeparationMemo();
  const { Q, M } = ds;
  if (M < Q) return { kind: 'hypothesis-fails', reason: `needs input dimension M ≥ Q (M = ${M}, Q = ${Q})` };
  if (L < truncate.length) return { kind: 'hypothesis-fails', reason: `needs at least ${truncate.length} hidden layers to truncate ${truncate.length} classes (L = ${L})` };
  const cd = compactOf(ds);
  const extremes = cd.classes.map((c) => coordinateExtremes(c, M));
  const kept = Array.from({ length: Q }, (_, j) => j).filter((j) => !truncate.includes(j));
  const single = (j: number): PointSet => ({ classes: [j], extra: [] });
  const found = searchTruncationOrder(
    ds,
    truncate,
    (k, rest, apexes) => {
      const present: PointSet = { classes: rest, extra: apexes };
      const sep = memo.separate(ds, single(k), present, deadline);
      if (sep.kind === 'separated') return coneLayerLarge(ds, sep, k, present, moments, extremes);
      return sep.kind === 'unknown' ? sep.reason : undefined;
    },
    (a, b) => memo.separate(ds, single(a), single(b), deadline),
    { deadline, pairsFirst: !!options.pairsFirst },
  );
  if ('kind' in found) return found;

  const { layers, order } = found;
  const apexes = layers.map((l) => l.apex);
  const hidden: RankOneCumulative[] = [...layers];
  // identityShift([...kept points, ...apexes], 1): the most negative coordinate, exactly.
  let worst = Rational.ZERO;
  for (const j of kept) for (const v of extremes[j]!.min) if (v.neg().gt(worst)) worst = v.neg();
  for (const a of apexes) for (const v of a) if (v.neg().gt(worst)) worst = v.neg();
  const beta = worst.add(Rational.ONE);
  for (let l = layers.length; l < L; l++) hidden.push({ eps: Rational.ONE, n: vec.zeros(M), b: new Array<Rational>(M).fill(beta) });
  // Output: exact least squares from the curated inputs (z, 1) to the targets, from moments.
  const d = M + 1;
  let G = Matrix.zeros(d, d);
  let B = Matrix.zeros(Q, d);
  let S = Rational.ZERO;
  for (const j of kept) {
    const m = moments[j]!;
    const n = Rational.int(m.count);
    const g = new Array<Rational>(d * d);
    for (let a = 0; a < M; a++) {
      for (let b = 0; b < M; b++) g[a * d + b] = m.second.get(a, b);
      g[a * d + M] = m.sum[a]!;
      g[M * d + a] = m.sum[a]!;
    }
    g[M * d + M] = n;
    G = G.add(new Matrix(d, d, g));
    B = B.add(Matrix.outer(ds.targets[j]!, [...m.sum, n]));
    S = S.add(vec.norm2(ds.targets[j]!).mul(n));
  }
  order.forEach((j, l) => {
    const w = Rational.int(moments[j]!.count);
    const za = [...apexes[l]!, Rational.ONE];
    G = G.add(Matrix.outer(za, za).scale(w));
    B = B.add(Matrix.outer(ds.targets[j]!, za).scale(w));
    S = S.add(vec.norm2(ds.targets[j]!).mul(w));
  });
  const fit = solveLeastSquares({ G, B, S }).A;
  const allRows = Array.from({ length: Q }, (_, i) => i);
  // Per-layer parameters by Sherman–Morrison (the cumulative layers are ε I + 1 nᵀ): fromCumulative's network.
  const net = fromRankOneCumulative(hidden, { W: fit.select(allRows, Array.from({ length: M }, (_, k) => k)), b: fit.column(M) });
  const truncatedAt = new Array<number | null>(Q).fill(null);
  order.forEach((j, l) => (truncatedAt[j] = l + 1));
  return { kind: 'built', construction: { net, order, apexes, truncatedAt } };
}

/** D1 on large data: every class truncated, L ≥ Q. */
export function buildD1Large(ds: DataSet, L: number, options: TruncationOptions = {}): D1Outcome {
  if (L < ds.Q) return { kind: 'hypothesis-fails', reason: `needs L ≥ Q hidden layers (L = ${L}, Q = ${ds.Q})` };
  return buildTruncationNetworkLarge(ds, L, Array.from({ length: ds.Q }, (_, j) => j), options);
}
