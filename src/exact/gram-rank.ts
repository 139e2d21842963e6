/**
 * Rank of a wide, sparse rational matrix (few rows, many columns) through its Gram matrix:
 * over ℚ (indeed over ℝ), rank(T) = rank(T·Tᵀ), since T·Tᵀ·v = 0 implies |Tᵀv|² = 0. Each row
 * is scaled to integers (which changes no rank), the Gram matrix is formed from the nonzero
 * entries only, and its rank is the certified rank of src/exact/matrix.ts (modular with an
 * exact certificate from MODULAR_THRESHOLD on, Bareiss below). Used where rows ≪ columns,
 * e.g. the tangent vectors of degeneracy families (hundreds of rows, ~10^4 parameters).
 */
import { Matrix } from './matrix.ts';
import { Rational, overCommonDenominator } from './rational.ts';

/**
 * rank of the matrix with these rows (all of one length), exact.
 * @example gramRank([[Rational.ONE, Rational.ZERO], [Rational.int(2), Rational.ZERO]]) // 1
 */
export function gramRank(rows: readonly (readonly Rational[])[]): number {
  if (rows.length === 0) return 0;
  // Sparse integer rows: indices and values of the nonzero entries.
  const sparse = rows.map((r) => {
    const { ints } = overCommonDenominator([...r]);
    const idx: number[] = [];
    const val: bigint[] = [];
    ints.forEach((v, k) => {
      if (v !== 0n) idx.push(k), val.push(v);
    });
    return { idx, val, dense: new Map(idx.map((k, t) => [k, val[t]!])) };
  });
  const n = rows.length;
  const gram = new Array<Rational>(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      const a = sparse[i]!;
      const b = sparse[j]!;
      const [small, large] = a.idx.length <= b.idx.length ? [a, b] : [b, a];
      let s = 0n;
      small.idx.forEach((k, t) => {
        const w = large.dense.get(k);
        if (w !== undefined) s += small.val[t]! * w;
      });
      const v = Rational.int(s);
      gram[i * n + j] = v;
      gram[j * n + i] = v;
    }
  return new Matrix(n, n, gram).rank();
}
