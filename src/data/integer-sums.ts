/**
 * Exact column sums of the compact representation (compact.ts), without second moments.
 */
import { TWO53, type CompactClass } from './compact.ts';

/**
 * Σz over all rows of a class, exact, in O(N·M): float64 partial sums in chunks of T rows
 * with T·max|z| < 2^53 (every partial sum an exact integer), flushed into BigInt.
 * @example integerSums(compactOf(ds).classes[0], ds.M)
 */
export function integerSums(c: CompactClass, M: number): bigint[] {
  const sum = new Array<bigint>(M).fill(0n);
  const T = c.f64 ? Math.floor(TWO53 / Math.max(c.maxAbs, 1)) : 0;
  if (c.f64 && T >= 1) {
    const z = c.f64;
    const s1 = new Float64Array(M);
    let inChunk = 0;
    const flush = (): void => {
      for (let k = 0; k < M; k++) if (s1[k] !== 0) sum[k]! += BigInt(s1[k]!);
      s1.fill(0);
      inChunk = 0;
    };
    for (let r = 0; r < c.count; r++) {
      const o = r * M;
      for (let p = 0; p < M; p++) s1[p]! += z[o + p]!;
      if (++inChunk >= T) flush();
    }
    flush();
    return sum;
  }
  for (let r = 0; r < c.count; r++) for (let p = 0; p < M; p++) sum[p]! += c.f64 ? BigInt(c.f64[r * M + p]!) : c.big![r * M + p]!;
  return sum;
}
