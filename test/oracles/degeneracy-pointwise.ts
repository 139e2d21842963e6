/**
 * The output-null directions of the degeneracy analysis written point by point (tests only):
 * the reference the one outputNullDirections (src/claims/d1-degeneracy.ts, by pattern groups)
 * is compared against. One exact forward pass per point; the null space of the distinct
 * vectors (h_L, 1).
 */
import { Matrix } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Network } from '../../src/network/network.ts';
import { flattenParams } from '../../src/network/params.ts';

/** The last hidden activation at x (x itself when there is no hidden layer). */
function lastHidden(net: Network, x: readonly Rational[]): Rational[] {
  let h = [...x];
  for (const { W, b } of net.hidden)
    h = b.map((bi, r) => {
      let s = bi;
      for (let k = 0; k < W.cols; k++) s = s.add(W.get(r, k).mul(h[k]!));
      return s.sign() > 0 ? s : Rational.ZERO;
    });
  return h;
}

/** Output-layer directions (flattened, length K) killing every (h, 1) of the last hidden layer. */
export function outputNullDirectionsPointwise(net: Network, ds: DataSet): Rational[][] {
  const K = flattenParams(net).length;
  const Q = ds.Q;
  const W = net.output.W.cols;
  const distinct = new Map<string, Rational[]>();
  for (const c of ds.classes)
    for (const x of c.points) {
      const row = [...lastHidden(net, x), Rational.ONE];
      distinct.set(row.join(','), row);
    }
  const kernel = Matrix.fromRows([...distinct.values()]).nullSpace();
  const offset = K - Q * (W + 1);
  const dirs: Rational[][] = [];
  for (const k of kernel)
    for (let i = 0; i < Q; i++) {
      const d = new Array<Rational>(K).fill(Rational.ZERO);
      for (let j = 0; j < W; j++) d[offset + i * W + j] = k[j]!;
      d[offset + Q * W + i] = k[W]!;
      dirs.push(d);
    }
  return dirs;
}
