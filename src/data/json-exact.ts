/**
 * A strict RFC 8259 JSON parser that keeps each number's source text.
 *
 * Why not JSON.parse: it turns `0.10000000000000000001` into the double 0.1
 * without a trace, and its syntax errors carry no line/column (Node 20 prints a
 * multi-line snippet instead). Data files must be read exactly and errors must be
 * one line naming the place, so we parse ourselves. Accepts exactly what
 * JSON.parse accepts, except that a duplicate key in an object is an error.
 *
 * @example
 *   const v = parseJsonExact('{"x": [0.1, "1/3"]}') as JsonObject;
 *   (v.x as JsonValue[])[0] // JsonNumber { text: '0.1' }
 */

import { LIMITS, formatCount } from './limits.ts';

/** A JSON number as written in the source. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
/** A JSON object (null prototype, so keys like "__proto__" are plain keys). */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A syntax error at a 1-based line and column; `reason` is one line. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses one JSON text; throws JsonSyntaxError. Nesting is bounded by `maxDepth`
 * (LIMITS.jsonDepth), so hostile nesting is a syntax error, never a stack overflow.
 */
export function parseJsonExact(text: string, maxDepth: number = LIMITS.jsonDepth): JsonValue {
  let pos = 0;
  let depth = 0;

  const fail = (reason: string, at = pos): never => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < text.length; i++)
      if (text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    throw new JsonSyntaxError(reason, line, at - lineStart + 1);
  };
  const describe = (at: number): string =>
    at >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(text[at])}`;

  const skipWs = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
      else break;
    }
  };

  const parseString = (): string => {
    pos++; // opening quote
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in string (escape it)');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const e = text[pos + 1];
      if (e === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in string');
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 6;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        pos += 2;
      } else {
        fail('bad escape in string');
      }
      start = pos;
    }
    out += text.slice(start, pos);
    pos++; // closing quote
    return out;
  };

  const parseValue = (): JsonValue => {
    skipWs();
    const c = text[pos];
    if (c === '{') return parseObject();
    if (c === '[') return parseArray();
    if (c === '"') return parseString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const)
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m) {
      pos += m[0].length;
      return new JsonNumber(m[0]);
    }
    return fail(describe(pos));
  };

  const enter = (): void => {
    if (++depth > maxDepth) fail(`nested deeper than ${formatCount(maxDepth)} levels (limit: ${formatCount(maxDepth)})`);
  };

  const parseArray = (): JsonValue[] => {
    enter();
    pos++;
    const out: JsonValue[] = [];
    skipWs();
    if (text[pos] === ']') {
      pos++;
      depth--;
      return out;
    }
    for (;;) {
      out.push(parseValue());
      skipWs();
      if (text[pos] === ',') pos++;
      else if (text[pos] === ']') {
        pos++;
        depth--;
        return out;
      } else fail(`${describe(pos)} (expected "," or "]")`);
    }
  };

  const parseObject = (): JsonObject => {
    enter();
    pos++;
    const out = Object.create(null) as JsonObject;
    skipWs();
    if (text[pos] === '}') {
      pos++;
      depth--;
      return out;
    }
    for (;;) {
      skipWs();
      if (text[pos] !== '"') fail(`${describe(pos)} (expected a key in double quotes)`);
      const keyAt = pos;
      const key = parseString();
      if (Object.prototype.hasOwnProperty.call(out, key)) fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
      skipWs();
      if (text[pos] !== ':') fail(`${describe(pos)} (expected ":")`);
      pos++;
      out[key] = parseValue();
      skipWs();
      if (text[pos] === ',') pos++;
      else if (text[pos] === '}') {
        pos++;
        depth--;
        return out;
      } else fail(`${describe(pos)} (expected "," or "}")`);
    }
  };

  const value = parseValue();
  skipWs();
  if (pos < text.length) fail(`${describe(pos)} after the end of the JSON value`);
  return value;
}

/** "a string", "an array", … — for "expected X, found Y" messages. */
export function describeJson(v: JsonValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return `${v}`;
  if (typeof v === 'string') return `a string (${truncatedJson(v)})`;
  if (v instanceof JsonNumber) return `a number (${v.text.length > 40 ? v.text.slice(0, 40) + '…' : v.text})`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return 'an object';
}

/** A string as a JSON literal, shortened to keep a message on one line. */
export function truncatedJson(s: string, max = 40): string {
  return JSON.stringify(s.length > max ? s.slice(0, max) + '…' : s);
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}
