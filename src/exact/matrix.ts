import { Rational, overCommonDenominator } from './rational.ts';
import { dixonSolve } from './dixon.ts';
import { certifiedEchelon, type CertifiedEchelon } from './certified-rank.ts';
import { modularDeterminant } from './modular-det.ts';
import { toNumber } from './rational-to-number.ts';

/**
 * From this size on (the smaller dimension) rank, pivots and null space come from one
 * elimination mod p with an exact certificate (src/exact/certified-rank.ts). Measured (CPU,
 * 38-bit entries, rank one short): n = 16: 5.6 ms vs Bareiss 0.5 ms; n = 24: 1.1 vs 1.6;
 * n = 32: 1.3 vs 18; n = 65: 9 vs 93.
 */
export const MODULAR_THRESHOLD = 24;

/**
 * From this n on, solve (hence inverse, pinv), det and least squares use Dixon lifting.
 * Measured (CPU, 38-bit entries, 10 right-hand sides): n = 32: 44 ms vs Bareiss 21 ms;
 * n = 48: 144 vs 96; n = 65: 142 vs 344 (det: n = 48: 96 vs 26; n = 65: 98 vs 99); at
 * n = 200 and 785 see bench/linear-algebra.ts. Below it Bareiss is faster and stays.
 */
export const DIXON_THRESHOLD = 64;

/** An exact column vector. */
export type Vec = readonly Rational[];

/**
 * A dense exact matrix (row-major, immutable by convention).
 *
 * Eliminations are fraction-free (Bareiss) on integer-scaled rows, so the
 * intermediate numbers stay bounded by Hadamard's bound instead of growing
 * like repeated fraction arithmetic would. From MODULAR_THRESHOLD on rank, pivots and
 * null space, from DIXON_THRESHOLD on det and solve go through the modular layer (src/exact/dixon.ts,
 * certified-rank.ts, modular-det.ts), whose every answer is verified exactly; when a
 * modular path cannot certify its answer, Bareiss decides.
 *
 * @example
 *   Matrix.fromRows([[1, 2], [3, 4]]).inverse().toStrings() // [['-2','1'],['3/2','-1/2']]
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly Rational[];

  constructor(rows: number, cols: number, data: readonly Rational[]) {
    if (data.length !== rows * cols) throw new RangeError(`matrix data length ${data.length} ≠ ${rows}×${cols}`);
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  static fromRows(rows: readonly (readonly (Rational | string | number | bigint)[])[]): Matrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0]!.length;
    const data: Rational[] = [];
    for (const row of rows) {
      if (row.length !== c) throw new RangeError('ragged rows');
      for (const v of row) data.push(toRational(v));
    }
    return new Matrix(r, c, data);
  }

  /** The matrix whose columns are the given vectors. */
  static fromColumns(cols: readonly Vec[]): Matrix {
    const c = cols.length;
    const r = c === 0 ? 0 : cols[0]!.length;
    const data = new Array<Rational>(r * c);
    cols.forEach((col, j) => {
      if (col.length !== r) throw new RangeError('columns of unequal length');
      col.forEach((v, i) => (data[i * c + j] = v));
    });
    return new Matrix(r, c, data);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols, new Array<Rational>(rows * cols).fill(Rational.ZERO));
  }

  static identity(n: number): Matrix {
    const data = new Array<Rational>(n * n).fill(Rational.ZERO);
    for (let i = 0; i < n; i++) data[i * n + i] = Rational.ONE;
    return new Matrix(n, n, data);
  }

  static diagonal(values: Vec): Matrix {
    const n = values.length;
    const data = new Array<Rational>(n * n).fill(Rational.ZERO);
    values.forEach((v, i) => (data[i * n + i] = v));
    return new Matrix(n, n, data);
  }

  /** Outer product u vᵀ. */
  static outer(u: Vec, v: Vec): Matrix {
    const data: Rational[] = [];
    for (const a of u) for (const b of v) data.push(a.mul(b));
    return new Matrix(u.length, v.length, data);
  }

  get(i: number, j: number): Rational {
    return this.data[i * this.cols + j]!;
  }

  row(i: number): Rational[] {
    return this.data.slice(i * this.cols, (i + 1) * this.cols);
  }

  column(j: number): Rational[] {
    const out: Rational[] = [];
    for (let i = 0; i < this.rows; i++) out.push(this.get(i, j));
    return out;
  }

  toRows(): Rational[][] {
    const out: Rational[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(this.row(i));
    return out;
  }

  toStrings(): string[][] {
    return this.toRows().map((r) => r.map((v) => v.toString()));
  }

  toNumbers(): number[][] {
    return this.toRows().map((r) => r.map((v) => toNumber(v)));
  }

  isSquare(): boolean {
    return this.rows === this.cols;
  }

  transpose(): Matrix {
    const data = new Array<Rational>(this.rows * this.cols);
    for (let i = 0; i < this.rows; i++)
      for (let j = 0; j < this.cols; j++) data[j * this.rows + i] = this.data[i * this.cols + j]!;
    return new Matrix(this.cols, this.rows, data);
  }

  add(o: Matrix): Matrix {
    this.sameShape(o, 'add');
    return new Matrix(this.rows, this.cols, this.data.map((v, k) => v.add(o.data[k]!)));
  }

  sub(o: Matrix): Matrix {
    this.sameShape(o, 'sub');
    return new Matrix(this.rows, this.cols, this.data.map((v, k) => v.sub(o.data[k]!)));
  }

  scale(s: Rational): Matrix {
    return new Matrix(this.rows, this.cols, this.data.map((v) => v.mul(s)));
  }

  neg(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.map((v) => v.neg()));
  }

  /**
   * Fraction-free product: rows of this and columns of o over their own common denominators,
   * integer dot products, one reduction per entry (a Rational sum per term would run a gcd
   * for each of the n³ additions).
   */
  mul(o: Matrix): Matrix {
    if (this.cols !== o.rows) throw new RangeError(`cannot multiply ${this.rows}×${this.cols} by ${o.rows}×${o.cols}`);
    const n = this.cols;
    const rows = commonDenominators(this.data, this.rows, n, true);
    const cols = commonDenominators(o.data, o.rows, o.cols, false);
    const data = new Array<Rational>(this.rows * o.cols);
    for (let i = 0; i < this.rows; i++)
      for (let j = 0; j < o.cols; j++) {
        let s = 0n;
        for (let k = 0; k < n; k++) {
          const a = rows.ints[i * n + k]!;
          if (a !== 0n) s += a * cols.ints[k * o.cols + j]!;
        }
        data[i * o.cols + j] = s === 0n ? Rational.ZERO : Rational.of(s, rows.dens[i]! * cols.dens[j]!);
      }
    return new Matrix(this.rows, o.cols, data);
  }

  mulVec(v: Vec): Rational[] {
    if (this.cols !== v.length) throw new RangeError(`cannot apply ${this.rows}×${this.cols} to a ${v.length}-vector`);
    const n = this.cols;
    const rows = commonDenominators(this.data, this.rows, n, true);
    const col = commonDenominators(v, n, 1, false);
    const out: Rational[] = [];
    for (let i = 0; i < this.rows; i++) {
      let s = 0n;
      for (let k = 0; k < n; k++) {
        const a = rows.ints[i * n + k]!;
        if (a !== 0n) s += a * col.ints[k]!;
      }
      out.push(s === 0n ? Rational.ZERO : Rational.of(s, rows.dens[i]! * col.dens[0]!));
    }
    return out;
  }

  eq(o: Matrix): boolean {
    return this.rows === o.rows && this.cols === o.cols && this.data.every((v, k) => v.eq(o.data[k]!));
  }

  isZero(): boolean {
    return this.data.every((v) => v.num === 0n);
  }

  /** Frobenius norm squared (exact). */
  frobenius2(): Rational {
    let s = Rational.ZERO;
    for (const v of this.data) if (v.num !== 0n) s = s.add(v.square());
    return s;
  }

  /** Determinant by Bareiss elimination on the integer-scaled rows. */
  det(): Rational {
    if (!this.isSquare()) throw new RangeError('determinant of a non-square matrix');
    const n = this.rows;
    if (n === 0) return Rational.ONE;
    const { ints, scale } = this.integerRows();
    if (n >= DIXON_THRESHOLD) {
      const d = modularDeterminant(ints);
      if (d !== undefined) return Rational.of(d, scale);
    }
    return Rational.of(bareissDeterminant(ints), scale);
  }

  /** Indices of a maximal set of linearly independent columns (the pivot columns). */
  pivotColumns(): number[] {
    const cert = this.certified();
    if (cert) return [...cert.pivots];
    return echelon(this.integerRows().ints, this.cols).pivots;
  }

  /** The certified modular echelon data, for matrices at or above the threshold (memoized). */
  private certified(): CertifiedEchelon | undefined {
    if (Math.min(this.rows, this.cols) < MODULAR_THRESHOLD) return undefined;
    const memo = certifiedMemo.get(this);
    if (memo !== undefined) return memo ?? undefined;
    const cert = certifiedEchelon(this.integerRows().ints, this.cols);
    certifiedMemo.set(this, cert ?? null);
    return cert;
  }

  /** A basis of { v : this·v = 0 }, one vector per non-pivot column (exact). */
  nullSpace(): Rational[][] {
    const cert = this.certified();
    if (cert) return cert.nullSpace.map((v) => [...v]);
    const rowIdx = this.transpose().pivotColumns();
    const A = this.select(rowIdx, Array.from({ length: this.cols }, (_, j) => j));
    const pivots = A.pivotColumns();
    const free = Array.from({ length: this.cols }, (_, j) => j).filter((j) => !pivots.includes(j));
    if (pivots.length === 0) return free.map((f) => Array.from({ length: this.cols }, (_, j) => (j === f ? Rational.ONE : Rational.ZERO)));
    const B = A.select(Array.from({ length: A.rows }, (_, i) => i), pivots);
    const solved = B.solve(A.select(Array.from({ length: A.rows }, (_, i) => i), free));
    return free.map((f, k) => {
      const v = new Array<Rational>(this.cols).fill(Rational.ZERO);
      v[f] = Rational.ONE;
      pivots.forEach((p, i) => (v[p] = solved.get(i, k).neg()));
      return v;
    });
  }

  /** Submatrix on the given row and column indices. */
  select(rowIdx: readonly number[], colIdx: readonly number[]): Matrix {
    const data: Rational[] = [];
    for (const i of rowIdx) for (const j of colIdx) data.push(this.get(i, j));
    return new Matrix(rowIdx.length, colIdx.length, data);
  }

  /** Trace of a square matrix. */
  trace(): Rational {
    let s = Rational.ZERO;
    for (let i = 0; i < Math.min(this.rows, this.cols); i++) s = s.add(this.get(i, i));
    return s;
  }

  /** Rank, by fraction-free elimination. */
  rank(): number {
    const cert = this.certified();
    if (cert) return cert.pivots.length;
    return echelon(this.integerRows().ints, this.cols).pivots.length;
  }

  /**
   * Solves this · X = B exactly for square invertible `this`.
   * Throws RangeError('singular matrix') otherwise.
   */
  solve(b: Matrix): Matrix {
    if (!this.isSquare()) throw new RangeError('solve needs a square matrix');
    if (b.rows !== this.rows) throw new RangeError('right-hand side of the wrong height');
    const n = this.rows;
    // Augment [A | B], scale each row to integers, then Bareiss-Gauss-Jordan.
    const aug = new Matrix(n, n + b.cols, this.toRows().flatMap((r, i) => [...r, ...b.row(i)]));
    const { ints } = aug.integerRows();
    if (n >= DIXON_THRESHOLD) {
      const sol = dixonSolve(ints.map((r) => r.slice(0, n)), ints.map((r) => r.slice(n)));
      if (sol) {
        const data: Rational[] = [];
        for (let i = 0; i < n; i++) for (let j = 0; j < b.cols; j++) data.push(Rational.of(sol.num[i]![j]!, sol.den));
        return new Matrix(n, b.cols, data);
      }
      // No solution mod the primes tried: singular unless the certified rank says otherwise.
      const cert = this.certified();
      if (cert && cert.pivots.length < n) throw new RangeError('singular matrix');
    }
    const { pivots, rows: red } = echelon(ints, n, true);
    if (pivots.length < n) throw new RangeError('singular matrix');
    const data: Rational[] = [];
    for (let i = 0; i < n; i++) {
      const d = red[i]![i]!;
      for (let j = 0; j < b.cols; j++) data.push(Rational.of(red[i]![n + j]!, d));
    }
    return new Matrix(n, b.cols, data);
  }

  solveVec(v: Vec): Rational[] {
    return this.solve(Matrix.fromColumns([v])).column(0);
  }

  inverse(): Matrix {
    return this.solve(Matrix.identity(this.rows));
  }

  /**
   * Moore–Penrose inverse of a full-rank matrix:
   * full column rank → (AᵀA)⁻¹Aᵀ; full row rank → Aᵀ(AAᵀ)⁻¹.
   * Throws RangeError('rank-deficient matrix') otherwise.
   */
  pinv(): Matrix {
    const at = this.transpose();
    try {
      if (this.rows >= this.cols) return at.mul(this).solve(at);
      return this.mul(at).solve(this).transpose();
    } catch (e) {
      if (e instanceof RangeError && e.message === 'singular matrix') throw new RangeError('rank-deficient matrix');
      throw e;
    }
  }

  /** Rows scaled to integers by their own lcm of denominators; `scale` = product of the factors. */
  integerRows(): { ints: bigint[][]; scale: bigint } {
    const ints: bigint[][] = [];
    let scale = 1n;
    for (let i = 0; i < this.rows; i++) {
      const row = overCommonDenominator(this.row(i));
      scale *= row.den;
      ints.push(row.ints);
    }
    return { ints, scale };
  }

  private sameShape(o: Matrix, op: string): void {
    if (this.rows !== o.rows || this.cols !== o.cols)
      throw new RangeError(`cannot ${op} ${this.rows}×${this.cols} and ${o.rows}×${o.cols}`);
  }
}

/** det of a square integer matrix by Bareiss elimination (in place; the reference path below the threshold). */
export function bareissDeterminant(ints: bigint[][]): bigint {
  const n = ints.length;
  if (n === 0) return 1n;
  let sign = 1n;
  let prev = 1n;
  for (let k = 0; k < n - 1; k++) {
    if (ints[k]![k] === 0n) {
      const p = ints.findIndex((r, i) => i > k && r[k] !== 0n);
      if (p < 0) return 0n;
      [ints[k], ints[p]] = [ints[p]!, ints[k]!];
      sign = -sign;
    }
    const rk = ints[k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = ints[i]!;
      for (let j = k + 1; j < n; j++) ri[j] = (ri[j]! * rk[k]! - ri[k]! * rk[j]!) / prev;
      ri[k] = 0n;
    }
    prev = rk[k]!;
  }
  return sign * ints[n - 1]![n - 1]!;
}

/** Certified echelon data per matrix (null: the modular path could not certify). */
const certifiedMemo = new WeakMap<Matrix, CertifiedEchelon | null>();

/**
 * Fraction-free (Bareiss) row echelon form over the first `pivotCols` columns,
 * in place. With `reduce`, Gauss–Jordan: every pivot row ends with its pivot
 * the common denominator of the row (all pivots equal the last Bareiss divisor).
 */
export function echelon(m: bigint[][], pivotCols: number, reduce = false): { pivots: number[]; rows: bigint[][] } {
  const n = m.length;
  const width = n === 0 ? 0 : m[0]!.length;
  const pivots: number[] = [];
  let prev = 1n;
  let r = 0;
  for (let c = 0; c < pivotCols && r < n; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const pr = m[r]!;
    const pv = pr[c]!;
    for (let i = 0; i < n; i++) {
      if (i === r || (!reduce && i < r)) continue;
      const ri = m[i]!;
      const f = ri[c]!;
      for (let j = 0; j < width; j++) {
        if (j === c) continue;
        ri[j] = (ri[j]! * pv - f * pr[j]!) / prev;
      }
      // Earlier pivot rows (reduce mode) scale by pv/prev through the same formula.
      ri[c] = 0n;
    }
    pivots.push(c);
    prev = pv;
    r++;
  }
  return { pivots, rows: m };
}

function toRational(v: Rational | string | number | bigint): Rational {
  if (v instanceof Rational) return v;
  if (typeof v === 'bigint') return Rational.int(v);
  return Rational.parse(v);
}

/** Exact vector helpers. */
export const vec = {
  add: (a: Vec, b: Vec): Rational[] => a.map((v, i) => v.add(b[i]!)),
  sub: (a: Vec, b: Vec): Rational[] => a.map((v, i) => v.sub(b[i]!)),
  scale: (a: Vec, s: Rational): Rational[] => a.map((v) => v.mul(s)),
  dot: (a: Vec, b: Vec): Rational => {
    let s = Rational.ZERO;
    for (let i = 0; i < a.length; i++) if (a[i]!.num !== 0n) s = s.add(a[i]!.mul(b[i]!));
    return s;
  },
  norm2: (a: Vec): Rational => {
    let s = Rational.ZERO;
    for (const v of a) if (v.num !== 0n) s = s.add(v.square());
    return s;
  },
  eq: (a: Vec, b: Vec): boolean => a.length === b.length && a.every((v, i) => v.eq(b[i]!)),
  zeros: (n: number): Rational[] => new Array<Rational>(n).fill(Rational.ZERO),
  relu: (a: Vec): Rational[] => a.map((v) => (v.num < 0n ? Rational.ZERO : v)),
  toNumbers: (a: Vec): number[] => a.map((v) => toNumber(v)),
};

/**
 * Per row (byRow) or per column: a common denominator d and the entries as integers over it
 * (entry = ints[k] / d of its row or column).
 */
function commonDenominators(data: readonly Rational[], rows: number, cols: number, byRow: boolean): { ints: bigint[]; dens: bigint[] } {
  const lines = byRow ? rows : cols;
  const len = byRow ? cols : rows;
  const at = (line: number, k: number) => (byRow ? line * cols + k : k * cols + line);
  const dens = new Array<bigint>(lines);
  const ints = new Array<bigint>(data.length);
  for (let line = 0; line < lines; line++) {
    const form = overCommonDenominator(Array.from({ length: len }, (_, k) => data[at(line, k)]!));
    dens[line] = form.den;
    form.ints.forEach((v, k) => (ints[at(line, k)] = v));
  }
  return { ints, dens };
}
