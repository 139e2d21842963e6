/**
 * Exact max and min of an integer functional w·z over a class without visiting every row:
 * a k-d tree over the class's integer points z (built once per class, O(N_j log N_j)),
 * each node with the exact integer bounding box of its rows. A node whose box bound
 * Σ_k max(w_k lo_k, w_k hi_k) cannot beat the best value found is skipped; the rows of the
 * other leaves are evaluated. Every number is an integer below 2^53 in magnitude
 * (precondition: Σ|w_k|·max|z| < 2^52, as linearExtremes' float path), so every product,
 * sum and comparison is exact: the result is the exact maximum (and minimum), the same values
 * as the full scan of linearExtremes (src/data/extremes.ts).
 */
import type { CompactClass } from './compact.ts';

const LEAF = 16;

interface Tree {
  /** Row order: the rows of node k are perm[start_k .. end_k). */
  readonly perm: Int32Array;
  /** Per node: start, end, left child, right child (−1 for leaves). */
  readonly nodes: Int32Array;
  /** Per node: lo and hi of the box, M each. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** The points in tree order (row-major), for locality. */
  readonly z: Float64Array;
}

const trees = new WeakMap<CompactClass, Tree>();

function build(c: CompactClass, M: number): Tree {
  const n = c.count;
  const src = c.f64!;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const maxNodes = 2 * Math.ceil(n / (LEAF / 2)) + 1;
  const nodes = new Int32Array(4 * maxNodes);
  const lo = new Float64Array(M * maxNodes);
  const hi = new Float64Array(M * maxNodes);
  let count = 0;
  // Leaves get the boxes of their rows; an inner node the union of its children's boxes.
  const node = (start: number, end: number): number => {
    const id = count++;
    const o = id * M;
    nodes[4 * id] = start;
    nodes[4 * id + 1] = end;
    nodes[4 * id + 2] = -1;
    nodes[4 * id + 3] = -1;
    // The widest coordinate of the rows (sampled spread would do; the exact one is cheap enough).
    let axis = -1;
    if (end - start > LEAF) {
      let width = 0;
      for (let k = 0; k < M; k++) {
        let a = Infinity;
        let b = -Infinity;
        for (let i = start; i < end; i += Math.max(1, ((end - start) / 64) | 0)) {
          const v = src[perm[i]! * M + k]!;
          if (v < a) a = v;
          if (v > b) b = v;
        }
        if (b - a > width) (width = b - a), (axis = k);
      }
    }
    if (axis < 0) {
      for (let k = 0; k < M; k++) (lo[o + k] = Infinity), (hi[o + k] = -Infinity);
      for (let i = start; i < end; i++) {
        const r = perm[i]! * M;
        for (let k = 0; k < M; k++) {
          const v = src[r + k]!;
          if (v < lo[o + k]!) lo[o + k] = v;
          if (v > hi[o + k]!) hi[o + k] = v;
        }
      }
      return id;
    }
    const mid = start + ((end - start) >> 1);
    select(perm, src, M, axis, start, end - 1, mid);
    const left = node(start, mid);
    const right = node(mid, end);
    nodes[4 * id + 2] = left;
    nodes[4 * id + 3] = right;
    for (let k = 0; k < M; k++) {
      lo[o + k] = Math.min(lo[left * M + k]!, lo[right * M + k]!);
      hi[o + k] = Math.max(hi[left * M + k]!, hi[right * M + k]!);
    }
    return id;
  };
  node(0, n);
  const z = new Float64Array(n * M);
  for (let i = 0; i < n; i++) z.set(src.subarray(perm[i]! * M, perm[i]! * M + M), i * M);
  return { perm, nodes: nodes.subarray(0, 4 * count), lo: lo.subarray(0, M * count), hi: hi.subarray(0, M * count), z };
}

/**
 * Reorders perm[left..right] so that perm[k] holds the row of rank k by coordinate `axis`,
 * rows before it no larger and rows after it no smaller (Hoare's selection, expected O(n)).
 */
function select(perm: Int32Array, src: Float64Array, M: number, axis: number, left: number, right: number, k: number): void {
  while (right > left) {
    const pivot = src[perm[(left + right) >> 1]! * M + axis]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (src[perm[i]! * M + axis]! < pivot) i++;
      while (src[perm[j]! * M + axis]! > pivot) j--;
      if (i <= j) {
        const t = perm[i]!;
        perm[i] = perm[j]!;
        perm[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** The class's tree, built on first use (float64 integer storage only). */
function treeOf(c: CompactClass, M: number): Tree | undefined {
  if (!c.f64 || c.count === 0) return undefined;
  let t = trees.get(c);
  if (!t) trees.set(c, (t = build(c, M)));
  return t;
}

/** max of w·z over the class (w exact float64 integers; precondition in the file comment). */
function maxOver(t: Tree, M: number, w: Float64Array): number {
  const { nodes, lo, hi, z } = t;
  let best = -Infinity;
  const bound = (id: number): number => {
    let s = 0;
    const o = id * M;
    for (let k = 0; k < M; k++) {
      const a = w[k]! * lo[o + k]!;
      const b = w[k]! * hi[o + k]!;
      s += a > b ? a : b;
    }
    return s;
  };
  const stack: number[] = [0];
  const bounds: number[] = [bound(0)];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const b = bounds.pop()!;
    if (b <= best) continue;
    const left = nodes[4 * id + 2]!;
    if (left < 0) {
      for (let i = nodes[4 * id]!; i < nodes[4 * id + 1]!; i++) {
        let s = 0;
        for (let k = 0; k < M; k++) s += w[k]! * z[i * M + k]!;
        if (s > best) best = s;
      }
      continue;
    }
    const right = nodes[4 * id + 3]!;
    const bl = bound(left);
    const br = bound(right);
    // The more promising child last: visited first.
    if (bl > br) {
      stack.push(right, left);
      bounds.push(br, bl);
    } else {
      stack.push(left, right);
      bounds.push(bl, br);
    }
  }
  return best;
}

/**
 * Exact max and min of w·z over the class (integers), or undefined when the tree does not
 * apply (BigInt storage, an empty class, or w·z possibly beyond 2^52: the caller scans).
 * `w`: the integer functional as float64 values (each exact).
 */
export function treeExtremes(c: CompactClass, M: number, w: Float64Array): { max: number; min: number } | undefined {
  let s = 0;
  for (let k = 0; k < M; k++) s += Math.abs(w[k]!);
  if (!c.f64 || !(s * c.maxAbs < 2 ** 52) || !w.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 53)) return undefined;
  const t = treeOf(c, M);
  if (!t) return undefined;
  const neg = w.map((v) => -v);
  return { max: maxOver(t, M, w), min: 0 - maxOver(t, M, neg) };
}
