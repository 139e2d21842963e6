/**
 * `verify`: every claim of SPEC §3–§4 on one data set. Each verdict's
 * certificate is re-checked by the independent checker before it is reported,
 * and each exact cost is compared with an independent float computation; a
 * certificate the checker rejects turns the verdict into "inconclusive".
 */
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { classMoments } from '../data/moments.ts';
import { classStats } from '../data/stats.ts';
import type { CostConvention } from '../network/network.ts';
import { costFromMs } from '../network/cost.ts';
import type { FloatAgreement } from '../network/float-check.ts';
import type { NetworkJson } from '../certificates/format.ts';
import { checkCertificate } from '../certificates/check.ts';
import type { Certificate } from '../certificates/format.ts';
import { claim, type ClaimResult, type CostDetails } from './claim-result.ts';
import type { VerifyReport } from './verify-report.ts';
import { Deadline, TimeLimitExceeded } from '../util/deadline.ts';
import { shallowQuantities } from './shallow-quantities.ts';
import { assertAgrees, floatQuantities } from './float-quantities.ts';
import { SeparationMemo } from './point-set-separation.ts';
import { buildD1 } from './d1-global-minimizers.ts';
import { claimRun } from './claim-run.ts';
import { REGISTRY, type AnyClaimModule, type ClaimRegistry } from './registry.ts';
import { BackgroundChecks, floatCheckOf, type CheckAnswer } from './background-checks.ts';
import { toNumber } from '../exact/rational-to-number.ts';

export interface VerifyOptions {
  /** Hidden layers for the deep claims (default Q). */
  readonly layers?: number;
  readonly convention?: CostConvention;
  /** Called before each step (statistics, each claim, checking certificates), for progress display. */
  readonly onStep?: (name: string) => void;
  /** Skip D2 (2^Q − 1 candidates, each decided twice). */
  readonly skipD2?: boolean;
  /** Seconds each claim (and each D2 candidate) may take (default DEFAULT_TIME_LIMIT; Infinity: none). */
  readonly timeLimit?: number;
  /** Seconds the whole D2 family may take (default DEFAULT_D2_TIME_LIMIT). */
  readonly d2TimeLimit?: number;
  /** D2 on the subsets J with |J| ≤ K only (all proper subsets when absent). */
  readonly d2MaxSubsetSize?: number;
  /** Called before each D2 candidate (k of total), for progress display. */
  readonly onCandidate?: (k: number, total: number) => void;
  /** The claims to decide (default: the toolkit's, REGISTRY). */
  readonly registry?: ClaimRegistry;
  /**
   * Re-check certificates on a worker thread while the next claims are built (default: yes). The
   * report is the same either way (background-checks.ts), except that on the worker a re-check
   * longer than `timeLimit` is stopped and its claim reported inconclusive (time limit).
   */
  readonly backgroundChecks?: boolean;
}

/** Default time limit per claim and per D2 candidate, in seconds. */
export const DEFAULT_TIME_LIMIT = 600;
/** Default time limit of the whole D2 family, in seconds. */
export const DEFAULT_D2_TIME_LIMIT = 3600;

/** The claims a verify run with these options decides, in order. */
function decidedClaims(options: VerifyOptions): readonly AnyClaimModule[] {
  return (options.registry ?? REGISTRY).decided.filter((m) => !(options.skipD2 && m.id === 'D2'));
}

/**
 * How many times verify calls `onStep`: the statistics, one per decided claim, the certificate check.
 * @example verifyStepCount({ skipD2: true }) // 9
 */
export function verifyStepCount(options: Pick<VerifyOptions, 'skipD2' | 'registry'> = {}): number {
  return decidedClaims(options).length + 2;
}

/**
 * Runs one claim under its own Deadline; running out of time gives "inconclusive" with the
 * reason "time limit …" (one result per entry of the module's timeout shape, e.g. S3's two readings).
 */
function underLimit(deadline: Deadline, m: AnyClaimModule, run: (deadline: Deadline) => readonly ClaimResult[]): readonly ClaimResult[] {
  try {
    return run(deadline);
  } catch (e) {
    if (!(e instanceof TimeLimitExceeded)) throw e;
    // The module's own id: a ClaimResult of that claim.
    return (m.decision!.timeoutShape ?? [{}]).map((s) => claim({ id: m.id, ...s, status: 'inconclusive', reason: `time limit: ${e.message}` } as ClaimResult));
  }
}

export function verify(ds: DataSet, options: VerifyOptions = {}): VerifyReport {
  const L = options.layers ?? ds.Q;
  const convention = options.convention ?? 'norm';
  const step = options.onStep ?? (() => {});
  step('statistics');
  // Same exact values as classMoments / classStats, from integer moments without a Rational per coordinate.
  const moments = classMoments(ds);
  const stats = classStats(ds);
  const sq = shallowQuantities(ds, moments);
  const fq = floatQuantities(ds);
  assertAgrees('U²', sq.U2, fq.U2);
  assertAgrees('Vfull²', sq.Vfull2, fq.Vfull2);
  assertAgrees('Vnb²', sq.Vnb2, fq.Vnb2);
  const floatChecks = { U2: fq.U2, Vfull2: fq.Vfull2, Vnb2: fq.Vnb2 };
  const limit = options.timeLimit ?? DEFAULT_TIME_LIMIT;
  // Each certificate goes to the checker as soon as its claim is decided; finalize takes the answer.
  const background = (options.backgroundChecks ?? true) ? new BackgroundChecks(ds, limit) : undefined;
  const tickets = new Map<Certificate, number>();
  const submit = (results: readonly ClaimResult[]) => {
    for (const c of results) if (background && c.certificate) tickets.set(c.certificate, background.submit(c.certificate));
  };
  // D2's candidates also hand their float cross-check to the worker (it idles while this thread builds candidates):
  // one per candidate, whose two results share the network and its ms.
  const floatTickets = new Map<Certificate, number>();
  const floatAnswers = new Map<number, FloatAgreement | undefined>();
  const submitD2 = (results: readonly ClaimResult[]) => {
    submit(results);
    const first = results.find((c) => c.ms && c.certificate?.network);
    if (!background || !first) return;
    const t = background.submitFloat(first.certificate!.network!, first.ms!);
    for (const c of results) if (c.certificate?.network && c.ms === first.ms) floatTickets.set(c.certificate, t);
  };
  const floatOf = (c: ClaimResult): FloatAgreement | undefined => {
    const t = c.certificate && floatTickets.get(c.certificate);
    if (!background || t === undefined) return undefined;
    if (!floatAnswers.has(t)) floatAnswers.set(t, background.floatResult(t));
    return floatAnswers.get(t);
  };
  const check = (cert: Certificate): CheckAnswer => {
    const t = tickets.get(cert);
    return background && t !== undefined ? background.result(t) : checkCertificate(cert, ds);
  };
  try {
    const memo = new SeparationMemo(); // D1's separations, reused by D2
    const run = claimRun(ds, L, {
      quantities: () => ({ moments, stats, sq }),
      // buildD1's network, from compact data
      buildD1: (data, layers, q, deadline) => buildD1(data, layers, { moments: q.moments, memo, ...(deadline ? { deadline } : {}) }),
      d2Options: { maxSubsetSize: options.d2MaxSubsetSize, candidateSeconds: limit, memo, onCandidate: options.onCandidate, onResults: submitD2 },
    });
    // Claims whose code takes no Deadline are checked at their end: a result that arrives
    // late is still exact and is kept; the limit stops the work that does take one.
    const claims: ClaimResult[] = [];
    for (const m of decidedClaims(options)) {
      step(m.id);
      const decision = m.decision!;
      const before = claims.length;
      if (decision.budget === 'family') claims.push(...decision.decide(run, Deadline.in(options.d2TimeLimit ?? DEFAULT_D2_TIME_LIMIT)));
      else claims.push(...underLimit(Deadline.in(limit), m, (deadline) => decision.decide(run, deadline)));
      submit(claims.slice(before).filter((c) => !c.certificate || !tickets.has(c.certificate)));
    }
    step('checking certificates');
    return {
      ds,
      L,
      convention,
      quantities: { delta2: stats.delta2, deltaP2: stats.deltaP2, U2: sq.U2, Vfull2: sq.Vfull2, Vnb2: sq.Vnb2 },
      floatChecks: sq.U2 ? floatChecks : { ...floatChecks, U2: undefined },
      claims: claims.map((c) => finalize<ClaimResult>(c, ds, convention, check, floatOf)),
      d2: run.summaries.d2,
    };
  } finally {
    background?.close();
  }
}

// The two D2 verdicts of a candidate share its network and ms: one float pass for both.
const floatMemo = new WeakMap<object, Map<string, FloatAgreement>>();

function floatCheck(netJson: NetworkJson, ds: DataSet, ms: Rational): FloatAgreement {
  let perData = floatMemo.get(ds.classes);
  if (!perData) floatMemo.set(ds.classes, (perData = new Map()));
  const key = `${ms}|${JSON.stringify(netJson)}`;
  let f = perData.get(key);
  if (!f) {
    if (perData.size > 64) perData.clear();
    perData.set(key, (f = floatCheckOf(netJson, ds, ms)));
  }
  return f;
}

/** Re-checks the certificate independently and adds the float cross-check and the cost value. */
export function finalize<R extends ClaimResult>(
  c: R,
  ds: DataSet,
  convention: CostConvention,
  checker: (cert: Certificate) => CheckAnswer = (cert) => checkCertificate(cert, ds),
  floatMade?: (c: R) => FloatAgreement | undefined,
): R {
  let result = c;
  if (c.certificate) {
    const check = checker(c.certificate);
    if (!check.ok && 'timedOut' in check) result = { ...c, status: 'inconclusive', reason: `time limit: ${check.reason}; reporting inconclusive`, certificate: undefined };
    else if (!check.ok)
      result = { ...c, status: 'inconclusive', reason: `internal: the checker rejected this ${c.status} certificate (${check.reason}); reporting inconclusive`, certificate: undefined };
  }
  if (!result.ms) return result;
  let extra: CostDetails = { value: costFromMs(toNumber(result.ms), convention) };
  const netJson = c.certificate?.network;
  if (netJson) {
    const f = floatMade?.(c) ?? floatCheck(netJson, ds, result.ms);
    if (!f.applicable) extra = { ...extra, floatCheck: { notApplicable: f.reason } };
    else {
      if (!f.agrees) throw new Error(`float check failed for ${c.id}: exact ms ${toNumber(result.ms)} vs float ${f.msFloat} (bound ${f.bound})`);
      extra = { ...extra, floatCheck: { msFloat: f.msFloat, bound: f.bound } };
    }
  }
  // The claim's own details, with the cost fields every ClaimResult's details may carry.
  return { ...result, details: { ...result.details, ...extra } } as R;
}
