/**
 * Dixon's p-adic lifting: the exact solution X of A·X = B for a square integer A that is
 * nonsingular, B integer (n×k). One inverse of A mod p (O(n³) in float64), then per
 * p-adic digit one product mod p and one exact residual update (O(n²k) each): the cost
 * grows with the size of the answer, not like n³ times it (Bareiss) or per prime (CRT).
 *
 * Guarantee: a result is returned only after A·num = den·B has been checked exactly in
 * BigInt arithmetic; otherwise undefined (A singular, or the time limit passed).
 */
import { LIFTING_PRIMES, MODULAR_PRIMES, inverseModP, reduceRows } from './modular.ts';
import { reconstructVector, isqrt } from './rational-reconstruction.ts';

/**
 * A cooperative time limit (src/util/deadline.ts's Deadline fits): `check` throws once the
 * limit has passed. Structural, so the exact layer (trusted by the checker) imports nothing.
 */
export interface TimeCheck {
  check(during: string): void;
}

/** X = num / den exactly, num n×k (rows), den > 0. */
export interface IntegerSolution {
  readonly num: bigint[][];
  readonly den: bigint;
}

function bitLen(v: bigint): number {
  return v === 0n ? 0 : (v < 0n ? -v : v).toString(2).length;
}

/** Bits of a Hadamard bound on |det| and on every Cramer numerator of [A | B]: Σ_i ⌈log2 ‖(A_i, B_i)‖⌉. */
export function hadamardBits(A: readonly (readonly bigint[])[], B: readonly (readonly bigint[])[]): number {
  let bits = 0;
  A.forEach((row, i) => {
    let s = 0n;
    for (const v of row) s += v * v;
    for (const v of B[i]!) s += v * v;
    bits += Math.ceil(bitLen(s) / 2);
  });
  return bits;
}

/** Whether A·num = den·B holds exactly. */
export function checkSolution(A: readonly (readonly bigint[])[], B: readonly (readonly bigint[])[], sol: IntegerSolution): boolean {
  const n = A.length;
  const k = B[0]?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const a = A[i]!;
    for (let j = 0; j < k; j++) {
      let s = 0n;
      for (let t = 0; t < n; t++) {
        const v = a[t]!;
        if (v !== 0n) s += v * sol.num[t]![j]!;
      }
      if (s !== sol.den * B[i]![j]!) return false;
    }
  }
  return true;
}

/** The same check modulo a prime (a cheap filter before the exact one; never a proof). */
function checkModP(A: readonly (readonly bigint[])[], B: readonly (readonly bigint[])[], sol: IntegerSolution, p: number): boolean {
  const n = A.length;
  const k = B[0]?.length ?? 0;
  const Am = reduceRows(A, p);
  const Xm = reduceRows(sol.num, p);
  const Bm = reduceRows(B, p);
  const d = reduceRows([[sol.den]], p)[0]!;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) {
        const a = Am[i * n + t]!;
        if (a !== 0) s = (s + a * Xm[t * k + j]!) % p;
      }
      if (s !== (d * Bm[i * k + j]!) % p) return false;
    }
  return true;
}

/**
 * Solves A·X = B exactly (A n×n integer, B n×k integer). Undefined when A is singular
 * (modulo the primes tried, then confirmed by the Hadamard bound) or the deadline passed.
 * `primeIndex` shifts which primes are tried first (a retry after a failed certificate uses others).
 */
export function dixonSolve(
  A: readonly (readonly bigint[])[],
  B: readonly (readonly bigint[])[],
  opts: { primeIndex?: number; deadline?: TimeCheck } = {},
): IntegerSolution | undefined {
  const n = A.length;
  const k = B[0]?.length ?? 0;
  if (n === 0) return { num: [], den: 1n };
  const deadline = opts.deadline;
  const start = opts.primeIndex ?? 0;
  // Below 2^21 when n < 2^11 (one reduction per dot product), else below 2^26 (split products).
  const primes = n < 2047 ? LIFTING_PRIMES : MODULAR_PRIMES;
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = primes[(start + attempt) % primes.length]!;
    const C = inverseModP(reduceRows(A, p), n, p);
    if (!C) continue; // singular mod p: another prime (A may still be nonsingular over ℚ)
    return lift(A, B, C, p, n, k, deadline, MODULAR_PRIMES[(start + attempt + 1) % MODULAR_PRIMES.length]!);
  }
  return undefined;
}

function lift(
  A: readonly (readonly bigint[])[],
  B: readonly (readonly bigint[])[],
  C: Float64Array,
  p: number,
  n: number,
  k: number,
  deadline: TimeCheck | undefined,
  checkPrime: number,
): IntegerSolution | undefined {
  // A in signed limbs of `lb` bits, so every limb product sum n·2^lb·p stays below 2^53 (exact).
  const lb = Math.max(1, Math.floor(Math.log2(2 ** 53 / ((n + 1) * p))));
  let maxBits = 1;
  for (const row of A) for (const v of row) maxBits = Math.max(maxBits, bitLen(v));
  const L = Math.ceil(maxBits / lb);
  const base = 2 ** lb;
  const limbs = Array.from({ length: L }, () => new Float64Array(n * n));
  for (let i = 0; i < n; i++)
    for (let t = 0; t < n; t++) {
      const v = A[i]![t]!;
      if (v === 0n) continue;
      const neg = v < 0n;
      let a = neg ? -v : v;
      for (let l = 0; l < L && a !== 0n; l++) {
        const d = Number(a & BigInt(base - 1));
        limbs[l]![i * n + t] = neg ? -d : d;
        a >>= BigInt(lb);
      }
    }
  // C in two 13-bit halves so dot products mod p need no reduction per term (one part when
  // n·p² < 2^53 already).
  const split = (n + 1) * p * p >= 2 ** 53;
  const half = split ? 2 ** 13 : 2 ** 26;
  const Chi = new Float64Array(n * n);
  const Clo = new Float64Array(n * n);
  for (let e = 0; e < n * n; e++) {
    Chi[e] = Math.floor(C[e]! / half);
    Clo[e] = C[e]! - Chi[e]! * half;
  }
  const P = BigInt(p);
  const P2 = P * P;
  const hbits = hadamardBits(A, B);
  // p^s > 2·H² guarantees the reconstruction (Cramer: den | det A, |num| ≤ H).
  const sMax = Math.ceil((2 * hbits + 2) / Math.log2(p)) + 1;
  const r: bigint[] = new Array(n * k); // residual, row-major n×k (BigInt form)
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) r[i * k + j] = B[i]![j]!;
  // Digits are paired in float (x_s + p·x_{s+1} < p² < 2^52) and folded into chunks by Horner.
  const chunkPairs = 32;
  const chunks: bigint[][] = []; // chunks[c][e]: Σ over the chunk's digits, base p
  let cur: bigint[] = new Array<bigint>(n * k).fill(0n);
  let curDigits = 0;
  let pending: Float64Array | undefined;
  const scaleChunk = P ** BigInt(2 * chunkPairs);
  let s = 0;
  let nextTry = 8;
  let hardest = 0; // the entry whose reconstruction failed last
  const pushPair = (lo: Float64Array, hi: Float64Array | undefined) => {
    // cur += (lo + p·hi)·p^{curDigits}, kept as Horner from the top: store pairs, fold at the end of the chunk.
    const pow = P2 ** BigInt(curDigits / 2);
    for (let e = 0; e < n * k; e++) {
      const v = lo[e]! + (hi ? hi[e]! * p : 0);
      if (v !== 0) cur[e] = cur[e]! + BigInt(v) * pow;
    }
    curDigits += 2;
    if (curDigits === 2 * chunkPairs) {
      chunks.push(cur);
      cur = new Array<bigint>(n * k).fill(0n);
      curDigits = 0;
    }
  };
  // Σ_c chunks[c][e]·scale^c + cur[e]·scale^{#chunks}, by binary splitting over the chunks.
  const assembleEntry = (e: number): bigint => {
    let level = [...chunks, cur].map((c) => c[e]!);
    let sc = scaleChunk;
    while (level.length > 1) {
      const next: bigint[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? level[i]! + level[i + 1]! * sc : level[i]!);
      level = next;
      sc *= sc;
    }
    return level[0]!;
  };
  // Column-major work arrays (k columns of length n): every product is a dot product of a row
  // of C or of A's limbs with one contiguous column, accumulated in registers.
  const rT = new Float64Array(n * k); // r mod p
  const xT = new Float64Array(n * k); // the digit x = C·r mod p
  const y = Array.from({ length: L }, () => new Float64Array(n * k)); // A_l·x, exact (< 2^53)
  const acc: bigint[] = new Array<bigint>(n * k);
  const shift = BigInt(lb);
  // The residual stays bounded (|r| ≤ |B|/p^s + n·max|A|): once every entry is below 2^50 it
  // is kept in float64 and updated there (floatStep); BigInt until then, or if it grows.
  let rf: Float64Array | undefined;
  const small = (v: bigint) => v < 2n ** 50n && v > -(2n ** 50n);
  for (;;) {
    deadline?.check('exact solve (p-adic lifting)');
    if (!rf && r.every(small)) rf = Float64Array.from(r, Number);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < k; j++) {
        const e = i * k + j;
        rT[j * n + i] = rf ? ((rf[e]! % p) + p) % p : r[e] === 0n ? 0 : Number(((r[e]! % P) + P) % P);
      }
    // x = C·r mod p.
    for (let i = 0; i < n; i++) {
      const o = i * n;
      for (let j = 0; j < k; j++) {
        const oj = j * n;
        let h = 0;
        let lo = 0;
        if (split) {
          for (let t = 0; t < n; t++) {
            const v = rT[oj + t]!;
            h += Chi[o + t]! * v;
            lo += Clo[o + t]! * v;
          }
        } else for (let t = 0; t < n; t++) lo += C[o + t]! * rT[oj + t]!;
        xT[oj + i] = ((((h % p) * half) % p) + (lo % p)) % p;
      }
    }
    // A_l·x for every limb (each sum exact in float64 by the choice of lb); two limbs in one pass.
    if (L === 2) {
      const [A0, A1] = limbs as [Float64Array, Float64Array];
      const [y0, y1] = y as [Float64Array, Float64Array];
      for (let i = 0; i < n; i++) {
        const o = i * n;
        for (let j = 0; j < k; j++) {
          const oj = j * n;
          let s0 = 0;
          let s1 = 0;
          for (let t = 0; t < n; t++) {
            const v = xT[oj + t]!;
            s0 += A0[o + t]! * v;
            s1 += A1[o + t]! * v;
          }
          y0[oj + i] = s0;
          y1[oj + i] = s1;
        }
      }
    } else for (let l = 0; l < L; l++) {
      const Al = limbs[l]!;
      const yl = y[l]!;
      for (let i = 0; i < n; i++) {
        const o = i * n;
        for (let j = 0; j < k; j++) {
          const oj = j * n;
          let sum = 0;
          for (let t = 0; t < n; t++) sum += Al[o + t]! * xT[oj + t]!;
          yl[j * n + i] = sum;
        }
      }
    }
    // r ← (r − A·x)/p exactly, A·x = Σ_l y_l·2^(l·lb).
    if (!(rf && L <= 2 && floatStep(rf))) {
      if (rf) {
        for (let e = 0; e < n * k; e++) r[e] = BigInt(rf[e]!);
        rf = undefined;
      }
      for (let i = 0; i < n; i++)
        for (let j = 0; j < k; j++) {
          const e = i * k + j;
          let a = 0n;
          for (let l = L - 1; l >= 0; l--) a = (a << shift) + BigInt(y[l]![j * n + i]!);
          const d = r[e]! - a;
          const qt = d / P;
          if (qt * P !== d) throw new Error('internal: p-adic residual not divisible by p');
          r[e] = qt;
        }
    }
    const digit = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) digit[i * k + j] = xT[j * n + i]!;
    if (pending) {
      pushPair(pending, digit);
      pending = undefined;
    } else pending = digit;
    s++;
    if (s >= nextTry || s >= sMax) {
      nextTry = Math.max(s + 1, Math.ceil(nextTry * 1.05));
      const sol = tryReconstruct(s);
      if (sol) return sol;
      if (s >= sMax) return undefined; // cannot happen for nonsingular A (Cramer bound): reported as no result
    }
  }

  /**
   * The residual update in float64, for |r| < 2^50 and at most two limbs: T = (r − y_0) − y_1·2^lb
   * is divisible by p (checked exactly mod p: `%` on doubles is exact), and the rounded
   * quotient is exact while |T/p| < 2^50 (the rounding errors of T are below 2^-3·p). False,
   * with rf unchanged, when a quotient leaves that range (the BigInt update takes over).
   */
  function floatStep(rf: Float64Array): boolean {
    const y0 = y[0]!;
    const y1 = L > 1 ? y[1]! : undefined;
    const twoLb = 2 ** lb;
    const twoLbModP = twoLb % p;
    const next = new Float64Array(n * k);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < k; j++) {
        const e = i * k + j;
        const c = j * n + i;
        const hi = y1 ? y1[c]! : 0;
        if ((((rT[c]! - (y0[c]! % p) - (hi % p) * twoLbModP) % p) + p) % p !== 0) throw new Error('internal: p-adic residual not divisible by p');
        const q = Math.round((rf[e]! - y0[c]! - hi * twoLb) / p);
        if (!(Math.abs(q) < 2 ** 50)) return false;
        next[e] = q;
      }
    rf.set(next);
    return true;
  }

  function tryReconstruct(steps: number): IntegerSolution | undefined {
    // The digits so far (the pending one included), without disturbing the lifting state;
    // each entry is assembled only when reached, starting with the one that failed last time
    // (too few digits usually shows on the first entry tried).
    const digits = chunks.length * 2 * chunkPairs + curDigits;
    const pow = P ** BigInt(digits);
    const u = new Array<bigint | undefined>(n * k);
    const value = (e: number): bigint => (u[e] ??= assembleEntry(e) + (pending ? BigInt(pending[e]!) * pow : 0n));
    const m = P ** BigInt(steps);
    const bound = isqrt(m / 2n);
    const rec = reconstructVector({ length: n * k, at: value }, m, bound, bound, { first: hardest, onFail: (e) => (hardest = e) });
    if (!rec) return undefined;
    const num: bigint[][] = Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => rec.nums[i * k + j]!));
    const sol = { num, den: rec.den };
    if (!checkModP(A, B, sol, checkPrime)) return undefined;
    return checkSolution(A, B, sol) ? sol : undefined;
  }
}
