/** Claim R1 of SPEC §2, checked exactly: forward pass = curated (truncation) form. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, vec } from '../src/exact/matrix.ts';
import { q } from '../src/exact/rational-shorthands.ts';
import { toCumulative } from '../src/network/cumulative.ts';
import { forwardExact, hiddenTrace } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';
import { curatedForward, curatedTrace, curation } from '../src/network/representation.ts';
import { networkArb } from '../properties/arbitraries/network.ts';
import { vectorArb } from '../properties/arbitraries/vector.ts';

const opts = { seed: 161803, numRuns: 60 };
const netAndInputs = fc
  .record({ L: fc.integer({ min: 0, max: 4 }), M: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 1, max: 3 }) })
  .chain(({ L, M, q: qq }) => fc.tuple(networkArb({ L, M, Q: Math.min(qq, M) }, { maxNum: 5, maxDen: 3 }), fc.array(vectorArb(M), { minLength: 1, maxLength: 4 })));

describe('R1: the network is W^(L+1)·τ_L∘⋯∘τ_1 + b^(L+1) (invertible hidden W_ℓ)', () => {
  it('curatedForward = forwardExact exactly', () => {
    fc.assert(
      fc.property(netAndInputs, ([net, xs]) => {
        const c = curation(net);
        for (const x of xs) {
          const f = forwardExact(net, x);
          expect(vec.eq(c.forward(x), f)).toBe(true);
          expect(vec.eq(curatedForward(net, x), f)).toBe(true);
        }
      }),
      opts,
    );
  });

  it('layer by layer: x^(ℓ) = W^(ℓ)·(ℓ-th τ-image) + b^(ℓ)', () => {
    fc.assert(
      fc.property(netAndInputs, ([net, xs]) => {
        const cum = toCumulative(net);
        for (const x of xs) {
          const images = curatedTrace(net, x);
          const acts = hiddenTrace(net, x).activations;
          expect(images.length).toBe(net.hidden.length);
          images.forEach((z, k) => expect(vec.eq(vec.add(cum.W[k]!.mulVec(z), cum.b[k]!), acts[k]!)).toBe(true));
        }
      }),
      opts,
    );
  });

  it('hiddenTrace is consistent: activations = σ(pre-activations), output = forwardExact', () => {
    fc.assert(
      fc.property(netAndInputs, ([net, xs]) => {
        for (const x of xs) {
          const t = hiddenTrace(net, x);
          t.preActivations.forEach((z, k) => expect(vec.eq(vec.relu(z), t.activations[k]!)).toBe(true));
          expect(vec.eq(t.output, forwardExact(net, x))).toBe(true);
        }
      }),
      opts,
    );
  });

  it('a singular hidden layer is refused with a RangeError (R1 assumes invertible W_ℓ)', () => {
    const net: Network = {
      hidden: [{ W: Matrix.fromRows([[1, 1], [1, 1]]), b: [q(0), q(0)] }],
      output: { W: Matrix.identity(2), b: [q(0), q(0)] },
    };
    expect(() => curatedForward(net, [q(1), q(2)])).toThrow(RangeError);
  });
});
