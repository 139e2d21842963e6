/**
 * Flat parameter vectors: the coordinates in which gradients, Jacobians and
 * local dimensions are computed (SPEC §1, §4 "Degeneracy").
 *
 * Fixed ordering, layer by layer — hidden layers 1..L, then the output layer —
 * and within a layer W row-major, then b:
 *   [W_1[0,0], W_1[0,1], …, W_1[M−1,M−1], b_1[0..M−1], W_2…, …, W_{L+1} (Q×M), b_{L+1} (Q)].
 */
import { Matrix } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';
import type { Layer, Network } from './network.ts';

/**
 * L hidden layers, input dimension M, Q outputs. Hidden layer ℓ has width `widths[ℓ−1]`
 * (d_ℓ, SPEC §6); without `widths` every hidden layer has width M (SPEC §1).
 */
export interface NetworkShape {
  readonly L: number;
  readonly M: number;
  readonly Q: number;
  readonly widths?: readonly number[];
}

/** The hidden widths d_1..d_L of a shape. */
export function hiddenWidths(shape: NetworkShape): number[] {
  return shape.widths ? [...shape.widths] : new Array<number>(shape.L).fill(shape.M);
}

/**
 * K = L(M² + M) + QM + Q, the number of parameters (SPEC §1).
 * @example paramCount(2, 3, 3) // 36
 */
export function paramCount(L: number, M: number, Q: number): number {
  return L * (M * M + M) + Q * M + Q;
}

/**
 * The shape of a network, after checking every layer agrees with it
 * (W_ℓ M×M and b_ℓ of length M for ℓ ≤ L; W_{L+1} Q×M, b_{L+1} of length Q).
 * Throws RangeError naming the first layer that does not.
 */
export function networkShape(net: Network): NetworkShape {
  const L = net.hidden.length;
  const M = net.output.W.cols;
  const Q = net.output.W.rows;
  net.hidden.forEach((layer, k) => checkLayer(layer, M, M, `hidden layer ${k + 1}`));
  checkLayer(net.output, Q, M, `output layer (${L + 1})`);
  return { L, M, Q };
}

/**
 * The shape of a network of any hidden widths (SPEC §6: W_ℓ is d_ℓ × d_{ℓ−1}, d_0 = M the
 * input dimension, W_{L+1} is Q × d_L), after checking that consecutive layers fit.
 * `widths` is present only when some width differs from M, so uniform networks get the
 * shape networkShape gives. Throws RangeError naming the first layer that does not fit.
 */
export function layerShape(net: Network): NetworkShape {
  const L = net.hidden.length;
  const M = L > 0 ? net.hidden[0]!.W.cols : net.output.W.cols;
  const Q = net.output.W.rows;
  let cols = M;
  const widths = net.hidden.map((layer, k) => {
    checkLayer(layer, layer.W.rows, cols, `hidden layer ${k + 1}`);
    return (cols = layer.W.rows);
  });
  checkLayer(net.output, Q, cols, `output layer (${L + 1})`);
  return widths.every((w) => w === M) ? { L, M, Q } : { L, M, Q, widths };
}

/** K for a shape of any hidden widths: Σ_ℓ d_ℓ(d_{ℓ−1} + 1) + Q(d_L + 1). */
export function shapeParamCount(shape: NetworkShape): number {
  let cols = shape.M;
  let K = 0;
  for (const w of [...hiddenWidths(shape), shape.Q]) {
    K += w * (cols + 1);
    cols = w;
  }
  return K;
}

function checkLayer(layer: Layer, rows: number, cols: number, where: string): void {
  if (layer.W.rows !== rows || layer.W.cols !== cols)
    throw new RangeError(`${where}: W is ${layer.W.rows}×${layer.W.cols}, expected ${rows}×${cols}`);
  if (layer.b.length !== rows) throw new RangeError(`${where}: b has length ${layer.b.length}, expected ${rows}`);
}

/**
 * The parameter vector in the documented order.
 * @example flattenParams(net).length === paramCount(L, M, Q)
 */
export function flattenParams(net: Network): Rational[] {
  layerShape(net);
  const out: Rational[] = [];
  for (const layer of [...net.hidden, net.output]) {
    // A loop, not push(...): a spread of M² = 614 656 arguments (M = 784) overflows the stack.
    for (const v of layer.W.data) out.push(v);
    for (const v of layer.b) out.push(v);
  }
  return out;
}

/**
 * Inverse of flattenParams for a given shape (uniform or with `widths`). Throws
 * RangeError when the vector's length is not the shape's parameter count.
 */
export function unflattenParams(vector: readonly Rational[], shape: NetworkShape): Network {
  const { L, M, Q } = shape;
  const K = shapeParamCount(shape);
  if (vector.length !== K)
    throw new RangeError(`parameter vector has length ${vector.length}, expected ${K} for L=${L}, M=${M}, Q=${Q}${shape.widths ? `, widths ${shape.widths.join('×')}` : ''}`);
  let at = 0;
  const take = (rows: number, cols: number): Layer => {
    const W = new Matrix(rows, cols, vector.slice(at, at + rows * cols));
    at += rows * cols;
    const b = vector.slice(at, at + rows);
    at += rows;
    return { W, b };
  };
  const hidden: Layer[] = [];
  let cols = M;
  for (const w of hiddenWidths(shape)) {
    hidden.push(take(w, cols));
    cols = w;
  }
  return { hidden, output: take(Q, cols) };
}
