/**
 * The checker's view of the data through a network (part of the trusted base): every point
 * classified by its activation pattern in one plain loop, and per pattern and class the
 * exact moments of the points. The network is affine on a pattern, so the checker's sums
 * over the data are exact sums over these moments (affine.ts). Nothing is cached or shared
 * with the engine; no code is generated.
 *
 * Classification, point by point: the float pre-activations z̃, and per class a rigorous bound
 * e on |z̃ − z| for each unit (classBounds). Every unit with |z̃| > e has the sign of z̃; a
 * point with any other unit is classified in exact integer arithmetic instead. A pre-activation exactly 0 counts as
 * inactive (σ(0) = 0) and is reported in `someZero`.
 */
import type { DataSet } from '../data/dataset.ts';
import { compactOf, integerMoments, zAt, type CompactClass } from '../data/compact.ts';
import { vec } from './linalg.ts';
import { addAffine, affineOf, compose, constantAffine, identityAffine, maskRows, momentsOf, type Affine, type Moments } from './affine.ts';
import { forwardIntegers, type KNet } from './kernel.ts';

/** The points of one activation pattern, with their moments per class present. */
export interface MomentGroup {
  /** One entry per hidden unit, layer by layer: 1 = active (z > 0). */
  readonly mask: Uint8Array;
  readonly parts: readonly { readonly cls: number; readonly moments: Moments }[];
}

export interface GroupedMoments {
  readonly groups: readonly MomentGroup[];
  /** Whether some hidden pre-activation is exactly 0 on the data. */
  readonly someZero: boolean;
  /** How many points the float pass left to exact classification (a unit within its rounding bound). */
  readonly exactPoints: number;
}

const U = 2 ** -53;
/** |p| as it enters the bound: a nonzero subnormal parameter counts as 2^-1022. */
const magnitude = (p: number): number => (p === 0 ? 0 : Math.max(Math.abs(p), 2 ** -1022));

/** The hidden layers once as floats (for the float pass) and as integers over one denominator (for the exact one). */
function layerForms(net: KNet) {
  return net.hidden.map((l) => {
    const [W, b] = [Float64Array.from(l.W.data, (v) => v.toNumber()), Float64Array.from(l.b, (v) => v.toNumber())];
    return { ...affineOf(l.W, l.b), W, b, absW: W.map(magnitude), absB: b.map(magnitude), h: new Float64Array(l.W.rows) };
  });
}
type LayerForm = ReturnType<typeof layerForms>[number];

/**
 * Rounding bounds for every hidden unit, valid at every point of a class whose coordinates
 * are at most X in absolute value: e_r ≥ |z̃_r − z_r| (z̃ the float pre-activation). The
 * per-point bound of docs/float-bounds.md, for a unit with c inputs and n = c + 4,
 *   e = (Σ|w|·e_h·(1 + 2nu) + 2nu·(|b| + Σ|w||h̃|))·(1 + 10⁻¹²) + (2c + 8)·2^-1074,  e_x = 2u|x̃|,
 * grows with |h̃| and e_h, so it holds with upper bounds H ≥ |h̃| and E ≥ e_h over the class in
 * their place. |h̃_r| ≤ |z̃_r| ≤ (|b| + Σ|w|H)(1 + 2nu)(1 + 10⁻¹²) + (2c + 8)·2^-1074 (ReLU only
 * shrinks). |w|, |b| as `magnitude`. An overflow gives an infinite bound: every point exact.
 */
function classBounds(layers: readonly LayerForm[], M: number, X: number): Float64Array[] {
  let H = new Float64Array(M).fill(X);
  let E = new Float64Array(M).fill(2 * U * X);
  return layers.map(({ rows, cols, absW, absB }) => {
    const n = cols + 4;
    const [nextH, e] = [new Float64Array(rows), new Float64Array(rows)];
    for (let r = 0; r < rows; r++) {
      let [mag, prop] = [absB[r]!, 0];
      for (let j = 0; j < cols; j++) {
        mag += absW[r * cols + j]! * H[j]!;
        prop += absW[r * cols + j]! * E[j]!;
      }
      const tiny = (2 * cols + 8) * 2 ** -1074;
      e[r] = (prop * (1 + 2 * n * U) + 2 * n * U * mag) * (1 + 1e-12) + tiny;
      nextH[r] = mag * (1 + 2 * n * U) * (1 + 1e-12) + tiny;
    }
    [H, E] = [nextH, e];
    return e;
  });
}

/**
 * The signs of every hidden unit at x in float, up to the first layer whose units are all proved
 * off (then h = 0 exactly there, and the rest of the pattern is the zero vector's): that layer's
 * index, L when there is none, −1 when a unit is within its rounding bound (e).
 */
function floatPattern(layers: readonly LayerForm[], e: readonly Float64Array[], x: Float64Array, mask: Uint8Array): number {
  let h = x;
  let bit = 0;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l]!;
    const [W, b, out, el, cols] = [layer.W, layer.b, layer.h, e[l]!, layer.cols];
    let on = 0;
    for (let r = 0; r < layer.rows; r++) {
      let s = b[r]!;
      for (let j = 0; j < cols; j++) s += W[r * cols + j]! * h[j]!;
      if (!(Math.abs(s) > el[r]!)) return -1;
      on += mask[bit++] = s > 0 ? 1 : 0;
      out[r] = s > 0 ? s : 0;
    }
    if (on === 0) return l;
    h = out;
  }
  return layers.length;
}

/** Writes the signs of exact pre-activations into mask from bit `at`; returns whether one is 0. */
function exactSigns(pre: readonly bigint[], mask: Uint8Array, at: number): boolean {
  pre.forEach((v, k) => (mask[at + k] = v > 0n ? 1 : 0));
  return pre.some((v) => v === 0n);
}

/** The pattern of point i exactly, on integers; returns whether some pre-activation is 0. */
function exactPattern(layers: readonly LayerForm[], c: CompactClass, M: number, i: number, mask: Uint8Array): boolean {
  const z = Array.from({ length: M }, (_, k) => zAt(c, M, i, k));
  // The signs of z = (A H + c·Dh)/(d·Dh) are those of the numerators.
  return exactSigns(forwardIntegers(layers, z, c.den).flatMap((l) => l.z), mask, 0);
}

/** Every point's activation pattern, grouped, with exact moments per group and class. */
export function groupedMoments(net: KNet, ds: DataSet): GroupedMoments {
  const cd = compactOf(ds);
  const M = ds.M;
  const width = net.hidden.reduce((s, l) => s + l.W.rows, 0);
  const index = new Map<string, number>();
  const gids = cd.classes.map((c) => new Int32Array(c.count));
  const masks: Uint8Array[] = [];
  let someZero = false;
  let exactPoints = 0;
  const layers = layerForms(net);
  const x = new Float64Array(M);
  const mask = new Uint8Array(width);
  let g = -1;
  // Layer l all off: h = 0 there, so the later pre-activations are the zero vector's, found exactly once per l.
  const tails: bigint[][] = [];
  const tail = (l: number) => (tails[l] ??= forwardIntegers(layers.slice(l + 1), Array<bigint>(layers[l]!.rows).fill(0n), 1n).flatMap((o) => o.z));
  cd.classes.forEach((c, j) => {
    // x̃ = z/D, both exact in float64: one rounding, |x̃| ≤ (maxAbs/D)(1 + u).
    const D = c.f64 !== undefined && c.den < 2n ** 53n ? Number(c.den) : 0;
    const e = classBounds(layers, M, D ? (c.maxAbs / D) * (1 + 4 * U) : Infinity);
    const z = c.f64 ?? new Float64Array(0);
    for (let i = 0; i < c.count; i++) {
      for (let k = 0; k < M && D; k++) x[k] = z[i * M + k]! / D;
      const l = D ? floatPattern(layers, e, x, mask) : -1;
      if (l < 0) exactPoints++;
      if (l < 0) someZero = exactPattern(layers, c, M, i, mask) || someZero;
      else if (l < layers.length) someZero = exactSigns(tail(l), mask, width - tail(l).length) || someZero;
      // Clustered data: consecutive points mostly share a pattern, so compare with the previous one first.
      let same = g >= 0;
      for (let k = 0; same && k < width; k++) same = masks[g]![k] === mask[k];
      if (!same) {
        const key = mask.join('');
        g = index.get(key) ?? -1;
        if (g < 0) {
          index.set(key, (g = masks.length));
          masks.push(mask.slice());
        }
      }
      gids[j]![i] = g;
    }
  });
  // Each group's rows per class, then their exact moments.
  const rows = masks.map(() => cd.classes.map((): number[] => []));
  gids.forEach((ids, j) => ids.forEach((id, i) => rows[id]![j]!.push(i)));
  const groups = masks.map((mask, id) => ({
    mask,
    parts: rows[id]!.flatMap((r, j) => (r.length ? [{ cls: j, moments: momentsOf(integerMoments(cd.classes[j]!, M, r), cd.classes[j]!.den) }] : [])),
  }));
  return { groups, someZero, exactPoints };
}

/** A pattern as certificates name it: "+-+|++-", layer by layer. */
export function patternLabel(mask: Uint8Array, widths: readonly number[]): string {
  let at = 0;
  return widths.map((w) => Array.from(mask.subarray(at, (at += w)), (v) => (v ? '+' : '-')).join('')).join('|');
}

/** The mask's units of each hidden layer. */
export function layerMasks(net: KNet, mask: Uint8Array): Uint8Array[] {
  let at = 0;
  return net.hidden.map((l) => mask.subarray(at, (at += l.W.rows)));
}

/** The exact affine maps of the network on one pattern: pre-activations, activations, output. */
export function patternMaps(net: KNet, mask: Uint8Array): { pre: Affine[]; hidden: Affine[]; output: Affine } {
  const units = layerMasks(net, mask);
  let h = identityAffine((net.hidden[0] ?? net.output).W.cols);
  const pre: Affine[] = [];
  const hidden: Affine[] = [];
  net.hidden.forEach((layer, l) => {
    const z = compose(layer.W, h, layer.b);
    pre.push(z);
    hidden.push((h = maskRows(z, (r) => units[l]![r] === 1)));
  });
  return { pre, hidden, output: compose(net.output.W, h, net.output.b) };
}

/**
 * The output at parameters p + t·d on one fixed pattern as a series a₀ + a₁t + a₂t² of affine
 * maps of x: exact near t = 0 when the pattern is strict on the group's points.
 */
export function patternJets(net: KNet, dir: KNet, mask: Uint8Array): [Affine, Affine, Affine] {
  const units = layerMasks(net, mask);
  const M = (net.hidden[0] ?? net.output).W.cols;
  const zero = (rows: number): Affine => constantAffine(vec.zeros(rows), M);
  let h: [Affine, Affine, Affine] = [identityAffine(M), zero(M), zero(M)];
  const dirs = [...dir.hidden, dir.output];
  [...net.hidden, net.output].forEach((layer, l) => {
    const d = dirs[l]!;
    const none = vec.zeros(layer.W.rows);
    const z: Affine[] = [
      compose(layer.W, h[0], layer.b),
      addAffine(compose(layer.W, h[1], d.b), compose(d.W, h[0], none)),
      addAffine(compose(layer.W, h[2], none), compose(d.W, h[1], none)),
    ];
    h = (l < net.hidden.length ? z.map((a) => maskRows(a, (r) => units[l]![r] === 1)) : z) as [Affine, Affine, Affine];
  });
  return h;
}
