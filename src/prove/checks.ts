/**
 * What a proof script's `assert` returns: exact checks it states itself, and engine
 * verdicts (src/prove/engine.ts) whose certificates the runner re-checks.
 */
import type { ClaimResult } from '../claims/claim-result.ts';

/** The outcome of an exact check: whether it holds, and one line saying why. */
export interface ExactOutcome {
  readonly holds: boolean;
  readonly evidence: string;
}

/** A check whose result is exact (rational comparisons, sign tests); evaluated lazily. */
export interface ExactCheck {
  readonly kind: 'exact';
  /** The claim id it belongs to (T1, S1, D1, …, or your own). */
  readonly claim: string;
  /** What is checked, in words; part of the baseline key, so keep it stable. */
  readonly label: string;
  readonly evaluate: () => ExactOutcome;
}

/**
 * A verdict of the engine (src/claims): one or several ClaimResults. The runner,
 * not the script, re-checks every certificate with `checkCertificate`; a result
 * whose certificate is missing or rejected is reported "inconclusive".
 */
export interface EngineCheck {
  readonly kind: 'engine';
  readonly claim: string;
  readonly evaluate: () => ClaimResult | readonly ClaimResult[];
}

export type Check = ExactCheck | EngineCheck;

