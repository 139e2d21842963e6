/**
 * S3: the δ-family algebra over ℤ[δ] (int-poly.ts) and the polynomial gcd by
 * primitive remainder sequences give exactly what the plain algorithms over ℚ[δ] give;
 * the exact rate is skipped, with the reason, above its size limits.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../src/exact/rational.ts';
import { Poly, RationalFunction } from '../src/symbolic/rational-function.ts';
import { polyAdjugate, polyCramer, polyDet, polyMatMul, polyPivotColumns, polyTranspose, type PolyMatrix } from '../src/symbolic/poly-matrix.ts';
import { borderedTrace, fromIntPoly, intPivotColumns, polyAdjugateInt, polyChainTrace, polyDetInt, toIntMatrix } from '../src/symbolic/int-poly.ts';
import { randomRational, seededRng } from '../src/symbolic/random.ts';
import { loadExample } from '../src/data/examples.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { classMoments } from '../src/data/moments.ts';
import { classStats } from '../src/data/stats.ts';
import { smallClusteredCsv } from '../bench/generate.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { MAX_DIMENSION_FOR_SYMBOLIC_RATE, MAX_POINTS_FOR_SYMBOLIC_RATE, checkS3, symbolicRate, symbolicRateSkipped } from '../src/claims/s3-affine-minimum.ts';

const rng = seededRng(21);
const rp = (deg: number): Poly => Poly.from(Array.from({ length: deg + 1 }, () => randomRational(rng)));
const rmat = (r: number, c: number, deg: number): Poly[][] => Array.from({ length: r }, () => Array.from({ length: c }, () => rp(deg)));

/** The monic gcd by Euclid over ℚ (the previous implementation): the reference. */
function euclid(a: Poly, b: Poly): Poly {
  let x = a.monic();
  let y = b.monic();
  while (!y.isZero()) {
    const r = x.divmod(y).r.monic();
    x = y;
    y = r;
  }
  return x;
}

describe('Poly.gcd (primitive remainder sequence, modular coprimality filter) = Euclid over ℚ', () => {
  it('random pairs, with and without a planted common factor', () => {
    for (let t = 0; t < 60; t++) {
      const f = t % 3 === 0 ? Poly.ONE : rp(1 + (t % 4));
      const a = rp(t % 5).mul(f);
      const b = rp((t * 7) % 6).mul(f);
      expect(a.gcd(b).eq(euclid(a, b))).toBe(true);
      expect(b.gcd(a).eq(euclid(b, a))).toBe(true);
    }
  });

  it('zero, constants, powers of δ and multiples', () => {
    const X = Poly.X;
    const cases: [Poly, Poly][] = [
      [Poly.ZERO, Poly.ZERO],
      [Poly.ZERO, Poly.of([2, 4])],
      [Poly.of([3]), Poly.of([0, 5])],
      [X.pow(5), X.pow(3).mul(Poly.of([1, 1]))],
      [Poly.of([-1, 0, 1]), Poly.of([2, 2])],
      [Poly.of(['1/3', '2/7']).pow(3), Poly.of(['1/3', '2/7']).pow(2).mul(Poly.of([5, 0, 1]))],
    ];
    for (const [a, b] of cases) expect(a.gcd(b).eq(euclid(a, b))).toBe(true);
  });

  it('reduced rational functions are unchanged', () => {
    const p = Poly.of([-1, 0, 1]);
    const f = RationalFunction.of(p, Poly.of([3, 3]));
    expect(f.num.toString()).toBe('-1/3 + (1/3)*delta');
    expect(f.den.toString()).toBe('1');
  });
});

describe('linear algebra over ℤ[δ] = over ℚ[δ]', () => {
  it('determinant, adjugate, pivot columns, chain trace', () => {
    for (let t = 0; t < 6; t++) {
      const n = 2 + (t % 3);
      const A = rmat(n, n, 2);
      expect(polyDetInt(A).eq(polyDet(A))).toBe(true);
      const adj = polyAdjugateInt(A);
      const ref = polyAdjugate(A);
      adj.forEach((row, i) => row.forEach((p, j) => expect(p.eq(ref[i]![j]!)).toBe(true)));
      const B = rmat(n, n + 1, 1);
      expect(polyChainTrace([A, B, polyTranspose(B)]).eq(polyMatMul(polyMatMul(A, B), polyTranspose(B)).reduce((s, row, i) => s.add(row[i]!), Poly.ZERO))).toBe(true);
    }
    // A generically singular matrix: the second column is δ × the first.
    const X = Poly.X;
    const sing: PolyMatrix = [[Poly.ONE, X, Poly.ONE], [X, X.pow(2), Poly.ZERO], [Poly.of([2]), Poly.of([0, 2]), X]];
    expect(intPivotColumns(toIntMatrix(sing).m)).toEqual(polyPivotColumns(sing));
  });

  it('bordered elimination: det G and tr(B adj(G) Bᵀ) as by Cramer', () => {
    for (let t = 0; t < 6; t++) {
      const p = 2 + (t % 3);
      const Z = rmat(p + 2, p, 1);
      const G = polyMatMul(polyTranspose(Z), Z); // a Gram matrix: leading minors ≢ 0
      const B = rmat(2, p, 1);
      const { m: Gi, scale: c } = toIntMatrix([...G, ...B]);
      const fast = borderedTrace(Gi.slice(0, p), Gi.slice(p))!;
      const { num, det } = polyCramer(G, polyTranspose(B));
      let tr = Poly.ZERO;
      B.forEach((row, i) => row.forEach((v, k) => (tr = tr.add(v.mul(num[k]![i]!)))));
      // With G′ = cG, B′ = cB: t′/det′ = c · tr/det.
      expect(RationalFunction.of(fromIntPoly(fast.trace), fromIntPoly(fast.det).scale(Rational.int(c))).eq(RationalFunction.of(tr, det))).toBe(true);
    }
    // A vanishing leading minor (G = [[0, 1], [1, 0]]): no answer, the caller uses Cramer.
    const G = toIntMatrix([[Poly.ZERO, Poly.ONE], [Poly.ONE, Poly.ZERO]]).m;
    expect(borderedTrace(G, [[[1n], [2n]]])).toBeUndefined();
  });
});

describe('S3 exact rate: computed within its limits, skipped with the reason beyond', () => {
  it('the family moments and δ_P² agree with the data at δ = 1', () => {
    const ds = loadExample('clusters-q3');
    const sq = shallowQuantities(ds, classMoments(ds));
    const a = symbolicRate(ds, sq)!;
    const one = Rational.ONE;
    expect(a.Vfull2.value.evaluate(one).eq(sq.Vfull2)).toBe(true);
    expect(a.Vnb2.value.evaluate(one).eq(sq.Vnb2)).toBe(true);
    expect(a.U2!.value.evaluate(one).eq(sq.U2!)).toBe(true);
    // Centred family, δ_P² = δ²·max|PΔx|²: its leading coefficient is the data's δ_P².
    expect(a.deltaP2).toEqual({ coefficient: classStats(ds).deltaP2, exponent: 2 });
  });

  it('reasons', () => {
    const Xpinv = {} as never;
    expect(symbolicRateSkipped({ N: 100, M: 3 }, { Xpinv })).toBeUndefined();
    expect(symbolicRateSkipped({ N: 100, M: 3 }, { Xpinv: undefined })).toMatch(/rank X̄ < Q/);
    expect(symbolicRateSkipped({ N: 100, M: MAX_DIMENSION_FOR_SYMBOLIC_RATE + 1 }, { Xpinv })).toMatch(new RegExp(`M = ${MAX_DIMENSION_FOR_SYMBOLIC_RATE + 1} > ${MAX_DIMENSION_FOR_SYMBOLIC_RATE}`));
    expect(symbolicRateSkipped({ N: MAX_POINTS_FOR_SYMBOLIC_RATE + 1, M: 3 }, { Xpinv })).toMatch(new RegExp(`N = ${MAX_POINTS_FOR_SYMBOLIC_RATE + 1} > ${MAX_POINTS_FOR_SYMBOLIC_RATE}`));
  });

  it('a skipped rate: rateStatus gives the reason, the float estimate stays (labelled float)', () => {
    const M = MAX_DIMENSION_FOR_SYMBOLIC_RATE + 1;
    const ds = parseDataCsv(smallClusteredCsv(2, M, 12, 3), 'wide.csv');
    const moments = classMoments(ds);
    const sq = shallowQuantities(ds, moments);
    expect(symbolicRate(ds, sq)).toBeUndefined();
    for (const c of checkS3(ds, sq, moments, classStats(ds).deltaP2)) {
      const d = c.details as Record<string, unknown>;
      expect(d.rateExponent).toBeNull();
      expect(String(d.rateStatus)).toMatch(new RegExp(`^skipped \\(input dimension M = ${M} > ${MAX_DIMENSION_FOR_SYMBOLIC_RATE}`));
      expect(typeof d.rateExponentEstimate).toBe('number');
      expect(String(d.note)).toMatch(/rateExponentEstimate is a float/);
    }
  });

  it('the exact rate on lazily loaded data does not materialize the points', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 100, 9), 'gen.csv');
    const lazy = (c: object) => Object.getOwnPropertyDescriptor(c, 'points')?.get !== undefined;
    const sq = shallowQuantities(ds, classMoments(ds));
    expect(symbolicRate(ds, sq)?.checkedAt.length).toBeGreaterThanOrEqual(4);
    expect(ds.classes.every(lazy)).toBe(true);
  });
});
