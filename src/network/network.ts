import { Matrix } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';

/** One affine layer x ↦ W x + b (exact). */
export interface Layer<W = Matrix> {
  readonly W: W;
  readonly b: readonly Rational[];
}

/**
 * A deep ReLU network of SPEC §1 in per-layer form: `hidden` are the L layers
 * followed by ReLU (W_ℓ is M×M), `output` is the affine output layer (Q×M).
 */
export interface Network<W = Matrix> {
  readonly hidden: readonly Layer<W>[];
  readonly output: Layer<W>;
}

/** The cost conventions of SPEC §1. */
export type CostConvention = 'norm' | 'mse' | 'half-mse';

/** The same network with the engine's exact Matrix (e.g. one the checker's kernel parsed, with its own matrices). */
export function engineNetwork(net: Network<{ readonly rows: number; readonly cols: number; readonly data: readonly Rational[] }>): Network {
  const layer = (l: Layer<{ readonly rows: number; readonly cols: number; readonly data: readonly Rational[] }>): Layer => ({ W: new Matrix(l.W.rows, l.W.cols, l.W.data), b: l.b });
  return { hidden: net.hidden.map(layer), output: layer(net.output) };
}
