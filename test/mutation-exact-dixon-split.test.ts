/**
 * dixon.ts at n = 2047, where the solve switches to the primes below 2^26 and (n+1)·p² ≥ 2^53,
 * so x = C·r mod p is computed with C split into two 13-bit halves (the only path for systems
 * this large; smaller tests never reach it). A sparse system keeps it to about a second:
 * A = I + 3·(subdiagonal), whose inverse mod p is dense below the diagonal with residues of
 * every size ((−3)^(i−t) mod p), so every product and sum of the split path is exercised and an
 * unsplit float sum would not be exact. Oracle: the solution is chosen first, B = A·X₀.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution, dixonSolve } from '../src/exact/dixon.ts';

describe('dixon.ts: the split products of large systems (n = 2047)', () => {
  it('solves A·X = B exactly with the 26-bit primes and the 13-bit halves of C⁻¹', () => {
    const n = 2047;
    const zero = new Array<bigint>(n).fill(0n);
    const A = Array.from({ length: n }, (_, i) => {
      const row = zero.slice();
      row[i] = 1n;
      if (i > 0) row[i - 1] = 3n;
      return row;
    });
    // X₀ with both signs, zeros and a column of large entries (several p-adic digits).
    const X0 = Array.from({ length: n }, (_, i) => [BigInt(((i * 37) % 11) - 5), BigInt(((i * 13) % 7) - 3) * (2n ** 70n + BigInt(i))]);
    const B = A.map((_, i) => [0, 1].map((j) => (i > 0 ? 3n * X0[i - 1]![j]! : 0n) + X0[i]![j]!));
    const sol = dixonSolve(A, B);
    expect(sol).toBeDefined();
    expect(sol!.den).toBe(1n);
    for (let i = 0; i < n; i++) expect(sol!.num[i], `row ${i}`).toEqual(X0[i]);
    expect(checkSolution(A, B, sol!)).toBe(true);
  });
});
