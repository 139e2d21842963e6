/**
 * Property checks for proof scripts: any fast-check property, run with a fixed
 * seed (from `--seed`) and a fixed number of runs (from `--runs`, else the
 * property's own default), so a run is reproducible and its verdict can sit
 * in the baseline. A failure is reported with its shrunk counterexample and
 * the seed and path that replay it; an over-filtered run is an error, not a pass.
 */
import fc from 'fast-check';

export interface PropertyCheck {
  readonly kind: 'property';
  readonly claim: string;
  readonly label: string;
  /** Builds the property (called once per run, so arbitraries are fresh). */
  readonly build: () => fc.IProperty<unknown>;
  /** Default number of runs when --runs is not given (default 100). */
  readonly runs?: number;
  /** What the property asserts, when the label is only a name (shown before the outcome). */
  readonly description?: string;
}

export interface PropertyOutcome {
  readonly verdict: 'passed' | 'failed' | 'error';
  readonly evidence: string;
  readonly runs: number;
  readonly seed: number;
  /** The shrunk counterexample (fast-check's rendering), when one was found. */
  readonly counterexample?: string;
}

type Arbs<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

/**
 * A property from arbitraries and an exact predicate (return false or throw to fail).
 * @example property('T1', 'τ∘τ = τ for invertible W', [invertibleMatrixArb(2), vectorArb(2), vectorArb(2)],
 *   (W, b, x) => { const tau = truncationMap(W, b); return vec.eq(tau(tau(x)), tau(x)); })
 */
export function property<Ts extends [unknown, ...unknown[]]>(
  claim: string,
  label: string,
  arbitraries: Arbs<Ts>,
  predicate: (...args: Ts) => boolean | void,
  options: { runs?: number } = {},
): PropertyCheck {
  const build = () => (fc.property as unknown as (...a: unknown[]) => fc.IProperty<unknown>)(...arbitraries, predicate);
  return { kind: 'property', claim, label, build, ...(options.runs !== undefined ? { runs: options.runs } : {}) };
}

/**
 * Any ready-made synchronous fast-check property (e.g. one from properties/).
 * @example fromFastCheck('R1', 'curation = forward pass', () => fc.property(networkArb(shape), (net) => …))
 */
export function fromFastCheck(claim: string, label: string, build: () => fc.IProperty<unknown>, options: { runs?: number } = {}): PropertyCheck {
  return { kind: 'property', claim, label, build, ...(options.runs !== undefined ? { runs: options.runs } : {}) };
}

/** A 31-bit seed for one property, derived from the run's seed and the property's name (stable when others are added). */
export function propertySeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return ((seed ^ h) >>> 0) & 0x7fffffff;
}

function firstLine(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.split('\n')[0]!.slice(0, 200);
}

/** Runs one property check with a fixed seed and number of runs. */
export function runProperty(p: PropertyCheck, seed: number, runs: number): PropertyOutcome {
  let details: fc.RunDetails<unknown>;
  try {
    details = fc.check(p.build(), { seed, numRuns: runs }) as fc.RunDetails<unknown>;
  } catch (e) {
    return { verdict: 'error', evidence: `could not run: ${firstLine(e)}`, runs, seed };
  }
  if (!details.failed) {
    const skips = details.numSkips ? `, ${details.numSkips} skipped` : '';
    return { verdict: 'passed', evidence: `${details.numRuns} runs${skips}, seed ${seed}`, runs, seed };
  }
  if (details.counterexample === null)
    return { verdict: 'error', evidence: `no verdict after ${details.numRuns} runs (${details.interrupted ? 'interrupted' : 'too many skipped runs'}), seed ${seed}`, runs, seed };
  const counterexample = fc.stringify(details.counterexample);
  const why = details.errorInstance ? `; ${firstLine(details.errorInstance)}` : '';
  return {
    verdict: 'failed',
    evidence: `counterexample after ${details.numRuns} run(s) (seed ${seed}, path "${details.counterexamplePath}"): ${counterexample.slice(0, 300)}${why}`,
    runs,
    seed,
    counterexample,
  };
}

/**
 * A searchable property of properties/claims (the `dlgeom search` contract of
 * src/search/property.ts), described structurally so this module does not depend on it.
 */
export interface SearchablePropertyLike<I, C extends { readonly summary: string }> {
  readonly id: string;
  readonly title: string;
  readonly arbitrary: (limits: { readonly maxQ: number }) => fc.Arbitrary<I>;
  readonly check: (input: I) => C | undefined;
  readonly confirm: (input: I, cx: C) => boolean;
}

/**
 * A property check from a searchable property: it fails on a counterexample that
 * the property's own `confirm` re-derives (an unconfirmed one is ignored, as `dlgeom search` does).
 * @example fromSearchProperty('T1', CLAIM_PROPERTIES.get('T1')!, { maxQ: 3, runs: 50 })
 */
export function fromSearchProperty<I, C extends { readonly summary: string }>(
  claim: string,
  p: SearchablePropertyLike<I, C>,
  options: { maxQ?: number; runs?: number } = {},
): PropertyCheck {
  const build = () =>
    fc.property(p.arbitrary({ maxQ: options.maxQ ?? 3 }), (input: I) => {
      const cx = p.check(input);
      if (cx && p.confirm(input, cx)) throw new Error(cx.summary);
      return true;
    }) as fc.IProperty<unknown>;
  return { kind: 'property', claim, label: `${p.id} (search property)`, description: p.title, build, ...(options.runs !== undefined ? { runs: options.runs } : {}) };
}
