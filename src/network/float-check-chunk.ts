/**
 * One chunk of the float cross-check (float-check.ts): for `count` points of one class,
 * the float forward pass of the network and of its magnitude network |W|, |b| (fused, each
 * in forwardFloatLoop's operation order), and the chunk's two sums: Σ|out − y|² and the
 * rounding-bound terms. A self-contained function (worker-pool.ts sends it as source text
 * to worker threads): everything comes in `params` and the shared buffers.
 */
export interface FloatCheckParams {
  /** Per chunk: [class, first row, row count]. */
  readonly chunks: readonly (readonly [number, number, number])[];
  /** Per class: where its coordinates are in its buffer (float64 index and length), and D (x = z / D). */
  readonly offsets: readonly number[];
  readonly lengths: readonly number[];
  readonly dens: readonly number[];
  readonly targets: readonly (readonly number[])[];
  readonly M: number;
  readonly Q: number;
  /** Per layer (hidden, then output): W row-major, b, |W| and |b| as the bound takes them, rows, cols. */
  readonly W: readonly (readonly number[])[];
  readonly b: readonly (readonly number[])[];
  readonly absW: readonly (readonly number[])[];
  readonly absB: readonly (readonly number[])[];
  readonly rows: readonly number[];
  readonly cols: readonly number[];
  readonly gamma: number;
  readonly under: readonly number[];
  readonly U: number;
  /**
   * Optional, per class (−1: none): the index in `shared` of a buffer holding, for every row of
   * the class, the inputs of layer `resumeLayer` (values, then magnitudes: 2·width floats per row,
   * width = cols[resumeLayer]) — the pass starts there — and of a buffer into which the inputs of
   * layer `saveLayer` are written the same way. A resumed pass computes exactly what the full
   * pass computes (the same operations on the same floats).
   */
  readonly resumeLayer?: number;
  readonly resumeFrom?: readonly number[];
  readonly saveLayer?: number;
  readonly saveTo?: readonly number[];
}

/** Writes [Σ (out − y)², Σ bound terms] of chunk c into out[0], out[1]. */
export function floatCheckChunk(shared: readonly ArrayBufferLike[], params: unknown, c: number, out: Float64Array): void {
  const p = params as FloatCheckParams;
  const ch = p.chunks[c]!;
  const cls = ch[0];
  const start = ch[1];
  const count = ch[2];
  const z = new Float64Array(shared[cls]!, p.offsets[cls]! * 8, p.lengths[cls]!);
  const D = p.dens[cls]!;
  const y = p.targets[cls]!;
  const M = p.M;
  const Q = p.Q;
  const nl = p.rows.length;
  let width = Math.max(M, Q);
  for (let l = 0; l < nl; l++) width = Math.max(width, p.rows[l]!);
  let h = new Float64Array(width);
  let g = new Float64Array(width);
  let ha = new Float64Array(width);
  let ga = new Float64Array(width);
  const val = new Float64Array(Q);
  const mag = new Float64Array(Q);
  // Zero terms add nothing (w·0 = 0 for finite w, and 0·h = 0 for finite h): a sparse layer (at
  // most a quarter of its weights nonzero, e.g. W = I) runs over each row's nonzero columns when
  // its inputs are finite, any other layer over its nonzero inputs (pixel data are mostly 0).
  // Same sums, in the same order, as the dense loop without the zero terms.
  const sparseRows: (Int32Array | undefined)[] = [];
  for (let l = 0; l < nl; l++) {
    const Wl = p.W[l]!;
    const R = p.rows[l]!;
    const C = p.cols[l]!;
    let nnz = 0;
    for (let e = 0; e < R * C; e++) if (Wl[e] !== 0 || p.absW[l]![e] !== 0) nnz++;
    if (4 * nnz > R * C) {
      sparseRows.push(undefined);
      continue;
    }
    // Row r's nonzero columns at cols[start[r] .. start[r+1]) (packed: R + 1 offsets, then the columns).
    const packed = new Int32Array(R + 1 + nnz);
    let at = R + 1;
    for (let r = 0; r < R; r++) {
      packed[r] = at;
      for (let k = 0; k < C; k++) if (Wl[r * C + k] !== 0 || p.absW[l]![r * C + k] !== 0) packed[at++] = k;
    }
    packed[R] = at;
    sparseRows.push(packed);
  }
  const nzIn = new Int32Array(width);
  const resumeAt = p.resumeLayer ?? 0;
  const rIdx = p.resumeFrom?.[cls] ?? -1;
  const resume = resumeAt > 0 && rIdx >= 0 ? new Float64Array(shared[rIdx]!) : undefined;
  const rW = resume ? p.cols[resumeAt]! : 0;
  const saveAt = p.saveLayer ?? -1;
  const sIdx = p.saveTo?.[cls] ?? -1;
  const save = saveAt > 0 && sIdx >= 0 ? new Float64Array(shared[sIdx]!) : undefined;
  const sW = save ? p.cols[saveAt]! : 0;
  let sum = 0;
  let s = 0;
  for (let i = 0; i < count; i++) {
    if (resume) {
      const o = (start + i) * 2 * rW;
      for (let k = 0; k < rW; k++) {
        h[k] = resume[o + k]!;
        ha[k] = resume[o + rW + k]!;
      }
    } else {
      const o = (start + i) * M;
      for (let k = 0; k < M; k++) {
        const x = z[o + k]! / D;
        h[k] = x;
        ha[k] = Math.abs(x);
      }
    }
    for (let l = resume ? resumeAt : 0; l < nl; l++) {
      if (save && l === saveAt) {
        const o = (start + i) * 2 * sW;
        for (let k = 0; k < sW; k++) {
          save[o + k] = h[k]!;
          save[o + sW + k] = ha[k]!;
        }
      }
      const Wl = p.W[l]!;
      const bl = p.b[l]!;
      const aW = p.absW[l]!;
      const aB = p.absB[l]!;
      const R = p.rows[l]!;
      const C = p.cols[l]!;
      const last = l === nl - 1;
      // Skipping a zero weight needs a finite input (0·∞ is NaN, which the dense loop reports).
      let n = 0;
      let finite = true;
      for (let k = 0; k < C; k++) {
        if (h[k] !== 0 || ha[k] !== 0) nzIn[n++] = k;
        if (!(Math.abs(h[k]!) <= Number.MAX_VALUE && ha[k]! <= Number.MAX_VALUE)) finite = false;
      }
      const sp = finite ? sparseRows[l] : undefined;
      for (let r = 0; r < R; r++) {
        let sv = bl[r]!;
        let sa = aB[r]!;
        const or = r * C;
        if (sp) {
          for (let t = sp[r]!, end = sp[r + 1]!; t < end; t++) {
            const k = sp[t]!;
            sv += Wl[or + k]! * h[k]!;
            sa += aW[or + k]! * ha[k]!;
          }
        } else if (n === C) {
          for (let k = 0; k < C; k++) {
            sv += Wl[or + k]! * h[k]!;
            sa += aW[or + k]! * ha[k]!;
          }
        } else {
          for (let t = 0; t < n; t++) {
            const k = nzIn[t]!;
            sv += Wl[or + k]! * h[k]!;
            sa += aW[or + k]! * ha[k]!;
          }
        }
        if (last) {
          val[r] = sv;
          mag[r] = sa;
        } else {
          g[r] = sv > 0 ? sv : 0;
          ga[r] = sa > 0 ? sa : 0;
        }
      }
      let t = h;
      h = g;
      g = t;
      t = ha;
      ha = ga;
      ga = t;
    }
    for (let k = 0; k < Q; k++) {
      const r = val[k]! - y[k]!;
      sum += r * r;
      const m = mag[k]!;
      const err = 2 * p.gamma * m + p.under[k]!; // output error
      const a = m + Math.abs(y[k]!);
      s += 2 * a * err + err * err + 4 * p.U * a * a;
    }
  }
  out[0] = sum;
  out[1] = s;
}
