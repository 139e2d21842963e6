/**
 * Reading one exact number from a data file (SPEC §6), with a one-line reason on failure.
 *
 * A JSON number means its shortest round-trip decimal (so `0.1` is 1/10). When
 * the digits as written are a different number than that (more digits than a
 * double holds, e.g. `0.10000000000000000001` or a 20-digit integer), the two
 * readings disagree and we refuse rather than pick one silently: the user
 * writes it as a string to mean the digits exactly.
 */
import { Rational } from '../exact/rational.ts';
import { JsonNumber, describeJson, truncatedJson, type JsonValue } from './json-exact.ts';
import { numberTooLong } from './limits.ts';

/** Parse result: a value, or the reason (one line, no place) it is not a number. */
export type Parsed = { ok: true; value: Rational } | { ok: false; reason: string; /** over LIMITS.digits */ limit?: true };

const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * An exact number from text: integer, decimal (with exponent) or p/q, within LIMITS.digits.
 * @example parseExactText('3e-2') // { ok: true, value: 3/100 }
 */
export function parseExactText(text: string): Parsed {
  const tooLong = numberTooLong(text);
  if (tooLong) return { ok: false, reason: tooLong, limit: true };
  if (NON_FINITE.test(text.trim())) return { ok: false, reason: `not a finite number: ${truncatedJson(text)}` };
  try {
    return { ok: true, value: Rational.parse(text) };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    if (/zero denominator/.test(e.message)) return { ok: false, reason: `zero denominator: ${truncatedJson(text)}` };
    if (/exponent out of range/.test(e.message)) return { ok: false, reason: `exponent out of range: ${truncatedJson(text)}` };
    return { ok: false, reason: `not a number: ${truncatedJson(text)}` };
  }
}

/**
 * An exact number from a JSON value: a number (its shortest round-trip decimal,
 * which must equal the digits as written) or a string (see parseExactText).
 */
export function parseExactJson(v: JsonValue | undefined): Parsed {
  if (typeof v === 'string') return parseExactText(v);
  if (!(v instanceof JsonNumber)) return { ok: false, reason: `expected a number, found ${describeJson(v)}` };
  const tooLong = numberTooLong(v.text);
  if (tooLong) return { ok: false, reason: tooLong, limit: true };
  const asDouble = Number(v.text);
  if (!Number.isFinite(asDouble)) return { ok: false, reason: `not a finite number: ${shortText(v.text)} overflows a double (write it as a string for the exact value)` };
  const written = parseExactText(v.text);
  const shortest = Rational.parse(asDouble);
  if (!written.ok || !written.value.eq(shortest))
    return {
      ok: false,
      reason: `the JSON number ${shortText(v.text)} has more digits than a double holds (it would read as ${asDouble}); write it as a string to mean it exactly`,
    };
  return { ok: true, value: shortest };
}

/** A number's text cut to 40 characters, to keep a message on one short line. */
function shortText(text: string): string {
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}
