/**
 * The checker's view of the data through a network (part of the trusted base): every point
 * classified by its activation pattern in one plain loop, and per pattern and class the
 * exact moments of the points. The network is affine on a pattern, so the checker's sums
 * over the data are exact sums over these moments (affine.ts). Nothing is cached or shared
 * with the engine; no code is generated.
 *
 * Classification, point by point and layer by layer: once a point's pattern is known on the
 * layers before ℓ, its pre-activations at ℓ are the exact affine map of that pattern (preAt),
 * A z + c·D in the class's integers z = D·x. A row with A = 0 has the exact sign of c; any other is
 * evaluated in float with a rigorous bound e on the rounding, and |z̃| > e gives the sign of z̃; a
 * point with any other unit is classified in exact integer arithmetic instead. A pre-activation
 * exactly 0 counts as inactive (σ(0) = 0) and is reported in `someZero`.
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

/** The hidden layers as integers over one denominator (for the exact pass). */
const layerForms = (net: KNet): Affine[] => net.hidden.map((l) => affineOf(l.W, l.b));

/**
 * Layer ℓ's pre-activations on the points of class c (z = D·x, |z| ≤ maxAbs < 2^53, exact floats)
 * whose earlier layers have one pattern, as signs of the rows of A z + c·D (u: x ↦ (A x + c)/d, d > 0). fixed: the exact sign of a row with A = 0 (2: not constant). e bounds |s̃ − s| for the
 * float sum s̃ = fl(c̃ + Σ ã_k z_k), ã = fl(A) (never subnormal: integers), by docs/float-bounds.md
 * §1 with exact inputs (P = 0), c = M inputs, n = M + 4: e = 2nu·(|c̃| + Σ|ã|·maxAbs)·(1 + 10⁻¹²) +
 * (2M + 8)·2^-1074. An overflow makes e or s̃ infinite or NaN: the test fails, the point goes exact.
 */
function floatRows(u: Affine, c: CompactClass) {
  const [a, k0] = [Float64Array.from(u.A, Number), Float64Array.from(u.c, (v) => Number(v * c.den))];
  const fixed = Int8Array.from(u.c, (v, r) => (u.A.slice(r * u.cols, (r + 1) * u.cols).some((x) => x !== 0n) ? 2 : v > 0n ? 1 : v < 0n ? -1 : 0));
  const e = k0.map((v, r) => 2 * (u.cols + 4) * U * a.subarray(r * u.cols, (r + 1) * u.cols).reduce((m, w) => m + Math.abs(w) * c.maxAbs, Math.abs(v)) * (1 + 1e-12) + (2 * u.cols + 8) * 2 ** -1074);
  return { rows: u.rows, cols: u.cols, a, k0, fixed, e };
}
type FloatRows = ReturnType<typeof floatRows>;

/** The signs of point i's units in float, layer by layer (rowsAt(ℓ) for the pattern so far): −1 when one is within its bound, else 1 when a constant row is 0. */
function floatPattern(rowsAt: (l: number) => FloatRows, L: number, z: Float64Array, at: number, mask: Uint8Array): number {
  let [bit, zero] = [0, 0];
  for (let l = 0; l < L; l++) {
    const { rows, cols, a, k0, fixed, e } = rowsAt(l);
    for (let r = 0; r < rows; r++, bit++) {
      let s = k0[r]!;
      for (let k = 0; k < cols && fixed[r] === 2; k++) s += a[r * cols + k]! * z[at + k]!;
      if (fixed[r] === 2 && !(Math.abs(s) > e[r]!)) return -1;
      mask[bit] = (fixed[r] === 2 ? s > 0 : fixed[r] === 1) ? 1 : 0;
      if (fixed[r] === 0) zero = 1;
    }
  }
  return zero;
}

/** The pattern of point i exactly, on integers; returns whether some pre-activation is 0. */
function exactPattern(layers: readonly Affine[], c: CompactClass, M: number, i: number, mask: Uint8Array): boolean {
  const z = Array.from({ length: M }, (_, k) => zAt(c, M, i, k));
  // The signs of z = (A H + c·Dh)/(d·Dh) are those of the numerators.
  const pre = forwardIntegers(layers, z, c.den).flatMap((l) => l.z);
  pre.forEach((v, bit) => (mask[bit] = v > 0n ? 1 : 0));
  return pre.some((v) => v === 0n);
}

/** Every point's activation pattern, grouped, with exact moments per group and class. */
export function groupedMoments(net: KNet, ds: DataSet): GroupedMoments {
  const cd = compactOf(ds);
  const M = ds.M;
  const widths = net.hidden.map((l) => l.W.rows);
  const starts = widths.map((_, l) => widths.slice(0, l).reduce((s, w) => s + w, 0)); // layer ℓ's first unit
  const width = widths.reduce((s, w) => s + w, 0);
  const index = new Map<string, number>();
  const gids = cd.classes.map((c) => new Int32Array(c.count));
  const masks: Uint8Array[] = [];
  let someZero = false;
  let exactPoints = 0;
  const layers = layerForms(net);
  const mask = new Uint8Array(width);
  let g = -1;
  // Layer ℓ's exact pre-activation map on each pattern of the layers before it (keyed by that pattern), for every class.
  const pre = new Map<string, Affine>();
  const preAt = (l: number, key: string): Affine => {
    if (!pre.has(key)) {
      const h = l === 0 ? identityAffine(M) : maskRows(preAt(l - 1, key.slice(0, starts[l - 1])), (r) => key[starts[l - 1]! + r] === '1');
      pre.set(key, compose(net.hidden[l]!.W, h, net.hidden[l]!.b));
    }
    return pre.get(key)!;
  };
  cd.classes.forEach((c, j) => {
    // Each layer's rows per pattern of the layers before it (by key), and those of the previous point's pattern.
    const known = new Map<string, FloatRows>();
    const [current, from] = [new Array<FloatRows | undefined>(widths.length), new Uint8Array(width)];
    const rowsAt = (l: number): FloatRows => {
      for (let k = starts[l - 1] ?? 0; k < starts[l]!; k++) if (mask[k] !== from[k]) current.fill(undefined, l);
      if (current[l]) return current[l]!;
      from.set(mask.subarray(0, starts[l]));
      const key = mask.subarray(0, starts[l]).join('');
      if (!known.has(key)) known.set(key, floatRows(preAt(l, key), c));
      return (current[l] = known.get(key)!);
    };
    for (let i = 0; i < c.count; i++) {
      const zero = c.f64 ? floatPattern(rowsAt, widths.length, c.f64, i * M, mask) : -1;
      if (zero < 0) exactPoints++;
      someZero = (zero < 0 ? exactPattern(layers, c, M, i, mask) : zero === 1) || someZero;
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
