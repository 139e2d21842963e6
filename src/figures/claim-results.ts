/** Reading the engine's results (a verify report) for the figures. */
import type { ClaimResult } from '../claims/claim-result.ts';
import type { NetworkJson } from '../certificates/format.ts';
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { Network } from '../network/network.ts';

/** A result's details field (the engine documents each). */
export function detailOf<T>(c: ClaimResult | undefined, key: string): T | undefined {
  return (c?.details as Record<string, unknown> | undefined)?.[key] as T | undefined;
}

/** A certificate's network (exact strings) as a Network. */
export function networkOf(json: NetworkJson): Network {
  const layer = (l: NetworkJson['output']) => ({ W: Matrix.fromRows(l.W), b: l.b.map((v) => Rational.parse(v)) });
  return { hidden: json.hidden.map(layer), output: layer(json.output) };
}
