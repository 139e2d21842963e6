/**
 * A plain exact reference for the canonical quantities (SPEC §7), for the benchmark's
 * "faster than an independent implementation" targets: per-point Rational sums, one
 * Gauss–Jordan elimination written here, explicit X̄⁺ and P — SPEC §1 read literally.
 * It shares nothing with src/data/stats.ts, src/data/moments.ts or
 * src/claims/shallow-quantities.ts; only the Rational type comes from src/exact.
 * (test/claims-quantities.test.ts holds the same construction as a test oracle.)
 */
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { rref } from '../test/oracles/naive-elimination.ts';

type V = Rational[];
const Z = Rational.ZERO;

const sub = (a: V, b: V): V => a.map((v, i) => v.sub(b[i]!));
const dot = (a: V, b: V): Rational => a.reduce((s, v, i) => s.add(v.mul(b[i]!)), Z);
const norm2 = (a: V): Rational => dot(a, a);
const matVec = (A: V[], x: V): V => A.map((row) => dot(row, x));
const transpose = (A: V[]): V[] => A[0]!.map((_, j) => A.map((row) => row[j]!));
const matMul = (A: V[], B: V[]): V[] => {
  const Bt = transpose(B);
  return A.map((row) => Bt.map((col) => dot(row, col)));
};


/** min over C of Σ_i |C z_i − y_i|²: normal equations solved with free variables 0, residual summed per point. */
function leastSquares(zs: V[], ys: V[]): Rational {
  const d = zs[0]!.length;
  const q = ys[0]!.length;
  const G: V[] = Array.from({ length: d }, () => new Array<Rational>(d).fill(Z));
  const B: V[] = Array.from({ length: d }, () => new Array<Rational>(q).fill(Z));
  zs.forEach((z, i) => {
    for (let a = 0; a < d; a++) {
      if (z[a]!.isZero()) continue;
      for (let b = 0; b < d; b++) G[a]![b] = G[a]![b]!.add(z[a]!.mul(z[b]!));
      for (let k = 0; k < q; k++) B[a]![k] = B[a]![k]!.add(z[a]!.mul(ys[i]![k]!));
    }
  });
  const { pivots, rows } = rref(G, B);
  for (let i = pivots.length; i < rows.length; i++) if (rows[i]!.some((v) => !v.isZero())) throw new Error('reference: inconsistent normal equations');
  const Ct: V[] = Array.from({ length: d }, () => new Array<Rational>(q).fill(Z));
  pivots.forEach((col, i) => (Ct[col] = rows[i]!.slice(d)));
  const C = transpose(Ct);
  return zs.reduce((s, z, i) => s.add(norm2(sub(matVec(C, z), ys[i]!))), Z);
}

export type Quantities = Record<'delta2' | 'deltaP2' | 'U2' | 'Vfull2' | 'Vnb2', string | undefined>;

/** δ², δ_P², U², Vfull², Vnb² of SPEC §1/§7, literally (δ_P² and U² undefined when rank X̄ < Q). */
export function referenceQuantities(ds: DataSet): Quantities {
  const N = Rational.int(ds.N);
  const pts = ds.classes.map((c) => c.points.map((p) => [...p]));
  const means = pts.map((ps) => ps[0]!.map((_, k) => ps.reduce((s, p) => s.add(p[k]!), Z).div(Rational.int(ps.length))));
  const devs = pts.flatMap((ps, j) => ps.map((p) => sub(p, means[j]!)));
  const delta2 = devs.reduce((m, d) => m.max(norm2(d)), Z);
  const Xbar: V[] = Array.from({ length: ds.M }, (_, i) => means.map((m) => m[i]!)); // M×Q
  let deltaP2: Rational | undefined;
  let U2: Rational | undefined;
  const Xt = transpose(Xbar);
  const XtX = matMul(Xt, Xbar);
  const I = XtX.map((_, i) => XtX.map((__, j) => (i === j ? Rational.ONE : Z)));
  const inv = rref(XtX, I);
  if (inv.pivots.length === ds.Q) {
    const Xpinv = matMul(inv.rows.map((r) => r.slice(ds.Q)), Xt); // Q×M
    const P = matMul(Xbar, Xpinv); // M×M
    const Y: V[] = Array.from({ length: ds.Q }, (_, i) => ds.targets.map((t) => t[i]!));
    const YXP = matMul(matMul(Y, Xpinv), P);
    deltaP2 = devs.reduce((m, d) => m.max(norm2(matVec(P, d))), Z);
    U2 = devs.reduce((s, d) => s.add(norm2(matVec(YXP, d))), Z).div(N);
  }
  const xs = pts.flat();
  const ys = pts.flatMap((ps, j) => ps.map(() => [...ds.targets[j]!]));
  const Vfull2 = leastSquares(xs.map((x) => [...x, Rational.ONE]), ys).div(N);
  const Vnb2 = leastSquares(xs, ys).div(N);
  return { delta2: String(delta2), deltaP2: deltaP2?.toString(), U2: U2?.toString(), Vfull2: String(Vfull2), Vnb2: String(Vnb2) };
}
