/**
 * Cumulative parameters (SPEC §2): W^(ℓ) = W_ℓ ⋯ W_1, b^(ℓ) = W_ℓ b^(ℓ−1) + b_ℓ,
 * with W^(0) = 1, b^(0) = 0, for ℓ = 1..L+1. They describe what layer ℓ does
 * as a function of the *input*, which is what the truncation picture needs.
 */
import { Matrix, vec } from '../exact/matrix.ts';
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import type { Layer, Network } from './network.ts';
import { cumulative } from '../certificates/kernel.ts';

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;

/** W[ℓ−1] = W^(ℓ), b[ℓ−1] = b^(ℓ), for ℓ = 1..L+1 (the last is the output layer's). */
export type CumulativeParams = { W: Matrix[]; b: Rational[][] };

/**
 * Per-layer → cumulative. Always defined. The one definition is the checker's
 * (certificates/kernel.ts `cumulative`); this returns it in the engine's matrices.
 * @example toCumulative(net).W[1].eq(net.hidden[1].W.mul(net.hidden[0].W)) // true
 */
export function toCumulative(net: Network): CumulativeParams {
  const cum = cumulative(net);
  return { W: cum.W.map((w) => new Matrix(w.rows, w.cols, [...w.data])), b: cum.b };
}

/**
 * Cumulative → per-layer: W_ℓ = W^(ℓ)(W^(ℓ−1))⁻¹, b_ℓ = b^(ℓ) − W_ℓ b^(ℓ−1).
 * Needs W^(ℓ) square and invertible for ℓ ≤ L (equivalently every hidden
 * W_ℓ invertible); throws RangeError naming the first ℓ where it is not.
 */
export function fromCumulative(cum: CumulativeParams): Network {
  const n = cum.W.length;
  if (n === 0) throw new RangeError('fromCumulative: no layers (need at least the output layer)');
  if (cum.b.length !== n) throw new RangeError(`fromCumulative: ${n} matrices W^(ℓ) but ${cum.b.length} biases b^(ℓ)`);
  const M = cum.W[0]!.cols;
  const layers: Layer[] = [];
  let prevW = Matrix.identity(M);
  let prevB: Rational[] = vec.zeros(M);
  for (let k = 0; k < n; k++) {
    const ell = k + 1;
    const Wc = cum.W[k]!;
    const bc = cum.b[k]!;
    if (Wc.cols !== M) throw new RangeError(`fromCumulative: W^(${ell}) has ${Wc.cols} columns, expected ${M}`);
    if (bc.length !== Wc.rows) throw new RangeError(`fromCumulative: b^(${ell}) has length ${bc.length}, expected ${Wc.rows}`);
    if (k < n - 1 && Wc.rows !== M) throw new RangeError(`fromCumulative: W^(${ell}) is ${Wc.rows}×${M}, a hidden layer needs ${M}×${M}`);
    // W_ℓ = W^(ℓ) (W^(ℓ−1))⁻¹  ⇔  (W^(ℓ−1))ᵀ W_ℓᵀ = (W^(ℓ))ᵀ.
    const Wl = prevW.transpose().solve(Wc.transpose()).transpose();
    layers.push({ W: Wl, b: vec.sub(bc, Wl.mulVec(prevB)) });
    if (k < n - 1) {
      if (Wc.det().isZero())
        throw new RangeError(
          `fromCumulative: W^(${ell}) is singular; per-layer parameters are determined only when W^(1)..W^(L) are invertible`,
        );
      prevW = Wc;
      prevB = bc;
    }
  }
  return { hidden: layers.slice(0, -1), output: layers[layers.length - 1]! };
}

/** A cumulative hidden layer of the form W^(ℓ) = ε I + 1 nᵀ (the truncation cone; ε = 1, n = 0 is the identity). */
export interface RankOneCumulative {
  readonly eps: Rational;
  readonly n: readonly Rational[];
  readonly b: readonly Rational[];
}

/** Per-layer parameters of fromRankOneCumulative by the pair (W^(ℓ−1), W^(ℓ)) of cumulative-layer objects (FIRST: W^(0) = I). */
const FIRST = {};
const layerMemo = new WeakMap<object, WeakMap<RankOneCumulative, Layer>>();

/**
 * fromCumulative for hidden layers W^(ℓ) = ε_ℓ I + 1 n_ℓᵀ, in O(L·M² + Q·M) exact
 * operations instead of one M×M solve per layer. With s = ε′ + ⟨n′, 1⟩ ≠ 0
 * (Sherman–Morrison), (ε′I + 1n′ᵀ)⁻¹ = (I − 1n′ᵀ/s)/ε′, hence
 * W_ℓ = (ε/ε′) I + 1 vᵀ with v = (n − ((ε + ⟨n, 1⟩)/s) n′)/ε′, and the output layer is
 * W^(L+1)(I − 1n′ᵀ/s)/ε′. The same network as fromCumulative (test/cumulative-rank-one.test.ts).
 * Throws RangeError where some W^(ℓ) is singular (ε = 0 or ε + ⟨n, 1⟩ = 0).
 */
export function fromRankOneCumulative(
  hidden: readonly RankOneCumulative[],
  /** W^(L+1) and b^(L+1), or both over one denominator: [W | b] = ints / den (Q × (M+1) row-major, den > 0). */
  output: { W: Matrix; b: readonly Rational[] } | { readonly M: number; readonly ints: readonly bigint[]; readonly den: bigint },
): Network {
  const M = 'ints' in output ? output.M : output.W.cols;
  const sum = (v: readonly Rational[]) => v.reduce((s, x) => s.add(x), ZERO);
  let prev: { eps: Rational; n: readonly Rational[]; b: readonly Rational[]; s: Rational } = { eps: ONE, n: vec.zeros(M), b: vec.zeros(M), s: ONE };
  let prevKey: object = FIRST;
  const layers: Layer[] = [];
  hidden.forEach((cur, k) => {
    const s = cur.eps.add(sum(cur.n));
    if (cur.eps.isZero() || s.isZero()) throw new RangeError(`fromRankOneCumulative: W^(${k + 1}) is singular`);
    // W_ℓ depends on W^(ℓ−1) and W^(ℓ) only: remembered for the pair of cumulative-layer objects.
    let byCur = layerMemo.get(prevKey);
    if (!byCur) layerMemo.set(prevKey, (byCur = new WeakMap()));
    let layer = byCur.get(cur);
    if (!layer) {
      const ratio = cur.eps.div(prev.eps);
      const f = s.div(prev.s);
      const v = cur.n.map((x, j) => x.sub(f.mul(prev.n[j]!)).div(prev.eps));
      const data = new Array<Rational>(M * M);
      for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) data[i * M + j] = i === j ? v[j]!.add(ratio) : v[j]!;
      const vb = vec.dot(v, prev.b);
      const p = prev;
      layer = { W: new Matrix(M, M, data), b: cur.b.map((x, i) => x.sub(ratio.mul(p.b[i]!)).sub(vb)) };
      byCur.set(cur, layer);
    }
    layers.push(layer);
    prev = { eps: cur.eps, n: cur.n, b: cur.b, s };
    prevKey = cur;
  });
  // Output: W_{L+1} = W^(L+1)(I − 1n′ᵀ/s)/ε′, b_{L+1} = b^(L+1) − W_{L+1} b^(L), in integers over
  // common denominators (one reduction per entry; the fitted W^(L+1) has large entries).
  // With W^(L+1) = Wi/dW, s = sn/sd, n′ = nn/nd, ε′ = en/ed and row sums R_i = Σ_j Wi_ij:
  // W_{L+1,ij} = X_ij / den, X_ij = (Wi_ij·sn·nd − R_i·sd·nn_j)·ed, den = dW·sn·nd·en.
  const Q = 'ints' in output ? output.ints.length / (M + 1) : output.W.rows;
  const W = 'ints' in output ? { ints: Array.from({ length: Q * M }, (_, k) => output.ints[Math.floor(k / M) * (M + 1) + (k % M)]!), den: output.den } : overCommonDenominator(output.W.data);
  const nn = overCommonDenominator(prev.n);
  const [sn, sd, en, ed] = [prev.s.num, prev.s.den, prev.eps.num, prev.eps.den];
  const den = W.den * sn * nn.den * en;
  const X = new Array<bigint>(Q * M);
  for (let i = 0; i < Q; i++) {
    let R = 0n;
    for (let j = 0; j < M; j++) R += W.ints[i * M + j]!;
    for (let j = 0; j < M; j++) X[i * M + j] = (W.ints[i * M + j]! * sn * nn.den - R * sd * nn.ints[j]!) * ed;
  }
  const Wout = new Matrix(Q, M, X.map((x) => Rational.of(x, den)));
  // b_i = ob_i − Σ_j X_ij pb_j / (den·pbd) = (obi_i·den·pbd − obd·Σ_j X_ij pbi_j) / (obd·den·pbd).
  const pb = overCommonDenominator(prev.b);
  const ob = 'ints' in output ? { ints: Array.from({ length: Q }, (_, i) => output.ints[i * (M + 1) + M]!), den: output.den } : overCommonDenominator(output.b);
  const b = Array.from({ length: Q }, (_, i) => {
    let t = 0n;
    for (let j = 0; j < M; j++) t += X[i * M + j]! * pb.ints[j]!;
    return Rational.of(ob.ints[i]! * den * pb.den - ob.den * t, ob.den * den * pb.den);
  });
  return { hidden: layers, output: { W: Wout, b } };
}
