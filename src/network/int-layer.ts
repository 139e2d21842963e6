/**
 * A network layer W·h + b as integers over one common denominator: W = Wi/den, b = bi/den
 * (row-major, exact), so layer-by-layer propagation needs no gcd per product.
 */
import { commonDenominator, overCommonDenominator } from '../exact/rational.ts';
import type { Layer } from './network.ts';

export interface IntLayer {
  readonly rows: number;
  readonly cols: number;
  readonly W: readonly bigint[];
  readonly b: readonly bigint[];
  readonly den: bigint;
}

/** The layer over the least common denominator of its entries. */
export function intLayer(l: Layer): IntLayer {
  const den = commonDenominator(l.b, commonDenominator(l.W.data));
  return { rows: l.W.rows, cols: l.W.cols, W: overCommonDenominator(l.W.data, den).ints, b: overCommonDenominator(l.b, den).ints, den };
}
