/**
 * `decide`: exact, certified answers about a given ReLU network (any hidden widths) on given
 * data — its exact cost, and four verdicts, each backed by a certificate of claim "network"
 * that the independent checker re-checks before it is reported (one it rejects becomes
 * "inconclusive"):
 * - global (cost exactly 0 — "cost-zero"; refuted by a descent direction, or by a point of the
 *   same architecture with lower cost from the D1/D2 constructions — "lower-cost-point");
 * - all-parameters: a local minimum over all parameters ("pattern-bound"), or not ("descent",
 *   first or second order);
 * - critical-point: the exact gradient vanishes ("critical-point"), or a first-order descent;
 * - output-layer: a minimum over the output layer ("output-normal-equations") or "descent".
 * At a non-smooth point (a hidden pre-activation exactly 0 on a data point) the only sound
 * move used is one of the output layer alone (hidden activations, σ(0) = 0 included, do not
 * move): it refutes all four when the output layer is not optimal; otherwise the all-parameter
 * verdicts are "inconclusive" with that reason.
 */
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { InputError } from '../data/errors.ts';
import type { CostConvention, Network } from '../network/network.ts';
import { costFromMsExact, msExact } from '../network/cost.ts';
import { checkMsInFloat, type FloatAgreement } from '../network/float-check.ts';
import { classifyPatterns } from '../network/pattern-groups.ts';
import { layerShape, shapeParamCount, unflattenParams, type NetworkShape } from '../network/params.ts';
import type { Certificate, Evidence } from '../certificates/format.ts';
import { makeCertificate, networkToJson } from '../certificates/build.ts';
import { buildD1 } from './d1-global-minimizers.ts';
import { d2Candidate } from './d2-local-minima.ts';
import { checkCertificate } from '../certificates/check.ts';
import { costSeriesOneSided } from '../certificates/kernel.ts';
import { prng, randInt } from '../util/prng.ts';
import { Deadline, TimeLimitExceeded } from '../util/deadline.ts';
import type { ClaimStatus } from './claim-result.ts';
import type { MinimalityDecision } from './local-minimality.ts';
import { decideAllParameters, decideOutputLayer, firstCoefficient, outputLayerDirection, outputLayerGradient, patternData, type PatternData } from './local-minimality.ts';
import { truncationStructure, type TruncationStructure } from './network-truncation.ts';
import { toNumber } from '../exact/rational-to-number.ts';
import { abs } from '../exact/rational-shorthands.ts';

/** The senses of claim "network" (the certificate's context.sense). */
export type NetworkSense = 'global' | 'all-parameters' | 'critical-point' | 'output-layer';
export const NETWORK_SENSES: readonly NetworkSense[] = ['global', 'all-parameters', 'critical-point', 'output-layer'];

export interface NetworkVerdict {
  /** "network/<sense>". */
  readonly claim: `network/${NetworkSense}`;
  readonly status: ClaimStatus;
  readonly reason: string;
  readonly certificate?: Certificate;
}

export interface DecideOptions {
  readonly convention?: CostConvention;
  /** Cooperative time limit: work past it ends in "inconclusive" with the reason "time limit". */
  readonly deadline?: Deadline;
  readonly seed?: number;
  readonly onStep?: (name: string) => void;
  /** Names the network in input errors (e.g. its file). */
  readonly networkName?: string;
}

export interface DecisionReport {
  readonly ds: DataSet;
  readonly net: Network;
  readonly shape: NetworkShape;
  readonly paramCount: number;
  readonly convention: CostConvention;
  readonly ms: Rational;
  /** C under the convention: exact when it is rational (always for mse, half-mse). */
  readonly cost: { readonly exact?: Rational; readonly float: number };
  readonly floatCheck: FloatAgreement;
  /** Every hidden pre-activation is nonzero on every data point. */
  readonly smooth: boolean;
  readonly truncation: TruncationStructure;
  readonly verdicts: NetworkVerdict[];
}

const STATEMENT: Record<NetworkSense, [string, string]> = {
  global: ['The network is a global minimum of the cost on these data (ms = 0).', 'The network is not a global minimum of the cost on these data.'],
  'all-parameters': ['The network is a local minimum of the cost over all parameters.', 'The network is not a local minimum of the cost over all parameters.'],
  'critical-point': ['The network is a critical point of the cost (its exact gradient is 0).', 'The network is not a critical point of the cost.'],
  'output-layer': ['The network is a minimum of the cost over its output layer.', 'The network is not a minimum of the cost over its output layer.'],
};

/** The network must take M inputs and give Q outputs; anything else is the user's input error. */
function checkFits(net: Network, ds: DataSet, name: string): NetworkShape {
  let shape: NetworkShape;
  try {
    shape = layerShape(net);
  } catch (e) {
    throw new InputError(`${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (shape.M !== ds.M) throw new InputError(`${name}: takes ${shape.M} inputs, but the data "${ds.name}" have M = ${ds.M} coordinates`);
  if (shape.Q !== ds.Q) throw new InputError(`${name}: has ${shape.Q} outputs, but the data "${ds.name}" have Q = ${ds.Q} classes (one target each)`);
  return shape;
}

/**
 * Decides everything `dlgeom decide` reports.
 * @example decideNetwork(net, loadExample('clusters-q2')).verdicts.map((v) => v.status)
 */
export function decideNetwork(net: Network, ds: DataSet, options: DecideOptions = {}): DecisionReport {
  const convention = options.convention ?? 'norm';
  const deadline = options.deadline ?? Deadline.none();
  const step = options.onStep ?? (() => {});
  const shape = checkFits(net, ds, options.networkName ?? 'network');
  step('exact cost');
  const cls = classifyPatterns(net, ds);
  const ms = msExact(net, ds, cls);
  const floatCheck = checkMsInFloat(net, ds, ms);
  // An independent float check within a rigorous bound; not applicable (with its reason) where no bound holds.
  if (floatCheck.applicable && !floatCheck.agrees) throw new Error(`float check failed: exact ms ${toNumber(ms)} vs float ${floatCheck.msFloat} (bound ${floatCheck.bound})`);
  step('truncation structure');
  const truncation = truncationStructure(net, ds, cls, ms);
  const pd = patternData(net, ds, cls);

  const decided = new Map<NetworkSense, MinimalityDecision>();
  const timeLimit = (e: TimeLimitExceeded): MinimalityDecision => ({ status: 'inconclusive', reason: `time limit: ${e.message}` });
  const attempt = (sense: NetworkSense, f: () => MinimalityDecision): void => {
    step(sense);
    try {
      deadline.check(`the ${sense} decision`);
      decided.set(sense, f());
    } catch (e) {
      if (!(e instanceof TimeLimitExceeded)) throw e;
      decided.set(sense, timeLimit(e));
    }
  };
  const nonSmooth = 'a hidden pre-activation is exactly 0 on the data: the cost is not differentiable at this point';
  // At a non-smooth point: moving the output layer alone, else a one-sided descent (t > 0) moving any layer.
  const outputDescent = pd.someZero ? outputLayerDescent(net, ds, pd) : undefined;
  let oneSided: MinimalityDecision | undefined;
  const nonSmoothDescent = (): MinimalityDecision | undefined => outputDescent ?? (oneSided ??= oneSidedDescent(net, ds, shape, deadline, options.seed ?? 1));

  attempt('output-layer', () => {
    const d = decideOutputLayer(net, ds, pd);
    return d.status === 'inconclusive' && outputDescent ? outputDescent : d;
  });
  attempt('all-parameters', () => {
    if (!pd.someZero) return decideAllParameters(net, ds, ms, options.seed ?? 1, pd);
    return (
      nonSmoothDescent() ?? {
        status: 'inconclusive',
        reason: `${nonSmooth}; the output layer is at its optimum and no one-sided descent direction was found (random and coordinate directions, first and second order)`,
      }
    );
  });
  attempt('critical-point', () => {
    if (pd.someZero) {
      const d = nonSmoothDescent();
      if (d?.status === 'refuted' && d.evidence.kind === 'descent' && d.evidence.order === 1) return { ...d, reason: `not stationary: ${d.reason}` };
      return { status: 'inconclusive', reason: `${nonSmooth}; the gradient is not defined there, and no negative one-sided directional derivative was found` };
    }
    const all = decided.get('all-parameters');
    if (all?.status === 'refuted' && all.evidence.kind === 'descent' && all.evidence.order === 1) return all;
    return exactGradientDecision(net, ds, pd, shape, deadline);
  });
  attempt('global', () => {
    if (ms.isZero()) return { status: 'verified', reason: 'ms = 0 exactly: a global minimum (ms ≥ 0)', evidence: { kind: 'cost-zero' } };
    const all = decided.get('all-parameters');
    if (all?.status === 'refuted') return { ...all, reason: `not even a local minimum: ${all.reason}` };
    const lower = lowerCostPoint(net, ds, ms);
    if ('network' in lower)
      return {
        status: 'refuted',
        reason: `${lower.what} of the same architecture has ms = ${toNumber(lower.ms).toPrecision(6)} < ${toNumber(ms).toPrecision(6)}`,
        evidence: { kind: 'lower-cost-point', network: networkToJson(lower.network) },
      };
    return {
      status: 'inconclusive',
      reason: `ms = ${toNumber(ms).toPrecision(6)} > 0, and no lower-cost point was exhibited (${lower.reason}; the infimum over all parameters may be positive on these data)`,
    };
  });

  // Re-checked most informative first (a time limit may stop the rest), reported in NETWORK_SENSES order.
  const checked = new Map<NetworkSense, NetworkVerdict>();
  for (const sense of ['all-parameters', 'output-layer', 'critical-point', 'global'] as const) {
    step(`re-checking the ${sense} certificate`);
    checked.set(sense, toVerdict(sense, decided.get(sense)!, net, ds, ms, deadline));
  }
  const verdicts = NETWORK_SENSES.map((sense) => checked.get(sense)!);
  return { ds, net, shape, paramCount: shapeParamCount(shape), convention, ms, cost: costFromMsExact(ms, convention), floatCheck, smooth: !pd.someZero, truncation, verdicts };
}

/** Minus the output layer's gradient, when it is nonzero: exact first-order descent, valid at non-smooth points too. */
function outputLayerDescent(net: Network, ds: DataSet, pd: PatternData): MinimalityDecision | undefined {
  const grad = outputLayerGradient(net, ds, pd);
  if (grad.isZero()) return undefined;
  const dv = outputLayerDirection(net, grad);
  // The hidden layers do not move, so the propagation through the fixed masks is exact here.
  const c1 = firstCoefficient(pd, unflattenParams(dv, layerShape(net)), ds.M);
  if (c1.sign() >= 0) throw new Error('internal: minus a nonzero output-layer gradient is not a descent direction');
  return {
    status: 'refuted',
    reason: 'the output layer is not at its least-squares optimum: moving it alone along minus its gradient lowers the cost to first order (the hidden activations, zeros included, do not move)',
    evidence: { kind: 'descent', direction: dv.map(String), order: 1, coefficient: c1.toString() },
  };
}

/**
 * A parameter point of the same architecture with lower exact ms, from the constructions of
 * SPEC §4 (hidden width M only): the D1 network (ms = 0, needs L ≥ Q and separable classes),
 * else the D2 candidate for J = ∅ (the identity region's least-squares fit).
 */
function lowerCostPoint(net: Network, ds: DataSet, ms: Rational): { network: Network; ms: Rational; what: string } | { reason: string } {
  const L = net.hidden.length;
  if (L === 0 || net.hidden.some((l) => l.W.rows !== ds.M)) return { reason: 'the D1/D2 constructions need L ≥ 1 hidden layers of width M' };
  const reasons: string[] = [];
  if (L >= ds.Q) {
    const d1 = buildD1(ds, L);
    if (d1.kind === 'built') {
      const m = msExact(d1.construction.net, ds);
      if (m.lt(ms)) return { network: d1.construction.net, ms: m, what: 'the D1 global minimizer' };
    } else reasons.push(`D1: ${d1.reason}`);
  } else reasons.push(`D1 needs L ≥ Q = ${ds.Q}`);
  const d2 = d2Candidate(ds, L, []);
  if ('reason' in d2) reasons.push(`D2 (J = ∅): ${d2.reason}`);
  else if (d2.ms.lt(ms)) return { network: d2.net, ms: d2.ms, what: 'the D2 candidate for J = ∅' };
  else reasons.push('the D2 candidate for J = ∅ is not lower');
  return { reason: reasons.join('; ') };
}

/**
 * At a non-smooth point: a direction d with one-sided coefficients (t > 0, kernel
 * costSeriesOneSided, point by point) c1 < 0, or c1 = 0 and c2 < 0. Tries seeded random
 * integer directions and every coordinate direction, each with both signs (one-sided
 * derivatives are not odd in d), within the deadline.
 */
function oneSidedDescent(net: Network, ds: DataSet, shape: NetworkShape, deadline: Deadline, seed: number): MinimalityDecision | undefined {
  const K = shapeParamCount(shape);
  const samples = ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
  const rand = prng(seed);
  const candidates: (() => Rational[])[] = [];
  for (let a = 0; a < 8; a++) {
    const d = Array.from({ length: K }, () => Rational.int(randInt(rand, -3, 3)));
    candidates.push(() => d, () => d.map((v) => v.neg()));
  }
  for (let k = 0; k < K; k++)
    for (const sgn of [1, -1]) candidates.push(() => Array.from({ length: K }, (_, i) => (i === k ? Rational.int(sgn) : Rational.ZERO)));
  let second: MinimalityDecision | undefined;
  for (const [i, make] of candidates.entries()) {
    if (i % 8 === 0) deadline.check(`one-sided direction ${i + 1} of ${candidates.length}`);
    const d = make();
    const [, c1, c2] = costSeriesOneSided(net, unflattenParams(d, shape), samples);
    const direction = d.map(String);
    if (c1.sign() < 0)
      return {
        status: 'refuted',
        reason: `an exact direction with negative one-sided (t > 0) directional derivative (${toNumber(c1.div(Rational.int(ds.N))).toExponential(3)}, float), valid at this non-smooth point`,
        evidence: { kind: 'descent', direction, order: 1, coefficient: c1.toString() },
      };
    if (!second && c1.isZero() && c2.sign() < 0)
      second = {
        status: 'refuted',
        reason: 'an exact direction with zero first and negative second one-sided (t > 0) coefficient, valid at this non-smooth point',
        evidence: { kind: 'descent', direction, order: 2, coefficient: c2.toString() },
      };
  }
  return second;
}

/** Every partial derivative of N·ms, exactly (strict patterns): all 0, or a coordinate direction of descent. */
function exactGradientDecision(net: Network, ds: DataSet, pd: PatternData, shape: NetworkShape, deadline: Deadline): MinimalityDecision {
  const K = shapeParamCount(shape);
  // Every group's map satisfying its normal equations (E = 0) makes every first coefficient 2Σ⟨Ā′, E⟩ vanish.
  if (pd.groups.every((g) => g.eIsZero))
    return { status: 'verified', reason: `strict activation patterns and every pattern group's normal equations hold: all ${K} partial derivatives of ms are 0`, evidence: { kind: 'critical-point' } };
  const zero = new Array<Rational>(K).fill(Rational.ZERO);
  for (let k = 0; k < K; k++) {
    if (k % 16 === 0) deadline.check(`partial derivative ${k + 1} of ${K}`);
    const e = zero.slice();
    e[k] = Rational.ONE;
    const c1 = firstCoefficient(pd, unflattenParams(e, shape), ds.M);
    if (!c1.isZero()) {
      if (c1.sign() > 0) e[k] = Rational.ONE.neg();
      return {
        status: 'refuted',
        reason: `the partial derivative in parameter ${k} is ${toNumber(c1.div(Rational.int(ds.N))).toExponential(3)} (float of an exact value) ≠ 0`,
        evidence: { kind: 'descent', direction: e.map(String), order: 1, coefficient: abs(c1).neg().toString() },
      };
    }
  }
  return { status: 'verified', reason: `strict activation patterns and all ${K} partial derivatives of ms are exactly 0`, evidence: { kind: 'critical-point' } };
}

function toVerdict(sense: NetworkSense, d: MinimalityDecision, net: Network, ds: DataSet, ms: Rational, deadline: Deadline): NetworkVerdict {
  const claim = `network/${sense}` as const;
  if (d.status === 'inconclusive') return { claim, status: 'inconclusive', reason: d.reason };
  // No verdict without the checker's acceptance: past the time limit the certificate is not re-checked.
  if (deadline.expired()) return { claim, status: 'inconclusive', reason: `time limit of ${deadline.seconds} s reached before the ${d.status} certificate was re-checked` };
  const certificate = makeCertificate({
    claim: 'network',
    verdict: d.status,
    statement: STATEMENT[sense][d.status === 'verified' ? 0 : 1],
    ds,
    net,
    ms,
    evidence: d.evidence as Evidence,
    context: { sense },
  });
  const check = checkCertificate(certificate, ds);
  if (!check.ok) return { claim, status: 'inconclusive', reason: `internal: the checker rejected this ${d.status} certificate (${check.reason}); reporting inconclusive` };
  return { claim, status: d.status, reason: d.reason, certificate };
}
