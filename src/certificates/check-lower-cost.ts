/**
 * The checker's test for evidence "lower-cost-point": another parameter point of the same
 * architecture (every layer of the same size) whose exact ms is strictly below this one's, so
 * this point is not a global minimum. Its ms is recomputed by pattern groups, exactly as the
 * checker computes every ms. Part of the trusted checker.
 */
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { shift, sumSquares } from './affine.ts';
import { groupedMoments, patternMaps } from './groups.ts';
import type { NetworkJson } from './format.ts';
import { parseNetwork, type KNet } from './kernel.ts';

export type LowerCostCheck = { readonly holds: true; readonly summary: string } | { readonly holds: false; readonly reason: string };

export function checkLowerCost(other: NetworkJson | undefined, net: KNet, ds: DataSet, ms: Rational): LowerCostCheck {
  const point = parseNetwork(other, net.hidden.length, ds.M, ds.Q);
  const layers = [...net.hidden, net.output];
  const same = [...point.hidden, point.output].every((l, k) => l.W.rows === layers[k]!.W.rows && l.W.cols === layers[k]!.W.cols);
  if (!same) return { holds: false, reason: 'the lower-cost point has another architecture (layer sizes differ)' };
  let sum = Rational.ZERO;
  for (const g of groupedMoments(point, ds).groups) {
    const out = patternMaps(point, g.mask).output;
    for (const p of g.parts) sum = sum.add(sumSquares(shift(out, ds.targets[p.cls]!), p.moments));
  }
  const other2 = sum.div(Rational.int(ds.N));
  if (!other2.lt(ms)) return { holds: false, reason: `the other point's ms ${other2} is not below ms ${ms}` };
  return { holds: true, summary: `a point of the same architecture has ms = ${other2} < ${ms}: not a global minimum` };
}
