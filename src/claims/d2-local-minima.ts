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
import { msExactFast as msExact } from '../network/pattern-groups.ts'; // exactly msExact, by certified pattern groups (issue #8)
import { flattenParams } from '../network/params.ts';
import { makeCertificate } from '../certificates/build.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { buildTruncationNetwork } from './d1-global-minimizers.ts';
import type { MinimalityDecision } from './local-minimality.ts';
// The reference decisions, computed by pattern groups (issue #8).
import { decideAllParametersLarge as decideAllParameters, decideOutputLayerLarge as decideOutputLayer } from './local-minimality-large.ts';

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

/** Candidate for one subset (0-based class indices), or the reason there is none. */
export function d2Candidate(ds: DataSet, L: number, J: readonly number[]): { net: Network; ms: Rational } | { reason: string } {
  const out = buildTruncationNetwork(ds, L, J);
  if (out.kind !== 'built') return { reason: out.reason };
  return { net: out.construction.net, ms: msExact(out.construction.net, ds) };
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
  for (const J of subsets) {
    const cand = d2Candidate(ds, L, J);
    if ('reason' in cand) {
      for (const sense of ['all-parameters', 'output-layer'] as const)
        results.push(claim({ id: 'D2', subset: J.map((j) => j + 1), sense, status: 'not-applicable', reason: `no candidate: ${cand.reason}` }));
      continue;
    }
    const { net, ms } = cand;
    built.push({ flat: flattenParams(net).join(','), ms });
    const all = toResult(ds, J, 'all-parameters', net, ms, decideAllParameters(net, ds, ms));
    const out = toResult(ds, J, 'output-layer', net, ms, decideOutputLayer(net, ds));
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
