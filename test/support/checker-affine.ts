/**
 * Test-side compositions of the checker's affine primitives (src/certificates/affine.ts): the
 * tests build maps and name sums with these; each is a thin call of a checker function.
 */
import { Rational, lcm } from '../../src/exact/rational.ts';
import { addAffine, constantAffine, sumDotTerms, sumOuterTerms, type Affine, type Moments } from '../../src/certificates/affine.ts';
import { Matrix as KMatrix, type Matrix, type Vec } from '../../src/certificates/linalg.ts';

type Part = readonly [Vec, Vec, Moments];
const zeros = (n: number): Rational[] => new Array<Rational>(n).fill(Rational.ZERO);

export const subAffine = (u: Affine, v: Affine): Affine => addAffine(u, v, -1n);
/** u − y for a constant y. */
export const shift = (u: Affine, y: Vec): Affine => addAffine(u, constantAffine(y, u.cols), -1n);

/** u stacked over v. */
export function stack(u: Affine, v: Affine): Affine {
  if (u.cols !== v.cols) throw new RangeError('cannot stack affine maps of different domains');
  const d = lcm(u.d, v.d);
  const [fu, fv] = [d / u.d, d / v.d];
  return { rows: u.rows + v.rows, cols: u.cols, A: [...u.A.map((a) => a * fu), ...v.A.map((a) => a * fv)], c: [...u.c.map((a) => a * fu), ...v.c.map((a) => a * fv)], d };
}

export const sumOuterParts = (u: Affine, v: Affine, parts: readonly Part[]): Matrix => sumOuterTerms([[u, v, parts]], u.rows, v.rows);
export const sumDotParts = (u: Affine, v: Affine, parts: readonly Part[]): Rational => sumDotTerms([[u, v, parts]]);
export const sumOuter = (u: Affine, v: Affine, m: Moments): Matrix => sumOuterParts(u, v, [[zeros(u.rows), zeros(v.rows), m]]);
export const sumDot = (u: Affine, v: Affine, m: Moments): Rational => sumDotParts(u, v, [[zeros(u.rows), zeros(v.rows), m]]);

/** A + B for the checker's matrices of one shape (the tests' sums point by point). */
export function addMatrices(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError('cannot add matrices of different shapes');
  return new KMatrix(a.rows, a.cols, a.data.map((v, k) => v.add(b.data[k]!)));
}
