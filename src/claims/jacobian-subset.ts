/**
 * The Jacobian rank for the degeneracy bound above EXACT_JACOBIAN_LIMIT entries: on a bounded,
 * documented subset of the points, modulo a prime (src/certificates/kernel.ts
 * says why K − rank stays an upper bound on the local dimension).
 *
 * Subset: the points are taken round-robin over the activation-pattern groups (and
 * classes within a group), the first rows of each, until there are
 * ⌈1.5·K/Q⌉ + 8 points (or all of them): enough rows (Q per point) to reach any rank ≤ K,
 * spread over every pattern so that every region of the network contributes rows.
 */
import type { DataSet } from '../data/dataset.ts';
import { compactOf, pointAt } from '../data/compact.ts';
import type { Network } from '../network/network.ts';
import { classifyPatterns, groupedMoments } from '../network/pattern-groups.ts';
import { flattenParams } from '../network/params.ts';
import { MAX_PRIME, isPrime, jacobianRowsModP, rankModP, type KNet } from '../certificates/kernel.ts';

/** Above this many Jacobian entries (N·Q·K) the exact rank over all points is replaced by this bound. */
export const EXACT_JACOBIAN_LIMIT = 60_000;
/** Largest Jacobian (rows × parameters) the subset rank is computed on. */
export const MAX_JACOBIAN_ENTRIES = 2 ** 26;

export interface SubsetJacobian {
  readonly rank: number;
  readonly prime: number;
  readonly points: [number, number][];
}

/**
 * The pattern groups in order of first occurrence, with each class's rows (increasing) per group.
 * When every class lies in a single group (the remembered groups say so, from the class
 * extremes when they decide), a class's rows there are all its rows 0..n_j − 1: no point is
 * classified. Otherwise the certified classification lists them.
 */
function patternRows(net: Network, ds: DataSet): { counts: number[]; row: (j: number, c: number) => number }[] {
  const grouped = groupedMoments(net, ds);
  const seen = new Array<number>(ds.Q).fill(0);
  for (const g of grouped.groups) for (const p of g.parts) seen[p.cls]!++;
  if (seen.every((n) => n <= 1)) {
    const sizes = compactOf(ds).classes.map((c) => c.count);
    return grouped.groups.map((g) => {
      const counts = new Array<number>(ds.Q).fill(0);
      for (const p of g.parts) counts[p.cls] = sizes[p.cls]!;
      return { counts, row: (_j: number, c: number) => c };
    });
  }
  return classifyPatterns(net, ds).groups.map((g) => ({ counts: g.counts, row: (j: number, c: number) => g.rows[j]![c]! }));
}

export function jacobianSubsetPoints(net: Network, ds: DataSet, all = false): [number, number][] {
  const K = flattenParams(net).length;
  const want = all ? ds.N : Math.min(ds.N, Math.ceil((1.5 * K) / ds.Q) + 8);
  const groups = patternRows(net, ds);
  const out: [number, number][] = [];
  const cursors = groups.map(() => new Array<number>(ds.Q).fill(0));
  for (let round = 0; out.length < want; round++) {
    let progressed = false;
    for (let g = 0; g < groups.length && out.length < want; g++)
      for (let j = 0; j < ds.Q && out.length < want; j++) {
        const c = cursors[g]![j]!;
        if (c < groups[g]!.counts[j]!) {
          out.push([j, groups[g]!.row(j, c)]);
          cursors[g]![j] = c + 1;
          progressed = true;
        }
      }
    if (!progressed) break;
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Rank mod a prime of the Jacobian on the subset (`all`: on every point); undefined at a non-smooth listed point. */
export function jacobianRankSubset(net: Network, ds: DataSet, all = false): SubsetJacobian | undefined {
  const points = jacobianSubsetPoints(net, ds, all);
  // The rows mod p are held in memory: beyond MAX_JACOBIAN_ENTRIES (512 MB as float64) no rank,
  // i.e. no upper bound (at M = 64, L = 9: 57 000 × 38 000 entries would exhaust the heap).
  if (points.length * ds.Q * flattenParams(net).length > MAX_JACOBIAN_ENTRIES) return undefined;
  const cd = compactOf(ds);
  const xs = points.map(([j, i]) => pointAt(cd.classes[j]!, ds.M, i));
  for (let p = MAX_PRIME - 1, tries = 0; tries < 8; p--) {
    if (!isPrime(p)) continue;
    tries++;
    const rows = jacobianRowsModP(net as KNet, xs, p);
    if (rows) return { rank: rankModP(rows, p), prime: p, points };
    // undefined: p divides a denominator (another prime helps) or a listed pre-activation is exactly 0 (none does).
  }
  return undefined;
}
