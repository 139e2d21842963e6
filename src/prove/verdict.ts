/**
 * Verdict rows: one per (script, claim, check, data). The four together are
 * the baseline key; the verdict is what the baseline records.
 */

/**
 * - verified / refuted / inconclusive / not-applicable: an engine verdict (verified and refuted only
 *   with a certificate the independent checker accepted);
 * - holds / fails: an exact check;
 * - passed / failed: a property (fixed seed and runs; failed = a counterexample was found);
 * - error: something threw (a script, a construction, a check).
 */
export type Verdict = 'verified' | 'refuted' | 'inconclusive' | 'not-applicable' | 'holds' | 'fails' | 'passed' | 'failed' | 'error';

export const VERDICTS: readonly Verdict[] = ['verified', 'refuted', 'inconclusive', 'not-applicable', 'holds', 'fails', 'passed', 'failed', 'error'];

export type CheckKind = 'engine' | 'exact' | 'property' | 'script';

export interface VerdictRow {
  /** The script's key: its path relative to the baseline's folder, without `.proof.ts`. */
  readonly script: string;
  readonly claim: string;
  /** Which check: "engine", "engine (free bias)", "engine J={1} all-parameters", an exact check's label, a property's label. */
  readonly check: string;
  /** The data set's name, or "property" for property checks. */
  readonly data: string;
  readonly kind: CheckKind;
  readonly verdict: Verdict;
  /** One line: the checker's summary, the exact comparison, the counterexample, the error. */
  readonly evidence: string;
  readonly timeMs: number;
  /** Engine rows: the exact mean squared residual, when a cost is meant. */
  readonly ms?: string;
  /** Engine rows with a certificate: what it is and whether the checker accepted it. */
  readonly certificate?: { readonly claim: string; readonly verdict: string; readonly evidence: string; readonly accepted: boolean };
}

/** The baseline key of a row. */
export function rowKey(r: Pick<VerdictRow, 'script' | 'claim' | 'check' | 'data'>): string {
  return `${r.script} › ${r.claim} · ${r.check} › ${r.data}`;
}

/** How decisive a verdict is: 2 decisive, 1 inconclusive, 0 broken (fails, failed, error). */
export function verdictRank(v: Verdict): number {
  if (v === 'inconclusive') return 1;
  if (v === 'fails' || v === 'failed' || v === 'error') return 0;
  return 2;
}
