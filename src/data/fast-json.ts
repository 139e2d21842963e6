/**
 * The fast path for `.json` data files: the JSON is parsed by the same
 * strict parser as the reference (json-exact.ts), but coordinates go straight into
 * compact per-class storage (src/data/compact.ts) — a plain JSON number with at most
 * 15 digits and no exponent is its own shortest round-trip decimal, so its digits are
 * read directly as a scaled integer; any other number or string goes through the
 * reference number parser. No Rational per coordinate; `points` is lazy.
 *
 * Errors are identical by construction: the fast path only accepts the happy path
 * (known keys, right types, equal dimensions, valid numbers, ≥ 2 non-empty classes,
 * well-formed targets); on anything else it hands the text to parseDataJson, which
 * throws its one-line InputError (or returns the reference data set).
 */
import { defaultName, sha256Hex, standardTargets } from './build.ts';
import { attachCompact, type CompactData } from './compact.ts';
import { ClassBuilder, lazyClassData } from './compact-builder.ts';
import type { DataSet } from './dataset.ts';
import { JsonNumber, isJsonObject, parseJsonExact, truncatedJson, type JsonValue } from './json-exact.ts';
import { DATA_FORMAT, parseDataJsonGeneral } from './load-json.ts';
import { InputError } from './errors.ts';
import { overLimit } from './limits.ts';
import { parseExactJson, parseExactText } from './numbers.ts';
import type { Rational } from '../exact/rational.ts';

class Fallback extends Error {}

const PLAIN = /^(-?)(\d*)(?:\.(\d*))?$/;

/**
 * Reads the text of a `.json` data file: the fast path, or parseDataJsonGeneral (src/data/load-json.ts)
 * on anything it is not sure of; the same data set and the same one-line errors as that parser.
 */
export function parseDataJson(text: string, nameForErrors: string, source?: DataSet['source']): DataSet {
  try {
    return fastJson(text, nameForErrors, source);
  } catch (e) {
    if (e instanceof Fallback) return parseDataJsonGeneral(text, nameForErrors, source);
    throw e;
  }
}

function need(cond: boolean): asserts cond {
  if (!cond) throw new Fallback();
}

function addCoordinate(cls: ClassBuilder, v: JsonValue | undefined): void {
  if (v instanceof JsonNumber) {
    const m = PLAIN.exec(v.text);
    if (m) {
      const digits = (m[2] ?? '') + (m[3] ?? '');
      if (digits.length > 0 && digits.length <= 15) {
        const n = Number(digits);
        cls.addDecimal(m[1] === '-' ? 0 - n : n, (m[3] ?? '').length);
        return;
      }
    }
  }
  const p = typeof v === 'string' ? parseExactText(v) : parseExactJson(v);
  need(p.ok);
  cls.addExact(p.value.num, p.value.den);
}

function fastJson(fullText: string, nameForErrors: string, source?: DataSet['source']): DataSet {
  const text = fullText.replace(/^\uFEFF/, '');
  need(text.trim() !== '');
  let root: JsonValue;
  try {
    root = parseJsonExact(text);
  } catch {
    throw new Fallback();
  }
  need(isJsonObject(root));
  for (const key of Object.keys(root)) need(['format', 'name', 'targets', 'classes'].includes(key));
  need(root.format === DATA_FORMAT);
  let name = defaultName(nameForErrors);
  if ('name' in root) {
    need(typeof root.name === 'string' && root.name.trim() !== '');
    name = root.name;
  }
  const raw = root.classes;
  need(Array.isArray(raw) && raw.length >= 2);
  // Size limits: the same one-line errors as parseDataJson, raised here so an oversized file is never re-read.
  const over = (where: () => string, reason: string | undefined): void => {
    if (reason) throw new InputError(`${nameForErrors}: ${where()}: ${reason}`);
  };
  over(() => 'classes', overLimit('Q', raw.length));
  let M = -1;
  let N = 0;
  const labels: string[] = [];
  const builders: ClassBuilder[] = [];
  raw.forEach((c, j) => {
    need(isJsonObject(c));
    let label = String(j + 1);
    if ('label' in c) {
      need(typeof c.label === 'string' && c.label !== '');
      label = c.label;
    }
    for (const key of Object.keys(c)) need(key === 'label' || key === 'points');
    const pts = c.points;
    need(Array.isArray(pts) && pts.length > 0);
    const b = new ClassBuilder();
    pts.forEach((p, i) => {
      need(Array.isArray(p));
      const at = (): string => `class ${j + 1}${'label' in c ? ` (${truncatedJson(label)})` : ''}, point ${i + 1}`;
      if (M < 0) {
        need(p.length > 0);
        over(at, overLimit('M', p.length));
        M = p.length;
      } else need(p.length === M);
      N++;
      over(at, overLimit('N', N) ?? overLimit('coordinates', N * M));
      for (const v of p) addCoordinate(b, v);
      b.endPoint();
    });
    labels.push(label);
    builders.push(b);
  });
  const Q = builders.length;
  let targets: Rational[][] | undefined;
  if ('targets' in root) {
    const t = root.targets;
    need(Array.isArray(t) && t.length === Q);
    targets = t.map((y) => {
      need(Array.isArray(y) && y.length === Q);
      return y.map((v) => {
        const r = parseExactJson(v);
        need(r.ok);
        return r.value;
      });
    });
  }
  const compact: CompactData = { M, classes: builders.map((b) => b.finish()) };
  const classes = compact.classes.map((c, j) => lazyClassData(labels[j]!, c, M));
  attachCompact(classes, compact);
  return {
    name,
    M,
    Q,
    N: compact.classes.reduce((s, c) => s + c.count, 0),
    classes,
    targets: targets ?? standardTargets(Q),
    source: source ?? { kind: 'file', path: nameForErrors, sha256: sha256Hex(fullText) },
  };
}
