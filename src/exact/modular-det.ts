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
  // A first nonzero residue (else the matrix is probably singular: certify rank < n).
  // The empty matrix takes the general path: det 1 mod p, Dixon denominator 1.
  let first: { p: number; det: number } | undefined;
  let idx = 0;
  for (; idx < 3 && first === undefined; idx++) {
    const p = MODULAR_PRIMES[idx]!;
    const det = echelonModP(reduceRows(A, p), n, n, p).det;
    if (det !== 0) first = { p, det };
  }
  if (first === undefined) {
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
  // CRT on c = det/d. A prime dividing d carries no residue of c and is skipped; it cannot be
  // the first (d divides det, which is nonzero mod that prime).
  let c = 0n;
  let mod = 1n;
  let used = 0;
  const addResidue = (p: number, detp: number): void => {
    const dp = bigMod(d, p);
    if (dp === 0) return;
    const cp = (detp * invMod(dp, p)) % p;
    // c ≡ cur (mod mod), c ≡ cp (mod p): t is any representative of (cp − c)·mod⁻¹ mod p
    // (|t| < p; symmetricMod reduces the final c whatever its representative).
    const P = BigInt(p);
    const t = (BigInt(cp - bigMod(c, p)) * BigInt(invMod(bigMod(mod, p), p))) % P;
    c += mod * t;
    mod *= P;
    used += Math.log2(p);
  };
  addResidue(first.p, first.det);
  // Enough primes, listed once (the same descending list MODULAR_PRIMES begins): each carries
  // > 25.9 bits, and each prime tried is added (to `used` < needBits while the loop runs) or
  // divides d (together < len(d) bits), so fewer than (needBits + len(d)) / 25.9 = (H + 3) / 25.9
  // primes are tried before the bound is met.
  const count = idx + Math.ceil((H + 3) / 25.9);
  // MODULAR_PRIMES is primesBelow(26, 64), computed once (a few ms each time otherwise).
  const primes = count <= MODULAR_PRIMES.length ? MODULAR_PRIMES : primesBelow(26, count);
  for (let next = idx; used < needBits; next++) {
    deadline?.check('exact determinant (Chinese remaindering)');
    const p = primes[next];
    // Unreachable while the list's primes stay above 2^25.9 (H below ~6·10^6 bits); beyond, no answer rather than a crash.
    if (p === undefined) return undefined;
    addResidue(p, echelonModP(reduceRows(A, p), n, n, p).det);
  }
  return d * symmetricMod(c, mod);
}
