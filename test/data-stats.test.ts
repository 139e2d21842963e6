import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { dataSetContent } from '../src/data/build.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { loadExample } from '../src/data/examples.ts';
import { classStats, deviation, type ClassStats } from '../src/data/stats.ts';

const r = (s: string | number) => Rational.parse(s);
const pts = (rows: (string | number)[][]) => rows.map((p) => p.map(r));
function data(classes: (string | number)[][][], targets?: (string | number)[][]): DataSet {
  const content = dataSetContent(
    't',
    classes.map((p, j) => ({ label: String(j), points: pts(p) })),
    targets && pts(targets),
  );
  return { ...content, source: { kind: 'example', name: 't', sha256: '' } };
}
const M = (rows: (string | number)[][]) => Matrix.fromRows(rows);

/** The definitions of SPEC §1, computed the slow obvious way. */
function naive(ds: DataSet, s: ClassStats): { delta2: Rational; deltaP2: Rational | undefined } {
  let delta2 = Rational.ZERO;
  let deltaP2 = Rational.ZERO;
  ds.classes.forEach((c, j) =>
    c.points.forEach((x) => {
      const d = deviation(s, j, x);
      delta2 = delta2.max(vec.norm2(d));
      if (s.P) deltaP2 = deltaP2.max(vec.norm2(s.P.mulVec(d)));
    }),
  );
  return { delta2, deltaP2: s.P ? deltaP2 : undefined };
}

describe('classStats on hand-worked data', () => {
  it('M = Q = 2, diagonal means: P = I, δ_P = δ', () => {
    // a: (1,0),(3,0) → x̄ = (2,0), Δ = (∓1,0); b: (0,1),(0,2),(0,6) → x̄ = (0,3), Δ = (0,-2),(0,-1),(0,3).
    const s = classStats(data([[[1, 0], [3, 0]], [[0, 1], [0, 2], [0, 6]]]));
    expect(s.sizes).toEqual([2, 3]);
    expect(s.means.map((m) => m.map(String))).toEqual([['2', '0'], ['0', '3']]);
    expect(s.Xbar.eq(M([[2, 0], [0, 3]]))).toBe(true);
    expect(s.rankXbar).toBe(2);
    expect(s.Xpinv!.eq(M([['1/2', 0], [0, '1/3']]))).toBe(true);
    expect(s.P!.eq(Matrix.identity(2))).toBe(true);
    expect(s.delta2.toString()).toBe('9');
    expect(s.deltaP2!.toString()).toBe('9');
    expect(s.Y.eq(Matrix.identity(2))).toBe(true);
  });

  it('M = 3, Q = 2: P = I − nnᵀ/3 with n = (1,−1,1), δ_P < δ', () => {
    // x̄_a = (1,1,0), x̄_b = (0,1,1); X̄ᵀX̄ = [[2,1],[1,2]], X̄⁺ = [[2,1,−1],[−1,1,2]]/3.
    // a: Δ = ±(1/2,0,0): |Δ|² = 1/4, |PΔ|² = 1/4 − (1/2)²/3 = 1/6.
    // b: (0,3,1),(0,0,2),(0,0,0): Δ = (0,2,0),(0,−1,1),(0,−1,−1): |Δ|² = 4,2,2; n·Δ = −2,2,0;
    //    |PΔ|² = 4 − 4/3 = 8/3, 2 − 4/3 = 2/3, 2.
    const s = classStats(data([[['3/2', 1, 0], ['1/2', 1, 0]], [[0, 3, 1], [0, 0, 2], [0, 0, 0]]]));
    expect(s.means.map((m) => m.map(String))).toEqual([['1', '1', '0'], ['0', '1', '1']]);
    expect(s.Xpinv!.eq(M([['2/3', '1/3', '-1/3'], ['-1/3', '1/3', '2/3']]))).toBe(true);
    expect(s.P!.eq(M([['2/3', '1/3', '-1/3'], ['1/3', '2/3', '1/3'], ['-1/3', '1/3', '2/3']]))).toBe(true);
    expect(s.delta2.toString()).toBe('4');
    expect(s.deltaP2!.toString()).toBe('8/3');
  });

  it('fractional data with unequal class sizes and custom targets', () => {
    // a: (1/3, 0), (2/3, 1/2) → x̄ = (1/2, 1/4), Δ = ±(1/6, 1/4), |Δ|² = 1/36 + 1/16 = 13/144.
    // b: (0, 1), (0, 2), (1/5, 3) → x̄ = (1/15, 2), Δ = (−1/15, −1), (−1/15, 0), (2/15, 1):
    //    |Δ|² = 226/225, 1/225, 229/225. M = Q = 2 with independent means, so P = I.
    const s = classStats(data([[['1/3', 0], ['2/3', '1/2']], [[0, 1], [0, 2], ['1/5', 3]]], [['1/2', 0], [1, 2]]));
    expect(s.means.map((m) => m.map(String))).toEqual([['1/2', '1/4'], ['1/15', '2']]);
    expect(s.delta2.toString()).toBe('229/225');
    expect(s.deltaP2!.toString()).toBe('229/225');
    expect(s.Y.eq(M([['1/2', 1], [0, 2]]))).toBe(true);
    expect(deviation(s, 1, pts([['1/5', 3]])[0]!).map(String)).toEqual(['2/15', '1']);
  });

  it('rank X̄ < Q: δ² still computed, projector quantities undefined', () => {
    // Means (1,1) and (2,2) are collinear.
    const s = classStats(data([[[1, 1]], [[1, 2], [3, 2]]]));
    expect(s.rankXbar).toBe(1);
    expect(s.Xpinv).toBeUndefined();
    expect(s.P).toBeUndefined();
    expect(s.deltaP2).toBeUndefined();
    expect(s.delta2.toString()).toBe('1');
  });

  it('M < Q: rank < Q', () => {
    const s = classStats(data([[[1]], [[2]], [[3]]]));
    expect(s.rankXbar).toBe(1);
    expect(s.deltaP2).toBeUndefined();
    expect(s.delta2.isZero()).toBe(true);
  });

  it('deviation checks its arguments', () => {
    const s = classStats(data([[[1, 0]], [[0, 1]]]));
    expect(() => deviation(s, 2, [r(1), r(1)])).toThrow(RangeError);
    expect(() => deviation(s, 0, [r(1)])).toThrow(RangeError);
  });

  it('iris and clusters-q3-m5: fast δ², δ_P² equal the definitions', () => {
    for (const name of ['iris', 'clusters-q3-m5']) {
      const ds = loadExample(name);
      const s = classStats(ds);
      const n = naive(ds, s);
      expect(s.delta2.eq(n.delta2), name).toBe(true);
      expect(s.deltaP2!.eq(n.deltaP2!), name).toBe(true);
    }
  });
});

describe('classStats laws (property)', () => {
  const rat = fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 1, max: 6 })).map(([n, d]) => Rational.of(n, d));
  const arbData = fc
    .integer({ min: 1, max: 4 })
    .chain((Mdim) =>
      fc.tuple(
        fc.constant(Mdim),
        fc.array(fc.array(fc.array(rat, { minLength: Mdim, maxLength: Mdim }), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: Math.min(Mdim + 1, 4) }),
      ),
    )
    .map(([, classes]) => {
      const content = dataSetContent('p', classes.map((points, j) => ({ label: String(j), points })));
      return { ...content, source: { kind: 'example' as const, name: 'p', sha256: '' } };
    });

  it('P is a symmetric idempotent, X̄⁺X̄ = I, P X̄ = X̄; δ², δ_P² match the definitions; δ_P ≤ δ', () => {
    let fullRank = 0;
    fc.assert(
      fc.property(arbData, (ds) => {
        const s = classStats(ds);
        const n = naive(ds, s);
        expect(s.delta2.eq(n.delta2)).toBe(true);
        expect(s.rankXbar).toBe(s.Xbar.rank());
        if (s.rankXbar < ds.Q) {
          expect(s.P).toBeUndefined();
          return;
        }
        fullRank++;
        const P = s.P!;
        expect(P.mul(P).eq(P)).toBe(true);
        expect(P.transpose().eq(P)).toBe(true);
        expect(s.Xpinv!.mul(s.Xbar).eq(Matrix.identity(ds.Q))).toBe(true);
        expect(P.mul(s.Xbar).eq(s.Xbar)).toBe(true);
        expect(s.deltaP2!.eq(n.deltaP2!)).toBe(true);
        expect(s.deltaP2!.le(s.delta2)).toBe(true);
        // Deviations in each class sum to zero.
        ds.classes.forEach((c, j) => {
          const total = c.points.reduce((acc, x) => vec.add(acc, deviation(s, j, x)), vec.zeros(ds.M));
          expect(total.every((v) => v.isZero())).toBe(true);
        });
      }),
      { seed: 271828, numRuns: 200 },
    );
    expect(fullRank).toBeGreaterThan(50); // the generator must exercise the full-rank branch
  });
});
