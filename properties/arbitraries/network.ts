/**
 * Random exact networks of a given shape with invertible hidden W_ℓ (so the
 * cumulative/curation picture of SPEC §2 applies). Shrinks towards networks
 * with ±1-diagonal hidden layers, zero biases and a zero output layer.
 */
import fc from 'fast-check';
import type { Network } from '../../src/network/network.ts';
import type { NetworkShape } from '../../src/network/params.ts';
import type { RationalArbOptions } from './rational.ts';
import { invertibleMatrixArb, matrixArb, orthogonalMatrixArb } from './matrix.ts';
import { vectorArb } from './vector.ts';

/**
 * L hidden layers (W_ℓ invertible M×M, b_ℓ ∈ Q^M), output layer Q×M general.
 * @example fc.sample(networkArb({ L: 2, M: 3, Q: 2 }), 1)[0].hidden.length // 2
 */
export function networkArb(shape: NetworkShape, opts: RationalArbOptions = {}): fc.Arbitrary<Network> {
  const { L, M, Q } = shape;
  const hiddenLayer = fc.record({ W: invertibleMatrixArb(M, opts), b: vectorArb(M, opts) });
  return fc.record({
    hidden: fc.array(hiddenLayer, { minLength: L, maxLength: L }),
    output: fc.record({ W: matrixArb(Q, M, opts), b: vectorArb(Q, opts) }),
  });
}

/**
 * A shape with 0 ≤ L ≤ maxL, Q ≤ M ≤ maxM, 1 ≤ Q, then a network of it.
 * @example fc.sample(anyNetworkArb({ maxL: 3, maxM: 3 }), 1)
 */
export function anyNetworkArb(limits: { maxL?: number; maxM?: number } = {}, opts: RationalArbOptions = {}): fc.Arbitrary<Network> {
  const maxL = limits.maxL ?? 3;
  const maxM = limits.maxM ?? 3;
  return fc
    .record({ L: fc.integer({ min: 0, max: maxL }), M: fc.integer({ min: 1, max: maxM }), q: fc.integer({ min: 1, max: maxM }) })
    .chain(({ L, M, q }) => networkArb({ L, M, Q: Math.min(q, M) }, opts));
}

/**
 * L hidden layers with rational orthogonal W_ℓ (Cayley transforms), biases
 * and a general output layer. Every cumulative W^(ℓ) is then orthogonal too,
 * so each curation map τ_ℓ is a metric projection (T4). Shrinks towards I.
 * @example fc.sample(orthogonalNetworkArb({ L: 2, M: 2, Q: 2 }), 1)[0].hidden[0].W.rows // 2
 */
export function orthogonalNetworkArb(shape: NetworkShape, opts: RationalArbOptions = {}): fc.Arbitrary<Network> {
  const { L, M, Q } = shape;
  const hiddenLayer = fc.record({ W: orthogonalMatrixArb(M), b: vectorArb(M, opts) });
  return fc.record({
    hidden: fc.array(hiddenLayer, { minLength: L, maxLength: L }),
    output: fc.record({ W: matrixArb(Q, M, opts), b: vectorArb(Q, opts) }),
  });
}

/**
 * Random hidden widths 1..4 (0 to 3 hidden layers, W any matrix) for M inputs and Q outputs:
 * the general per-layer form, for code that must not assume width M.
 * @example fc.sample(anyWidthNetworkArb(2, 3), 1)[0].output.W.rows // 3
 */
export function anyWidthNetworkArb(M: number, Q: number, opts: RationalArbOptions = {}): fc.Arbitrary<Network> {
  return fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 }).chain((widths) => {
    const dims = [M, ...widths, Q];
    const layers = dims.slice(1).map((rows, k) => fc.record({ W: matrixArb(rows, dims[k]!, opts), b: vectorArb(rows, opts) }));
    return fc.tuple(...layers).map((ls) => ({ hidden: ls.slice(0, -1), output: ls.at(-1)! }));
  });
}
