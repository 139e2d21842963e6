/**
 * Assembling a DataSet from validated parts: counts, default targets, source hash.
 * Loaders and examples share this so M, Q, N are computed one way only.
 */
import { createHash } from 'node:crypto';
import { Rational } from '../exact/rational.ts';
import type { ClassData, DataSet } from './dataset.ts';

/** A DataSet without its provenance (what serializeDataSet writes). */
export type DataSetContent = Omit<DataSet, 'source'>;

/** e_1..e_Q, the default targets y_j = e_j of SPEC §1. */
export function standardTargets(Q: number): Rational[][] {
  return Array.from({ length: Q }, (_, j) => Array.from({ length: Q }, (_, i) => (i === j ? Rational.ONE : Rational.ZERO)));
}

/**
 * The content of a data set from non-empty classes of equal dimension (the caller
 * has validated that); targets default to the standard basis.
 * @example dataSetContent('t', [{ label: 'a', points: [[q(1)]] }, { label: 'b', points: [[q(2)]] }]).N // 2
 */
export function dataSetContent(
  name: string,
  classes: readonly ClassData[],
  targets?: readonly (readonly Rational[])[],
): DataSetContent {
  const Q = classes.length;
  const M = classes[0]?.points[0]?.length ?? 0;
  const N = classes.reduce((n, c) => n + c.points.length, 0);
  return { name, M, Q, N, classes, targets: targets ?? standardTargets(Q) };
}

/** Hex SHA-256 of bytes or of a string's UTF-8 encoding. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The file name without directory and extension: the default data set name.
 * @example defaultName('data/iris.csv') // 'iris'
 */
export function defaultName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]*$/, '') || base;
}
