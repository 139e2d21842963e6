/**
 * Cumulative parameters (SPEC §2): W^(ℓ) = W_ℓ ⋯ W_1, b^(ℓ) = W_ℓ b^(ℓ−1) + b_ℓ,
 * with W^(0) = 1, b^(0) = 0, for ℓ = 1..L+1. They describe what layer ℓ does
 * as a function of the *input*, which is what the truncation picture needs.
 */
import { Matrix, vec } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';
import type { Layer, Network } from './network.ts';
import { networkShape } from './params.ts';

/** W[ℓ−1] = W^(ℓ), b[ℓ−1] = b^(ℓ), for ℓ = 1..L+1 (the last is the output layer's). */
export type CumulativeParams = { W: Matrix[]; b: Rational[][] };

/**
 * Per-layer → cumulative. Always defined.
 * @example toCumulative(net).W[1].eq(net.hidden[1].W.mul(net.hidden[0].W)) // true
 */
export function toCumulative(net: Network): CumulativeParams {
  const { M } = networkShape(net);
  const W: Matrix[] = [];
  const b: Rational[][] = [];
  let Wc = Matrix.identity(M);
  let bc: Rational[] = vec.zeros(M);
  for (const layer of [...net.hidden, net.output]) {
    Wc = layer.W.mul(Wc);
    bc = vec.add(layer.W.mulVec(bc), layer.b);
    W.push(Wc);
    b.push(bc);
  }
  return { W, b };
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
