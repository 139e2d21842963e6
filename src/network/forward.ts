/**
 * Forward passes of SPEC §1: x^(0) = x, x^(ℓ) = σ(W_ℓ x^(ℓ−1) + b_ℓ) for
 * ℓ = 1..L, x^(L+1) = W_{L+1} x^(L) + b_{L+1} (no activation on the output).
 */
import { vec } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';
import { fvec } from '../float/matrix.ts';
import type { FloatLayer, FloatNetwork } from './float-network.ts';
import type { Layer, Network } from './network.ts';

export type { FloatLayer, FloatNetwork } from './float-network.ts';
export { toFloatNetwork } from './float-network.ts';

/** Everything a forward pass sees, per hidden layer ℓ = 1..L (index ℓ−1). */
export interface HiddenTrace {
  /** z^(ℓ) = W_ℓ x^(ℓ−1) + b_ℓ: its signs are the activation pattern. */
  readonly preActivations: Rational[][];
  /** x^(ℓ) = σ(z^(ℓ)). */
  readonly activations: Rational[][];
  /** x^(L+1). */
  readonly output: Rational[];
}

function affine(layer: Layer, x: readonly Rational[]): Rational[] {
  return vec.add(layer.W.mulVec(x), layer.b);
}

/**
 * The network output x^(L+1), exactly.
 * @example forwardExact(net, [q(1), q('1/2')]) // Q exact outputs
 */
export function forwardExact(net: Network, x: readonly Rational[]): Rational[] {
  let h: readonly Rational[] = x;
  for (const layer of net.hidden) h = vec.relu(affine(layer, h));
  return affine(net.output, h);
}

/**
 * Pre-activations and activations of every hidden layer, exactly (for
 * activation-pattern analysis), plus the output.
 * @example hiddenTrace(net, x).preActivations[0].map((z) => z.sign()) // pattern of layer 1
 */
export function hiddenTrace(net: Network, x: readonly Rational[]): HiddenTrace {
  const preActivations: Rational[][] = [];
  const activations: Rational[][] = [];
  let h: readonly Rational[] = x;
  for (const layer of net.hidden) {
    const z = affine(layer, h);
    const a = vec.relu(z);
    preActivations.push(z);
    activations.push(a);
    h = a;
  }
  return { preActivations, activations, output: affine(net.output, h) };
}

function affineFloat(layer: FloatLayer, x: Float64Array): Float64Array {
  const y = layer.W.mulVec(x);
  for (let i = 0; i < y.length; i++) y[i]! += layer.b[i]!;
  return y;
}

/**
 * The network output in float64 (independent of the exact pass).
 * @example forwardFloat(toFloatNetwork(net), Float64Array.of(1, 0.5))
 */
export function forwardFloat(net: FloatNetwork, x: Float64Array): Float64Array {
  let h = x;
  for (const layer of net.hidden) h = fvec.reluInPlace(affineFloat(layer, h));
  return affineFloat(net.output, h);
}
