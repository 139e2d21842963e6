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
import type { ClassMoments } from '../data/moments.ts';
import { classMomentsFast } from '../data/compact-stats.ts';
import { classifyPatterns, msExactFast as msExact } from '../network/pattern-groups.ts'; // exactly msExact, by certified pattern groups (issue #8)
import { flattenParams } from '../network/params.ts';
import { makeCertificate } from '../certificates/build.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { buildTruncationNetworkLarge } from './d1-large.ts';
import type { MinimalityDecision } from './local-minimality.ts';
// The reference decisions, computed by pattern groups (issue #8).
import { decideAllParametersLarge as decideAllParameters, decideOutputLayerLarge as decideOutputLayer, patternData, type PatternData } from './local-minimality-large.ts';

export interface D2Summary {
  readonly candidates: number;
  readonly built: number;
  /** Whether all built candidates are pairwise different parameter points. */
  readonly distinctPoints: boolean;
  /** Number of distinct exact cost values among the built candidates. */
  readonly distinctCostValues: number;
  readonly localMinimaAllParameters: number;
  readonly minimaOutputLayer: number;
}

/** Proper subsets of {0..Q−1}, smallest first (∅ first). */
export function properSubsets(Q: number): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < (1 << Q) - 1; mask++) out.push(Array.from({ length: Q }, (_, j) => j).filter((j) => mask & (1 << j)));
  return out.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
}

/**
 * Candidate for one subset (0-based class indices), or the reason there is none.
 * Built from the compact data by buildTruncationNetworkLarge (as verify's D1 network) with
 * the class moments `moments` (computed when absent; checkD2 computes them once for all
 * subsets). It is the point-wise buildTruncationNetwork's network whenever each separation
 * LP sees every point (at most d1-large's SMALL points in the two sets together); above,
 * the LP runs on a working set and may return another strictly separating normal, so the
 * candidate may be another instance of the same construction (separation checked exactly
 * on all points either way). `patterns`: the candidate's activation-pattern data, from one
 * float pass over the points, shared by ms and both decisions.
 */
export function d2Candidate(
  ds: DataSet,
  L: number,
  J: readonly number[],
  moments: readonly ClassMoments[] = classMomentsFast(ds),
): { net: Network; ms: Rational; patterns: PatternData } | { reason: string } {
  const out = buildTruncationNetworkLarge(ds, L, J, moments);
  if (out.kind !== 'built') return { reason: out.reason };
  const net = out.construction.net;
  const cls = classifyPatterns(net, ds);
  return { net, ms: msExact(net, ds, cls), patterns: patternData(net, ds, cls) };
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

export function checkD2(ds: DataSet, L: number): { results: ClaimResult[]; summary: D2Summary } {
  const results: ClaimResult[] = [];
  const built: { flat: string; ms: Rational }[] = [];
  let localMin = 0;
  let outputMin = 0;
  const subsets = properSubsets(ds.Q);
  const moments = classMomentsFast(ds); // once for all 2^Q − 1 candidates
  for (const J of subsets) {
    const cand = d2Candidate(ds, L, J, moments);
    if ('reason' in cand) {
      for (const sense of ['all-parameters', 'output-layer'] as const)
        results.push(claim({ id: 'D2', subset: J.map((j) => j + 1), sense, status: 'not-applicable', reason: `no candidate: ${cand.reason}` }));
      continue;
    }
    const { net, ms, patterns } = cand;
    built.push({ flat: flattenParams(net).join(','), ms });
    const all = toResult(ds, J, 'all-parameters', net, ms, decideAllParameters(net, ds, ms, 1, patterns));
    const out = toResult(ds, J, 'output-layer', net, ms, decideOutputLayer(net, ds, patterns));
    if (all.status === 'verified') localMin++;
    if (out.status === 'verified') outputMin++;
    results.push(all, out);
  }
  const flats = new Set(built.map((b) => b.flat));
  const costs = new Set(built.map((b) => b.ms.toString()));
  return {
    results,
    summary: {
      candidates: subsets.length,
      built: built.length,
      distinctPoints: flats.size === built.length,
      distinctCostValues: costs.size,
      localMinimaAllParameters: localMin,
      minimaOutputLayer: outputMin,
    },
  };
}
