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
  /**
   * When W = α I + 1 vᵀ on the integers (square, every column constant off the diagonal, one
   * diagonal excess α): the layers of the truncation constructions (cumulative.ts). Products
   * with W then cost O(M²) instead of O(M³), with the same integers.
   */
  readonly rankOne?: { readonly alpha: bigint; readonly v: readonly bigint[] };
}

/** α and v with W = α I + 1 vᵀ (n × n, row-major), or undefined. */
function rankOneForm(W: readonly bigint[], n: number): { alpha: bigint; v: bigint[] } | undefined {
  if (n < 2 || W.length !== n * n) return undefined;
  const v = Array.from({ length: n }, (_, k) => W[(k === 0 ? 1 : 0) * n + k]!);
  const alpha = W[0]! - v[0]!;
  for (let r = 0; r < n; r++)
    for (let k = 0; k < n; k++) if (W[r * n + k] !== (r === k ? alpha + v[k]! : v[k]!)) return undefined;
  return { alpha, v };
}

/** Remembered per bias array and checked against the weight matrix (a layer is the pair; both are immutable). */
const known = new WeakMap<readonly Rational[], { W: Matrix; layer: IntLayer }>();

/** The layer over the least common denominator of its entries. */
export function intLayer(l: Layer): IntLayer {
  const hit = known.get(l.b);
  if (hit && hit.W === l.W) return hit.layer;
  const den = commonDenominator(l.b, commonDenominator(l.W.data));
  const W = overCommonDenominator(l.W.data, den).ints;
  const rankOne = l.W.rows === l.W.cols ? rankOneForm(W, l.W.rows) : undefined;
  const layer: IntLayer = { rows: l.W.rows, cols: l.W.cols, W, b: overCommonDenominator(l.b, den).ints, den, ...(rankOne ? { rankOne } : {}) };
  known.set(l.b, { W: l.W, layer });
  return layer;
}
