/**
 * A network layer W·h + b as integers over one common denominator: W = Wi/den, b = bi/den
 * (row-major, exact), so layer-by-layer propagation needs no gcd per product.
 */
import { commonDenominator, overCommonDenominator } from '../exact/rational.ts';
import type { Rational } from '../exact/rational.ts';
import type { Matrix } from '../exact/matrix.ts';
import type { Layer } from './network.ts';

export interface IntLayer {
  readonly rows: number;
  readonly cols: number;
  readonly W: readonly bigint[];
  readonly b: readonly bigint[];
  readonly den: bigint;
}

/** Remembered per bias array and checked against the weight matrix (a layer is the pair; both are immutable). */
const known = new WeakMap<readonly Rational[], { W: Matrix; layer: IntLayer }>();

/** The layer over the least common denominator of its entries. */
export function intLayer(l: Layer): IntLayer {
  const hit = known.get(l.b);
  if (hit && hit.W === l.W) return hit.layer;
  const den = commonDenominator(l.b, commonDenominator(l.W.data));
  const layer = { rows: l.W.rows, cols: l.W.cols, W: overCommonDenominator(l.W.data, den).ints, b: overCommonDenominator(l.b, den).ints, den };
  known.set(l.b, { W: l.W, layer });
  return layer;
}
