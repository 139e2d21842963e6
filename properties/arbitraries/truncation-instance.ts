/**
 * Instances for the truncation-map claims T1–T5 (SPEC §2): a matrix W of a
 * chosen structure, a bias b, test points x, y, and a nonnegative vector s
 * (a prescribed pre-activation, to land on cones and their boundaries).
 * Shrinks towards dimension 1, W close to ±I, zero vectors.
 */
import fc from 'fast-check';
import type { Matrix } from '../../src/exact/matrix.ts';
import type { Rational } from '../../src/exact/rational.ts';
import { fullRowRankMatrixArb, invertibleMatrixArb, orthogonalMatrixArb } from './matrix.ts';
import type { RationalArbOptions } from './rational.ts';
import { nonNegativeVectorArb, vectorArb } from './vector.ts';

/** invertible: any invertible n×n; orthogonal: rational orthogonal (Cayley); full-row-rank: r×n, r ≤ n ≤ r + 2. */
export type TruncationKind = 'invertible' | 'orthogonal' | 'full-row-rank';

export interface TruncationInstance {
  /** r×n (r = n unless kind is full-row-rank). */
  readonly W: Matrix;
  /** r-vector. */
  readonly b: Rational[];
  /** n-vectors. */
  readonly x: Rational[];
  readonly y: Rational[];
  /** r-vector ≥ 0, zeros frequent. */
  readonly s: Rational[];
}

const SMALL: RationalArbOptions = { maxNum: 5, maxDen: 3 };

/**
 * @example fc.sample(truncationInstanceArb({ kind: 'orthogonal', maxDim: 3 }), 1)[0].W.isSquare() // true
 */
export function truncationInstanceArb(opts: { kind: TruncationKind; maxDim?: number }): fc.Arbitrary<TruncationInstance> {
  const maxDim = Math.max(1, opts.maxDim ?? 3);
  const shape = fc.record({ r: fc.integer({ min: 1, max: maxDim }), extra: fc.integer({ min: 0, max: opts.kind === 'full-row-rank' ? 2 : 0 }) });
  return shape.chain(({ r, extra }) => {
    const n = r + extra;
    const W =
      opts.kind === 'orthogonal' ? orthogonalMatrixArb(r) : opts.kind === 'invertible' || extra === 0 ? invertibleMatrixArb(r, SMALL) : fullRowRankMatrixArb(r, n, SMALL);
    return fc.record({ W, b: vectorArb(r), x: vectorArb(n), y: vectorArb(n), s: nonNegativeVectorArb(r) });
  });
}
