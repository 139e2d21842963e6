/**
 * Small exact data sets (SPEC §1) with given M and Q: 1..maxPerClass points
 * per class, default targets e_j. For cost and forward-pass properties; the
 * data loaders have their own tests. Shrinks towards one point at 0 per class.
 */
import fc from 'fast-check';
import type { DataSet } from '../../src/data/dataset.ts';
import { Rational } from '../../src/exact/rational.ts';
import type { RationalArbOptions } from './rational.ts';
import { vectorArb } from './vector.ts';

/**
 * @example fc.sample(dataSetArb(2, 2), 1)[0].classes.length // 2
 */
export function dataSetArb(M: number, Q: number, maxPerClass = 3, opts: RationalArbOptions = {}): fc.Arbitrary<DataSet> {
  const cls = fc.array(vectorArb(M, opts), { minLength: 1, maxLength: maxPerClass });
  return fc.array(cls, { minLength: Q, maxLength: Q }).map((classes) => ({
    name: 'arbitrary',
    M,
    Q,
    N: classes.reduce((n, c) => n + c.length, 0),
    classes: classes.map((points, j) => ({ label: `c${j + 1}`, points })),
    targets: Array.from({ length: Q }, (_, j) => Array.from({ length: Q }, (_, k) => (k === j ? Rational.ONE : Rational.ZERO))),
    source: { kind: 'example' as const, name: 'arbitrary', sha256: '' },
  }));
}
