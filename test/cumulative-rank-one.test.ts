/**
 * fromRankOneCumulative (Sherman–Morrison for W^(ℓ) = ε I + 1 nᵀ) gives exactly the
 * network of the general fromCumulative (one exact solve per layer), on random
 * cone layers, identity layers and output layers (fixed seed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { fromCumulative, fromRankOneCumulative, type RankOneCumulative } from '../src/network/cumulative.ts';
import { flattenParams } from '../src/network/params.ts';
import { intLayer } from '../src/network/int-layer.ts';

const small = fc.integer({ min: -6, max: 6 });
const q = (n: number, d = 1) => Rational.of(BigInt(n), BigInt(d));

const instance = fc.integer({ min: 1, max: 5 }).chain((M) =>
  fc.record({
    M: fc.constant(M),
    Q: fc.integer({ min: 1, max: 4 }),
    layers: fc.array(
      fc.record({ identity: fc.boolean(), eps: fc.integer({ min: 1, max: 8 }), epsDen: fc.integer({ min: 1, max: 4 }), n: fc.array(small, { minLength: M, maxLength: M }), b: fc.array(small, { minLength: M, maxLength: M }) }),
      { minLength: 1, maxLength: 4 },
    ),
    out: fc.array(small, { minLength: 5 * (M + 1), maxLength: 5 * (M + 1) }),
  }),
);

describe('fromRankOneCumulative', () => {
  it('equals fromCumulative on random cone and identity layers', () => {
    fc.assert(
      fc.property(instance, ({ M, Q, layers, out }) => {
        const hidden: RankOneCumulative[] = layers.map((l) => ({
          eps: l.identity ? Rational.ONE : q(l.eps, l.epsDen),
          n: l.identity ? vec.zeros(M) : l.n.map((v) => q(v)),
          b: l.b.map((v) => q(v, 3)),
        }));
        fc.pre(hidden.every((h) => !h.eps.add(h.n.reduce((s, v) => s.add(v), Rational.ZERO)).isZero()));
        const Wout = new Matrix(Q, M, out.slice(0, Q * M).map((v) => q(v)));
        const bout = out.slice(Q * M, Q * M + Q).map((v) => q(v, 2));
        const fast = fromRankOneCumulative(hidden, { W: Wout, b: bout });
        const cum = {
          W: [...hidden.map((h) => Matrix.outer(new Array<Rational>(M).fill(Rational.ONE), [...h.n]).add(Matrix.identity(M).scale(h.eps))), Wout],
          b: [...hidden.map((h) => [...h.b]), bout],
        };
        const ref = fromCumulative(cum);
        expect(flattenParams(fast).map(String)).toEqual(flattenParams(ref).map(String));
      }),
      { seed: 20261128, numRuns: 200 },
    );
  });

  it("its hidden layers are recognised as α I + 1 vᵀ on the integers (intLayer's rankOne), exactly; a general matrix is not", () => {
    fc.assert(
      fc.property(instance, ({ M, Q, layers, out }) => {
        const hidden: RankOneCumulative[] = layers.map((l) => ({ eps: l.identity ? Rational.ONE : q(l.eps, l.epsDen), n: l.identity ? vec.zeros(M) : l.n.map((v) => q(v)), b: l.b.map((v) => q(v, 3)) }));
        fc.pre(hidden.every((h) => !h.eps.add(h.n.reduce((s, v) => s.add(v), Rational.ZERO)).isZero()));
        const net = fromRankOneCumulative(hidden, { W: new Matrix(Q, M, out.slice(0, Q * M).map((v) => q(v))), b: new Array<Rational>(Q).fill(Rational.ZERO) });
        for (const layer of net.hidden) {
          const il = intLayer(layer);
          if (M < 2) expect(il.rankOne).toBeUndefined();
          else {
            expect(il.rankOne).toBeDefined();
            const { alpha, v } = il.rankOne!;
            for (let r = 0; r < M; r++) for (let k = 0; k < M; k++) expect(il.W[r * M + k]).toBe((r === k ? alpha : 0n) + v[k]!);
          }
        }
      }),
      { seed: 20261129, numRuns: 100 },
    );
    const general = new Matrix(2, 2, [q(1), q(2), q(3), q(5)]);
    expect(intLayer({ W: general, b: [q(0), q(0)] }).rankOne).toBeUndefined();
  });

  it('refuses a singular cumulative layer', () => {
    const M = 2;
    expect(() => fromRankOneCumulative([{ eps: q(1), n: [q(-1), q(0)], b: vec.zeros(M) }], { W: Matrix.identity(M), b: vec.zeros(M) })).toThrow(RangeError);
  });
});
