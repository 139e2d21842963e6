/**
 * The checker's own primitives (src/certificates/linalg.ts, affine.ts, groups.ts) against
 * independent references: the engine's exact Matrix for the linear algebra, point-by-point
 * sums for the moment sums, and the kernel's exact forward pass for the pattern
 * classification. Random inputs from fixed seeds; fast-check prints seed and path on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix as EngineMatrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { standardTargets } from '../src/data/build.ts';
import { Matrix, vec } from '../src/certificates/linalg.ts';
import { addAffine, affineOf, evaluate, compose, constantAffine, identityAffine, maskRows, momentsOf, sumAffine, sumSquares, withOne, type Affine, type Moments } from '../src/certificates/affine.ts';
import { addMatrices, shift, stack, subAffine, sumDot, sumOuter } from './support/checker-affine.ts';
import { groupedMoments, layerMasks, patternJets, patternLabel, widthsOf } from '../src/certificates/groups.ts';
import { forward, type KNet } from '../src/certificates/kernel.ts';
import { jetForward } from '../src/network/cost-series.ts';
import { curation, curationByInverses, outputGradient, truncationCuration } from '../src/certificates/structure.ts';
import { loadExample } from '../src/data/examples.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import type { Network } from '../src/network/network.ts';
import { applyAffine, momentsOfPoints } from './support/affine-oracle.ts';

const SEED = 15_003;
const q = (n: number, d = 1): Rational => Rational.of(BigInt(n), BigInt(d));
const rational = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.constantFrom(1, 1, 2, 3, 7)).map(([n, d]) => q(n, d));
const matrix = (rows: number, cols: number) => fc.array(rational, { minLength: rows * cols, maxLength: rows * cols }).map((d) => new Matrix(rows, cols, d));
const shape = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));
const asEngine = (m: Matrix) => new EngineMatrix(m.rows, m.cols, m.data);
const same = (a: { data: readonly Rational[]; rows: number; cols: number }, b: { data: readonly Rational[]; rows: number; cols: number }) =>
  a.rows === b.rows && a.cols === b.cols && a.data.every((v, k) => v.eq(b.data[k]!));

describe('linalg.ts: the checker\'s matrices against the engine\'s exact Matrix', () => {
  it('rank, invertibility, inverse, products and transpose agree', () => {
    fc.assert(
      fc.property(shape.chain(([r, c]) => fc.tuple(matrix(r, c), matrix(c, 3), matrix(r, r), fc.array(rational, { minLength: c, maxLength: c }))), ([A, B, S, v]) => {
        const eA = asEngine(A);
        expect(A.rank()).toBe(eA.rank());
        expect(same(A.mul(B), eA.mul(asEngine(B)))).toBe(true);
        expect(vec.eq(A.mulVec(v), eA.mulVec(v))).toBe(true);
        expect(same(A.transpose(), eA.transpose())).toBe(true);
        expect(A.transpose().transpose().eq(A)).toBe(true);
        expect(S.rank() === S.rows).toBe(!asEngine(S).det().isZero());
        if (S.rank() < S.rows) expect(() => S.inverse()).toThrow(RangeError);
        else {
          expect(same(S.inverse(), asEngine(S).inverse())).toBe(true);
          expect(S.mul(S.inverse()).eq(Matrix.identity(S.rows))).toBe(true);
        }
        expect(A.isZero()).toBe(A.data.every((x) => x.isZero()));
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('a swap of rows keeps the rank; a zero row lowers it; rank counts independent rows', () => {
    const S = Matrix.fromRows([[q(0), q(2), q(1)], [q(3), q(1), q(0)], [q(1), q(0), q(5)]]);
    expect(S.rank()).toBe(3);
    expect(Matrix.fromRows([S.row(1), S.row(0), S.row(2)]).rank()).toBe(3);
    expect(Matrix.fromRows([S.row(0), vec.zeros(3), S.row(2)]).rank()).toBe(2);
    expect(Matrix.fromRows([S.row(0), S.row(0), S.row(0).map((v) => v.mul(q(-3)))]).rank()).toBe(1);
    expect(Matrix.fromRows([[q(0), q(0)], [q(0), q(1)]]).rank()).toBe(1);
    expect(Matrix.zeros(2, 3).rank()).toBe(0);
    expect(Matrix.identity(3).rank()).toBe(3);
    expect(Matrix.fromColumns([[q(1), q(2)], [q(3), q(4)]]).toRows().map((r) => r.join(' '))).toEqual(['1 3', '2 4']);
    expect(S.get(1, 0).toString()).toBe('3');
  });

  it('mismatched shapes throw RangeError (the checker rejects), never a wrong answer', () => {
    const A = Matrix.identity(2);
    expect(() => A.mul(Matrix.identity(3))).toThrow(RangeError);
    expect(() => A.mulVec([q(1)])).toThrow(RangeError);
    expect(() => Matrix.zeros(2, 3).inverse()).toThrow(RangeError);
    expect(() => Matrix.fromRows([[q(1)], [q(1), q(2)]])).toThrow(RangeError);
    expect(A.eq(Matrix.identity(3))).toBe(false);
    expect(Matrix.zeros(2, 3).eq(Matrix.zeros(3, 2))).toBe(false);
    expect(vec.eq([q(1)], [q(1), q(2)])).toBe(false);
    expect(vec.eq([q(1), q(2)], [q(1), q(3)])).toBe(false);
    expect(Matrix.zeros(2, 2).eq(Matrix.zeros(2, 3))).toBe(false);
    expect(vec.relu([q(-1), q(0), q(2)]).map(String)).toEqual(['0', '0', '2']);
  });
});

/** Points x with exact moments, and the same sums taken point by point. */
const pointSet = (M: number) => fc.array(fc.array(rational, { minLength: M, maxLength: M }), { minLength: 1, maxLength: 6 });
/** n, Σx and Σxxᵀ as Rationals, from the Gram matrix G = Σ (z, 1)(z, 1)ᵀ of x = z / D. */
function rationalMoments(m: Moments): Rational[] {
  const n = Math.sqrt(m.gram.length);
  return m.gram.map((g, k) => Rational.of(g, m.den ** BigInt((Math.floor(k / n) < n - 1 ? 1 : 0) + (k % n < n - 1 ? 1 : 0))));
}
const apply = applyAffine;
const layer = (rows: number, M: number) => fc.tuple(matrix(rows, M), fc.array(rational, { minLength: rows, maxLength: rows })).map(([A, c]) => ({ A, c }));
const affine = (rows: number, M: number) => layer(rows, M).map(({ A, c }) => affineOf(A, c));

describe('affine.ts: sums over moments equal the sums point by point', () => {
  it('Σ u vᵀ, Σ u·v, Σ |u|², Σ u over random points and maps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }).chain((M) => fc.tuple(pointSet(M), affine(2, M), affine(2, M), fc.constant(M), matrix(M, 2))), ([points, u, v, M, W]) => {
        const m = momentsOfPoints(points, M);
        const x0 = points[0]!;
        const outer = points.reduce((S, x) => addMatrices(S, Matrix.fromColumns([apply(u, x)]).mul(Matrix.fromRows([apply(v, x)]))), Matrix.zeros(2, 2));
        expect(sumOuter(u, v, m).eq(outer)).toBe(true);
        // Maps with different numbers of rows: G multiplies the smaller side, either way round.
        const outerOf = (a: Affine, b: Affine) => points.reduce((S, x) => addMatrices(S, Matrix.fromColumns([apply(a, x)]).mul(Matrix.fromRows([apply(b, x)]))), Matrix.zeros(a.rows, b.rows));
        expect(sumOuter(u, stack(v, u), m).eq(outerOf(u, stack(v, u)))).toBe(true);
        expect(sumOuter(stack(v, u), u, m).eq(outerOf(stack(v, u), u))).toBe(true);
        expect(vec.eq(apply(compose(W.transpose(), identityAffine(M), [q(3), q(-1)]), x0), vec.add(W.transpose().mulVec(x0), [q(3), q(-1)]))).toBe(true);
        expect(sumDot(u, v, m).eq(points.reduce((s, x) => s.add(vec.dot(apply(u, x), apply(v, x))), Rational.ZERO))).toBe(true);
        expect(sumSquares(u, m).eq(points.reduce((s, x) => s.add(vec.norm2(apply(u, x))), Rational.ZERO))).toBe(true);
        expect(vec.eq(sumAffine(u, m), points.reduce((s, x) => vec.add(s, apply(u, x)), vec.zeros(2)))).toBe(true);
        const x = points[0]!;
        expect(vec.eq(apply(addAffine(u, v), x), vec.add(apply(u, x), apply(v, x)))).toBe(true);
        expect(vec.eq(apply(subAffine(u, v), x), vec.sub(apply(u, x), apply(v, x)))).toBe(true);
        expect(vec.eq(apply(shift(u, [q(1), q(-2)]), x), vec.sub(apply(u, x), [q(1), q(-2)]))).toBe(true);
        expect(vec.eq(apply(stack(u, v), x), [...apply(u, x), ...apply(v, x)])).toBe(true);
        expect(vec.eq(apply(withOne(u), x), [...apply(u, x), Rational.ONE])).toBe(true);
        expect(vec.eq(apply(maskRows(u, (r) => r === 1), x), [Rational.ZERO, apply(u, x)[1]!])).toBe(true);
        expect(vec.eq(apply(compose(W, u, [q(3)].concat(vec.zeros(M - 1))), x), vec.add(W.mulVec(apply(u, x)), [q(3)].concat(vec.zeros(M - 1))))).toBe(true);
        expect(vec.eq(apply(identityAffine(M), x), x)).toBe(true);
        expect(vec.eq(evaluate(u, x), apply(u, x))).toBe(true);
        expect(() => evaluate(u, [...x, q(1)])).toThrow(RangeError);
        expect(vec.eq(apply(constantAffine([q(5)], M), x), [q(5)])).toBe(true);
      }),
      { seed: SEED + 1, numRuns: 80 },
    );
  });

  it('momentsOf borders Σzzᵀ with Σz and n into the Gram matrix of (z, 1), over D', () => {
    const m = momentsOf({ count: 2, sum: [3n, -4n], second: [5n, 6n, 6n, 20n] }, 2n);
    expect(m.count).toBe(2);
    expect(m.den).toBe(2n);
    expect(m.gram.map(String)).toEqual(['5', '6', '3', '6', '20', '-4', '3', '-4', '2']);
    expect(rationalMoments(m).map(String)).toEqual(['5/4', '3/2', '3/2', '3/2', '5', '-2', '3/2', '-2', '2']);
  });
});

/** A data set from exact points per class (no compact form attached: built from `points`). */
function dataOf(classes: Rational[][][]): DataSet {
  const Q = classes.length;
  return {
    name: 'random',
    M: classes[0]![0]!.length,
    Q,
    N: classes.reduce((n, c) => n + c.length, 0),
    classes: classes.map((points, j) => ({ label: `c${j}`, points })),
    targets: standardTargets(Q),
    source: { kind: 'example', name: 'random', sha256: '0' },
  };
}

const network = (M: number, widths: number[], Q: number): fc.Arbitrary<KNet> => {
  const dims = [M, ...widths];
  return fc
    .tuple(...widths.map((w, l) => layer(w, dims[l]!)), layer(Q, dims[widths.length]!))
    .map((layers) => ({ hidden: layers.slice(0, -1).map((a) => ({ W: a.A, b: a.c })), output: { W: layers.at(-1)!.A, b: layers.at(-1)!.c } }));
};

/**
 * groupedMoments on `classes` equals the exact per-point reference (the kernel's forward pass):
 * the same groups, each point in its exact pattern's group with the right moments, someZero iff
 * some pre-activation is 0, and on each group the pattern's affine maps and jets are the network's.
 */
function expectReference(net: KNet, classes: Rational[][][]) {
  const ds = dataOf(classes);
  const grouped = groupedMoments(net, ds);
  const widths = net.hidden.map((l) => l.W.rows);
  let zero = false;
  const expected = new Map<string, Rational[][][]>();
  classes.forEach((points, j) =>
    points.forEach((x) => {
      const { pre } = forward(net, x);
      zero ||= pre.some((z) => z.some((v) => v.isZero()));
      const key = pre.map((z) => z.map((v) => (v.sign() > 0 ? '+' : '-')).join('')).join('|');
      if (!expected.has(key)) expected.set(key, classes.map(() => []));
      expected.get(key)![j]!.push(x);
    }),
  );
  expect(grouped.someZero).toBe(zero);
  expect(new Set(grouped.groups.map((g) => patternLabel(g.mask, widths)))).toEqual(new Set(expected.keys()));
  for (const g of grouped.groups) {
    const want = expected.get(patternLabel(g.mask, widths))!;
    expect(g.parts.map((p) => p.cls)).toEqual(want.flatMap((pts, j) => (pts.length ? [j] : [])));
    for (const p of g.parts) {
      const m = momentsOfPoints(want[p.cls]!, ds.M);
      expect(p.moments.count).toBe(m.count);
      expect(vec.eq(rationalMoments(p.moments), rationalMoments(m))).toBe(true);
    }
    // On its group the network is the pattern's affine map; the jets are the kernel's series.
    const maps = grouped.maps(g);
    expect(grouped.maps(g).pre[0]).toBe(maps.pre[0]); // built once per prefix
    const dir: KNet = { hidden: net.hidden.map((l) => ({ W: l.W.transpose().transpose(), b: l.b.map((v) => v.neg()) })), output: { W: net.output.W, b: net.output.b } };
    const jets = patternJets(net, dir)(maps, g.mask);
    const first = patternJets(net, dir, 1)(maps, g.mask);
    for (const x of want.flat()) {
      const f = forward(net, x);
      expect(vec.eq(apply(maps.output, x), f.output)).toBe(true);
      maps.pre.forEach((z, l) => expect(vec.eq(apply(z, x), f.pre[l]!)).toBe(true));
      maps.hidden.forEach((h, l) => expect(vec.eq(apply(h, x), vec.relu(f.pre[l]!))).toBe(true));
      const series = jetForward(net, dir, x);
      if (series) jets.forEach((a, k) => expect(vec.eq(apply(a, x), series.map((s) => s[k]!))).toBe(true));
      // To first order only: the same a₀, a₁, and a₂ = 0.
      if (series) first.forEach((a, k) => expect(vec.eq(apply(a, x), series.map((s) => (k < 2 ? s[k]! : Rational.ZERO)))).toBe(true));
    }
  }
  return grouped;
}

describe('groups.ts: the pattern classification against the exact forward pass, point by point', () => {
  const cases = fc
    .record({ M: fc.integer({ min: 1, max: 3 }), widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), Q: fc.integer({ min: 1, max: 3 }) })
    .chain(({ M, widths, Q }) => fc.tuple(network(M, widths, Q), fc.array(pointSet(M), { minLength: Q, maxLength: Q })));

  it('every point lands in the group of its exact pattern, with the right moments; someZero iff a pre-activation is 0', () => {
    fc.assert(
      fc.property(cases, ([net, classes]) => {
        expectReference(net, classes);
      }),
      { seed: SEED + 2, numRuns: 150 },
    );
  });

  it('a layer all off on a point (h = 0 there): the later pattern is the zero vector\'s, equal to the exact reference', () => {
    // One hidden layer pushed far below 0 on every point, the layers after it with zero or random biases.
    const collapsed = cases.chain(([net, classes]) =>
      fc.tuple(fc.integer({ min: 0, max: net.hidden.length - 1 }), fc.boolean()).map(([k, zeroAfter]): [KNet, Rational[][][]] => {
        const hidden = net.hidden.map((l, i) => (i === k ? { W: l.W, b: l.b.map(() => q(-(10 ** 9))) } : i > k && zeroAfter ? { W: l.W, b: l.b.map(() => q(0)) } : l));
        return [{ ...net, hidden }, classes];
      }),
    );
    fc.assert(
      fc.property(collapsed, ([net, classes]) => {
        expectReference(net, classes);
      }),
      { seed: SEED + 3, numRuns: 150 },
    );
    // Collapsed after layer 1, exactly 0 after: every later unit is a kink, and no point needs the exact pass.
    const net: KNet = {
      hidden: [{ W: Matrix.fromRows([[q(1), q(1)], [q(-1, 3), q(2)]]), b: [q(-100), q(-100)] }, { W: Matrix.fromRows([[q(1), q(2)]]), b: [q(0)] }, { W: Matrix.fromRows([[q(3)]]), b: [q(1, 7)] }],
      output: { W: Matrix.fromRows([[q(1)]]), b: [q(0)] },
    };
    const g = expectReference(net, [[[q(1), q(2)], [q(-3), q(5, 7)]], [[q(9), q(-9)]]]);
    expect(g).toMatchObject({ someZero: true, exactPoints: 0 });
    expect(g.groups.map((x) => patternLabel(x.mask, [2, 1, 1]))).toEqual(['--|-|+']);
  });

  it('layers εI + 1nᵀ (rows differing from the first in two entries: the row-difference products and box bounds), tight classes: the per-point reference', () => {
    const rankOne = (M: number) => fc.tuple(rational, fc.array(rational, { minLength: M, maxLength: M }), fc.array(rational, { minLength: M, maxLength: M }))
      .map(([eps, n, b]) => ({ W: new Matrix(M, M, Array.from({ length: M * M }, (_, k) => n[k % M]!.add(Math.floor(k / M) === k % M ? eps : q(0)))), b }));
    const near = (M: number) => fc.tuple(fc.array(rational, { minLength: M, maxLength: M }), fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: M, maxLength: M }), { minLength: 1, maxLength: 6 }), fc.constantFrom(4, 100))
      .map(([c, offs, spread]) => offs.map((o) => c.map((v, k) => v.add(q(o[k]!, spread)))));
    const rankOneCases = fc.record({ M: fc.integer({ min: 2, max: 5 }), L: fc.integer({ min: 1, max: 3 }), Q: fc.integer({ min: 1, max: 3 }) }).chain(({ M, L, Q }) =>
      fc.tuple(fc.array(rankOne(M), { minLength: L, maxLength: L }), matrix(Q, M), fc.array(rational, { minLength: Q, maxLength: Q }), fc.array(near(M), { minLength: Q, maxLength: Q }))
        .map(([hidden, W, b, classes]): [KNet, Rational[][][]] => [{ hidden, output: { W, b } }, classes]),
    );
    fc.assert(fc.property(rankOneCases, ([net, classes]) => void expectReference(net, classes)), { seed: SEED + 11, numRuns: 400 });
  });

  it('classes tight around a centre (one pattern per class, decided on the class and not point by point), collapsed classes, zero rows: the per-point reference', () => {
    // Each class: a centre plus offsets of at most 1/100, or one point repeated (collapsed); some rows all zero.
    const tight = (M: number) =>
      fc.tuple(fc.array(rational, { minLength: M, maxLength: M }), fc.array(fc.array(fc.integer({ min: -1, max: 1 }), { minLength: M, maxLength: M }), { minLength: 1, maxLength: 5 }), fc.boolean())
        .map(([c, offs, collapsed]) => offs.map((o) => c.map((v, k) => (collapsed ? v : v.add(q(o[k]!, 100))))));
    const tightCases = fc
      .record({ M: fc.integer({ min: 1, max: 3 }), widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), Q: fc.integer({ min: 1, max: 3 }), zeroRow: fc.nat(4) })
      .chain(({ M, widths, Q, zeroRow }) =>
        fc.tuple(network(M, widths, Q), fc.array(tight(M), { minLength: Q, maxLength: Q })).map(([net, classes]): [KNet, Rational[][][]] => {
          const hidden = net.hidden.map((l, i) => (i !== zeroRow % net.hidden.length ? l : { W: Matrix.fromRows(l.W.toRows().map((r, k) => (k === 0 ? r.map(() => q(0)) : r))), b: l.b.map((v, k) => (k === 0 && zeroRow % 2 ? q(0) : v)) }));
          return [{ ...net, hidden }, classes];
        }),
      );
    let whole = 0;
    fc.assert(
      fc.property(tightCases, ([net, classes]) => {
        const g = expectReference(net, classes);
        whole += g.pointsClassified === 0 && g.groups.every((x) => x.parts.every((p) => p.moments.count === classes[p.cls]!.length)) ? 1 : 0;
      }),
      { seed: SEED + 7, numRuns: 200 },
    );
    expect(whole, 'cases where every class was one group').toBeGreaterThan(50);
    // A class strictly on one side of every hyperplane is one part with exactly the class's moments; a unit constant 0 on it is a kink.
    const net: KNet = { hidden: [{ W: Matrix.fromRows([[q(1), q(-1)], [q(0), q(0)]]), b: [q(5), q(0)] }], output: { W: Matrix.fromRows([[q(1), q(1)]]), b: [q(0)] } };
    const pts = [[q(1), q(2)], [q(3), q(1, 3)], [q(-2), q(1)]];
    const one = expectReference(net, [pts]);
    expect(one).toMatchObject({ someZero: true, exactPoints: 0, pointsClassified: 0 });
    expect(one.groups.map((x) => [patternLabel(x.mask, [2]), x.parts[0]!.moments])).toEqual([['+-', momentsOfPoints(pts, 2)]]);
  });

  it('a point exactly on a kink is classified exactly (inactive) and reported; labels and layer masks follow the widths', () => {
    const net: KNet = { hidden: [{ W: Matrix.fromRows([[q(1)], [q(-1)]]), b: [q(-1, 3), q(1, 3)] }], output: { W: Matrix.fromRows([[q(1), q(1)]]), b: [q(0)] } };
    const grouped = groupedMoments(net, dataOf([[[q(1, 3)], [q(1)]]]));
    expect(grouped.someZero).toBe(true);
    expect(grouped.groups.map((g) => patternLabel(g.mask, [2])).sort()).toEqual(['+-', '--']);
    expect(groupedMoments(net, dataOf([[[q(1)], [q(2)]]]))).toMatchObject({ someZero: false, exactPoints: 0 });
    // Ordinary points, several classes and layers, coordinates up to 10^6: all decided in float.
    const wide: KNet = { hidden: [{ W: Matrix.fromRows([[q(1), q(-2)], [q(3, 7), q(1, 3)]]), b: [q(1, 2), q(-5)] }, { W: Matrix.fromRows([[q(2), q(-1)]]), b: [q(1, 9)] }], output: { W: Matrix.fromRows([[q(1)], [q(2)]]), b: [q(0), q(1)] } };
    const pts = (s: number) => [[q(s), q(1)], [q(-s, 3), q(7 * s)], [q(10 ** 6), q(s, 11)]];
    expect(groupedMoments(wide, dataOf([pts(1), pts(2)]))).toMatchObject({ exactPoints: 0 });
    expect(layerMasks(widthsOf({ ...net, hidden: [...net.hidden, { W: Matrix.identity(2), b: [q(0), q(0)] }] }), Uint8Array.from([1, 0, 0, 1])).map((m) => [...m])).toEqual([[1, 0], [0, 1]]);
    expect(patternLabel(Uint8Array.from([1, 0, 0, 1, 1]), [2, 3])).toBe('+-|-++');
  });

  it('coordinates beyond 2^53 (no float form) are classified exactly', () => {
    const big = q(2 ** 30) .mul(q(2 ** 30));
    const net: KNet = { hidden: [{ W: Matrix.fromRows([[q(1)]]), b: [big.neg().add(q(1))] }], output: { W: Matrix.fromRows([[q(1)]]), b: [q(0)] } };
    const grouped = groupedMoments(net, dataOf([[[big], [big.sub(q(1))], [big.add(q(5))]]]));
    expect(grouped.someZero).toBe(true);
    expect(grouped.exactPoints).toBe(3);
    expect(grouped.groups.map((g) => [patternLabel(g.mask, [1]), g.parts[0]!.moments.count]).sort()).toEqual([['+', 2], ['-', 1]]);
  });
});

describe('groups.ts: the float pass never decides a sign within its rounding bound', () => {
  // 0.1 + 0.2 − 0.3 is 5.55e-17 in float64: a pass without its bound would call these units active.
  const net = (b: Rational): KNet => ({ hidden: [{ W: Matrix.fromRows([[q(1, 10), q(2, 10)]]), b: [b] }], output: { W: Matrix.fromRows([[q(1)]]), b: [q(0)] } });
  const one = dataOf([[[q(1), q(1)], [q(3), q(3)]]]);

  it('a pre-activation exactly 0 whose float is positive: inactive and reported', () => {
    const g = groupedMoments(net(q(-3, 10)), one);
    expect(g.someZero).toBe(true);
    // Only the point within the rounding bound is classified exactly; (3, 3) is decided in float.
    expect(g.exactPoints).toBe(1);
    expect(g.groups.map((x) => [patternLabel(x.mask, [1]), x.parts[0]!.moments.count]).sort()).toEqual([['+', 1], ['-', 1]]);
  });

  it('a pre-activation just below 0 whose float is positive: inactive, not a kink', () => {
    const g = groupedMoments(net(q(-3, 10).sub(Rational.of(1n, 10n ** 30n))), one);
    expect(g.someZero).toBe(false);
    expect(g.exactPoints).toBe(1);
    expect(g.groups.map((x) => [patternLabel(x.mask, [1]), x.parts[0]!.moments.count]).sort()).toEqual([['+', 1], ['-', 1]]);
  });

  it('points on and within rounding distance of hyperplanes, anywhere in three classes of 3-dimensional data: the exact reference, point by point', () => {
    // Layer 1: u₁ = (x + 2y − 3)/10 (0 on x = y = 1; its float is 5.55e-17 there), u₂ = x − z + 1/2, u₃ = −y + z/3 + 1;
    // layer 2 has a unit equal to (h₁ + 2h₂ − 3h₃)/10, 0 wherever h₁ = h₂ = h₃.
    const deep: KNet = {
      hidden: [
        { W: Matrix.fromRows([[q(1, 10), q(2, 10), q(0)], [q(1), q(0), q(-1)], [q(0), q(-1), q(1, 3)]]), b: [q(-3, 10), q(1, 2), q(1)] },
        { W: Matrix.fromRows([[q(1), q(-1), q(1)], [q(1, 10), q(2, 10), q(-3, 10)]]), b: [q(0), q(0)] },
      ],
      output: { W: Matrix.fromRows([[q(1), q(2)], [q(-1), q(1)]]), b: [q(0), q(1)] },
    };
    const e = q(1, 2 ** 50);
    const one = q(1);
    // Denominator 2^50, every numerator below 2^53: float64 coordinates, one rounding each. The points on or within
    // 2^-50 of a hyperplane sit at positions 1–6 (not only first), so the exact pass must read the right coordinates.
    const f64Class = [
      [q(3, 2), q(3, 2), q(5, 2)],
      [one, one, q(0)],
      [one, one, q(3, 2)],
      [one, one.add(e), q(2)],
      [one, one.sub(e), q(-1)],
      [one.sub(e), one, q(3, 2).sub(e)],
      [q(0), q(2), q(3)],
      [q(2), q(-1), q(1, 4)],
    ];
    // Numerators beyond 2^53 (no float64 form): every point of the class is classified exactly.
    const tiny = Rational.of(1n, 10n ** 20n);
    const bigClass = [
      [one, one.add(tiny), q(0)],
      [q(2), q(-1), q(1, 4)],
      [one, one.sub(tiny), q(1)],
      [one, one, q(3, 2)],
      [q(2 ** 30).mul(q(2 ** 30)), one, q(5)],
    ];
    // Small numerators over a denominator beyond 2^53: z/D would round twice in float, so every point is exact too.
    const d17 = (n: number) => Rational.of(BigInt(n), 10n ** 17n);
    const fineClass = [[d17(1), q(0), q(0)], [q(0), d17(3), d17(1)], [d17(-2), d17(5), q(0)]];
    const grouped = expectReference(deep, [f64Class, bigClass, fineClass]);
    expect(grouped.someZero).toBe(true);
    // fineClass: small integers z = D·x over a denominator beyond 2^53 — the float pass works on z (exact),
    // not on a twice-rounded z/D, so its points are decided there; the near points of the others are exact.
    expect(grouped.exactPoints).toBeGreaterThanOrEqual(5 + bigClass.length);
    expect(grouped.exactPoints).toBeLessThan(f64Class.length + bigClass.length);
  });

  it('a hyperplane through the origin (b = 0): the bound\'s Σ|w||x| terms alone keep (4, 4, 4) exact', () => {
    // (x + 2y − 3z)/10 is 0 at (4, 4, 4); its float is 2.2e-16 with no bias to widen the bound.
    const net: KNet = { hidden: [{ W: Matrix.fromRows([[q(1, 10), q(2, 10), q(-3, 10)]]), b: [q(0)] }], output: { W: Matrix.fromRows([[q(1)]]), b: [q(0)] } };
    const g = expectReference(net, [[[q(1), q(2), q(3)], [q(4), q(4), q(4)]]]);
    expect(g.someZero).toBe(true);
    expect(g.exactPoints).toBe(1);
  });

  it('at scale 2^20 (large inputs and bias): a point on the hyperplane whose float is 5.8e-11 is still classified exactly', () => {
    // The bound grows with the magnitudes (|b| + Σ|w||x|, and the inputs' own rounding): a bound that ignored them
    // would let the float call (2^20, 2^20) active, one or two layers deep.
    const K = 2 ** 20;
    const shallow: KNet = { hidden: [{ W: Matrix.fromRows([[q(1, 10), q(2, 10)], [q(1), q(-1)]]), b: [q(-3 * K, 10), q(1, 3)] }], output: { W: Matrix.fromRows([[q(1), q(1)]]), b: [q(0)] } };
    const deep: KNet = {
      hidden: [{ W: Matrix.fromRows([[q(1, 10), q(2, 10)], [q(1), q(1)]]), b: [q(0), q(0)] }, { W: Matrix.fromRows([[q(1), q(0)], [q(-1, 10), q(3, 20)]]), b: [q(-3 * K, 10), q(0)] }],
      output: { W: Matrix.fromRows([[q(1), q(1)]]), b: [q(0)] },
    };
    const points = [[q(K + 7), q(K - 7)], [q(K), q(K)], [q(3 * K, 7), q(-K, 3)], [q(K), q(K).add(q(1, 2 ** 30))], [q(K), q(K).sub(q(1, 2 ** 30))]];
    for (const net of [shallow, deep]) {
      const g = expectReference(net, [points]);
      expect(g.someZero).toBe(true);
      expect(g.exactPoints).toBeGreaterThanOrEqual(3);
    }
  });

  it('a sum whose float error exceeds the inputs\' rounding term alone: the bound\'s |b| + Σ|w||x| term keeps it exact', () => {
    // z = x/1000 + y/100 + 9z/13 − 6789/3250 is 0 at (2, 1, 3); its float is −8.9e-16, twice 2u·Σ|w|·max|x| (found by search).
    const net: KNet = { hidden: [{ W: Matrix.fromRows([[q(1, 1000), q(1, 100), q(9, 13)]]), b: [q(-6789, 3250)] }], output: { W: Matrix.fromRows([[q(1)]]), b: [q(0)] } };
    const g = expectReference(net, [[[q(2), q(1), q(3)], [q(1), q(1), q(1)]]]);
    expect(g.someZero).toBe(true);
    expect(g.exactPoints).toBe(1);
  });

  it('integer sums beyond 2^53: a pre-activation exactly 0 whose float sum is ±1 stays exact (the bound grows with max|z| and each row\'s Σ|a|)', () => {
    // z = (t, t, t), t = 2^52 − 1 (exact floats): 3t − t − 2t = 0, but fl(3t) rounds (3t > 2^53), so the float sum is ±1.
    // The bound 2·(M + 4)·u·Σ|a|·max|z| ≈ 42 sends it (and (t, t, t − 1), exactly 2) to the exact pass; a bound that
    // dropped max|z| or a row's coefficients would let the float sign stand.
    const t = q(2 ** 52 - 1);
    const net: KNet = {
      hidden: [{ W: Matrix.fromRows([[q(1), q(1), q(1)], [q(3), q(-1), q(-2)]]), b: [q(1), q(0)] }],
      output: { W: Matrix.fromRows([[q(1), q(1)]]), b: [q(0)] },
    };
    // The bound is per class (max|z| over it): points far from both hyperplanes are still decided in float.
    const points = [[t, t, t], [t, t, t.sub(q(1))], [q(2 ** 40), q(0), q(0)], [q(0), q(2 ** 40), q(0)]];
    const g = expectReference(net, [points]);
    expect(g.someZero).toBe(true);
    expect(g.exactPoints).toBe(2);
  });

  it('through two layers, the second layer\'s bound carries the first one\'s error', () => {
    const deep: KNet = { hidden: [{ W: Matrix.fromRows([[q(1, 10), q(2, 10)]]), b: [q(0)] }, { W: Matrix.fromRows([[q(1)]]), b: [q(-3, 10)] }], output: { W: Matrix.fromRows([[q(1)]]), b: [q(0)] } };
    const g = groupedMoments(deep, one);
    expect(g.someZero).toBe(true);
    expect(g.exactPoints).toBe(1);
    expect(g.groups.map((x) => patternLabel(x.mask, [1, 1])).sort()).toEqual(['+|+', '+|-']);
  });
});

describe('structure.ts: the output layer\'s normal equations by pattern groups, against a least-squares fit point by point', () => {
  // The exact least-squares output layer for the features (h_L(x), 1), solved point by point: outputGradient must
  // then be zero, and nonzero once the fit is moved. The hidden layers put the data on several sides of their kinks,
  // so h_L is not an affine image of x and (x, 1) in place of (h_L(x), 1) would not solve the same equations.
  const hiddenSets: KNet['hidden'][] = [
    [{ W: Matrix.fromRows([[q(1), q(-1)], [q(1, 2), q(1)]]), b: [q(0), q(-2)] }],
    [
      { W: Matrix.fromRows([[q(1), q(-1)], [q(1, 2), q(1)]]), b: [q(0), q(-2)] },
      { W: Matrix.fromRows([[q(1), q(2)], [q(-1), q(1)]]), b: [q(1), q(0)] },
      { W: Matrix.fromRows([[q(2), q(-1)], [q(1), q(1)]]), b: [q(-1), q(1, 3)] },
    ],
  ];
  const classes = [
    [[q(0), q(0)], [q(3), q(1)], [q(-1), q(4)], [q(2), q(2)], [q(5), q(-1)]],
    [[q(1), q(3)], [q(-2), q(-1)], [q(4), q(4)], [q(1, 2), q(7, 3)]],
  ];
  it('zero for the least-squares output layer, nonzero when it is moved', () => {
    const ds = dataOf(classes);
    for (const hidden of hiddenSets) {
      const probe: KNet = { hidden, output: { W: Matrix.zeros(2, 2), b: vec.zeros(2) } };
      const feats = classes.map((pts) => pts.map((x) => [...vec.relu(forward(probe, x).pre.at(-1)!), Rational.ONE]));
      const G = feats.flat().reduce((S, f) => addMatrices(S, Matrix.fromColumns([f]).mul(Matrix.fromRows([f]))), Matrix.zeros(3, 3));
      const B = feats.reduce((S, fs, j) => fs.reduce((T, f) => addMatrices(T, Matrix.fromColumns([ds.targets[j]!.slice()]).mul(Matrix.fromRows([f]))), S), Matrix.zeros(2, 3));
      const Wb = B.mul(G.inverse());
      const fit: KNet = { hidden, output: { W: new Matrix(2, 2, [Wb.get(0, 0), Wb.get(0, 1), Wb.get(1, 0), Wb.get(1, 1)]), b: [Wb.get(0, 2), Wb.get(1, 2)] } };
      expect(outputGradient(fit, ds, groupedMoments(fit, ds)).isZero()).toBe(true);
      const moved: KNet = { hidden, output: { W: fit.output.W, b: [fit.output.b[0]!.add(q(1, 100)), fit.output.b[1]!] } };
      expect(outputGradient(moved, ds, groupedMoments(moved, ds)).isZero()).toBe(false);
    }
  });
});

describe('structure.ts: the truncation layers of curation against the pre-activations point by point', () => {
  it('the first layer where every point of the class has every pre-activation ≤ 0, else null', () => {
    // W = I in both layers, so the τ-chain follows the network; layer 2 subtracts 10 from each coordinate.
    const net: KNet = {
      hidden: [{ W: Matrix.identity(2), b: [q(0), q(0)] }, { W: Matrix.identity(2), b: [q(-10), q(-10)] }],
      output: { W: Matrix.identity(2), b: [q(0), q(0)] },
    };
    const classes = [
      [[q(1), q(2)], [q(5), q(3)]], // collapsed at layer 2
      [[q(20), q(30)], [q(25), q(12)]], // never collapsed
      [[q(1), q(20)]], // mixed at layer 2 (one unit active): never collapsed
      [[q(-1), q(-2)], [q(-3), q(0)]], // collapsed at layer 1
      [[q(1), q(1)], [q(20), q(20)]], // one point collapsed at layer 2, one not: never
    ];
    const ds = { ...dataOf(classes), targets: classes.map((_, j) => [q(j), q(0)]) };
    const want = classes.map((pts) => {
      const l = [0, 1].find((k) => pts.every((x) => forward(net, x).pre[k]!.every((v) => v.sign() <= 0)));
      return l === undefined ? null : l + 1;
    });
    expect(want).toEqual([2, null, null, 1, null]);
    expect(curation(net, ds, groupedMoments(net, ds)).truncatedAt).toEqual(want);
  });
});

describe('structure.ts: curation without inverses (truncation structure) equals curation by the τ-chain', () => {
  const asK = (net: Network): KNet => {
    const m = (W: Network['output']['W']) => new Matrix(W.rows, W.cols, [...W.data]);
    return { hidden: net.hidden.map((l) => ({ W: m(l.W), b: [...l.b] })), output: { W: m(net.output.W), b: [...net.output.b] } };
  };
  const same = (a: ReturnType<typeof curationByInverses>, b: ReturnType<typeof curationByInverses>) => {
    expect(a.truncatedAt).toEqual(b.truncatedAt);
    expect(a.representationHolds).toBe(b.representationHolds);
    expect(a.spreads.map((r) => r.map(String))).toEqual(b.spreads.map((r) => r.map(String)));
  };

  it('on the D1 networks of the examples it applies and agrees', () => {
    for (const name of ['clusters-q2', 'clusters-q3', 'clusters-q4']) {
      const ds = loadExample(name);
      const d1 = buildD1(ds, ds.Q);
      if (d1.kind !== 'built') throw new Error(`${name}: no D1 network`);
      const net = asK(d1.construction.net);
      const grouped = groupedMoments(net, ds);
      const fast = truncationCuration(net, ds, grouped);
      expect(fast, name).toBeDefined();
      same(fast!, curationByInverses(net, ds, grouped));
      expect(fast!.truncatedAt).toEqual(d1.construction.truncatedAt);
      expect(fast!.spreads.some((row) => row.some((v) => !v.isZero()))).toBe(true);
    }
  });

  it('a class split across patterns, a non-invertible layer, a layer of another width: it does not apply', () => {
    const id = Matrix.identity(2);
    const cut: KNet = { hidden: [{ W: id, b: [q(0), q(0)] }, { W: id, b: [q(-10), q(-10)] }], output: { W: id, b: [q(0), q(0)] } };
    const split = dataOf([[[q(1), q(1)], [q(20), q(20)]], [[q(-1), q(-2)]]]);
    expect(truncationCuration(cut, split, groupedMoments(cut, split))).toBeUndefined();
    const whole = dataOf([[[q(1), q(2)], [q(5), q(3)]], [[q(20), q(30)], [q(25), q(12)]], [[q(-1), q(-2)], [q(-3), q(0)]]]);
    const fast = truncationCuration(cut, whole, groupedMoments(cut, whole));
    expect(fast?.truncatedAt).toEqual([2, null, 1]);
    same(fast!, curationByInverses(cut, whole, groupedMoments(cut, whole)));
    const singular: KNet = { ...cut, hidden: [{ W: new Matrix(2, 2, [q(1), q(2), q(2), q(4)]), b: [q(1), q(1)] }] };
    expect(truncationCuration(singular, whole, groupedMoments(singular, whole))).toBeUndefined();
    const wide: KNet = { hidden: [{ W: new Matrix(3, 2, [q(1), q(0), q(0), q(1), q(1), q(1)]), b: [q(0), q(0), q(0)] }], output: { W: new Matrix(2, 3, [q(1), q(0), q(0), q(0), q(1), q(0)]), b: [q(0), q(0)] } };
    expect(truncationCuration(wide, whole, groupedMoments(wide, whole))).toBeUndefined();
  });

  it('random invertible networks and data: wherever it applies it equals curation by the τ-chain', () => {
    let applied = 0;
    const layer = fc.tuple(matrix(2, 2), fc.array(rational, { minLength: 2, maxLength: 2 })).map(([W, b]) => ({ W, b }));
    const point = fc.array(fc.integer({ min: -6, max: 6 }).map((n) => q(n)), { minLength: 2, maxLength: 2 });
    const arb = fc.record({
      hidden: fc.array(layer, { minLength: 1, maxLength: 3 }),
      output: layer,
      classes: fc.array(fc.array(point, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 3 }),
    });
    fc.assert(
      fc.property(arb, ({ hidden, output, classes }) => {
        fc.pre(hidden.every((l) => l.W.rank() === l.W.rows));
        const net: KNet = { hidden, output };
        const ds = dataOf(classes);
        const grouped = groupedMoments(net, ds);
        const fast = truncationCuration(net, ds, grouped);
        if (fast) (applied++, same(fast, curationByInverses(net, ds, grouped)));
      }),
      { numRuns: 600, seed: SEED },
    );
    expect(applied).toBeGreaterThan(25);
  });
});

describe('groups.ts: a class decided on its exact box reports a pre-activation exactly 0', () => {
  // Coordinates ≥ 2^53: no float pass, so the exact box alone decides or sends the class point by point.
  const big = 2n ** 60n;
  const net = (b: bigint): KNet => ({ hidden: [{ W: new Matrix(1, 2, [q(1), q(0)]), b: [Rational.of(b, 1n)] }], output: { W: new Matrix(2, 1, [q(1), q(0)]), b: [q(0), q(0)] } });
  const ds = (xs: bigint[]) => dataOf([xs.map((x) => [Rational.of(x, 1n), q(0)]), [[q(0), q(0)]]]);

  it('pre-activations {−1, 0}: inactive, and someZero', () => {
    const g = groupedMoments(net(-big), ds([big, big - 1n]));
    expect(g.someZero).toBe(true);
    expect(g.pointsClassified).toBe(2); // the box touches the hyperplane: point by point
    expect(g.groups.map((x) => patternLabel(x.mask, [1]))).toEqual(['-']);
  });

  it('pre-activations {−2, −1}: inactive, no zero; {0, 1}: split into two patterns, someZero', () => {
    expect(groupedMoments(net(-big), ds([big - 2n, big - 1n])).someZero).toBe(false);
    const g = groupedMoments(net(-big), ds([big, big + 1n]));
    expect(g.someZero).toBe(true);
    expect(g.groups.map((x) => patternLabel(x.mask, [1])).sort()).toEqual(['+', '-']);
    expect(g.pointsClassified).toBe(2); // the straddling class, point by point; the other on its box
  });
});

