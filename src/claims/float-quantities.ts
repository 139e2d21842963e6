/**
 * The independent float64 check of the exact quantities U², Vfull², Vnb²:
 * computed per point in float (no shared code with the exact path beyond the
 * data), compared with a tolerance scaled by the conditioning. A disagreement
 * beyond it is an error, not a footnote.
 */
import { FMatrix } from '../float/matrix.ts';
import { toFloat64 } from '../float/convert.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Rational } from '../exact/rational.ts';

export interface FloatQuantities {
  readonly U2: number | undefined;
  readonly Vfull2: number | undefined;
  readonly Vnb2: number | undefined;
}

function floatPoints(ds: DataSet): { x: Float64Array; y: Float64Array; cls: number }[] {
  return ds.classes.flatMap((c, j) => c.points.map((p) => ({ x: toFloat64(p), y: toFloat64(ds.targets[j]!), cls: j })));
}

/** min_A Σ|A z − y|² / N by float normal equations; the residual is summed per point (stable at the optimum). */
function floatLeastSquares(pts: { z: Float64Array; y: Float64Array }[], N: number): number | undefined {
  const d = pts[0]!.z.length;
  const q = pts[0]!.y.length;
  const G = FMatrix.zeros(d, d);
  const B = FMatrix.zeros(d, q);
  for (const { z, y } of pts) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) G.data[a * d + b]! += z[a]! * z[b]!;
      for (let k = 0; k < q; k++) B.data[a * q + k]! += z[a]! * y[k]!;
    }
  }
  let At: FMatrix;
  try {
    At = G.solve(B); // d×q, A = Atᵀ
  } catch {
    return undefined; // singular in float: no independent check possible
  }
  let s = 0;
  for (const { z, y } of pts)
    for (let k = 0; k < q; k++) {
      let v = -y[k]!;
      for (let a = 0; a < d; a++) v += At.data[a * q + k]! * z[a]!;
      s += v * v;
    }
  return s / N;
}

export function floatQuantities(ds: DataSet): FloatQuantities {
  const pts = floatPoints(ds);
  const N = ds.N;
  const M = ds.M;
  const means = ds.classes.map((_, j) => {
    const m = new Float64Array(M);
    const own = pts.filter((p) => p.cls === j);
    for (const p of own) for (let k = 0; k < M; k++) m[k]! += p.x[k]! / own.length;
    return m;
  });
  let U2: number | undefined;
  try {
    const Xbar = FMatrix.zeros(M, ds.Q);
    means.forEach((m, j) => m.forEach((v, k) => Xbar.set(k, j, v)));
    const Y = FMatrix.zeros(ds.Q, ds.Q);
    ds.targets.forEach((t, j) => t.forEach((v, k) => Y.set(k, j, v.toNumber())));
    const A = Y.mul(Xbar.pinv());
    let s = 0;
    for (const p of pts) {
      const dx = p.x.map((v, k) => v - means[p.cls]![k]!);
      const r = A.mulVec(dx);
      for (const v of r) s += v * v;
    }
    U2 = s / N;
  } catch {
    U2 = undefined;
  }
  const withOne = pts.map((p) => ({ z: Float64Array.from([...p.x, 1]), y: p.y }));
  return { U2, Vfull2: floatLeastSquares(withOne, N), Vnb2: floatLeastSquares(pts.map((p) => ({ z: p.x, y: p.y })), N) };
}

/** Throws when a float value and its exact counterpart disagree beyond `relTol` (absolute floor `absTol`). */
export function assertAgrees(name: string, exact: Rational | undefined, float: number | undefined, relTol = 1e-6, absTol = 1e-12): void {
  if (exact === undefined || float === undefined) return;
  const e = exact.toNumber();
  if (Math.abs(e - float) > Math.max(absTol, relTol * Math.abs(e)))
    throw new Error(`float check failed for ${name}: exact ${e} vs float ${float} (beyond rounding)`);
}
