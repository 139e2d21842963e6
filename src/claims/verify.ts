/**
 * `verify`: every claim of SPEC §3–§4 on one data set. Each verdict's
 * certificate is re-checked by the independent checker before it is reported,
 * and each exact cost is compared with an independent float computation; a
 * certificate the checker rejects turns the verdict into "inconclusive".
 */
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { classMomentsFast, classStatsFast } from '../data/compact-stats.ts';
import { engineNetwork, type CostConvention, type Network } from '../network/network.ts';
import { costFromMs } from '../network/cost.ts';
import { checkMsInFloat, type FloatAgreement } from '../network/float-check.ts';
import type { NetworkJson } from '../certificates/format.ts';
import { checkCertificate } from '../certificates/check.ts';
import { parseNetwork } from '../certificates/kernel.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { Deadline, TimeLimitExceeded } from '../util/deadline.ts';
import { shallowQuantities } from './shallow-quantities.ts';
import { assertAgrees, floatQuantities, type FloatQuantity } from './float-quantities.ts';
import { checkS1 } from './s1-upper-bound.ts';
import { checkS2 } from './s2-metric.ts';
import { checkS3, s3Network } from './s3-affine-minimum.ts';
import { buildD1Large, SeparationMemo } from './d1-large.ts';
import type { D1Construction } from './d1-global-minimizers.ts';
import { checkD1, checkD3, checkDegeneracy, checkR1 } from './deep.ts';
import { checkD2, type D2Summary } from './d2-local-minima.ts';

export interface VerifyOptions {
  /** Hidden layers for the deep claims (default Q). */
  readonly layers?: number;
  readonly convention?: CostConvention;
  /** Called before each claim family, for progress display. */
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
}

/** Default time limit per claim and per D2 candidate, in seconds. */
export const DEFAULT_TIME_LIMIT = 600;
/** Default time limit of the whole D2 family, in seconds. */
export const DEFAULT_D2_TIME_LIMIT = 3600;

/**
 * Runs one claim under its own Deadline; running out of time gives "inconclusive" with the
 * reason "time limit …" (one result per entry of `shape`, e.g. S3's two readings).
 */
function underLimit(seconds: number, shape: readonly Pick<ClaimResult, 'id' | 'bias'>[], run: (deadline: Deadline) => ClaimResult[]): ClaimResult[] {
  try {
    return run(Deadline.in(seconds));
  } catch (e) {
    if (!(e instanceof TimeLimitExceeded)) throw e;
    return shape.map((r) => claim({ ...r, status: 'inconclusive', reason: `time limit: ${e.message}` }));
  }
}

export interface VerifyReport {
  readonly ds: DataSet;
  readonly L: number;
  readonly convention: CostConvention;
  readonly quantities: {
    readonly delta2: Rational;
    readonly deltaP2: Rational | undefined;
    readonly U2: Rational | undefined;
    readonly Vfull2: Rational;
    readonly Vnb2: Rational;
  };
  readonly claims: ClaimResult[];
  /** The float cross-checks of the quantities (each agreed within its tolerance, or is not applicable). */
  readonly floatChecks: { readonly U2: FloatQuantity | undefined; readonly Vfull2: FloatQuantity | undefined; readonly Vnb2: FloatQuantity | undefined };
  /** D2 over all proper subsets; undefined when D2 was skipped (`skipD2`). */
  readonly d2: D2Summary | undefined;
}

export function verify(ds: DataSet, options: VerifyOptions = {}): VerifyReport {
  const L = options.layers ?? ds.Q;
  const convention = options.convention ?? 'norm';
  const step = options.onStep ?? (() => {});
  step('statistics');
  // Same exact values as classMoments / classStats, without a Rational per coordinate (issue #8).
  const moments = classMomentsFast(ds);
  const stats = classStatsFast(ds);
  const sq = shallowQuantities(ds, moments);
  const fq = floatQuantities(ds);
  assertAgrees('U²', sq.U2, fq.U2);
  assertAgrees('Vfull²', sq.Vfull2, fq.Vfull2);
  assertAgrees('Vnb²', sq.Vnb2, fq.Vnb2);
  const floatChecks = { U2: fq.U2, Vfull2: fq.Vfull2, Vnb2: fq.Vnb2 };
  const claims: ClaimResult[] = [];
  const limit = options.timeLimit ?? DEFAULT_TIME_LIMIT;
  // Claims whose code takes no Deadline are checked at their end: a result that arrives
  // late is still exact and is kept; the limit stops the work that does take one.
  step('S1');
  claims.push(...underLimit(limit, [{ id: 'S1' }], () => [checkS1(ds, sq, stats)]));
  step('S2');
  claims.push(...underLimit(limit, [{ id: 'S2' }], () => [checkS2(ds, sq)]));
  step('S3');
  claims.push(...underLimit(limit, [{ id: 'S3', bias: 'free' }, { id: 'S3', bias: 'tied' }], () => checkS3(ds, sq, moments, stats.deltaP2)));
  step('D1');
  const memo = new SeparationMemo(); // D1's separations, reused by D2
  let built: D1Construction | undefined;
  claims.push(
    ...underLimit(limit, [{ id: 'D1' }], (deadline) => {
      const d1 = buildD1Large(ds, L, { moments, deadline, memo }); // buildD1's network, from compact data
      built = d1.kind === 'built' ? d1.construction : undefined;
      return [checkD1(ds, L, d1)];
    }),
  );
  step('D1-degeneracy');
  claims.push(...underLimit(limit, [{ id: 'D1-degeneracy' }], () => [checkDegeneracy(ds, built?.net)]));
  step('D3');
  claims.push(...underLimit(limit, [{ id: 'D3' }], () => [checkD3(ds, built)]));
  step('R1');
  claims.push(...underLimit(limit, [{ id: 'R1' }], () => [checkR1(ds, built?.net ?? s3Network(ds, sq, 'free'), built ? 'D1 network' : 'S3 network (no D1 network was built)')]));
  let d2: D2Summary | undefined;
  if (!options.skipD2) {
    step('D2');
    const r = checkD2(ds, L, {
      maxSubsetSize: options.d2MaxSubsetSize,
      deadline: Deadline.in(options.d2TimeLimit ?? DEFAULT_D2_TIME_LIMIT),
      candidateSeconds: limit,
      memo,
      onCandidate: options.onCandidate,
    });
    claims.push(...r.results);
    d2 = r.summary;
  }
  step('checking certificates');
  return {
    ds,
    L,
    convention,
    quantities: { delta2: stats.delta2, deltaP2: stats.deltaP2, U2: sq.U2, Vfull2: sq.Vfull2, Vnb2: sq.Vnb2 },
    floatChecks: sq.U2 ? floatChecks : { ...floatChecks, U2: undefined },
    claims: claims.map((c) => finalize(c, ds, convention)),
    d2,
  };
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
    perData.set(key, (f = checkMsInFloat(engineNetwork(parseNetwork(netJson, netJson.hidden.length, ds.M, ds.Q)), ds, ms)));
  }
  return f;
}

/** Re-checks the certificate independently and adds the float cross-check and the cost value. */
export function finalize(c: ClaimResult, ds: DataSet, convention: CostConvention): ClaimResult {
  let result = c;
  if (c.certificate) {
    const check = checkCertificate(c.certificate, ds);
    if (!check.ok)
      result = { ...c, status: 'inconclusive', reason: `internal: the checker rejected this ${c.status} certificate (${check.reason}); reporting inconclusive`, certificate: undefined };
  }
  if (!result.ms) return result;
  const extra: Record<string, unknown> = { value: costFromMs(result.ms.toNumber(), convention) };
  const netJson = c.certificate?.network;
  if (netJson) {
    const f = floatCheck(netJson, ds, result.ms);
    if (!f.applicable) extra.floatCheck = { notApplicable: f.reason };
    else {
      if (!f.agrees) throw new Error(`float check failed for ${c.id}: exact ms ${result.ms.toNumber()} vs float ${f.msFloat} (bound ${f.bound})`);
      extra.floatCheck = { msFloat: f.msFloat, bound: f.bound };
    }
  }
  return { ...result, details: { ...result.details, ...extra } };
}
