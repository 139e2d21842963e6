/**
 * Claims T1–T5 of SPEC §2, checked exactly on random rational instances.
 * The library only computes τ; every claimed property is asserted here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import {
  apex,
  inBackwardCone,
  inForwardCone,
  inOpenBackwardCone,
  inOpenForwardCone,
  truncate,
  truncationMap,
} from '../src/network/truncation.ts';
import {
  fullRowRankMatrixArb,
  invertibleMatrixArb,
  orthogonalMatrixArb,
  permutationMatrixArb,
  positiveDiagonalMatrixArb,
} from '../properties/arbitraries/matrix.ts';
import { rationalArb } from '../properties/arbitraries/rational.ts';
import { nonNegativeVectorArb, vectorArb } from '../properties/arbitraries/vector.ts';

const opts = { seed: 271828, numRuns: 80 };
const dim = fc.integer({ min: 1, max: 4 });
const small = { maxNum: 5, maxDen: 3 };

/** An invertible W, a bias b, and a few points. */
const invertibleInstance = dim.chain((n) =>
  fc.record({ W: invertibleMatrixArb(n, small), b: vectorArb(n), x: vectorArb(n), s: vectorArb(n) }),
);

/** The point whose pre-activation Wx + b is exactly s. */
function withPreActivation(W: Matrix, b: readonly Rational[], s: readonly Rational[]): Rational[] {
  return W.solveVec(vec.sub(s, b));
}

describe('T1: τ∘τ = τ', () => {
  it('for invertible W', () => {
    fc.assert(
      fc.property(invertibleInstance, ({ W, b, x }) => {
        const tau = truncationMap(W, b);
        expect(vec.eq(tau(tau(x)), tau(x))).toBe(true);
      }),
      opts,
    );
  });

  it('for a general full-row-rank, non-square W (via W⁺)', () => {
    const arb = fc
      .record({ r: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 1, max: 2 }) })
      .chain(({ r, extra }) => fc.record({ W: fullRowRankMatrixArb(r, r + extra, small), b: vectorArb(r), x: vectorArb(r + extra) }));
    fc.assert(
      fc.property(arb, ({ W, b, x }) => {
        expect(W.rows).toBeLessThan(W.cols);
        const tau = truncationMap(W, b);
        expect(vec.eq(tau(tau(x)), tau(x))).toBe(true);
      }),
      opts,
    );
  });
});

describe('T2: for invertible W, Fix(τ) = K⁺', () => {
  it('points of K⁺ are fixed: x with Wx + b = s ≥ 0 (zeros frequent, so boundaries too)', () => {
    const arb = dim.chain((n) => fc.record({ W: invertibleMatrixArb(n, small), b: vectorArb(n), s: nonNegativeVectorArb(n) }));
    fc.assert(
      fc.property(arb, ({ W, b, s }) => {
        const x = withPreActivation(W, b, s);
        expect(inForwardCone(W, b, x)).toBe(true);
        expect(vec.eq(truncate(W, b, x), x)).toBe(true);
      }),
      opts,
    );
  });

  it('fixed points are in K⁺: τ(x) = x ⇔ x ∈ K⁺, on random x and on x with prescribed pre-activation signs', () => {
    fc.assert(
      fc.property(invertibleInstance, ({ W, b, x, s }) => {
        const tau = truncationMap(W, b);
        for (const p of [x, withPreActivation(W, b, s), tau(x)]) expect(vec.eq(tau(p), p)).toBe(inForwardCone(W, b, p));
      }),
      opts,
    );
  });
});

describe('T3: τ maps K⁻ to the apex θ = −W⁻¹b', () => {
  it('x with Wx + b = −s ≤ 0 goes to θ', () => {
    const arb = dim.chain((n) => fc.record({ W: invertibleMatrixArb(n, small), b: vectorArb(n), s: nonNegativeVectorArb(n) }));
    fc.assert(
      fc.property(arb, ({ W, b, s }) => {
        const x = withPreActivation(W, b, s.map((t) => t.neg()));
        const theta = apex(W, b);
        expect(inBackwardCone(W, b, x)).toBe(true);
        expect(vec.eq(truncate(W, b, x), theta)).toBe(true);
        // θ is the vertex: W θ + b = 0, so it lies in both cones.
        expect(vec.eq(vec.add(W.mulVec(theta), b), vec.zeros(W.rows))).toBe(true);
      }),
      opts,
    );
  });

  it('τ(x) = θ + W⁻¹σ(W(x − θ)) (the apex form of SPEC §2)', () => {
    fc.assert(
      fc.property(invertibleInstance, ({ W, b, x }) => {
        const theta = apex(W, b);
        const alt = vec.add(theta, W.solveVec(vec.relu(W.mulVec(vec.sub(x, theta)))));
        expect(vec.eq(truncate(W, b, x), alt)).toBe(true);
      }),
      opts,
    );
  });
});

describe('T4: for orthogonal W, τ is the metric projection onto K⁺', () => {
  const arb = dim.chain((n) =>
    fc.record({ W: orthogonalMatrixArb(n), b: vectorArb(n), x: vectorArb(n), y: vectorArb(n), s: nonNegativeVectorArb(n) }),
  );

  it('W is orthogonal; τ(x) ∈ K⁺; ⟨x − τ(x), z − τ(x)⟩ ≤ 0 for z ∈ K⁺ (variational inequality)', () => {
    fc.assert(
      fc.property(arb, ({ W, b, x, s }) => {
        expect(W.mul(W.transpose()).eq(Matrix.identity(W.rows))).toBe(true);
        const t = truncate(W, b, x);
        expect(inForwardCone(W, b, t)).toBe(true);
        const z = withPreActivation(W, b, s);
        expect(inForwardCone(W, b, z)).toBe(true);
        expect(vec.dot(vec.sub(x, t), vec.sub(z, t)).sign()).toBeLessThanOrEqual(0);
        // ... hence |x − τ(x)|² ≤ |x − z|²: τ(x) is a nearest point of K⁺.
        expect(vec.norm2(vec.sub(x, t)).le(vec.norm2(vec.sub(x, z)))).toBe(true);
      }),
      opts,
    );
  });

  it('1-Lipschitz, exactly on squared distances: |τ(x) − τ(y)|² ≤ |x − y|²', () => {
    fc.assert(
      fc.property(arb, ({ W, b, x, y }) => {
        const tau = truncationMap(W, b);
        expect(vec.norm2(vec.sub(tau(x), tau(y))).le(vec.norm2(vec.sub(x, y)))).toBe(true);
      }),
      opts,
    );
  });

  it('a sanity check that T4 is not vacuous: for a non-orthogonal W the projection property can fail', () => {
    // W = [[1, 1], [0, 1]], b = 0, x = (−1, 1/2): τ(x) = (−1/2, 1/2) at squared distance 1/4,
    // but z = (−3/4, 3/4) ∈ K⁺ is at squared distance 1/8.
    const W = Matrix.fromRows([[1, 1], [0, 1]]);
    const b = [q(0), q(0)];
    const x = [q(-1), q('1/2')];
    const t = truncate(W, b, x);
    expect(t.map(String)).toEqual(['-1/2', '1/2']);
    const z = [q('-3/4'), q('3/4')];
    expect(inForwardCone(W, b, z)).toBe(true);
    expect(vec.norm2(vec.sub(x, z)).lt(vec.norm2(vec.sub(x, t)))).toBe(true);
  });
});

describe('T5: τ_{ΠDW, ΠDb} = τ_{W,b} for Π a permutation, D positive diagonal', () => {
  it('for invertible and for wide full-row-rank W', () => {
    const arb = fc
      .record({ r: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 2 }) })
      .chain(({ r, extra }) =>
        fc.record({
          W: extra === 0 ? invertibleMatrixArb(r, small) : fullRowRankMatrixArb(r, r + extra, small),
          b: vectorArb(r),
          x: vectorArb(r + extra),
          P: permutationMatrixArb(r),
          D: positiveDiagonalMatrixArb(r),
        }),
      );
    fc.assert(
      fc.property(arb, ({ W, b, x, P, D }) => {
        const PD = P.mul(D);
        expect(vec.eq(truncate(PD.mul(W), PD.mulVec(b), x), truncate(W, b, x))).toBe(true);
      }),
      opts,
    );
  });

  it('is not true for a diagonal with a negative entry (the positivity matters)', () => {
    const W = Matrix.identity(1);
    const b = [q(0)];
    const x = [q(-1)];
    const minus = Matrix.fromRows([[-1]]);
    expect(truncate(W, b, x).map(String)).toEqual(['0']);
    expect(truncate(minus.mul(W), minus.mulVec(b), x).map(String)).toEqual(['-1']);
  });
});

describe('cones, apex and argument checks', () => {
  it('open cones are inside closed cones; the apex is in both closed cones and in neither open one', () => {
    fc.assert(
      fc.property(invertibleInstance, ({ W, b, x }) => {
        if (inOpenForwardCone(W, b, x)) expect(inForwardCone(W, b, x)).toBe(true);
        if (inOpenBackwardCone(W, b, x)) expect(inBackwardCone(W, b, x)).toBe(true);
        const theta = apex(W, b);
        expect(inForwardCone(W, b, theta) && inBackwardCone(W, b, theta)).toBe(true);
        expect(inOpenForwardCone(W, b, theta) || inOpenBackwardCone(W, b, theta)).toBe(false);
      }),
      opts,
    );
  });

  it('truncate needs full row rank; apex needs invertible W; biases must fit', () => {
    const z2 = [q(0), q(0)];
    expect(() => truncate(Matrix.fromRows([[1, 2], [2, 4]]), z2, z2)).toThrow(/full row rank.*rank 1/);
    expect(() => truncate(Matrix.fromRows([[1], [2]]), z2, [q(0)])).toThrow(/full row rank/);
    expect(() => apex(Matrix.fromRows([[1, 2, 3]]), [q(0)])).toThrow(/invertible/);
    expect(() => apex(Matrix.fromRows([[1, 2], [2, 4]]), z2)).toThrow(/invertible/);
    expect(() => truncate(Matrix.identity(2), [q(0)], z2)).toThrow(/bias of length 1/);
    expect(truncate(Matrix.identity(2), z2, [q(-1), q(2)]).map(String)).toEqual(['0', '2']);
    expect(apex(Matrix.identity(2), [q(1), q(-2)]).map(String)).toEqual(['-1', '2']);
  });

  it('a 1-D example by hand: τ_{2,−1}(x) = max(x, 1/2)', () => {
    fc.assert(
      fc.property(rationalArb(), (x) => {
        expect(truncate(Matrix.fromRows([[2]]), [q(-1)], [x])[0]!.eq(x.max(q('1/2')))).toBe(true);
      }),
      { seed: 1, numRuns: 50 },
    );
  });
});
