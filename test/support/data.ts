/**
 * A data set built in a test from its points (classes labelled c1, c2, …), with the hash a loaded
 * file of the same content would have.
 * @example makeData('two', [[[0, 0], [1, 0]], [[5, 5]]])
 */
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import { dataSetContent, sha256Hex } from '../../src/data/build.ts';
import { serializeDataSet } from '../../src/data/write.ts';

type Exact = string | number | Rational;
const exact = (v: Exact): Rational => (v instanceof Rational ? v : Rational.parse(v));

export function makeData(name: string, classes: readonly (readonly (readonly Exact[])[])[], targets?: readonly (readonly Exact[])[]): DataSet {
  const content = dataSetContent(
    name,
    classes.map((pts, j) => ({ label: `c${j + 1}`, points: pts.map((p) => p.map(exact)) })),
    targets?.map((t) => t.map(exact)),
  );
  return { ...content, source: { kind: 'example', name, sha256: sha256Hex(serializeDataSet(content)) } };
}
