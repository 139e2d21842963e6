/**
 * outputNullDirections (d1-degeneracy.ts) on large data (issue #8): the same directions,
 * from the activation-pattern groups instead of one exact forward pass per point.
 *
 * On a group the last hidden activation is affine, h = H x + k, so the vectors (h, 1) of
 * the group's points span [H k; 0 1]·span{(x, 1)}, and span{(x, 1)} is the column space
 * of the group's Gram matrix G = Σ (x,1)(x,1)ᵀ (from its exact moments). Stacking
 * [H k; 0 1]·(pivot columns of G) over the groups gives a matrix with the same row space
 * as the reference's (deduplicated) rows; Matrix.nullSpace depends only on the row space
 * (reduced echelon form), so the kernel basis — hence every direction — is identical.
 */
import { Matrix, vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf, integerMoments } from '../data/compact.ts';
import type { Network } from '../network/network.ts';
import { classifyPatterns } from '../network/pattern-groups.ts';
import { flattenParams } from '../network/params.ts';

export function outputNullDirectionsLarge(net: Network, ds: DataSet): Rational[][] {
  const K = flattenParams(net).length;
  const Q = ds.Q;
  const M = net.output.W.cols;
  const cd = compactOf(ds);
  const rows: Rational[][] = [];
  for (const g of classifyPatterns(net, ds).groups) {
    // h = H x + k on this pattern (identity when L = 0).
    let H = Matrix.identity(M);
    let k: Rational[] = vec.zeros(M);
    net.hidden.forEach((layer, l) => {
      const keep = (r: number) => g.mask[l * M + r] === 1;
      const WH = layer.W.mul(H);
      H = new Matrix(M, M, WH.data.map((v, idx) => (keep(Math.floor(idx / M)) ? v : Rational.ZERO)));
      k = vec.add(layer.W.mulVec(k), layer.b).map((v, r) => (keep(r) ? v : Rational.ZERO));
    });
    // G = Σ (x,1)(x,1)ᵀ over the group (all classes).
    const d = ds.M + 1;
    const G = new Array<Rational>(d * d).fill(Rational.ZERO);
    g.rows.forEach((r, j) => {
      if (g.counts[j] === 0) return;
      const m = integerMoments(cd.classes[j]!, ds.M, r, g.counts[j]);
      const D = Rational.int(cd.classes[j]!.den);
      for (let a = 0; a < ds.M; a++) {
        for (let b = 0; b < ds.M; b++) G[a * d + b] = G[a * d + b]!.add(Rational.int(m.second[a * ds.M + b]!).div(D.mul(D)));
        const s = Rational.int(m.sum[a]!).div(D);
        G[a * d + ds.M] = G[a * d + ds.M]!.add(s);
        G[ds.M * d + a] = G[ds.M * d + a]!.add(s);
      }
      G[ds.M * d + ds.M] = G[ds.M * d + ds.M]!.add(Rational.int(m.count));
    });
    const Gm = new Matrix(d, d, G);
    for (const p of Gm.pivotColumns()) {
      const v = Gm.column(p); // (x-part, 1-part)
      const x = v.slice(0, ds.M);
      const one = v[ds.M]!;
      rows.push([...vec.add(H.mulVec(x), vec.scale(k, one)), one]);
    }
  }
  const kernel = Matrix.fromRows(rows).nullSpace();
  const offset = K - Q * (M + 1);
  const dirs: Rational[][] = [];
  for (const kv of kernel)
    for (let i = 0; i < Q; i++) {
      const dv = new Array<Rational>(K).fill(Rational.ZERO);
      for (let j = 0; j < M; j++) dv[offset + i * M + j] = kv[j]!;
      dv[offset + Q * M + i] = kv[M]!;
      dirs.push(dv);
    }
  return dirs;
}
