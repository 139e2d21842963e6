import { describe, expect, it } from 'vitest';
import { exampleNames, loadExample } from '../src/data/examples.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { buildD1Large } from '../src/claims/d1-large.ts';
import { flattenParams } from '../src/network/params.ts';

/** The large-data D1 builder (moments, extremes, working-set LP) must agree with the point-wise one. */
describe('buildD1Large agrees with buildD1', () => {
  for (const name of exampleNames())
    it(name, () => {
      const ds = loadExample(name);
      const a = buildD1(ds, ds.Q);
      const b = buildD1Large(ds, ds.Q);
      expect(b.kind).toBe(a.kind);
      if (a.kind === 'built' && b.kind === 'built') {
        expect(b.construction.order).toEqual(a.construction.order);
        expect(flattenParams(b.construction.net).map(String)).toEqual(flattenParams(a.construction.net).map(String));
      } else {
        expect(b.kind === 'built' ? '' : b.reason).toBe(a.kind === 'built' ? '' : a.reason);
      }
    });
});
