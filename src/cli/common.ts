/**
 * Pieces every data-reading command shares: choosing the input (a file or a
 * built-in example) and the `data` object of the JSON outputs.
 */
import type { DataSet } from '../data/dataset.ts';
import { InputError } from '../data/errors.ts';
import { loadExample } from '../data/examples.ts';
import { loadDataFile } from '../data/load.ts';
import { compactOf } from '../data/compact.ts';
import { classSizes } from '../data/compact-access.ts';
import { integerSums } from '../data/integer-sums.ts';
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataFacts } from '../claims/catalogue.ts';
import { costFromMsExact } from '../network/cost.ts';
import type { CostConvention } from '../network/network.ts';

/** The input options of a command: a data file argument or `--example <name>`. */
export interface InputOptions {
  readonly file?: string | undefined;
  readonly example?: string | undefined;
}

/**
 * Loads exactly one of a data file or a built-in example; InputError otherwise.
 * @example loadInput({ example: 'clusters-q2' }).Q // 2
 */
export function loadInput({ file, example }: InputOptions): DataSet {
  if (file !== undefined && example !== undefined)
    throw new InputError(`give either a data file or --example <name>, not both (got "${file}" and --example "${example}")`);
  if (file !== undefined) return loadDataFile(file);
  if (example !== undefined) return loadExample(example);
  throw new InputError('no input: give a data file (.json or .csv) or --example <name>');
}

/** The `data` object of every `--json` output (schemas/common.schema.json#/$defs/dataSummary). */
export interface DataSummaryJson {
  readonly name: string;
  readonly Q: number;
  readonly M: number;
  readonly N: number;
  readonly classSizes: number[];
  /** Class labels, in class order (the order of classSizes). */
  readonly classLabels: string[];
  /** Where the data came from, with the SHA-256 certificates carry (of the file's bytes; of an example's serialization). */
  readonly source: { readonly kind: 'file'; readonly path: string; readonly sha256: string } | { readonly kind: 'example'; readonly name: string; readonly sha256: string };
}

/**
 * @example dataSummaryJson(loadExample('clusters-q2')) // { name: 'clusters-q2', Q: 2, M: 2, N: 6, classSizes: [3, 3], classLabels: [...], source: {...} }
 */
export function dataSummaryJson(ds: DataSet): DataSummaryJson {
  return { name: ds.name, Q: ds.Q, M: ds.M, N: ds.N, classSizes: classSizes(ds), classLabels: ds.classes.map((c) => c.label), source: { ...ds.source } };
}

/**
 * The value of a cost under a convention, exactly where it is rational: C = ms (mse),
 * ms/2 (half-mse), √ms (norm; `exact` is null when √ms is irrational). `float` is C in float64.
 * @example costJson(q('1/4'), 'norm') // { convention: 'norm', exact: '1/2', float: 0.5 }
 */
export function costJson(ms: Rational, convention: CostConvention): { convention: CostConvention; exact: string | null; float: number } {
  const c = costFromMsExact(ms, convention);
  return { convention, exact: c.exact?.toString() ?? null, float: c.float };
}

/**
 * What the claim catalogue's applicability needs, before any claim is decided:
 * Q, M, L and the exact rank of the class means X̄ (one pass for the class sums).
 * @example dataFacts(loadExample('clusters-q2'), 2) // { Q: 2, M: 2, L: 2, rankXbar: 2 }
 */
export function dataFacts(ds: DataSet, L: number): DataFacts {
  const cd = compactOf(ds);
  const means = cd.classes.map((c) => integerSums(c, ds.M).map((v) => Rational.of(v, BigInt(c.count) * c.den)));
  return { Q: ds.Q, M: ds.M, L, rankXbar: Matrix.fromColumns(means).rank() };
}
