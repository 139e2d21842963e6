/** A certificate's network as the figures draw it. */
import type { NetworkJson } from '../certificates/format.ts';
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { Network } from '../network/network.ts';

/** A certificate's network (exact strings) as a Network. */
export function networkOf(json: NetworkJson): Network {
  const layer = (l: NetworkJson['output']) => ({ W: Matrix.fromRows(l.W), b: l.b.map((v) => Rational.parse(v)) });
  return { hidden: json.hidden.map(layer), output: layer(json.output) };
}
