/**
 * The same random rational inputs through the exact layer and the independent
 * float layer: results agree to a tolerance scaled by a computed error bound
 * (entrywise |A||B| for products, a condition number for solves, Hadamard's
 * bound for determinants, the absolute-value network for forward passes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataSet } from '../src/data/dataset.ts';
import type { Matrix } from '../src/exact/matrix.ts';
import type { Rational } from '../src/exact/rational.ts';
import { toFloat64, toFMatrix } from '../src/float/convert.ts';
import { FMatrix } from '../src/float/matrix.ts';
import { msExact, msFloat } from '../src/network/cost.ts';
import { forwardExact, forwardFloat, toFloatNetwork, type FloatNetwork } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';
import { truncate, truncateFloat } from '../src/network/truncation.ts';
import { dataSetArb } from '../properties/arbitraries/dataset.ts';
import { fullColumnRankMatrixArb, fullRowRankMatrixArb, invertibleMatrixArb, matrixArb } from '../properties/arbitraries/matrix.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { vectorArb } from '../properties/arbitraries/vector.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const EPS = Number.EPSILON;
const opts = { seed: 31337, numRuns: 60 };
const dim = fc.integer({ min: 1, max: 4 });

function expectClose(f: ArrayLike<number>, e: readonly Rational[], bound: number): void {
  expect(f.length).toBe(e.length);
  for (let i = 0; i < e.length; i++) expect(Math.abs(f[i]! - toNumber(e[i]!))).toBeLessThanOrEqual(bound);
}

function absM(m: Matrix): FMatrix {
  const f = toFMatrix(m);
  return new FMatrix(f.rows, f.cols, f.data.map(Math.abs));
}

describe('float layer vs exact layer', () => {
  it('mul: |float − exact| ≤ 4k·ε·(|A||B|) entrywise', () => {
    const arb = fc.record({ n: dim, k: dim, m: dim }).chain(({ n, k, m }) => fc.tuple(matrixArb(n, k), matrixArb(k, m)));
    fc.assert(
      fc.property(arb, ([A, B]) => {
        const prod = toFMatrix(A).mul(toFMatrix(B));
        const scale = absM(A).mul(absM(B));
        const exact = A.mul(B).data;
        for (let i = 0; i < exact.length; i++)
          expect(Math.abs(prod.data[i]! - toNumber(exact[i]!))).toBeLessThanOrEqual(4 * (A.cols + 1) * EPS * scale.data[i]! + 1e-300);
      }),
      opts,
    );
  });

  it('solve and inverse: error ≤ 64n·ε·κ(A)·max|x| (κ from the exact inverse)', () => {
    const arb = dim.chain((n) => fc.tuple(invertibleMatrixArb(n), vectorArb(n)));
    fc.assert(
      fc.property(arb, ([A, v]) => {
        const n = A.rows;
        const Ai = A.inverse();
        const kappa = Math.sqrt(toNumber(A.frobenius2()) * toNumber(Ai.frobenius2()));
        const F = toFMatrix(A);
        const x = A.solveVec(v);
        const xmax = Math.max(...x.map((t) => Math.abs(toNumber(t))), 1e-300);
        expectClose(F.solveVec(toFloat64(v)), x, 64 * n * EPS * kappa * xmax);
        const imax = Math.max(...Ai.data.map((t) => Math.abs(toNumber(t))));
        expectClose(F.inverse().data, Ai.data, 64 * n * EPS * kappa * imax);
      }),
      opts,
    );
  });

  it('det: |float − exact| ≤ 16n·ε·∏|row_i| (Hadamard scale), and exact zero ⇒ float ≈ 0', () => {
    const arb = dim.chain((n) => fc.oneof(matrixArb(n, n), invertibleMatrixArb(n)));
    fc.assert(
      fc.property(arb, (A) => {
        const F = toFMatrix(A);
        let hadamard = 1;
        for (let i = 0; i < A.rows; i++) hadamard *= Math.sqrt(F.toRows()[i]!.reduce((s, t) => s + t * t, 0));
        expect(Math.abs(F.det() - toNumber(A.det()))).toBeLessThanOrEqual(16 * A.rows * EPS * hadamard);
      }),
      opts,
    );
  });

  it('rank: float (relative tolerance) equals exact on full-rank and product-of-full-rank matrices', () => {
    const arb = fc
      .record({ k: fc.integer({ min: 1, max: 3 }), dn: fc.integer({ min: 0, max: 2 }), dm: fc.integer({ min: 0, max: 2 }) })
      .chain(({ k, dn, dm }) => fc.tuple(fullColumnRankMatrixArb(k + dn, k), fullRowRankMatrixArb(k, k + dm)));
    fc.assert(
      fc.property(arb, ([B, C]) => {
        const P = B.mul(C);
        expect(toFMatrix(P).rank()).toBe(P.rank());
        expect(toFMatrix(B).rank()).toBe(B.rank());
      }),
      opts,
    );
  });

  it('pinv: float agrees with exact on full-rank tall and wide matrices', () => {
    const arb = fc
      .record({ r: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 2 }), tall: fc.boolean() })
      .chain(({ r, extra, tall }) => (tall ? fullColumnRankMatrixArb(r + extra, r) : fullRowRankMatrixArb(r, r + extra)));
    fc.assert(
      fc.property(arb, (A) => {
        const P = A.pinv();
        const G = A.rows >= A.cols ? A.transpose().mul(A) : A.mul(A.transpose());
        const kappa = Math.sqrt(toNumber(G.frobenius2()) * toNumber(G.inverse().frobenius2()));
        const pmax = Math.max(...P.data.map((t) => Math.abs(toNumber(t))));
        expectClose(toFMatrix(A).pinv().data, P.data, 256 * EPS * kappa * pmax);
      }),
      opts,
    );
  });
});

/** Forward pass of the entrywise-absolute network on |x|: bounds every intermediate magnitude. */
function magnitude(net: Network, x: readonly Rational[]): Float64Array {
  const abs = toFloatNetwork(net);
  const absLayer = (l: FloatNetwork['output']) => ({ W: new FMatrix(l.W.rows, l.W.cols, l.W.data.map(Math.abs)), b: l.b.map(Math.abs) });
  const absNet: FloatNetwork = { hidden: abs.hidden.map(absLayer), output: absLayer(abs.output) };
  return forwardFloat(absNet, toFloat64(x).map(Math.abs));
}

const netAndInput = fc
  .record({ L: fc.integer({ min: 0, max: 3 }), M: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 1, max: 3 }) })
  .chain(({ L, M, q }) => fc.tuple(networkArb({ L, M, Q: Math.min(q, M) }), vectorArb(M)));

describe('float network vs exact network', () => {
  it('forwardFloat agrees with forwardExact up to 8(L+1)M·ε·|network|(|x|)', () => {
    fc.assert(
      fc.property(netAndInput, ([net, x]) => {
        const M = x.length;
        const L = net.hidden.length;
        const exact = forwardExact(net, x);
        const fl = forwardFloat(toFloatNetwork(net), toFloat64(x));
        const mag = magnitude(net, x);
        exact.forEach((e, i) => expect(Math.abs(fl[i]! - toNumber(e))).toBeLessThanOrEqual(8 * (L + 1) * (M + 1) * EPS * mag[i]! + 1e-300));
      }),
      opts,
    );
  });

  it('msFloat agrees with msExact (relative to the magnitude bound)', () => {
    const arb = fc
      .record({ L: fc.integer({ min: 0, max: 2 }), M: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 2, max: 3 }) })
      .chain(({ L, M, q }) => {
        const Q = Math.min(q, M);
        return fc.tuple(networkArb({ L, M, Q }), dataSetArb(M, Q));
      });
    fc.assert(
      fc.property(arb, ([net, ds]: [Network, DataSet]) => {
        const exact = toNumber(msExact(net, ds));
        const fl = msFloat(toFloatNetwork(net), ds);
        let scale = 0;
        ds.classes.forEach((cls) =>
          cls.points.forEach((x) => {
            for (const m of magnitude(net, x)) scale += (m + 1) ** 2;
          }),
        );
        scale /= ds.N;
        expect(Math.abs(fl - exact)).toBeLessThanOrEqual(64 * ds.M * (net.hidden.length + 1) * EPS * scale);
      }),
      opts,
    );
  });

  it('truncateFloat agrees with truncate (invertible and wide full-row-rank W)', () => {
    const arb = fc
      .record({ r: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 2 }) })
      .chain(({ r, extra }) =>
        fc.tuple(extra === 0 ? invertibleMatrixArb(r) : fullRowRankMatrixArb(r, r + extra), vectorArb(r), vectorArb(r + extra)),
      );
    fc.assert(
      fc.property(arb, ([W, b, x]) => {
        const exact = truncate(W, b, x);
        const fl = truncateFloat(toFMatrix(W), toFloat64(b), toFloat64(x));
        const P = W.pinv();
        const G = W.mul(W.transpose());
        const kappa = Math.sqrt(toNumber(G.frobenius2()) * toNumber(G.inverse().frobenius2()));
        const size = absM(P).mulVec(absM(W).mulVec(toFloat64(x).map(Math.abs)).map((t, i) => t + 2 * Math.abs(toNumber(b[i]!))));
        exact.forEach((e, i) => expect(Math.abs(fl[i]! - toNumber(e))).toBeLessThanOrEqual(256 * EPS * kappa * (size[i]! + 1e-300)));
      }),
      opts,
    );
  });
});
