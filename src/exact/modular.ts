/**
 * Linear algebra modulo a prime p < 2^26, in float64: every residue is an integer in [0, p),
 * so a product of two residues is below 2^52 and exact, and `%` reduces it exactly.
 *
 * Nothing here decides anything over ℚ by itself. What a result mod p proves:
 * - a minor that is nonzero mod p is nonzero over ℤ (so rank ≥ its size);
 * - rank mod p ≤ rank over ℚ (a bad prime can only lose rank).
 * Callers that need more (rank ≤ r, a solution) verify it exactly (src/exact/verified.ts).
 */

/** The `count` largest primes below 2^bits, descending (deterministic). */
export function primesBelow(bits: number, count: number): number[] {
  const out: number[] = [];
  for (let c = 2 ** bits - 1; out.length < count; c -= 2) {
    if (c < 3) throw new RangeError(`primesBelow: fewer than ${count} odd primes below 2^${bits}`);
    if (isPrime(c)) out.push(c);
  }
  return out;
}

/** Primes just below 2^26, descending (deterministic: the same list on every run). */
export const MODULAR_PRIMES: readonly number[] = primesBelow(26, 64);

/**
 * Primes just below 2^21 for p-adic lifting: n products of two residues sum exactly in
 * float64 for n < 2^11, so a dot product mod p needs one reduction, not one per term.
 */
export const LIFTING_PRIMES: readonly number[] = primesBelow(21, 8);

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** a⁻¹ mod p for a ≢ 0 (extended Euclid on small integers). */
export function invMod(a: number, p: number): number {
  let [r0, r1] = [p, ((a % p) + p) % p];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const qt = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - qt * r1];
    [t0, t1] = [t1, t0 - qt * t1];
  }
  if (r0 !== 1) throw new RangeError(`${a} is not invertible mod ${p}`);
  return ((t0 % p) + p) % p;
}

/** An integer reduced to [0, p). */
export function bigMod(v: bigint, p: number): number {
  const P = BigInt(p);
  const r = v % P;
  return Number(r < 0n ? r + P : r);
}

/** Integer rows (row-major n×m) reduced mod p. */
export function reduceRows(rows: readonly (readonly bigint[])[], p: number): Float64Array {
  const n = rows.length;
  const m = n === 0 ? 0 : rows[0]!.length;
  const out = new Float64Array(n * m);
  const P = BigInt(p);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    for (let j = 0; j < m; j++) {
      const v = r[j]!;
      if (v === 0n) continue;
      if (v > 0n && v < 9007199254740992n) out[i * m + j] = Number(v) % p;
      else {
        const w = v % P;
        out[i * m + j] = Number(w < 0n ? w + P : w);
      }
    }
  }
  return out;
}

/** Result of a row echelon form mod p. */
export interface EchelonModP {
  /** Pivot columns, increasing: the greedy (leftmost) independent columns mod p. */
  readonly pivotCols: number[];
  /** The original row each pivot came from (the minor on pivotRows × pivotCols is nonzero mod p). */
  readonly pivotRows: number[];
  /** Determinant mod p of the square input (0 when singular); only for square inputs. */
  readonly det: number;
}

/**
 * Gaussian elimination mod p on a copy of a (n×m, row-major), pivots chosen leftmost
 * column first. The minor on pivotRows × pivotCols is nonzero mod p.
 */
export function echelonModP(a: Float64Array, n: number, m: number, p: number): EchelonModP {
  const w = Float64Array.from(a);
  const rowOf = Array.from({ length: n }, (_, i) => i);
  const pivotCols: number[] = [];
  const pivotRows: number[] = [];
  let det = 1;
  let r = 0;
  for (let c = 0; c < m && r < n; c++) {
    let piv = -1;
    for (let i = r; i < n; i++)
      if (w[i * m + c] !== 0) {
        piv = i;
        break;
      }
    if (piv < 0) continue;
    if (piv !== r) {
      swapRows(w, m, piv, r);
      [rowOf[piv], rowOf[r]] = [rowOf[r]!, rowOf[piv]!];
      det = det === 0 ? 0 : p - det;
    }
    const pv = w[r * m + c]!;
    det = (det * pv) % p;
    const inv = invMod(pv, p);
    // Normalise the pivot row from column c on (earlier columns are 0 there).
    for (let j = c; j < m; j++) w[r * m + j] = (w[r * m + j]! * inv) % p;
    for (let i = r + 1; i < n; i++) {
      const f = w[i * m + c]!;
      if (f === 0) continue;
      const g = p - f;
      for (let j = c; j < m; j++) {
        const x = w[r * m + j]!;
        if (x !== 0) w[i * m + j] = (w[i * m + j]! + g * x) % p;
      }
    }
    pivotCols.push(c);
    pivotRows.push(rowOf[r]!);
    r++;
  }
  return { pivotCols, pivotRows, det: n === m && r === n ? det : 0 };
}

function swapRows(w: Float64Array, m: number, a: number, b: number): void {
  for (let j = 0; j < m; j++) {
    const t = w[a * m + j]!;
    w[a * m + j] = w[b * m + j]!;
    w[b * m + j] = t;
  }
}

/** The inverse mod p of a square n×n matrix (row-major), or undefined when it is singular mod p. */
export function inverseModP(a: Float64Array, n: number, p: number): Float64Array | undefined {
  const m = 2 * n;
  const w = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) w[i * m + j] = a[i * n + j]!;
    w[i * m + n + i] = 1;
  }
  for (let c = 0; c < n; c++) {
    let piv = -1;
    for (let i = c; i < n; i++)
      if (w[i * m + c] !== 0) {
        piv = i;
        break;
      }
    if (piv < 0) return undefined;
    if (piv !== c) swapRows(w, m, piv, c);
    const inv = invMod(w[c * m + c]!, p);
    for (let j = c; j < m; j++) w[c * m + j] = (w[c * m + j]! * inv) % p;
    for (let i = 0; i < n; i++) {
      if (i === c) continue;
      const f = w[i * m + c]!;
      if (f === 0) continue;
      const g = p - f;
      for (let j = c; j < m; j++) {
        const x = w[c * m + j]!;
        if (x !== 0) w[i * m + j] = (w[i * m + j]! + g * x) % p;
      }
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = w[i * m + n + j]!;
  return out;
}
