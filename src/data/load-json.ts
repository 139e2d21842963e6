/**
 * The JSON data format "dlgeom/data@1" (SPEC §6): validation with one-line
 * errors that name the file and the place (class, point, coordinate, target).
 *
 * Unknown keys are errors: a misspelt "target" would otherwise silently fall
 * back to the default targets and change every number downstream.
 */
import type { Rational } from '../exact/rational.ts';
import { dataSetContent, defaultName, sha256Hex } from './build.ts';
import type { ClassData, DataSet } from './dataset.ts';
import { InputError } from './errors.ts';
import { JsonSyntaxError, describeJson, isJsonObject, parseJsonExact, truncatedJson, type JsonObject, type JsonValue } from './json-exact.ts';
import { overLimit } from './limits.ts';
import { parseExactJson } from './numbers.ts';

export const DATA_FORMAT = 'dlgeom/data@1';
const TOP_KEYS = ['format', 'name', 'targets', 'classes'];
const CLASS_KEYS = ['label', 'points'];

/**
 * Parses the text of a `.json` data file. `nameForErrors` starts every message
 * and is the default name and source path; `source` defaults to that path with
 * the SHA-256 of `text`.
 * @example parseDataJsonGeneral('{"format":"dlgeom/data@1","classes":[…]}', 'data.json')
 */
export function parseDataJsonGeneral(text: string, nameForErrors: string, source?: DataSet['source']): DataSet {
  const fail = (where: string, what: string): never => {
    throw new InputError(`${nameForErrors}: ${where ? where + ': ' : ''}${what}`);
  };
  if (text.replace(/^\uFEFF/, '').trim() === '') fail('', 'empty file');

  let root: JsonValue;
  try {
    root = parseJsonExact(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof JsonSyntaxError) return fail(`line ${e.line}, column ${e.column}`, `invalid JSON: ${e.reason}`);
    throw e;
  }
  if (!isJsonObject(root)) return fail('top level', `expected an object, found ${describeJson(root)}`);
  checkKeys(root, TOP_KEYS, '', fail);

  if (!('format' in root)) fail('', `missing "format" (expected ${JSON.stringify(DATA_FORMAT)})`);
  if (root.format !== DATA_FORMAT) fail('format', `expected ${JSON.stringify(DATA_FORMAT)}, found ${describeJson(root.format)}`);

  let name = defaultName(nameForErrors);
  if ('name' in root) {
    const n = root.name;
    if (typeof n !== 'string' || n.trim() === '') return fail('name', `expected a non-empty string, found ${describeJson(n)}`);
    name = n;
  }

  if (!('classes' in root)) fail('', 'missing "classes"');
  const rawClasses = root.classes;
  if (!Array.isArray(rawClasses)) return fail('classes', `expected an array of classes, found ${describeJson(rawClasses)}`);
  if (rawClasses.length < 2)
    fail('classes', `found ${rawClasses.length} class${rawClasses.length === 1 ? '' : 'es'}; at least two are needed`);
  const tooManyClasses = overLimit('Q', rawClasses.length);
  if (tooManyClasses) fail('classes', tooManyClasses);

  let M = -1;
  let N = 0;
  const classes: ClassData[] = rawClasses.map((raw, j) => {
    let where = `class ${j + 1}`;
    if (!isJsonObject(raw)) return fail(where, `expected an object with "label" and "points", found ${describeJson(raw)}`);
    let label = String(j + 1);
    if ('label' in raw) {
      if (typeof raw.label !== 'string' || raw.label === '') return fail(where, `label: expected a non-empty string, found ${describeJson(raw.label)}`);
      label = raw.label;
      where += ` (${truncatedJson(label)})`;
    }
    checkKeys(raw, CLASS_KEYS, where, fail);
    if (!('points' in raw)) fail(where, 'missing "points"');
    const rawPoints = raw.points;
    if (!Array.isArray(rawPoints)) return fail(where, `points: expected an array of points, found ${describeJson(rawPoints)}`);
    if (rawPoints.length === 0) fail(where, 'empty class (no points)');
    const points = rawPoints.map((p, i) => {
      const at = `${where}, point ${i + 1}`;
      if (!Array.isArray(p)) return fail(at, `expected an array of coordinates, found ${describeJson(p)}`);
      if (M < 0) {
        if (p.length === 0) fail(at, 'a point needs at least one coordinate');
        const tooWide = overLimit('M', p.length);
        if (tooWide) fail(at, tooWide);
        M = p.length;
      } else if (p.length !== M) fail(at, `expected ${M} coordinates (as in class 1, point 1), found ${p.length}`);
      const tooMany = overLimit('N', ++N) ?? overLimit('coordinates', N * M);
      if (tooMany) fail(at, tooMany);
      return p.map((v, k) => exact(v, `${at}, coordinate ${k + 1}`, fail));
    });
    return { label, points };
  });

  const Q = classes.length;
  let targets: Rational[][] | undefined;
  if ('targets' in root) {
    const t = root.targets;
    if (!Array.isArray(t)) return fail('targets', `expected an array of ${Q} targets, found ${describeJson(t)}`);
    if (t.length !== Q) fail('targets', `expected ${Q} targets (one per class), found ${t.length}`);
    targets = t.map((y, j) => {
      const at = `target ${j + 1}`;
      if (!Array.isArray(y)) return fail(at, `expected an array of ${Q} entries, found ${describeJson(y)}`);
      if (y.length !== Q) fail(at, `expected ${Q} entries (targets are Q-vectors, Q = ${Q}), found ${y.length}`);
      return y.map((v, i) => exact(v, `${at}, entry ${i + 1}`, fail));
    });
  }

  return { ...dataSetContent(name, classes, targets), source: source ?? { kind: 'file', path: nameForErrors, sha256: sha256Hex(text) } };
}

function exact(v: JsonValue, where: string, fail: (where: string, what: string) => never): Rational {
  const r = parseExactJson(v);
  return r.ok ? r.value : fail(where, r.reason);
}

function checkKeys(obj: JsonObject, allowed: string[], where: string, fail: (where: string, what: string) => never): void {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key))
      fail(where, `unknown key ${truncatedJson(key)} (allowed: ${allowed.map((k) => JSON.stringify(k)).join(', ')})`);
}
