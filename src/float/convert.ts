/**
 * The one bridge from the exact layer to the float layer (SPEC: the float layer
 * is an independent check, so only this file may import src/exact).
 * Every entry goes through Rational.toNumber (nearest float64).
 */
import type { Matrix } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';
import { FMatrix } from './matrix.ts';

/**
 * @example toFMatrix(Matrix.fromRows([['1/3', 2]])).get(0, 0) // 0.3333333333333333
 */
export function toFMatrix(m: Matrix): FMatrix {
  const data = new Float64Array(m.rows * m.cols);
  for (let k = 0; k < data.length; k++) data[k] = m.data[k]!.toNumber();
  return new FMatrix(m.rows, m.cols, data);
}

/**
 * @example toFloat64([q('1/4'), q(-2)]) // Float64Array [0.25, -2]
 */
export function toFloat64(v: readonly Rational[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]!.toNumber();
  return out;
}
