import type { Matrix } from '../exact/matrix.ts';
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
