/**
 * The checker's test for evidence "lower-cost-point": another parameter point of the same
 * architecture (every layer of the same size) whose exact ms is strictly below this one's, so
 * this point is not a global minimum. Its ms is recomputed by pattern groups, exactly as the
 * checker computes every ms. Part of the trusted checker; rejects (Rejected) or returns the summary.
 */
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { groupedMoments, type ClassBox } from './groups.ts';
import type { NetworkJson } from './format.ts';
import { parseNetwork, type KNet } from './kernel.ts';
import { require } from './rejection.ts';
import { residualSumOfSquares } from './structure.ts';

export function checkLowerCost(other: NetworkJson | undefined, net: KNet, ds: DataSet, ms: Rational, boxes: readonly (ClassBox | undefined)[]): string {
  const point = parseNetwork(other, net.hidden.length, ds.M, ds.Q);
  const layers = [...net.hidden, net.output];
  const same = [...point.hidden, point.output].every((l, k) => l.W.rows === layers[k]!.W.rows && l.W.cols === layers[k]!.W.cols);
  require(same, 'the lower-cost point has another architecture (layer sizes differ)');
  const other2 = residualSumOfSquares(point, ds, groupedMoments(point, ds, boxes)).div(Rational.int(ds.N));
  require(other2.lt(ms), `the other point's ms ${other2} is not below ms ${ms}`);
  return `a point of the same architecture has ms = ${other2} < ${ms}: not a global minimum`;
}
