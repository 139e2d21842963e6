/**
 * Determinant of a large integer matrix without n³ BigInt work:
 * - one exact solve A·x = b (Dixon) gives a denominator d that divides det A (Cramer), so
 *   det A = d·c for an integer c with |c| ≤ H/d (H the Hadamard bound);
 * - c is then fixed by its residues mod a few primes (c ≡ det_p(A)·d⁻¹), Chinese remaindering
 *   until the product of the primes exceeds 2·H/d. This is a proof, not a guess: the residues
 *   are exact and the bound is Hadamard's.
 * A matrix singular mod every prime tried is decided by the certified rank instead.
 */
import { MODULAR_PRIMES, bigMod, echelonModP, invMod, primesBelow, reduceRows } from './modular.ts';
import { dixonSolve, hadamardBits } from './dixon.ts';
import { certifiedEchelon } from './certified-rank.ts';
import { symmetricMod } from './rational-reconstruction.ts';
import type { TimeCheck } from './dixon.ts';

/** det A exactly for a square integer matrix, or undefined when the certified paths fail. */
export function modularDeterminant(A: readonly (readonly bigint[])[], deadline?: TimeCheck): bigint | undefined {
  const n = A.length;
  if (n === 0) return 1n;
  const dets: { p: number; det: number }[] = [];
  let idx = 0;
  // A first nonzero residue (else the matrix is probably singular: certify rank < n).
  for (; idx < 3 && dets.length === 0; idx++) {
    const p = MODULAR_PRIMES[idx]!;
    const det = echelonModP(reduceRows(A, p), n, n, p).det;
    if (det !== 0) dets.push({ p, det });
  }
  if (dets.length === 0) {
    const ech = certifiedEchelon(A, n, deadline);
    if (ech && ech.pivots.length < n) return 0n;
    return undefined;
  }
  const b = A.map((_, i) => [BigInt(((i * 7919) % 97) - 48)]);
  const sol = dixonSolve(A, b, { primeIndex: idx - 1, deadline });
  if (!sol) return undefined;
  const d = sol.den;
  const H = hadamardBits(A, A.map(() => []));
  const needBits = H - (d.toString(2).length - 1) + 2;
  // CRT on c = det/d.
  let c = 0n;
  let mod = 1n;
  let used = 0;
  let next = idx;
  const addResidue = (p: number, detp: number): boolean => {
    const dp = bigMod(d, p);
    if (dp === 0) return false;
    const cp = (detp * invMod(dp, p)) % p;
    // c ≡ cur (mod mod), c ≡ cp (mod p).
    const P = BigInt(p);
    const t = BigInt(((cp - bigMod(c, p)) % p + p) % p) * BigInt(invMod(bigMod(mod, p), p)) % P;
    c += mod * t;
    mod *= P;
    used += Math.log2(p);
    return true;
  };
  for (const { p, det } of dets) addResidue(p, det);
  // Enough primes below 2^26 for the bound (each carries > 25.9 bits), listed once.
  const primes = needBits / 25.9 + idx + 2 > MODULAR_PRIMES.length ? primesBelow(26, Math.ceil(needBits / 25.9) + idx + 8) : MODULAR_PRIMES;
  while (used < needBits) {
    deadline?.check('exact determinant (Chinese remaindering)');
    if (next >= primes.length) return undefined;
    const p = primes[next++]!;
    addResidue(p, echelonModP(reduceRows(A, p), n, n, p).det);
  }
  return d * symmetricMod(c, mod);
}
