/**
 * Dense float64 matrices (row-major Float64Array): the independent numeric
 * check on the exact layer. This module must not import src/exact — a float
 * result that agrees with an exact one is only evidence if it was computed
 * by separate code. Conversions live in ./convert.ts.
 *
 * Mutable: `set` writes in place; every other operation returns a new matrix.
 *
 * @example
 *   FMatrix.fromRows([[4, 7], [2, 6]]).inverse().toRows() // ≈ [[0.6, -0.7], [-0.2, 0.4]]
 */
export class FMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (data !== undefined && data.length !== rows * cols)
      throw new RangeError(`matrix data length ${data.length} ≠ ${rows}×${cols}`);
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static fromRows(rows: readonly (ArrayLike<number>)[]): FMatrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0]!.length;
    const data = new Float64Array(r * c);
    for (let i = 0; i < r; i++) {
      const row = rows[i]!;
      if (row.length !== c) throw new RangeError('ragged rows');
      for (let j = 0; j < c; j++) data[i * c + j] = row[j]!;
    }
    return new FMatrix(r, c, data);
  }

  static zeros(rows: number, cols: number): FMatrix {
    return new FMatrix(rows, cols);
  }

  static identity(n: number): FMatrix {
    const m = new FMatrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  clone(): FMatrix {
    return new FMatrix(this.rows, this.cols, this.data.slice());
  }

  toRows(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  transpose(): FMatrix {
    const { rows: r, cols: c, data: a } = this;
    const out = new Float64Array(r * c);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j]!;
    return new FMatrix(c, r, out);
  }

  add(o: FMatrix): FMatrix {
    this.sameShape(o, 'add');
    const out = new Float64Array(this.data.length);
    for (let k = 0; k < out.length; k++) out[k] = this.data[k]! + o.data[k]!;
    return new FMatrix(this.rows, this.cols, out);
  }

  sub(o: FMatrix): FMatrix {
    this.sameShape(o, 'sub');
    const out = new Float64Array(this.data.length);
    for (let k = 0; k < out.length; k++) out[k] = this.data[k]! - o.data[k]!;
    return new FMatrix(this.rows, this.cols, out);
  }

  scale(s: number): FMatrix {
    const out = new Float64Array(this.data.length);
    for (let k = 0; k < out.length; k++) out[k] = this.data[k]! * s;
    return new FMatrix(this.rows, this.cols, out);
  }

  /** Matrix product, i-k-j loop order (streams rows of both operands). */
  mul(o: FMatrix): FMatrix {
    if (this.cols !== o.rows) throw new RangeError(`cannot multiply ${this.rows}×${this.cols} by ${o.rows}×${o.cols}`);
    const n = this.rows;
    const m = this.cols;
    const p = o.cols;
    const a = this.data;
    const b = o.data;
    const out = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      const oi = i * p;
      for (let k = 0; k < m; k++) {
        const aik = a[i * m + k]!;
        if (aik === 0) continue;
        const bk = k * p;
        for (let j = 0; j < p; j++) out[oi + j]! += aik * b[bk + j]!;
      }
    }
    return new FMatrix(n, p, out);
  }

  mulVec(v: ArrayLike<number>): Float64Array {
    if (this.cols !== v.length) throw new RangeError(`cannot apply ${this.rows}×${this.cols} to a ${v.length}-vector`);
    const { rows: r, cols: c, data: a } = this;
    const out = new Float64Array(r);
    for (let i = 0; i < r; i++) {
      let s = 0;
      const ri = i * c;
      for (let k = 0; k < c; k++) s += a[ri + k]! * v[k]!;
      out[i] = s;
    }
    return out;
  }

  /** Sum of squared entries. */
  frobenius2(): number {
    let s = 0;
    for (let k = 0; k < this.data.length; k++) s += this.data[k]! * this.data[k]!;
    return s;
  }

  /** Largest absolute entry (0 for an empty matrix). */
  maxAbs(): number {
    let s = 0;
    for (let k = 0; k < this.data.length; k++) {
      const v = Math.abs(this.data[k]!);
      if (v > s) s = v;
    }
    return s;
  }

  /** Determinant via LU with partial pivoting; 0 exactly when a pivot column is all zero. */
  det(): number {
    if (this.rows !== this.cols) throw new RangeError('determinant of a non-square matrix');
    const { lu, sign } = luDecompose(this);
    if (sign === 0) return 0;
    const n = this.rows;
    let d = sign;
    for (let i = 0; i < n; i++) d *= lu[i * n + i]!;
    return d;
  }

  /**
   * Solves this · X = B by LU with partial pivoting.
   *
   * Throws RangeError('singular matrix') when a pivot is ≤ n·ε·max|a_ij|
   * (relative tolerance, ε = 2⁻⁵²): the float answer would be noise.
   */
  solve(b: FMatrix): FMatrix {
    if (this.rows !== this.cols) throw new RangeError('solve needs a square matrix');
    if (b.rows !== this.rows) throw new RangeError('right-hand side of the wrong height');
    const n = this.rows;
    const { lu, perm, sign } = luDecompose(this);
    const tol = n * Number.EPSILON * this.maxAbs();
    if (sign === 0) throw new RangeError('singular matrix');
    for (let i = 0; i < n; i++) if (!(Math.abs(lu[i * n + i]!) > tol)) throw new RangeError('singular matrix');
    const p = b.cols;
    const x = new Float64Array(n * p);
    // Permute B's rows, then forward (unit L) and back (U) substitution, all columns at once.
    for (let i = 0; i < n; i++) x.set(b.data.subarray(perm[i]! * p, perm[i]! * p + p), i * p);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < i; k++) {
        const l = lu[i * n + k]!;
        if (l === 0) continue;
        for (let j = 0; j < p; j++) x[i * p + j]! -= l * x[k * p + j]!;
      }
    for (let i = n - 1; i >= 0; i--) {
      for (let k = i + 1; k < n; k++) {
        const u = lu[i * n + k]!;
        if (u === 0) continue;
        for (let j = 0; j < p; j++) x[i * p + j]! -= u * x[k * p + j]!;
      }
      const d = lu[i * n + i]!;
      for (let j = 0; j < p; j++) x[i * p + j]! /= d;
    }
    return new FMatrix(n, p, x);
  }

  solveVec(v: ArrayLike<number>): Float64Array {
    const b = new FMatrix(v.length, 1, Float64Array.from(v));
    return this.solve(b).data;
  }

  inverse(): FMatrix {
    return this.solve(FMatrix.identity(this.rows));
  }

  /**
   * Numerical rank by Gaussian elimination with complete pivoting: a pivot
   * counts when |pivot| > tol, tol = max(rows, cols)·ε·max|a_ij| (the same
   * relative threshold numpy uses for singular values). Not SVD: reliable for
   * well-conditioned inputs, which is all the float layer is used for; the
   * exact rank is Matrix.rank.
   */
  rank(tol?: number): number {
    const r = this.rows;
    const c = this.cols;
    const a = this.data.slice();
    const t = tol ?? Math.max(r, c) * Number.EPSILON * this.maxAbs();
    let rank = 0;
    const colOf = Int32Array.from({ length: c }, (_, j) => j);
    for (let k = 0; k < Math.min(r, c); k++) {
      let pi = -1;
      let pj = -1;
      let best = t;
      for (let i = k; i < r; i++)
        for (let j = k; j < c; j++) {
          const v = Math.abs(a[i * c + colOf[j]!]!);
          if (v > best) {
            best = v;
            pi = i;
            pj = j;
          }
        }
      if (pi < 0) break;
      if (pi !== k) for (let j = 0; j < c; j++) swap(a, k * c + j, pi * c + j);
      if (pj !== k) {
        const t2 = colOf[k]!;
        colOf[k] = colOf[pj]!;
        colOf[pj] = t2;
      }
      const pc = colOf[k]!;
      const pv = a[k * c + pc]!;
      for (let i = k + 1; i < r; i++) {
        const f = a[i * c + pc]! / pv;
        if (f === 0) continue;
        for (let j = 0; j < c; j++) a[i * c + j]! -= f * a[k * c + j]!;
      }
      rank++;
    }
    return rank;
  }

  /**
   * Moore–Penrose inverse of a full-rank matrix, the same formulas as the exact
   * layer: full column rank → (AᵀA)⁻¹Aᵀ; full row rank → Aᵀ(AAᵀ)⁻¹.
   * Throws RangeError('rank-deficient matrix') otherwise.
   */
  pinv(): FMatrix {
    const at = this.transpose();
    try {
      if (this.rows >= this.cols) return at.mul(this).solve(at);
      return this.mul(at).solve(this).transpose();
    } catch (e) {
      if (e instanceof RangeError && e.message === 'singular matrix') throw new RangeError('rank-deficient matrix');
      throw e;
    }
  }

  private sameShape(o: FMatrix, op: string): void {
    if (this.rows !== o.rows || this.cols !== o.cols)
      throw new RangeError(`cannot ${op} ${this.rows}×${this.cols} and ${o.rows}×${o.cols}`);
  }
}

/**
 * PA = LU in one packed array (unit L below the diagonal, U on and above).
 * `sign` is the permutation's sign, or 0 when a whole pivot column is zero.
 */
function luDecompose(m: FMatrix): { lu: Float64Array; perm: Int32Array; sign: -1 | 0 | 1 } {
  const n = m.rows;
  const lu = m.data.slice();
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  let sign: -1 | 1 = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) return { lu, perm, sign: 0 };
    if (p !== k) {
      for (let j = 0; j < n; j++) swap(lu, k * n + j, p * n + j);
      const t = perm[k]!;
      perm[k] = perm[p]!;
      perm[p] = t;
      sign = sign === 1 ? -1 : 1;
    }
    const pv = lu[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k]! /= pv);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j]! -= f * lu[k * n + j]!;
    }
  }
  return { lu, perm, sign };
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Float vector helpers (fresh arrays; no per-element allocation). */
export const fvec = {
  add(a: Float64Array, b: Float64Array): Float64Array {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
    return out;
  },
  sub(a: Float64Array, b: Float64Array): Float64Array {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
    return out;
  },
  dot(a: Float64Array, b: Float64Array): number {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
    return s;
  },
  norm2(a: Float64Array): number {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
    return s;
  },
  /** ReLU in place (NaN stays NaN, so it is not hidden); returns its argument. */
  reluInPlace(a: Float64Array): Float64Array {
    for (let i = 0; i < a.length; i++) if (a[i]! < 0) a[i] = 0;
    return a;
  },
};
