/** Validation of option values shared by several commands (one clear line on bad input). */
import { InputError } from '../data/errors.ts';
import type { CostConvention } from '../network/network.ts';
import { properSubsetCount } from '../claims/d2-local-minima.ts';

export function parseConvention(value: string | undefined): CostConvention {
  if (value === undefined) return 'norm';
  if (value === 'norm' || value === 'mse' || value === 'half-mse') return value;
  throw new InputError(`--cost: unknown convention "${value}" (expected norm, mse or half-mse)`);
}

/** A positive integer option (layers, runs, …). */
export function parsePositiveInt(value: string, option: string, max = 1_000_000): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new InputError(`${option}: expected a whole number from 1 to ${max}, got "${value}"`);
  return Number(value);
}

export function parseLayers(value: string): number {
  return parsePositiveInt(value, '--layers', 64);
}

/** --time-limit / --d2-time-limit: seconds, a positive number, or "none" (no limit). */
export function parseSeconds(value: string, option: string): number {
  if (value === 'none') return Infinity;
  if (!/^\d+(\.\d+)?$/.test(value) || !(Number(value) > 0) || Number(value) > 1e7) throw new InputError(`${option}: expected a number of seconds greater than 0 (or "none"), got "${value}"`);
  return Number(value);
}

/** The most D2 candidates a run may ask for (2^16, Q = 16 with every subset). */
export const MAX_D2_CANDIDATES = 65_536;

/** Above this many classes D2 needs an explicit --d2-subsets (2^Q − 1 candidates). */
export const D2_ALL_SUBSETS_UP_TO = 10;

/**
 * --d2-subsets all|K: the largest subset size K for D2, or undefined for all proper subsets.
 * Without the option: all when Q ≤ D2_ALL_SUBSETS_UP_TO, else one line asking for it.
 */
export function parseD2Subsets(value: string | undefined, Q: number): number | undefined {
  if (value === undefined) {
    if (Q <= D2_ALL_SUBSETS_UP_TO) return undefined;
    throw new InputError(`D2 has 2^${Q} − 1 candidates at Q = ${Q}: choose --d2-subsets K (subsets of at most K classes) or --d2-subsets all, or use --skip-d2`);
  }
  const K = value === 'all' ? undefined : parsePositiveInt(value, '--d2-subsets', 1_000);
  const count = properSubsetCount(Q, K);
  if (count > MAX_D2_CANDIDATES)
    throw new InputError(`--d2-subsets ${value}: ${count.toPrecision(3)} D2 candidates at Q = ${Q}, more than ${MAX_D2_CANDIDATES}; choose a smaller K`);
  return K;
}
