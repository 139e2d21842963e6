import { describe, expect, it } from 'vitest';
import { q } from '../src/exact/rational-shorthands.ts';
import { SymbolicMismatchError } from '../src/symbolic/errors.ts';
import { crossCheckFixedPoints, fixedPointSet, type FixedPointSet } from '../src/symbolic/fixed-points.ts';
import { evaluateExact, symbolic } from '../src/symbolic/polynomial.ts';

describe('fixed points of τ_{W,b}, 2×2 symbolic W', () => {
  const fp = fixedPointSet(2);

  it('gives the cone K⁺ = {Wx + b ≥ 0} and one derivation per pattern', () => {
    expect(fp.cone).toEqual(['b1r1 + w1r1c1*x1 + w1r1c2*x2 >= 0', 'b1r2 + w1r2c1*x1 + w1r2c2*x2 >= 0']);
    expect(fp.patterns).toHaveLength(4);
    expect(fp.proved.join('\n')).toMatch(/Fix\(τ\) = K⁺/);
    for (const p of fp.patterns) {
      const inactive = p.active.filter((a) => !a).length;
      expect(p.fixedIff).toHaveLength(inactive);
      expect(p.region).toHaveLength(2);
    }
    // all active: τ = id on the region
    expect(fp.patterns[3]!.displacement.map(String)).toEqual(['0', '0']);
    // all inactive: τ is the apex (T3)
    expect(fp.patterns[0]!.collapsesToApex).toBe(true);
    expect(fp.patterns[1]!.collapsesToApex).toBe(false);
  });

  it('matches a hand computation', () => {
    // W = [[2,1],[0,1]], b = (−1, 1), x = (1, −3): z = Wx + b = (−2, −2): both inactive, τ(x) = −W⁻¹b = θ.
    // W⁻¹ = [[1/2, −1/2],[0, 1]], θ = −W⁻¹ b = −(−1/2 − 1/2, 1) = (1, −1); τ(x) − x = (0, 2).
    const at = { w1r1c1: q(2), w1r1c2: q(1), w1r2c1: q(0), w1r2c2: q(1), b1r1: q(-1), b1r2: q(1), x1: q(1), x2: q(-3) };
    const d = fp.patterns[0]!.displacement.map((e) => evaluateExact(e, at).toString());
    expect(d).toEqual(['0', '2']);
    // x = (1, 1): z = (2, 2), fixed
    const at2 = { ...at, x2: q(1) };
    expect(fp.patterns[3]!.displacement.map((e) => evaluateExact(e, at2).toString())).toEqual(['0', '0']);
    // x = (0, 1): z = (0, 2): on the boundary, pattern {2} active; z1 = 0 so also fixed
    const at3 = { ...at, x1: q(0), x2: q(1) };
    expect(fp.patterns[2]!.displacement.map((e) => evaluateExact(e, at3).toString())).toEqual(['0', '0']);
    // x = (2, −2): z = (1, −1), pattern {1}: τ − x = −W⁻¹(0, −1) = (−1/2, 1)
    const at4 = { ...at, x1: q(2), x2: q(-2) };
    expect(fp.patterns[1]!.displacement.map((e) => evaluateExact(e, at4).toString())).toEqual(['-1/2', '1']);
  });

  it('cross-checks against exact τ at random instances, fixed and moved points both occurring', () => {
    const r = crossCheckFixedPoints(fp, 40, 9);
    expect(r.fixed).toBeGreaterThan(0);
    expect(r.moved).toBeGreaterThan(0);
  });

  it('detects a wrong derivation (SymbolicMismatchError)', () => {
    const tampered: FixedPointSet = {
      ...fp,
      patterns: fp.patterns.map((p, i) => (i === 1 ? { ...p, displacement: [symbolic('0'), p.displacement[1]!] } : p)),
    };
    expect(() => crossCheckFixedPoints(tampered, 40, 9)).toThrow(SymbolicMismatchError);
  });
});

describe('fixed points of τ_{W,b}, 3×3', () => {
  it.each(['diagonal', 'lower-triangular', 'general'] as const)('%s W', (shape) => {
    const fp = fixedPointSet(3, { shape, checkPoints: 12 });
    expect(fp.patterns).toHaveLength(8);
    expect(fp.cone).toHaveLength(3);
    if (shape === 'diagonal') expect(fp.determinant.toString()).toBe('w1r1c1*w1r2c2*w1r3c3');
    const r = crossCheckFixedPoints(fp, 24, 4);
    expect(r.fixed + r.moved).toBe(24);
    // diagonal W: coordinates decouple; inactive coordinate k moves by −z_k / w_kk
    if (shape === 'diagonal') {
      const at = { w1r1c1: q(2), w1r2c2: q(-3), w1r3c3: q('1/2'), b1r1: q(1), b1r2: q(1), b1r3: q(1), x1: q(-1), x2: q(0), x3: q(2) };
      // z = (−1, 1, 2): pattern {2,3} = mask 0b110 = 6; τ − x = (−(−1)/2, 0, 0) = (1/2, 0, 0)
      expect(fp.patterns[6]!.displacement.map((e) => evaluateExact(e, at).toString())).toEqual(['1/2', '0', '0']);
    }
  });

  it('rejects sizes it does not support', () => {
    expect(() => fixedPointSet(4)).toThrow(RangeError);
  });
});
