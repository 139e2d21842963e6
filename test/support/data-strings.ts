/**
 * Data sets and their statistics as plain strings, so two implementations' results
 * compare with toEqual exactly (every Rational by its reduced text).
 */
import type { DataSet } from '../../src/data/dataset.ts';
import type { ClassMoments } from '../../src/data/moments.ts';
import type { ClassStats } from '../../src/data/stats.ts';

/** Name, shape, points and targets (not the source). */
export function dataSetStrings(ds: DataSet) {
  return {
    name: ds.name,
    M: ds.M,
    Q: ds.Q,
    N: ds.N,
    classes: ds.classes.map((c) => ({ label: c.label, points: c.points.map((p) => p.map(String)) })),
    targets: ds.targets.map((y) => y.map(String)),
  };
}

/** Class statistics and class moments. */
export function statsStrings(s: ClassStats, m: readonly ClassMoments[]) {
  return {
    sizes: s.sizes,
    means: s.means.map((v) => v.map(String)),
    rank: s.rankXbar,
    delta2: String(s.delta2),
    deltaP2: String(s.deltaP2),
    P: s.P?.toStrings() ?? null,
    moments: m.map((k) => ({ count: k.count, sum: k.sum.map(String), second: k.second.toStrings() })),
  };
}
