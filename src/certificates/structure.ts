/**
 * Facts about a certificate's network on the data that bind a certificate to its
 * statement (part of the trusted checker): which classes each hidden layer keeps in
 * the identity region or collapses, whether a network is the S1 network, and normal
 * equations of least-squares problems, all exact from pattern-group moments.
 */
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf } from '../data/compact.ts';
import { Matrix, vec, type Mat, type Vec } from './linalg.ts';
import { addAffine, affineOf, compose, equalAffine, evaluate, identityAffine, maskRows, sumAffine, sumDotTerms, sumOuterTerms, sumSquares, withOne, type Affine, type Moments } from './affine.ts';
import { classBoxes, layerMasks, widthsOf, type ClassBox, type GroupedMoments, type PatternMaps } from './groups.ts';
import { cumulative, modP, rankModP, type AnyNet, type KNet } from './kernel.ts';
import { require } from './rejection.ts';

/**
 * Per class, the hidden layer (1-based) that collapses it (every unit ≤ 0 on every point) after every earlier layer
 * kept it strictly active (every unit > 0 on every point), or null when every layer keeps it active; rejects any other.
 */
export function truncationLayers(grouped: GroupedMoments, Q: number, widths: readonly number[]): (number | null)[] {
  const status = Array.from({ length: Q }, () => new Array<'active' | 'collapsed' | 'mixed' | undefined>(widths.length).fill(undefined));
  for (const g of grouped.groups)
    for (const p of g.parts.filter((p) => p.moments.count > 0))
      layerMasks(widths, g.mask).forEach((units, l) => {
        const here = units.every((u) => u === 1) ? 'active' : units.every((u) => u === 0) ? 'collapsed' : 'mixed';
        status[p.cls]![l] = status[p.cls]![l] === undefined || status[p.cls]![l] === here ? here : 'mixed';
      });
  return status.map((row, j) => {
    const t = row.indexOf('collapsed');
    require((t < 0 ? row : row.slice(0, t)).every((s) => s === 'active'), `class ${j + 1} is neither kept strictly in the identity region nor collapsed by a layer it reaches intact`);
    return t < 0 ? null : t + 1;
  });
}

/** (x, 1) as an affine map of x. */
export function augmented(M: number): Affine {
  return withOne(identityAffine(M));
}

/** Σ over the data of (f(x) − y) z(x)ᵀ, with the features z given on each pattern group. */
function residualTimes(net: KNet, ds: DataSet, grouped: GroupedMoments, features: (maps: PatternMaps) => Affine, cols: number): Matrix {
  const terms = grouped.groups.map((g) => {
    const maps = grouped.maps(g);
    return [maps.output, features(maps), g.parts.map((p) => [ds.targets[p.cls]!, vec.zeros(cols), p.moments] as const)] as const;
  });
  return sumOuterTerms(terms, net.output.W.rows, cols);
}

/** Σ (f(x) − y) (h_L(x), 1)ᵀ over the data: zero exactly when the output layer solves its least squares. */
export const outputGradient = (net: KNet, ds: DataSet, grouped: GroupedMoments): Matrix =>
  residualTimes(net, ds, grouped, (maps) => withOne(maps.hidden.at(-1) ?? identityAffine(ds.M)), net.output.W.cols + 1);

/**
 * Σ (f(x) − y) zᵀ over the data with z = (x, 1) (`intercept`) or z = x: zero exactly when the
 * network's function is a least-squares fit of the targets by affine (resp. linear) maps of x —
 * provided the network is one affine map on the data (every group has the same output map).
 */
export const inputGradient = (net: KNet, ds: DataSet, grouped: GroupedMoments, intercept: boolean): Matrix =>
  residualTimes(net, ds, grouped, () => (intercept ? augmented(ds.M) : identityAffine(ds.M)), ds.M + (intercept ? 1 : 0));

/**
 * The class means x̄_j, their moments, X̄ᵀ, X̄⁺ = (X̄ᵀX̄)⁻¹X̄ᵀ (rank X̄ = Q required), A = YX̄⁺ and
 * per class the map x ↦ A(x − x̄_j), from exact class moments. The projector P = X̄X̄⁺ onto span{x̄_j} (M × M) is never formed:
 * YX̄⁺P = YX̄⁺ since X̄⁺X̄ = I, and |Pv|² = vᵀPv = (X̄ᵀv)·(X̄⁺v) (projectedNorm2).
 */
export interface ProjectorData {
  readonly means: Rational[][];
  readonly moments: Moments[];
  readonly XbarT: Matrix;
  readonly Xpinv: Matrix;
  readonly A: Matrix;
  readonly fromMean: Affine[];
}

export function projectorData(ds: DataSet, boxes: readonly (ClassBox | undefined)[] = classBoxes(compactOf(ds))): ProjectorData {
  const moments = boxes.map((b, j) => (require(b !== undefined, `class ${j + 1} has no points: no mean`), b!.moments));
  const means = moments.map((m) => m.gram.slice(ds.M * (ds.M + 1), -1).map((s) => Rational.of(s, m.den * BigInt(m.count))));
  const XbarT = Matrix.fromRows(means);
  require(XbarT.rank() === ds.Q, 'the class means have rank < Q: X̄⁺ is not defined');
  const Xpinv = XbarT.mul(XbarT.transpose()).inverse().mul(XbarT);
  const A = Matrix.fromColumns(ds.targets).mul(Xpinv);
  return { means, moments, XbarT, Xpinv, A, fromMean: means.map((x) => affineOf(A, A.mulVec(x).map((v) => v.neg()))) };
}

/** What the checks on one data set share, from those data alone when first asked for (per class its box, moments and
 * row ranges; the projector data): one per data set, never from the engine. */
export function checkerData(ds: DataSet) {
  let [boxes, pd]: [(ClassBox | undefined)[]?, ProjectorData?] = [];
  const boxesOnce = () => (boxes ??= classBoxes(compactOf(ds)));
  /** The last network checked, as its certificate wrote it, with what the checker derived from it (certificates come in pairs about one network). */
  const last: { json?: unknown; L?: number; net?: KNet; grouped?: GroupedMoments; sumSq?: Rational } = {};
  return { ds, boxes: boxesOnce, projector: () => (pd ??= projectorData(ds, boxesOnce())), last };
}
export type CheckerData = ReturnType<typeof checkerData>;

/** Whether two JSON values are equal (strings, numbers, arrays, plain objects), entry by entry. */
export const sameJson = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b) &&
    Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => Object.hasOwn(b, k) && sameJson(v, (b as Record<string, unknown>)[k])));

/** |Pv|² for the projector P onto span{x̄_j}, in O(QM). */
export const projectedNorm2 = (pd: ProjectorData, v: Vec): Rational => vec.dot(pd.XbarT.mulVec(v), pd.Xpinv.mulVec(v));

/**
 * Requires the network to be the S1 network of SPEC §3: one hidden layer W₁ = RP with R
 * orthogonal (⇔ W₁ᵀW₁ = P), b₁ = β·1, and W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁. In O(QM²) integer products,
 * no M × M product: W₁ᵀW₁ = P ⇔ W₁ = W₁P (rows in span{x̄_j}) and (W₁X̄)ᵀ(W₁X̄) = X̄ᵀX̄ (an
 * isometry there) — given both, uᵀW₁ᵀW₁v = (Pu)ᵀW₁ᵀW₁(Pv) = uᵀPv, and conversely.
 */
export function requireS1Network(net: KNet, pd: ProjectorData): void {
  const M = pd.XbarT.cols;
  require(net.hidden.length === 1 && net.hidden[0]!.W.rows === M, 'the S1 network has one hidden layer of width M');
  const { W: W1, b: b1 } = net.hidden[0]!;
  const w1 = affineOf(W1, vec.zeros(M));
  const W1Xbar = Matrix.fromColumns(pd.means.map((x) => evaluate(w1, x)));
  const W1P = compose(W1Xbar, affineOf(pd.Xpinv, vec.zeros(pd.Xpinv.rows)), vec.zeros(M));
  const isometry = W1Xbar.transpose().mul(W1Xbar).eq(pd.XbarT.mul(pd.XbarT.transpose()));
  require(equalAffine(W1P, w1) && isometry && b1.every((v) => v.eq(b1[0]!)), 'the hidden layer is not W₁ = RP (R orthogonal), b₁ = β·1 of the S1 network');
  // x ↦ W₂x + b₂ must be x ↦ YX̄⁺W₁ᵀ(x − b₁).
  const W1T = W1.transpose();
  const s1Output = compose(pd.A, affineOf(W1T, evaluate(affineOf(W1T, vec.zeros(M)), b1).map((v) => v.neg())), vec.zeros(pd.A.rows));
  require(equalAffine(affineOf(net.output.W, net.output.b), s1Output), 'the output layer is not W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁ of the S1 network');
}

/** Σ |f(x) − y|² over the data, exactly from the pattern groups (N·ms). */
export function residualSumOfSquares(net: KNet, ds: DataSet, grouped: GroupedMoments): Rational {
  return sumDotTerms(grouped.groups.map((g) => {
    const out = grouped.maps(g).output;
    return [out, out, g.parts.map((p) => [ds.targets[p.cls]!, ds.targets[p.cls]!, p.moments] as const)] as const;
  }));
}

/** Requires every hidden layer to have width M (the constructions of SPEC §3–§4 are of that shape). */
export function requireWidthM(net: KNet, M: number, claim: string): void {
  require(net.hidden.every((l) => l.W.rows === M), `${claim} concerns networks whose hidden layers have width M = ${M}`);
}

export interface Curation {
  /** spreads[j][ℓ]: (1/N_j) Σ |z − z̄|² of class j's τ-images after ℓ layers (ℓ = 0: the inputs). */
  readonly spreads: Rational[][];
  /** Whether W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1) equals the network's output on every data point. */
  readonly representationHolds: boolean;
  /** Per class, the first layer (1-based) where every point has all pre-activations ≤ 0, else null. */
  readonly truncatedAt: (number | null)[];
}

/** Curation (D3) and the truncation representation (R1) on the data, exactly: truncationCuration when it applies, else curationByInverses. */
export const curation = (net: AnyNet, ds: DataSet, grouped: GroupedMoments): Curation => truncationCuration(net, ds, grouped) ?? curationByInverses(net, ds, grouped);

/** The largest prime below MAX_PRIME = 2^26 (products of two residues are exact in float64). */
export const INVERTIBILITY_PRIME = 67_108_859;

/** W (n × n: width M on R^M makes every hidden layer square) has rank n mod a prime dividing no denominator, hence over Q. */
function invertibleModP(W: Mat): boolean {
  const rows = Array.from({ length: W.rows }, (_, i) => W.data.slice(i * W.cols, (i + 1) * W.cols).map((v) => modP(v, INVERTIBILITY_PRIME)));
  return rows.every((r) => !r.includes(undefined)) && rankModP(rows as number[][], INVERTIBILITY_PRIME) === W.rows;
}

/** (1/n) Σ |x − x̄|² = (n Σ|z|² − |Σz|²) / (n D)² for x = z / D, from the moments. */
function inputSpread(m: Moments, M: number): Rational {
  const [n, k] = [BigInt(m.count), M + 1];
  let [sq, s2] = [0n, 0n];
  for (let i = 0; i < M; i++) [sq, s2] = [sq + m.gram[i * k + i]!, s2 + m.gram[M * k + i]! ** 2n];
  return Rational.of(n * sq - s2, n * n * m.den * m.den);
}

/**
 * Curation without an M × M product or inverse (undefined when this does not apply): every hidden
 * layer is M × M and invertible, and each class lies in one pattern group, strictly active on the
 * layers before some t and inactive on every unit of layer t (or active throughout). For invertible
 * layers W^(ℓ)z_ℓ + b^(ℓ) = σ(u_ℓ) by τ's definition, so u_{ℓ+1} = W_{ℓ+1}σ(u_ℓ) + b_{ℓ+1}: the τ-chain
 * has the network's pre-activations and W^(L+1)z_L + b^(L+1) is its output on every x (the
 * representation holds). On such a class z_ℓ = x while it is active (σ(u) = u) and z_ℓ is one point
 * from layer t on (σ(u_t) = 0): its spreads are the input spread, then 0.
 */
export function truncationCuration(net: AnyNet, ds: DataSet, grouped: GroupedMoments): Curation | undefined {
  if (!net.hidden.every((l) => l.W.rows === ds.M && invertibleModP(l.W))) return undefined;
  const parts = Array.from({ length: ds.Q }, (): { mask: Uint8Array; moments: Moments }[] => []);
  for (const g of grouped.groups) for (const p of g.parts) parts[p.cls]!.push({ mask: g.mask, moments: p.moments });
  const [spreads, truncatedAt]: [Rational[][], (number | null)[]] = [[], []];
  for (const own of parts) {
    if (own.length !== 1) return undefined;
    const units = layerMasks(widthsOf(net), own[0]!.mask);
    const t = units.findIndex((u) => u.some((v) => v === 0));
    if (t >= 0 && units[t]!.some((v) => v === 1)) return undefined;
    const s = inputSpread(own[0]!.moments, ds.M);
    spreads.push(Array.from({ length: net.hidden.length + 1 }, (_, l) => (t < 0 || l <= t ? s : Rational.ZERO)));
    truncatedAt.push(t < 0 ? null : t + 1);
  }
  return { spreads, representationHolds: true, truncatedAt };
}

/**
 * Curation and the representation by pattern groups, composing the τ-chain. On a group the
 * τ-chain x ↦ τ_ℓ∘⋯∘τ_1(x) is affine when its own pre-activations u_ℓ = W^(ℓ)z_{ℓ−1} + b^(ℓ)
 * equal the network's (Σ|u_ℓ − z_ℓ|² = 0 over the group); rejects otherwise.
 */
export function curationByInverses(net: AnyNet, ds: DataSet, grouped: Pick<GroupedMoments, 'groups' | 'maps'>): Curation {
  const { M, Q } = ds;
  const L = net.hidden.length;
  const cum = cumulative(net);
  const inverses = cum.W.slice(0, L).map((W) => W.inverse());
  const sq = Array.from({ length: Q }, () => new Array<Rational>(L + 1).fill(Rational.ZERO));
  const sums = Array.from({ length: Q }, () => Array.from({ length: L + 1 }, () => vec.zeros(M)));
  const collapsed = Array.from({ length: Q }, () => new Array<boolean>(L).fill(true));
  let representationHolds = true;
  for (const g of grouped.groups) {
    const maps = grouped.maps(g);
    const units = layerMasks(widthsOf(net), g.mask);
    let z = identityAffine(M);
    const images = [z];
    const pre: Affine[] = [];
    inverses.forEach((inv, l) => {
      const u = compose(cum.W[l]!, z, cum.b[l]!);
      pre.push(u);
      images.push((z = compose(inv, maskRows(u, (r) => units[l]![r] === 1), inv.mulVec(cum.b[l]!).map((v) => v.neg()))));
    });
    const diff = addAffine(compose(cum.W[L]!, z, cum.b[L]!), maps.output, -1n);
    for (const p of g.parts) {
      for (let l = 0; l < L; l++) {
        require(sumSquares(addAffine(pre[l]!, maps.pre[l]!, -1n), p.moments).isZero(), 'the τ-chain does not follow the network\'s activation pattern on the data');
        if (units[l]!.some((v) => v === 1)) collapsed[p.cls]![l] = false;
      }
      if (!sumSquares(diff, p.moments).isZero()) representationHolds = false;
      images.forEach((img, l) => {
        sq[p.cls]![l] = sq[p.cls]![l]!.add(sumSquares(img, p.moments));
        sums[p.cls]![l] = vec.add(sums[p.cls]![l]!, sumAffine(img, p.moments));
      });
    }
  }
  const sizes = compactOf(ds).classes.map((c) => Rational.int(c.count));
  const spreads = sq.map((row, j) => row.map((s, l) => s.sub(vec.norm2(sums[j]![l]!).div(sizes[j]!)).div(sizes[j]!)));
  const truncatedAt = collapsed.map((row) => (row.indexOf(true) < 0 ? null : row.indexOf(true) + 1));
  return { spreads, representationHolds, truncatedAt };
}
