/**
 * Exact checks for proof scripts: comparisons of rationals, exact vectors and
 * matrices, and quantified predicates over finite lists. Every value may be
 * given directly or as a thunk (evaluated by the runner, so a check that throws
 * is reported on its own and timed on its own). No floats: a JS number is read
 * as the decimal it prints as (0.1 is 1/10), a string as "p/q" or a decimal.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { ExactCheck, ExactOutcome } from './checks.ts';

/** A value or a function computing it. */
export type Lazy<T> = T | (() => T);

export type Scalar = Rational | number | bigint | string;
export type ExactValue = Scalar | readonly Rational[] | Matrix;

function force<T>(v: Lazy<T>): T {
  return typeof v === 'function' ? (v as () => T)() : v;
}

function scalar(v: Scalar): Rational {
  if (v instanceof Rational) return v;
  if (typeof v === 'bigint') return Rational.int(v);
  return Rational.parse(v);
}

/**
 * Text of an exact value, in full: the evidence keeps exact values exact (the JSON and Markdown
 * reports show them as they are; the terminal table abbreviates long fractions to "≈…" unless
 * `prove --exact`). A matrix is named by its shape.
 */
export function show(v: ExactValue): string {
  if (v instanceof Matrix) return `${v.rows}×${v.cols} matrix`;
  if (Array.isArray(v)) return `(${(v as readonly Rational[]).map(String).join(', ')})`;
  return scalar(v as Scalar).toString();
}

type Normal = { kind: 'scalar'; v: Rational } | { kind: 'vector'; v: readonly Rational[] } | { kind: 'matrix'; v: Matrix };

function normal(v: ExactValue): Normal {
  if (v instanceof Matrix) return { kind: 'matrix', v };
  if (Array.isArray(v)) return { kind: 'vector', v: v as readonly Rational[] };
  return { kind: 'scalar', v: scalar(v as Scalar) };
}

function sameValue(a: Normal, b: Normal): boolean {
  if (a.kind === 'scalar' && b.kind === 'scalar') return a.v.eq(b.v);
  if (a.kind === 'vector' && b.kind === 'vector') return a.v.length === b.v.length && a.v.every((x, i) => x.eq(b.v[i]!));
  if (a.kind === 'matrix' && b.kind === 'matrix') return a.v.rows === b.v.rows && a.v.cols === b.v.cols && a.v.eq(b.v);
  throw new TypeError(`cannot compare a ${a.kind} with a ${b.kind}`);
}

function check(claim: string, label: string, evaluate: () => ExactOutcome): ExactCheck {
  return { kind: 'exact', claim, label, evaluate };
}

/**
 * lhs = rhs exactly (rationals, vectors or matrices).
 * @example exact.equal('S1', 'ms = U²', () => msExact(net, ds), () => sq.U2!)
 */
function equal(claim: string, label: string, lhs: Lazy<ExactValue>, rhs: Lazy<ExactValue>): ExactCheck {
  return check(claim, label, () => {
    const a = force(lhs);
    const b = force(rhs);
    const holds = sameValue(normal(a), normal(b));
    return { holds, evidence: holds ? `both sides = ${show(a)}` : `${show(a)} ≠ ${show(b)}` };
  });
}

function compare(claim: string, label: string, lhs: Lazy<Scalar>, rhs: Lazy<Scalar>, strict: boolean): ExactCheck {
  return check(claim, label, () => {
    const a = scalar(force(lhs));
    const b = scalar(force(rhs));
    const holds = strict ? a.lt(b) : a.le(b);
    const op = holds ? (a.eq(b) ? '=' : '<') : a.eq(b) ? '=' : '>';
    return { holds, evidence: `${show(a)} ${op} ${show(b)}` };
  });
}

/**
 * lhs ≤ rhs exactly.
 * @example exact.atMost('S3', 'Vfull² ≤ Vnb²', sq.Vfull2, sq.Vnb2)
 */
function atMost(claim: string, label: string, lhs: Lazy<Scalar>, rhs: Lazy<Scalar>): ExactCheck {
  return compare(claim, label, lhs, rhs, false);
}

/** lhs < rhs exactly. */
function lessThan(claim: string, label: string, lhs: Lazy<Scalar>, rhs: Lazy<Scalar>): ExactCheck {
  return compare(claim, label, lhs, rhs, true);
}

/**
 * A rational, vector or matrix is exactly zero.
 * @example exact.isZero('D1', 'cost is 0', () => msExact(net, ds))
 */
function isZero(claim: string, label: string, value: Lazy<ExactValue>): ExactCheck {
  return check(claim, label, () => {
    const n = normal(force(value));
    const holds = n.kind === 'scalar' ? n.v.isZero() : n.kind === 'vector' ? n.v.every((x) => x.isZero()) : n.v.isZero();
    return { holds, evidence: holds ? 'exactly 0' : `${show(n.v)} ≠ 0` };
  });
}

/** The first item (and its index) where predicate(item) is `want`, with the list's length. */
function firstWhere<T>(items: Lazy<readonly T[]>, predicate: (item: T, index: number) => boolean, want: boolean): { hit?: [T, number]; n: number } {
  const list = force(items);
  const i = list.findIndex((item, k) => predicate(item, k) === want);
  return { hit: i < 0 ? undefined : [list[i]!, i], n: list.length };
}

const byIndex = (_: unknown, i: number): string => `item #${i + 1}`;

/**
 * predicate(item) for every item (an exact predicate: sign tests, equalities).
 * The evidence names the first failing item (via `describe`, default its index).
 * @example exact.forAll('T1', 'τ∘τ = τ on the data', points, (x) => vec.eq(tau(tau(x)), tau(x)))
 */
function forAll<T>(claim: string, label: string, items: Lazy<readonly T[]>, predicate: (item: T, index: number) => boolean, describe: (item: T, index: number) => string = byIndex): ExactCheck {
  return check(claim, label, () => {
    const { hit, n } = firstWhere(items, predicate, false);
    return hit ? { holds: false, evidence: `fails at ${describe(...hit)} (of ${n})` } : { holds: true, evidence: `holds for all ${n}` };
  });
}

/**
 * predicate(item) for some item: a witness (shows a check is not vacuous, or exhibits an example).
 * @example exact.exists('T3', 'some data point lies in K⁻', points, (x) => inBackwardCone(W, b, x))
 */
function exists<T>(claim: string, label: string, items: Lazy<readonly T[]>, predicate: (item: T, index: number) => boolean, describe: (item: T, index: number) => string = byIndex): ExactCheck {
  return check(claim, label, () => {
    const { hit, n } = firstWhere(items, predicate, true);
    return hit ? { holds: true, evidence: `witness: ${describe(...hit)} (of ${n})` } : { holds: false, evidence: `no witness among ${n}` };
  });
}

/**
 * Any exact predicate; return a boolean, or `{ holds, evidence }` to say why.
 * Use it only for computations that are exact (rationals, integers, ranks).
 * @example exact.holds('D1', 'apexes affinely independent', () => rankOf(apexes) === ds.Q)
 */
function holds(claim: string, label: string, test: () => boolean | ExactOutcome): ExactCheck {
  return check(claim, label, () => {
    const r = test();
    return typeof r === 'boolean' ? { holds: r, evidence: r ? 'holds' : 'does not hold' } : r;
  });
}

/** The exact checks, as one namespace: `exact.equal(...)`, `exact.forAll(...)`, … */
export const exact = { equal, atMost, lessThan, isZero, forAll, exists, holds };
