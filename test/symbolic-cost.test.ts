import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { SymbolicMismatchError, SymbolicOutputError } from '../src/symbolic/errors.ts';
import {
  assertSymbolName,
  crossCheck,
  differentiate,
  evaluateExact,
  exactPartialDerivative,
  isIdenticallyZero,
  rationalToNerdamer,
  symbolic,
  toPolynomial,
} from '../src/symbolic/polynomial.ts';
import { parseExactConstant } from '../src/symbolic/expression-text.ts';
import { costExpression, evaluateCost, gradient, parameterSymbols, stationarityEquations } from '../src/symbolic/cost.ts';
import { exactForwardCost, layersFromAssignment } from '../src/symbolic/exact-forward.ts';
import { shallowStationarity } from '../src/symbolic/shallow-stationarity.ts';
import { biasSymbol, weightSymbol } from '../src/symbolic/symbols.ts';
import type { Assignment } from '../src/symbolic/mpoly.ts';

function dataSet(M: number, Q: number, classes: (string | number)[][][]): DataSet {
  const targets = Array.from({ length: Q }, (_, j) => Array.from({ length: Q }, (_, i) => (i === j ? Rational.ONE : Rational.ZERO)));
  const cls = classes.map((c, j) => ({ label: `c${j + 1}`, points: c.map((p) => p.map((v) => q(v))) }));
  return { name: 'test', M, Q, N: cls.reduce((s, c) => s + c.points.length, 0), classes: cls, targets, source: { kind: 'example', name: 'test', sha256: '' } };
}

const ds = dataSet(2, 2, [
  [[1, '1/3'], [2, '-1/2']],
  [['1/4', 3], [0, 1], [-1, 2]],
]);

/** Assignment for a shallow (L = 1) network from exact matrices. */
function shallowPoint(W1: Matrix, b1: Rational[], W2: Matrix, b2?: Rational[]): Record<string, Rational> {
  const at: Record<string, Rational> = {};
  W1.toRows().forEach((row, i) => row.forEach((v, k) => (at[weightSymbol(1, i + 1, k + 1)] = v)));
  b1.forEach((v, i) => (at[biasSymbol(1, i + 1)] = v));
  W2.toRows().forEach((row, i) => row.forEach((v, k) => (at[weightSymbol(2, i + 1, k + 1)] = v)));
  b2?.forEach((v, i) => (at[biasSymbol(2, i + 1)] = v));
  return at;
}

describe('nerdamer bridge', () => {
  it('renders rationals as parenthesised fractions', () => {
    expect(rationalToNerdamer(Rational.of(-2n, 5n))).toBe('(-2/5)');
    expect(rationalToNerdamer(Rational.int(3))).toBe('(3)');
  });

  it('evaluates exactly, also with large numbers, through nerdamer and our reader', () => {
    const e = symbolic('x^2*y + 3/7');
    expect(evaluateExact(e, { x: Rational.of(2n, 3n), y: Rational.of(-5n, 11n) }).toString()).toBe('157/693');
    const big = Rational.of(123456789123456789n, 987654321987n);
    const v = evaluateExact(symbolic('x^2 - 2'), { x: big });
    expect(v.eq(big.square().sub(Rational.int(2)))).toBe(true);
  });

  it('rejects decimals, irrational functions and unassigned symbols', () => {
    expect(() => parseExactConstant('0.16')).toThrow(SymbolicOutputError);
    expect(() => parseExactConstant('1e3')).toThrow(SymbolicOutputError);
    expect(() => evaluateExact(symbolic('sqrt(x)'), { x: Rational.int(2) })).toThrow(SymbolicOutputError);
    expect(() => evaluateExact(symbolic('x + pi'), { x: Rational.int(2) })).toThrow(SymbolicOutputError);
    expect(() => evaluateExact(symbolic('x*y'), { x: Rational.int(2) })).toThrow(SymbolicOutputError);
  });

  it('guards the nerdamer quirk that splits w1_1_2 into w1_1*_2', () => {
    expect(() => assertSymbolName('w1_1_2')).toThrow(/does not read/);
    expect(() => assertSymbolName('e')).toThrow();
    for (const s of ['w1r1c2', 'b2r1', 'a1_2', 'c1', 'x1', 'delta']) expect(() => assertSymbolName(s)).not.toThrow();
  });

  it('catches nerdamer 1.1.13 simplifying to a wrong value (sign bug) and splitting names', () => {
    // x/((−3/7)/((5/2 − r)(−1/4))) = (7/12)(5/2 − r)x, nerdamer prints (−7/12)*(−r+5/2)*x
    expect(() => symbolic('x/((-3/7)/(((5/2)-r)*(-1/4)))')).toThrow(SymbolicMismatchError);
    expect(() => symbolic('w1_1_2^2')).toThrow(/new symbols/);
    expect(symbolic('x/((-3/7)/(r*(-1/4)))').toString()).toBe('(7/12)*r*x');
  });

  it('crossCheck accepts a correct exact function and throws SymbolicMismatchError on a wrong one', () => {
    const e = symbolic('(x+1)^2*y');
    const right = (p: Assignment): Rational => p.x!.add(Rational.ONE).square().mul(p.y!);
    const rep = crossCheck(e, ['x', 'y'], right, 5, { seed: 3 });
    expect(rep.points).toHaveLength(5);
    // seeded: the same points again
    expect(crossCheck(e, ['x', 'y'], right, 5, { seed: 3 }).values.map(String)).toEqual(rep.values.map(String));
    const wrong = (p: Assignment): Rational => p.x!.square().add(Rational.ONE).mul(p.y!);
    expect(() => crossCheck(e, ['x', 'y'], wrong, 5, { seed: 3 })).toThrow(SymbolicMismatchError);
    // a symbol the caller did not declare is itself a mismatch
    expect(() => crossCheck(e, ['x'], right, 2)).toThrow(SymbolicMismatchError);
  });

  it('checks derivatives and zero tests against our own expansion', () => {
    expect(toPolynomial(differentiate('(a*b+c)^3', 'a')).eq(toPolynomial('3*b*(a*b+c)^2'))).toBe(true);
    expect(isIdenticallyZero('(x+y)^2-x^2-2*x*y-y^2')).toBe(true);
    expect(isIdenticallyZero('(x+y)^2-x^2')).toBe(false);
    const f = (p: Assignment): Rational => p.x!.square().mul(p.x!).mul(p.y!);
    const d = exactPartialDerivative(f, { x: Rational.of(2n, 3n), y: Rational.int(5) }, 'x', 3);
    expect(d.toString()).toBe('20/3'); // 3x²y = 3·4/9·5
  });
});

describe('costExpression', () => {
  it('is the identity-network cost at W = I, b = 0 (hand-computed)', () => {
    const c = costExpression(ds, 1, { bias: 'free' });
    const I = Matrix.identity(2);
    const at = shallowPoint(I, [Rational.ZERO, Rational.ZERO], I, [Rational.ZERO, Rational.ZERO]);
    // Σ|x − y|²: (0² + (1/3)²) + (1² + (1/2)²) + ((1/4)² + 2²) + (0² + 0²) + ((−1)² + 1²) = 1/9 + 5/4 + 65/16 + 2
    const byHand = q('1/9').add(q('5/4')).add(q('65/16')).add(q(2)).div(q(5));
    expect(evaluateCost(c, at).eq(byHand)).toBe(true);
  });

  it('lists symbols in network order and has degree 2(L+1)', () => {
    const free = costExpression(ds, 1, { bias: 'free' });
    expect(free.symbols).toEqual(parameterSymbols(2, 2, 1, 'free'));
    expect(free.symbols).toEqual(['w1r1c1', 'w1r1c2', 'w1r2c1', 'w1r2c2', 'b1r1', 'b1r2', 'w2r1c1', 'w2r1c2', 'w2r2c1', 'w2r2c2', 'b2r1', 'b2r2']);
    expect(free.polynomial.degree()).toBe(4);
    const tied = costExpression(ds, 1, { bias: 'tied' });
    expect(tied.symbols).not.toContain('b2r1');
    // tied: c = 0, so the hidden bias does not enter the region's cost
    expect(tied.polynomial.symbols()).not.toContain('b1r1');
    const deep = costExpression(ds, 2, { bias: 'tied', checkPoints: 2 });
    expect(deep.polynomial.degree()).toBe(6);
  });

  it('equals the true ReLU network inside the all-positive region', () => {
    const c = costExpression(ds, 1, { bias: 'free' });
    const W1 = Matrix.fromRows([['1/2', '1/3'], ['1/5', 2]]);
    const W2 = Matrix.fromRows([[-1, '3/4'], ['2/7', 1]]);
    const at = shallowPoint(W1, [q(10), q(10)], W2, [q('-1/3'), q(2)]);
    const relu = exactForwardCost(ds, layersFromAssignment(2, 2, 1, 'free', at), 'relu');
    expect(relu.allPositive).toBe(true);
    expect(evaluateCost(c, at).eq(relu.ms)).toBe(true);
  });

  it('detects a wrong exact cost (SymbolicMismatchError)', () => {
    const c = costExpression(ds, 1, { bias: 'tied' });
    const wrong = (at: Assignment): Rational =>
      exactForwardCost(ds, layersFromAssignment(2, 2, 1, 'free', { ...at, b2r1: Rational.ZERO, b2r2: Rational.ZERO }), 'identity').ms;
    expect(() => crossCheck(c.expr, c.symbols, wrong, 4)).toThrow(SymbolicMismatchError);
  });

  it('stationarity: the least-squares fits are exact stationary points with values Vnb², Vfull²', () => {
    const sq = shallowQuantities(ds);
    const I = Matrix.identity(2);
    // tied: W1 = I, any b1, W2 = A* (the tied fit), b2 = −W2 b1
    const tied = costExpression(ds, 1, { bias: 'tied' });
    const eqT = stationarityEquations(tied, ds, { checkPoints: 1 });
    expect(eqT).toHaveLength(tied.symbols.length);
    expect(eqT[0]!.equation).toMatch(/= 0$/);
    const atT = shallowPoint(I, [q(5), q(7)], sq.fitTied.A);
    for (const e of eqT) expect(evaluateExact(e.lhs, atT).isZero()).toBe(true);
    expect(evaluateCost(tied, atT).eq(sq.Vnb2)).toBe(true);
    // free: W2 = A*, b2 = c* from the affine fit [A c]
    const free = costExpression(ds, 1, { bias: 'free' });
    const Ac = sq.fitFull.A;
    const A = Ac.select([0, 1], [0, 1]);
    const cVec = Ac.column(2);
    const atF = shallowPoint(I, [Rational.ZERO, Rational.ZERO], A, cVec);
    const g = gradient(free.expr, free.symbols);
    for (const s of free.symbols) expect(evaluateExact(g[s]!, atF).isZero()).toBe(true);
    expect(evaluateCost(free, atF).eq(sq.Vfull2)).toBe(true);
    // and a non-stationary point has a nonzero gradient
    expect(free.symbols.some((s) => !evaluateExact(g[s]!, shallowPoint(I, [q(0), q(0)], I, [q(0), q(0)])).isZero())).toBe(true);
  });
});

describe('shallowStationarity (S3 normal equations)', () => {
  it('solves both readings and reproduces Vfull², Vnb²', () => {
    const sq = shallowQuantities(ds);
    const free = shallowStationarity(ds, 'free');
    const tied = shallowStationarity(ds, 'tied');
    expect(free.minimum.eq(sq.Vfull2)).toBe(true);
    expect(tied.minimum.eq(sq.Vnb2)).toBe(true);
    expect(free.symbols).toEqual(['a1_1', 'a1_2', 'a2_1', 'a2_2', 'c1', 'c2']);
    expect(free.rank).toBe(6);
    expect(tied.H.eq(tied.H.transpose())).toBe(true);
    expect(tied.equations).toHaveLength(4);
    expect(free.A.eq(sq.fitFull.A.select([0, 1], [0, 1]))).toBe(true);
  });

  it('handles a rank-deficient design (points on a line)', () => {
    const flat = dataSet(2, 2, [
      [[1, 0], [2, 0]],
      [[3, 0], [4, 0]],
    ]);
    const sq = shallowQuantities(flat);
    const free = shallowStationarity(flat, 'free');
    expect(free.rank).toBe(4);
    expect(free.minimum.eq(sq.Vfull2)).toBe(true);
    expect(free.minimum.toString()).toBe('1/10');
    expect(shallowStationarity(flat, 'tied').minimum.eq(sq.Vnb2)).toBe(true);
  });
});
