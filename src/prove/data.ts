/**
 * Data for proof scripts: resolving a DataSource to an exact DataSet, and
 * building small exact data sets in code (`syntheticDataSet`), hashed like
 * the built-in examples so certificates about them re-check.
 */
import path from 'node:path';
import { Rational } from '../exact/rational.ts';
import { dataSetContent, sha256Hex } from '../data/build.ts';
import type { DataSet } from '../data/dataset.ts';
import { loadExample } from '../data/examples.ts';
import { loadDataFile } from '../data/load.ts';
import { serializeDataSet } from '../data/write.ts';
import type { DataSource } from './define.ts';

/** How a data source is named before it is loaded (for error rows). */
export function sourceLabel(src: DataSource): string {
  if ('example' in src) return src.example;
  if ('file' in src) return path.basename(src.file);
  return src.name ?? 'generated';
}

/** Loads one data source; a relative file is resolved against the script's folder. */
export function resolveData(src: DataSource, scriptDir: string): DataSet {
  if ('example' in src) return loadExample(src.example);
  if ('file' in src) return loadDataFile(path.isAbsolute(src.file) ? src.file : path.join(scriptDir, src.file));
  const ds = src.generate();
  if (!ds || typeof ds !== 'object' || !Array.isArray(ds.classes)) throw new TypeError('generate() did not return a DataSet');
  return src.name ? { ...ds, name: src.name } : ds;
}

type Num = Rational | number | string | bigint;

function num(v: Num): Rational {
  if (v instanceof Rational) return v;
  return typeof v === 'bigint' ? Rational.int(v) : Rational.parse(v);
}

/**
 * An exact data set from points written as numbers or "p/q" strings; targets default to e_j.
 * Its source hash is that of its canonical JSON, so `dlgeom check` works on it once written out.
 * @example syntheticDataSet('two-points', [{ label: 'a', points: [['1', '0']] }, { label: 'b', points: [[0, '1/2']] }]).N // 2
 */
export function syntheticDataSet(
  name: string,
  classes: readonly { readonly label: string; readonly points: readonly (readonly Num[])[] }[],
  targets?: readonly (readonly Num[])[],
): DataSet {
  const content = dataSetContent(
    name,
    classes.map((c) => ({ label: c.label, points: c.points.map((p) => p.map(num)) })),
    targets?.map((y) => y.map(num)),
  );
  return { ...content, source: { kind: 'example', name, sha256: sha256Hex(serializeDataSet(content)) } };
}

/**
 * The data set with every deviation from its class mean scaled by t:
 * x̄_j + t·Δx_{j,i}. δ and δ_P scale by t exactly; the means stay put.
 * @example shrinkDeviations(loadExample('clusters-q2'), '1/2').name // 'clusters-q2 (t = 1/2)'
 */
export function shrinkDeviations(ds: DataSet, t: Num): DataSet {
  const s = num(t);
  const classes = ds.classes.map((c) => {
    const n = Rational.int(c.points.length);
    const mean = c.points[0]!.map((_, k) => c.points.reduce((acc, p) => acc.add(p[k]!), Rational.ZERO).div(n));
    return { label: c.label, points: c.points.map((p) => p.map((v, k) => mean[k]!.add(v.sub(mean[k]!).mul(s)))) };
  });
  return syntheticDataSet(`${ds.name} (t = ${s})`, classes, ds.targets);
}

/** One training input with its class and index (0-based), for exact.forAll over the data. */
export interface DataPoint {
  readonly x: readonly Rational[];
  /** Class index (0-based). */
  readonly j: number;
  /** Index within the class (0-based). */
  readonly i: number;
}

/**
 * Every training input, class by class.
 * @example exact.forAll('S1', 'ReLU is the identity', dataPoints(ds), (p) => …, (p) => pointName(p))
 */
export function dataPoints(ds: DataSet): DataPoint[] {
  return ds.classes.flatMap((c, j) => c.points.map((x, i) => ({ x, j, i })));
}

/** "point (class 2, #3)", 1-based, for evidence lines. */
export function pointName(p: Pick<DataPoint, 'i' | 'j'>): string {
  return `point (class ${p.j + 1}, #${p.i + 1})`;
}
