/**
 * The fast path for `.csv` data files: decimals go straight to scaled
 * integers in per-class compact storage (src/data/compact.ts), with no Rational and
 * no string per coordinate. The result is the same data set as parseDataCsv's —
 * same classes, order, labels, exact values, name and source — with lazy `points`.
 *
 * Error behaviour is identical by construction: the fast path accepts a row only
 * when it is sure the reference parser would; on anything else (a malformed row,
 * a field that is not a plain decimal and not a valid exact number, a width
 * mismatch, an empty label, too few classes, unusual whitespace) it hands the whole
 * text to parseDataCsv, which then either throws its one-line InputError or
 * returns the (reference) data set.
 */
import { defaultName, sha256Hex, standardTargets } from './build.ts';
import { attachCompact, type CompactData } from './compact.ts';
import { ClassBuilder, lazyClassData } from './compact-builder.ts';
import type { DataSet } from './dataset.ts';
import { parseDataCsvGeneral, splitCsvLine } from './load-csv.ts';
import { parseExactText } from './numbers.ts';
import { InputError } from './errors.ts';
import { overLimit } from './limits.ts';

class Fallback extends Error {}

const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const CR = 13;
const LF = 10;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;

/**
 * Reads the text of a `.csv` data file: the fast path, or parseDataCsvGeneral (src/data/load-csv.ts)
 * on anything it is not sure of; the same data set and the same one-line errors as that parser.
 * @example parseDataCsv('x,y,label\n1,0,a\n0,1,b\n', 'data.csv').Q // 2
 */
export function parseDataCsv(text: string, nameForErrors: string, source?: DataSet['source']): DataSet {
  try {
    return fastCsv(text, nameForErrors, source);
  } catch (e) {
    if (e instanceof Fallback) return parseDataCsvGeneral(text, nameForErrors, source);
    throw e;
  }
}

function fastCsv(fullText: string, nameForErrors: string, source?: DataSet['source']): DataSet {
  const text = fullText.charCodeAt(0) === 0xfeff ? fullText.slice(1) : fullText;
  const n = text.length;
  let width = -1; // fields per row, label included
  let M = -1;
  const builders: ClassBuilder[] = [];
  const labels: string[] = [];
  const index = new Map<string, number>();
  let lastLabel = '';
  let lastIndex = -1;
  let pos = 0;
  let sawRow = false;
  let N = 0;
  let line = 0;
  // Size limits: the same one-line errors as parseDataCsv, raised here so an oversized file is never re-read.
  const over = (reason: string | undefined): void => {
    if (reason) throw new InputError(`${nameForErrors}: line ${line}: ${reason}`);
  };
  const countPoint = (label: string): void => {
    N++;
    over(overLimit('N', N) ?? overLimit('coordinates', N * M) ?? (index.has(label) ? undefined : overLimit('Q', index.size + 1)));
  };

  const classOf = (label: string): ClassBuilder => {
    if (label === lastLabel && lastIndex >= 0) return builders[lastIndex]!;
    let j = index.get(label);
    if (j === undefined) {
      j = builders.length;
      index.set(label, j);
      labels.push(label);
      builders.push(new ClassBuilder());
    }
    lastLabel = label;
    lastIndex = j;
    return builders[j]!;
  };

  /** Adds one coordinate field [a, b) (already trimmed of spaces/tabs) to `cls`; Fallback if not sure. */
  const addField = (cls: ClassBuilder, a: number, b: number): void => {
    const m = plainDecimal(text, a, b);
    if (m === m) {
      cls.addDecimal(m, fracDigits);
      return;
    }
    // Anything else (exponent, fraction p/q, many digits, odd characters): the reference number parser.
    const p = parseExactText(text.slice(a, b));
    if (!p.ok) throw new Fallback();
    cls.addExact(p.value.num, p.value.den);
  };

  let fieldStarts = new Int32Array(0);
  let fieldEnds = new Int32Array(0);

  while (pos < n) {
    // One line: [pos, end), then skip its terminator (\r\n, \n or \r).
    let end = pos;
    let quote = false;
    let plain = true;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      if (c === LF || c === CR) break;
      if (c === QUOTE) quote = true;
      else if (c > 126 || (c < 32 && c !== TAB)) plain = false;
    }
    const lineStart = pos;
    line++;
    pos = end < n && text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
    if (!plain) throw new Fallback(); // unusual characters: let the reference parser judge the line
    // Blank line (only spaces/tabs).
    let k = lineStart;
    while (k < end && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
    if (k === end) continue;

    if (quote || width < 0) {
      // Rare or first row: split like the reference parser and follow its rules exactly.
      const fields = splitCsvLine(text.slice(lineStart, end));
      if (typeof fields === 'string') throw new Fallback();
      const label = fields[fields.length - 1]!;
      if (width < 0) {
        if (fields.length < 2) throw new Fallback();
        over(overLimit('M', fields.length - 1));
        width = fields.length;
        M = width - 1;
        fieldStarts = new Int32Array(width);
        fieldEnds = new Int32Array(width);
        const parsed = fields.slice(0, -1).map((f) => parseExactText(f));
        if (parsed.some((p) => !p.ok && p.limit)) throw new Fallback();
        const numbers = parsed.filter((p) => p.ok).length;
        if (numbers === 0) continue; // header
        if (numbers < M) throw new Fallback();
      } else if (fields.length !== width) throw new Fallback();
      if (label === '') throw new Fallback();
      countPoint(label);
      const cls = classOf(label);
      for (let f = 0; f < M; f++) {
        const p = parseExactText(fields[f]!);
        if (!p.ok) throw new Fallback();
        cls.addExact(p.value.num, p.value.den);
      }
      cls.endPoint();
      sawRow = true;
      continue;
    }

    // Plain row: find the commas, trim spaces/tabs around each field.
    const count = splitPlain(text, lineStart, end, width, fieldStarts, fieldEnds);
    if (count !== width) throw new Fallback();
    const ls = fieldStarts[M]!;
    const le = fieldEnds[M]!;
    if (ls === le) throw new Fallback(); // empty label
    const label = text.slice(ls, le);
    countPoint(label);
    const cls = classOf(label);
    for (let f = 0; f < M; f++) {
      if (fieldStarts[f] === fieldEnds[f]) throw new Fallback();
      addField(cls, fieldStarts[f]!, fieldEnds[f]!);
    }
    cls.endPoint();
    sawRow = true;
  }

  if (!sawRow || builders.length < 2) throw new Fallback();
  const compact: CompactData = { M, classes: builders.map((b) => b.finish()) };
  const classes = compact.classes.map((c, j) => lazyClassData(labels[j]!, c, M));
  attachCompact(classes, compact);
  const Q = classes.length;
  return {
    name: defaultName(nameForErrors),
    M,
    Q,
    N: compact.classes.reduce((s, c) => s + c.count, 0),
    classes,
    targets: standardTargets(Q),
    source: source ?? { kind: 'file', path: nameForErrors, sha256: sha256Hex(fullText) },
  };
}

/** Fraction digits of the last plainDecimal. */
let fracDigits = 0;

/**
 * [+-]digits[.digits] with 1..15 digits in all, as the integer mantissa (fracDigits set);
 * NaN for anything else. Small and separate so the JIT optimizes it early.
 */
function plainDecimal(text: string, a: number, b: number): number {
  let i = a;
  let neg = false;
  let c = text.charCodeAt(i);
  if (c === MINUS || c === PLUS) {
    neg = c === MINUS;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < b; i++) {
    c = text.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (frac >= 0) frac++;
    } else if (c === DOT && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  fracDigits = frac < 0 ? 0 : frac;
  return neg ? 0 - m : m;
}

/**
 * Splits the plain (unquoted) line [start, end) at commas into at most `width` fields,
 * trimmed of spaces and tabs; returns the field count (width + 1 when there are more).
 */
function splitPlain(text: string, start: number, end: number, width: number, starts: Int32Array, ends: Int32Array): number {
  let count = 0;
  let a = start;
  for (;;) {
    let c = a;
    while (c < end && text.charCodeAt(c) !== COMMA) c++;
    let s = a;
    let e = c;
    while (s < e && (text.charCodeAt(s) === SPACE || text.charCodeAt(s) === TAB)) s++;
    while (e > s && (text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === TAB)) e--;
    if (count === width) return width + 1;
    starts[count] = s;
    ends[count] = e;
    count++;
    if (c >= end) return count;
    a = c + 1;
  }
}
