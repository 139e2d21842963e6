/**
 * The batched float forward pass (compiled straight-line code, and the
 * generic flat loop) gives bit-identical results to each other and to the
 * per-vector reference forwardFloat up to rounding (it adds the bias last).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkArb } from '../properties/arbitraries/network.ts';
import { flatNetwork, forwardFloatBatch, forwardFloatLoop } from '../src/network/float-batch.ts';
import { forwardFloat, toFloatNetwork } from '../src/network/forward.ts';

describe('forwardFloatBatch', () => {
  it('is bit-identical to the flat loop and agrees with forwardFloat on random networks and inputs', () => {
    const arb = fc
      .record({ L: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 2, max: 5 }), q: fc.integer({ min: 2, max: 5 }) })
      .chain(({ L, M, q }) => {
        const Q = Math.min(q, M);
        return fc.record({
          net: networkArb({ L, M, Q }, { maxNum: 9, maxDen: 7 }),
          X: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: M * 5, maxLength: M * 5 }),
          M: fc.constant(M),
          Q: fc.constant(Q),
        });
      });
    fc.assert(
      fc.property(arb, ({ net, X, M, Q }) => {
        const N = 5;
        const fn = flatNetwork(net);
        const x = Float64Array.from(X);
        const a = forwardFloatBatch(fn, x, N);
        const b = forwardFloatLoop(fn, x, N);
        const fnet = toFloatNetwork(net);
        for (let p = 0; p < N; p++) {
          const ref = forwardFloat(fnet, x.subarray(p * M, (p + 1) * M));
          for (let r = 0; r < Q; r++) {
            expect(Object.is(a[p * Q + r], b[p * Q + r])).toBe(true);
            // forwardFloat adds the bias last (another order): equal up to rounding.
            expect(Math.abs(a[p * Q + r]! - ref[r]!)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(ref[r]!)));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
