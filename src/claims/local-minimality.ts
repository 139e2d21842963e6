/**
 * Deciding local minimality of the cost at an exact parameter point, soundly, at any N:
 * - verified when every hidden pre-activation is strictly signed on the data and
 *   the cost equals the sum of the pattern groups' affine least-squares minima
 *   (a lower bound valid near the point) — certificate "pattern-bound";
 * - refuted by an exact direction with negative directional derivative, or at a critical
 *   point by an exact direction of negative curvature — "descent" (order 1 or 2);
 * - inconclusive otherwise (non-smooth point, or a critical point the bound cannot close).
 * Over the output layer alone the cost is convex least squares: the normal equations decide.
 *
 * Everything is computed per activation-pattern group from exact integer moments, never per
 * point; the decisions (status, reason, evidence) equal the per-point definitions in
 * test/oracles/local-minimality-pointwise.ts (test/local-minimality.test.ts compares them on
 * random data below and above MAX_POINTS_SECOND_ORDER and the compiled-pass threshold).
 *
 * - Patterns: certified float classification (exact where unsure); a pre-activation
 *   exactly 0 makes the point non-smooth ("inconclusive" for all parameters).
 * - Pattern bound: each group's least-squares statistics G = Σ(x,1)(x,1)ᵀ, B = Σ y(x,1)ᵀ,
 *   S = Σ|y|² are sums of the group's class moments; groups come in order of first occurrence.
 * - Directional derivatives: with the pattern fixed, the output on a group is Ā z with
 *   Ā = [A c], z = (x, 1), and its derivative along d is Ā′z (exact, propagated through
 *   the masked layers). With E = Σ (Āz − y) zᵀ = Ā G − B (once per group, independent of
 *   the direction) the first Taylor coefficient is 2Σ(Āz − y)ᵀĀ′z = 2 Σ_groups ⟨Ā′, E⟩.
 *   The output layer's gradient is Σ_groups E Tᵀ, T the masked hidden map (h_L, 1) = T z.
 * - E = 0 on every group exactly when each group's map is a least-squares minimiser there,
 *   i.e. exactly when the cost equals the pattern-wise bound; so the bound (one exact
 *   solve per group) is computed only then, or when a reason needs it.
 * - Everything per pattern is computed once per network (patternData, from the groups'
 *   moments that pattern-groups.ts remembers per network, so msExact, both decisions
 *   and the checker share one float pass over the points) and may be passed to both
 *   decisions. The maps Ā, Ā′ and E are propagated on integers (one denominator per
 *   layer, no gcd per product); only the final coefficients become Rationals.
 * - A critical point the first-order test cannot close: the float-Hessian probe
 *   (second-order.ts) proposes a direction of negative curvature, confirmed exactly. It is
 *   attempted for at most MAX_HESSIAN_PARAMS parameters; up to MAX_POINTS_SECOND_ORDER
 *   points it works on every point, above on the pattern groups' moments (the same probe:
 *   test/second-order-groups.test.ts).
 * - Output layer on a non-smooth point (a pre-activation exactly 0): the gradient uses
 *   ReLU(0) = 0, as the pattern masks do, so it is exact by groups; the descent check along
 *   minus the gradient needs a smooth point, so a nonzero gradient there is "inconclusive".
 */
import { Matrix, vec } from '../exact/matrix.ts';
import { Rational, lcm, commonDenominator } from '../exact/rational.ts';
import { solveLeastSquares, type LeastSquaresStats } from '../exact/least-squares.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf } from '../data/compact.ts';
import type { Network } from '../network/network.ts';
import { intLayer, type IntLayer } from '../network/int-layer.ts';
import { groupedMoments, maskOffsets, patternHiddenInt, patternLabel, patternOutputInt, type PatternClassification } from '../network/pattern-groups.ts';
import { flattenParams, layerShape, unflattenParams } from '../network/params.ts';
import { prng, randInt } from '../util/prng.ts';
import type { Evidence } from '../certificates/format.ts';
import { MAX_HESSIAN_PARAMS, negativeCurvature, negativeCurvatureByGroups } from './second-order.ts';
import { toNumber } from '../exact/rational-to-number.ts';
import { abs } from '../exact/rational-shorthands.ts';

export type MinimalityDecision =
  | { readonly status: 'verified' | 'refuted'; readonly reason: string; readonly evidence: Evidence }
  | { readonly status: 'inconclusive'; readonly reason: string };

/** Above this many points the second-order probe runs on the pattern groups' moments instead of every point. */
export const MAX_POINTS_SECOND_ORDER = 5000;

export interface GroupData {
  readonly pattern: string;
  readonly mask: Uint8Array;
  /** Least-squares statistics of the group: G = Σ z zᵀ, B = Σ y zᵀ, S = Σ |y|², z = (x, 1) (exact, built on first use). */
  readonly stats: () => LeastSquaresStats;
  /** E = Ā G − B = Σ (Ā z − y) zᵀ over the group (Ā = [A c], the network x ↦ A x + c there), as integers over PatternData.eDen. */
  readonly E: readonly bigint[];
  readonly eIsZero: boolean;
}

/** Everything the decisions need per activation pattern of one network on one data set. */
export interface PatternData {
  /** Whether some hidden pre-activation is exactly 0 on the data (a non-strict pattern). */
  readonly someZero: boolean;
  readonly groups: readonly GroupData[];
  /** The common denominator of every group's E. */
  readonly eDen: bigint;
  /** The network's layers (hidden, then output) on integers. */
  readonly layers: readonly IntLayer[];
  /** The network (its pattern maps are remembered per network and mask). */
  readonly net: Network;
}

function intLayers(net: Network): IntLayer[] {
  return [...net.hidden, net.output].map(intLayer);
}

/**
 * The network on one pattern, x ↦ A x + c, and along a direction its derivative x ↦ A′x + c′,
 * exactly on integers: A = Ai/den, c = ci/den, A′ = dAi/dden, c′ = dci/dden (row-major,
 * rows × M). `masked` layers (the hidden ones) keep only their active units. No gcd per step:
 * den is the product of the layer denominators, dden that times the direction's.
 */
function propagate(layers: readonly IntLayer[], masked: number, mask: Uint8Array, M: number, dir?: readonly IntLayer[]) {
  let A: bigint[] = Array.from({ length: M * M }, (_, k) => (k % (M + 1) === 0 ? 1n : 0n));
  let c: bigint[] = new Array<bigint>(M).fill(0n);
  let den = 1n;
  let dA: bigint[] = new Array<bigint>(M * M).fill(0n);
  let dc: bigint[] = new Array<bigint>(M).fill(0n);
  let P = 1n; // dden = den·P
  let rowsIn = M;
  const offsets = maskOffsets(layers.slice(0, masked).map((l) => ({ W: { rows: l.rows } })));
  layers.forEach((layer, l) => {
    const { rows, cols, W, b } = layer;
    if (cols !== rowsIn) throw new Error('internal: layer shapes');
    const nA = new Array<bigint>(rows * M).fill(0n);
    const nc = new Array<bigint>(rows).fill(0n);
    const d = dir?.[l];
    const ndA = d ? new Array<bigint>(rows * M).fill(0n) : dA;
    const ndc = d ? new Array<bigint>(rows).fill(0n) : dc;
    for (let r = 0; r < rows; r++) {
      if (l < masked && mask[offsets[l]! + r] !== 1) continue;
      for (let k = 0; k < M; k++) {
        let s = 0n;
        for (let i = 0; i < cols; i++) {
          const w = W[r * cols + i]!;
          if (w !== 0n) s += w * A[i * M + k]!;
        }
        nA[r * M + k] = s;
      }
      let s = b[r]! * den;
      for (let i = 0; i < cols; i++) {
        const w = W[r * cols + i]!;
        if (w !== 0n) s += w * c[i]!;
      }
      nc[r] = s;
      if (d) {
        // A′_new = dW A + W A′ over den·layer.den·P·d.den; c′_new = dW c + db + W c′ likewise.
        const f1 = layer.den * P;
        for (let k = 0; k < M; k++) {
          let s1 = 0n;
          let s2 = 0n;
          for (let i = 0; i < cols; i++) {
            const dw = d.W[r * cols + i]!;
            if (dw !== 0n) s1 += dw * A[i * M + k]!;
            const w = W[r * cols + i]!;
            if (w !== 0n) s2 += w * dA[i * M + k]!;
          }
          ndA[r * M + k] = s1 * f1 + s2 * d.den;
        }
        let s1 = d.b[r]! * den;
        let s2 = 0n;
        for (let i = 0; i < cols; i++) {
          const dw = d.W[r * cols + i]!;
          if (dw !== 0n) s1 += dw * c[i]!;
          const w = W[r * cols + i]!;
          if (w !== 0n) s2 += w * dc[i]!;
        }
        ndc[r] = s1 * f1 + s2 * d.den;
      }
    }
    A = nA;
    c = nc;
    if (d) {
      dA = ndA;
      dc = ndc;
      P *= d.den;
    }
    den *= layer.den;
    rowsIn = rows;
  });
  return { rows: rowsIn, A, c, den, dA, dc, dden: den * P };
}

/**
 * The pattern groups of `net` on `ds` with their statistics (one float pass over the points,
 * unless `cls` is given or the groups are remembered, then O(#groups) small exact problems).
 * Pass it to both decisions to share the work.
 * @example decideOutputLayer(net, ds, patternData(net, ds))
 */
export function patternData(net: Network, ds: DataSet, cls?: PatternClassification): PatternData {
  const cd = compactOf(ds);
  const M = ds.M;
  const Q = ds.Q;
  const d = M + 1;
  const L = net.hidden.length;
  const layers = intLayers(net);
  // Statistics on one denominator DS: G = Gi/DS, B = Bi/DS (x = z/D_j, targets over DY).
  let DG = 1n;
  for (const c of cd.classes) if (DG % (c.den * c.den) !== 0n) DG = lcm(DG, c.den * c.den);
  const DY = commonDenominator(ds.targets.flat());
  const DS = DG * DY;
  const Yi = ds.targets.map((y) => y.map((v) => v.num * (DY / v.den)));
  let eDen = 1n;
  // The groups' moments: shared (memoized per network) with msExact.
  const grouped = groupedMoments(net, ds, cls);
  const groups = grouped.groups.map((g): GroupData => {
    const Gi = new Array<bigint>(d * d).fill(0n);
    const Bi = new Array<bigint>(Q * d).fill(0n);
    for (const { cls: j, moments: m } of g.parts) {
      if (m.count === 0) continue;
      const D = m.den;
      const f2 = DS / (D * D);
      const f1 = DS / D;
      const n = BigInt(m.count);
      for (let a = 0; a < M; a++) {
        for (let b = 0; b < M; b++) Gi[a * d + b]! += m.second[a * M + b]! * f2;
        Gi[a * d + M]! += m.sum[a]! * f1;
        Gi[M * d + a]! += m.sum[a]! * f1;
      }
      Gi[M * d + M]! += n * DS;
      // B = Σ y (x, 1)ᵀ: y = Yi/DY, so B·DS = Yi · (Σz·DG/D, n·DG).
      const fy1 = DG / D;
      for (let i = 0; i < Q; i++) {
        const y = Yi[j]![i]!;
        if (y === 0n) continue;
        for (let a = 0; a < M; a++) Bi[i * d + a]! += y * m.sum[a]! * fy1;
        Bi[i * d + M]! += y * n * DG;
      }
    }
    const stats = (): LeastSquaresStats => {
      let S = Rational.ZERO;
      for (const { cls: j, moments: m } of g.parts) if (m.count > 0) S = S.add(vec.norm2(ds.targets[j]!).mul(Rational.int(m.count)));
      return { G: new Matrix(d, d, Gi.map((v) => Rational.of(v, DS))), B: new Matrix(Q, d, Bi.map((v) => Rational.of(v, DS))), S };
    };
    // E = Ā G − B = (Āi Gi − den·Bi)/(den·DS), Ā = Āi/den.
    // Ā on integers: the output map msExact composed (remembered per network and mask; the same integers as propagate).
    const { A, c, d: den } = patternOutputInt(net, g.mask);
    eDen = den * DS;
    const E = new Array<bigint>(Q * d);
    let eIsZero = true;
    for (let i = 0; i < Q; i++)
      for (let b = 0; b < d; b++) {
        let s = c[i]! * Gi[M * d + b]!;
        for (let a = 0; a < M; a++) {
          const x = A[i * M + a]!;
          if (x !== 0n) s += x * Gi[a * d + b]!;
        }
        s -= den * Bi[i * d + b]!;
        E[i * d + b] = s;
        if (s !== 0n) eIsZero = false;
      }
    let memo: LeastSquaresStats | undefined;
    return {
      mask: g.mask,
      pattern: patternLabel(g.mask, L, net.hidden.map((h) => h.W.rows)),
      stats: () => (memo ??= stats()),
      E,
      eIsZero,
    };
  });
  if (groups.length === 0) eDen = propagate(layers, L, new Uint8Array(maskOffsets(net.hidden)[L]!), M).den * DS;
  return { someZero: grouped.someZero, groups, eDen, layers, net };
}

function patternDataOf(net: Network, ds: DataSet, pre: PatternClassification | PatternData | undefined): PatternData {
  return pre && 'eDen' in pre ? pre : patternData(net, ds, pre);
}

/**
 * The first Taylor coefficient of t ↦ N·ms(p + t·d) (strict patterns assumed): 2 Σ_groups ⟨Ā′, E⟩,
 * in reverse mode. With S_ℓ = W_{L+1} D_L W_L ⋯ W_{ℓ+1} D_ℓ (Q × width, the output's derivative
 * with respect to layer ℓ's pre-activation, S_{L+1} = I) and H_{ℓ−1} the masked map into layer
 * ℓ (augmented with the constant), Ā′ = Σ_ℓ S_ℓ (dW_ℓ H_{ℓ−1} + db_ℓ eᵀ), so
 * ⟨Ā′, E⟩ = Σ_ℓ ⟨S_ℓ dW_ℓ, E H_{ℓ−1}ᵀ⟩ + ⟨S_ℓ db_ℓ, E e⟩: Q·M² per layer and direction; the
 * maps H (M³ per layer) are remembered per network and pattern. On integers throughout, one
 * denominator per layer (the same for every group); equal to the forward derivative.
 */
export function firstCoefficient(pd: PatternData, dir: Network, M: number): Rational {
  const dl = intLayers(dir);
  const layers = pd.layers;
  const L = layers.length - 1;
  const Q = layers[L]!.rows;
  const d = M + 1;
  const active = dl.map((x) => x.W.some((v) => v !== 0n) || x.b.some((v) => v !== 0n));
  const lowest = active.indexOf(true);
  if (lowest < 0) return Rational.ZERO;
  const offsets = maskOffsets(layers.slice(0, L).map((l) => ({ W: { rows: l.rows } })));
  const nums = new Array<bigint>(L + 1).fill(0n);
  for (const g of pd.groups) {
    if (g.eIsZero) continue;
    const H = L > 0 ? patternHiddenInt(pd.net, g.mask) : [];
    const E = g.E;
    // S = Si/σ, starting with the identity at the output layer.
    let S: bigint[] = Array.from({ length: Q * Q }, (_, k) => (k % (Q + 1) === 0 ? 1n : 0n));
    for (let l = L; l >= lowest; l--) {
      const layer = layers[l]!;
      const { rows, cols } = layer;
      if (active[l]) {
        const dW = dl[l]!.W;
        const db = dl[l]!.b;
        const hin = l > 0 ? H[l - 1]! : undefined; // the identity for the first layer
        const delta = hin ? hin.d : 1n;
        let t = 0n;
        for (let i = 0; i < Q; i++) {
          // u = (S db)_i, P_i = (S dW)_i·, then ⟨P_i, (E H_inᵀ)_i⟩ + Δ·u·E[i, M].
          let u = 0n;
          const P = new Array<bigint>(cols).fill(0n);
          for (let r = 0; r < rows; r++) {
            const sv = S[i * rows + r]!;
            if (sv === 0n) continue;
            u += sv * db[r]!;
            for (let k = 0; k < cols; k++) {
              const w = dW[r * cols + k]!;
              if (w !== 0n) P[k]! += sv * w;
            }
          }
          // ⟨P_i H_in, E_i⟩: P_i·H_in first (E is the largest factor; it meets each column once).
          const Ei = i * d;
          if (!hin) for (let k = 0; k < cols; k++) t += P[k]! * E[Ei + k]!;
          else {
            let pc = 0n;
            const ph = new Array<bigint>(M).fill(0n);
            for (let k = 0; k < cols; k++) {
              const p = P[k]!;
              if (p === 0n) continue;
              pc += p * hin.c[k]!;
              for (let b = 0; b < M; b++) {
                const h = hin.A[k * M + b]!;
                if (h !== 0n) ph[b]! += p * h;
              }
            }
            for (let b = 0; b < M; b++) if (ph[b] !== 0n) t += ph[b]! * E[Ei + b]!;
            t += pc * E[Ei + M]!;
          }
          t += delta * u * E[Ei + M]!;
        }
        nums[l]! += t;
      }
      if (l > lowest) {
        // S ← S·W_ℓ·D_{ℓ−1} (the columns of the previous hidden layer's inactive units dropped).
        const next = new Array<bigint>(Q * cols).fill(0n);
        const r1 = layer.rankOne;
        if (r1)
          // W = α I + 1 vᵀ: (S W)_{ik} = α S_ik + (Σ_r S_ir) v_k.
          for (let i = 0; i < Q; i++) {
            let sum = 0n;
            for (let r = 0; r < rows; r++) sum += S[i * rows + r]!;
            for (let k = 0; k < cols; k++) if (g.mask[offsets[l - 1]! + k] === 1) next[i * cols + k] = r1.alpha * S[i * rows + k]! + sum * r1.v[k]!;
          }
        else
          for (let i = 0; i < Q; i++)
            for (let r = 0; r < rows; r++) {
              const sv = S[i * rows + r]!;
              if (sv === 0n) continue;
              for (let k = 0; k < cols; k++) {
                if (g.mask[offsets[l - 1]! + k] !== 1) continue;
                const w = layer.W[r * cols + k]!;
                if (w !== 0n) next[i * cols + k]! += sv * w;
              }
            }
        S = next;
      }
    }
  }
  // Layer ℓ's term is over σ_ℓ·ε_ℓ·Δ_{ℓ−1}·eDen: σ_ℓ the dens of the layers after ℓ, Δ_{ℓ−1} those before.
  let total = Rational.ZERO;
  for (let l = lowest; l <= L; l++) {
    if (!active[l] || nums[l] === 0n) continue;
    let den = dl[l]!.den * pd.eDen;
    for (let k = 0; k < layers.length; k++) if (k !== l) den *= layers[k]!.den;
    total = total.add(Rational.of(2n * nums[l]!, den));
  }
  return total;
}

/**
 * The exact directions the first-order test tries, in order (flattenParams layout, entries in
 * −3..3, seeded): first one on the biases alone (weights 0: firstCoefficient then skips every
 * weight product, about a tenth of the work of a full direction at M = 64), then four full
 * random directions. Any direction with a nonzero first coefficient refutes.
 */
export function* trialDirections(net: Network, seed: number): Generator<Rational[]> {
  const biasRand = prng(seed + 0x5eed);
  yield biasPositions(net).map((b) => (b ? Rational.int(randInt(biasRand, -3, 3)) : Rational.ZERO));
  const K = flattenParams(net).length;
  const rand = prng(seed);
  for (let attempt = 0; attempt < 4; attempt++) yield Array.from({ length: K }, () => Rational.int(randInt(rand, -3, 3)));
}

/** Per entry of flattenParams(net): whether it is a bias (layer by layer, W row-major then b). */
function biasPositions(net: Network): boolean[] {
  const out: boolean[] = [];
  for (const layer of [...net.hidden, net.output]) {
    for (let k = 0; k < layer.W.rows * layer.W.cols; k++) out.push(false);
    for (let k = 0; k < layer.b.length; k++) out.push(true);
  }
  return out;
}

/** The pattern-wise least-squares bound and the fits (the evidence of "pattern-bound"). */
function patternBound(groups: readonly GroupData[]): { bound: Rational; fits: { pattern: string; fit: string[][] }[] } {
  let bound = Rational.ZERO;
  const fits: { pattern: string; fit: string[][] }[] = [];
  for (const g of groups) {
    const { A, residual } = solveLeastSquares(g.stats());
    bound = bound.add(residual);
    fits.push({ pattern: g.pattern, fit: A.toStrings() });
  }
  return { bound, fits };
}

/**
 * Local minimality over all parameters.
 * `pre`: the classification of `net` on `ds`, or its patternData (computed when absent, from
 * the remembered pattern groups when msExact or another decision has seen this network).
 * @example decideAllParameters(net, ds, msExact(net, ds)).status // 'verified' | 'refuted' | 'inconclusive'
 */
export function decideAllParameters(net: Network, ds: DataSet, ms: Rational, seed = 1, pre?: PatternClassification | PatternData): MinimalityDecision {
  const nonSmooth: MinimalityDecision = { status: 'inconclusive', reason: 'a hidden pre-activation is exactly 0 on the data: the cost is not smooth at this point' };
  if (pre?.someZero) return nonSmooth;
  const pd = patternDataOf(net, ds, pre);
  if (pd.someZero) return nonSmooth;
  const { groups } = pd;
  const sumSq = ms.mul(Rational.int(ds.N));
  // The cost meets the bound iff every group's map satisfies its normal equations (E = 0).
  let pb: ReturnType<typeof patternBound> | undefined;
  if (groups.every((g) => g.eIsZero)) {
    pb = patternBound(groups);
    if (sumSq.eq(pb.bound))
      return {
        status: 'verified',
        reason: `strict activation patterns (${groups.length} group(s)) and the cost equals the pattern-wise least-squares bound`,
        evidence: { kind: 'pattern-bound', fits: pb.fits },
      };
  }
  const shape = layerShape(net);
  const K = flattenParams(net).length;
  for (const dv of trialDirections(net, seed)) {
    const c1 = firstCoefficient(pd, unflattenParams(dv, shape), ds.M);
    if (!c1.isZero()) {
      const dir = c1.sign() < 0 ? dv : dv.map((v) => v.neg());
      return {
        status: 'refuted',
        reason: `an exact direction with negative directional derivative (${toNumber(abs(c1).neg().div(Rational.int(ds.N))).toExponential(3)}, float): not a critical point`,
        evidence: { kind: 'descent', direction: dir.map((v) => v.toString()), order: 1, coefficient: abs(c1).neg().toString() },
      };
    }
  }
  // A critical point the first-order test cannot close: look for negative curvature (float proposes, exact confirms).
  if (K <= MAX_HESSIAN_PARAMS) {
    // At most MAX_POINTS_SECOND_ORDER points the probe works point by point; above, on the
    // pattern groups' moments (float Hessian of the group cost, exact coefficients by pattern jets).
    const curvature = ds.N > MAX_POINTS_SECOND_ORDER ? negativeCurvatureByGroups(net, ds, groupedMoments(net, ds)) : negativeCurvature(net, ds);
    if (curvature)
      return {
        status: 'refuted',
        reason: curvature.order === 2 ? 'a critical point with an exact direction of negative curvature: a saddle' : 'an exact direction with negative directional derivative',
        evidence: curvature,
      };
  }
  const bound = (pb ?? patternBound(groups)).bound;
  return {
    status: 'inconclusive',
    reason: `the cost (N·ms = ${toNumber(sumSq).toPrecision(6)}) exceeds the pattern-wise bound (${toNumber(bound).toPrecision(6)}) yet no descent direction was found: a critical point where neither the first- nor the second-order test decides`,
  };
}

/**
 * Minimality over the output layer alone: the normal equations of its least squares.
 * `pre`: as for decideAllParameters.
 */
export function decideOutputLayer(net: Network, ds: DataSet, pre?: PatternClassification | PatternData): MinimalityDecision {
  const pd = patternDataOf(net, ds, pre);
  const grad = outputLayerGradient(net, ds, pd);
  if (grad.isZero())
    return { status: 'verified', reason: 'the output layer satisfies its normal equations (convex least squares)', evidence: { kind: 'output-normal-equations' } };
  // The descent check along minus the gradient needs a smooth point.
  if (pd.someZero) return { status: 'inconclusive', reason: 'the output layer is not at its least-squares optimum, but the descent check is not smooth here' };
  const dv = outputLayerDirection(net, grad);
  const c1 = firstCoefficient(pd, unflattenParams(dv, layerShape(net)), ds.M);
  if (c1.sign() >= 0) return { status: 'inconclusive', reason: 'the output layer is not at its least-squares optimum, but the descent check is not smooth here' };
  return {
    status: 'refuted',
    reason: 'the output layer does not satisfy its normal equations: minus its gradient is a descent direction',
    evidence: { kind: 'descent', direction: dv.map((v) => v.toString()), order: 1, coefficient: c1.toString() },
  };
}

/** The flat parameter direction that moves only the output layer, by −grad (grad: Q × (d_L + 1), [W b]). */
export function outputLayerDirection(net: Network, grad: Matrix): Rational[] {
  const Q = grad.rows;
  const W = grad.cols - 1;
  const flat = flattenParams(net);
  const dv = flat.map(() => Rational.ZERO);
  const offset = flat.length - Q * (W + 1);
  for (let i = 0; i < Q; i++) {
    for (let j = 0; j < W; j++) dv[offset + i * W + j] = grad.get(i, j).neg();
    dv[offset + Q * W + i] = grad.get(i, W).neg();
  }
  return dv;
}

/**
 * Σ (out − y)(h_L, 1)ᵀ over the data (half the gradient of N·ms with respect to [W_{L+1} b_{L+1}]),
 * exactly by pattern groups; ReLU(0) = 0 as in the masks, so it is exact at non-smooth points too
 * (the hidden activations do not move with the output layer).
 */
export function outputLayerGradient(net: Network, ds: DataSet, pre?: PatternClassification | PatternData): Matrix {
  const pd = patternDataOf(net, ds, pre);
  const { groups } = pd;
  const Q = ds.Q;
  // M: the input dimension (E is Q × (M+1)); W: the last hidden width (the output layer is Q × W).
  const M = ds.M;
  const W = net.output.W.cols;
  const L = net.hidden.length;
  const d = M + 1;
  // grad = Σ (out − y)(h_L, 1)ᵀ = Σ (Ā z − y) zᵀ Tᵀ = E Tᵀ per group, with (h_L, 1) = T z,
  // T = [[H, k], [0, 1]] and h_L = H x + k the masked hidden map (ReLU(0) = 0 is "inactive"). On integers: H = Hi/DH, k = ki/DH, E = Ei/eDen.
  const gi = new Array<bigint>(Q * (W + 1)).fill(0n);
  let DH = 1n;
  for (const g of groups) {
    if (g.eIsZero) continue;
    // The masked hidden map h_L (remembered per network and pattern; the identity when L = 0).
    const h = L > 0 ? { ...patternHiddenInt(net, g.mask)[L - 1]!, den: patternHiddenInt(net, g.mask)[L - 1]!.d } : propagate([], 0, g.mask, M);
    DH = h.den;
    for (let i = 0; i < Q; i++) {
      for (let a = 0; a < W; a++) {
        let s = g.E[i * d + M]! * h.c[a]!;
        for (let b = 0; b < M; b++) {
          const x = h.A[a * M + b]!;
          if (x !== 0n) s += g.E[i * d + b]! * x;
        }
        gi[i * (W + 1) + a]! += s;
      }
      gi[i * (W + 1) + W]! += g.E[i * d + M]! * h.den;
    }
  }
  return new Matrix(Q, W + 1, gi.map((v) => Rational.of(v, pd.eDen * DH)));
}

/**
 * Whether every hidden pre-activation is nonzero at every data point (exact: the cost is
 * smooth at this parameter point). From the remembered pattern groups.
 */
export function hasStrictPatterns(net: Network, ds: DataSet): boolean {
  return !groupedMoments(net, ds).someZero;
}
