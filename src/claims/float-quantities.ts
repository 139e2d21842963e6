/**
 * The independent float64 check of the exact quantities U², Vfull², Vnb²:
 * computed per point in float (no shared code with the exact path beyond the
 * data), compared with a tolerance scaled by the conditioning. A disagreement
 * beyond it is an error, not a footnote.
 */
import { FMatrix } from '../float/matrix.ts';
import { compactOf, pointFloat } from '../data/compact.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Rational } from '../exact/rational.ts';

export interface FloatQuantities {
  readonly U2: number | undefined;
  readonly Vfull2: number | undefined;
  readonly Vnb2: number | undefined;
}

/** Visits every point as float64 (one reused buffer: nothing per point is kept, whatever N is). */
function forEachPoint(ds: DataSet, visit: (x: Float64Array, cls: number) => void): void {
  const x = new Float64Array(ds.M);
  compactOf(ds).classes.forEach((c, j) => {
    for (let i = 0; i < c.count; i++) visit(pointFloat(c, ds.M, i, x), j);
  });
}

/** min_A Σ|A z − y|² / N by float normal equations, z = (x, 1) or x; the residual is summed per point (stable at the optimum). */
function floatLeastSquares(ds: DataSet, targets: Float64Array[], withOne: boolean): number | undefined {
  const M = ds.M;
  const d = withOne ? M + 1 : M;
  const q = ds.Q;
  const z = new Float64Array(d);
  const lift = (x: Float64Array): Float64Array => {
    z.set(x);
    if (withOne) z[M] = 1;
    return z;
  };
  const G = FMatrix.zeros(d, d);
  const B = FMatrix.zeros(d, q);
  forEachPoint(ds, (x, j) => {
    const zz = lift(x);
    const y = targets[j]!;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) G.data[a * d + b]! += zz[a]! * zz[b]!;
      for (let k = 0; k < q; k++) B.data[a * q + k]! += zz[a]! * y[k]!;
    }
  });
  let At: FMatrix;
  try {
    At = G.solve(B); // d×q, A = Atᵀ
  } catch {
    return undefined; // singular in float: no independent check possible
  }
  let s = 0;
  forEachPoint(ds, (x, j) => {
    const zz = lift(x);
    const y = targets[j]!;
    for (let k = 0; k < q; k++) {
      let v = -y[k]!;
      for (let a = 0; a < d; a++) v += At.data[a * q + k]! * zz[a]!;
      s += v * v;
    }
  });
  return s / ds.N;
}

export function floatQuantities(ds: DataSet): FloatQuantities {
  const N = ds.N;
  const M = ds.M;
  const targets = ds.targets.map((t) => Float64Array.from(t, (v) => v.toNumber()));
  const counts = new Array<number>(ds.Q).fill(0);
  const means = ds.targets.map(() => new Float64Array(M));
  forEachPoint(ds, (x, j) => {
    counts[j]!++;
    for (let k = 0; k < M; k++) means[j]![k]! += x[k]!;
  });
  means.forEach((m, j) => m.forEach((v, k) => (m[k] = v / counts[j]!)));
  let U2: number | undefined;
  try {
    const Xbar = FMatrix.zeros(M, ds.Q);
    means.forEach((m, j) => m.forEach((v, k) => Xbar.set(k, j, v)));
    const Y = FMatrix.zeros(ds.Q, ds.Q);
    ds.targets.forEach((t, j) => t.forEach((v, k) => Y.set(k, j, v.toNumber())));
    const A = Y.mul(Xbar.pinv());
    let s = 0;
    const dx = new Float64Array(M);
    forEachPoint(ds, (x, j) => {
      for (let k = 0; k < M; k++) dx[k] = x[k]! - means[j]![k]!;
      for (const v of A.mulVec(dx)) s += v * v;
    });
    U2 = s / N;
  } catch {
    U2 = undefined;
  }
  return { U2, Vfull2: floatLeastSquares(ds, targets, true), Vnb2: floatLeastSquares(ds, targets, false) };
}

/** Throws when a float value and its exact counterpart disagree beyond `relTol` (absolute floor `absTol`). */
export function assertAgrees(name: string, exact: Rational | undefined, float: number | undefined, relTol = 1e-6, absTol = 1e-12): void {
  if (exact === undefined || float === undefined) return;
  const e = exact.toNumber();
  if (Math.abs(e - float) > Math.max(absTol, relTol * Math.abs(e)))
    throw new Error(`float check failed for ${name}: exact ${e} vs float ${float} (beyond rounding)`);
}
