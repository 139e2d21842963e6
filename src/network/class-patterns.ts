/**
 * Pattern groups without classifying a point: when every class lies
 * strictly inside one activation pattern, its pattern-group moments are its class
 * moments, so the groups follow from O(L·M) exact sign decisions per class, each
 * independent of N.
 *
 * Per class j, layer by layer: while the class is in one pattern, the hidden
 * pre-activations are affine on it, (a·z + κ)/den with integer a, κ (z the compact
 * integer points, x = z/D_j). A unit is decided on the whole class when a sound
 * integer bound shows a·z + κ > 0 (or < 0) for every z of the class:
 *  - the class's bounding box (exact coordinate extremes): Σ a_k·(lo_k or hi_k);
 *  - a remembered direction d with exact extremes [dMin, dMax] (class-extremes.ts):
 *    q·a = p·d + r (q > 0), so q·(a·z) ≥ p·(dMin or dMax) + box bound of r·z;
 *  - else the exact extremes of a·z itself (one O(N_j) pass, remembered: the next
 *    network with this functional on this class needs no pass).
 * A unit whose exact extremes reach or cross 0 means the class straddles (or touches)
 * a hyperplane: the answer is undefined and the caller classifies point by point.
 * So a returned result is exactly what classifyPatterns + groupedMoments give: the
 * same masks, groups in order of first occurrence (class order), the class moments.
 */
import type { PointMoments } from './moment-groups.ts';
import { compactOf, integerMoments, type CompactClass } from '../data/compact.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Layer } from './network.ts';
import { intLayer, type IntLayer } from './int-layer.ts';
import type { GroupedMoments, MomentGroup } from './moment-groups.ts';
import { classBox, directionExtremes, knownDirections, unitDirection, type KnownDirection } from './class-extremes.ts';

/** How many remembered directions (best float cosine first) are tried per undecided unit. */
const TRY_DIRECTIONS = 3;

const classMoments = new WeakMap<CompactClass, PointMoments>();

/** The exact integer moments of a whole class, computed once per class. */
function wholeClassMoments(c: CompactClass, M: number): PointMoments {
  let m = classMoments.get(c);
  if (!m) classMoments.set(c, (m = { ...integerMoments(c, M), den: c.den }));
  return m;
}

/** Exact integer bounds on a·z over the class's bounding box. */
function boxBounds(a: readonly bigint[], lo: readonly bigint[], hi: readonly bigint[]): { min: bigint; max: bigint } {
  let min = 0n;
  let max = 0n;
  for (let k = 0; k < a.length; k++) {
    const v = a[k]!;
    if (v > 0n) (min += v * lo[k]!), (max += v * hi[k]!);
    else if (v < 0n) (min += v * hi[k]!), (max += v * lo[k]!);
  }
  return { min, max };
}

/** Signs the bound proves for a·z + κ on the whole class: 1, −1, or 0 (not decided). */
function decided(qMin: bigint, qMax: bigint, q: bigint, kappa: bigint): 1 | -1 | 0 {
  if (qMin + q * kappa > 0n) return 1;
  if (qMax + q * kappa < 0n) return -1;
  return 0;
}

/** Bounds on q·(a·z) from a known direction: q·a = p·d + r (q > 0). */
function viaDirection(a: readonly bigint[], dir: KnownDirection, p: bigint, q: bigint, lo: readonly bigint[], hi: readonly bigint[]): { min: bigint; max: bigint } {
  const r = a.map((v, k) => q * v - p * dir.d[k]!);
  const rb = boxBounds(r, lo, hi);
  const pMin = p >= 0n ? p * dir.dMin : p * dir.dMax;
  const pMax = p >= 0n ? p * dir.dMax : p * dir.dMin;
  return { min: pMin + rb.min, max: pMax + rb.max };
}

/**
 * Candidate multipliers p/q (q > 0) of d in a: the least-squares one, then the most common ratio
 * a_k/d_k (produced only when the first did not decide: it costs a float ratio per coordinate).
 */
function* multipliers(a: readonly bigint[], d: readonly bigint[]): Generator<[bigint, bigint]> {
  let ad = 0n;
  let dd = 0n;
  for (let k = 0; k < a.length; k++) (ad += a[k]! * d[k]!), (dd += d[k]! * d[k]!);
  if (dd > 0n) yield [ad, dd];
  const counts = new Map<number, { n: number; k: number }>();
  for (let k = 0; k < a.length; k++) {
    if (d[k] === 0n) continue;
    const ratio = Number(a[k]!) / Number(d[k]!);
    const key = Number.isFinite(ratio) ? Number(ratio.toPrecision(12)) : NaN;
    if (Number.isNaN(key)) continue;
    const e = counts.get(key);
    if (e) e.n++;
    else counts.set(key, { n: 1, k });
  }
  let best: { n: number; k: number } | undefined;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  if (best && best.n > 1) {
    const dk = d[best.k]!;
    yield dk > 0n ? [a[best.k]!, dk] : [-a[best.k]!, -dk];
  }
}

/** The known directions of the class closest in angle to a (float heuristic; the bound itself is exact). */
function closest(c: CompactClass, a: readonly bigint[], count: number): KnownDirection[] {
  const u = unitDirection(a);
  const scored: { dir: KnownDirection; s: number }[] = [];
  for (const dir of knownDirections(c)) {
    let s = 0;
    for (let k = 0; k < u.length; k++) s += u[k]! * dir.unit[k]!;
    s = Math.abs(s);
    if (scored.length < count) scored.push({ dir, s });
    else {
      let worst = 0;
      for (let i = 1; i < scored.length; i++) if (scored[i]!.s < scored[worst]!.s) worst = i;
      if (s > scored[worst]!.s) scored[worst] = { dir, s };
    }
  }
  return scored.sort((x, y) => y.s - x.s).map((e) => e.dir);
}

/**
 * The sign of a·z + κ on every point of the class, proven exactly: 1 or −1, or undefined
 * when the class reaches or crosses the hyperplane a·z + κ = 0. `hint`: a direction that
 * decided a neighbouring unit (tried first).
 */
function unitSign(c: CompactClass, M: number, a: readonly bigint[], kappa: bigint, hint: { dir?: KnownDirection }): 1 | -1 | undefined {
  if (a.every((v) => v === 0n)) return kappa > 0n ? 1 : kappa < 0n ? -1 : undefined;
  const { lo, hi } = classBox(c, M);
  const box = boxBounds(a, lo, hi);
  let s = decided(box.min, box.max, 1n, kappa);
  if (s !== 0) return s;
  const tryDir = (dir: KnownDirection): 1 | -1 | 0 => {
    for (const [p, q] of multipliers(a, dir.d)) {
      const b = viaDirection(a, dir, p, q, lo, hi);
      const r = decided(b.min, b.max, q, kappa);
      if (r !== 0) return r;
    }
    return 0;
  };
  if (hint.dir && (s = tryDir(hint.dir)) !== 0) return s;
  for (const dir of closest(c, a, TRY_DIRECTIONS)) {
    if (dir === hint.dir) continue;
    if ((s = tryDir(dir)) !== 0) {
      hint.dir = dir;
      return s;
    }
  }
  // The exact extremes of this functional (remembered for the next network that applies it).
  const exact = directionExtremes(c, M, a);
  s = decided(exact.dMin, exact.dMax, 1n, kappa);
  if (s !== 0) hint.dir = exact;
  return s === 0 ? undefined : s;
}

/**
 * The activation pattern that contains the whole class strictly (every hidden
 * pre-activation of every point nonzero with one sign per unit), or undefined.
 */
function classPattern(c: CompactClass, M: number, layers: readonly IntLayer[], width: number, shared: Map<string, bigint[]>): Uint8Array | undefined {
  const mask = new Uint8Array(width);
  // h = (A z + cv)/den on the class (A: rows × M, row-major). A depends only on the masks of
  // the layers before (not on the class): its rows are shared between classes with the same
  // mask prefix (`shared`, keyed by layer and prefix); cv and den are the class's own.
  let A: bigint[] = Array.from({ length: M * M }, (_, k) => (k % (M + 1) === 0 ? 1n : 0n));
  let cv: bigint[] = new Array<bigint>(M).fill(0n);
  let den = c.den;
  let offset = 0;
  for (let l = 0; l < layers.length; l++) {
    const { rows, cols, W, b } = layers[l]!;
    const key = `${l}:${mask.subarray(0, offset).join('')}`;
    let lin = shared.get(key);
    if (!lin && layers[l]!.rankOne) {
      // W = α I + 1 vᵀ: lin_r = α A_r + vᵀA (O(M²)).
      const { alpha, v } = layers[l]!.rankOne!;
      const u = new Array<bigint>(M).fill(0n);
      for (let i = 0; i < cols; i++) {
        if (v[i] === 0n) continue;
        for (let k = 0; k < M; k++) if (A[i * M + k] !== 0n) u[k]! += v[i]! * A[i * M + k]!;
      }
      lin = new Array<bigint>(rows * M);
      for (let r = 0; r < rows; r++) for (let k = 0; k < M; k++) lin[r * M + k] = alpha * A[r * M + k]! + u[k]!;
      shared.set(key, lin);
    }
    if (!lin) {
      lin = new Array<bigint>(rows * M).fill(0n);
      // Rows of A that are zero (inactive units before, a collapsed class) contribute nothing.
      const live: number[] = [];
      for (let i = 0; i < cols; i++)
        for (let k = i * M; k < (i + 1) * M; k++)
          if (A[k] !== 0n) {
            live.push(i);
            break;
          }
      for (let r = 0; r < rows; r++)
        for (const i of live) {
          const w = W[r * cols + i]!;
          if (w === 0n) continue;
          for (let k = 0; k < M; k++) lin[r * M + k]! += w * A[i * M + k]!;
        }
      shared.set(key, lin);
    }
    const nA = new Array<bigint>(rows * M).fill(0n);
    const nc = new Array<bigint>(rows).fill(0n);
    const hint: { dir?: KnownDirection } = {};
    for (let r = 0; r < rows; r++) {
      const row = lin.slice(r * M, r * M + M);
      let kappa = b[r]! * den;
      for (let i = 0; i < cols; i++) {
        const w = W[r * cols + i]!;
        if (w !== 0n) kappa += w * cv[i]!;
      }
      const s = unitSign(c, M, row, kappa, hint);
      if (s === undefined) return undefined;
      if (s > 0) {
        mask[offset + r] = 1;
        for (let k = 0; k < M; k++) nA[r * M + k] = row[k]!;
        nc[r] = kappa;
      }
    }
    A = nA;
    cv = nc;
    den *= layers[l]!.den;
    offset += rows;
  }
  return mask;
}

/**
 * The pattern groups and their moments when every class lies strictly inside one pattern
 * (see the file comment), else undefined. Equal to groupedMoments(net, ds) from a
 * classification whenever it is defined (tests compare them).
 */
export function strictClassPatterns(net: { readonly hidden: readonly Layer[] }, ds: Pick<DataSet, 'M' | 'classes'>): GroupedMoments | undefined {
  const cd = compactOf(ds);
  const M = ds.M;
  if (net.hidden.length > 0 && net.hidden[0]!.W.cols !== M) return undefined;
  const layers = net.hidden.map(intLayer);
  const width = layers.reduce((n, l) => n + l.rows, 0);
  const groups: { mask: Uint8Array; key: string; parts: { cls: number; moments: PointMoments }[] }[] = [];
  const shared = new Map<string, bigint[]>();
  for (let j = 0; j < cd.classes.length; j++) {
    const c = cd.classes[j]!;
    if (c.count === 0) continue;
    const mask = classPattern(c, M, layers, width, shared);
    if (!mask) return undefined;
    const key = mask.join('');
    let g = groups.find((e) => e.key === key);
    if (!g) groups.push((g = { mask, key, parts: [] }));
    g.parts.push({ cls: j, moments: wholeClassMoments(c, M) });
  }
  return { someZero: false, exactPoints: 0, groups: groups.map((g): MomentGroup => ({ mask: g.mask, parts: g.parts })) };
}
