/**
 * A loader's outcome as a value: the data set, or the one-line message of an InputError. Any
 * other exception propagates (a crash fails the test). `outcomeView` compares two outcomes
 * with toEqual (data sets by their strings).
 */
import type { DataSet } from '../../src/data/dataset.ts';
import { InputError } from '../../src/data/errors.ts';
import { dataSetStrings } from './data-strings.ts';

export type Outcome = { ok: true; ds: DataSet } | { ok: false; message: string };

export function outcome(load: () => DataSet): Outcome {
  try {
    return { ok: true, ds: load() };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: e.message };
    throw e;
  }
}

export const outcomeView = (o: Outcome) => (o.ok ? { data: dataSetStrings(o.ds), source: o.ds.source } : { message: o.message });

/** The one-line message of the InputError that `f` throws, or 'no error'; any other exception propagates. */
export function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.message;
  }
  return 'no error';
}
