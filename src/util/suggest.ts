/**
 * "Did you mean …?" for names a user types (claim ids, example names), the way
 * git and cargo suggest commands: the nearest candidates by edit distance,
 * compared case-insensitively, offered only when they are close enough to be a
 * plausible typo (distance ≤ max(1, ⌊length/3⌋)) or differ only in case.
 */

/**
 * Damerau–Levenshtein distance (optimal string alignment: insertions,
 * deletions, substitutions and swaps of two neighbours cost 1).
 * @example editDistance('verfy', 'verify') // 1
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/**
 * The candidates nearest to `input` that are plausible typos of it, best first (ties in candidate order).
 * @example nearest('clusters-q5', ['iris', 'clusters-q2', 'clusters-q3']) // ['clusters-q2', 'clusters-q3']
 */
export function nearest(input: string, candidates: readonly string[]): string[] {
  const x = input.toLowerCase();
  const limit = Math.max(1, Math.floor(x.length / 3));
  const scored = candidates.map((c) => ({ c, d: editDistance(x, c.toLowerCase()) })).filter((s) => s.d <= limit);
  if (!scored.length) return [];
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d === best).map((s) => s.c);
}

/**
 * The sentence to append to an "unknown …" message: ` (did you mean 'verify'?)`, or '' when nothing is close.
 * @example didYouMean('D21', ['D1', 'D2', 'D3']) // " (did you mean 'D1', 'D2' or 'D3'?)"
 */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const near = nearest(input, candidates);
  if (!near.length) return '';
  const quoted = near.map((c) => `'${c}'`);
  const list = quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return ` (did you mean ${list}?)`;
}
