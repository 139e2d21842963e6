/**
 * The JSON network format "dlgeom/network@1" (SPEC §6): the `network` object certificates
 * carry, plus `format`. Numbers as in data files (exact strings, or JSON numbers read as the
 * decimal they spell). One-line errors naming the file and the place; unknown keys are errors.
 */
import { Matrix } from '../exact/matrix.ts';
import type { Rational } from '../exact/rational.ts';
import { InputError } from '../data/errors.ts';
import { JsonSyntaxError, describeJson, isJsonObject, parseJsonExact, type JsonValue } from '../data/json-exact.ts';
import { parseExactJson } from '../data/numbers.ts';
import type { Layer, Network } from './network.ts';

export const NETWORK_FORMAT = 'dlgeom/network@1';

/**
 * Parses the text of a network file; `nameForErrors` starts every message.
 * @example parseNetworkJson('{"format":"dlgeom/network@1","hidden":[],"output":{"W":[[1]],"b":[0]}}', 'net.json')
 */
export function parseNetworkJson(text: string, nameForErrors: string): Network {
  const fail = (where: string, what: string): never => {
    throw new InputError(`${nameForErrors}: ${where ? where + ': ' : ''}${what}`);
  };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') fail('', 'empty file');
  let root: JsonValue;
  try {
    root = parseJsonExact(body);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return fail(`line ${e.line}, column ${e.column}`, `invalid JSON: ${e.reason}`);
    throw e;
  }
  if (!isJsonObject(root)) return fail('top level', `expected an object, found ${describeJson(root)}`);
  for (const key of Object.keys(root)) if (!['format', 'hidden', 'output'].includes(key)) fail('', `unknown key ${JSON.stringify(key)} (expected "format", "hidden", "output")`);
  if (root.format !== NETWORK_FORMAT) fail('format', `expected ${JSON.stringify(NETWORK_FORMAT)}, found ${describeJson(root.format)}`);
  if (!Array.isArray(root.hidden)) return fail('hidden', `expected an array of layers, found ${describeJson(root.hidden)}`);

  let cols = -1;
  const layer = (raw: JsonValue, where: string, rows?: number): Layer => {
    if (!isJsonObject(raw)) return fail(where, `expected an object with "W" and "b", found ${describeJson(raw)}`);
    for (const key of Object.keys(raw)) if (key !== 'W' && key !== 'b') fail(where, `unknown key ${JSON.stringify(key)} (expected "W", "b")`);
    const W = raw.W;
    if (!Array.isArray(W) || W.length === 0) return fail(`${where}.W`, `expected a non-empty array of rows, found ${describeJson(W)}`);
    const data: Rational[] = [];
    W.forEach((row, i) => {
      if (!Array.isArray(row) || row.length === 0) return fail(`${where}.W, row ${i + 1}`, `expected a non-empty array of numbers, found ${describeJson(row)}`);
      const want = i === 0 ? (cols < 0 ? row.length : cols) : (W[0] as JsonValue[]).length;
      if (row.length !== want)
        fail(`${where}.W, row ${i + 1}`, i === 0 ? `${row.length} columns, but the previous layer has ${cols} outputs` : `${row.length} columns, row 1 has ${want}`);
      row.forEach((v, k) => data.push(exact(v, `${where}.W, row ${i + 1}, column ${k + 1}`)));
    });
    if (rows !== undefined && W.length !== rows) fail(`${where}.W`, `${W.length} rows, expected ${rows}`);
    const b = raw.b;
    if (!Array.isArray(b)) return fail(`${where}.b`, `expected an array of numbers, found ${describeJson(b)}`);
    if (b.length !== W.length) fail(`${where}.b`, `length ${b.length}, but W has ${W.length} rows`);
    const width = (W[0] as JsonValue[]).length;
    cols = W.length;
    return { W: new Matrix(W.length, width, data), b: b.map((v, i) => exact(v, `${where}.b, entry ${i + 1}`)) };
  };
  const exact = (v: JsonValue, where: string): Rational => {
    const p = parseExactJson(v);
    return p.ok ? p.value : fail(where, p.reason);
  };
  const hidden = root.hidden.map((l, k) => layer(l, `hidden layer ${k + 1}`));
  if (!('output' in root)) fail('', 'missing "output"');
  const output = layer(root.output!, 'output layer');
  return { hidden, output };
}
