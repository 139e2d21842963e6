/**
 * The engine seen from a proof script: every decision of the claim registry on one data
 * set, each wrapped as a lazy EngineCheck (one method per claim id, taking that claim's
 * optional input: a construction or network of the script's own). The shared quantities
 * (class moments, statistics, shallow quantities, the D1 construction) are computed once
 * per data set. Verdicts come only from here; the runner re-checks their certificates.
 */
import type { DataSet } from '../data/dataset.ts';
import { classMoments } from '../data/moments.ts';
import { classStats } from '../data/stats.ts';
import type { ClaimId, ClaimResult } from '../claims/claim-result.ts';
import { shallowQuantities } from '../claims/shallow-quantities.ts';
import { buildD1, type D1Outcome } from '../claims/d1-global-minimizers.ts';
import { claimRun, type RunQuantities } from '../claims/claim-run.ts';
import { CLAIM_MODULES } from '../claims/registry.ts';
import type { ClaimModule } from '../claims/registry/claim-module.ts';
import type { EngineCheck } from './checks.ts';

type Module = (typeof CLAIM_MODULES)[number];
type InputOf<M> = M extends ClaimModule<string, infer I> ? I : never;

/** One method per claim `verify` decides, named by its id: `engine.S1()`, `engine.D1(construction)`, `engine['D1-degeneracy'](net)`. */
export type EngineDecisions = { readonly [M in Module as M['id'] extends ClaimId ? M['id'] : never]: (input?: InputOf<M>) => EngineCheck };

export interface Engine extends EngineDecisions {
  readonly ds: DataSet;
  /** Class moments, statistics and shallow quantities (U², Vfull², Vnb², X̄⁺), computed once. */
  quantities(): RunQuantities;
  /** The engine's D1 construction for `layers` hidden layers (default Q), computed once per L. */
  d1(layers?: number): D1Outcome;
  /** Any other engine function returning claim results (its certificates are re-checked like the rest). */
  custom(claim: string, run: () => ClaimResult | readonly ClaimResult[]): EngineCheck;
}

/**
 * The engine on one data set.
 * @example engineFor(loadExample('clusters-q3')).S1().evaluate() // a ClaimResult with a certificate
 */
export function engineFor(ds: DataSet): Engine {
  const run = claimRun(ds, ds.Q, {
    quantities: (data) => {
      const moments = classMoments(data);
      return { moments, stats: classStats(data), sq: shallowQuantities(data, moments) };
    },
    buildD1: (data, L) => buildD1(data, L),
  });
  const d1Cache = new Map<number, D1Outcome>();
  const d1 = (layers = ds.Q): D1Outcome => {
    if (layers === ds.Q) return run.d1();
    let o = d1Cache.get(layers);
    if (!o) d1Cache.set(layers, (o = buildD1(ds, layers)));
    return o;
  };
  const check = (claim: string, evaluate: () => ClaimResult | readonly ClaimResult[]): EngineCheck => ({ kind: 'engine', claim, evaluate });
  const decisions = Object.fromEntries(
    (CLAIM_MODULES as readonly ClaimModule<string, unknown>[]).flatMap((m) => {
      const decision = m.decision;
      // A claim with one verdict evaluates to that result, as proof scripts read it; others to the list.
      const evaluate = (input: unknown) => () => {
        const results = decision!.decide(run, undefined, input);
        return results.length === 1 ? results[0]! : results;
      };
      return decision ? [[m.id, (input?: unknown) => check(m.id, evaluate(input))]] : [];
    }),
  ) as unknown as EngineDecisions; // one entry per module with a decision, typed by its module
  return { ...decisions, ds, quantities: run.quantities, d1, custom: check };
}
