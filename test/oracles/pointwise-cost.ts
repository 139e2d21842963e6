/**
 * The cost of SPEC §1 written plainly, point by point (tests only): the reference the one
 * msExact (src/network/cost.ts, by activation-pattern groups) is compared against.
 * Its own forward pass on Rationals; shares nothing with src/network beyond the types.
 */
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Layer, Network } from '../../src/network/network.ts';

/** W x + b for one layer, on Rationals. */
function affine(layer: Layer, x: readonly Rational[]): Rational[] {
  const { W, b } = layer;
  return b.map((bi, r) => {
    let s = bi;
    for (let k = 0; k < W.cols; k++) s = s.add(W.get(r, k).mul(x[k]!));
    return s;
  });
}

/** The network's output at x: ReLU on every hidden layer, none on the output layer. */
export function forwardPointwise(net: Network, x: readonly Rational[]): Rational[] {
  let h = [...x];
  for (const layer of net.hidden) h = affine(layer, h).map((v) => (v.sign() > 0 ? v : Rational.ZERO));
  return affine(net.output, h);
}

/**
 * ms = (1/N) Σ_{j,i} |x^(L+1)_{j,i} − y_j|², one exact forward pass per point.
 * @example msPointwise(net, ds).eq(msExact(net, ds)) // true
 */
export function msPointwise(net: Network, ds: DataSet): Rational {
  let s = Rational.ZERO;
  let n = 0;
  ds.classes.forEach((c, j) => {
    for (const x of c.points) {
      const out = forwardPointwise(net, x);
      out.forEach((v, i) => {
        const r = v.sub(ds.targets[j]![i]!);
        s = s.add(r.mul(r));
      });
      n++;
    }
  });
  return s.div(Rational.int(n));
}
