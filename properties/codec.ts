/**
 * A JSON codec for property inputs built from exact values: Rational becomes
 * {"q": "p/q"}, Matrix {"matrix": [["p/q", …], …]}; arrays, plain objects,
 * numbers, strings, booleans and null pass through. `decode(encode(v))`
 * rebuilds an equal value, so a stored counterexample replays exactly.
 *
 * @example
 *   decode(encode({ W: Matrix.identity(2), b: [q('1/2')] })) // { W: Matrix.identity(2), b: [1/2] }
 */
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';

export function encode(value: unknown): unknown {
  if (value instanceof Rational) return { q: value.toString() };
  if (value instanceof Matrix) return { matrix: value.toStrings(), rows: value.rows, cols: value.cols };
  if (Array.isArray(value)) return value.map(encode);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`cannot encode ${value}`);
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') throw new RangeError(`cannot encode a ${typeof value}`);
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encode(v);
  return out;
}

export function decode(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(decode);
  if (json === null || typeof json !== 'object') return json;
  const o = json as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o.q === 'string') return Rational.parse(o.q);
  if (keys.length === 3 && Array.isArray(o.matrix) && typeof o.rows === 'number' && typeof o.cols === 'number') {
    const rows = o.matrix as string[][];
    const data = rows.flat().map((s) => Rational.parse(s));
    return new Matrix(o.rows, o.cols, data);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = decode(v);
  return out;
}
