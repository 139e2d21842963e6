/**
 * SPEC §7, the canonical exact quantities δ², δ_P², U², Vfull², Vnb², recomputed
 * here by an independent, deliberately naive implementation (per-point sums,
 * our own Gauss–Jordan elimination for the normal equations, explicit X̄⁺ and
 * P) and compared for exact string equality with what `verify` reports.
 * Only src/exact is used for the arithmetic; nothing from src/data/stats.ts,
 * src/data/moments.ts or src/claims/shallow-quantities.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { dataSetContent, sha256Hex } from '../src/data/build.ts';
import { exampleNames, loadExample } from '../src/data/examples.ts';
import { serializeDataSet } from '../src/data/write.ts';
import { verify } from '../src/claims/verify.ts';
import { DIXON_THRESHOLD } from '../src/exact/matrix.ts';
import { classMoments } from '../src/data/moments.ts';
import { classStats } from '../src/data/stats.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { pixelData } from '../bench/pixel-data.ts';
import { rref } from './oracles/naive-elimination.ts';
import { makeData } from './support/data.ts';

type V = Rational[];
const Z = Rational.ZERO;
const r = (s: string | number) => Rational.parse(s);


// ---- naive linear algebra on plain arrays of rationals ----------------------

const sub = (a: V, b: V): V => a.map((v, i) => v.sub(b[i]!));
const dot = (a: V, b: V): Rational => a.reduce((s, v, i) => s.add(v.mul(b[i]!)), Z);
const norm2 = (a: V): Rational => dot(a, a);
const matVec = (A: V[], x: V): V => A.map((row) => dot(row, x));
const transpose = (A: V[]): V[] => A[0]!.map((_, j) => A.map((row) => row[j]!));
const matMul = (A: V[], B: V[]): V[] => A.map((row) => transpose(B).map((col) => dot(row, col)));


const rank = (A: V[]): number => rref(A, []).pivots.length;

/** Inverse of a square invertible matrix, by Gauss–Jordan on [A | I]. */
function inverse(A: V[]): V[] {
  const n = A.length;
  const I = A.map((_, i) => A.map((__, j) => (i === j ? Rational.ONE : Z)));
  const { pivots, rows } = rref(A, I);
  if (pivots.length !== n) throw new Error('singular');
  return rows.map((row) => row.slice(n));
}

/**
 * min over C (q×d) of Σ_i |C z_i − y_i|², by the normal equations (Σ z zᵀ) Cᵀ = Σ z yᵀ,
 * solved with free variables set to 0 (the system is always consistent). The
 * residual is then summed point by point.
 */
function leastSquares(zs: V[], ys: V[]): Rational {
  const d = zs[0]!.length;
  const q = ys[0]!.length;
  const G: V[] = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => zs.reduce((s, z) => s.add(z[a]!.mul(z[b]!)), Z)));
  const B: V[] = Array.from({ length: d }, (_, a) => Array.from({ length: q }, (_, k) => zs.reduce((s, z, i) => s.add(z[a]!.mul(ys[i]![k]!)), Z)));
  const { pivots, rows } = rref(G, B);
  const Ct: V[] = Array.from({ length: d }, () => new Array<Rational>(q).fill(Z));
  pivots.forEach((col, i) => (Ct[col] = rows[i]!.slice(d)));
  // Consistency (rows beyond the pivots reduce to 0 = 0) and the normal equations themselves.
  for (let i = pivots.length; i < rows.length; i++) if (rows[i]!.some((v) => !v.isZero())) throw new Error('inconsistent normal equations');
  expect(matMul(G, Ct).every((row, a) => row.every((v, k) => v.eq(B[a]![k]!)))).toBe(true);
  const C = transpose(Ct);
  return zs.reduce((s, z, i) => s.add(norm2(sub(matVec(C, z), ys[i]!))), Z);
}

/** SPEC §1 and §7, literally. */
function naiveQuantities(ds: DataSet): Record<'delta2' | 'deltaP2' | 'U2' | 'Vfull2' | 'Vnb2', string | undefined> {
  const N = Rational.int(ds.N);
  const means = ds.classes.map((c) => c.points[0]!.map((_, k) => c.points.reduce((s, p) => s.add(p[k]!), Z).div(Rational.int(c.points.length))));
  const devs = ds.classes.map((c, j) => c.points.map((p) => sub([...p], means[j]!)));
  const allDevs = devs.flat();
  const delta2 = allDevs.reduce((m, d) => m.max(norm2(d)), Z);
  const Xbar: V[] = Array.from({ length: ds.M }, (_, i) => means.map((m) => m[i]!)); // M×Q
  let deltaP2: Rational | undefined;
  let U2: Rational | undefined;
  if (rank(Xbar) === ds.Q) {
    const Xt = transpose(Xbar);
    const Xpinv = matMul(inverse(matMul(Xt, Xbar)), Xt); // Q×M
    const P = matMul(Xbar, Xpinv); // M×M
    const Y: V[] = Array.from({ length: ds.Q }, (_, i) => ds.targets.map((t) => t[i]!)); // columns y_j
    const YXP = matMul(matMul(Y, Xpinv), P);
    deltaP2 = allDevs.reduce((m, d) => m.max(norm2(matVec(P, d))), Z);
    U2 = allDevs.reduce((s, d) => s.add(norm2(matVec(YXP, d))), Z).div(N);
  }
  const xs = ds.classes.flatMap((c) => c.points.map((p) => [...p]));
  const ys = ds.classes.flatMap((c, j) => c.points.map(() => [...ds.targets[j]!]));
  const Vfull2 = leastSquares(xs.map((x) => [...x, Rational.ONE]), ys).div(N);
  const Vnb2 = leastSquares(xs, ys).div(N);
  return { delta2: delta2.toString(), deltaP2: deltaP2?.toString(), U2: U2?.toString(), Vfull2: Vfull2.toString(), Vnb2: Vnb2.toString() };
}

function engineQuantities(ds: DataSet): Record<'delta2' | 'deltaP2' | 'U2' | 'Vfull2' | 'Vnb2', string | undefined> {
  // The quantities do not depend on D2; skipping it keeps the run short.
  const q = verify(ds, { skipD2: true }).quantities;
  return { delta2: q.delta2.toString(), deltaP2: q.deltaP2?.toString(), U2: q.U2?.toString(), Vfull2: q.Vfull2.toString(), Vnb2: q.Vnb2.toString() };
}

describe('SPEC §7 quantities: a hand-worked case', () => {
  it('M = Q = 2, X̄ = 2I: every quantity by hand', () => {
    // Class 1: (1,0), (3,0) → x̄₁ = (2,0), Δ = (∓1, 0).
    // Class 2: (0,1), (0,3) → x̄₂ = (0,2), Δ = (0, ∓1).      N = 4, y_j = e_j.
    // δ² = max |Δ|² = 1.  X̄ = 2I, so X̄⁺ = I/2 and P = I: δ_P² = δ² = 1.
    // U² = (1/4) Σ |X̄⁺ P Δ|² = (1/4) · 4 · (1/2)² = 1/4.
    // Vfull², output 1 (targets 1,1,0,0), fit a·x₁ + b·x₂ + c, z = (x₁, x₂, 1):
    //   Σzzᵀ = [[10,0,4],[0,10,4],[4,4,4]], Σz·t = (4, 0, 2):
    //   10a + 4c = 4, 10b + 4c = 0, 4a + 4b + 4c = 2 ⇒ c = 1/2, a = 1/5, b = −1/5.
    //   fitted 7/10, 11/10, 3/10, −1/10: residuals² 9/100 + 1/100 + 9/100 + 1/100 = 1/5.
    //   Output 2 has targets 1 − t and the constant is fitted, so its residual is also 1/5.
    //   Vfull² = (1/5 + 1/5)/4 = 1/10.
    // Vnb², output 1 without c: [[10,0],[0,10]]·(a,b) = (4,0) ⇒ a = 2/5, b = 0:
    //   fitted 2/5, 6/5, 0, 0: residuals² 9/25 + 1/25 + 0 + 0 = 2/5; output 2 likewise
    //   (b = 2/5, a = 0): 2/5. Vnb² = (2/5 + 2/5)/4 = 1/5.
    // Sanity: Vfull² ≤ Vnb² ≤ U² (the S1 map is one of the tied affine maps).
    const ds = makeData('hand', [
      [[1, 0], [3, 0]],
      [[0, 1], [0, 3]],
    ]);
    const expected = { delta2: '1', deltaP2: '1', U2: '1/4', Vfull2: '1/10', Vnb2: '1/5' };
    expect(naiveQuantities(ds)).toEqual(expected);
    expect(engineQuantities(ds)).toEqual(expected);
  });

  it('M = 3, Q = 2, a non-trivial projector and non-default targets, by hand', () => {
    // Class 1: (1,0,1), (1,0,−1) → x̄₁ = (1,0,0), Δ = (0,0,±1).
    // Class 2: (0,1,1), (0,3,1) → x̄₂ = (0,2,1), Δ = (0,∓1,0).
    // Targets y₁ = (2, 0), y₂ = (0, 1) (columns of Y = diag(2, 1)).
    // δ² = 1.  X̄ = [[1,0],[0,2],[0,1]], X̄ᵀX̄ = diag(1, 5), X̄⁺ = [[1,0,0],[0,2/5,1/5]].
    // P = X̄X̄⁺ = [[1,0,0],[0,4/5,2/5],[0,2/5,1/5]].
    // PΔ for Δ = (0,0,±1): ±(0, 2/5, 1/5), |.|² = 1/5; for Δ = (0,∓1,0): ∓(0, 4/5, 2/5), |.|² = 4/5.
    // δ_P² = 4/5.
    // YX̄⁺PΔ = YX̄⁺Δ: Δ = (0,0,±1) → diag(2,1)·(0, ±1/5) = (0, ±1/5), |.|² = 1/25;
    //                Δ = (0,∓1,0) → (0, ∓2/5), |.|² = 4/25.
    // U² = (2·1/25 + 2·4/25)/4 = (10/25)/4 = 1/10.
    // Vfull²: an affine map can send (1,0,±1) ↦ (2,0) and (0,1,1), (0,3,1) ↦ (0,1) exactly
    //   (e.g. output 1 = 2x₁, output 2 = 1 − x₁), so Vfull² = 0.
    // Vnb², linear maps only. Output 1 (targets 2,2,0,0): 2x₁ fits exactly, residual 0.
    //   Output 2 (targets 0,0,1,1), a·x₁ + b·x₂ + c·x₃ with x = (1,0,1),(1,0,−1),(0,1,1),(0,3,1):
    //   Σxxᵀ = [[2,0,0],[0,10,4],[0,4,4]], Σx·t = (0, 4, 2) ⇒ a = 0, 10b + 4c = 4, 4b + 4c = 2
    //   ⇒ b = 1/3, c = 1/6. Fitted: 1/6, −1/6, 1/2, 7/6 vs 0, 0, 1, 1:
    //   residuals² 1/36 + 1/36 + 9/36 + 1/36 = 12/36 = 1/3. Vnb² = (1/3)/4 = 1/12.
    const ds = makeData(
      'hand-m3',
      [
        [[1, 0, 1], [1, 0, -1]],
        [[0, 1, 1], [0, 3, 1]],
      ],
      [[2, 0], [0, 1]],
    );
    const expected = { delta2: '1', deltaP2: '4/5', U2: '1/10', Vfull2: '0', Vnb2: '1/12' };
    expect(naiveQuantities(ds)).toEqual(expected);
    expect(engineQuantities(ds)).toEqual(expected);
  });
});

describe('SPEC §7 quantities: naive implementation = verify, exactly', () => {
  for (const name of exampleNames())
    it(`built-in example ${name}`, () => {
      const ds = loadExample(name);
      const naive = naiveQuantities(ds);
      expect(engineQuantities(ds)).toEqual(naive);
      // Reduced fraction strings: "p/q" with q > 1 and gcd 1, or an integer.
      for (const s of Object.values(naive)) {
        if (s === undefined) continue;
        expect(s).toMatch(/^-?\d+(\/\d+)?$/);
        expect(Rational.parse(s).toString()).toBe(s);
      }
    });

  it('pixel-shaped data at the Dixon threshold (M = 64: constant, zero and duplicated pixels)', { timeout: 600_000 }, () => {
    // Normal equations of size 65 and 64 with singular Gram matrices (N < M as well): the
    // Dixon / certified path. The naive oracle's Rational Gauss–Jordan is the slow part.
    const ds = pixelData({ Q: 2, M: DIXON_THRESHOLD, N: 40, seed: 4 });
    const naive = naiveQuantities(ds);
    const moments = classMoments(ds);
    const stats = classStats(ds);
    const sq = shallowQuantities(ds, moments);
    expect({
      delta2: stats.delta2.toString(),
      deltaP2: stats.deltaP2?.toString(),
      U2: sq.U2?.toString(),
      Vfull2: sq.Vfull2.toString(),
      Vnb2: sq.Vnb2.toString(),
    }).toEqual(naive);
  });

  /** Clustered data with Q classes in R^M: centres on a 1/2-grid, small deviations, optional non-default targets. */
  const clusteredArb = (Q: number, M: number): fc.Arbitrary<DataSet> => {
    const small = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.constantFrom(10, 20, 7)).map(([n, d]) => Rational.of(n, d));
    const centre = fc.array(fc.integer({ min: -6, max: 6 }).map((n) => Rational.of(n, 2)), { minLength: M, maxLength: M });
    const cls = fc
      .tuple(centre, fc.array(fc.array(small, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 4 }))
      .map(([c, devs]) => devs.map((d) => c.map((v, i) => v.add(d[i]!))));
    const targetEntry = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 3 })).map(([n, d]) => Rational.of(n, d));
    const targets = fc.option(fc.array(fc.array(targetEntry, { minLength: Q, maxLength: Q }), { minLength: Q, maxLength: Q }), { nil: undefined, freq: 2 });
    return fc.tuple(fc.array(cls, { minLength: Q, maxLength: Q }), targets).map(([classes, ys]) => {
      const content = dataSetContent(
        `random-q${Q}-m${M}`,
        classes.map((points, j) => ({ label: `c${j + 1}`, points })),
        ys,
      );
      return { ...content, source: { kind: 'example' as const, name: content.name, sha256: sha256Hex(serializeDataSet(content)) } };
    });
  };

  // 8 shapes × 4 runs = 32 random data sets: M < Q, M = Q and M > Q, default and random targets.
  const shapes: [number, number][] = [[2, 1], [2, 2], [2, 3], [2, 4], [3, 2], [3, 3], [3, 4], [3, 5]];
  let customTargets = 0;
  for (const [Q, M] of shapes)
    it(`random exact clustered data sets, Q = ${Q}, M = ${M}`, () => {
      fc.assert(
        fc.property(clusteredArb(Q, M), (ds) => {
          if (ds.targets.some((t, j) => t.some((v, i) => !v.eq(i === j ? Rational.ONE : Z)))) customTargets++;
          expect(engineQuantities(ds)).toEqual(naiveQuantities(ds));
        }),
        { seed: 20240917 + 31 * Q + M, numRuns: 4 },
      );
    });
  it('the random runs included non-default targets', () => {
    expect(customTargets).toBeGreaterThanOrEqual(5);
  });

  it('a class of one point (Δx = 0) and duplicated points', () => {
    const ds = makeData(
      'degenerate-classes',
      [
        [['1/2', 3, 0]],
        [[2, 2, 1], [2, 2, 1], ['9/4', 2, 1]],
        [[0, 0, 5], [0, '1/3', 5]],
      ],
      [[1, 1, 0], [0, 1, 1], [1, 0, 1]],
    );
    expect(engineQuantities(ds)).toEqual(naiveQuantities(ds));
  });
});

// Keep the helper honest: Matrix (src/exact) agrees with our Gauss–Jordan inverse.
describe('the naive helpers', () => {
  it('inverse and rank agree with src/exact/matrix', () => {
    const A = [[2, 1, 0], [1, 3, 1], [0, 1, 4]].map((row) => row.map((v) => Rational.int(v)));
    expect(Matrix.fromRows(inverse(A)).eq(Matrix.fromRows(A).inverse())).toBe(true);
    expect(rank([[1, 2], [2, 4]].map((row) => row.map((v) => Rational.int(v))))).toBe(1);
  });
});
