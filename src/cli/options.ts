/** Validation of option values shared by several commands (one clear line on bad input). */
import { InputError } from '../data/errors.ts';
import type { CostConvention } from '../network/network.ts';

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
