/**
 * Rational reconstruction: from u mod m, the fraction a/b ≡ u (mod m) with |a| ≤ N and
 * 0 < b ≤ D, when one exists (unique when 2·N·D < m). Callers verify what they
 * reconstruct exactly, so a wrong guess is caught, never returned.
 */

/** Integer square root ⌊√v⌋ for v ≥ 0. */
export function isqrt(v: bigint): bigint {
  if (v < 0n) throw new RangeError('isqrt of a negative number');
  if (v < 2n) return v;
  // Newton from above (2^⌈bits/2⌉ ≥ √v) decreases monotonically to ⌊√v⌋.
  let x = 1n << BigInt((v.toString(2).length + 1) >> 1);
  for (;;) {
    const y = (x + v / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** u reduced into (−m/2, m/2]. */
export function symmetricMod(u: bigint, m: bigint): bigint {
  let r = u % m;
  if (r < 0n) r += m;
  return 2n * r > m ? r - m : r;
}

/**
 * a/b with a ≡ b·u (mod m), |a| ≤ N, 0 < b ≤ D (half extended Euclid), or undefined.
 * @example reconstruct(4n, 7n, 1n, 3n) // { num: 1n, den: 2n }   (1/2 ≡ 4 mod 7)
 */
export function reconstruct(u: bigint, m: bigint, N: bigint, D: bigint): { num: bigint; den: bigint } | undefined {
  let r0 = m;
  let r1 = ((u % m) + m) % m;
  let t0 = 0n;
  let t1 = 1n;
  while (r1 > N) {
    const qt = r0 / r1;
    [r0, r1] = [r1, r0 - qt * r1];
    [t0, t1] = [t1, t0 - qt * t1];
  }
  if (t1 === 0n) return undefined;
  const neg = t1 < 0n;
  const den = neg ? -t1 : t1;
  const num = neg ? -r1 : r1;
  if (den > D) return undefined;
  return { num, den };
}

/** A vector read entry by entry (an array, or entries computed only when reached). */
export interface Entries {
  readonly length: number;
  at(i: number): bigint | undefined;
}

/**
 * One common denominator d ≤ D and numerators n_i ≡ d·u_i (mod m), found entry by entry
 * (most entries need no Euclid once d is known), or undefined. A guess: the caller verifies.
 * `first` is tried before the others (where the last failure was); `onFail` learns which entry failed.
 */
export function reconstructVector(us: Entries, m: bigint, N: bigint, D: bigint, opts: { first?: number; onFail?: (i: number) => void } = {}): { nums: bigint[]; den: bigint } | undefined {
  let d = 1n;
  const order = Array.from({ length: us.length }, (_, i) => i);
  if (opts.first !== undefined && opts.first < us.length) order.unshift(opts.first);
  for (const i of order) {
    const w = symmetricMod(d * us.at(i)!, m);
    if ((w < 0n ? -w : w) <= N) continue;
    const r = reconstruct(w, m, N, D / d);
    if (!r || (d *= r.den) > D) {
      opts.onFail?.(i);
      return undefined;
    }
  }
  return { nums: Array.from({ length: us.length }, (_, i) => symmetricMod(d * us.at(i)!, m)), den: d };
}
