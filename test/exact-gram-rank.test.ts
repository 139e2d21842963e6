import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/exact/matrix.ts';
import { Rational } from '../src/exact/rational.ts';
import { gramRank } from '../src/exact/gram-rank.ts';

describe('gramRank (rank of a wide sparse matrix through T·Tᵀ)', () => {
  const entry = fc.oneof(
    { weight: 3, arbitrary: fc.constant(Rational.ZERO) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 7 })).map(([p, q]) => Rational.of(p, q)) },
  );
  it('equals Matrix.rank on random wide rational matrices, full rank and rank-deficient, below and above MODULAR_THRESHOLD (seeded)', () => {
    fc.assert(
      fc.property(
        fc
          .record({ n: fc.integer({ min: 1, max: 40 }), c: fc.integer({ min: 1, max: 60 }), dup: fc.integer({ min: 0, max: 5 }) })
          .chain(({ n, c, dup }) => fc.tuple(fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: n, maxLength: n }), fc.constant(dup))),
        ([rows, dup]) => {
          // Rank-deficient: append combinations of earlier rows.
          const all = [...rows];
          for (let d = 0; d < dup && rows.length >= 2; d++) all.push(rows[0]!.map((v, k) => v.mul(Rational.int(d + 2)).sub(rows[1]![k]!)));
          expect(gramRank(all)).toBe(Matrix.fromRows(all).rank());
        },
      ),
      { seed: 4242, numRuns: 60 },
    );
  });
  it('no rows: rank 0; zero rows: rank 0', () => {
    expect(gramRank([])).toBe(0);
    expect(gramRank([[Rational.ZERO, Rational.ZERO]])).toBe(0);
  });
});
