/**
 * The data through a network: the points grouped by activation pattern, with exact moments per pattern and class (the
 * network is affine on a pattern, so every sum over the data is a sum over moments: affine.ts). A class whose every unit
 * is proved signed on it (boxSign) is one group; any other goes point by point, in float with a rigorous rounding bound,
 * else in exact integers. A pre-activation exactly 0 counts as inactive (σ(0) = 0) and is reported in `someZero`.
 */
import type { DataSet } from '../data/dataset.ts';
import { compactOf, integerMoments, zAt, type CompactClass, type CompactData } from '../data/compact.ts';
import { vec, type Vec } from './linalg.ts';
import { Rational } from '../exact/rational.ts';
import { addAffine, affineOf, constantAffine, identityAffine, maskRows, momentsOf, composeAffine, sumDotTerms, type Affine, type Moments } from './affine.ts';
import { forwardIntegers, type AnyNet } from './kernel.ts';

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
  /** How many points were classified one by one: those of the classes not decided on their box. */
  readonly pointsClassified: number;
  /** The network's exact maps on a pattern (any mask; patterns sharing their first layers share those layers' maps). */
  readonly maps: (g: MomentGroup) => PatternMaps;
}

const U = 2 ** -53;

/** A class's exact integer box (per coordinate min and max of z = D·x), its moments, and bounds on a·z per row a (boxSign). */
export type ClassBox = { readonly lo: bigint[]; readonly hi: bigint[]; readonly moments: Moments; readonly ranges: Map<string, readonly [bigint, bigint] | undefined> };

/** Every class's box and moments: one pass over the data (a class without points has none). */
export function classBoxes({ M, classes }: CompactData): (ClassBox | undefined)[] {
  return classes.map((c) => {
    if (!c.count) return undefined;
    const [lo, hi] = [0, 1].map(() => Array.from({ length: M }, (_, k) => zAt(c, M, 0, k)));
    for (let i = 1; i < c.count; i++)
      for (let k = 0; k < M; k++) {
        const v = zAt(c, M, i, k);
        [lo![k], hi![k]] = [v < lo![k]! ? v : lo![k]!, v > hi![k]! ? v : hi![k]!];
      }
    return { lo: lo!, hi: hi!, moments: momentsOf(integerMoments(c, M), c.den), ranges: new Map() };
  });
}

/**
 * Row r of A z + e on class c: active when all > 0, inactive when all < 0 or all exactly 0 (zero), undefined when they
 * may differ; bounded on the box (boxBounds), else by the row's certified range over the points (rowRange).
 */
function boxSign(u: Affine, r: number, e: bigint, box: ClassBox, c: CompactClass, bound: RowBound): { active: boolean; zero: boolean } | undefined {
  let [min, max] = [e + bound.box[0], e + bound.box[1]];
  // Still open: row 0's range over the points plus the difference's over the box, then the row's own range over the points.
  const ranges = [() => (bound.diff ? rowRange(u, 0, box, c)?.map((v, i) => v + bound.diff![i]!) : undefined), () => rowRange(u, r, box, c)];
  for (const range of ranges) {
    const got = min <= 0n && max >= 0n && min !== max ? range() : undefined;
    if (got) [min, max] = [got[0]! + e, got[1]! + e];
  }
  return min > 0n ? { active: true, zero: false } : max < 0n || min === max ? { active: false, zero: min === 0n } : undefined;
}

/**
 * The range of row r of A z over the class's points, from one float pass (kept in box.ranges): each s̃ = fl(Σ ã_k z_k) is
 * within floatRows's bound of a·z, so [min s̃ − ⌈bound⌉, max s̃ + ⌈bound⌉] holds every a·z; undefined on overflow.
 */
function rowRange(u: Affine, r: number, box: ClassBox, c: CompactClass): readonly [bigint, bigint] | undefined {
  const row = u.A.slice(r * u.cols, (r + 1) * u.cols);
  const key = row.join();
  if (c.f64 && !box.ranges.has(key)) {
    const f = floatRows({ rows: 1, cols: u.cols, A: row, c: [0n], d: 1n }, c);
    let [lo, hi, bound] = [Infinity, -Infinity, Math.ceil(f.e[0]!)];
    for (let i = 0; i < c.count; i++) {
      let s = 0;
      for (let k = 0; k < u.cols; k++) s += f.a[k]! * c.f64[i * u.cols + k]!;
      [lo, hi] = [Math.min(lo, s), Math.max(hi, s)];
    }
    box.ranges.set(key, [lo, hi, bound].every(Number.isFinite) ? [BigInt(lo) - BigInt(bound), BigInt(hi) + BigInt(bound)] : undefined);
  }
  return box.ranges.get(key);
}

/** Bounds of A_r·z over a class's box, and of (A_r − A_0)·z when row r differs from row 0 in at most half its entries. */
type RowBound = { readonly box: readonly [bigint, bigint]; readonly diff?: readonly [bigint, bigint] };

/**
 * Per row r of u.A, the min and max of A_r·z over the box (a coefficient a takes lo or hi by its sign): row 0 in full,
 * a row that differs from it in at most half its entries as row 0's plus the differences (O(1) per row for εI + 1nᵀ).
 */
function boxBounds(u: Affine, box: ClassBox): RowBound[] {
  const term = (a: bigint, k: number): [bigint, bigint] => (a > 0n ? [a * box.lo[k]!, a * box.hi[k]!] : a < 0n ? [a * box.hi[k]!, a * box.lo[k]!] : [0n, 0n]);
  const sum = (ks: Iterable<number>, coef: (k: number) => bigint, from: [bigint, bigint] = [0n, 0n]): [bigint, bigint] => {
    for (const k of ks) {
      const [p, q] = term(coef(k), k);
      from = [from[0] + p, from[1] + q];
    }
    return from;
  };
  const all = Array.from({ length: u.cols }, (_, k) => k);
  const at = (r: number) => (k: number) => u.A[r * u.cols + k]!;
  const row0 = sum(all, at(0));
  return Array.from({ length: u.rows }, (_, r) => {
    const diff = all.filter((k) => r > 0 && u.A[r * u.cols + k] !== u.A[k]);
    if (r === 0 || diff.length * 2 > u.cols) return { box: r === 0 ? row0 : sum(all, at(r)) };
    const [lo0, hi0] = sum(diff, at(0));
    const [lo, hi] = sum(diff, at(r));
    return { box: [row0[0] - lo0 + lo, row0[1] - hi0 + hi], diff: sum(diff, (k) => u.A[r * u.cols + k]! - u.A[k]!) };
  });
}

/**
 * A layer map u = (A x + c)/d in float for class c's points z = D·x (|z| ≤ maxAbs < 2^53, exact floats): the sign of a
 * row is that of A z + c·D. fixed: the exact sign of a row with A = 0 (2: not constant). e bounds |s̃ − s| for s̃ =
 * fl(c̃ + Σ ã_k z_k) by docs/float-bounds.md §1 (exact inputs, n = M + 4): e = 2nu·(|c̃| + Σ|ã|·maxAbs)·(1 + 10⁻¹²) +
 * (2M + 8)·2^-1074. An overflow makes e or s̃ infinite or NaN: the test fails and the point goes exact.
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

/**
 * Every point's activation pattern, grouped, with exact moments per group and class. A class whose every unit is signed
 * (or exactly constant) on it has one pattern, found layer by layer, and its own moments; only the others go point by point.
 */
export function groupedMoments(net: AnyNet, ds: DataSet, boxes: readonly (ClassBox | undefined)[] = classBoxes(compactOf(ds))): GroupedMoments {
  const cd = compactOf(ds);
  const M = ds.M;
  const widths = net.hidden.map((l) => l.W.rows);
  const starts = widths.map((_, l) => widths.slice(0, l).reduce((s, w) => s + w, 0)); // layer ℓ's first unit
  const width = widths.reduce((s, w) => s + w, 0);
  const index = new Map<string, number>();
  const gids = cd.classes.map(() => new Int32Array(0));
  const whole = new Array<number>(cd.classes.length).fill(-1); // the group of a class found on its box
  const masks: Uint8Array[] = [];
  let someZero = false;
  let exactPoints = 0;
  let pointsClassified = 0;
  const forms = networkForms(net);
  const layers = forms.slice(0, -1);
  const mask = new Uint8Array(width);
  // Layer ℓ's exact pre-activation map on each pattern of the layers before it (keyed by that pattern), for every class.
  const pre = new Map<string, Affine>();
  const preAt = (l: number, key: string): Affine => {
    if (!pre.has(key)) {
      const h = l === 0 ? identityAffine(M) : maskRows(preAt(l - 1, key.slice(0, starts[l - 1])), (r) => key[starts[l - 1]! + r] === '1');
      pre.set(key, composeAffine(forms[l]!, h));
    }
    return pre.get(key)!;
  };
  /** The class's one pattern into `mask` if every row is signed on it (u = (A z + c·D)/(d·D): the signs of A z + c·D). */
  const onBox = (box: ClassBox | undefined, c: CompactClass): boolean => {
    const signs = [];
    for (let l = 0; box && l < widths.length; l++) {
      const u = preAt(l, mask.subarray(0, starts[l]).join(''));
      const bounds = boxBounds(u, box);
      for (let r = 0; r < u.rows; r++) if (!(signs[starts[l]! + r] = boxSign(u, r, u.c[r]! * c.den, box, c, bounds[r]!))) return false;
      signs.slice(starts[l]).forEach((s, k) => (mask[starts[l]! + k] = s!.active ? 1 : 0));
    }
    return box !== undefined && ((someZero ||= signs.some((s) => s!.zero)), true);
  };
  /** The group of the pattern in `mask`. */
  const groupOfMask = (key = mask.join('')): number => index.get(key) ?? index.set(key, masks.push(mask.slice()) - 1).get(key)!;
  cd.classes.forEach((c, j) => {
    if (onBox(boxes[j], c)) return void (whole[j] = groupOfMask());
    gids[j] = new Int32Array(c.count);
    pointsClassified += c.count;
    // Each layer's float rows per pattern of the layers before it.
    const known = new Map<string, FloatRows>();
    const rowsAt = (l: number, key = mask.subarray(0, starts[l]).join('')): FloatRows => known.get(key) ?? known.set(key, floatRows(preAt(l, key), c)).get(key)!;
    for (let i = 0; i < c.count; i++) {
      const zero = c.f64 ? floatPattern(rowsAt, widths.length, c.f64, i * M, mask) : -1;
      if (zero < 0) exactPoints++;
      someZero = (zero < 0 ? exactPattern(layers, c, M, i, mask) : zero === 1) || someZero;
      gids[j]![i] = groupOfMask();
    }
  });
  // Each group's rows per class, then their exact moments (a whole class: its own).
  const rows = masks.map(() => cd.classes.map((): number[] => []));
  gids.forEach((ids, j) => ids.forEach((id, i) => rows[id]![j]!.push(i)));
  const part = (id: number, r: number[], j: number) =>
    whole[j] === id ? [{ cls: j, moments: boxes[j]!.moments }] : r.length ? [{ cls: j, moments: momentsOf(integerMoments(cd.classes[j]!, M, r), cd.classes[j]!.den) }] : [];
  const groups = masks.map((mask, id) => ({ mask, parts: rows[id]!.flatMap((r, j) => part(id, r, j)) }));
  const built = new Map<string, PatternMaps>(); // per pattern: its maps from preAt (shared first layers share their maps)
  const maps = (g: MomentGroup, key = g.mask.join('')): PatternMaps => built.get(key) ?? built.set(key, mapsOf(key)).get(key)!;
  const mapsOf = (key: string): PatternMaps => {
    const pre = layers.map((_, l) => preAt(l, key.slice(0, starts[l])));
    const hidden = pre.map((z, l) => maskRows(z, (r) => key[starts[l]! + r] === '1'));
    return { pre, hidden, output: composeAffine(forms.at(-1)!, hidden.at(-1) ?? identityAffine(M)) };
  };
  return { groups, someZero, exactPoints, pointsClassified, maps };
}

/** A pattern as certificates name it: "+-+|++-", layer by layer. */
export const patternLabel = (mask: Uint8Array, widths: readonly number[]): string => layerMasks(widths, mask).map((u) => Array.from(u, (v) => (v ? '+' : '-')).join('')).join('|');

/** The mask's units of each hidden layer, for hidden widths d_1..d_L (a network's: widthsOf). */
export function layerMasks(widths: readonly number[], mask: Uint8Array): Uint8Array[] {
  let at = 0;
  return widths.map((w) => mask.subarray(at, (at += w)));
}

export const widthsOf = (net: AnyNet): number[] => net.hidden.map((l) => l.W.rows);

/** The network's layers, hidden then output, as integer affine forms (once per network: every pattern's maps are built from them). */
const networkForms = (net: AnyNet): Affine[] => [...net.hidden, net.output].map((l) => affineOf(l.W, l.b));

/** The exact affine maps of the network on one pattern: pre-activations, activations, output. */
export type PatternMaps = { pre: Affine[]; hidden: Affine[]; output: Affine };

/**
 * For a direction d, the output at parameters p + t·d on one fixed pattern as a series a₀ + a₁t + a₂t² of affine
 * maps of x (a₂ = 0 when only the first `order` is asked for), given the pattern's maps (a₀ is the network's): exact
 * near t = 0 when the pattern is strict on the group's points.
 */
export function patternJets(net: AnyNet, dir: AnyNet, order: 1 | 2 = 2): (maps: PatternMaps, mask: Uint8Array) => [Affine, Affine, Affine] {
  const M = (net.hidden[0] ?? net.output).W.cols;
  const layers = [...net.hidden, net.output].map((l, k) => {
    const d = k < net.hidden.length ? dir.hidden[k]! : dir.output;
    const none = vec.zeros(l.W.rows);
    return { fLinear: affineOf(l.W, none), d: affineOf(d.W, d.b), dLinear: affineOf(d.W, none) };
  });
  const zero = (rows: number): Affine => constantAffine(vec.zeros(rows), M);
  const known = new Map<string, [Affine, Affine]>(); // by the mask up to each layer: patterns share prefixes
  return (maps, mask) => {
    let h: [Affine, Affine, Affine] = [identityAffine(M), zero(M), zero(M)];
    let bit = 0;
    layers.forEach(({ fLinear, d, dLinear }, l) => {
      const key = `${l}:${mask.subarray(0, bit).join('')}`; // layer l's series depend on the units before it
      const z = known.get(key) ?? [addAffine(composeAffine(fLinear, h[1]), composeAffine(d, h[0])), order === 2 ? addAffine(composeAffine(fLinear, h[2]), composeAffine(dLinear, h[1])) : zero(fLinear.rows)];
      known.set(key, z);
      const hidden = l < net.hidden.length;
      h = [hidden ? maps.hidden[l]! : maps.output, ...(hidden ? z.map((a) => maskRows(a, (r) => mask[bit + r] === 1)) : z)] as [Affine, Affine, Affine];
      bit += fLinear.rows;
    });
    return h;
  };
}

/**
 * [c1, c2] of t ↦ Σ |f_{p+td}(x) − y|² at t = 0 (N·ms), from the pattern groups: on a group the output is
 * a₀ + a₁t + a₂t² (patternJets), so c1 = 2Σ(a₀ − y)·a₁ and c2 = Σ|a₁|² + 2Σ(a₀ − y)·a₂ (c2 = 0 when order = 1).
 * Exact where every pattern is strict on the data, or where d moves only the output layer.
 */
export function costCoefficients(net: AnyNet, dir: AnyNet, targets: readonly Vec[], grouped: GroupedMoments, order: 1 | 2): [Rational, Rational] {
  const jetsAt = patternJets(net, dir, order);
  const zeros = vec.zeros(net.output.W.rows);
  const jets = grouped.groups.map((g) => ({ a: jetsAt(grouped.maps(g), g.mask), shifted: g.parts.map((p) => [targets[p.cls]!, zeros, p.moments] as const), none: g.parts.map((p) => [zeros, zeros, p.moments] as const) }));
  const two = Rational.int(2);
  const c1 = two.mul(sumDotTerms(jets.map(({ a, shifted }) => [a[0], a[1], shifted])));
  if (order === 1) return [c1, Rational.ZERO];
  return [c1, sumDotTerms(jets.map(({ a, none }) => [a[1], a[1], none])).add(two.mul(sumDotTerms(jets.map(({ a, shifted }) => [a[0], a[2], shifted]))))];
}
