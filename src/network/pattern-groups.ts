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
import { compactOf, zAt, type CompactClass } from '../data/compact.ts';
import { integerMoments, type IntMoments } from '../data/compact-stats.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Network } from './network.ts';

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

/** The exact affine map x ↦ A x + c of the network on the points of one pattern. */
export function groupAffine(net: Network, mask: Uint8Array): { A: Matrix; c: Rational[] } {
  const M = net.output.W.cols;
  let A = Matrix.identity(M);
  let c: Rational[] = vec.zeros(M);
  net.hidden.forEach((layer, l) => {
    const keep = (r: number) => mask[l * M + r] === 1;
    const WA = layer.W.mul(A);
    const Wc = vec.add(layer.W.mulVec(c), layer.b);
    A = new Matrix(M, A.cols, WA.data.map((v, k) => (keep(Math.floor(k / A.cols)) ? v : Rational.ZERO)));
    c = Wc.map((v, r) => (keep(r) ? v : Rational.ZERO));
  });
  return { A: net.output.W.mul(A), c: vec.add(net.output.W.mulVec(c), net.output.b) };
}

/** Σ over a group's points of one class of |A x + c − y|², exactly, from the integer moments (x = z/D). */
export function groupSumSquares(A: Matrix, c: readonly Rational[], y: readonly Rational[], m: IntMoments, D: bigint): Rational {
  if (m.count === 0) return Rational.ZERO;
  const M = A.cols;
  const S = new Matrix(M, M, m.second.map((v) => Rational.int(v)));
  const s = m.sum.map((v) => Rational.int(v));
  const d = vec.sub(c, y);
  const quad = A.mul(S).mul(A.transpose()).trace(); // Σ |A z|²
  const lin = vec.dot(d, A.mulVec(s)); // Σ (c − y)ᵀ A z
  const Dr = Rational.int(D);
  return quad
    .div(Dr.mul(Dr))
    .add(lin.mul(Rational.int(2)).div(Dr))
    .add(vec.norm2(d).mul(Rational.int(m.count)));
}

/**
 * ms, exactly, by pattern groups: equal to msExact(net, ds) (SPEC §1), scaled to large N.
 * @example msExactFast(net, ds).eq(msExact(net, ds)) // true
 */
export function msExactFast(net: Network, ds: DataSet, classification: PatternClassification = classifyPatterns(net, ds)): Rational {
  const cd = compactOf(ds);
  let total = Rational.ZERO;
  for (const g of classification.groups) {
    const { A, c } = groupAffine(net, g.mask);
    g.rows.forEach((rows, j) => {
      if (g.counts[j] === 0) return;
      const cls = cd.classes[j]!;
      const m = integerMoments(cls, ds.M, rows, g.counts[j]);
      total = total.add(groupSumSquares(A, c, ds.targets[j]!, m, cls.den));
    });
  }
  return total.div(Rational.int(ds.N));
}
