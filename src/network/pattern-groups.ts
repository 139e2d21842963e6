/**
 * Exact costs through activation-pattern groups.
 *
 * 1. Certified float classification: for every point, float pre-activations with a
 *    rigorous forward error bound e (rounding of inputs, parameters and every dot
 *    product, propagated through the layers; ReLU is 1-Lipschitz and a certainly
 *    negative unit outputs exactly 0). A unit whose |z̃| > e has the sign of z̃. A
 *    point with some unit not certain is classified exactly (Rationals).
 * 2. Per pattern group g the network is affine on the group's points:
 *    f(x) = A_g x + c_g (exact, from the masked layers). A pre-activation that is
 *    exactly 0 may be put on either side (σ(0) = 0); we treat it as inactive.
 * 3. Per group and class, the exact integer moments n, Σz, Σzzᵀ (z = D_j x) give
 *    Σ |A z/D + c − y|² = tr(A S Aᵀ)/D² + 2 (c − y)ᵀ A s / D + n |c − y|² exactly.
 *
 * So the exact ms (msExact, cost.ts) costs one float pass plus O(#groups) small exact
 * problems, whatever N is.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational, commonDenominator, overCommonDenominator } from '../exact/rational.ts';
import { compactOf, integerMoments, zAt, type CompactClass } from '../data/compact.ts';
import type { DataSet } from '../data/dataset.ts';
import { strictClassPatterns } from './class-patterns.ts';
import type { GroupedMoments, MomentGroup } from './moment-groups.ts';
export type { GroupedMoments, MomentGroup } from './moment-groups.ts';
import type { Layer, Network } from './network.ts';
import { intLayer, type IntLayer } from './int-layer.ts';
import { toNumber } from '../exact/rational-to-number.ts';

const U = 2 ** -53;

/**
 * Where each hidden layer's units start in a pattern mask: layer ℓ+1's unit i is bit
 * offsets[ℓ] + i (ℓ·M + i when every width is M); offsets[L] is the mask's length.
 */
export function maskOffsets(hidden: readonly { readonly W: { readonly rows: number } }[]): number[] {
  const out = [0];
  for (const l of hidden) out.push(out[out.length - 1]! + l.W.rows);
  return out;
}

/** The input dimension of a network (the columns of its first layer). */
function inputDim(net: Pick<Network, 'hidden' | 'output'>): number {
  return (net.hidden[0] ?? net.output).W.cols;
}

/** One activation pattern and the points (per class, row indices) that have it. */
export interface PatternGroup {
  /** mask[offsets[ℓ] + i] (ℓ·M + i for width M, see maskOffsets): unit i of hidden layer ℓ+1 is active (z > 0). */
  readonly mask: Uint8Array;
  /** Row indices per class (class j: rows[j], the first counts[j] entries). */
  readonly rows: Int32Array[];
  readonly counts: number[];
}

export interface PatternClassification {
  readonly groups: PatternGroup[];
  /** Whether some hidden pre-activation is exactly 0 on the data (a non-strict pattern). */
  readonly someZero: boolean;
  /** How many points needed the exact classification (their float signs were not certain). */
  readonly exactPoints: number;
}

/** Bits per numeric key chunk: integers below 2^52 are exact in float64. */
const CHUNK_BITS = 52;
/** The smallest positive subnormal and the smallest positive normal float64. */
const ETA = 2 ** -1074;
const MIN_NORMAL = 2 ** -1022;

/**
 * |p| as it enters the bound: a nonzero parameter whose float is subnormal is off by up to
 * 2^-1075 absolute (not u·|p|), so its magnitude counts as 2^-1022 (u·2^-1022 = 2^-1075).
 */
function boundMagnitude(p: number): number {
  return p === 0 ? 0 : Math.max(Math.abs(p), MIN_NORMAL);
}

/**
 * The certified float pass, compiled once per network into straight-line code with the
 * parameters as literals (as float-batch.ts does): for each point, the float pre-activations
 * z̃ with a rigorous bound e on |z̃ − z| (see the file comment); if every |z̃| > e the signs
 * are certain and the pattern is written as `chunks` numbers of up to 52 bits, else the
 * point is marked uncertain (classified exactly afterwards).
 *
 * Bound per unit with c inputs, n = c + 4 (docs/float-bounds.md derives it):
 * e = (Σ|w|·e_h·(1 + 2nu) + 2nu·(|b| + Σ|w||h|))·(1 + 10⁻¹²) + (2c + 8)·2^-1074, with
 * e_x = 2u|x̃| for the inputs (x̃ = z/D correctly rounded, |x| ≥ 2^-53: never subnormal),
 * e_h = e or 0 (a certainly negative unit outputs exactly 0) for the next layer, |w| and |b|
 * as boundMagnitude, and the last term for products, sums and bound terms that underflow.
 * Overflow needs no term: an infinite or NaN z̃ or e never passes |z̃| > e.
 */
type CertifiedPass = (z: Float64Array, count: number, D: number, keys: Float64Array, certain: Uint8Array) => void;

/** The absolute (underflow) term of a unit with `cols` inputs. */
const underflowTerm = (cols: number): number => (2 * cols + 8) * ETA;

function compileCertifiedPass(layers: readonly { W: Matrix; b: readonly Rational[] }[], M: number, chunks: number): CertifiedPass {
  const lit = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
  const offsets = maskOffsets(layers);
  const lines: string[] = ['pt: for (let i = 0; i < count; i++) {', `const o = i * ${M};`, `certain[i] = 0;`];
  for (let k = 0; k < M; k++) lines.push(`const h0_${k} = z[o + ${k}] / D; const e0_${k} = ${lit(2 * U)} * Math.abs(h0_${k}); const a0_${k} = Math.abs(h0_${k});`);
  for (let c = 0; c < chunks; c++) lines.push(`let k${c} = 0;`);
  layers.forEach((layer, l) => {
    const cols = layer.W.cols;
    const n = cols + 4;
    for (let r = 0; r < layer.W.rows; r++) {
      const b = toNumber(layer.b[r]!);
      let sum = lit(b);
      let mag = lit(boundMagnitude(b));
      let prop = '0';
      for (let k = 0; k < cols; k++) {
        const w = toNumber(layer.W.data[r * cols + k]!);
        if (w === 0) continue;
        sum = `${sum} + ${lit(w)} * h${l}_${k}`;
        mag = `${mag} + ${lit(boundMagnitude(w))} * a${l}_${k}`;
        prop = `${prop} + ${lit(Math.abs(w))} * e${l}_${k}`;
      }
      const v = `${l + 1}_${r}`;
      const bit = offsets[l]! + r;
      lines.push(
        `const s${v} = ${sum};`,
        `const e${v}x = ((${prop}) * ${lit(1 + 2 * n * U)} + ${lit(2 * n * U)} * (${mag})) * ${lit(1 + 1e-12)} + ${lit(underflowTerm(cols))};`,
        `if (!(Math.abs(s${v}) > e${v}x)) continue pt;`,
        `const pos${v} = s${v} > 0;`,
        `const h${v} = pos${v} ? s${v} : 0; const a${v} = h${v}; const e${v} = pos${v} ? e${v}x : 0;`,
        `k${Math.floor(bit / CHUNK_BITS)} = k${Math.floor(bit / CHUNK_BITS)} * 2 + (pos${v} ? 1 : 0);`,
      );
    }
  });
  for (let c = 0; c < chunks; c++) lines.push(`keys[i * ${chunks} + ${c}] = k${c};`);
  lines.push('certain[i] = 1;', '}');
  return new Function('z', 'count', 'D', 'keys', 'certain', lines.join('\n')) as CertifiedPass;
}

/** The hidden layers as float arrays for the loop pass (|w| as boundMagnitude). */
interface FloatLayers {
  readonly W: Float64Array;
  readonly absW: Float64Array;
  readonly b: Float64Array;
  readonly absB: Float64Array;
  readonly cols: number;
  readonly rows: number;
  /** Scratch for this layer's outputs and their bounds (reused for every point). */
  readonly out: Float64Array;
  readonly eOut: Float64Array;
}

function floatLayers(layers: readonly { W: Matrix; b: readonly Rational[] }[]): FloatLayers[] {
  return layers.map((l) => {
    const W = Float64Array.from(l.W.data, (v) => toNumber(v));
    const b = Float64Array.from(l.b, (v) => toNumber(v));
    return { W, absW: W.map(boundMagnitude), b, absB: b.map(boundMagnitude), cols: l.W.cols, rows: l.W.rows, out: new Float64Array(l.W.rows), eOut: new Float64Array(l.W.rows) };
  });
}

/**
 * One point through the certified layers (the loop form of the compiled pass: same values,
 * same bounds). `visit(l, r, s, e)` sees every unit's z̃ and bound; it returns false to stop
 * (the pass stops at the first uncertain unit). A unit that is not certain is continued with
 * h = max(z̃, 0) and bound e (ReLU is 1-Lipschitz), so a full trace stays rigorous.
 */
function certifiedPoint(fl: readonly FloatLayers[], x: Float64Array, ex: Float64Array, visit: (l: number, r: number, s: number, e: number) => boolean): boolean {
  let h = x;
  let eh = ex;
  for (let j = 0; j < x.length; j++) ex[j] = 2 * U * Math.abs(x[j]!);
  for (let l = 0; l < fl.length; l++) {
    const { W, absW, b, absB, cols, rows, out: next, eOut: enext } = fl[l]!;
    const n = cols + 4;
    for (let r = 0; r < rows; r++) {
      let s = b[r]!;
      let mag = absB[r]!;
      let prop = 0;
      for (let j = 0; j < cols; j++) {
        const w = W[r * cols + j]!;
        if (w === 0) continue;
        s += w * h[j]!;
        mag += absW[r * cols + j]! * Math.abs(h[j]!);
        prop += Math.abs(w) * eh[j]!;
      }
      const e = (prop * (1 + 2 * n * U) + 2 * n * U * mag) * (1 + 1e-12) + underflowTerm(cols);
      if (!visit(l, r, s, e)) return false;
      const certainlyNegative = -s > e;
      next[r] = s > 0 ? s : 0;
      enext[r] = certainlyNegative ? 0 : e;
    }
    h = next;
    eh = enext;
  }
  return true;
}

/**
 * The same certified pass as a plain loop (same bound, same keys): for small data, where
 * compiling the straight-line code costs more than it saves.
 */
function loopCertifiedPass(layers: readonly { W: Matrix; b: readonly Rational[] }[], M: number, chunks: number): CertifiedPass {
  const fl = floatLayers(layers);
  const offsets = maskOffsets(layers);
  const k = new Float64Array(chunks);
  const x = new Float64Array(M);
  const ex = new Float64Array(M);
  return (z, count, D, keys, certain) => {
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < M; j++) x[j] = z[i * M + j]! / D;
      k.fill(0);
      const ok = certifiedPoint(fl, x, ex, (l, r, s, e) => {
        if (!(Math.abs(s) > e)) return false;
        const c = Math.floor((offsets[l]! + r) / CHUNK_BITS);
        k[c] = k[c]! * 2 + (s > 0 ? 1 : 0);
        return true;
      });
      certain[i] = ok ? 1 : 0;
      if (ok) for (let c = 0; c < chunks; c++) keys[i * chunks + c] = k[c]!;
    }
  };
}

/**
 * Every hidden pre-activation of the network at x̃ = z/D as the certified pass computes it,
 * with its bound: |z̃ − z| ≤ e for the exact z at x = z/D (for tests and the audit; the pass
 * itself stops at the first uncertain unit).
 */
export function certifiedTrace(net: Pick<Network, 'hidden'>, z: Float64Array, D: number): { s: number[][]; e: number[][] } {
  const fl = floatLayers(net.hidden);
  const s = fl.map(() => [] as number[]);
  const e = fl.map(() => [] as number[]);
  const x = Float64Array.from(z, (v) => v / D);
  certifiedPoint(fl, x, new Float64Array(x.length), (l, _r, sv, ev) => {
    s[l]!.push(sv);
    e[l]!.push(ev);
    return true;
  });
  return { s, e };
}

/** Below this many points the loop pass is used (compiling costs ~50 ms per network). */
export const COMPILE_FROM = 20_000;

/** Pattern bits (layer-major, unit-minor) → chunk numbers, in the order the compiled pass builds them. */
function encodeMask(mask: Uint8Array, chunks: number, out: Float64Array, at: number): void {
  for (let c = 0; c < chunks; c++) {
    let k = 0;
    for (let bit = c * CHUNK_BITS; bit < Math.min(mask.length, (c + 1) * CHUNK_BITS); bit++) k = k * 2 + mask[bit]!;
    out[at + c] = k;
  }
}

function decodeMask(keys: Float64Array, at: number, width: number, chunks: number): Uint8Array {
  const mask = new Uint8Array(width);
  for (let c = 0; c < chunks; c++) {
    let k = keys[at + c]!;
    const end = Math.min(width, (c + 1) * CHUNK_BITS);
    for (let bit = end - 1; bit >= c * CHUNK_BITS; bit--) {
      mask[bit] = k % 2;
      k = Math.floor(k / 2);
    }
  }
  return mask;
}

/**
 * Classifies every data point by its activation pattern (certified float, exact where unsure).
 * @example classifyPatterns(net, ds).groups.length
 */
export function classifyPatterns(net: Network, ds: DataSet, pass: 'compiled' | 'loop' = ds.N >= COMPILE_FROM ? 'compiled' : 'loop'): PatternClassification {
  const cd = compactOf(ds);
  const M = ds.M;
  const offsets = maskOffsets(net.hidden);
  const width = offsets[offsets.length - 1]!;
  const chunks = Math.max(1, Math.ceil(width / CHUNK_BITS));
  const certifiedPass = (pass === 'compiled' ? compileCertifiedPass : loopCertifiedPass)(net.hidden, M, chunks);
  const index = new Map<string, number>();
  const masks: Uint8Array[] = [];
  const perClassGid: Int32Array[] = [];
  let someZero = false;
  let exactPoints = 0;
  const mask = new Uint8Array(width);
  // The hidden layers scaled to integers (one common denominator per layer), for exact signs.
  const intLayers = net.hidden.map((layer) => {
    const d = commonDenominator(layer.b, commonDenominator(layer.W.data));
    return { Wi: overCommonDenominator(layer.W.data, d).ints, bi: overCommonDenominator(layer.b, d).ints, d };
  });

  cd.classes.forEach((c: CompactClass) => {
    const gids = new Int32Array(c.count);
    const keys = new Float64Array(c.count * chunks);
    const certain = new Uint8Array(c.count);
    const D = Number(c.den);
    if (c.f64 && Number.isFinite(D) && c.den < 2n ** 53n) certifiedPass(c.f64, c.count, D, keys, certain);
    let prev = -1;
    for (let i = 0; i < c.count; i++) {
      if (!certain[i]) {
        // Exact, on integers: h = H/Dh, layer W = Wi/d, b = bi/d, so z = (Wi H + bi·Dh)/(d·Dh)
        // has the signs of the integer vector Z = Wi H + bi·Dh (denominators are positive).
        exactPoints++;
        let H: bigint[] = Array.from({ length: M }, (_, k) => zAt(c, M, i, k));
        let Dh = c.den;
        intLayers.forEach(({ Wi, bi, d }, l) => {
          const rows = bi.length;
          const cols = H.length;
          const Z = new Array<bigint>(rows);
          for (let r = 0; r < rows; r++) {
            let v = bi[r]! * Dh;
            for (let k = 0; k < cols; k++) if (H[k] !== 0n) v += Wi[r * cols + k]! * H[k]!;
            if (v === 0n) someZero = true;
            mask[offsets[l]! + r] = v > 0n ? 1 : 0;
            Z[r] = v > 0n ? v : 0n;
          }
          H = Z;
          Dh *= d;
        });
        encodeMask(mask, chunks, keys, i * chunks);
      }
      // Clustered data: consecutive points mostly share a pattern, so compare with the previous one first.
      let same = prev >= 0;
      for (let k = 0; same && k < chunks; k++) same = keys[i * chunks + k] === keys[(i - 1) * chunks + k];
      if (!same) {
        const key = chunks === 1 ? String(keys[i]) : Array.from(keys.subarray(i * chunks, (i + 1) * chunks)).join(',');
        let g = index.get(key);
        if (g === undefined) {
          g = masks.length;
          index.set(key, g);
          masks.push(decodeMask(keys, i * chunks, width, chunks));
        }
        prev = g;
      }
      gids[i] = prev;
    }
    perClassGid.push(gids);
  });

  // Row lists per group and class.
  const G = masks.length;
  const Q = cd.classes.length;
  const counts = Array.from({ length: G }, () => new Array<number>(Q).fill(0));
  perClassGid.forEach((gids, j) => gids.forEach((g) => counts[g]![j]!++));
  const groups: PatternGroup[] = masks.map((m, g) => ({ mask: m, rows: counts[g]!.map((n) => new Int32Array(n)), counts: counts[g]!.slice() }));
  const fill = Array.from({ length: G }, () => new Array<number>(Q).fill(0));
  perClassGid.forEach((gids, j) => gids.forEach((g, i) => (groups[g]!.rows[j]![fill[g]![j]!++] = i)));
  return { groups, someZero, exactPoints };
}


// Memoized per data set and network parameters: the engine's claims and the checker's re-checks of
// the same network (D1, degeneracy, D3, R1; each D2 candidate twice) share one float pass. An entry
// holds only moments (size independent of N), so every D2 candidate at Q = 8 fits.
const groupedCache = new WeakMap<object, Map<string, GroupedMoments>>();
const CACHE_PER_DATA = 600;

function hiddenKey(hidden: readonly Layer[]): string {
  return hidden.map((l) => `${l.W.data.join(',')};${l.b.join(',')}`).join('|');
}

/**
 * The pattern groups of `net` on the data with each group's moments (no row lists kept),
 * remembered for the last few networks per data set.
 */
export function groupedMoments(net: Pick<Network, 'hidden'>, ds: DataSet, classification?: PatternClassification): GroupedMoments {
  let perData = groupedCache.get(ds.classes);
  if (!perData) groupedCache.set(ds.classes, (perData = new Map()));
  const key = hiddenKey(net.hidden);
  const known = perData.get(key);
  if (known) return known;
  // No classification given and every class strictly inside one pattern: its class moments (class-patterns.ts).
  const strict = classification ? undefined : strictClassPatterns(net, ds);
  const cls = strict ? undefined : (classification ?? classifyPatterns(net as Network, ds));
  const cd = compactOf(ds);
  const result: GroupedMoments = strict ?? {
    someZero: cls!.someZero,
    exactPoints: cls!.exactPoints,
    groups: cls!.groups.map((g) => ({
      mask: g.mask,
      parts: g.rows.flatMap((rows, j) => (g.counts[j] ? [{ cls: j, moments: { ...integerMoments(cd.classes[j]!, ds.M, rows, g.counts[j]), den: cd.classes[j]!.den } }] : [])),
    })),
  };
  if (perData.size >= CACHE_PER_DATA) perData.delete(perData.keys().next().value!);
  perData.set(key, result);
  return result;
}

/**
 * A pattern as certificates name it: "+-+|++-", layer by layer (L layers of M units, or of
 * the given widths d_1..d_L).
 */
export function patternLabel(mask: Uint8Array, L: number, M: number | readonly number[]): string {
  const widths = typeof M === 'number' ? new Array<number>(L).fill(M) : M;
  let at = 0;
  return widths.map((w) => Array.from(mask.subarray(at, (at += w)), (v) => (v ? '+' : '-')).join('')).join('|');
}

/** The exact affine maps of the network on one pattern: pre-activations, activations, output. */
export function patternMaps(net: Pick<Network, 'hidden' | 'output'>, mask: Uint8Array): PatternMaps {
  // Memoized per network object and mask: a certificate's checks and the engine's steps reuse them.
  let perNet = mapsMemo.get(net);
  if (!perNet) mapsMemo.set(net, (perNet = new WeakMap()));
  let maps = perNet.get(mask);
  if (!maps) perNet.set(mask, (maps = computePatternMaps(net, mask)));
  return maps;
}

/** x ↦ A x + c, exactly. */
export interface Affine {
  readonly A: Matrix;
  readonly c: readonly Rational[];
}

type PatternMaps = { readonly pre: Affine[]; readonly hidden: Affine[]; readonly output: Affine; readonly outputInt: IntMap; readonly hiddenInt: IntMap[] };

/**
 * The masked hidden maps h_ℓ = D_ℓ(W_ℓ h_{ℓ−1} + b_ℓ) on one pattern, ℓ = 1..L, as x ↦ (A x + c)/d
 * in integers (d = the product of the layers' intLayer denominators up to ℓ), remembered.
 */
export function patternHiddenInt(net: Pick<Network, 'hidden' | 'output'>, mask: Uint8Array): IntMap[] {
  return patternMaps(net, mask).hiddenInt;
}

/**
 * The network's output on one pattern as x ↦ (A x + c)/d in integers (A: Q×M row-major, one
 * denominator d > 0): the same map as patternMaps(net, mask).output, before any reduction.
 */
export function patternOutputInt(net: Pick<Network, 'hidden' | 'output'>, mask: Uint8Array): IntMap {
  return patternMaps(net, mask).outputInt;
}
const mapsMemo = new WeakMap<object, WeakMap<Uint8Array, PatternMaps>>();

/** x ↦ (Ai x + ci)/d in integers (rows × M, one denominator). */
export interface IntMap {
  readonly A: bigint[];
  readonly c: bigint[];
  readonly d: bigint;
  readonly rows: number;
}

/** W h + b for the layer (W, b) = (Wi, bi)/dW and h = (A, c)/dh, over dW·dh: BigInt products, no gcd. */
function composeInt(layer: IntLayer, h: IntMap, M: number): IntMap {
  const rows = layer.rows;
  const cols = h.rows;
  if (layer.rankOne) {
    // W = α I + 1 vᵀ: (W h)_r = α h_r + vᵀh (O(M²), the same integers).
    const { alpha, v } = layer.rankOne;
    const u = new Array<bigint>(M).fill(0n);
    let uc = 0n;
    for (let k = 0; k < cols; k++) {
      const w = v[k]!;
      if (w === 0n) continue;
      uc += w * h.c[k]!;
      for (let q = 0; q < M; q++) if (h.A[k * M + q] !== 0n) u[q]! += w * h.A[k * M + q]!;
    }
    const A = new Array<bigint>(rows * M);
    const c = new Array<bigint>(rows);
    for (let r = 0; r < rows; r++) {
      for (let q = 0; q < M; q++) A[r * M + q] = alpha * h.A[r * M + q]! + u[q]!;
      c[r] = layer.b[r]! * h.d + alpha * h.c[r]! + uc;
    }
    return { A, c, d: layer.den * h.d, rows };
  }
  const A = new Array<bigint>(rows * M).fill(0n);
  const c = new Array<bigint>(rows);
  for (let r = 0; r < rows; r++) {
    let cr = layer.b[r]! * h.d;
    for (let k = 0; k < cols; k++) {
      const w = layer.W[r * cols + k]!;
      if (w === 0n) continue;
      cr += w * h.c[k]!;
      for (let q = 0; q < M; q++) {
        const a = h.A[k * M + q]!;
        if (a !== 0n) A[r * M + q]! += w * a;
      }
    }
    c[r] = cr;
  }
  return { A, c, d: layer.den * h.d, rows };
}

/**
 * The output map on one pattern in integers, the same integers as composing forward layer by
 * layer (composeInt from the identity), but with the linear part multiplied from the output
 * side: A = Wo·D_L·W_L ⋯ D_1·W_1 costs Q·M² per layer instead of M³; c goes forward (M² per layer).
 */
function outputMapInt(hidden: readonly IntLayer[], out: IntLayer, mask: Uint8Array, offsets: readonly number[], M: number): IntMap {
  // c and d forward: c_ℓ = D_ℓ(W_ℓ c_{ℓ−1} + b_ℓ d_{ℓ−1}), d_ℓ = den_ℓ d_{ℓ−1}.
  let c: bigint[] = new Array<bigint>(M).fill(0n);
  let d = 1n;
  const step = (layer: IntLayer, keep: (r: number) => boolean): void => {
    const next = new Array<bigint>(layer.rows).fill(0n);
    for (let r = 0; r < layer.rows; r++) {
      if (!keep(r)) continue;
      let v = layer.b[r]! * d;
      for (let k = 0; k < layer.cols; k++) {
        const w = layer.W[r * layer.cols + k]!;
        if (w !== 0n && c[k] !== 0n) v += w * c[k]!;
      }
      next[r] = v;
    }
    c = next;
    d *= layer.den;
  };
  hidden.forEach((layer, l) => step(layer, (r) => mask[offsets[l]! + r] === 1));
  step(out, () => true);
  // A from the output side: R = Wo, then R ← (R with the inactive columns of layer ℓ dropped)·W_ℓ.
  let R: bigint[] = [...out.W];
  let width = out.cols;
  const Q = out.rows;
  for (let l = hidden.length - 1; l >= 0; l--) {
    const layer = hidden[l]!;
    const next = new Array<bigint>(Q * layer.cols).fill(0n);
    if (layer.rankOne) {
      // R_masked (α I + 1 vᵀ) = α R_masked + (R_masked 1) vᵀ.
      const { alpha, v } = layer.rankOne;
      for (let i = 0; i < Q; i++) {
        let s = 0n;
        for (let k = 0; k < width; k++) if (mask[offsets[l]! + k] === 1) s += R[i * width + k]!;
        for (let q = 0; q < layer.cols; q++) next[i * layer.cols + q] = (mask[offsets[l]! + q] === 1 ? alpha * R[i * width + q]! : 0n) + s * v[q]!;
      }
      R = next;
      width = layer.cols;
      continue;
    }
    for (let k = 0; k < width; k++) {
      if (mask[offsets[l]! + k] !== 1) continue;
      for (let i = 0; i < Q; i++) {
        const x = R[i * width + k]!;
        if (x === 0n) continue;
        for (let q = 0; q < layer.cols; q++) {
          const w = layer.W[k * layer.cols + q]!;
          if (w !== 0n) next[i * layer.cols + q]! += x * w;
        }
      }
    }
    R = next;
    width = layer.cols;
  }
  return { A: R, c, d, rows: Q };
}

function maskInt(u: IntMap, keep: (row: number) => boolean, M: number): IntMap {
  const A = u.A.slice();
  const c = u.c.slice();
  for (let r = 0; r < u.rows; r++)
    if (!keep(r)) {
      c[r] = 0n;
      A.fill(0n, r * M, (r + 1) * M);
    }
  return { A, c, d: u.d, rows: u.rows };
}

function toAffine(u: IntMap, M: number): Affine {
  const q = (v: bigint): Rational => (v === 0n ? Rational.ZERO : Rational.of(v, u.d));
  return { A: new Matrix(u.rows, M, u.A.map(q)), c: u.c.map(q) };
}

/**
 * The maps of computePatternMaps composed in integers over one denominator per map (the same
 * exact values as composing Rational matrices); each map becomes Rationals only when read
 * (pre and hidden lazily: ms needs only the output).
 */
function computePatternMaps(net: Pick<Network, 'hidden' | 'output'>, mask: Uint8Array): PatternMaps {
  const offsets = maskOffsets(net.hidden);
  const M = inputDim(net);
  const hiddenLayers = net.hidden.map(intLayer);
  const outputInt = outputMapInt(hiddenLayers, intLayer(net.output), mask, offsets, M);
  // The hidden maps forward from the identity, when first read (ms needs only the output).
  let ints: { pre: IntMap[]; hidden: IntMap[] } | undefined;
  const forwardInt = () => {
    if (ints) return ints;
    const ident: bigint[] = new Array<bigint>(M * M).fill(0n);
    for (let k = 0; k < M; k++) ident[k * M + k] = 1n;
    let h: IntMap = { A: ident, c: new Array<bigint>(M).fill(0n), d: 1n, rows: M };
    const pre: IntMap[] = [];
    const hidden: IntMap[] = [];
    hiddenLayers.forEach((layer, l) => {
      const z = composeInt(layer, h, M);
      pre.push(z);
      hidden.push((h = maskInt(z, (r) => mask[offsets[l]! + r] === 1, M)));
    });
    return (ints = { pre, hidden });
  };
  let chain: { pre: Affine[]; hidden: Affine[] } | undefined;
  const forward = () => (chain ??= { pre: forwardInt().pre.map((u) => toAffine(u, M)), hidden: forwardInt().hidden.map((u) => toAffine(u, M)) });
  let output: Affine | undefined;
  return {
    outputInt,
    get hiddenInt() {
      return forwardInt().hidden;
    },
    get output() {
      return (output ??= toAffine(outputInt, M));
    },
    get pre() {
      return forward().pre;
    },
    get hidden() {
      return forward().hidden;
    },
  };
}
