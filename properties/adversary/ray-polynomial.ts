/**
 * The exact cost along a ray, one-sided: for parameters p and a direction d,
 * t ↦ Σ |f_{p+td}(x) − y|² is, for all small enough t > 0, a polynomial in t
 * (of degree ≤ 2(L+1)). It is computed exactly by a forward pass on
 * polynomials: a hidden pre-activation z(t) is, for small t > 0, of the sign
 * of its lowest nonzero coefficient, so ReLU keeps it whole or kills it. This
 * works at non-smooth points too (a pre-activation exactly 0 at t = 0), where
 * costSeries (src/network/cost-series.ts) declines.
 *
 * @example
 *   rayCostPolynomial(net, dir, ds) // [c0, c1, c2, …]: c0 = N·ms, cost(p + td) = Σ c_k t^k for small t > 0
 */
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Network } from '../../src/network/network.ts';

export type Poly = Rational[];

function add(a: Poly, b: Poly): Poly {
  const out: Poly = [];
  for (let k = 0; k < Math.max(a.length, b.length); k++) out.push((a[k] ?? Rational.ZERO).add(b[k] ?? Rational.ZERO));
  return out;
}

function mul(a: Poly, b: Poly): Poly {
  if (a.length === 0 || b.length === 0) return [];
  const out: Poly = new Array<Rational>(a.length + b.length - 1).fill(Rational.ZERO);
  a.forEach((u, i) => {
    if (u.isZero()) return;
    b.forEach((v, j) => (out[i + j] = out[i + j]!.add(u.mul(v))));
  });
  return out;
}

/** Sign of p(t) for small t > 0: the sign of its lowest nonzero coefficient (0 for the zero polynomial). */
export function signNearZero(p: Poly): -1 | 0 | 1 {
  for (const c of p) if (!c.isZero()) return c.sign();
  return 0;
}

/** Index of the lowest nonzero coefficient of order ≥ 1, or −1. */
export function leadingOrder(p: Poly): number {
  for (let k = 1; k < p.length; k++) if (!p[k]!.isZero()) return k;
  return -1;
}

/** (W + tD)h + (b + t db), h a vector of polynomials. */
function affine(W: Network['output']['W'], D: Network['output']['W'], b: readonly Rational[], db: readonly Rational[], h: readonly Poly[]): Poly[] {
  const out: Poly[] = [];
  for (let i = 0; i < W.rows; i++) {
    let z: Poly = [b[i]!, db[i]!];
    for (let j = 0; j < W.cols; j++) z = add(z, mul([W.get(i, j), D.get(i, j)], h[j]!));
    out.push(z);
  }
  return out;
}

/** The network outputs at x along p + td, as polynomials valid for small t > 0. */
export function rayOutputs(net: Network, dir: Network, x: readonly Rational[]): Poly[] {
  let h: Poly[] = x.map((v) => [v]);
  net.hidden.forEach((layer, l) => {
    const z = affine(layer.W, dir.hidden[l]!.W, layer.b, dir.hidden[l]!.b, h);
    h = z.map((p) => (signNearZero(p) > 0 ? p : []));
  });
  return affine(net.output.W, dir.output.W, net.output.b, dir.output.b, h);
}

/** Coefficients of the cost Σ |f_{p+td}(x) − y|² (not divided by N), valid for small t > 0. */
export function rayCostPolynomial(net: Network, dir: Network, ds: DataSet): Poly {
  let cost: Poly = [Rational.ZERO];
  ds.classes.forEach((c, j) => {
    const y = ds.targets[j]!;
    for (const x of c.points) {
      rayOutputs(net, dir, x).forEach((o, i) => {
        const r = add(o, [y[i]!.neg()]);
        cost = add(cost, mul(r, r));
      });
    }
  });
  while (cost.length > 1 && cost[cost.length - 1]!.isZero()) cost.pop();
  return cost;
}
