import { Matrix } from '../exact/matrix.ts';
import { solveLeastSquares, type LeastSquaresStats, type LeastSquaresSolution } from '../exact/least-squares.ts';
import { Rational, commonDenominator, gcd, overCommonDenominator } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { classMoments, type ClassMoments } from '../data/moments.ts';

/**
 * The exact quantities of SPEC §7 that come from the shallow paper:
 * U² (S1, needs rank X̄ = Q), Vfull² and Vnb² (S3's two readings of the output bias).
 * All from class moments, so the cost does not grow with N beyond one pass.
 */
export interface ShallowQuantities {
  /** X̄ (M×Q), columns the class means. */
  readonly Xbar: Matrix;
  /** Targets as columns (Q×Q). */
  readonly Y: Matrix;
  /** X̄⁺ = (X̄ᵀX̄)⁻¹X̄ᵀ, or undefined when rank X̄ < Q. */
  readonly Xpinv: Matrix | undefined;
  readonly U2: Rational | undefined;
  readonly Vfull2: Rational;
  readonly Vnb2: Rational;
  /** The affine least-squares fits behind Vfull² ([A c], Q×(M+1)) and Vnb² (A, Q×M). */
  readonly fitFull: LeastSquaresSolution;
  readonly fitTied: LeastSquaresSolution;
}

export function shallowQuantities(ds: DataSet, moments: ClassMoments[] = classMoments(ds)): ShallowQuantities {
  const { M, N } = ds;
  const Xbar = Matrix.fromColumns(moments.map((m) => m.sum.map((v) => v.div(Rational.int(m.count)))));
  const Y = Matrix.fromColumns(ds.targets);
  let Xpinv: Matrix | undefined;
  let U2: Rational | undefined;
  if (Xbar.rank() === ds.Q) {
    Xpinv = Xbar.pinv();
    // C = Σ_j Σ_i Δx Δxᵀ = Σ_j (S_j − s_j s_jᵀ / N_j); U² = tr(Y X̄⁺ C X̄⁺ᵀ Yᵀ) / N.
    const C = sumMatrices(M, M, moments.flatMap((m) => [termOf(M, M, (a, b) => m.second.get(a, b)), outerTerm(m.sum, m.count)]));
    const A = Y.mul(Xpinv);
    U2 = A.mul(C).mul(A.transpose()).trace().div(Rational.int(N));
  }
  const fitFull = solveLeastSquares(affineStats(ds, moments, true));
  const fitTied = solveLeastSquares(affineStats(ds, moments, false));
  const n = Rational.int(N);
  return { Xbar, Y, Xpinv, U2, Vfull2: fitFull.residual.div(n), Vnb2: fitTied.residual.div(n), fitFull, fitTied };
}

/**
 * Least-squares statistics of the map x ↦ A x (+ c) fitted to the class targets,
 * with z = (x, 1) when `withBias`, else z = x.
 */
export function affineStats(ds: DataSet, moments: ClassMoments[], withBias: boolean): LeastSquaresStats {
  const M = ds.M;
  const d = withBias ? M + 1 : M;
  // z = (x, 1): G = Σ_j [[S_j, s_j], [s_jᵀ, N_j]], B = Σ_j y_j (s_j, N_j)ᵀ, S = Σ_j N_j |y_j|².
  const G = sumMatrices(
    d,
    d,
    moments.map((m) => termOf(d, d, (a, b) => (a < M && b < M ? m.second.get(a, b) : a < M ? m.sum[a]! : b < M ? m.sum[b]! : Rational.int(m.count)))),
  );
  let B = Matrix.zeros(ds.Q, d);
  let S = Rational.ZERO;
  moments.forEach((m, j) => {
    const zsum = withBias ? [...m.sum, Rational.int(m.count)] : m.sum;
    const y = ds.targets[j]!;
    B = B.add(Matrix.outer(y, zsum));
    let y2 = Rational.ZERO;
    for (const v of y) y2 = y2.add(v.square());
    S = S.add(y2.mul(Rational.int(m.count)));
  });
  return { G, B, S };
}

/** A matrix given as integer numerators over one denominator. */
interface IntTerm {
  readonly den: bigint;
  readonly num: (a: number, b: number) => bigint;
}

/** A Rational-valued matrix as an IntTerm (its entries over their common denominator). */
function termOf(rows: number, cols: number, at: (a: number, b: number) => Rational): IntTerm {
  const vals = new Array<Rational>(rows * cols);
  for (let a = 0; a < rows; a++) for (let b = 0; b < cols; b++) vals[a * cols + b] = at(a, b);
  const den = commonDenominator(vals);
  return { den, num: (a, b) => { const v = vals[a * cols + b]!; return v.den === den ? v.num : v.num * (den / v.den); } };
}

/** −(s sᵀ)/n for an exact vector s, as integers over one denominator. */
function outerTerm(s: readonly Rational[], n: number): IntTerm {
  const { ints, den } = overCommonDenominator(s);
  return { den: den * den * BigInt(n), num: (a, b) => -(ints[a]! * ints[b]!) };
}

/**
 * Σ_t T_t for rows×cols matrices, summed as integers over one common denominator (one
 * fraction per entry at the end, not a gcd per addition: at M = 784 that is 6·10^5
 * reductions instead of several million).
 */
function sumMatrices(rows: number, cols: number, terms: readonly IntTerm[]): Matrix {
  const acc = new Array<bigint>(rows * cols).fill(0n);
  let den = 1n;
  for (const { den: D, num } of terms) {
    const g = gcd(den, D);
    const up = D / g; // the new common denominator is den·up
    const scale = den / g; // this term's factor to it
    if (up !== 1n) for (let e = 0; e < acc.length; e++) if (acc[e] !== 0n) acc[e] = acc[e]! * up;
    den *= up;
    for (let a = 0; a < rows; a++)
      for (let b = 0; b < cols; b++) {
        const v = num(a, b);
        if (v !== 0n) acc[a * cols + b] = acc[a * cols + b]! + (scale === 1n ? v : v * scale);
      }
  }
  return new Matrix(rows, cols, acc.map((v) => (v === 0n ? Rational.ZERO : Rational.of(v, den))));
}
