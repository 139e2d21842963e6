/** IntegerSum: the same values as adding the Rationals one by one (random terms, fixed seed). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntegerSum } from '../src/exact/integer-sum.ts';
import { Rational, overCommonDenominator } from '../src/exact/rational.ts';
import { fuzzRuns } from './support/fuzz.ts';

const rational = fc.record({ n: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), d: fc.bigInt({ min: 1n, max: 10n ** 12n }) }).map(({ n, d }) => Rational.of(n, d));

describe('IntegerSum', () => {
  it('add and addOuter equal the Rational sums', () => {
    const term = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), v: fc.array(rational, { minLength: 6, maxLength: 6 }), s: fc.bigInt({ min: -5n, max: 5n }) }),
      fc.record({ kind: fc.constant('outer' as const), u: fc.array(rational, { minLength: 2, maxLength: 2 }), w: fc.array(rational, { minLength: 3, maxLength: 3 }), s: fc.bigInt({ min: 1n, max: 9n }) }),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 6 }), (terms) => {
        const sum = new IntegerSum(6);
        const ref = new Array<Rational>(6).fill(Rational.ZERO);
        for (const t of terms) {
          if (t.kind === 'add') {
            const f = overCommonDenominator(t.v);
            sum.add(f.ints, f.den, t.s);
            t.v.forEach((x, k) => (ref[k] = ref[k]!.add(x.mul(Rational.int(t.s)))));
          } else {
            const u = overCommonDenominator(t.u);
            const w = overCommonDenominator(t.w);
            sum.addOuter(u.ints, u.den, w.ints, w.den, t.s);
            for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) ref[i * 3 + j] = ref[i * 3 + j]!.add(t.u[i]!.mul(t.w[j]!).mul(Rational.int(t.s)));
          }
        }
        expect(sum.values().map(String)).toEqual(ref.map(String));
      }),
      { seed: 4242, numRuns: fuzzRuns(200, 5000) },
    );
  });
});
