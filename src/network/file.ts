/**
 * Loading a network file (SPEC §6) by extension: `.json` ("dlgeom/network@1") or `.onnx`.
 * Every problem is an InputError whose one-line message starts with the path.
 */
import { readFileSync } from 'node:fs';
import { sha256Hex } from '../data/build.ts';
import { InputError } from '../data/errors.ts';
import { describeIoError } from '../data/io-error.ts';
import { parseNetworkJson } from './file-json.ts';
import { parseNetworkOnnx } from './file-onnx.ts';
import type { Network } from './network.ts';

export { NETWORK_FORMAT, parseNetworkJson } from './file-json.ts';
export { parseNetworkOnnx } from './file-onnx.ts';

/**
 * @example loadNetworkFile('net.onnx').net.hidden.length
 */
export function loadNetworkFile(path: string): { net: Network; sha256: string; kind: 'json' | 'onnx' } {
  const ext = /\.([^./\\]*)$/.exec(path)?.[1]?.toLowerCase();
  if (ext !== 'json' && ext !== 'onnx') throw new InputError(`${path}: unknown network file type ${ext === undefined ? '(no extension)' : `".${ext}"`} (expected .json or .onnx)`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read file: ${describeIoError(e)}`);
  }
  const sha256 = sha256Hex(bytes);
  if (ext === 'onnx') return { net: parseNetworkOnnx(bytes, path), sha256, kind: 'onnx' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not a UTF-8 text file`);
  }
  return { net: parseNetworkJson(text, path), sha256, kind: 'json' };
}
