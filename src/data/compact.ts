/**
 * The data's compact exact form: per class j a denominator D_j > 0 and the integers z = D_j·x row-major, as float64
 * when every |z| < 2^53 (exact), else BigInt (10^6 points of dimension 8: 64 MB, not ~1 GB of Rationals). Kept in a
 * table keyed by the `classes` array (shared by spread copies of a DataSet): attached by the fast loaders, else built
 * from `points` (docs/decisions.md, "Compact data").
 */
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import type { ClassData, DataSet } from './dataset.ts';

/** Integers below this are exact in a double. */
export const TWO53 = 2 ** 53;

export interface CompactClass {
  /** N_j. */
  readonly count: number;
  /** D_j: x = z / D_j for every point of the class. */
  readonly den: bigint;
  /** z row-major (count × M) as float64 integers, when every |z| < 2^53. */
  readonly f64: Float64Array | undefined;
  /** z row-major as BigInt otherwise. */
  readonly big: readonly bigint[] | undefined;
  /** max |z| over the class (a float; exact when below 2^53). */
  readonly maxAbs: number;
}

export interface CompactData {
  readonly M: number;
  readonly classes: readonly CompactClass[];
}

const registry = new WeakMap<object, CompactData>();

/** Records `compact` as the compact form of exactly these classes. */
export function attachCompact(classes: readonly ClassData[], compact: CompactData): void {
  registry.set(classes, compact);
}

/** The compact form of a data set's points (built from `points` and remembered when absent). */
export function compactOf(ds: Pick<DataSet, 'M' | 'classes'>): CompactData {
  const known = registry.get(ds.classes);
  if (known) return known;
  const built: CompactData = { M: ds.M, classes: ds.classes.map((c) => compactClassFromPoints(c.points, ds.M)) };
  registry.set(ds.classes, built);
  return built;
}

/** Whether a compact form is already attached (no materialization either way). */
export function hasCompact(ds: Pick<DataSet, 'classes'>): boolean {
  return registry.has(ds.classes);
}

export function compactClassFromPoints(points: readonly (readonly Rational[])[], M: number): CompactClass {
  const { ints, den } = overCommonDenominator(points.flat());
  return fromBig(ints, points.length, den);
}

/** A class from BigInt coordinates: stored as float64 when they all fit (|z| < 2^53). */
export function fromBig(big: bigint[], count: number, den: bigint): CompactClass {
  let maxAbs = 0;
  for (const v of big) maxAbs = Math.max(maxAbs, Math.abs(Number(v))); // Number rounds monotonically: ≥ 2^53 iff |v| ≥ 2^53
  if (maxAbs >= TWO53) return { count, den, f64: undefined, big, maxAbs };
  const f64 = new Float64Array(big.length);
  for (let i = 0; i < big.length; i++) f64[i] = Number(big[i]!);
  return { count, den, f64, big: undefined, maxAbs };
}

/** Coordinate k of point i of a class, exactly, as BigInt. */
export function zAt(c: CompactClass, M: number, i: number, k: number): bigint {
  return c.f64 ? BigInt(c.f64[i * M + k]!) : c.big![i * M + k]!;
}

/** Point i of a class as exact Rationals. */
export function pointAt(c: CompactClass, M: number, i: number): Rational[] {
  const out = new Array<Rational>(M);
  for (let k = 0; k < M; k++) out[k] = Rational.of(zAt(c, M, i, k), c.den);
  return out;
}

/** Exact integer moments of one class (or of the rows `rows` of it): n, Σz, Σzzᵀ (full M×M). */
export interface IntMoments {
  readonly count: number;
  readonly sum: bigint[];
  readonly second: bigint[];
}

/**
 * Σz and Σzzᵀ over the given rows of a class (all rows when `rows` is undefined).
 * @example integerMoments(compactOf(ds).classes[0], ds.M).sum
 */
export function integerMoments(c: CompactClass, M: number, rows?: ArrayLike<number>, rowCount?: number): IntMoments {
  const n = rows ? (rowCount ?? rows.length) : c.count;
  const sum = new Array<bigint>(M).fill(0n);
  const tri = (M * (M + 1)) / 2;
  const sec = new Array<bigint>(tri).fill(0n);
  const a = c.maxAbs;
  // Chunk length T with T·a² < 2^53 (and T·a < 2^53): every partial float sum is an exact integer.
  const T = c.f64 ? Math.floor(TWO53 / Math.max(a * a, a, 1)) : 0;
  if (c.f64 && T >= 16) {
    const z = c.f64;
    const s1 = new Float64Array(M);
    const s2 = new Float64Array(tri);
    let inChunk = 0;
    const flush = (): void => {
      for (let k = 0; k < M; k++) if (s1[k] !== 0) sum[k]! += BigInt(s1[k]!);
      for (let k = 0; k < tri; k++) if (s2[k] !== 0) sec[k]! += BigInt(s2[k]!);
      s1.fill(0);
      s2.fill(0);
      inChunk = 0;
    };
    // Only the nonzero coordinates of a row contribute: K²/2 products for K of them (sparse pixels).
    const start = new Int32Array(M); // index of (p, p) in the packed upper triangle
    for (let p = 1; p < M; p++) start[p] = start[p - 1]! + M - p + 1;
    const nz = new Int32Array(M);
    const val = new Float64Array(M);
    for (let r = 0; r < n; r++) {
      const o = (rows ? rows[r]! : r) * M;
      let K = 0;
      for (let p = 0; p < M; p++) {
        const zp = z[o + p]!;
        if (zp !== 0) {
          s1[p]! += zp;
          nz[K] = p;
          val[K++] = zp;
        }
      }
      for (let x = 0; x < K; x++) {
        const zp = val[x]!;
        const base = start[nz[x]!]! - nz[x]!;
        for (let y = x; y < K; y++) s2[base + nz[y]!]! += zp * val[y]!;
      }
      if (++inChunk >= T) flush();
    }
    flush();
  } else {
    for (let r = 0; r < n; r++) {
      const i = rows ? rows[r]! : r;
      const zi = Array.from({ length: M }, (_, k) => zAt(c, M, i, k));
      let t = 0;
      for (let p = 0; p < M; p++) {
        sum[p]! += zi[p]!;
        for (let q = p; q < M; q++) sec[t++]! += zi[p]! * zi[q]!;
      }
    }
  }
  const second = new Array<bigint>(M * M);
  let t = 0;
  for (let p = 0; p < M; p++)
    for (let q = p; q < M; q++) {
      second[p * M + q] = sec[t]!;
      second[q * M + p] = sec[t++]!;
    }
  return { count: n, sum, second };
}
