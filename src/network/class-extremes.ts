/**
 * Exact extremes over one class, remembered per class: the coordinate
 * extremes (the class's bounding box) and the extremes of every linear functional
 * that has been evaluated exactly on the class (the separations' normals, the
 * functionals class-patterns.ts needed). All values are integers on the class's
 * compact form z (x = z / D_j): for an integer direction d, dMin = min d·z and
 * dMax = max d·z over the class, exactly.
 *
 * Guarantee: every remembered number is the exact extreme over ALL rows of the
 * class (from the class's k-d tree, src/data/extreme-tree.ts, which skips only rows that
 * provably cannot attain it, or linearExtremes / coordinateExtremes in src/data/extremes.ts,
 * one O(N_j) pass each); nothing here estimates.
 */
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import type { CompactClass } from '../data/compact.ts';
import { coordinateExtremes, linearExtremes } from '../data/extremes.ts';
import { treeExtremes } from '../data/extreme-tree.ts';

/** An integer direction with the exact extremes of d·z over the class. */
export interface KnownDirection {
  readonly d: readonly bigint[];
  readonly dMin: bigint;
  readonly dMax: bigint;
  /** d as a unit float vector (a heuristic: which known direction to try first). */
  readonly unit: Float64Array;
}

interface ClassMemo {
  box?: { lo: bigint[]; hi: bigint[]; loR: Rational[]; hiR: Rational[] };
  readonly byKey: Map<string, KnownDirection>;
  readonly list: KnownDirection[];
}

/** At most this many directions are remembered per class (the oldest are forgotten first). */
const MAX_DIRECTIONS = 2048;

const memo = new WeakMap<CompactClass, ClassMemo>();

function memoOf(c: CompactClass): ClassMemo {
  let m = memo.get(c);
  if (!m) memo.set(c, (m = { byKey: new Map(), list: [] }));
  return m;
}

/** An integer value as an exact integer Rational's numerator (throws if it is not one: internal). */
function integerOf(v: Rational): bigint {
  if (v.den !== 1n) throw new Error('internal: a class extreme times its denominators is not an integer');
  return v.num;
}

/** The exact coordinate extremes of the class as integers on z (lo_k ≤ z_k ≤ hi_k), computed once. */
export function classBox(c: CompactClass, M: number): { lo: readonly bigint[]; hi: readonly bigint[] } {
  const m = memoOf(c);
  if (!m.box) {
    const { max, min } = coordinateExtremes(c, M);
    const D = Rational.of(c.den, 1n);
    m.box = { lo: min.map((v) => integerOf(v.mul(D))), hi: max.map((v) => integerOf(v.mul(D))), loR: min, hiR: max };
  }
  return m.box;
}

/** coordinateExtremes (src/data/extremes.ts) of the class, computed once per class. */
export function coordinateExtremesOnce(c: CompactClass, M: number): { max: Rational[]; min: Rational[] } {
  classBox(c, M);
  const box = memoOf(c).box!;
  return { max: box.hiR, min: box.loR };
}

/** d as a float unit vector (a heuristic for angles only: never part of a bound). */
export function unitDirection(d: readonly bigint[]): Float64Array {
  let bits = 0;
  for (const v of d) bits = Math.max(bits, (v < 0n ? -v : v).toString(2).length);
  const shift = BigInt(Math.max(0, bits - 60));
  const f = Float64Array.from(d, (v) => Number(v >> shift));
  let n = 0;
  for (const v of f) n += v * v;
  n = Math.sqrt(n);
  return n > 0 ? f.map((v) => v / n) : f;
}

function remember(c: CompactClass, key: string, d: readonly bigint[], dMin: bigint, dMax: bigint): KnownDirection {
  const m = memoOf(c);
  const known: KnownDirection = { d, dMin, dMax, unit: unitDirection(d) };
  if (m.list.length >= MAX_DIRECTIONS) m.byKey.delete(m.list.shift()!.d.join(','));
  m.byKey.set(key, known);
  m.list.push(known);
  return known;
}

/**
 * linearExtremes (src/data/extremes.ts) of w over the class, remembered: the same exact
 * max / min, and the direction becomes known to class-patterns.ts.
 */
export function linearExtremesRemembered(c: CompactClass, M: number, w: readonly Rational[]): { max: Rational; min: Rational } {
  // w = ints/scale; max over x = (ints·z)/(scale·D): ints·z = max·scale·D.
  const { ints, den: scale } = overCommonDenominator(w);
  const key = ints.join(',');
  const known = memoOf(c).byKey.get(key) ?? remember(c, key, ints, ...integerExtremes(c, M, ints));
  return { max: Rational.of(known.dMax, scale * c.den), min: Rational.of(known.dMin, scale * c.den) };
}

/** Exact [min, max] of d·z over the class: from the k-d tree when it applies, else one full pass. */
function integerExtremes(c: CompactClass, M: number, d: readonly bigint[]): [bigint, bigint] {
  const t = d.every((v) => v > -(2n ** 53n) && v < 2n ** 53n) ? treeExtremes(c, M, Float64Array.from(d, Number)) : undefined;
  if (t) return [BigInt(t.min), BigInt(t.max)];
  const e = linearExtremes(
    c,
    M,
    d.map((v) => Rational.of(v, 1n)),
  );
  const f = Rational.of(c.den, 1n);
  return [integerOf(e.min.mul(f)), integerOf(e.max.mul(f))];
}

/** Exact min and max of d·z over the class (integers), remembered. O(N_j) the first time. */
export function directionExtremes(c: CompactClass, M: number, d: readonly bigint[]): KnownDirection {
  const key = d.join(',');
  return memoOf(c).byKey.get(key) ?? remember(c, key, d, ...integerExtremes(c, M, d));
}

/** The remembered directions of the class (most recent last). */
export function knownDirections(c: CompactClass): readonly KnownDirection[] {
  return memoOf(c).list;
}
