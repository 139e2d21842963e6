import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonSyntaxError, parseJsonExact, type JsonValue } from '../src/data/json-exact.ts';

/** The exact tree as JSON.parse would give it (numbers through doubles). */
function plain(v: JsonValue): unknown {
  if (v instanceof JsonNumber) return Number(v.text);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function throws(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

describe('parseJsonExact', () => {
  it('agrees with JSON.parse on valid JSON (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(plain(parseJsonExact(text))).toEqual(JSON.parse(text));
      }),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('rejects exactly what JSON.parse rejects, duplicate keys aside (property)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), (text, k) => {
        const i = k % text.length;
        const broken = text.slice(0, i) + text.slice(i + 1);
        const mine = throws(() => parseJsonExact(broken));
        if (mine?.includes('duplicate key')) return;
        expect(mine === undefined).toBe(throws(() => JSON.parse(broken)) === undefined);
      }),
      { seed: 99, numRuns: 300 },
    );
  });

  it('keeps number text as written', () => {
    const v = parseJsonExact('[0.10000000000000000001, -0, 1E+2]') as JsonValue[];
    expect(v.map((x) => (x as JsonNumber).text)).toEqual(['0.10000000000000000001', '-0', '1E+2']);
  });

  it('decodes escapes', () => {
    expect(parseJsonExact('"a\\"b\\\\c\\/\\n\\u00e9"')).toBe('a"b\\c/\n\u00e9');
  });

  it('"__proto__" is a plain key', () => {
    const v = parseJsonExact('{"__proto__": 1}') as Record<string, JsonValue>;
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('errors carry line and column', () => {
    let err: unknown;
    try {
      parseJsonExact('{\n  "a": 01\n}');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JsonSyntaxError);
    expect((err as JsonSyntaxError).line).toBe(2);
    expect((err as JsonSyntaxError).column).toBe(9);
  });

  it('rejects non-JSON literals and control characters in strings', () => {
    for (const t of ['NaN', 'Infinity', '+1', '.5', '1.', "'a'", '"a\tb"', '[1,]', '{"a":1,}', 'tru', '']) expect(throws(() => parseJsonExact(t))).toBeDefined();
  });
});
