import { Matrix, DIXON_THRESHOLD, echelon } from './matrix.ts';
import { MODULAR_PRIMES, echelonModP, reduceRows } from './modular.ts';
import { Rational, lcm, overCommonDenominator } from './rational.ts';
import { dixonSolve } from './dixon.ts';

/**
 * Sufficient statistics of a linear least-squares problem min_A Σ |A z − y|²:
 * G = Σ z zᵀ (d×d), B = Σ y zᵀ (q×d), S = Σ |y|². Everything the minimum
 * depends on, so large data sets are summarised once and solved small.
 */
export interface LeastSquaresStats {
  readonly G: Matrix;
  readonly B: Matrix;
  readonly S: Rational;
}

/** The exact minimiser A (q×d) and the minimum Σ |A z − y|². */
export interface LeastSquaresSolution {
  readonly A: Matrix;
  readonly residual: Rational;
  /** A = ints / den (q×d row-major, den > 0, not reduced): A without a gcd per entry. */
  readonly overDenominator: () => { ints: bigint[]; den: bigint };
}

/**
 * Solves the least-squares problem exactly, also when G is singular (constant or
 * duplicated coordinates): the fit uses a maximal independent set of coordinates (pivot
 * columns of G); since G = Z Zᵀ, the other coordinates are linear combinations of those on
 * the data, so the minimum is the same and A is zero on them.
 *
 * Large G (d ≥ DIXON_THRESHOLD): the independent set is proposed by elimination mod a
 * prime, A on it by Dixon lifting (checked exactly on those columns), and the normal
 * equations A G = B are then checked exactly on the remaining columns, so A is a minimiser
 * and the residual S − tr(A Bᵀ) is the exact minimum whatever the prime. A prime that
 * proposes a wrong set fails the check; the next prime is tried, then exact elimination.
 */
export function solveLeastSquares(st: LeastSquaresStats): LeastSquaresSolution {
  const d = st.G.rows;
  if (d >= DIXON_THRESHOLD) {
    const { ints } = st.G.integerRows();
    for (let attempt = 0; attempt < 3; attempt++) {
      const p = MODULAR_PRIMES[attempt]!;
      const basis = echelonModP(reduceRows(ints, p), d, d, p).pivotCols;
      const sol = integerFit(st, basis, attempt);
      if (sol) return sol;
    }
  }
  const fit = fitOnBasis(st, st.G.pivotColumns());
  if (!fit) throw new Error('internal: the pivot columns of G are dependent');
  return withResidual(st, fit);
}

/**
 * The large path in integers: Aᵀ on the basis by Dixon (A G[:, basis] = B[:, basis], checked
 * exactly inside dixonSolve), then A G = B checked exactly on the other columns, and the
 * residual S − tr(A Bᵀ) as one fraction. A itself (q·d fractions, each a gcd of numbers with
 * thousands of digits at M in the hundreds) is built only if a caller reads it.
 */
function integerFit(st: LeastSquaresStats, basis: readonly number[], primeIndex: number): LeastSquaresSolution | undefined {
  const d = st.G.rows;
  const q = st.B.rows;
  const r = basis.length;
  // Rows of [G[basis, basis]ᵀ | B[:, basis]ᵀ], each over its own common denominator.
  const aug = basis.map((c) => {
    const row = [...basis.map((b) => st.G.get(b, c)), ...Array.from({ length: q }, (_, i) => st.B.get(i, c))];
    return overCommonDenominator(row).ints;
  });
  const sol =
    r === 0
      ? { num: [] as bigint[][], den: 1n }
      : dixonSolve(
          aug.map((row) => row.slice(0, r)),
          aug.map((row) => row.slice(r)),
          { primeIndex },
        );
  if (!sol) return undefined;
  // A[i][basis[b]] = num[b][i] / den. Normal equations on the other columns, exactly.
  const inBasis = new Set(basis);
  for (let c = 0; c < d; c++) {
    if (inBasis.has(c)) continue;
    const col = overCommonDenominator([...basis.map((b) => st.G.get(b, c)), ...Array.from({ length: q }, (_, i) => st.B.get(i, c))]).ints;
    for (let i = 0; i < q; i++) {
      let s = 0n;
      for (let b = 0; b < r; b++) if (col[b] !== 0n) s += sol.num[b]![i]! * col[b]!;
      if (s !== sol.den * col[r + i]!) return undefined;
    }
  }
  // tr(A Bᵀ) = Σ_i Σ_b A[i][basis b]·B[i][basis b].
  const bBasis = overCommonDenominator(basis.flatMap((c) => Array.from({ length: q }, (_, i) => st.B.get(i, c))));
  let t = 0n;
  for (let b = 0; b < r; b++) for (let i = 0; i < q; i++) t += sol.num[b]![i]! * bBasis.ints[b * q + i]!;
  const residual = st.S.sub(Rational.of(t, sol.den * bBasis.den));
  let A: Matrix | undefined;
  return {
    residual,
    overDenominator: () => {
      const ints = new Array<bigint>(q * d).fill(0n);
      basis.forEach((col, b) => {
        for (let i = 0; i < q; i++) ints[i * d + col] = sol.num[b]![i]!;
      });
      return { ints, den: sol.den };
    },
    get A(): Matrix {
      if (!A) {
        const data = new Array<Rational>(q * d).fill(Rational.ZERO);
        basis.forEach((col, b) => {
          for (let i = 0; i < q; i++) data[i * d + col] = Rational.of(sol.num[b]![i]!, sol.den);
        });
        A = new Matrix(q, d, data);
      }
      return A;
    },
  };
}

/**
 * A (q×d) zero outside `basis`, solving A G[:, basis] = B[:, basis] on the basis columns
 * (Aᵀ from G[basis, basis]ᵀ, so no symmetry is assumed), as integers over one denominator
 * (fraction-free Gauss–Jordan: every pivot ends equal to the last divisor); undefined when that
 * block is singular. Used with the exact (Bareiss) pivot columns, so A G = B holds on all columns.
 */
function fitOnBasis(st: LeastSquaresStats, basis: readonly number[]): { ints: bigint[]; den: bigint } | undefined {
  const d = st.G.rows;
  const q = st.B.rows;
  const r = basis.length;
  const ints = new Array<bigint>(q * d).fill(0n);
  if (r === 0) return { ints, den: 1n };
  // Row k of [G[basis, basis]ᵀ | B[:, basis]ᵀ], scaled to integers (which changes no solution).
  const aug = basis.map((c) => overCommonDenominator([...basis.map((b) => st.G.get(b, c)), ...Array.from({ length: q }, (_, i) => st.B.get(i, c))]).ints);
  const { pivots, rows: red } = echelon(aug, r, true);
  if (pivots.length < r) return undefined;
  // Row k gives A[:, basis k] = red[k][r..] / red[k][k]; over den = lcm of the pivots (they are all equal in fact).
  let den = 1n;
  for (let k = 0; k < r; k++) den = lcm(den, red[k]![k]! < 0n ? -red[k]![k]! : red[k]![k]!);
  basis.forEach((col, k) => {
    const f = den / red[k]![k]!;
    for (let i = 0; i < q; i++) ints[i * d + col] = f * red[k]![r + i]!;
  });
  return { ints, den };
}

function withResidual(st: LeastSquaresStats, fit: { ints: bigint[]; den: bigint }): LeastSquaresSolution {
  // At the optimum A G = B, so Σ|Az − y|² = S − 2 tr(A Bᵀ) + tr(A G Aᵀ) = S − tr(A Bᵀ).
  // Computed when first read (the D2 construction reads only the integer form).
  let residual: Rational | undefined;
  let A: Matrix | undefined;
  return {
    overDenominator: () => fit,
    get A() {
      return (A ??= new Matrix(st.B.rows, st.G.rows, fit.ints.map((v) => Rational.of(v, fit.den))));
    },
    get residual() {
      return (residual ??= st.S.sub(this.A.mul(st.B.transpose()).trace()));
    },
  };
}

/** Σ |A z − y|² from the statistics, for any A (not only the minimiser). */
export function leastSquaresValue(st: LeastSquaresStats, A: Matrix): Rational {
  return st.S.sub(A.mul(st.B.transpose()).trace().mul(Rational.int(2))).add(A.mul(st.G).mul(A.transpose()).trace());
}

/** Whether A satisfies the normal equations A G = B exactly (so it is a minimiser). */
export function satisfiesNormalEquations(st: LeastSquaresStats, A: Matrix): boolean {
  return A.mul(st.G).eq(st.B);
}

/**
 * The statistics of an affine fit x ↦ A x + c (z = (x, 1)) over weighted rows:
 * a row of weight w counts as w copies of the same point.
 */
export function affineLeastSquaresStats(rows: readonly { x: readonly Rational[]; y: readonly Rational[]; weight?: number }[]): LeastSquaresStats {
  const d = rows[0]!.x.length + 1;
  const q = rows[0]!.y.length;
  let G = Matrix.zeros(d, d);
  let B = Matrix.zeros(q, d);
  let S = Rational.ZERO;
  for (const { x, y, weight = 1 } of rows) {
    const w = Rational.int(weight);
    const z = [...x, Rational.ONE];
    G = G.add(Matrix.outer(z, z).scale(w));
    B = B.add(Matrix.outer(y, z).scale(w));
    let y2 = Rational.ZERO;
    for (const v of y) y2 = y2.add(v.square());
    S = S.add(y2.mul(w));
  }
  return { G, B, S };
}
