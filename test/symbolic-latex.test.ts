import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { symbolicRate } from '../src/claims/s3-affine-minimum.ts';
import { Poly } from '../src/symbolic/rational-function.ts';

describe('LaTeX of exact rational functions', () => {
  it('writes polynomials from exact coefficients', () => {
    expect(Poly.of([1, 0, '-1/2']).toLatex()).toBe('-\\frac{1}{2}\\delta^{2} + 1');
    expect(Poly.of([0, -1, 3]).toLatex('t')).toBe('3t^{2} - t');
    expect(Poly.ZERO.toLatex()).toBe('0');
  });

  it('keeps integers beyond 2^53 exact (nerdamer toTeX rounded them)', () => {
    const ds = loadExample('clusters-q3');
    const sq = shallowQuantities(ds);
    const family = symbolicRate(ds, sq)!;
    // On the family through the data, U²(δ) = U²·δ², so the exact U² appears literally.
    expect(family.U2!.latex).toContain(sq.U2!.num.toString());
    expect(family.U2!.latex).toContain(sq.U2!.den.toString());
    expect(() => katex.renderToString(family.U2!.latex, { throwOnError: true })).not.toThrow();
  });
});
