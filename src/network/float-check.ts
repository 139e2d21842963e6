/**
 * The independent float check of an exact cost: ms in float64 together with a
 * forward error bound, so "mismatch beyond rounding" has a precise meaning.
 * The bound propagates the magnitudes |W|·|h| + |b| layer by layer (the standard
 * a-priori bound for inner products, γ_n = n·u/(1 − n·u) per layer, also
 * covering the rounding of the parameters and inputs to float).
 */
import type { DataSet } from '../data/dataset.ts';
import { compactOf, type CompactClass } from '../data/compact.ts';
import { pointFloat } from '../data/compact-access.ts';
import type { Rational } from '../exact/rational.ts';
import { flatNetwork, type FlatNetwork } from './float-batch.ts';
import { floatCheckChunk, type FloatCheckParams } from './float-check-chunk.ts';
import { defaultThreads, runChunks } from '../util/worker-pool.ts';
import { floatClassStats } from './float-check-stats.ts';
import { classCostByMoments } from './float-check-moments.ts';
import type { Network } from './network.ts';
import { toNumber } from '../exact/rational-to-number.ts';

const U = 2 ** -53;
/** The smallest positive subnormal: a product that underflows is off by at most half of it. */
const ETA = 2 ** -1074;
/** The smallest positive normal float64. */
const MIN_NORMAL = 2 ** -1022;
/** Points per batch: bounds the float buffers (not the data) whatever N is. */
const CHUNK = 1 << 15;
/** From this many points the chunks are shared with worker threads (worker-pool.ts). */
const PARALLEL_FROM = 100_000;
/**
 * The moment form (float-check-moments.ts) is used from this many points per input
 * coordinate and class (its cost per network is O(classes·L·M³), the point pass's
 * O(N·L·M²)) and up to MOMENTS_MAX_M coordinates (its statistics cost O(N·M²) once).
 */
const MOMENTS_FROM = 16;
const MOMENTS_MAX_M = 64;
/**
 * Largest float pass the cross-check makes, in multiply-adds (counted as the chunk kernel runs
 * them: zero weights of sparse layers and zero inputs skipped). A dense 784×784 layer on
 * 70 000 points with a quarter of the pixels nonzero is 1.4·10^10 (≈ 60 s on the loaded 2-core
 * machine, and 10 such layers for a D1 network): above this the check is not made, with the
 * reason, and the exact value stands (the checker re-checks it).
 */
export const MAX_FLOAT_CHECK_WORK = 1e10;

/** A class's float inputs: x = buffer[offset + i·M + k] / D, in shared memory when `shared`. */
interface FloatSource {
  readonly buffer: ArrayBufferLike;
  readonly offset: number;
  readonly length: number;
  readonly D: number;
  readonly count: number;
}

const sharedSources = new WeakMap<CompactClass, FloatSource>();

/**
 * The class's coordinates as pointFloat reads them: z and D when z is float64 and D < 2^53
 * (x = z/D correctly rounded), else the floats x themselves with D = 1. For worker threads
 * (`shared`), a copy in a SharedArrayBuffer, made once per class.
 */
function floatSource(c: CompactClass, M: number, shared: boolean): FloatSource {
  const direct = c.f64 && c.den < 2n ** 53n;
  if (direct && (!shared || c.f64!.buffer instanceof SharedArrayBuffer)) return { buffer: c.f64!.buffer, offset: c.f64!.byteOffset / 8, length: c.count * M, D: Number(c.den), count: c.count };
  const known = shared ? sharedSources.get(c) : undefined;
  if (known) return known;
  const data = new Float64Array(shared ? new SharedArrayBuffer(Math.max(1, c.count * M) * 8) : new ArrayBuffer(Math.max(1, c.count * M) * 8));
  if (direct) data.set(c.f64!.subarray(0, c.count * M));
  else {
    const x = new Float64Array(M);
    for (let i = 0; i < c.count; i++) data.set(pointFloat(c, M, i, x), i * M);
  }
  const src: FloatSource = { buffer: data.buffer, offset: 0, length: c.count * M, D: direct ? Number(c.den) : 1, count: c.count };
  if (shared) sharedSources.set(c, src);
  return src;
}

/**
 * The same network with |W|, |b|: on |x| its outputs are the magnitudes Σ|W||h| + |b| layer by
 * layer (ReLU is the identity on them). A nonzero parameter whose float is subnormal is off by
 * up to 2^-1075 absolute, not u relative: its magnitude is taken as 2^-1022, so that
 * u·|w|·|h| still covers its rounding.
 */
function absNetwork(fn: FlatNetwork): FlatNetwork {
  const mag = (v: number): number => (v === 0 ? 0 : Math.max(Math.abs(v), MIN_NORMAL));
  return { ...fn, W: fn.W.map((w) => w.map(mag)), b: fn.b.map((b) => b.map(mag)) };
}

/**
 * The absolute error that underflow can add, per output (independent of the point): inputs off
 * by ≤ η, each layer adds ≤ (cols + 2)·η (one per product, the bias, the input rounding) to
 * |W|·(error so far). Computed in float with a 2× margin for its own rounding.
 */
function underflowTerm(fn: FlatNetwork): Float64Array {
  let e = new Float64Array(fn.M).fill(ETA);
  fn.W.forEach((W, l) => {
    const rows = fn.rows[l]!;
    const cols = fn.cols[l]!;
    const next = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = (cols + 2) * ETA;
      for (let k = 0; k < cols; k++) s += Math.max(Math.abs(W[r * cols + k]!), MIN_NORMAL) * e[k]!;
      next[r] = 2 * s;
    }
    e = next;
  });
  return e;
}

/**
 * The multiply-adds of the float pass as float-check-chunk.ts runs it: the first layer over the
 * nonzero inputs (counted on the data), a layer with at most a quarter of its weights nonzero
 * over those weights, any other layer densely.
 */
function floatPassWork(fn: FlatNetwork, classes: readonly CompactClass[]): number {
  let points = 0;
  let nonzero = 0;
  for (const c of classes) {
    points += c.count;
    if (!c.f64) nonzero += c.count * fn.M;
    else for (const v of c.f64.subarray(0, c.count * fn.M)) if (v !== 0) nonzero++;
  }
  let work = 0;
  fn.W.forEach((W, l) => {
    const R = fn.rows[l]!;
    const C = fn.cols[l]!;
    let nnz = 0;
    for (const w of W) if (w !== 0) nnz++;
    work += 4 * nnz <= R * C ? points * nnz : l === 0 ? R * nonzero : points * R * C;
  });
  return work;
}

/** The float cross-check of one exact cost, or the reason it cannot be made. */
export type FloatAgreement =
  | {
      readonly applicable: true;
      readonly msFloat: number;
      readonly bound: number;
      readonly agrees: boolean;
      /** How many classes were summed from their float moments (the rest point by point). */
      readonly classesByMoments: number;
      /** The layer the point pass started from (remembered inputs of a network with the same first layers), 0 for the input. */
      readonly resumedAt: number;
    }
  | { readonly applicable: false; readonly reason: string };

/**
 * Compares msFloat with the exact ms within a rigorous rounding bound (batched over the
 * compact data); docs/float-bounds.md derives it. When a value leaves the float range
 * (a parameter, input, target or intermediate overflows) no bound holds: the check is
 * then not applicable, with the reason, and the exact value stands alone.
 */
export function checkMsInFloat(
  net: Network,
  ds: DataSet,
  exact: Rational,
  options: { readonly threads?: number; readonly mode?: 'auto' | 'points' | 'moments'; readonly maxWork?: number } = {},
): FloatAgreement {
  const fn = flatNetwork(net);
  const notApplicable = (what: string): FloatAgreement => ({ applicable: false, reason: `${what} beyond the float64 range, so no rounding bound holds; the exact value stands` });
  if (!fn.W.every((w) => w.every(Number.isFinite)) || !fn.b.every((b) => b.every(Number.isFinite))) return notApplicable('network parameters');
  const exactF = toNumber(exact);
  if (!Number.isFinite(exactF)) return notApplicable('the exact cost');
  const { M, Q } = fn;
  const targets = ds.targets.map((t) => t.map((v) => toNumber(v)));
  if (!targets.every((t) => t.every(Number.isFinite))) return notApplicable('inputs, targets or intermediate values');
  const cd = compactOf(ds);
  // Classes strictly inside one pattern (proven in float with margins): Σ|out − y|² from the
  // class's float moments; the others point by point.
  const mode = options.mode ?? 'auto';
  const byMoments = mode === 'moments' || (mode === 'auto' && M <= MOMENTS_MAX_M && ds.N >= MOMENTS_FROM * M * cd.classes.length);
  const parts = new Map<number, { value: number; bound: number }>();
  if (byMoments)
    cd.classes.forEach((c, j) => {
      if (c.count === 0) return;
      const y = Float64Array.from(targets[j]!);
      const ey = y.map((v) => 2 * U * Math.abs(v) + ETA);
      const r = classCostByMoments(fn, floatClassStats(c, M), y, ey, 2 * net.hidden.length + 2);
      if (r) parts.set(j, r);
    });
  const pointCount = cd.classes.reduce((n, c, j) => n + (parts.has(j) ? 0 : c.count), 0);
  const work = floatPassWork(fn, cd.classes.filter((_, j) => !parts.has(j)));
  const maxWork = options.maxWork ?? MAX_FLOAT_CHECK_WORK;
  if (work > maxWork) return { applicable: false, reason: `the float pass would take ${work.toExponential(1)} multiply-adds (more than ${maxWork.toExponential(0)}): not made; the exact value stands` };
  const threads = options.threads ?? (pointCount >= PARALLEL_FROM ? defaultThreads() : 1);
  const { pass, resumedAt } = pointCount > 0 ? pointPass(net, fn, ds, targets, threads, (j) => !parts.has(j)) : { pass: [], resumedAt: 0 };
  let sum = 0;
  let s = 0;
  let inRange = true;
  // In class order: each class's moment part, or its chunks' partial sums in chunk order.
  for (let j = 0; j < cd.classes.length && inRange; j++) {
    const part = parts.get(j);
    if (part) {
      sum += part.value;
      s += part.bound;
    } else
      for (const [cls, v, b] of pass)
        if (cls === j) {
          sum += v;
          s += b;
        }
    // An overflow anywhere shows as ±Infinity or NaN in the sums (mag ≥ |out|, s ≥ the squares).
    if (!Number.isFinite(sum) || !Number.isFinite(s)) inRange = false;
  }
  if (!inRange) return notApplicable('inputs, targets or intermediate values');
  const value = sum / ds.N;
  // Plus the recursive summation of N·Q nonnegative terms: relative error at most (N·Q)·u (to
  // first order), and N·Q·η for squares that underflow.
  const bound = s / ds.N + (4 + 1.01 * ds.N * Q) * U * Math.abs(value) + 2 * Q * ETA;
  return { applicable: true, msFloat: value, bound, agrees: Math.abs(value - exactF) <= bound, classesByMoments: parts.size, resumedAt };
}

/**
 * The point-by-point float pass over the classes `include` accepts: per chunk (class order,
 * then rows) [class, Σ(out − y)², Σ bound terms], and the layer it started from.
 */
function pointPass(
  net: Network,
  fn: FlatNetwork,
  ds: DataSet,
  targets: number[][],
  threads: number,
  include: (j: number) => boolean,
): { pass: [number, number, number][]; resumedAt: number } {
  const absFn = absNetwork(fn);
  const under = underflowTerm(fn);
  const { M, Q } = fn;
  const layers = net.hidden.length + 1;
  const n = Math.max(...fn.cols) + 2; // the longest dot product (M when every width is M)
  const gamma = ((n + 2) * layers * U) / (1 - (n + 2) * layers * U);
  // Chunks of at most CHUNK points per class, each summed on its own (float-check-chunk.ts) and
  // the partial sums added in chunk order: the same value whichever thread ran which chunk.
  const shared = threads > 1;
  const empty = shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8);
  const sources = compactOf(ds).classes.map((c, j) => (include(j) ? floatSource(c, M, shared) : { buffer: empty, offset: 0, length: 0, D: 1, count: 0 }));
  const chunks: [number, number, number][] = [];
  sources.forEach((src, j) => {
    for (let start = 0; start < src.count; start += CHUNK) chunks.push([j, start, Math.min(CHUNK, src.count - start)]);
  });
  const params: FloatCheckParams = {
    chunks,
    offsets: sources.map((x) => x.offset),
    lengths: sources.map((x) => x.length),
    dens: sources.map((x) => x.D),
    targets,
    M,
    Q,
    W: fn.W.map((w) => Array.from(w)),
    b: fn.b.map((b) => Array.from(b)),
    absW: absFn.W.map((w) => Array.from(w)),
    absB: absFn.b.map((b) => Array.from(b)),
    rows: [...fn.rows],
    cols: [...fn.cols],
    gamma,
    under: Array.from(under),
    U,
  };
  const buffers: ArrayBufferLike[] = sources.map((x) => x.buffer);
  let run = params;
  let saved: PrefixEntry | undefined;
  if (!shared) {
    // Networks checked one after another that begin with the same layers (the D2 candidates with
    // a common truncation prefix) start from the remembered inputs of the first differing layer.
    const cache = prefixesOf(ds);
    const from = longestPrefix(cache, fn, sources.map((x, j) => include(j) && x.count > 0));
    const save = saveLayer(fn);
    const bytes = sources.reduce((n, x, j) => n + (include(j) ? x.count * 2 * (fn.cols[save] ?? 0) * 8 : 0), 0);
    if (save > (from?.layers ?? 0) && bytes <= PREFIX_CACHE_BYTES / 4)
      saved = { layers: save, W: fn.W.slice(0, save), b: fn.b.slice(0, save), buffers: sources.map((x, j) => (include(j) && x.count > 0 ? new ArrayBuffer(x.count * 2 * fn.cols[save]! * 8) : undefined)), bytes };
    const index = (list: readonly (ArrayBuffer | undefined)[] | undefined): number[] =>
      sources.map((_, j) => {
        const b = list?.[j];
        if (!b) return -1;
        buffers.push(b);
        return buffers.length - 1;
      });
    run = { ...params, resumeLayer: from?.layers ?? 0, resumeFrom: index(from?.buffers), saveLayer: saved?.layers ?? -1, saveTo: index(saved?.buffers) };
  }
  const partial = runChunks(floatCheckChunk, buffers, run, chunks.length, 2, threads);
  if (saved) remember(prefixesOf(ds), saved);
  return { pass: chunks.map((ch, c) => [ch[0], partial[2 * c]!, partial[2 * c + 1]!]), resumedAt: run.resumeLayer ?? 0 };
}

/** The inputs of layer `layers` on every row of each class (values then magnitudes), for networks whose first `layers` layers are W, b. */
interface PrefixEntry {
  readonly layers: number;
  readonly W: readonly Float64Array[];
  readonly b: readonly Float64Array[];
  readonly buffers: readonly (ArrayBuffer | undefined)[];
  readonly bytes: number;
}

/** At most this many bytes of remembered layer inputs per data set (the oldest are dropped first). */
const PREFIX_CACHE_BYTES = 256 * 2 ** 20;
const prefixCaches = new WeakMap<object, PrefixEntry[]>();

function prefixesOf(ds: DataSet): PrefixEntry[] {
  let c = prefixCaches.get(ds.classes);
  if (!c) prefixCaches.set(ds.classes, (c = []));
  return c;
}

function sameFloats(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

/** The remembered entry with the most leading layers equal (float for float) to fn's, holding every class needed. */
function longestPrefix(cache: readonly PrefixEntry[], fn: FlatNetwork, needed: readonly boolean[]): PrefixEntry | undefined {
  let best: PrefixEntry | undefined;
  for (const e of cache) {
    if (e.layers >= fn.W.length || (best && e.layers <= best.layers)) continue;
    if (!needed.every((n, j) => !n || e.buffers[j])) continue;
    let same = true;
    for (let l = 0; l < e.layers && same; l++) same = sameFloats(e.W[l]!, fn.W[l]!) && sameFloats(e.b[l]!, fn.b[l]!);
    if (same) best = e;
  }
  return best;
}

/**
 * The layer whose inputs are worth remembering: the last of the leading run of dense hidden
 * layers but one (a D2 candidate's truncation layers are dense and shared with the candidates
 * that extend its subset; the dense layer after them is its own). 0: none.
 */
function saveLayer(fn: FlatNetwork): number {
  let run = 0;
  while (run < fn.W.length - 1) {
    let nnz = 0;
    for (const w of fn.W[run]!) if (w !== 0) nnz++;
    if (4 * nnz <= fn.rows[run]! * fn.cols[run]!) break;
    run++;
  }
  return Math.max(0, run - 1);
}

function remember(cache: PrefixEntry[], e: PrefixEntry): void {
  cache.push(e);
  let total = cache.reduce((n, x) => n + x.bytes, 0);
  while (total > PREFIX_CACHE_BYTES && cache.length > 1) total -= cache.shift()!.bytes;
}
