/**
 * The engine seen from a proof script: the claim functions of src/claims on one
 * data set, each wrapped as a lazy EngineCheck. The shared quantities (class
 * moments, statistics, shallow quantities, the D1 construction) are computed
 * once per data set. Verdicts come only from here; the runner re-checks their
 * certificates.
 */
import type { DataSet } from '../data/dataset.ts';
import { classMoments, type ClassMoments } from '../data/moments.ts';
import { classStats, type ClassStats } from '../data/stats.ts';
import type { Network } from '../network/network.ts';
import type { ClaimResult } from '../claims/claim-result.ts';
import { shallowQuantities, type ShallowQuantities } from '../claims/shallow-quantities.ts';
import { checkS1 } from '../claims/s1-upper-bound.ts';
import { checkS2 } from '../claims/s2-metric.ts';
import { checkS3 } from '../claims/s3-affine-minimum.ts';
import { buildD1, type D1Construction, type D1Outcome } from '../claims/d1-global-minimizers.ts';
import { checkD1, checkD3, checkDegeneracy, checkR1 } from '../claims/deep.ts';
import { checkD2 } from '../claims/d2-local-minima.ts';
import type { EngineCheck } from './define.ts';

export interface EngineQuantities {
  readonly moments: ClassMoments[];
  readonly stats: ClassStats;
  readonly sq: ShallowQuantities;
}

export interface Engine {
  readonly ds: DataSet;
  /** Class moments, statistics and shallow quantities (U², Vfull², Vnb², X̄⁺), computed once. */
  quantities(): EngineQuantities;
  /** The engine's D1 construction for `layers` hidden layers (default Q), computed once per L. */
  d1(layers?: number): D1Outcome;
  S1(): EngineCheck;
  S2(): EngineCheck;
  /** Both readings of the output bias (free, tied): two verdicts. */
  S3(): EngineCheck;
  /** D1 on a given construction (default: the engine's own, `d1()`). */
  D1(construction?: D1Outcome): EngineCheck;
  /** Degeneracy of a minimizer (default: the engine's D1 network, if built). */
  degeneracy(net?: Network): EngineCheck;
  /** D2 for every proper subset J, in both senses: 2(2^Q − 1) verdicts. */
  D2(layers?: number): EngineCheck;
  /** Curation along a construction (default: the engine's D1 construction, if built). */
  D3(built?: Pick<D1Construction, 'net' | 'truncatedAt'>): EngineCheck;
  /** R1 on a network; `which` names it in the reason. */
  R1(net: Network, which: string): EngineCheck;
  /** Any other engine function returning claim results (its certificates are re-checked like the rest). */
  custom(claim: string, run: () => ClaimResult | readonly ClaimResult[]): EngineCheck;
}

function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * The engine on one data set.
 * @example engineFor(loadExample('clusters-q3')).S1().evaluate() // a ClaimResult with a certificate
 */
export function engineFor(ds: DataSet): Engine {
  const quantities = lazy((): EngineQuantities => {
    const moments = classMoments(ds);
    return { moments, stats: classStats(ds), sq: shallowQuantities(ds, moments) };
  });
  const d1Cache = new Map<number, D1Outcome>();
  const d1 = (layers = ds.Q): D1Outcome => {
    let o = d1Cache.get(layers);
    if (!o) d1Cache.set(layers, (o = buildD1(ds, layers)));
    return o;
  };
  const builtOf = (o: D1Outcome): D1Construction | undefined => (o.kind === 'built' ? o.construction : undefined);
  const check = (claim: string, evaluate: () => ClaimResult | readonly ClaimResult[]): EngineCheck => ({ kind: 'engine', claim, evaluate });
  return {
    ds,
    quantities,
    d1,
    S1: () => check('S1', () => checkS1(ds, quantities().sq, quantities().stats)),
    S2: () => check('S2', () => checkS2(ds, quantities().sq)),
    S3: () => check('S3', () => checkS3(ds, quantities().sq, quantities().moments, quantities().stats.deltaP2)),
    D1: (construction) =>
      check('D1', () => {
        const o = construction ?? d1();
        const L = o.kind === 'built' ? o.construction.net.hidden.length : ds.Q;
        return checkD1(ds, L, o);
      }),
    degeneracy: (net) => check('D1-degeneracy', () => checkDegeneracy(ds, net ?? builtOf(d1())?.net)),
    D2: (layers) => check('D2', () => checkD2(ds, layers ?? ds.Q).results),
    D3: (built) => check('D3', () => checkD3(ds, built ?? builtOf(d1()))),
    R1: (net, which) => check('R1', () => checkR1(ds, net, which)),
    custom: check,
  };
}
