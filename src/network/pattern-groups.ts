/**
 * Exact costs on large data through activation-pattern groups (issue #8).
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
 * So the exact ms costs one float pass plus O(#groups) small exact problems, and
 * equals msExact (tests compare them).
 */
import { Matrix, vec } from '../exact/matrix.ts';
import { Rational, lcm } from '../exact/rational.ts';
import { addAffine, compose, identityAffine, maskRows, shift, subAffine, sumAffine, sumSquares, type Affine, type PointMoments } from '../exact/affine-sums.ts';
import { compactOf, integerMoments, zAt, type CompactClass } from '../data/compact.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Layer, Network } from './network.ts';

const U = 2 ** -53;

/** One activation pattern and the points (per class, row indices) that have it. */
export interface PatternGroup {
  /** mask[ℓ·M + i]: unit i of hidden layer ℓ+1 is active (z > 0). */
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

interface FloatLayer {
  readonly W: Float64Array;
  readonly absW: Float64Array;
  readonly b: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

function floatLayer(W: Matrix, b: readonly Rational[]): FloatLayer {
  const Wf = new Float64Array(W.rows * W.cols);
  for (let k = 0; k < Wf.length; k++) Wf[k] = W.data[k]!.toNumber();
  return { W: Wf, absW: Wf.map(Math.abs), b: Float64Array.from(b, (v) => v.toNumber()), rows: W.rows, cols: W.cols };
}

/**
 * Classifies every data point by its activation pattern (certified float, exact where unsure).
 * @example classifyPatterns(net, ds).groups.length
 */
export function classifyPatterns(net: Network, ds: DataSet): PatternClassification {
  const cd = compactOf(ds);
  const M = ds.M;
  const L = net.hidden.length;
  const layers = net.hidden.map((l) => floatLayer(l.W, l.b));
  const width = L * M;
  const keyIsNumber = width <= 52;
  const index = new Map<number | string, number>();
  const masks: Uint8Array[] = [];
  const perClassGid: Int32Array[] = [];
  let someZero = false;
  let exactPoints = 0;

  const x = new Float64Array(M);
  const ex = new Float64Array(M);
  let h = new Float64Array(M);
  let eh = new Float64Array(M);
  let z = new Float64Array(M);
  let ez = new Float64Array(M);
  const mask = new Uint8Array(width);
  // The hidden layers scaled to integers (one common denominator per layer), for exact signs.
  const intLayers = net.hidden.map((layer) => {
    let d = 1n;
    for (const v of [...layer.W.data, ...layer.b]) if (v.den !== 1n) d = lcm(d, v.den);
    return { Wi: layer.W.data.map((v) => v.num * (d / v.den)), bi: layer.b.map((v) => v.num * (d / v.den)), d };
  });

  const groupOf = (m: Uint8Array): number => {
    let key: number | string;
    if (keyIsNumber) {
      key = 0;
      for (let k = 0; k < width; k++) key = key * 2 + m[k]!;
    } else key = String.fromCharCode(...m.map((v) => 48 + v));
    let g = index.get(key);
    if (g === undefined) {
      g = masks.length;
      index.set(key, g);
      masks.push(m.slice());
    }
    return g;
  };

  cd.classes.forEach((c: CompactClass) => {
    const gids = new Int32Array(c.count);
    const D = Number(c.den);
    const floatInput = !!c.f64 && Number.isFinite(D) && c.den < 2n ** 53n;
    for (let i = 0; i < c.count; i++) {
      let certain = floatInput;
      if (certain) {
        for (let k = 0; k < M; k++) {
          const v = c.f64![i * M + k]! / D; // correctly rounded: |x̃ − x| ≤ u|x| ≤ 2u|x̃|
          x[k] = v;
          ex[k] = 2 * U * Math.abs(v);
        }
        h.set(x);
        eh.set(ex);
        for (let l = 0; l < L && certain; l++) {
          const { W, absW, b, cols } = layers[l]!;
          const n = cols + 4; // rounding of the inputs' products, the sum, the bias, the parameters
          for (let r = 0; r < M; r++) {
            let s = b[r]!;
            let mag = Math.abs(s);
            let prop = 0;
            for (let k = 0; k < cols; k++) {
              const w = W[r * cols + k]!;
              s += w * h[k]!;
              mag += absW[r * cols + k]! * Math.abs(h[k]!);
              prop += absW[r * cols + k]! * eh[k]!;
            }
            const e = (prop * (1 + 2 * n * U) + 2 * n * U * mag) * (1 + 1e-12);
            if (!(Math.abs(s) > e)) {
              certain = false;
              break;
            }
            if (s > 0) {
              mask[l * M + r] = 1;
              z[r] = s;
              ez[r] = e;
            } else {
              mask[l * M + r] = 0;
              z[r] = 0; // certainly negative: σ gives exactly 0
              ez[r] = 0;
            }
          }
          [h, z] = [z, h];
          [eh, ez] = [ez, eh];
        }
      }
      if (!certain) {
        // Exact, on integers: h = H/Dh, layer W = Wi/d, b = bi/d, so z = (Wi H + bi·Dh)/(d·Dh)
        // has the signs of the integer vector Z = Wi H + bi·Dh (denominators are positive).
        exactPoints++;
        let H: bigint[] = Array.from({ length: M }, (_, k) => zAt(c, M, i, k));
        let Dh = c.den;
        intLayers.forEach(({ Wi, bi, d }, l) => {
          const Z = new Array<bigint>(M);
          for (let r = 0; r < M; r++) {
            let v = bi[r]! * Dh;
            for (let k = 0; k < M; k++) if (H[k] !== 0n) v += Wi[r * M + k]! * H[k]!;
            if (v === 0n) someZero = true;
            mask[l * M + r] = v > 0n ? 1 : 0;
            Z[r] = v > 0n ? v : 0n;
          }
          H = Z;
          Dh *= d;
        });
      }
      gids[i] = groupOf(mask);
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

/** A pattern group with the exact integer moments of its points, per class present in it. */
export interface MomentGroup {
  readonly mask: Uint8Array;
  readonly parts: readonly { readonly cls: number; readonly moments: PointMoments }[];
}

export interface GroupedMoments {
  readonly groups: readonly MomentGroup[];
  readonly someZero: boolean;
  readonly exactPoints: number;
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
  const cls = classification ?? classifyPatterns(net as Network, ds);
  const cd = compactOf(ds);
  const result: GroupedMoments = {
    someZero: cls.someZero,
    exactPoints: cls.exactPoints,
    groups: cls.groups.map((g) => ({
      mask: g.mask,
      parts: g.rows.flatMap((rows, j) => (g.counts[j] ? [{ cls: j, moments: { ...integerMoments(cd.classes[j]!, ds.M, rows, g.counts[j]), den: cd.classes[j]!.den } }] : [])),
    })),
  };
  if (perData.size >= CACHE_PER_DATA) perData.delete(perData.keys().next().value!);
  perData.set(key, result);
  return result;
}

/** The exact affine maps of the network on one pattern: pre-activations, activations, output. */
export function patternMaps(net: Pick<Network, 'hidden' | 'output'>, mask: Uint8Array): { pre: Affine[]; hidden: Affine[]; output: Affine } {
  const M = net.output.W.cols;
  let h = identityAffine(M);
  const pre: Affine[] = [];
  const hidden: Affine[] = [];
  net.hidden.forEach((layer, l) => {
    const z = compose(layer.W, h, layer.b);
    pre.push(z);
    hidden.push((h = maskRows(z, (r) => mask[l * M + r] === 1)));
  });
  return { pre, hidden, output: compose(net.output.W, h, net.output.b) };
}

/** The exact affine map x ↦ A x + c of the network on the points of one pattern. */
export function groupAffine(net: Network, mask: Uint8Array): Affine {
  return patternMaps(net, mask).output;
}

/**
 * The output at parameters p + t·d on one (fixed) pattern as a series a₀ + a₁t + a₂t² of
 * affine maps in x: exact near t = 0 when the pattern is strict on the group's points.
 */
export function patternJets(net: Network, dir: Network, mask: Uint8Array): [Affine, Affine, Affine] {
  const M = net.output.W.cols;
  const zero = (rows: number): Affine => ({ A: Matrix.zeros(rows, M), c: vec.zeros(rows) });
  let h: [Affine, Affine, Affine] = [identityAffine(M), zero(M), zero(M)];
  const layers = [...net.hidden, net.output];
  const dirs = [...dir.hidden, dir.output];
  layers.forEach((layer, l) => {
    const d = dirs[l]!;
    const none = vec.zeros(layer.W.rows);
    let z: [Affine, Affine, Affine] = [
      compose(layer.W, h[0], layer.b),
      addAffine(compose(layer.W, h[1], d.b), compose(d.W, h[0], none)),
      addAffine(compose(layer.W, h[2], none), compose(d.W, h[1], none)),
    ];
    if (l < net.hidden.length) z = z.map((a) => maskRows(a, (r) => mask[l * M + r] === 1)) as [Affine, Affine, Affine];
    h = z;
  });
  return h;
}

/**
 * ms, exactly, by pattern groups: equal to msExact(net, ds) (SPEC §1), scaled to large N.
 * @example msExactFast(net, ds).eq(msExact(net, ds)) // true
 */
export function msExactFast(net: Network, ds: DataSet, classification?: PatternClassification): Rational {
  const grouped = groupedMoments(net, ds, classification);
  let total = Rational.ZERO;
  for (const g of grouped.groups) {
    const out = groupAffine(net, g.mask);
    for (const p of g.parts) total = total.add(sumSquares(shift(out, ds.targets[p.cls]!), p.moments));
  }
  return total.div(Rational.int(ds.N));
}

/**
 * The truncation chain x ↦ (τ₁(x), τ₂∘τ₁(x), …) (R1) on one pattern, as exact affine maps,
 * with cumulative parameters W^(ℓ), b^(ℓ) and the inverses of W^(ℓ). The τ-chain's own
 * pre-activations u_ℓ = W^(ℓ)z_{ℓ−1} + b^(ℓ) are returned too: the chain follows the
 * pattern only where they have the network's signs (callers compare them with `pre`).
 */
export function patternCuration(cum: { W: readonly Matrix[]; b: readonly (readonly Rational[])[]; inv: readonly Matrix[] }, mask: Uint8Array, M: number): { images: Affine[]; pre: Affine[] } {
  let z = identityAffine(M);
  const images: Affine[] = [];
  const pre: Affine[] = [];
  cum.inv.forEach((inv, l) => {
    const u = compose(cum.W[l]!, z, cum.b[l]!);
    pre.push(u);
    const kept = maskRows(u, (r) => mask[l * M + r] === 1);
    images.push((z = compose(inv, shift(kept, cum.b[l]!), vec.zeros(M))));
  });
  return { images, pre };
}

/** Cumulative parameters W^(ℓ) = W_ℓ⋯W_1, b^(ℓ) (ℓ = 1..L+1) and the inverses of W^(1..L); throws when one is singular. */
export function cumulativeWithInverses(net: Network): { W: Matrix[]; b: Rational[][]; inv: Matrix[] } {
  let W = Matrix.identity(net.output.W.cols);
  let b: Rational[] = vec.zeros(net.output.W.cols);
  const Ws: Matrix[] = [];
  const bs: Rational[][] = [];
  for (const l of [...net.hidden, net.output]) {
    Ws.push((W = l.W.mul(W)));
    bs.push((b = vec.add(l.W.mulVec(b), l.b)));
  }
  return { W: Ws, b: bs, inv: Ws.slice(0, net.hidden.length).map((m) => m.inverse()) };
}

export interface CurationOnGroups {
  /** spreads[j][ℓ]: (1/N_j) Σ |z − z̄|² of class j's τ-images after ℓ layers (ℓ = 0: the inputs). */
  readonly spreads: Rational[][];
  /** Whether W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1) equals the network's output on every data point. */
  readonly representationHolds: boolean;
  /** Per class, the first layer (1-based) where every point has all pre-activations ≤ 0, else null. */
  readonly truncatedAt: (number | null)[];
}

/**
 * Curation (D3) and the truncation representation (R1) on the data, exactly, by pattern
 * groups. The τ-chain follows the network's pattern on a group only if its pre-activations
 * equal the network's there (checked exactly: Σ|u_ℓ − z_ℓ|² = 0 over the group); when they
 * do not, the result is undefined and callers use the per-point definition.
 */
export function curationOnGroups(net: Network, ds: DataSet): CurationOnGroups | undefined {
  const M = ds.M;
  const L = net.hidden.length;
  const cum = cumulativeWithInverses(net);
  const grouped = groupedMoments(net, ds);
  const Q = ds.Q;
  const sq = Array.from({ length: Q }, () => new Array<Rational>(L + 1).fill(Rational.ZERO));
  const sums = Array.from({ length: Q }, () => Array.from({ length: L + 1 }, () => vec.zeros(M)));
  const collapsed = Array.from({ length: Q }, () => new Array<boolean>(L).fill(true));
  let representationHolds = true;
  for (const g of grouped.groups) {
    const maps = patternMaps(net, g.mask);
    const chain = patternCuration(cum, g.mask, M);
    const rep = compose(cum.W[L]!, chain.images[L - 1] ?? identityAffine(M), cum.b[L]!);
    const diff = subAffine(rep, maps.output);
    for (const p of g.parts) {
      for (let l = 0; l < L; l++) {
        const d = subAffine(chain.pre[l]!, maps.pre[l]!);
        if (!sumSquares(d, p.moments).isZero()) return undefined;
        if (g.mask.subarray(l * M, l * M + M).some((v) => v === 1)) collapsed[p.cls]![l] = false;
      }
      if (!sumSquares(diff, p.moments).isZero()) representationHolds = false;
      [identityAffine(M), ...chain.images].forEach((z, l) => {
        sq[p.cls]![l] = sq[p.cls]![l]!.add(sumSquares(z, p.moments));
        sums[p.cls]![l] = vec.add(sums[p.cls]![l]!, sumAffine(z, p.moments));
      });
    }
  }
  const sizes = compactOf(ds).classes.map((c) => Rational.int(c.count));
  const spreads = sq.map((row, j) => row.map((s, l) => s.sub(vec.norm2(sums[j]![l]!).div(sizes[j]!)).div(sizes[j]!)));
  const truncatedAt = collapsed.map((row) => {
    const l = row.indexOf(true);
    return l < 0 ? null : l + 1;
  });
  return { spreads, representationHolds, truncatedAt };
}
