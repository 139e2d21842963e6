/**
 * Reading a certificate file for the checker: bounded in size (LIMITS.fileBytes),
 * UTF-8, JSON, an object, nested at most LIMITS.jsonDepth deep, and no string
 * longer than an exact number of LIMITS.certificateDigits digits. Anything else is
 * an InputError with one line naming the file (exit 2). This only reads: whether
 * the certificate holds is decided by check.ts.
 */
import { InputError } from '../data/errors.ts';
import { describeIoError } from '../data/io-error.ts';
import { LIMITS, formatCount, numberDigits } from '../data/limits.ts';
import { readBounded } from '../data/load.ts';
import type { Certificate } from './format.ts';

/** Reads and parses `file`; InputError (one line) when it cannot be a certificate. */
export function readCertificateFile(file: string): Certificate {
  let bytes: Buffer;
  try {
    bytes = readBounded(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: cannot read certificate: ${describeIoError(e)}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: not a UTF-8 text file`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${file}: cannot read certificate: invalid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${file}: cannot read certificate: expected a JSON object`);
  const problem = boundsProblem(value);
  if (problem) throw new InputError(`${file}: cannot read certificate: ${problem}`);
  return value as Certificate;
}

/** Strings that read as exact numbers (Rational.parse's forms); only these are held to the digit limit. */
const NUMBER_LIKE = /^\s*[+-]?(?:\d+\s*\/\s*[+-]?\d+|\d*\.?\d*(?:[eE][+-]?\d+)?)\s*$/;

/** The first place where `root` exceeds the nesting or number limits (iterative: no recursion on hostile depth). */
function boundsProblem(root: unknown): string | undefined {
  const maxChars = 4 * LIMITS.certificateDigits;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > maxChars) return `a string of ${formatCount(v.length)} characters (limit: exact numbers of ${formatCount(LIMITS.certificateDigits)} digits)`;
      if (NUMBER_LIKE.test(v) && numberDigits(v) > LIMITS.certificateDigits)
        return `the number ${v.length > 40 ? v.slice(0, 40) + '…' : v} has more than ${formatCount(LIMITS.certificateDigits)} digits, exponent included (limit)`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth > LIMITS.jsonDepth) return `nested deeper than ${formatCount(LIMITS.jsonDepth)} levels (limit: ${formatCount(LIMITS.jsonDepth)})`;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return undefined;
}
