/**
 * D2 (SPEC §4), our reading: for every proper subset J of the classes, the
 * candidate network truncating the classes of J (output layer fitted exactly by
 * least squares to the curated data), its exact cost, and two decisions with
 * certificates — local minimum over all parameters, minimum over the output
 * layer alone — plus whether the candidates are distinct as points and in cost.
 */
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { classMoments } from '../data/moments.ts';
import { msExact } from '../network/cost.ts';
import { flattenParams } from '../network/params.ts';
import { makeCertificate } from '../certificates/build.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { SeparationMemo } from './point-set-separation.ts';
import { buildTruncationNetwork, type TruncationOptions } from './d1-global-minimizers.ts';
import { Deadline, TimeLimitExceeded } from '../util/deadline.ts';
import type { MinimalityDecision } from './local-minimality.ts';
// The decisions by pattern groups (equal to the per-point oracles: test/local-minimality.test.ts).
import { decideAllParameters, decideOutputLayer, patternData, type PatternData } from './local-minimality.ts';

export interface D2Summary {
  readonly candidates: number;
  /** Which subsets were candidates: all proper subsets, or those of size ≤ K. */
  readonly subsets: 'all' | number;
  readonly built: number;
  /** Candidates left inconclusive by a time limit. */
  readonly timedOut: number;
  /** Whether all built candidates are pairwise different parameter points. */
  readonly distinctPoints: boolean;
  /** Number of distinct exact cost values among the built candidates. */
  readonly distinctCostValues: number;
  readonly localMinimaAllParameters: number;
  readonly minimaOutputLayer: number;
}

/**
 * Proper subsets of {0..Q−1} with at most `maxSize` elements (all proper subsets when
 * absent), smallest first, then lexicographic (∅ first). Enumerated size by size, so a
 * bound K costs Σ_{k ≤ K} C(Q, k), never 2^Q.
 * @example properSubsets(3) // [[], [0], [1], [2], [0, 1], [0, 2], [1, 2]]
 */
export function properSubsets(Q: number, maxSize = Q - 1): number[][] {
  const out: number[][] = [];
  const top = Math.min(maxSize, Q - 1);
  const grow = (start: number, size: number, cur: number[]): void => {
    if (cur.length === size) {
      out.push([...cur]);
      return;
    }
    for (let j = start; j <= Q - (size - cur.length); j++) {
      cur.push(j);
      grow(j + 1, size, cur);
      cur.pop();
    }
  };
  for (let size = 0; size <= top; size++) grow(0, size, []);
  return out;
}

/** How many subsets properSubsets(Q, maxSize) lists (as a float: may exceed 2^53 for huge Q). */
export function properSubsetCount(Q: number, maxSize = Q - 1): number {
  let total = 0;
  let c = 1; // C(Q, 0)
  for (let k = 0; k <= Math.min(maxSize, Q - 1); k++) {
    total += c;
    c = (c * (Q - k)) / (k + 1);
  }
  return total;
}

/**
 * Candidate for one subset (0-based class indices), or the reason there is none.
 * Built from the compact data by buildTruncationNetwork (as verify's D1 network) with
 * the class moments `moments` (computed when absent; checkD2 computes them once for all
 * subsets). It is the per-point construction's network whenever each separation
 * LP sees every point (at most point-set-separation's SMALL points in the two sets together); above,
 * the LP runs on a working set and may return another strictly separating normal, so the
 * candidate may be another instance of the same construction (separation checked exactly
 * on all points either way). `patterns`: the candidate's activation-pattern data, from one
 * float pass over the points, shared by ms and both decisions.
 */
export function d2Candidate(
  ds: DataSet,
  L: number,
  J: readonly number[],
  options: TruncationOptions = {},
): { net: Network; ms: Rational; patterns: PatternData } | { reason: string } {
  const out = buildTruncationNetwork(ds, L, J, options);
  if (out.kind !== 'built') return { reason: out.reason };
  const net = out.construction.net;
  // The pattern groups (groupedMoments, remembered per network): from the class extremes when
  // every class lies strictly inside one pattern, else one certified pass over the points.
  return { net, ms: msExact(net, ds), patterns: patternData(net, ds) };
}

function toResult(ds: DataSet, J: number[], sense: 'all-parameters' | 'output-layer', net: Network, ms: Rational, d: MinimalityDecision): ClaimResult {
  const subset = J.map((j) => j + 1);
  const base = { id: 'D2' as const, subset, sense, ms };
  if (d.status === 'inconclusive') return claim({ ...base, status: 'inconclusive', reason: d.reason });
  const what = sense === 'all-parameters' ? 'a local minimum over all parameters' : 'a minimum over the output layer';
  return claim({
    ...base,
    status: d.status,
    reason: `J = {${subset.join(', ')}}: ${d.status === 'verified' ? '' : 'not '}${what} — ${d.reason}`,
    certificate: makeCertificate({
      claim: 'D2',
      verdict: d.status,
      statement: `The D2 candidate for J = {${subset.join(', ')}} is ${d.status === 'verified' ? '' : 'not '}${what}.`,
      ds,
      net,
      ms,
      evidence: d.evidence,
      context: { subset, sense },
    }),
  });
}

export interface D2Options {
  /** Only subsets J with |J| ≤ maxSubsetSize (all proper subsets when absent). */
  readonly maxSubsetSize?: number;
  /** Budget of the whole D2 family: candidates not reached are inconclusive ("time limit"). */
  readonly deadline?: Deadline;
  /** Budget of each candidate in seconds (construction and both decisions). */
  readonly candidateSeconds?: number;
  /** Separations shared with verify's D1 construction. */
  readonly memo?: SeparationMemo;
  /** Called before each candidate (1-based index k of total), for progress display. */
  readonly onCandidate?: (k: number, total: number) => void;
  /** Called with each candidate's two results as soon as they exist (verify starts their checks). */
  readonly onResults?: (results: readonly ClaimResult[]) => void;
}

/**
 * All candidates of D2, each decided in both senses. What the candidates share is computed
 * once: the class moments, every separation (SeparationMemo: the pairwise overlaps first,
 * then each truncation prefix once), the class extremes (point-set-separation.ts).
 */
export function checkD2(ds: DataSet, L: number, options: D2Options = {}): { results: ClaimResult[]; summary: D2Summary } {
  const results: ClaimResult[] = [];
  const built: { flat: string; ms: Rational }[] = [];
  let localMin = 0;
  let outputMin = 0;
  let timedOut = 0;
  const subsets = properSubsets(ds.Q, options.maxSubsetSize);
  const family = options.deadline ?? Deadline.none();
  const shared = { moments: classMoments(ds), memo: options.memo ?? new SeparationMemo(), pairsFirst: true };
  const both = (J: number[], status: 'not-applicable' | 'inconclusive', reason: string) => {
    for (const sense of ['all-parameters', 'output-layer'] as const) results.push(claim({ id: 'D2', subset: J.map((j) => j + 1), sense, status, reason }));
  };
  subsets.forEach((J, k) => {
    options.onCandidate?.(k + 1, subsets.length);
    if (family.expired()) {
      timedOut++;
      both(J, 'inconclusive', `time limit: the D2 budget of ${family.seconds} s ran out before this candidate`);
      return;
    }
    const deadline = options.candidateSeconds === undefined ? family : family.within(options.candidateSeconds);
    try {
      const cand = d2Candidate(ds, L, J, { ...shared, deadline });
      if ('reason' in cand) return both(J, 'not-applicable', `no candidate: ${cand.reason}`);
      const { net, ms, patterns } = cand;
      deadline.check('the decision over all parameters');
      const all = toResult(ds, J, 'all-parameters', net, ms, decideAllParameters(net, ds, ms, 1, patterns));
      deadline.check('the decision over the output layer');
      const out = toResult(ds, J, 'output-layer', net, ms, decideOutputLayer(net, ds, patterns));
      built.push({ flat: flattenParams(net).join(','), ms });
      if (all.status === 'verified') localMin++;
      if (out.status === 'verified') outputMin++;
      results.push(all, out);
      options.onResults?.([all, out]);
    } catch (e) {
      if (!(e instanceof TimeLimitExceeded)) throw e;
      timedOut++;
      both(J, 'inconclusive', `time limit: ${e.message}`);
    }
  });
  const flats = new Set(built.map((b) => b.flat));
  const costs = new Set(built.map((b) => b.ms.toString()));
  return {
    results,
    summary: {
      candidates: subsets.length,
      subsets: options.maxSubsetSize === undefined ? 'all' : options.maxSubsetSize,
      built: built.length,
      timedOut,
      distinctPoints: flats.size === built.length,
      distinctCostValues: costs.size,
      localMinimaAllParameters: localMin,
      minimaOutputLayer: outputMin,
    },
  };
}
