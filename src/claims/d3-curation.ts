/**
 * D3 (SPEC §4): along a network, the within-class spread of the curated inputs
 * (τ-images, R1) never increases, and is 0 for each truncated class from its
 * layer on. Spread = (1/N_j) Σ |z − z̄|², exact, for layers 0 (raw) .. L.
 */
import { vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from '../network/network.ts';
import { curation } from '../network/representation.ts';

/** (1/n) Σ |z − z̄|². */
export function spread(points: readonly (readonly Rational[])[]): Rational {
  const n = Rational.int(points.length);
  const mean = points.reduce<Rational[]>((s, p) => vec.add(s, p), vec.zeros(points[0]!.length)).map((v) => v.div(n));
  return points.reduce((s, p) => s.add(vec.norm2(vec.sub(p, mean))), Rational.ZERO).div(n);
}

/** spreads[j][ℓ] for class j and layer ℓ = 0..L. */
export function curationSpreads(net: Network, ds: DataSet): Rational[][] {
  const c = curation(net);
  return ds.classes.map((cls) => {
    const traces = cls.points.map((x) => c.trace(x));
    const layers: Rational[] = [spread(cls.points)];
    for (let l = 0; l < net.hidden.length; l++) layers.push(spread(traces.map((t) => t[l]!)));
    return layers;
  });
}

/** The first (class, layer) where the spread increases, if any. */
export function firstIncrease(spreads: Rational[][]): { classIndex: number; layer: number } | undefined {
  for (let j = 0; j < spreads.length; j++)
    for (let l = 1; l < spreads[j]!.length; l++) if (spreads[j]![l]!.gt(spreads[j]![l - 1]!)) return { classIndex: j, layer: l };
  return undefined;
}
