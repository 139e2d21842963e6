/**
 * The modular files of the exact layer (modular.ts, rational-reconstruction.ts, dixon.ts,
 * certified-rank.ts, modular-det.ts) and the small exact helpers (binary.ts, grid.ts), each
 * against an independent oracle: trial division, BigInt arithmetic, naive Gauss–Jordan on
 * Rationals (test/oracles/naive-elimination.ts), Bareiss. Written for the mutation run
 * (npm run mutation -- exact): the boundaries (empty, singular, rank-deficient, a prime that
 * loses rank, three primes that do) and the fall-backs of Matrix above its thresholds.
 * Seeded; fast-check prints seed and path on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareissDeterminant as bareissInPlace, DIXON_THRESHOLD, Matrix, MODULAR_THRESHOLD } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { exactBinary } from '../src/exact/binary.ts';
import { roundToGrid } from '../src/exact/grid.ts';
import { LIFTING_PRIMES, MODULAR_PRIMES, bigMod, echelonModP, invMod, inverseModP, primesBelow, reduceRows } from '../src/exact/modular.ts';
import { isqrt, reconstruct, reconstructVector, symmetricMod } from '../src/exact/rational-reconstruction.ts';
import { checkSolution, dixonSolve, hadamardBits } from '../src/exact/dixon.ts';
import { certifiedEchelon } from '../src/exact/certified-rank.ts';
import { modularDeterminant } from '../src/exact/modular-det.ts';
import { prng } from '../src/util/prng.ts';
import { rref } from './oracles/naive-elimination.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';
import { ge, isInteger } from '../src/exact/rational-shorthands.ts';

const SEED = 4_717;

function isPrimeOracle(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

function randomInts(rand: () => number, n: number, m: number, range: number): bigint[][] {
  return Array.from({ length: n }, () => Array.from({ length: m }, () => BigInt(Math.floor(rand() * (2 * range + 1)) - range)));
}

/** Bareiss on a copy (bareissDeterminant works in place). */
const bareissDeterminant = (A: readonly (readonly bigint[])[]) => bareissInPlace(A.map((r) => [...r]));
const toRat = (A: bigint[][]) => A.map((r) => r.map((v) => Rational.int(v)));
const identityInts = (n: number, scale = 1n) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0n)));
/** x mod p in [0, p) by BigInt, the oracle for the float residues. */
const modOracle = (v: bigint, p: number) => Number(((v % BigInt(p)) + BigInt(p)) % BigInt(p));

describe('binary.ts: the exact value of a double', () => {
  /** Independent: doubling a non-integer double is exact; after k doublings it is an integer. */
  function oracle(x: number): Rational {
    if (Number.isInteger(x)) return Rational.of(BigInt(x), 1n);
    let y = x;
    let k = 0n;
    while (!Number.isInteger(y)) {
      y *= 2;
      k++;
    }
    return Rational.of(BigInt(y), 1n << k);
  }

  it('equals the doubling oracle on normals, subnormals, huge and negative values', () => {
    const xs = [0.5, -0.5, 0.1, -0.1, 1, -3, 2 ** 60, -(2 ** 60) - 2 ** 9, 1e300, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, 2 ** -1023, 1 / 3, Math.fround(0.1), 123456.789e-7];
    for (const x of xs) expect(exactBinary(x).toString(), String(x)).toBe(oracle(x).toString());
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => exactBinary(x).eq(oracle(x)) && toNumber(exactBinary(x)) === x),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('exact strings: 0.1 is not 1/10, ±0 is 0, non-finite throws', () => {
    expect(exactBinary(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(exactBinary(Math.fround(0.1)).toString()).toBe('13421773/134217728');
    expect(exactBinary(-0).isZero()).toBe(true);
    expect(exactBinary(0).toString()).toBe('0');
    expect(exactBinary(2 ** 53 + 2).toString()).toBe('9007199254740994');
    expect(exactBinary(5e-324).toString()).toBe(`1/${2n ** 1074n}`);
    for (const x of [NaN, Infinity, -Infinity]) expect(() => exactBinary(x)).toThrow(/not a finite number/);
  });
});

describe('grid.ts: rounding to multiples of 1/den', () => {
  it('the nearest multiple, ties towards +∞ (as Math.round), any sign', () => {
    const cases: [string, bigint, string][] = [
      ['1/3', 1024n, '341/1024'],
      ['1/2', 1n, '1'],
      ['-1/2', 1n, '0'],
      ['-3/2', 1n, '-1'],
      ['-2/3', 1n, '-1'],
      ['-1/3', 1n, '0'],
      ['5/2', 1n, '3'],
      ['-5/2', 1n, '-2'],
      ['7', 4n, '7'],
      ['-7/8', 4n, '-3/4'],
      ['-5/8', 4n, '-1/2'],
      ['0', 3n, '0'],
    ];
    for (const [v, den, want] of cases) expect(roundToGrid(Rational.parse(v), den).toString(), `${v} on 1/${den}`).toBe(want);
  });

  it('characterised exactly: r·den is an integer k with −1/2 ≤ v·den − k < 1/2 (property)', () => {
    const half = Rational.of(1n, 2n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d, den) => {
        const v = Rational.of(n, d);
        const r = roundToGrid(v, den);
        const k = r.mul(Rational.int(den));
        if (!isInteger(k)) return false;
        const diff = v.mul(Rational.int(den)).sub(k);
        return ge(diff, half.neg()) && diff.lt(half);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('modular.ts: primes, inverses, residues, elimination mod p', () => {
  it('primesBelow: the largest primes below 2^bits, descending, none skipped', () => {
    expect(primesBelow(10, 5)).toEqual([1021, 1019, 1013, 1009, 997]);
    expect(primesBelow(5, 3)).toEqual([31, 29, 23]);
    expect(primesBelow(3, 3)).toEqual([7, 5, 3]);
    expect(primesBelow(2, 1)).toEqual([3]);
    // Asking for more odd primes than exist below 2^bits is an error, not an endless loop.
    expect(() => primesBelow(2, 2)).toThrow(/fewer than 2 odd primes below 2\^2/);
    expect(() => primesBelow(3, 4)).toThrow(RangeError);
    for (const [list, bits, count] of [[MODULAR_PRIMES, 26, 64], [LIFTING_PRIMES, 21, 8]] as const) {
      expect(list).toHaveLength(count);
      for (const p of list) expect(isPrimeOracle(p), String(p)).toBe(true);
      // No prime between consecutive entries, none above the first below 2^bits.
      for (let c = 2 ** bits - 1; c > list[list.length - 1]!; c--) expect(list.includes(c), String(c)).toBe(isPrimeOracle(c));
    }
  });

  it('invMod: a·a⁻¹ ≡ 1 for any representative of a; not invertible throws', () => {
    const p = MODULAR_PRIMES[0]!;
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (a) => {
        if (modOracle(BigInt(a), p) === 0) return true;
        const inv = invMod(a, p);
        return inv >= 0 && inv < p && modOracle(BigInt(a) * BigInt(inv), p) === 1;
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(invMod(1, 7)).toBe(1);
    expect(invMod(3, 7)).toBe(5);
    expect(invMod(-1, 7)).toBe(6);
    expect(invMod(10, 7)).toBe(5);
    expect(() => invMod(0, 7)).toThrow(/not invertible mod 7/);
    expect(() => invMod(14, 7)).toThrow(/not invertible/);
    expect(() => invMod(6, 9)).toThrow(/6 is not invertible mod 9/);
  });

  it('bigMod and reduceRows agree with BigInt residues (negative, huge, around 2^53)', () => {
    const p = MODULAR_PRIMES[3]!;
    const vals = [0n, 1n, -1n, BigInt(p), -BigInt(p), BigInt(p) + 5n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n), 10n ** 40n + 7n, -(10n ** 40n) - 7n];
    for (const v of vals) expect(bigMod(v, p), String(v)).toBe(modOracle(v, p));
    const rows = [vals.slice(0, 6), vals.slice(6)];
    const red = reduceRows(rows, p);
    expect(red).toHaveLength(12);
    rows.forEach((r, i) => r.forEach((v, j) => expect(red[i * 6 + j], String(v)).toBe(modOracle(v, p))));
    expect(reduceRows([], p)).toHaveLength(0);
  });

  it('echelonModP: leftmost pivots, the pivot rows give a nonzero minor, det mod p = Bareiss det mod p', () => {
    const p = LIFTING_PRIMES[0]!;
    const rand = prng(SEED);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + (trial % 6);
      const m = trial % 3 === 0 ? n : 1 + Math.floor(rand() * 7);
      const A = randomInts(rand, n, m, trial % 2 ? 2 : 30);
      if (trial % 4 === 0) for (const row of A) row[0] = 0n; // pivot search past a zero column
      if (trial % 5 === 0 && n > 1) A[1] = A[0]!.map((v) => 3n * v); // a dependent row
      const e = echelonModP(reduceRows(A, p), n, m, p);
      // Pivots over ℚ equal those mod p here (small entries, a prime near 2^21 loses no rank on these seeds).
      expect(e.pivotCols, `trial ${trial}: ${JSON.stringify(A.map((r) => r.map(String)))}`).toEqual(rref(toRat(A)).pivots);
      expect(e.pivotRows).toHaveLength(e.pivotCols.length);
      const minor = e.pivotRows.map((i) => e.pivotCols.map((c) => A[i]![c]!));
      if (minor.length) expect(bareissDeterminant(minor) % BigInt(p)).not.toBe(0n);
      if (n === m) expect(e.det).toBe(modOracle(bareissDeterminant(A), p));
      else expect(e.det).toBe(0);
    }
  });

  it('echelonModP: the determinant sign follows the row swaps', () => {
    const p = 101;
    // A permutation matrix of each parity, and one needing two swaps.
    expect(echelonModP(reduceRows([[0n, 1n], [1n, 0n]], p), 2, 2, p).det).toBe(100);
    expect(echelonModP(reduceRows([[0n, 2n, 0n], [0n, 0n, 3n], [5n, 0n, 0n]], p), 3, 3, p).det).toBe(30);
    expect(echelonModP(reduceRows([[0n, 0n, 3n], [0n, 2n, 0n], [5n, 0n, 0n]], p), 3, 3, p).det).toBe(p - 30);
    const e = echelonModP(reduceRows([[0n, 0n], [0n, 4n], [1n, 1n]], p), 3, 2, p);
    expect(e.pivotCols).toEqual([0, 1]);
    expect(e.pivotRows).toEqual([2, 1]);
    expect(echelonModP(reduceRows([[1n, 2n], [2n, 4n]], p), 2, 2, p).det).toBe(0);
    expect(echelonModP(new Float64Array(0), 0, 0, p)).toEqual({ pivotCols: [], pivotRows: [], det: 1 });
  });

  it('inverseModP: A·A⁻¹ ≡ I (pivot swaps included), undefined when singular mod p', () => {
    const p = LIFTING_PRIMES[2]!;
    const rand = prng(SEED + 1);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + (trial % 7);
      const A = randomInts(rand, n, n, 50);
      if (trial % 3 === 0) for (let j = 0; j < n; j++) A[0]![j] = j === n - 1 ? 1n : 0n; // a zero pivot at (0, 0)
      const det = bareissDeterminant(A);
      const inv = inverseModP(reduceRows(A, p), n, p);
      if (det % BigInt(p) === 0n) {
        expect(inv).toBeUndefined();
        continue;
      }
      expect(inv).toBeDefined();
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0n;
          for (let t = 0; t < n; t++) s += A[i]![t]! * BigInt(inv![t * n + j]!);
          expect(modOracle(s, p), `${i},${j}`).toBe(i === j ? 1 : 0);
        }
    }
    expect(inverseModP(reduceRows([[1n, 2n], [2n, 4n]], p), 2, p)).toBeUndefined();
    expect(inverseModP(reduceRows([[BigInt(p), 0n], [0n, 1n]], p), 2, p)).toBeUndefined();
  });
});

describe('rational-reconstruction.ts', () => {
  it('isqrt is ⌊√v⌋ (squares and their neighbours, huge values); negative throws', () => {
    for (const v of [0n, 1n, 2n, 3n, 4n, 5n, 8n, 9n, 10n, 15n, 16n, 17n, 99n, 100n, 101n]) {
      const r = isqrt(v);
      expect(r * r <= v && (r + 1n) * (r + 1n) > v, String(v)).toBe(true);
    }
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 400n }), fc.constantFrom(-1n, 0n, 1n), (x, d) => {
        const v = x * x + d < 0n ? 0n : x * x + d;
        const r = isqrt(v);
        return r * r <= v && (r + 1n) * (r + 1n) > v;
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(() => isqrt(-1n)).toThrow(/negative/);
  });

  it('symmetricMod lands in (−m/2, m/2], congruent to u', () => {
    expect(symmetricMod(5n, 10n)).toBe(5n);
    expect(symmetricMod(6n, 10n)).toBe(-4n);
    expect(symmetricMod(-5n, 10n)).toBe(5n);
    expect(symmetricMod(-6n, 10n)).toBe(4n);
    expect(symmetricMod(3n, 7n)).toBe(3n);
    expect(symmetricMod(4n, 7n)).toBe(-3n);
    expect(symmetricMod(-21n, 7n)).toBe(0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 2n, max: 10n ** 20n }), (u, m) => {
        const r = symmetricMod(u, m);
        return 2n * r > -m && 2n * r <= m && (((u - r) % m) + m) % m === 0n;
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reconstruct recovers a/b when 2·N·D < m, and says undefined when no small fraction fits', () => {
    expect(reconstruct(4n, 7n, 1n, 3n)).toEqual({ num: 1n, den: 2n });
    expect(reconstruct(3n, 7n, 1n, 3n)).toEqual({ num: -1n, den: 2n });
    expect(reconstruct(0n, 7n, 1n, 3n)).toEqual({ num: 0n, den: 1n });
    expect(reconstruct(-3n, 7n, 3n, 1n)).toEqual({ num: -3n, den: 1n });
    const m = BigInt(MODULAR_PRIMES[0]!) * BigInt(MODULAR_PRIMES[1]!);
    const B = isqrt(m / 2n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(B - 1n), max: B - 1n }), fc.bigInt({ min: 1n, max: B - 1n }), (a, b) => {
        const g = gcdOracle(a, b);
        const u = (((a * modInverse(b, m)) % m) + m) % m;
        const r = reconstruct(u, m, B, B);
        return r !== undefined && r.num === a / g && r.den === b / g;
      }),
      { seed: SEED, numRuns: 300 },
    );
    // 1/2 mod 1000003 with a denominator bound of 1: no fraction with b ≤ 1 and small numerator.
    const p = 1000003n;
    expect(reconstruct(modInverse(2n, p), p, 100n, 1n)).toBeUndefined();
    expect(reconstruct(modInverse(2n, p), p, 100n, 2n)).toEqual({ num: 1n, den: 2n });
    // A residue with no small fraction at all.
    expect(reconstruct(123457n, p, 10n, 10n)).toBeUndefined();
  });

  it('reconstructVector: one common denominator, a guess refused beyond D', () => {
    const m = BigInt(MODULAR_PRIMES[0]!) * BigInt(MODULAR_PRIMES[1]!) * BigInt(MODULAR_PRIMES[2]!);
    const B = isqrt(m / 2n);
    const fr: [bigint, bigint][] = [[1n, 2n], [-2n, 3n], [5n, 1n], [7n, 6n], [0n, 1n], [-1n, 4n]];
    const us = fr.map(([a, b]) => (((a * modInverse(b, m)) % m) + m) % m);
    const v = reconstructVector(us, m, B, B)!;
    expect(v.den).toBe(12n);
    expect(v.nums).toEqual(fr.map(([a, b]) => (a * 12n) / b));
    // The same denominators with D = 11 < 12: refused, not truncated.
    expect(reconstructVector(us, m, B, 11n)).toBeUndefined();
    // D = 6 admits 1/2, 2/3 and 7/6 separately but not their common denominator 12.
    expect(reconstructVector(us.slice(0, 4), m, B, 6n)).toEqual({ nums: [3n, -4n, 30n, 7n], den: 6n });
    expect(reconstructVector([us[0]!, us[5]!], m, B, 3n)).toBeUndefined();
    expect(reconstructVector([], m, B, B)).toEqual({ nums: [], den: 1n });
    // Integers only: denominator 1, numerators symmetric.
    expect(reconstructVector([5n, m - 5n], m, B, B)).toEqual({ nums: [5n, -5n], den: 1n });
    // Entries read on demand, the hardest first: the failing entry is reported and none after it is read.
    const read: number[] = [];
    const failed: number[] = [];
    const lazy = { length: 6, at: (i: number) => (read.push(i), us[i]!) };
    expect(reconstructVector(lazy, m, B, 3n, { first: 3, onFail: (i) => failed.push(i) })).toBeUndefined();
    expect([read, failed]).toEqual([[3], [3]]); // 7/6: denominator 6 > 3
    read.length = 0;
    expect(reconstructVector(lazy, m, B, B, { first: 3 })).toEqual(v);
    expect(read.slice(0, 7)).toEqual([3, 0, 1, 2, 3, 4, 5]);
  });
});

function gcdOracle(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y) [x, y] = [y, x % y];
  return x;
}
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, t0, t1] = [m, ((a % m) + m) % m, 0n, 1n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1];
  }
  return ((t0 % m) + m) % m;
}

describe('dixon.ts', () => {
  it('hadamardBits: Σ_i ⌈bits(‖(A_i, B_i)‖²)/2⌉, B included', () => {
    expect(hadamardBits([[3n, 4n]], [[0n]])).toBe(3); // 25 has 5 bits
    expect(hadamardBits([[1n]], [[]])).toBe(1);
    expect(hadamardBits([[0n]], [[0n]])).toBe(0);
    expect(hadamardBits([[1n, 0n], [0n, 1n]], [[2n], [-2n]])).toBe(4); // 5 → 3 bits → 2, twice
    expect(hadamardBits([[-8n]], [[0n]])).toBe(4); // 64 → 7 bits → 4
    expect(hadamardBits([[2n ** 100n]], [[0n]])).toBe(101);
    // Even bit lengths (an off-by-one in the bit length shows only there): 2 → 1, 8 → 2, 2^101 → 51.
    expect(hadamardBits([[1n, 1n]], [[0n]])).toBe(1);
    expect(hadamardBits([[2n]], [[-2n]])).toBe(2);
    expect(hadamardBits([[-(2n ** 50n)]], [[2n ** 50n]])).toBe(51);
  });

  it('checkSolution accepts A·num = den·B exactly and nothing else', () => {
    const A = [[2n, 1n], [0n, 3n]];
    const B = [[1n, 0n], [3n, 6n]];
    // X = A⁻¹B = [[0, −1], [1, 2]]·… : A·[[0,-1],[1,2]] = [[1,0],[3,6]].
    expect(checkSolution(A, B, { num: [[0n, -1n], [1n, 2n]], den: 1n })).toBe(true);
    expect(checkSolution(A, B, { num: [[0n, -2n], [2n, 4n]], den: 2n })).toBe(true);
    expect(checkSolution(A, B, { num: [[0n, -1n], [1n, 3n]], den: 1n })).toBe(false);
    expect(checkSolution(A, B, { num: [[0n, -1n], [1n, 2n]], den: 2n })).toBe(false);
    expect(checkSolution(A, [[1n], [3n]], { num: [[1n], [1n]], den: 1n })).toBe(false);
    expect(checkSolution([], [], { num: [], den: 1n })).toBe(true);
  });

  it('dixonSolve = naive elimination on random systems (sizes 1–12, small to 2^90 entries, k = 1–3)', () => {
    const rand = prng(SEED + 2);
    for (let trial = 0; trial < 24; trial++) {
      const n = 1 + (trial % 12);
      const k = 1 + (trial % 3);
      const range = trial % 2 ? 9 : 2 ** 30;
      let A = randomInts(rand, n, n, range);
      if (trial % 4 === 1) A = A.map((r) => r.map((v) => v * 2n ** 60n + 1n));
      const B = randomInts(rand, n, k, range);
      const det = bareissDeterminant(A);
      const sol = dixonSolve(A, B, { primeIndex: trial });
      if (det === 0n) {
        expect(sol).toBeUndefined();
        continue;
      }
      expect(sol, `trial ${trial}`).toBeDefined();
      expect(sol!.den > 0n).toBe(true);
      const want = rref(toRat(A), toRat(B)).rows.map((r) => r.slice(n));
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) expect(Rational.of(sol!.num[i]![j]!, sol!.den).eq(want[i]![j]!), `trial ${trial} (${i},${j})`).toBe(true);
      // Lowest terms overall: the common denominator is the least one.
      let g = sol!.den;
      for (const row of sol!.num) for (const v of row) g = gcdOracle(g, v);
      expect(g).toBe(1n);
    }
  });

  it('dixonSolve: empty, singular, singular mod the first primes only, and the deadline', () => {
    expect(dixonSolve([], [])).toEqual({ num: [], den: 1n });
    expect(dixonSolve([[1n, 2n], [2n, 4n]], [[1n], [1n]])).toBeUndefined();
    // det = p0·p1 (the first two lifting primes): singular mod both, solved with the third.
    const [p0, p1, p2] = LIFTING_PRIMES.map(BigInt) as [bigint, bigint, bigint];
    const A = [[p0 * p1, 0n], [0n, 1n]];
    expect(dixonSolve(A, [[1n], [5n]])).toEqual({ num: [[1n], [5n * p0 * p1]], den: p0 * p1 });
    // Singular mod the three primes tried: no answer (the caller decides by elimination).
    expect(dixonSolve([[p0 * p1 * p2, 0n], [0n, 1n]], [[1n], [1n]])).toBeUndefined();
    // ... but starting at another prime index it is solved.
    expect(dixonSolve([[p0 * p1 * p2, 0n], [0n, 1n]], [[1n], [1n]], { primeIndex: 3 })).toEqual({ num: [[1n], [p0 * p1 * p2]], den: p0 * p1 * p2 });
    const stop = { check: (what: string) => { throw new Error(`stopped during ${what}`); } };
    expect(() => dixonSolve([[2n]], [[1n]], { deadline: stop })).toThrow(/stopped during exact solve/);
    // A wraps around the prime list.
    expect(dixonSolve([[3n]], [[1n]], { primeIndex: LIFTING_PRIMES.length - 1 })).toEqual({ num: [[1n]], den: 3n });
  });

  it('dixonSolve: a long lifting (solutions of over 3000 bits) = naive elimination', () => {
    const rand = prng(SEED + 3);
    const n = 10;
    const [X, Y, Z] = [0, 1, 2].map(() => randomInts(rand, n, n, 2 ** 40));
    const A = X!.map((r, i) => r.map((v, j) => v * 2n ** 100n + Y![i]![j]! * 2n ** 50n + Z![i]![j]!));
    const B = randomInts(rand, n, 2, 2 ** 20);
    const sol = dixonSolve(A, B)!;
    // Numerators and denominator of over 1 000 bits: more than 64 p-adic digits, several chunks.
    expect(sol.den.toString(2).length).toBeGreaterThan(1000);
    expect(checkSolution(A, B, sol)).toBe(true);
    const want = rref(toRat(A), toRat(B)).rows.map((r) => r.slice(n));
    for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) expect(Rational.of(sol.num[i]![j]!, sol.den).eq(want[i]![j]!)).toBe(true);
  });
});

describe('certified-rank.ts', () => {
  const [q0, q1, q2] = MODULAR_PRIMES.map(BigInt) as [bigint, bigint, bigint];

  it('= naive rref on random full, thin-product and zero-column matrices', () => {
    const rand = prng(SEED + 4);
    for (let trial = 0; trial < 16; trial++) {
      const n = 2 + (trial % 6);
      const m = 2 + ((trial * 5) % 7);
      const r = 1 + (trial % Math.min(n, m));
      const U = randomInts(rand, n, r, 5);
      const W = randomInts(rand, r, m, 5);
      const A = U.map((u) => Array.from({ length: m }, (_, j) => u.reduce((s, v, t) => s + v * W[t]![j]!, 0n)));
      if (trial % 3 === 0) for (const row of A) row[0] = 0n;
      const cert = certifiedEchelon(A, m)!;
      const want = rref(toRat(A));
      expect(cert.pivots, `trial ${trial}`).toEqual(want.pivots);
      expect(cert.nullSpace).toHaveLength(m - want.pivots.length);
      for (const v of cert.nullSpace) for (const row of A) expect(row.reduce((s, a, j) => s.add(v[j]!.mul(Rational.int(a))), Rational.ZERO).isZero()).toBe(true);
      // One basis vector per free column f: 1 at f, 0 at the other free columns.
      const free = Array.from({ length: m }, (_, j) => j).filter((j) => !want.pivots.includes(j));
      cert.nullSpace.forEach((v, k) => free.forEach((f, l) => expect(v[f]!.eq(k === l ? Rational.ONE : Rational.ZERO)).toBe(true)));
    }
  });

  it('zero matrix, full rank, and a square matrix with more rows than columns', () => {
    const z = certifiedEchelon([[0n, 0n, 0n], [0n, 0n, 0n]], 3)!;
    expect(z.pivots).toEqual([]);
    expect(z.nullSpace.map((v) => v.map(String))).toEqual([['1', '0', '0'], ['0', '1', '0'], ['0', '0', '1']]);
    expect(certifiedEchelon([[1n, 2n], [3n, 4n], [5n, 6n]], 2)).toEqual({ pivots: [0, 1], nullSpace: [] });
    const r = certifiedEchelon([[1n, 2n, 3n], [2n, 4n, 7n]], 3)!;
    expect(r.pivots).toEqual([0, 2]);
    expect(r.nullSpace.map((v) => v.map(String))).toEqual([['-2', '1', '0']]);
  });

  it('a prime that loses rank is caught and the next prime decides', () => {
    // rank 2 over ℚ, rank 1 mod q0: the row check rejects the first prime's answer.
    const A = [[1n, 0n], [0n, q0], [1n, q0]];
    expect(certifiedEchelon(A, 2)).toEqual({ pivots: [0, 1], nullSpace: [] });
    // Column 0 ≡ 0 mod q0 (not over ℚ): mod q0 the pivot would be column 1; the leftmost check refuses it.
    const B = [[q0, 1n, 0n], [0n, 0n, 1n]];
    expect(certifiedEchelon(B, 3)!.pivots).toEqual([0, 2]);
    expect(certifiedEchelon(B, 3)!.nullSpace.map((v) => v.map(String))).toEqual([[`-1/${q0}`, '1', '0']]);
    // Nonzero only mod none of the first three primes: three failures, no uncertified answer.
    expect(certifiedEchelon([[q0 * q1 * q2, 0n], [0n, 0n]], 2)).toBeUndefined();
    expect(certifiedEchelon([[1n, 0n, 0n], [0n, q0 * q1 * q2, 0n]], 3)).toBeUndefined();
    expect(certifiedEchelon([[q0 * q1 * q2, 1n], [0n, 1n]], 2)).toBeUndefined();
  });

  it('a pivot minor singular mod the lifting primes: the next attempt solves it (no crash, same answer)', () => {
    const [p0, p1, p2] = LIFTING_PRIMES.map(BigInt) as [bigint, bigint, bigint];
    const P = p0 * p1 * p2;
    const A = [[P, 0n, 1n], [0n, 1n, 1n]];
    const cert = certifiedEchelon(A, 3)!;
    expect(cert.pivots).toEqual([0, 1]);
    expect(cert.nullSpace.map((v) => v.map(String))).toEqual([[`-1/${P}`, '-1', '1']]);
  });

  it('the deadline reaches the solve', () => {
    const stop = { check: () => { throw new Error('stopped'); } };
    expect(() => certifiedEchelon([[1n, 2n, 3n], [2n, 4n, 7n]], 3, stop)).toThrow('stopped');
  });
});

describe('modular-det.ts', () => {
  const [q0, q1, q2] = MODULAR_PRIMES.map(BigInt) as [bigint, bigint, bigint];

  it('= Bareiss on random matrices, sizes 1–12, small and large entries, both signs', () => {
    const rand = prng(SEED + 5);
    const seen = new Set<number>();
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + (trial % 12);
      const A = randomInts(rand, n, n, trial % 3 === 0 ? 2 ** 40 : 7);
      if (trial % 5 === 0 && n > 1) A[n - 1] = A[0]!.map((v) => -v); // singular
      const want = bareissDeterminant(A);
      seen.add(Math.sign(Number(want)));
      expect(modularDeterminant(A), `trial ${trial}`).toBe(want);
    }
    expect([...seen].sort()).toEqual([-1, 0, 1]);
  });

  it('empty, 1×1, determinants that vanish mod some primes, and the decisions it declines', () => {
    expect(modularDeterminant([])).toBe(1n);
    expect(modularDeterminant([[-5n]])).toBe(-5n);
    expect(modularDeterminant([[q0]])).toBe(q0);
    expect(modularDeterminant([[q0 * q1, 1n], [0n, -1n]])).toBe(-q0 * q1);
    expect(modularDeterminant([[q0 * q1 * q2 * 3n, 0n], [0n, 1n]])).toBeUndefined(); // zero mod the three: not certified
    expect(modularDeterminant([[1n, 2n], [2n, 4n]])).toBe(0n); // singular, certified by the rank
    expect(modularDeterminant(identityInts(3, q1))).toBe(q1 ** 3n);
    // A Dixon denominator divisible by a prime of the CRT: that prime is skipped, the answer stays exact.
    const M = [[BigInt(MODULAR_PRIMES[2]!), 0n, 0n], [0n, BigInt(MODULAR_PRIMES[1]!), 0n], [0n, 0n, 1n]];
    expect(modularDeterminant(M)).toBe(BigInt(MODULAR_PRIMES[2]!) * BigInt(MODULAR_PRIMES[1]!));
  });

  it('large determinants (many CRT primes, beyond the 64 listed) = Bareiss', () => {
    const rand = prng(SEED + 6);
    const n = 24;
    // Unimodular-ish upper part times a diagonal of big entries: |det| ≈ 2^(24·80).
    const A = randomInts(rand, n, n, 2 ** 40).map((r, i) => r.map((v, j) => (i === j ? v * 2n ** 40n + 1n : v)));
    expect(modularDeterminant(A)).toBe(bareissDeterminant(A));
    const stop = { check: () => { throw new Error('stopped'); } };
    expect(() => modularDeterminant(A, stop)).toThrow('stopped');
    // det = c^24 with a Dixon denominator dividing c: ~1 900 bits left to Chinese remaindering,
    // more than the 64 listed primes carry (the list is extended).
    const c = 2n ** 80n + 13n;
    const L = randomInts(rand, n, n, 9).map((r, i) => r.map((v, j) => (j < i ? v : j === i ? 1n : 0n)));
    const C = L.map((r) => r.map((v) => c * v));
    expect(modularDeterminant(C)).toBe(c ** BigInt(n));
    // A limit that passes during the Chinese remaindering (after the solve) is reported there.
    const crt = { check: (what: string) => { if (!what.startsWith('exact solve')) throw new Error(`stopped during ${what}`); } };
    expect(() => modularDeterminant(C, crt)).toThrow('stopped during exact determinant (Chinese remaindering)');
  });
});

describe('modular-det.ts: the solve, the Chinese remaindering and their limits', () => {
  const q = MODULAR_PRIMES.map(BigInt);
  const [p0, p1, p2] = LIFTING_PRIMES.map(BigInt) as [bigint, bigint, bigint];
  const bareissOf = (A: bigint[][]) => bareissDeterminant(A);
  // Matrices [[−48·P, 0], [14·P, M]]: (−48, 14) is the solve's right-hand side, so its solution is
  // e₀/P and the Dixon denominator d is exactly P (checked), while det = −48·P·M.
  const withDenominator = (P: bigint, M: bigint) => [[-48n * P, 0n], [14n * P, M]];

  it('a CRT prime that divides the Dixon denominator is skipped, and the answer stays exact', () => {
    const A = withDenominator(q[1]!, 2n ** 100n + 7n);
    expect(dixonSolve(A, [[-48n], [14n]], { primeIndex: 0 })!.den).toBe(q[1]!);
    expect(modularDeterminant(A)).toBe(bareissOf(A));
    expect(modularDeterminant(A)).toBe(-48n * q[1]! * (2n ** 100n + 7n));
  });

  it('every listed prime but the first divides the denominator: no answer rather than a wrong one', () => {
    const P = q.slice(1).reduce((a, b) => a * b, 1n);
    const A = withDenominator(P, 2n ** 100n + 7n);
    expect(dixonSolve(A, [[-48n], [14n]])!.den).toBe(P);
    // The residues run out (today: undefined, and the caller falls back to elimination); never a wrong value.
    expect([undefined, bareissOf(A)]).toContain(modularDeterminant(A));
  });

  it('a nonsingular matrix singular mod the three lifting primes: the solve declines, so does the determinant', () => {
    const A = [[p0 * p1 * p2, 0n], [0n, 1n]];
    expect(bareissOf(A)).toBe(p0 * p1 * p2);
    expect(modularDeterminant(A)).toBeUndefined();
    // One lifting prime fewer: solved, exact.
    expect(modularDeterminant([[p0 * p1, 0n], [0n, 1n]])).toBe(p0 * p1);
  });

  it('|det/d| just below the first prime: the bound asks for a second prime, and the answer is exact', () => {
    // a = 2^26 − 1 > q0/2: one prime (q0 < a) cannot tell c = a from a − q0.
    const a = 2n ** 26n - 1n;
    const A = [[a, 0n], [0n, a]];
    expect(dixonSolve(A, [[-48n], [14n]])!.den).toBe(a);
    expect(modularDeterminant(A)).toBe(a * a);
    // Negative and three by three, the same sizes.
    expect(modularDeterminant([[-a, 0n], [0n, a]])).toBe(-a * a);
    const B = [[a, 0n, 0n], [0n, a, 0n], [0n, 0n, a]];
    expect(modularDeterminant(B)).toBe(a ** 3n);
  });

  it('det ≡ 0 mod the first two primes and ~1 620 bits to remaindering: 61 listed primes are too few, the list is extended', () => {
    // First column = the solve's right-hand side (−48, 14): d = 1, so c = det and the bound is
    // Hadamard's (1 620 bits + 2). The first nonzero residue is the third prime's; the 61 listed
    // primes after it carry ~1 586 bits, so an exact answer needs primes beyond the list.
    const v = q[0]! * q[1]! * (2n ** 1562n + 3n);
    const A = [[-48n, 0n], [14n, v]];
    expect(hadamardBits(A, [[], []])).toBe(1620);
    expect(dixonSolve(A, [[-48n], [14n]], { primeIndex: 2 })).toEqual({ num: [[1n], [0n]], den: 1n });
    expect(modularDeterminant(A)).toBe(-48n * v);
    expect(modularDeterminant(A)).toBe(bareissOf(A));
  });

  it('the remaindering works on det/d: the Dixon denominator saves primes, none is added beyond the bound', () => {
    // Counts the primes of the Chinese remaindering (one time check each).
    const crtPrimes = (A: bigint[][]) => {
      let count = 0;
      const det = modularDeterminant(A, { check: (what: string) => { if (what.includes('Chinese remaindering')) count++; } });
      return { det, count };
    };
    // d = v = det (solution (−48, 14/v)): c = 1, the bound H − (len(d) − 1) + 2 = 202 − 200 + 2 bits is met
    // by the first residue alone. Remaindering det itself would take ⌈204/25.9⌉ − 1 = 7 more primes.
    const v = 2n ** 200n + 1n;
    const big = [[1n, 0n], [0n, v]];
    expect(crtPrimes(big)).toEqual({ det: v, count: 0 });
    expect(crtPrimes([[-1n, 0n], [0n, v]])).toEqual({ det: -v, count: 0 });
    // a = 2^26 − 1: d = a, c = a > first prime / 2; the bound (52 − 25 + 2 = 29 bits) takes exactly one more prime.
    const a = 2n ** 26n - 1n;
    expect(crtPrimes([[a, 0n], [0n, a]])).toEqual({ det: a * a, count: 1 });
    // A random dense 10×10 matrix, entries up to 2^40: d is the determinant up to a small factor, so the
    // remaindering takes a few primes, far fewer than the ⌈(H + 2)/25.9⌉ − 1 that det itself would need.
    const rand = prng(SEED + 9);
    const R = randomInts(rand, 10, 10, 2 ** 40);
    const r = crtPrimes(R);
    expect(r.det).toBe(bareissOf(R));
    const H = hadamardBits(R, R.map(() => []));
    expect(H).toBeGreaterThan(400);
    expect(r.count).toBeLessThanOrEqual(4);
    expect(r.count).toBeLessThan(Math.ceil((H + 2) / 25.9) - 1);
  });

  it('a time limit that passes during the solve is reported from the solve', () => {
    const A = [[2n, 1n], [1n, 3n]];
    const solveOnly = { check: (what: string) => { if (what.startsWith('exact solve')) throw new Error(`stopped during ${what}`); } };
    expect(() => modularDeterminant(A, solveOnly)).toThrow('stopped during exact solve (p-adic lifting)');
    // ... and in the certified rank of a matrix singular mod the first primes.
    const stop = { check: (what: string) => { throw new Error(`stopped during ${what}`); } };
    expect(() => modularDeterminant([[1n, 2n], [2n, 4n]], stop)).toThrow(/stopped during/);
  });
});

describe('Matrix above its thresholds: the modular paths and their fall-backs agree with elimination', () => {
  const [p0, p1, p2] = LIFTING_PRIMES.map(BigInt) as [bigint, bigint, bigint];
  const [q0, q1, q2] = MODULAR_PRIMES.map(BigInt) as [bigint, bigint, bigint];

  it('solve and det at n = DIXON_THRESHOLD − 1 and n = DIXON_THRESHOLD: A·X = b exactly, det = Bareiss', () => {
    const rand = prng(SEED + 7);
    for (const n of [DIXON_THRESHOLD - 1, DIXON_THRESHOLD]) {
      const ints = randomInts(rand, n, n, 3);
      const A = ints.map((r) => r.map((v) => Rational.of(v, 2n)));
      const b = randomInts(rand, n, 1, 5).map((r) => r.map((v) => Rational.int(v)));
      const X = Matrix.fromRows(A).solve(Matrix.fromRows(b));
      // The solution of an invertible system is unique: A·X = b exactly identifies it.
      expect(Matrix.fromRows(A).mul(X).eq(Matrix.fromRows(b))).toBe(true);
      expect(Matrix.fromRows(A).det().eq(Rational.of(bareissDeterminant(ints), 2n ** BigInt(n)))).toBe(true);
    }
  });

  it('Dixon singular mod its three primes: solve falls back to elimination; det likewise', () => {
    const n = DIXON_THRESHOLD;
    const A = identityInts(n);
    A[5]![5] = p0 * p1 * p2;
    A[5]![0] = 1n;
    const M = Matrix.fromRows(toRat(A));
    const b = Array.from({ length: n }, (_, i) => [Rational.int(i + 1)]);
    const X = M.solve(Matrix.fromRows(b));
    const want = rref(toRat(A), b).rows.map((r) => r[n]!);
    for (let i = 0; i < n; i++) expect(X.get(i, 0).eq(want[i]!), String(i)).toBe(true);
    expect(X.get(5, 0).toString()).toBe(`5/${p0 * p1 * p2}`);
    const D = identityInts(n);
    D[3]![3] = q0 * q1 * q2;
    expect(Matrix.fromRows(toRat(D)).det().toString()).toBe(String(q0 * q1 * q2));
  });

  it('singular above the threshold: solve throws "singular matrix"', () => {
    const n = DIXON_THRESHOLD;
    const rand = prng(SEED + 8);
    const A = randomInts(rand, n, n, 4);
    A[n - 1] = A[0]!.map((v, j) => v + A[1]![j]!);
    expect(() => Matrix.fromRows(toRat(A)).solve(Matrix.fromRows(Array.from({ length: n }, () => [Rational.ONE])))).toThrow('singular matrix');
    expect(Matrix.fromRows(toRat(A)).det().isZero()).toBe(true);
  });

  it('rank, pivots and null space at MODULAR_THRESHOLD when the certified path fails fall back to elimination', () => {
    const n = MODULAR_THRESHOLD;
    // Column 0 ≡ 0 mod each of the three primes, not over ℚ: pivots must still start at 0.
    const A = identityInts(n);
    A[0]![0] = q0 * q1 * q2;
    A[0]![1] = 1n;
    A[1]![1] = 0n;
    expect(certifiedEchelon(A, n)).toBeUndefined();
    const M = Matrix.fromRows(toRat(A));
    const want = rref(toRat(A)).pivots;
    expect(M.pivotColumns()).toEqual(want);
    expect(M.rank()).toBe(want.length);
    expect(M.rank()).toBe(n - 1);
    const ns = M.nullSpace();
    expect(ns).toHaveLength(1);
    for (const row of A) expect(row.reduce((s, a, j) => s.add(ns[0]![j]!.mul(Rational.int(a))), Rational.ZERO).isZero()).toBe(true);
    // Below the threshold the same shape is decided by elimination directly.
    const small = A.slice(0, n - 1).map((r) => r.slice(0, n - 1));
    expect(Matrix.fromRows(toRat(small)).rank()).toBe(rref(toRat(small)).pivots.length);
  });
});
