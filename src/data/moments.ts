import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { compactOf, integerMoments } from './compact.ts';
import type { DataSet } from './dataset.ts';

/** Per-class sufficient statistics: N_j, Σ x, Σ x xᵀ (exact). */
export interface ClassMoments {
  readonly count: number;
  readonly sum: Rational[];
  readonly second: Matrix;
}

/**
 * Class moments from the compact form (src/data/compact.ts): the sums Σz, Σzzᵀ of the
 * integer coordinates z = D_j·x are accumulated exactly (float64 chunks below 2^53, then
 * BigInt; see integerMoments) and divided once at the end: no Rational per coordinate.
 * Equal to the point-wise oracle (test/oracles/class-stats.ts) on every data set (tests).
 * @example classMoments(ds)[0].sum
 */
export function classMoments(ds: DataSet): ClassMoments[] {
  const cd = compactOf(ds);
  const M = ds.M;
  return cd.classes.map((c) => {
    const m = integerMoments(c, M);
    const D = c.den;
    const D2 = D * D;
    const second = new Array<Rational>(M * M);
    for (let a = 0; a < M; a++)
      for (let b = a; b < M; b++) {
        const v = Rational.of(m.second[a * M + b]!, D2);
        second[a * M + b] = v;
        second[b * M + a] = v;
      }
    return { count: c.count, sum: m.sum.map((v) => Rational.of(v, D)), second: new Matrix(M, M, second) };
  });
}
