/**
 * decideAllParameters / decideOutputLayer (local-minimality.ts) on large data (issue #8):
 * the same decisions, reasons and evidence, computed per activation-pattern group
 * from exact integer moments instead of per point.
 *
 * - Patterns: certified float classification (exact where unsure); a pre-activation
 *   exactly 0 gives the reference's "inconclusive".
 * - Pattern bound: each group's least-squares statistics G = Σ(x,1)(x,1)ᵀ, B = Σ y(x,1)ᵀ,
 *   S = Σ|y|² are sums of the group's class moments, so the fits (and the evidence) are
 *   exactly the reference's; groups come in order of first occurrence, as there.
 * - Directional derivatives: with the pattern fixed, the output on a group is A x + c and
 *   its derivative along d is A′x + c′ (exact, propagated through the masked layers), so
 *   the first Taylor coefficient 2Σ(Ax + c − y)ᵀ(A′x + c′) is exact from the moments.
 * - The rare case the first-order test cannot decide (the second-order probe) is handed
 *   to the reference implementation, so every outcome is the reference's.
 */
import { Matrix, vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { solveLeastSquares } from '../exact/least-squares.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf } from '../data/compact.ts';
import { integerMoments, type IntMoments } from '../data/compact-stats.ts';
import type { Network } from '../network/network.ts';
import { classifyPatterns, type PatternClassification } from '../network/pattern-groups.ts';
import { flattenParams, networkShape, unflattenParams } from '../network/params.ts';
import { prng, randInt } from '../util/prng.ts';
import { decideAllParameters, decideOutputLayer, type MinimalityDecision } from './local-minimality.ts';

interface GroupData {
  readonly pattern: string;
  readonly mask: Uint8Array;
  /** Per class: integer moments (count 0 when the class has no point in the group). */
  readonly moments: IntMoments[];
}

function groupData(net: Network, ds: DataSet, cls: PatternClassification): GroupData[] {
  const cd = compactOf(ds);
  const M = ds.M;
  const L = net.hidden.length;
  return cls.groups.map((g) => ({
    mask: g.mask,
    pattern: Array.from({ length: L }, (_, l) => Array.from(g.mask.subarray(l * M, l * M + M), (v) => (v ? '+' : '-')).join('')).join('|'),
    moments: g.rows.map((rows, j) => integerMoments(cd.classes[j]!, M, rows, g.counts[j])),
  }));
}

/** (A, c) and, along direction `dir`, (A′, c′) of the network on a pattern. */
function affineWithDerivative(net: Network, dir: Network | undefined, mask: Uint8Array) {
  const M = net.output.W.cols;
  let A = Matrix.identity(M);
  let c: Rational[] = vec.zeros(M);
  let dA = Matrix.zeros(M, M);
  let dc: Rational[] = vec.zeros(M);
  const layers = [...net.hidden, net.output];
  const dlayers = dir ? [...dir.hidden, dir.output] : undefined;
  layers.forEach((layer, l) => {
    const hidden = l < net.hidden.length;
    const keep = (r: number) => !hidden || mask[l * M + r] === 1;
    const maskM = (m: Matrix) => new Matrix(m.rows, m.cols, m.data.map((v, k) => (keep(Math.floor(k / m.cols)) ? v : Rational.ZERO)));
    const maskV = (v: Rational[]) => v.map((x, r) => (keep(r) ? x : Rational.ZERO));
    const nA = maskM(layer.W.mul(A));
    const nc = maskV(vec.add(layer.W.mulVec(c), layer.b));
    if (dlayers) {
      const d = dlayers[l]!;
      dA = maskM(d.W.mul(A).add(layer.W.mul(dA)));
      dc = maskV(vec.add(vec.add(d.W.mulVec(c), layer.W.mulVec(dc)), d.b));
    }
    A = nA;
    c = nc;
  });
  return { A, c, dA, dc };
}

/** Σ over the group's points of class j of (A x + c − y)ᵀ(A′ x + c′), exactly. */
function crossSum(A: Matrix, c: Rational[], dA: Matrix, dc: Rational[], y: readonly Rational[], m: IntMoments, D: bigint): Rational {
  const M = A.cols;
  const S = new Matrix(M, M, m.second.map((v) => Rational.int(v)));
  const s = m.sum.map((v) => Rational.int(v));
  const e = vec.sub(c, y);
  const Dr = Rational.int(D);
  const quad = A.transpose().mul(dA).mul(S).trace();
  const lin = vec.dot(dc, A.mulVec(s)).add(vec.dot(e, dA.mulVec(s)));
  return quad
    .div(Dr.mul(Dr))
    .add(lin.div(Dr))
    .add(vec.dot(e, dc).mul(Rational.int(m.count)));
}

/** The first Taylor coefficient of t ↦ N·ms(p + t·d) (strict patterns assumed). */
function firstCoefficient(net: Network, dir: Network, ds: DataSet, groups: GroupData[]): Rational {
  const cd = compactOf(ds);
  let total = Rational.ZERO;
  for (const g of groups) {
    const { A, c, dA, dc } = affineWithDerivative(net, dir, g.mask);
    g.moments.forEach((m, j) => {
      if (m.count > 0) total = total.add(crossSum(A, c, dA, dc, ds.targets[j]!, m, cd.classes[j]!.den));
    });
  }
  return total.mul(Rational.int(2));
}

/** decideAllParameters (local-minimality.ts), by pattern groups: the same decision and evidence. */
export function decideAllParametersLarge(net: Network, ds: DataSet, ms: Rational, seed = 1, cls: PatternClassification = classifyPatterns(net, ds)): MinimalityDecision {
  if (cls.someZero) return { status: 'inconclusive', reason: 'a hidden pre-activation is exactly 0 on the data: the cost is not smooth at this point' };
  const cd = compactOf(ds);
  const M = ds.M;
  const d = M + 1;
  const groups = groupData(net, ds, cls);
  let bound = Rational.ZERO;
  const fits: { pattern: string; fit: string[][] }[] = [];
  for (const g of groups) {
    const G = new Array<Rational>(d * d).fill(Rational.ZERO);
    let B = Matrix.zeros(ds.Q, d);
    let S = Rational.ZERO;
    g.moments.forEach((m, j) => {
      if (m.count === 0) return;
      const D = Rational.int(cd.classes[j]!.den);
      const D2 = D.mul(D);
      const n = Rational.int(m.count);
      for (let a = 0; a < M; a++) {
        for (let b = 0; b < M; b++) G[a * d + b] = G[a * d + b]!.add(Rational.int(m.second[a * M + b]!).div(D2));
        const sa = Rational.int(m.sum[a]!).div(D);
        G[a * d + M] = G[a * d + M]!.add(sa);
        G[M * d + a] = G[M * d + a]!.add(sa);
      }
      G[M * d + M] = G[M * d + M]!.add(n);
      const y = ds.targets[j]!;
      B = B.add(Matrix.outer(y, [...m.sum.map((v) => Rational.int(v).div(D)), n]));
      S = S.add(vec.norm2(y).mul(n));
    });
    const { A, residual } = solveLeastSquares({ G: new Matrix(d, d, G), B, S });
    bound = bound.add(residual);
    fits.push({ pattern: g.pattern, fit: A.toStrings() });
  }
  const sumSq = ms.mul(Rational.int(ds.N));
  if (sumSq.eq(bound))
    return {
      status: 'verified',
      reason: `strict activation patterns (${groups.length} group(s)) and the cost equals the pattern-wise least-squares bound`,
      evidence: { kind: 'pattern-bound', fits },
    };
  const shape = networkShape(net);
  const K = flattenParams(net).length;
  const rand = prng(seed);
  for (let attempt = 0; attempt < 4; attempt++) {
    const dv = Array.from({ length: K }, () => Rational.int(randInt(rand, -3, 3)));
    const c1 = firstCoefficient(net, unflattenParams(dv, shape), ds, groups);
    if (!c1.isZero()) {
      const dir = c1.sign() < 0 ? dv : dv.map((v) => v.neg());
      return {
        status: 'refuted',
        reason: `an exact direction with negative directional derivative (${c1.abs().neg().div(Rational.int(ds.N)).toNumber().toExponential(3)}, float): not a critical point`,
        evidence: { kind: 'descent', direction: dir.map((v) => v.toString()), order: 1, coefficient: c1.abs().neg().toString() },
      };
    }
  }
  // A critical point the first-order test cannot close: the reference's second-order probe.
  return decideAllParameters(net, ds, ms, seed);
}

/** decideOutputLayer (local-minimality.ts), by pattern groups: the same decision and evidence. */
export function decideOutputLayerLarge(net: Network, ds: DataSet, cls: PatternClassification = classifyPatterns(net, ds)): MinimalityDecision {
  if (cls.someZero) return decideOutputLayer(net, ds); // the reference handles the non-smooth case
  const cd = compactOf(ds);
  const Q = ds.Q;
  const M = net.output.W.cols;
  const L = net.hidden.length;
  const groups = groupData(net, ds, cls);
  // grad = Σ (out − y)(h_L, 1)ᵀ; per group out = A x + c and h_L = H x + k (masked hidden layers).
  let grad = Matrix.zeros(Q, M + 1);
  for (const g of groups) {
    const { A, c } = affineWithDerivative(net, undefined, g.mask);
    const hid = L === 0 ? { A: Matrix.identity(M), c: vec.zeros(M) } : affineWithDerivative({ hidden: net.hidden.slice(0, -1), output: { W: net.hidden[L - 1]!.W, b: net.hidden[L - 1]!.b } }, undefined, g.mask);
    // The last hidden layer is masked too.
    const lastMask = (r: number) => L === 0 || g.mask[(L - 1) * M + r] === 1;
    const H = new Matrix(M, M, hid.A.data.map((v, k) => (lastMask(Math.floor(k / M)) ? v : Rational.ZERO)));
    const k = hid.c.map((v, r) => (lastMask(r) ? v : Rational.ZERO));
    g.moments.forEach((m, j) => {
      if (m.count === 0) return;
      const D = Rational.int(cd.classes[j]!.den);
      const S = new Matrix(M, M, m.second.map((v) => Rational.int(v))).scale(Rational.ONE.div(D.mul(D)));
      const s = m.sum.map((v) => Rational.int(v).div(D));
      const n = Rational.int(m.count);
      const e = vec.sub(c, ds.targets[j]!);
      // Σ (A x + e)(H x + k)ᵀ = A S Hᵀ + A s kᵀ + e (H s)ᵀ + n e kᵀ; last column Σ (A x + e) = A s + n e.
      const As = A.mulVec(s);
      const Hs = H.mulVec(s);
      const top = A.mul(S).mul(H.transpose()).add(Matrix.outer(As, k)).add(Matrix.outer(e, Hs)).add(Matrix.outer(e, k).scale(n));
      const last = vec.add(As, vec.scale(e, n));
      const data: Rational[] = [];
      for (let i = 0; i < Q; i++) data.push(...top.row(i), last[i]!);
      grad = grad.add(new Matrix(Q, M + 1, data));
    });
  }
  if (grad.isZero())
    return { status: 'verified', reason: 'the output layer satisfies its normal equations (convex least squares)', evidence: { kind: 'output-normal-equations' } };
  const shape = networkShape(net);
  const flat = flattenParams(net);
  const dv = flat.map(() => Rational.ZERO);
  const offset = flat.length - Q * (M + 1);
  for (let i = 0; i < Q; i++) {
    for (let j = 0; j < M; j++) dv[offset + i * M + j] = grad.get(i, j).neg();
    dv[offset + Q * M + i] = grad.get(i, M).neg();
  }
  const c1 = firstCoefficient(net, unflattenParams(dv, shape), ds, groups);
  if (c1.sign() >= 0) return { status: 'inconclusive', reason: 'the output layer is not at its least-squares optimum, but the descent check is not smooth here' };
  return {
    status: 'refuted',
    reason: 'the output layer does not satisfy its normal equations: minus its gradient is a descent direction',
    evidence: { kind: 'descent', direction: dv.map((v) => v.toString()), order: 1, coefficient: c1.toString() },
  };
}
