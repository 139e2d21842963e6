import { Matrix } from '../exact/matrix.ts';
import { solveLeastSquares, type LeastSquaresStats, type LeastSquaresSolution } from '../exact/least-squares.ts';
import { Rational } from '../exact/rational.ts';
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
    let C = Matrix.zeros(M, M);
    for (const m of moments) C = C.add(m.second.sub(Matrix.outer(m.sum, m.sum).scale(Rational.of(1n, BigInt(m.count)))));
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
  const G = new Array<Rational>(d * d).fill(Rational.ZERO);
  let B = Matrix.zeros(ds.Q, d);
  let S = Rational.ZERO;
  moments.forEach((m, j) => {
    for (let a = 0; a < M; a++) for (let b = 0; b < M; b++) G[a * d + b] = G[a * d + b]!.add(m.second.get(a, b));
    const zsum = withBias ? [...m.sum, Rational.int(m.count)] : m.sum;
    if (withBias) {
      for (let a = 0; a < M; a++) {
        G[a * d + M] = G[a * d + M]!.add(m.sum[a]!);
        G[M * d + a] = G[M * d + a]!.add(m.sum[a]!);
      }
      G[M * d + M] = G[M * d + M]!.add(Rational.int(m.count));
    }
    const y = ds.targets[j]!;
    B = B.add(Matrix.outer(y, zsum));
    let y2 = Rational.ZERO;
    for (const v of y) y2 = y2.add(v.square());
    S = S.add(y2.mul(Rational.int(m.count)));
  });
  return { G: new Matrix(d, d, G), B, S };
}
