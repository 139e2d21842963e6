/**
 * The trusted checker's pattern groups (certificates/groups.ts) for the engine's own use, so that a quantity
 * the engine reports from them is the one `dlgeom check` re-derives. Each data set's class boxes and moments
 * are computed once (a memo on the engine side: the checker keeps none).
 */
import type { DataSet } from '../data/dataset.ts';
import { compactOf } from '../data/compact.ts';
import { classBoxes, groupedMoments, type ClassBox, type GroupedMoments } from '../certificates/groups.ts';
import type { AnyNet } from '../certificates/kernel.ts';
import { curation, type Curation } from '../certificates/structure.ts';
import { Rejected } from '../certificates/rejection.ts';

const boxesByClasses = new WeakMap<object, (ClassBox | undefined)[]>();

/** The points of `ds` grouped by their activation pattern under `net`, with exact moments (the checker's classification). */
export function checkerGroups(net: AnyNet, ds: DataSet): GroupedMoments {
  let boxes = boxesByClasses.get(ds.classes);
  if (!boxes) boxesByClasses.set(ds.classes, (boxes = classBoxes(compactOf(ds))));
  return groupedMoments(net, ds, boxes);
}

/**
 * Curation (D3's spreads) and the truncation representation (R1) by pattern groups, as the checker computes them
 * (certificates/structure.ts); undefined where the τ-chain leaves the network's pattern on a group (the per-point
 * definition decides there). Throws RangeError when some W^(ℓ) is singular.
 */
export function curationByGroups(net: AnyNet, ds: DataSet): Curation | undefined {
  try {
    return curation(net, ds, checkerGroups(net, ds));
  } catch (e) {
    if (e instanceof Rejected) return undefined;
    throw e;
  }
}
