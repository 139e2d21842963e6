/**
 * The modular layer (src/exact/modular.ts, dixon.ts, certified-rank.ts, modular-det.ts,
 * rational-reconstruction.ts) against an independent oracle: a naive Gauss–Jordan on
 * Rationals written here. Random square, rectangular, singular and rank-deficient systems,
 * huge entries, and corrupted results that the exact verification must reject.
 * Seeded (fast-check seeds printed on failure).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIXON_THRESHOLD, Matrix, MODULAR_THRESHOLD } from '../src/exact/matrix.ts';
import { Rational, gcd } from '../src/exact/rational.ts';
import { checkSolution, dixonSolve } from '../src/exact/dixon.ts';
import { certifiedEchelon } from '../src/exact/certified-rank.ts';
import { modularDeterminant } from '../src/exact/modular-det.ts';
import { MODULAR_PRIMES, echelonModP, inverseModP, reduceRows } from '../src/exact/modular.ts';
import { reconstruct, isqrt } from '../src/exact/rational-reconstruction.ts';
import { leastSquaresValue, satisfiesNormalEquations, solveLeastSquares } from '../src/exact/least-squares.ts';
import { prng } from '../src/util/prng.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { rref } from './oracles/naive-elimination.ts';

type V = Rational[];


const R = (v: bigint) => Rational.int(v);

function randomInts(rand: () => number, n: number, m: number, bits: number): bigint[][] {
  return Array.from({ length: n }, () =>
    Array.from({ length: m }, () => {
      let v = 0n;
      for (let b = 0; b < bits; b += 24) v = (v << 24n) | BigInt(Math.floor(rand() * 2 ** 24));
      v >>= BigInt(Math.max(0, Math.ceil(bits / 24) * 24 - bits));
      return rand() < 0.5 ? -v : v;
    }),
  );
}

/** A rank-r matrix n×m: U·V plus duplicated and zero columns. */
function lowRank(rand: () => number, n: number, m: number, r: number, bits: number): bigint[][] {
  const U = randomInts(rand, n, r, bits);
  const W = randomInts(rand, r, m, bits);
  const A = U.map((u) => Array.from({ length: m }, (_, j) => u.reduce((s, v, t) => s + v * W[t]![j]!, 0n)));
  if (m > 3) for (const row of A) (row[m - 1] = row[0]!), (row[1] = 0n);
  return A;
}

describe('arithmetic mod p and rational reconstruction', () => {
  it('inverse mod p times the matrix is the identity; rank mod p of random matrices is full', () => {
    const rand = prng(11);
    const p = MODULAR_PRIMES[0]!;
    const A = randomInts(rand, 12, 12, 60);
    const Am = reduceRows(A, p);
    const C = inverseModP(Am, 12, p)!;
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 12; j++) {
        let s = 0n;
        for (let t = 0; t < 12; t++) s += BigInt(Am[i * 12 + t]!) * BigInt(C[t * 12 + j]!);
        expect(s % BigInt(p)).toBe(i === j ? 1n : 0n);
      }
    expect(echelonModP(Am, 12, 12, p).pivotCols).toHaveLength(12);
  });

  it('reconstructs small fractions from their residues', () => {
    const m = 2n ** 61n - 1n;
    const bound = isqrt(m / 2n);
    for (const [a, b] of [[1n, 2n], [-7n, 3n], [123456789n, 1000003n], [0n, 1n], [-1n, 1n]] as const) {
      const u = (((a * modInverse(b, m)) % m) + m) % m;
      expect(reconstruct(u, m, bound, bound)).toEqual({ num: a, den: b });
    }
    for (let v = 0n; v < 2000n; v += 37n) expect(isqrt(v * v + v)).toBe(v);
  });

  it('gcd (Lehmer) equals Euclid on large and adversarial inputs', () => {
    const rand = prng(5);
    const euclid = (a: bigint, b: bigint): bigint => {
      a = a < 0n ? -a : a;
      b = b < 0n ? -b : b;
      while (b) [a, b] = [b, a % b];
      return a;
    };
    for (let k = 0; k < 200; k++) {
      const [g] = randomInts(rand, 1, 1, 1 + Math.floor(rand() * 200))[0]!;
      const a = g! * randomInts(rand, 1, 1, 1 + Math.floor(rand() * 1500))[0]![0]!;
      const b = g! * randomInts(rand, 1, 1, 1 + Math.floor(rand() * 1500))[0]![0]!;
      expect(gcd(a, b)).toBe(euclid(a, b));
    }
    let [f0, f1] = [1n, 1n];
    for (let i = 0; i < 2000; i++) [f0, f1] = [f1, f0 + f1];
    expect(gcd(f1, f0)).toBe(1n);
    expect(gcd(f1 * 6n, f0 * 4n)).toBe(2n);
  });
});

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, t0, t1] = [m, ((a % m) + m) % m, 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1];
  }
  return ((t0 % m) + m) % m;
}

describe('Dixon lifting = naive elimination, exactly', () => {
  it('random square systems, several right-hand sides, entries up to 2^120', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 120 }), fc.integer(), (n, k, bits, seed) => {
        const rand = prng(seed);
        const A = randomInts(rand, n, n, bits);
        const B = randomInts(rand, n, k, bits);
        const ref = rref(A.map((row, i) => [...row.map(R), ...B[i]!.map(R)]));
        const sol = dixonSolve(A, B);
        if (ref.pivots.length < n || ref.pivots.some((p, i) => p !== i)) {
          expect(sol).toBeUndefined(); // singular: no (unverifiable) answer
          return;
        }
        expect(sol).toBeDefined();
        for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) expect(Rational.of(sol!.num[i]![j]!, sol!.den).eq(ref.rows[i]![n + j]!)).toBe(true);
      }),
      { numRuns: fuzzRuns(25, 300), seed: 1201 },
    );
  });

  it('a 40×40 system with 2 right-hand sides, against the Bareiss path', () => {
    const rand = prng(7);
    const A = randomInts(rand, 40, 40, 30);
    const B = randomInts(rand, 40, 2, 30);
    const sol = dixonSolve(A, B)!;
    const x = Matrix.fromRows(A.map((r) => r.map(R))).solve(Matrix.fromRows(B.map((r) => r.map(R))));
    for (let i = 0; i < 40; i++) for (let j = 0; j < 2; j++) expect(Rational.of(sol.num[i]![j]!, sol.den).eq(x.get(i, j))).toBe(true);
  });

  it('the residual in BigInt, then in float64, and back: large B, two-limb A, quotients beyond 2^50', () => {
    // Which path runs is decided per step by the sizes: B of 200 bits starts in BigInt and moves
    // to float64 once |r| < 2^50; A of 30 bits (two limbs, the float update); A of 55 bits keeps
    // quotients near n·2^55, so the float update hands back to BigInt. Same answers as Bareiss.
    const rand = prng(12);
    for (const [aBits, bBits] of [[30, 200], [30, 10], [55, 10], [55, 200]] as const) {
      const A = randomInts(rand, 10, 10, aBits);
      const B = randomInts(rand, 10, 3, bBits);
      const sol = dixonSolve(A, B)!;
      const x = Matrix.fromRows(A.map((r) => r.map(R))).solve(Matrix.fromRows(B.map((r) => r.map(R))));
      for (let i = 0; i < 10; i++) for (let j = 0; j < 3; j++) expect(Rational.of(sol.num[i]![j]!, sol.den).eq(x.get(i, j)), `${aBits}/${bBits} (${i},${j})`).toBe(true);
    }
  });

  it('singular matrices give no answer', () => {
    const rand = prng(3);
    expect(dixonSolve(lowRank(rand, 10, 10, 6, 20), randomInts(rand, 10, 1, 20))).toBeUndefined();
  });

  it('the exact check rejects a corrupted solution (numerator or denominator off by one)', () => {
    const rand = prng(9);
    const A = randomInts(rand, 8, 8, 40);
    const B = randomInts(rand, 8, 2, 40);
    const sol = dixonSolve(A, B)!;
    expect(checkSolution(A, B, sol)).toBe(true);
    const num = sol.num.map((r) => [...r]);
    num[5]![1] = num[5]![1]! + 1n;
    expect(checkSolution(A, B, { num, den: sol.den })).toBe(false);
    expect(checkSolution(A, B, { num: sol.num, den: sol.den + 1n })).toBe(false);
  });
});

describe('certified rank, pivots and null space', () => {
  it('rank-deficient matrices (products of thin factors, duplicated and zero columns) = naive rref', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16 }), fc.integer({ min: 2, max: 16 }), fc.integer({ min: 0, max: 16 }), fc.integer(), (n, m, r0, seed) => {
        const rand = prng(seed);
        const r = Math.min(r0, n, m);
        const A = lowRank(rand, n, m, r, 1 + Math.floor(rand() * 80));
        const ref = rref(A.map((row) => row.map(R)));
        const cert = certifiedEchelon(A, m)!;
        expect(cert).toBeDefined();
        expect(cert.pivots).toEqual(ref.pivots);
        expect(cert.nullSpace).toHaveLength(m - ref.pivots.length);
        // The reduced-echelon kernel basis is unique given the pivots: compare with the rref.
        const free = Array.from({ length: m }, (_, j) => j).filter((j) => !ref.pivots.includes(j));
        cert.nullSpace.forEach((v, k) => {
          ref.pivots.forEach((p, i) => expect(v[p]!.eq(ref.rows[i]![free[k]!]!.neg())).toBe(true));
          for (const row of A) expect(row.reduce((s, a, j) => s.add(v[j]!.mul(R(a))), Rational.ZERO).isZero()).toBe(true);
        });
      }),
      { numRuns: fuzzRuns(25, 300), seed: 1202 },
    );
  });

  it('Matrix.rank / pivotColumns / nullSpace above the threshold use it and agree with the naive rref', () => {
    const rand = prng(21);
    const n = MODULAR_THRESHOLD + 6;
    const A = lowRank(rand, n, n + 3, n - 5, 30);
    const M = Matrix.fromRows(A.map((r) => r.map((v) => Rational.of(v, 7n))));
    const ref = rref(A.map((row) => row.map(R)));
    expect(M.rank()).toBe(ref.pivots.length);
    expect(M.pivotColumns()).toEqual(ref.pivots);
    for (const v of M.nullSpace()) expect(M.mulVec(v).every((x) => x.isZero())).toBe(true);
    expect(M.nullSpace()).toHaveLength(n + 3 - ref.pivots.length);
  });
});

describe('determinant by Dixon denominator and CRT', () => {
  it('L·U with known diagonal, a singular matrix, and Matrix.det above the threshold', () => {
    const rand = prng(4);
    const n = DIXON_THRESHOLD + 2;
    const diag = Array.from({ length: n }, (_, i) => BigInt((i % 5) + 1) * (i % 2 ? -1n : 1n) * (i === 7 ? 1000003n : 1n));
    const L = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1n : j < i ? BigInt(Math.floor(rand() * 2001) - 1000) : 0n)));
    const U = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? diag[i]! : j > i ? BigInt(Math.floor(rand() * 2001) - 1000) : 0n)));
    const A = L.map((l) => Array.from({ length: n }, (_, j) => l.reduce((s, v, t) => s + v * U[t]![j]!, 0n)));
    const want = diag.reduce((a, b) => a * b, 1n);
    expect(modularDeterminant(A)).toBe(want);
    expect(Matrix.fromRows(A.map((r) => r.map((v) => Rational.of(v, 3n)))).det().eq(Rational.of(want, 3n ** BigInt(n)))).toBe(true);
    expect(modularDeterminant(lowRank(rand, n, n, n - 2, 20))).toBe(0n);
  });
});

describe('least squares with a rank-deficient Gram matrix above the threshold', () => {
  it('constant, zero and duplicated coordinates: the normal equations hold exactly and the residual is the value at A', () => {
    const rand = prng(8);
    const d = DIXON_THRESHOLD + 2; // N < d: G has rank ≤ 60 besides the constant columns
    const N = 60;
    const zs = Array.from({ length: N }, () => {
      const z = Array.from({ length: d }, () => Rational.of(BigInt(Math.floor(rand() * 20001) - 10000), 10000n));
      z[0] = Rational.ZERO;
      z[1] = Rational.of(1n, 2n);
      z[d - 2] = z[3]!;
      z[d - 1] = Rational.ONE;
      return z;
    });
    const ys = Array.from({ length: N }, () => Array.from({ length: 3 }, () => Rational.int(Math.floor(rand() * 3))));
    const G = Matrix.fromRows(Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => zs.reduce((s, z) => s.add(z[a]!.mul(z[b]!)), Rational.ZERO))));
    const B = Matrix.fromRows(Array.from({ length: 3 }, (_, i) => Array.from({ length: d }, (_, b) => zs.reduce((s, z, k) => s.add(ys[k]![i]!.mul(z[b]!)), Rational.ZERO))));
    const S = ys.reduce((s, y) => s.add(y.reduce((t, v) => t.add(v.square()), Rational.ZERO)), Rational.ZERO);
    const st = { G, B, S };
    const sol = solveLeastSquares(st);
    expect(satisfiesNormalEquations(st, sol.A)).toBe(true);
    expect(sol.residual.eq(leastSquaresValue(st, sol.A))).toBe(true);
    // Direct per-point value of the fit.
    const direct = zs.reduce((s, z, k) => s.add(sol.A.mulVec(z).reduce((t, v, i) => t.add(v.sub(ys[k]![i]!).square()), Rational.ZERO)), Rational.ZERO);
    expect(direct.eq(sol.residual)).toBe(true);
    // Zero on the non-pivot coordinates (the zero, the duplicate and the constant-multiple column).
    expect(sol.A.column(0).every((v) => v.isZero())).toBe(true);
  });
});
