/**
 * The input limits (src/data/limits.ts, README "Limits"): the digit count of a number
 * as written, and each limit's one-line error from both the fast and the reference
 * loaders, just above the limit — and exact reading just at it.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/data/errors.ts';
import { parseDataCsvGeneral } from '../src/data/load-csv.ts';
import { parseDataJsonGeneral } from '../src/data/load-json.ts';
import { parseJsonExact } from '../src/data/json-exact.ts';
import { LIMITS, formatCount, numberDigits, numberTooLong, overLimit } from '../src/data/limits.ts';
import { parseDataCsv, parseDataJson } from '../src/data/load.ts';
import { parseExactJson, parseExactText } from '../src/data/numbers.ts';
import { JsonNumber } from '../src/data/json-exact.ts';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('numberDigits and numberTooLong', () => {
  it('counts digits as written plus |exponent|', () => {
    expect(numberDigits('0')).toBe(1);
    expect(numberDigits('-12.5')).toBe(3);
    expect(numberDigits('-12.5e3')).toBe(6);
    expect(numberDigits('7E-10')).toBe(11);
    expect(numberDigits('1e+0005')).toBe(6);
    expect(numberDigits('12/345')).toBe(5);
    expect(numberDigits('1e')).toBe(1 + Number.MAX_SAFE_INTEGER);
    expect(numberDigits('1e1234567890123456789')).toBe(1 + Number.MAX_SAFE_INTEGER);
  });

  it('accepts exactly LIMITS.digits digits and refuses one more, with the limit named', () => {
    expect(numberTooLong('9'.repeat(LIMITS.digits))).toBeUndefined();
    expect(numberTooLong(`1e${LIMITS.digits - 1}`)).toBeUndefined();
    expect(numberTooLong('9'.repeat(LIMITS.digits + 1))).toBe('number too long: 1 001 digits (limit: 1 000 digits per number, exponent included)');
    expect(numberTooLong(`1e${LIMITS.digits}`)).toBe('number too long: 1 001 digits (limit: 1 000 digits per number, exponent included)');
    expect(numberTooLong('1e99999999999999999')).toMatch(/^number too long: an exponent beyond range/);
    expect(numberTooLong(' '.repeat(4 * LIMITS.digits + 1))).toBe('number too long: 4 001 characters (limit: 1 000 digits per number, exponent included)');
    expect(numberTooLong(' '.repeat(4 * LIMITS.digits - 1) + '1')).toBeUndefined();
  });

  it('parseExactText and parseExactJson apply it, flagged as a limit', () => {
    const t = parseExactText('1'.repeat(1001));
    expect(t).toEqual({ ok: false, reason: expect.stringMatching(/^number too long/), limit: true });
    expect(parseExactJson(new JsonNumber('1'.repeat(1001)))).toMatchObject({ ok: false, limit: true });
    expect(parseExactText(`${'1'.repeat(1000)}`)).toMatchObject({ ok: true });
    // A 1000-digit JSON number overflows a double: refused with a short message.
    const r = parseExactJson(new JsonNumber('9'.repeat(1000)));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason.length).toBeLessThan(200);
  });

  it('overLimit names the count and the limit; formatCount groups thousands', () => {
    expect(overLimit('Q', LIMITS.Q)).toBeUndefined();
    expect(overLimit('Q', LIMITS.Q + 1)).toBe('too many classes (Q): more than 1 000 (limit: Q ≤ 1 000)');
    expect(overLimit('M', LIMITS.M + 1)).toBe('too many coordinates per point (M): more than 100 000 (limit: M ≤ 100 000)');
    expect(overLimit('N', LIMITS.N + 1)).toBe('too many points (N): more than 10 000 000 (limit: N ≤ 10 000 000)');
    expect(overLimit('coordinates', LIMITS.coordinates + 1)).toBe('too many coordinates in all (N·M): more than 200 000 000 (limit: N·M ≤ 200 000 000)');
    expect(overLimit('coordinates', LIMITS.coordinates)).toBeUndefined();
    // The MNIST shape (70 000 points of 784 pixels), a shape researchers bring, is within the limits.
    expect(overLimit('coordinates', 70_000 * 784)).toBeUndefined();
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1 000');
    expect(formatCount(1234567)).toBe('1 234 567');
  });
});

describe('JSON nesting', () => {
  it('is bounded: LIMITS.jsonDepth levels parse, one more is a syntax error at its place', () => {
    const d = LIMITS.jsonDepth;
    expect(() => parseJsonExact('['.repeat(d) + ']'.repeat(d))).not.toThrow();
    expect(() => parseJsonExact('{"a":'.repeat(d - 1) + '[]' + '}'.repeat(d - 1))).not.toThrow();
    expect(() => parseJsonExact('['.repeat(d + 1) + ']'.repeat(d + 1))).toThrow(`line 1, column ${d + 1}: nested deeper than 256 levels (limit: 256)`);
    expect(() => parseJsonExact('[' + '{"a":'.repeat(d) + '1' + '}'.repeat(d) + ']')).toThrow(/nested deeper/);
    // Siblings do not add up: depth is counted down on leaving.
    expect(() => parseJsonExact('[' + Array.from({ length: 2 * d }, () => '[[]]').join(',') + ']')).not.toThrow();
    expect(() => parseJsonExact('[' + Array.from({ length: 2 * d }, () => '{"a":{}}').join(',') + ']')).not.toThrow();
    expect(() => parseJsonExact('[' + Array.from({ length: 2 * d }, () => '[1,[2]]').join(',') + ']')).not.toThrow();
    expect(() => parseJsonExact('[' + Array.from({ length: 2 * d }, () => '{"a":1,"b":{"c":2}}').join(',') + ']')).not.toThrow();
  });
});

describe('size limits in the loaders: fast and reference give the same one line', () => {
  const jsonLoaders = [parseDataJson, parseDataJsonGeneral];
  const csvLoaders = [parseDataCsv, parseDataCsvGeneral];
  const classes = (n: number) => Array.from({ length: n }, (_, i) => `{"label":"c${i}","points":[[${i}]]}`).join(',');

  it('Q', () => {
    for (const load of jsonLoaders) {
      expect(load(`{"format":"dlgeom/data@1","classes":[${classes(LIMITS.Q)}]}`, 'd.json').Q).toBe(LIMITS.Q);
      expect(message(() => load(`{"format":"dlgeom/data@1","classes":[${classes(LIMITS.Q + 1)}]}`, 'd.json'))).toBe('d.json: classes: too many classes (Q): more than 1 000 (limit: Q ≤ 1 000)');
    }
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},c${i}`).join('\n');
    for (const load of csvLoaders) {
      expect(load(rows(LIMITS.Q), 'd.csv').Q).toBe(LIMITS.Q);
      expect(message(() => load(rows(LIMITS.Q + 1) + '\n1,c0', 'd.csv'))).toBe('d.csv: line 1001: too many classes (Q): more than 1 000 (limit: Q ≤ 1 000)');
      // A quoted row goes through the careful path: same limit, same line.
      expect(message(() => load(rows(LIMITS.Q) + '\n"1",c1000', 'd.csv'))).toBe('d.csv: line 1001: too many classes (Q): more than 1 000 (limit: Q ≤ 1 000)');
    }
  });

  it('M, at the first point', () => {
    const wide = (m: number) => Array.from({ length: m }, () => '1').join(',');
    for (const load of jsonLoaders) {
      expect(message(() => load(`{"format":"dlgeom/data@1","classes":[{"label":"a","points":[[${wide(LIMITS.M + 1)}]]},{"points":[[1]]}]}`, 'd.json'))).toBe(
        'd.json: class 1 ("a"), point 1: too many coordinates per point (M): more than 100 000 (limit: M ≤ 100 000)',
      );
      expect(message(() => load(`{"format":"dlgeom/data@1","classes":[{"points":[[${wide(LIMITS.M + 1)}]]},{"points":[[1]]}]}`, 'd.json'))).toBe(
        'd.json: class 1, point 1: too many coordinates per point (M): more than 100 000 (limit: M ≤ 100 000)',
      );
    }
    for (const load of csvLoaders) {
      expect(message(() => load(`\n${wide(LIMITS.M + 1)},a\n${wide(LIMITS.M + 1)},b\n`, 'd.csv'))).toBe('d.csv: line 2: too many coordinates per point (M): more than 100 000 (limit: M ≤ 100 000)');
      expect(load(`${wide(LIMITS.M)},a\n${wide(LIMITS.M)},b\n`, 'd.csv').M).toBe(LIMITS.M);
    }
  });

  it('a first CSV row of over-long numbers is data, not a header', () => {
    for (const load of csvLoaders) expect(message(() => load(`${'1'.repeat(1001)},a\n2,b\n`, 'd.csv'))).toBe('d.csv: line 1, coordinate 1: number too long: 1 001 digits (limit: 1 000 digits per number, exponent included)');
  });
});
