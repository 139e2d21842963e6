import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { SymbolicMismatchError } from '../src/symbolic/errors.ts';
import { analyzeDeltaFamily, materializeFamily, type DeltaFamilyInput } from '../src/symbolic/delta-family.ts';
import { crossCheck } from '../src/symbolic/polynomial.ts';
import { polyDet, polyPivotColumns } from '../src/symbolic/poly-matrix.ts';
import { randomRational, seededRng } from '../src/symbolic/random.ts';
import { Poly, RationalFunction, exactSqrt } from '../src/symbolic/rational-function.ts';

const v = (a: (string | number)[]): Rational[] => a.map((x) => q(x));
const X = Poly.X;
const one = Poly.ONE;

describe('Poly and RationalFunction', () => {
  it('divides, reduces by the gcd and normalises', () => {
    const p = Poly.of([-1, 0, 1]); // δ² − 1
    const { q: quo, r } = p.divmod(Poly.of([-1, 1]));
    expect(quo.toString()).toBe('1 + delta');
    expect(r.isZero()).toBe(true);
    expect(p.gcd(Poly.of([2, 2])).toString()).toBe('1 + delta');
    const f = RationalFunction.of(p, Poly.of([3, 3])); // (δ² − 1)/(3δ + 3) = (δ − 1)/3
    expect(f.den.toString()).toBe('1');
    expect(f.num.toString()).toBe('-1/3 + (1/3)*delta');
    expect(f.evaluate(q(4)).toString()).toBe('1');
    expect(RationalFunction.of(X.pow(3).add(X.pow(4)), Poly.of([0, 2]).add(X.pow(2))).leading()).toEqual({ coefficient: q('1/2'), exponent: 2 });
    expect(RationalFunction.of(one, X).limitAtZero()).toBeUndefined();
    expect(RationalFunction.ZERO.order()).toBe(Infinity);
  });

  it('exact square roots of rationals', () => {
    expect(exactSqrt(q('9/4'))?.toString()).toBe('3/2');
    expect(exactSqrt(q('1/2'))).toBeUndefined();
    expect(exactSqrt(q(10n ** 40n))?.toString()).toBe((10n ** 20n).toString());
  });

  it('Bareiss determinant over Q[δ] agrees with the exact Matrix at sample δ', () => {
    const rng = seededRng(5);
    const m = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => Poly.from([randomRational(rng), randomRational(rng), randomRational(rng)])));
    const d = polyDet(m);
    for (const t of [q('1/3'), q(-2), q('7/5')]) expect(d.evaluate(t).eq(Matrix.fromRows(m.map((r) => r.map((p) => p.evaluate(t)))).det())).toBe(true);
    // a generically singular matrix: second column = δ × first
    const sing = [[one, X], [X, X.pow(2)]];
    expect(polyDet(sing).isZero()).toBe(true);
    expect(polyPivotColumns(sing)).toEqual([0]);
  });
});

/**
 * Hand-computed family (Q = M = 2, means e₁, e₂, targets e_j, symmetric noise
 * ±δ e₂ on class 1 and ±δ e₁ on class 2): X̄ = I, P = I, so
 * U² = (1/4)·4δ² = δ². Tied: G = 2(1 + δ²)I, B = 2I, S = 4, so
 * Vnb² = (4 − 2·tr((1+δ²)⁻¹I))/4 = δ²/(1 + δ²). Free: per output, the centred
 * covariance is [[1+2δ², −1], [−1, 1+2δ²]], the cross term (1, −1) an
 * eigenvector with eigenvalue 2 + 2δ², residual 1 − 1/(1+δ²); both outputs,
 * over N = 4: Vfull² = δ²/(2(1 + δ²)).
 * Hence 1 − Vnb²/U² = δ²/(1+δ²): order 2, 1 − Vnb/U ~ δ²/2 (O(δ_P²), δ_P = δ);
 * Vfull²/U² → 1/2: 1 − Vfull/U → 1 − 1/√2 (order 0, not O(δ_P²)).
 */
const hand: DeltaFamilyInput = {
  name: 'hand',
  means: [v([1, 0]), v([0, 1])],
  offsets: [
    [v([0, 1]), v([0, -1])],
    [v([1, 0]), v([-1, 0])],
  ],
};

describe('analyzeDeltaFamily', () => {
  it('reproduces the hand-computed family', () => {
    const a = analyzeDeltaFamily(hand);
    expect(a.centred).toBe(true);
    expect(a.U2!.value.eq(RationalFunction.of(X.pow(2)))).toBe(true);
    expect(a.Vnb2.value.eq(RationalFunction.of(X.pow(2), one.add(X.pow(2))))).toBe(true);
    expect(a.Vfull2.value.eq(RationalFunction.of(X.pow(2), Poly.of([2, 0, 2])))).toBe(true);
    expect(a.Vfull2.numerator.toString()).toBe('(1/2)*delta^2');
    expect(a.Vfull2.denominator.toString()).toBe('1 + delta^2');
    expect(a.Vfull2.leading).toEqual({ coefficient: q('1/2'), exponent: 2 });
    expect(a.delta2).toEqual({ coefficient: q(1), exponent: 2 });
    expect(a.deltaP2).toEqual({ coefficient: q(1), exponent: 2 });
    const t = a.relativeError.tied;
    expect(t.status).toBe('ok');
    expect(t.exponent).toBe(2);
    expect(t.coefficient!.toString()).toBe('1');
    expect(t.limitRatio!.toString()).toBe('1');
    expect(t.relativeErrorCoefficient!.toString()).toBe('1/2');
    expect(t.exponentInDeltaP).toBe(2);
    expect(t.isODeltaP2).toBe(true);
    const f = a.relativeError.free;
    expect(f.exponent).toBe(0);
    expect(f.limitRatio!.toString()).toBe('1/2');
    expect(f.relativeErrorCoefficientApprox).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(f.isODeltaP2).toBe(false);
    expect(a.U2!.latex).toBe('\\delta^{2}');
  });

  it('noise inside the affine hull of the means: both readings O(δ_P²)', () => {
    const a = analyzeDeltaFamily({
      means: [v([1, 0]), v([0, 1])],
      offsets: [
        [v([1, -1]), v([-1, 1])],
        [v([1, -1]), v([-1, 1])],
      ],
    });
    expect(a.U2!.value.toString()).toBe('2*delta^2');
    expect(a.Vfull2.value.eq(a.Vnb2.value)).toBe(true);
    expect(a.relativeError.free.exponent).toBe(2);
    expect(a.relativeError.tied.exponent).toBe(2);
  });

  it('noise orthogonal to span{x̄_j} (M = 3, Q = 2): U² ≡ 0, no ratio', () => {
    const a = analyzeDeltaFamily({
      means: [v([1, 0, 0]), v([0, 1, 0])],
      offsets: [
        [v([0, 0, 1]), v([0, 0, -1])],
        [v([0, 0, 2]), v([0, 0, -2])],
      ],
    });
    expect(a.U2!.value.isZero()).toBe(true);
    expect(a.deltaP2).toBeNull();
    expect(a.delta2).toEqual({ coefficient: q(4), exponent: 2 });
    expect(a.relativeError.tied.status).toBe('U2-identically-zero');
    expect(a.relativeError.free.exponent).toBeNull();
  });

  it('means of rank < Q: U² not applicable (an uncentred class moves its mean off the line)', () => {
    const a = analyzeDeltaFamily({ means: [v([1, 1]), v([2, 2])], offsets: [[v([1, 0]), v([-1, 0])], [v([0, 1]), v([0, -1])]] });
    expect(a.meansFullRank).toBe(false);
    const moved = analyzeDeltaFamily({ means: [v([1, 1]), v([2, 2])], offsets: [[v([1, 0]), v([-1, 0])], [v([0, 1])]] });
    expect(moved.meansFullRank).toBe(true); // class 2's mean is (2, 2 + δ): rank 2 for δ ≠ 0
    expect(a.U2).toBeNull();
    expect(a.relativeError.free.status).toBe('not-applicable');
  });

  it('a generic random family (Q = M = 3, uncentred): tied order 2, free order 0, checked at 6 δ', () => {
    const rng = seededRng(2024);
    const R = (): Rational => randomRational(rng, 5, 4);
    const pt = (): Rational[] => [R(), R(), R()];
    const fam: DeltaFamilyInput = {
      name: 'random',
      means: [pt(), pt(), pt()],
      offsets: [[pt(), pt()], [pt(), pt()], [pt(), pt(), pt()]],
    };
    const a = analyzeDeltaFamily(fam, { checkPoints: 6, seed: 3 });
    expect(a.checkedAt).toHaveLength(6);
    expect(a.centred).toBe(false);
    expect(a.U2!.leading!.exponent).toBe(2);
    expect(a.Vnb2.leading!.coefficient.eq(a.U2!.leading!.coefficient)).toBe(true);
    expect(a.relativeError.tied.exponent).toBe(2);
    expect(a.relativeError.tied.limitRatio!.toString()).toBe('1');
    expect(a.relativeError.tied.isODeltaP2).toBe(true);
    expect(a.relativeError.free.exponent).toBe(0);
    expect(a.deltaP2!.exponent).toBe(2);
    // one more independent spot check at a δ of our own
    const d = q('3/17');
    const sq = shallowQuantities(materializeFamily(fam, d));
    expect(a.U2!.value.evaluate(d).eq(sq.U2!)).toBe(true);
    expect(a.Vfull2.value.evaluate(d).eq(sq.Vfull2)).toBe(true);
    expect(a.Vnb2.value.evaluate(d).eq(sq.Vnb2)).toBe(true);
  });

  it('a wrong exact function is caught (SymbolicMismatchError)', () => {
    const a = analyzeDeltaFamily(hand);
    // claim U² = δ²/(1 + δ²) instead of δ²
    const wrong = (at: { delta?: Rational }): Rational => at.delta!.square().div(Rational.ONE.add(at.delta!.square()));
    expect(() => crossCheck(a.U2!.expr, ['delta'], wrong, 4)).toThrow(SymbolicMismatchError);
    expect(() => crossCheck(a.U2!.expr, ['delta'], (at) => at.delta!.square(), 4)).not.toThrow();
  });

  it('materialises the family as a DataSet', () => {
    const ds = materializeFamily(hand, q('1/10'));
    expect(ds.N).toBe(4);
    expect(ds.classes[1]!.points[1]!.map(String)).toEqual(['-1/10', '1']);
    expect(ds.source).toEqual({ kind: 'example', name: 'hand at delta=1/10', sha256: '' });
  });
});
