/**
 * Subsets J of the classes {0..Q−1} (0-based; SPEC numbers them 1..Q).
 * Built from Q booleans, so they shrink towards fewer classes, then towards
 * lower class indices.
 */
import fc from 'fast-check';

function fromMask(mask: readonly boolean[]): number[] {
  return mask.flatMap((b, j) => (b ? [j] : []));
}

/**
 * A proper subset J ⊊ {0..Q−1} (∅ included). The full set never occurs:
 * its last class is dropped.
 * @example fc.sample(properSubsetArb(3), 3) // e.g. [[], [0, 2], [1]]
 */
export function properSubsetArb(Q: number): fc.Arbitrary<number[]> {
  return fc.array(fc.boolean(), { minLength: Q, maxLength: Q }).map((mask) => {
    const J = fromMask(mask);
    return J.length === Q ? J.slice(0, -1) : J;
  });
}

/**
 * A non-empty proper subset ∅ ≠ J ⊊ {0..Q−1} (needs Q ≥ 2). Shrinks towards {0}.
 * @example fc.sample(nonEmptyProperSubsetArb(3), 2) // e.g. [[0], [1, 2]]
 */
export function nonEmptyProperSubsetArb(Q: number): fc.Arbitrary<number[]> {
  if (Q < 2) throw new RangeError(`a non-empty proper subset needs Q ≥ 2, got ${Q}`);
  return fc.tuple(fc.integer({ min: 0, max: Q - 1 }), fc.array(fc.boolean(), { minLength: Q, maxLength: Q })).map(([first, mask]) => {
    const set = new Set([first, ...fromMask(mask)]);
    if (set.size === Q) set.delete(first === Q - 1 ? 0 : Q - 1);
    return [...set].sort((a, b) => a - b);
  });
}
