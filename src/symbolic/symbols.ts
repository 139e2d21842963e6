/**
 * Symbol names of the symbolic layer.
 *
 * nerdamer reads `w1_1_2` as the product `w1_1 * _2` (a second numeric
 * subscript is split off), so the names avoid it:
 *
 * - `w{ℓ}r{i}c{k}`: entry (row i, column k) of W_ℓ, e.g. `w1r1c2` = (W_1)_{1,2};
 * - `b{ℓ}r{i}`: entry i of b_ℓ, e.g. `b2r1` = (b_2)_1;
 * - `a{i}_{k}`: entry (i, k) of the affine map A of an activation region;
 * - `c{i}`: entry i of its offset c;
 * - `x{k}`: coordinate k of an input point.
 *
 * All indices are 1-based, layers ℓ = 1..L+1.
 */

/** (W_ℓ)_{i,k} → `w{ℓ}r{i}c{k}`. */
export function weightSymbol(layer: number, row: number, col: number): string {
  return `w${layer}r${row}c${col}`;
}

/** (b_ℓ)_i → `b{ℓ}r{i}`. */
export function biasSymbol(layer: number, row: number): string {
  return `b${layer}r${row}`;
}

/** A_{i,k} → `a{i}_{k}`. */
export function affineSymbol(row: number, col: number): string {
  return `a${row}_${col}`;
}

/** c_i → `c{i}`. */
export function offsetSymbol(row: number): string {
  return `c${row}`;
}

/** x_k → `x{k}`. */
export function inputSymbol(k: number): string {
  return `x${k}`;
}
