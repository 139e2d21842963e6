/**
 * Generators of malformed, extreme and hostile inputs for the fuzz suites: numbers as
 * text, JSON values, and text mutations (truncation, insertion, duplication, nesting).
 */
import fc from 'fast-check';

/** Numbers as a user might write them, plain to hostile; `modest` keeps magnitudes near 1. */
export function numberText(modest = false): fc.Arbitrary<string> {
  const plain = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 0, max: 9999 })).map(([a, b]) => `${a}.${b}`),
    fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })).map(([p, q]) => `${p}/${q}`),
    fc.constantFrom('0', '-0', '0.0', '1e2', '2.5E-3', ' 7 ', '+3', '.5', '5.', '1/3', '-2/ 4'),
  );
  if (modest) return plain;
  const huge = fc.oneof(
    fc.constantFrom(10, 40, 500, 999, 1000, 1001, 5000).map((n) => '9'.repeat(n)),
    fc.constantFrom(10, 500, 1001).map((n) => `1/${'7'.repeat(n)}`),
    fc.constantFrom('1e308', '1e400', '-1e400', '1e-400', '1e999', '1e1000', '1e99999', '1e100001', '1e999999999999999999', '1.7976931348623157e308', '5e-324'),
  );
  const junk = fc.oneof(
    fc.constantFrom('', ' ', 'NaN', 'nan', 'Infinity', '-inf', '1/0', '0/0', '0x10', '1_000', '1,5', '١٢', '1e', 'e5', '--1', '1..2', '1/2/3', '\u0000', '"', '∞'),
    fc.string({ maxLength: 8 }),
  );
  return fc.oneof({ weight: 5, arbitrary: plain }, { weight: 2, arbitrary: huge }, { weight: 2, arbitrary: junk });
}

/** A coordinate as a JSON value: mostly numbers (as JSON numbers or strings), sometimes the wrong type. */
export function jsonCoordinate(modest = false): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: numberText(modest) },
    { weight: 4, arbitrary: numberText(modest).filter((t) => /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)).map((t) => ({ raw: t })) },
    { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}, [1], { x: 1 }) },
  );
}

/** JSON text of a value where `{ raw: t }` stands for the JSON number written t. */
export function toJsonText(v: unknown): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { raw?: unknown }).raw === 'string')
    return (v as { raw: string }).raw;
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJsonText(x)}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** A mutation of a text: the kinds of damage a file suffers, and some hostile ones. */
export function mutateText(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: text },
    {
      weight: 6,
      arbitrary: fc.tuple(text, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), fc.string({ maxLength: 6 })).map(([t, a, b, kind, ins]) => {
        const i = t.length ? a % t.length : 0;
        const j = t.length ? b % t.length : 0;
        const [lo, hi] = i < j ? [i, j] : [j, i];
        switch (kind) {
          case 0:
            return t.slice(0, i); // truncated
          case 1:
            return t.slice(0, i) + ins + t.slice(i); // inserted junk
          case 2:
            return t.slice(0, lo) + t.slice(hi); // a range deleted
          case 3:
            return t.slice(0, hi) + t.slice(lo, hi) + t.slice(hi); // a range duplicated
          case 4:
            return '\uFEFF' + t; // byte-order mark
          case 5:
            return t.replace(/\n/g, '\r'); // old Mac line ends
          case 6:
            return t.slice(0, i) + '\u0000\u00ff\ud800' + t.slice(i); // control and lone surrogate
          default:
            return t + '\n'.repeat(1 + (a % 3)) + t.slice(0, i); // trailing garbage
        }
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom(10, 300, 10_000).map((d) => '['.repeat(d) + ']'.repeat(d)) },
    { weight: 1, arbitrary: fc.constantFrom(10, 300, 10_000).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );
}

/**
 * Valid numbers of extreme size or magnitude, within the limits (README "Limits"). A whole
 * `verify` on 1 000-digit numbers takes a minute on a loaded machine (docs/decisions.md),
 * so the CLI slice stays at 200 digits, exponents included.
 */
export function extremeValidNumber(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: -50, max: 50 }).map(String),
    fc.constantFrom(17, 40, 200).map((n) => '9'.repeat(n)),
    fc.constantFrom(17, 150).map((n) => `-${'3'.repeat(n)}/7`),
    fc.constantFrom('1e199', '-1e199', '1e-199', '1.7976931348623157e100', '-5e-150', '1/' + '7'.repeat(150), '0.1', '-0'),
  );
}
