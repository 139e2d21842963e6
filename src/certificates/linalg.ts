/**
 * The checker's own exact linear algebra: a matrix of Rationals with products and one Gaussian elimination (rank,
 * inverse), plain on purpose (the engine's solvers are src/exact/matrix.ts). Mismatched dimensions throw RangeError.
 */
import { Rational } from '../exact/rational.ts';

export type Vec = readonly Rational[];

/** What the checker reads of a matrix: the engine's exact Matrix has the same shape and methods. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly Rational[];
}

export class Matrix implements Mat {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly data: readonly Rational[],
  ) {}

  static of(m: Mat): Matrix {
    return m instanceof Matrix ? m : new Matrix(m.rows, m.cols, m.data);
  }
  static fromRows(rows: readonly Vec[], cols = rows[0]?.length ?? 0): Matrix {
    if (rows.some((r) => r.length !== cols)) throw new RangeError('ragged rows');
    return new Matrix(rows.length, cols, rows.flat());
  }
  static fromColumns(cols: readonly Vec[]): Matrix {
    return Matrix.fromRows(cols).transpose();
  }
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols, vec.zeros(rows * cols));
  }
  static identity(n: number): Matrix {
    return new Matrix(n, n, Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? Rational.ONE : Rational.ZERO)));
  }

  get(i: number, j: number): Rational {
    return this.data[i * this.cols + j]!;
  }
  row(i: number): Rational[] {
    return this.data.slice(i * this.cols, (i + 1) * this.cols);
  }
  toRows(): Rational[][] {
    return Array.from({ length: this.rows }, (_, i) => this.row(i));
  }
  transpose(): Matrix {
    return new Matrix(this.cols, this.rows, Array.from({ length: this.data.length }, (_, k) => this.get(k % this.rows, Math.floor(k / this.rows))));
  }
  mul(o: Mat): Matrix {
    if (this.cols !== o.rows) throw new RangeError(`cannot multiply ${this.rows}×${this.cols} by ${o.rows}×${o.cols}`);
    const columns = Matrix.of(o).transpose().toRows();
    return Matrix.fromRows(this.toRows().map((r) => columns.map((c) => vec.dot(r, c))), o.cols);
  }
  mulVec(v: Vec): Rational[] {
    if (this.cols !== v.length) throw new RangeError(`cannot apply ${this.rows}×${this.cols} to a ${v.length}-vector`);
    return this.toRows().map((r) => vec.dot(r, v));
  }
  eq(o: Mat): boolean {
    return this.rows === o.rows && this.cols === o.cols && this.data.every((v, k) => v.eq(o.data[k]!));
  }
  isZero(): boolean {
    return this.data.every((v) => v.isZero());
  }

  /** The number of pivots of Gaussian elimination. */
  rank(): number {
    return eliminate(this.toRows(), this.cols).rank;
  }
  /** Gauss–Jordan on [A | I]; RangeError when A is singular. */
  inverse(): Matrix {
    const n = this.rows;
    if (n !== this.cols) throw new RangeError('only a square matrix has an inverse');
    const aug = this.toRows().map((r, i) => [...r, ...vec.zeros(n).map((z, j) => (j === i ? Rational.ONE : z))]);
    const e = eliminate(aug, n, true);
    if (e.rank < n) throw new RangeError('singular matrix');
    return Matrix.fromRows(e.rows.map((r) => r.slice(n)));
  }
}

/**
 * Gaussian elimination on the first `cols` columns: the rank, and with `reduce` the
 * reduced rows (pivots scaled to 1, cleared above too).
 */
function eliminate(m: Rational[][], cols: number, reduce = false): { rank: number; rows: Rational[][] } {
  let rank = 0;
  for (let c = 0; c < cols && rank < m.length; c++) {
    let p = rank;
    while (p < m.length && m[p]![c]!.isZero()) p++;
    if (p === m.length) continue;
    [m[p], m[rank]] = [m[rank]!, m[p]!];
    const pivot = m[rank]![c]!;
    if (reduce) m[rank] = m[rank]!.map((v) => v.div(pivot));
    const prow = m[rank]!;
    for (let i = reduce ? 0 : rank + 1; i < m.length; i++) {
      if (i === rank || m[i]![c]!.isZero()) continue;
      const f = m[i]![c]!.div(prow[c]!);
      m[i] = m[i]!.map((v, j) => (j < c ? v : v.sub(f.mul(prow[j]!))));
    }
    rank++;
  }
  return { rank, rows: m };
}

/** Exact vector helpers. */
export const vec = {
  add: (a: Vec, b: Vec): Rational[] => a.map((v, i) => v.add(b[i]!)),
  sub: (a: Vec, b: Vec): Rational[] => a.map((v, i) => v.sub(b[i]!)),
  dot: (a: Vec, b: Vec): Rational => a.reduce((s, v, i) => (v.isZero() ? s : s.add(v.mul(b[i]!))), Rational.ZERO),
  norm2: (a: Vec): Rational => vec.dot(a, a),
  eq: (a: Vec, b: Vec): boolean => a.length === b.length && a.every((v, i) => v.eq(b[i]!)),
  zeros: (n: number): Rational[] => new Array<Rational>(n).fill(Rational.ZERO),
  relu: (a: Vec): Rational[] => a.map((v) => (v.sign() < 0 ? Rational.ZERO : v)),
};
