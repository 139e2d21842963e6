/**
 * Engine-side reads of the compact data (compact.ts) that the trusted checker does not need:
 * class sizes without materializing `points`, and points as float64.
 */
import { ratioToNumber } from '../exact/rational-to-number.ts';
import type { DataSet } from './dataset.ts';
import { compactOf, hasCompact, zAt, type CompactClass } from './compact.ts';

/** N_j for every class without touching `points` when a compact form exists. */
export function classSizes(ds: Pick<DataSet, 'M' | 'classes'>): number[] {
  return hasCompact(ds) ? compactOf(ds).classes.map((k) => k.count) : ds.classes.map((k) => k.points.length);
}

/**
 * Point i of a class as float64, each coordinate the nearest float (one rounding: z/D with both
 * exact in float64, else the integer quotient with a sticky bit; beyond the float range ±Infinity
 * or 0, which the callers' range checks catch).
 */
export function pointFloat(c: CompactClass, M: number, i: number, out: Float64Array): Float64Array {
  if (c.f64 && c.den < DEN_EXACT) {
    const d = Number(c.den);
    for (let k = 0; k < M; k++) out[k] = c.f64[i * M + k]! / d;
  } else for (let k = 0; k < M; k++) out[k] = ratioToNumber(zAt(c, M, i, k), c.den);
  return out;
}
const DEN_EXACT = 2n ** 53n;
