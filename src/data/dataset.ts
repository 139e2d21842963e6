import type { Rational } from '../exact/rational.ts';

/** One class of training inputs. */
export interface ClassData {
  readonly label: string;
  /** N_j points, each an M-vector of exact coordinates. */
  readonly points: readonly (readonly Rational[])[];
}

/** A labelled training set in the sense of SPEC §1, exact. */
export interface DataSet {
  readonly name: string;
  /** Input dimension. */
  readonly M: number;
  /** Number of classes. */
  readonly Q: number;
  /** Total number of points. */
  readonly N: number;
  readonly classes: readonly ClassData[];
  /** y_1..y_Q, each a Q-vector (default: the standard basis). */
  readonly targets: readonly (readonly Rational[])[];
  /** Where it came from: a file path (with its SHA-256) or a built-in example name. */
  readonly source: { readonly kind: 'file'; readonly path: string; readonly sha256: string } | { readonly kind: 'example'; readonly name: string; readonly sha256: string };
}
