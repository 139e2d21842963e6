/**
 * The certificate reader (src/certificates/read.ts): what it refuses, with one line naming
 * the file, and that it hands a well-formed certificate to the checker unchanged.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCertificateFile } from '../src/certificates/read.ts';
import { InputError } from '../src/data/errors.ts';
import { LIMITS } from '../src/data/limits.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dlgeom-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer): string => {
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
};
const refusal = (f: string): string => {
  try {
    readCertificateFile(f);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const m = (e as Error).message;
    expect(m).not.toContain('\n');
    expect(m.startsWith(`${f}: `)).toBe(true);
    return m.slice(f.length + 2);
  }
  throw new Error('expected a refusal');
};

describe('readCertificateFile', () => {
  it('returns the parsed object, byte-order mark or not', () => {
    const cert = { format: 'dlgeom/certificate@1', claim: 'D1', ms: '1e3', note: 'cost-zero', n: [['1/2', '-3e-5']] };
    expect(readCertificateFile(file('ok.json', JSON.stringify(cert)))).toEqual(cert);
    expect(readCertificateFile(file('bom.json', '\uFEFF' + JSON.stringify(cert)))).toEqual(cert);
  });

  it('refuses what cannot be read, with the reason', () => {
    expect(refusal(path.join(dir, 'missing.json'))).toBe('cannot read certificate: no such file or directory');
    expect(refusal(dir)).toBe('cannot read certificate: is a directory');
    expect(refusal(file('bytes.json', Buffer.from([0xff, 0xfe, 0x7b])))).toBe('not a UTF-8 text file');
    expect(refusal(file('bad.json', '{"a":'))).toMatch(/^cannot read certificate: invalid JSON \(/);
    for (const [name, text] of [['arr.json', '[]'], ['null.json', 'null'], ['num.json', '3'], ['str.json', '"x"']])
      expect(refusal(file(name, text))).toBe('cannot read certificate: expected a JSON object');
  });

  it('holds nesting, string length and number size to the limits', () => {
    const d = LIMITS.jsonDepth;
    const nested = (n: number) => '{"a":' + '['.repeat(n - 1) + ']'.repeat(n - 1) + '}';
    expect(() => readCertificateFile(file('deep-ok.json', nested(d)))).not.toThrow();
    expect(refusal(file('deep.json', nested(d + 1)))).toBe('cannot read certificate: nested deeper than 256 levels (limit: 256)');
    const max = LIMITS.certificateDigits;
    expect(() => readCertificateFile(file('long-ok.json', JSON.stringify({ ms: '7'.repeat(max) })))).not.toThrow();
    expect(refusal(file('long.json', JSON.stringify({ ms: '7'.repeat(max + 1) })))).toBe('cannot read certificate: the number 7777777777777777777777777777777777777777… has more than 100 000 digits, exponent included (limit)');
    expect(refusal(file('exp.json', JSON.stringify({ ms: `1e${max}` })))).toBe('cannot read certificate: the number 1e100000 has more than 100 000 digits, exponent included (limit)');
    expect(() => readCertificateFile(file('exp-ok.json', JSON.stringify({ ms: `1e${max - 1}`, r: '2/ 3' })))).not.toThrow();
    expect(refusal(file('frac.json', JSON.stringify({ w: [[`1/${'3'.repeat(max)}`]] })))).toMatch(/^cannot read certificate: the number 1\/3333/);
    expect(refusal(file('text.json', JSON.stringify({ s: 'x'.repeat(4 * max + 1) })))).toBe('cannot read certificate: a string of 400 001 characters (limit: exact numbers of 100 000 digits)');
    expect(() => readCertificateFile(file('text-ok.json', JSON.stringify({ s: 'x'.repeat(4 * max) })))).not.toThrow();
  });

  it('refuses a file over the size limit before reading it', () => {
    const f = file('huge.json', '');
    truncateSync(f, LIMITS.fileBytes + 1);
    expect(refusal(f)).toBe('file too large: 268 435 457 bytes (limit: 268 435 456 bytes)');
  });
});
