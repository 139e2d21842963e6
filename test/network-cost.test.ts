import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataSet } from '../src/data/dataset.ts';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { q, abs } from '../src/exact/rational-shorthands.ts';
import { costFromMs, costFromMsExact, isqrt, msExact, residualsExact } from '../src/network/cost.ts';
import type { Network } from '../src/network/network.ts';
import { positiveRationalArb, rationalArb } from '../properties/arbitraries/rational.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const ds: DataSet = {
  name: 'hand',
  M: 2,
  Q: 2,
  N: 3,
  classes: [
    { label: 'a', points: [[q(1), q(0)], [q(0), q(1)]] },
    { label: 'b', points: [[q(-1), q(0)]] },
  ],
  targets: [[q(1), q(0)], [q(0), q(1)]],
  source: { kind: 'example', name: 'hand', sha256: '' },
};

// One hidden layer = identity with zero bias, so the network is x ↦ σ(x) then the output.
const net: Network = {
  hidden: [{ W: Matrix.identity(2), b: [q(0), q(0)] }],
  output: { W: Matrix.identity(2), b: [q(0), q(0)] },
};

describe('cost (SPEC §1)', () => {
  it('residuals and ms on a hand example', () => {
    // Outputs: (1,0), (0,1), (0,0); residuals: (0,0), (−1,1), (0,−1); ms = (0 + 2 + 1)/3 = 1.
    expect(residualsExact(net, ds).map((c) => c.map((r) => r.map(String)))).toEqual([[['0', '0'], ['-1', '1']], [['0', '-1']]]);
    expect(msExact(net, ds).toString()).toBe('1');
  });

  it('msExact rejects an inconsistent N', () => {
    expect(() => msExact(net, { ...ds, N: 4 })).toThrow(/declares N = 4 but has 3 points/);
  });

  it('costFromMs under each convention', () => {
    expect(costFromMs(0.25, 'norm')).toBe(0.5);
    expect(costFromMs(0.25, 'mse')).toBe(0.25);
    expect(costFromMs(0.25, 'half-mse')).toBe(0.125);
  });

  it('costFromMsExact: exact for mse/half-mse, and for norm exactly on rational squares', () => {
    expect(costFromMsExact(q('4/9'), 'norm').exact?.toString()).toBe('2/3');
    expect(costFromMsExact(q('1/2'), 'norm').exact).toBeUndefined();
    expect(costFromMsExact(q('1/2'), 'norm').float).toBe(Math.SQRT1_2);
    expect(costFromMsExact(q('1/2'), 'mse').exact?.toString()).toBe('1/2');
    expect(costFromMsExact(q('1/2'), 'half-mse').exact?.toString()).toBe('1/4');
    expect(costFromMsExact(q(0), 'norm').exact?.toString()).toBe('0');
    expect(() => costFromMsExact(q(-1), 'mse')).toThrow(RangeError);
    fc.assert(
      fc.property(rationalArb({ maxNum: 1000, maxDen: 1000 }), positiveRationalArb(), (c, m) => {
        const ms = c.square();
        const res = costFromMsExact(ms, 'norm');
        expect(res.exact?.eq(abs(c))).toBe(true);
        expect(res.float).toBe(toNumber(abs(c)));
        // m² + (non-square) is never mistaken for a square: m²·2 is not a rational square.
        expect(costFromMsExact(m.square().mul(Rational.int(2)), 'norm').exact).toBeUndefined();
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('isqrt is the floor square root', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 200n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { seed: 6, numRuns: 300 },
    );
  });
});
