import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import type { Network } from '../src/network/network.ts';
import { flattenParams, networkShape, paramCount, unflattenParams } from '../src/network/params.ts';
import { networkArb } from '../properties/arbitraries/network.ts';

const shapeArb = fc
  .record({ L: fc.integer({ min: 0, max: 3 }), M: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 1, max: 3 }) })
  .map(({ L, M, q: qq }) => ({ L, M, Q: Math.min(qq, M) }));

describe('flat parameter vectors', () => {
  it('paramCount = L(M² + M) + QM + Q', () => {
    expect(paramCount(1, 2, 2)).toBe(12);
    expect(paramCount(2, 3, 3)).toBe(36);
    expect(paramCount(0, 4, 2)).toBe(10);
  });

  it('unflatten ∘ flatten = id, and the length is paramCount', () => {
    fc.assert(
      fc.property(shapeArb.chain((s) => fc.tuple(fc.constant(s), networkArb(s))), ([s, net]) => {
        expect(networkShape(net)).toEqual(s);
        const v = flattenParams(net);
        expect(v.length).toBe(paramCount(s.L, s.M, s.Q));
        const back = unflattenParams(v, s);
        expect(vec.eq(flattenParams(back), v)).toBe(true);
        [...back.hidden, back.output].forEach((l, k) => {
          const orig = [...net.hidden, net.output][k]!;
          expect(l.W.eq(orig.W) && vec.eq(l.b, orig.b)).toBe(true);
        });
      }),
      { seed: 99, numRuns: 60 },
    );
  });

  it('the documented order: layer by layer, W row-major then b', () => {
    const net: Network = {
      hidden: [{ W: Matrix.fromRows([[1, 2], [3, 4]]), b: [q(5), q(6)] }],
      output: { W: Matrix.fromRows([[7, 8]]), b: [q(9)] },
    };
    expect(flattenParams(net).map(String)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('shape errors are RangeErrors naming the layer', () => {
    const bad: Network = {
      hidden: [{ W: Matrix.identity(3), b: [q(0), q(0), q(0)] }],
      output: { W: Matrix.zeros(1, 2), b: [q(0)] },
    };
    expect(() => networkShape(bad)).toThrow(/hidden layer 1: W is 3×3, expected 2×2/);
    const badB: Network = { hidden: [], output: { W: Matrix.zeros(2, 2), b: [q(0)] } };
    expect(() => networkShape(badB)).toThrow(/output layer \(1\): b has length 1/);
    expect(() => unflattenParams([q(1)], { L: 1, M: 1, Q: 1 })).toThrow(/expected 4/);
  });
});
