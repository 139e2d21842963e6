/**
 * The float64 twin of a Network, for the independent numeric check.
 * Kept in src/network (not src/float) because converting needs the exact types.
 */
import { toFloat64, toFMatrix } from '../float/convert.ts';
import type { FMatrix } from '../float/matrix.ts';
import type { Network } from './network.ts';

/** One affine layer x ↦ W x + b in float64. */
export interface FloatLayer {
  readonly W: FMatrix;
  readonly b: Float64Array;
}

/** Same layout as Network: L hidden ReLU layers, then the affine output layer. */
export interface FloatNetwork {
  readonly hidden: readonly FloatLayer[];
  readonly output: FloatLayer;
}

/**
 * Entry-wise nearest float64 of every parameter.
 * @example forwardFloat(toFloatNetwork(net), toFloat64(x))
 */
export function toFloatNetwork(net: Network): FloatNetwork {
  const conv = (layer: Network['output']) => ({ W: toFMatrix(layer.W), b: toFloat64(layer.b) });
  return { hidden: net.hidden.map(conv), output: conv(net.output) };
}
