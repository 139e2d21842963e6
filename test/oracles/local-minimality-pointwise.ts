/**
 * The local-minimality decisions written point by point (tests only): the reference the one
 * implementation (src/claims/local-minimality.ts, by activation-pattern groups) is compared
 * against — same status, reason and evidence. Per-point definitions:
 * - verified when every hidden pre-activation is strictly signed on the data and
 *   the cost equals the sum of the pattern groups' affine least-squares minima
 *   (a lower bound valid near the point) — certificate "pattern-bound";
 * - refuted by an exact direction with negative directional derivative, or at a critical
 *   point by an exact direction of negative curvature — "descent" (order 1 or 2);
 * - inconclusive otherwise (non-smooth point, or a critical point the bound cannot close).
 * Over the output layer alone the cost is convex least squares: the normal equations decide.
 */
import { Matrix, vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import { affineLeastSquaresStats, solveLeastSquares } from '../../src/exact/least-squares.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Network } from '../../src/network/network.ts';
import { hiddenTrace } from '../../src/network/forward.ts';
import { flattenParams, layerShape, unflattenParams } from '../../src/network/params.ts';
import { costSeries } from '../../src/network/cost-series.ts';
import { negativeCurvature } from '../../src/claims/second-order.ts';
import { trialDirections, type MinimalityDecision } from '../../src/claims/local-minimality.ts';
import { toNumber } from '../../src/exact/rational-to-number.ts';
import { abs } from '../../src/exact/rational-shorthands.ts';


interface Sample {
  readonly x: readonly Rational[];
  readonly y: readonly Rational[];
}

function samplesOf(ds: DataSet): Sample[] {
  return ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]! })));
}

/** The strict activation pattern of every data point, or null when some pre-activation is 0. */
export function strictPatterns(net: Network, ds: DataSet): string[] | null {
  const out: string[] = [];
  for (const { x } of samplesOf(ds)) {
    const pre = hiddenTrace(net, x).preActivations;
    if (pre.some((z) => z.some((v) => v.isZero()))) return null;
    out.push(pre.map((z) => z.map((v) => (v.sign() > 0 ? '+' : '-')).join('')).join('|'));
  }
  return out;
}

/** Local minimality over all parameters. */
export function decideAllParametersPointwise(net: Network, ds: DataSet, ms: Rational, seed = 1): MinimalityDecision {
  const patterns = strictPatterns(net, ds);
  if (!patterns) return { status: 'inconclusive', reason: 'a hidden pre-activation is exactly 0 on the data: the cost is not smooth at this point' };
  const samples = samplesOf(ds);
  const groups = new Map<string, Sample[]>();
  samples.forEach((s, i) => {
    const group = groups.get(patterns[i]!);
    if (group) group.push(s);
    else groups.set(patterns[i]!, [s]);
  });

  // Lower bound: on each pattern group the network is affine in x near this point.
  let bound = Rational.ZERO;
  const fits: { pattern: string; fit: string[][] }[] = [];
  for (const [pattern, pts] of groups) {
    const { A, residual } = solveLeastSquares(affineLeastSquaresStats(pts));
    bound = bound.add(residual);
    fits.push({ pattern, fit: A.toStrings() });
  }
  const sumSq = ms.mul(Rational.int(ds.N));
  if (sumSq.eq(bound))
    return {
      status: 'verified',
      reason: `strict activation patterns (${groups.size} group(s)) and the cost equals the pattern-wise least-squares bound`,
      evidence: { kind: 'pattern-bound', fits },
    };

  // Refutation: a random exact direction has a nonzero directional derivative unless the gradient vanishes.
  const shape = layerShape(net);
  // The engine's trial directions (a proposal; the coefficient is computed here point by point).
  for (const d of trialDirections(net, seed)) {
    const series = costSeries(net, unflattenParams(d, shape), samples);
    if (!series) break;
    const c1 = series[1];
    if (!c1.isZero()) {
      const dir = c1.sign() < 0 ? d : d.map((v) => v.neg());
      return {
        status: 'refuted',
        reason: `an exact direction with negative directional derivative (${toNumber(abs(c1).neg().div(Rational.int(ds.N))).toExponential(3)}, float): not a critical point`,
        evidence: { kind: 'descent', direction: dir.map((v) => v.toString()), order: 1, coefficient: abs(c1).neg().toString() },
      };
    }
  }
  // A critical point the bound cannot close: look for negative curvature (float proposes, exact confirms).
  const curvature = negativeCurvature(net, ds);
  if (curvature)
    return {
      status: 'refuted',
      reason: curvature.order === 2 ? 'a critical point with an exact direction of negative curvature: a saddle' : 'an exact direction with negative directional derivative',
      evidence: curvature,
    };
  return {
    status: 'inconclusive',
    reason: `the cost (N·ms = ${toNumber(sumSq).toPrecision(6)}) exceeds the pattern-wise bound (${toNumber(bound).toPrecision(6)}) yet no descent direction was found: a critical point where neither the first- nor the second-order test decides`,
  };
}

/** Minimality over the output layer alone: the normal equations of its least squares. */
export function decideOutputLayerPointwise(net: Network, ds: DataSet): MinimalityDecision {
  const samples = samplesOf(ds);
  const Q = ds.Q;
  const M = net.output.W.cols;
  let grad = Matrix.zeros(Q, M + 1);
  for (const s of samples) {
    const tr = hiddenTrace(net, s.x);
    const h = tr.activations.length ? tr.activations[tr.activations.length - 1]! : [...s.x];
    grad = grad.add(Matrix.outer(vec.sub(tr.output, s.y), [...h, Rational.ONE]));
  }
  if (grad.isZero())
    return { status: 'verified', reason: 'the output layer satisfies its normal equations (convex least squares)', evidence: { kind: 'output-normal-equations' } };
  // Descent along minus the output-layer gradient: directional derivative −2|G|² < 0.
  const shape = layerShape(net);
  const flat = flattenParams(net);
  const d = flat.map(() => Rational.ZERO);
  const offset = flat.length - Q * (M + 1);
  for (let i = 0; i < Q; i++) {
    for (let j = 0; j < M; j++) d[offset + i * M + j] = grad.get(i, j).neg();
    d[offset + Q * M + i] = grad.get(i, M).neg();
  }
  const series = costSeries(net, unflattenParams(d, shape), samples);
  if (!series || series[1].sign() >= 0) return { status: 'inconclusive', reason: 'the output layer is not at its least-squares optimum, but the descent check is not smooth here' };
  return {
    status: 'refuted',
    reason: 'the output layer does not satisfy its normal equations: minus its gradient is a descent direction',
    evidence: { kind: 'descent', direction: d.map((v) => v.toString()), order: 1, coefficient: series[1].toString() },
  };
}
