/**
 * What every claim decision receives: the data, the layer count, the shared quantities
 * (computed once per run) and the D1 construction (built once, by whichever claim needs
 * it first). `verify` and the proof engine each make one run per data set and call the
 * registry's decisions on it, so both decide every claim with the same code.
 */
import type { DataSet } from '../data/dataset.ts';
import type { ClassMoments } from '../data/moments.ts';
import type { ClassStats } from '../data/stats.ts';
import type { Deadline } from '../util/deadline.ts';
import type { ShallowQuantities } from './shallow-quantities.ts';
import type { D1Construction, D1Outcome } from './d1-global-minimizers.ts';
import type { D2Options, D2Summary } from './d2-local-minima.ts';

export interface RunQuantities {
  readonly moments: ClassMoments[];
  readonly stats: ClassStats;
  readonly sq: ShallowQuantities;
}

export interface ClaimRun {
  readonly ds: DataSet;
  /** Hidden layers of the deep claims. */
  readonly L: number;
  /** Class moments, statistics and shallow quantities, computed once. */
  quantities(): RunQuantities;
  /**
   * The D1 construction with L hidden layers, built once (under the deadline of the first
   * caller). When that build ran out of time it throws again, without retrying.
   */
  d1(deadline?: Deadline): D1Outcome;
  /** The built D1 construction, or undefined when none was built (or its build ran out of time). */
  built(): D1Construction | undefined;
  /** D2's options beyond its family deadline (shared separations, candidate budget, progress). */
  readonly d2Options: Omit<D2Options, 'deadline'>;
  /** Summaries a family decision leaves for the report (D2's). */
  readonly summaries: { d2?: D2Summary };
}

/** How a run computes what its claims share (verify: from compact data; the engine: point-wise). */
export interface RunBuilders {
  readonly quantities: (ds: DataSet) => RunQuantities;
  readonly buildD1: (ds: DataSet, L: number, q: RunQuantities, deadline: Deadline | undefined) => D1Outcome;
  readonly d2Options?: Omit<D2Options, 'deadline'>;
}

function once<T>(compute: () => T): () => T {
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
 * A run on one data set.
 * @example claimRun(ds, ds.Q, builders).built()?.net // the D1 network, if one is built
 */
export function claimRun(ds: DataSet, L: number, builders: RunBuilders): ClaimRun {
  const quantities = once(() => builders.quantities(ds));
  let outcome: { value: D1Outcome } | { failed: unknown } | undefined;
  const d1 = (deadline?: Deadline): D1Outcome => {
    if (!outcome) {
      try {
        outcome = { value: builders.buildD1(ds, L, quantities(), deadline) };
      } catch (e) {
        outcome = { failed: e };
      }
    }
    if ('failed' in outcome) throw outcome.failed;
    return outcome.value;
  };
  const built = (): D1Construction | undefined => {
    if (outcome && 'failed' in outcome) return undefined;
    const o = d1();
    return o.kind === 'built' ? o.construction : undefined;
  };
  return { ds, L, quantities, d1, built, d2Options: builders.d2Options ?? {}, summaries: {} };
}
