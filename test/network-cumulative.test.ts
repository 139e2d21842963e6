import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import { fromCumulative, toCumulative, type CumulativeParams } from '../src/network/cumulative.ts';
import type { Network } from '../src/network/network.ts';
import { invertibleMatrixArb, matrixArb } from '../properties/arbitraries/matrix.ts';
import { anyWidthNetworkArb, networkArb } from '../properties/arbitraries/network.ts';
import { vectorArb } from '../properties/arbitraries/vector.ts';

const opts = { seed: 8675309, numRuns: 60 };
const shapeArb = fc
  .record({ L: fc.integer({ min: 0, max: 3 }), M: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 1, max: 3 }) })
  .map(({ L, M, q: qq }) => ({ L, M, Q: Math.min(qq, M) }));

function sameNetwork(a: Network, b: Network): boolean {
  const layers = (n: Network) => [...n.hidden, n.output];
  const la = layers(a);
  const lb = layers(b);
  return la.length === lb.length && la.every((l, k) => l.W.eq(lb[k]!.W) && vec.eq(l.b, lb[k]!.b));
}

function sameCumulative(a: CumulativeParams, b: CumulativeParams): boolean {
  return a.W.length === b.W.length && a.W.every((W, k) => W.eq(b.W[k]!) && vec.eq(a.b[k]!, b.b[k]!));
}

describe('cumulative parameters (SPEC §2)', () => {
  it('W^(ℓ) = W_ℓ⋯W_1 and b^(ℓ) = W_ℓ b^(ℓ−1) + b_ℓ (checked against a direct product)', () => {
    fc.assert(
      fc.property(shapeArb.chain((s) => networkArb(s)), (net) => {
        const cum = toCumulative(net);
        const layers = [...net.hidden, net.output];
        expect(cum.W.length).toBe(layers.length);
        layers.forEach((_, k) => {
          let P = Matrix.identity(net.output.W.cols);
          for (let i = 0; i <= k; i++) P = layers[i]!.W.mul(P);
          expect(cum.W[k]!.eq(P)).toBe(true);
          // b^(ℓ) is the image of 0 under the affine layers 1..ℓ with no ReLU.
          let z = vec.zeros(net.output.W.cols);
          for (let i = 0; i <= k; i++) z = vec.add(layers[i]!.W.mulVec(z), layers[i]!.b);
          expect(vec.eq(cum.b[k]!, z)).toBe(true);
        });
      }),
      opts,
    );
  });

  it('hidden widths other than M: W^(ℓ) starts from the input dimension (checked against a direct product)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }).chain((M) => anyWidthNetworkArb(M, 2).map((net) => ({ M, net }))), ({ M, net }) => {
        const cum = toCumulative(net);
        const layers = [...net.hidden, net.output];
        let P = Matrix.identity(M);
        let z = vec.zeros(M);
        layers.forEach((l, k) => {
          P = l.W.mul(P);
          z = vec.add(l.W.mulVec(z), l.b);
          expect(cum.W[k]!.eq(P)).toBe(true);
          expect(vec.eq(cum.b[k]!, z)).toBe(true);
        });
      }),
      opts,
    );
  });

  it('per-layer → cumulative → per-layer is the identity (exact equality)', () => {
    fc.assert(
      fc.property(shapeArb.chain((s) => networkArb(s)), (net) => {
        expect(sameNetwork(fromCumulative(toCumulative(net)), net)).toBe(true);
      }),
      opts,
    );
  });

  it('cumulative → per-layer → cumulative is the identity (exact equality)', () => {
    const cumArb = shapeArb.chain(({ L, M, Q }) =>
      fc.record({
        hiddenW: fc.array(invertibleMatrixArb(M), { minLength: L, maxLength: L }),
        outW: matrixArb(Q, M),
        hiddenB: fc.array(vectorArb(M), { minLength: L, maxLength: L }),
        outB: vectorArb(Q),
      }),
    );
    fc.assert(
      fc.property(cumArb, ({ hiddenW, outW, hiddenB, outB }) => {
        const cum: CumulativeParams = { W: [...hiddenW, outW], b: [...hiddenB, outB] };
        expect(sameCumulative(toCumulative(fromCumulative(cum)), cum)).toBe(true);
      }),
      opts,
    );
  });

  it('fromCumulative throws a RangeError naming the singular W^(ℓ)', () => {
    const I = Matrix.identity(2);
    const S = Matrix.fromRows([[1, 1], [1, 1]]);
    const z = [q(0), q(0)];
    expect(() => fromCumulative({ W: [I, S, I], b: [z, z, z] })).toThrow(/W\^\(2\) is singular/);
    expect(() => fromCumulative({ W: [S, I], b: [z, z] })).toThrow(RangeError);
    // The output layer may be anything (even zero): only W^(1..L) must be invertible.
    expect(fromCumulative({ W: [I, Matrix.zeros(1, 2)], b: [z, [q(3)]] }).output.b.map(String)).toEqual(['3']);
    expect(() => fromCumulative({ W: [], b: [] })).toThrow(RangeError);
    expect(() => fromCumulative({ W: [I, I], b: [z] })).toThrow(RangeError);
    expect(() => fromCumulative({ W: [Matrix.zeros(1, 2), I], b: [[q(0)], z] })).toThrow(RangeError);
  });

  it('a hand example', () => {
    const net: Network = {
      hidden: [
        { W: Matrix.fromRows([[2, 0], [1, 1]]), b: [q(1), q(-1)] },
        { W: Matrix.fromRows([[0, 1], [1, 0]]), b: [q('1/2'), q(0)] },
      ],
      output: { W: Matrix.fromRows([[1, -1]]), b: [q(2)] },
    };
    const cum = toCumulative(net);
    expect(cum.W.map((W) => W.toStrings())).toEqual([[['2', '0'], ['1', '1']], [['1', '1'], ['2', '0']], [['-1', '1']]]);
    expect(cum.b.map((b) => b.map(String))).toEqual([['1', '-1'], ['-1/2', '1'], ['1/2']]);
  });
});
