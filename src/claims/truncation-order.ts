/**
 * The search shared by the D1/D2 constructions (small and large data): a
 * depth-first search over the order in which the classes of `truncate` are cut
 * off, each step needing a class strictly separable from everything still
 * present; when no order works, a pairwise convex-overlap certificate is sought.
 * How a layer is built and how sets are separated is the caller's (exact on
 * points, or from class moments and extremes on large data).
 */
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Separation } from './separation.ts';
import { Deadline } from '../util/deadline.ts';
import { classMoments, type ClassMoments } from '../data/moments.ts';
import { toNumber } from '../exact/rational-to-number.ts';

export const MAX_SEPARATIONS = 200;

/** One truncation layer in cumulative form: W^(ℓ) = ε I + 1 nᵀ, b^(ℓ) = −W^(ℓ) θ (θ = apex). */
export interface ConeLayer {
  readonly eps: Rational;
  readonly n: Rational[];
  readonly b: Rational[];
  readonly apex: Rational[];
}

/**
 * Why no truncation network exists or was found: a failed hypothesis (with the pairwise
 * convex-overlap certificate when there is one), or a search that did not decide.
 */
export type TruncationFailure =
  | { readonly kind: 'hypothesis-fails'; readonly reason: string; readonly overlap?: { classes: [number, number]; lambda: Rational[]; mu: Rational[] } }
  | { readonly kind: 'inconclusive'; readonly reason: string };

/**
 * The pair (a ∈ truncate, b ≠ a) minimising |x̄_a − x̄_b|² / (s_a + s_b), s_j = tr(Σ_j xxᵀ)/n_j − |x̄_j|²
 * the mean squared distance of class j to its mean, from the exact class moments rounded to
 * float64 (a guess of which pair is likeliest to overlap).
 */
export function closestPair(moments: readonly ClassMoments[], truncate: readonly number[]): [number, number] | undefined {
  const Q = moments.length;
  const stats = moments.map(({ count, sum, second }) => {
    const n = Math.max(1, count);
    const mean = Float64Array.from(sum, (v) => toNumber(v) / n);
    const trace = sum.reduce((t, _, k) => t + toNumber(second.get(k, k)), 0);
    return { mean, spread: Math.max(0, trace / n - mean.reduce((s, v) => s + v * v, 0)) };
  });
  const M = stats[0]?.mean.length ?? 0;
  let best: [number, number] | undefined;
  let bestScore = Infinity;
  for (const a of truncate)
    for (let b = 0; b < Q; b++) {
      if (b === a || (truncate.includes(b) && b < a)) continue;
      let d2 = 0;
      for (let k = 0; k < M; k++) d2 += (stats[a]!.mean[k]! - stats[b]!.mean[k]!) ** 2;
      const score = d2 / (stats[a]!.spread + stats[b]!.spread || 1);
      if (score < bestScore) [best, bestScore] = [[a, b], score];
    }
  return best;
}

export interface OrderFound {
  readonly layers: ConeLayer[];
  readonly order: number[];
}

/**
 * @param tryLayer the cone layer truncating class k while fixing classes `rest` and the earlier apexes, or why there is none
 * @param separatePair separation of class a (negative side) from class b
 * @param deadline checked before every separation attempt (TimeLimitExceeded propagates)
 */
export function searchTruncationOrder(
  ds: DataSet,
  truncate: readonly number[],
  tryLayer: (k: number, rest: number[], apexes: Rational[][]) => ConeLayer | string | undefined,
  separatePair: (a: number, b: number) => Separation,
  options: { deadline?: Deadline; pairsFirst?: boolean; moments?: readonly ClassMoments[] } = {},
): OrderFound | TruncationFailure {
  const Q = ds.Q;
  const deadline = options.deadline ?? Deadline.none();
  const overlapOf = (a: number, b: number): TruncationFailure | undefined => {
    deadline.check('the pairwise overlap search');
    const s = separatePair(a, b);
    if (s.kind !== 'overlap') return undefined;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    return {
      kind: 'hypothesis-fails',
      reason: `class ${lo + 1} ("${ds.classes[lo]!.label}") cannot be separated from class ${hi + 1} ("${ds.classes[hi]!.label}"): their convex hulls meet`,
      overlap: { classes: [lo, hi], lambda: a < b ? s.lambda : s.mu, mu: a < b ? s.mu : s.lambda },
    };
  };
  const pairOverlap = (): TruncationFailure | undefined => {
    for (const a of truncate)
      for (let b = 0; b < Q; b++) {
        if (b === a || (truncate.includes(b) && b < a)) continue;
        const fails = overlapOf(a, b);
        if (fails) return fails;
      }
    return undefined;
  };
  // A class of `truncate` whose hull meets another class's can never be cut off (when the
  // first of the two is truncated, the other is present as points): no order works.
  if (options.pairsFirst) {
    const fails = pairOverlap();
    if (fails) return fails;
  } else {
    // One pair first: the one whose class means are closest relative to the classes' spread (a
    // float guess; only the exact overlap it may find decides). Real data with two look-alike
    // classes would otherwise send the search through up to MAX_SEPARATIONS separations of a
    // class from the union of the others, each far costlier than this one.
    const pair = closestPair(options.moments ?? classMoments(ds), truncate);
    const fails = pair ? overlapOf(pair[0], pair[1]) : undefined;
    if (fails) return fails;
  }
  const kept = Array.from({ length: Q }, (_, j) => j).filter((j) => !truncate.includes(j));
  let budget = MAX_SEPARATIONS;
  let lastFailure = '';
  const search = (remaining: readonly number[], apexes: Rational[][], layers: ConeLayer[], order: number[]): OrderFound | undefined => {
    if (remaining.length === 0) return { layers, order };
    for (const k of remaining) {
      if (budget-- <= 0) return undefined;
      deadline.check('the truncation-order search');
      const rest = [...remaining.filter((r) => r !== k), ...kept];
      const layer = tryLayer(k, rest, apexes);
      if (!layer || typeof layer === 'string') {
        lastFailure = `class ${k + 1} ("${ds.classes[k]!.label}") cannot be strictly separated from ${rest.length ? `classes ${rest.map((r) => r + 1).join(', ')}` : ''}${rest.length && apexes.length ? ' and ' : ''}${apexes.length ? 'the earlier apexes' : ''}${layer ? ` (${layer})` : ''}`;
        continue;
      }
      const found = search(remaining.filter((r) => r !== k), [...apexes, layer.apex], [...layers, layer], [...order, k]);
      if (found) return found;
    }
    return undefined;
  };
  const found = search(truncate, [], [], []);
  if (found) return found;
  const fails = options.pairsFirst ? undefined : pairOverlap();
  if (fails) return fails;
  return { kind: 'inconclusive', reason: `no truncation order worked within ${MAX_SEPARATIONS} separation attempts (last: ${lastFailure})` };
}
