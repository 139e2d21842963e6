import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from '../src/util/suggest.ts';
import { CATALOGUE_IDS } from '../src/claims/catalogue.ts';
import { exampleNames } from '../src/data/examples.ts';

describe('did you mean', () => {
  it('edit distance counts insertions, deletions, substitutions and neighbour swaps', () => {
    expect(editDistance('verfy', 'verify')).toBe(1);
    expect(editDistance('vreify', 'verify')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the nearest claim ids and example names, nothing for a far-off word', () => {
    expect(nearest('d1', CATALOGUE_IDS)).toEqual(['D1']);
    expect(nearest('D1-degenracy', CATALOGUE_IDS)).toEqual(['D1-degeneracy']);
    expect(nearest('irsi', exampleNames())).toEqual(['iris']);
    expect(nearest('clusters-q5', exampleNames())).toEqual(['clusters-q2', 'clusters-q3', 'clusters-q4']);
    expect(didYouMean('banana', exampleNames())).toBe('');
    expect(didYouMean('S4', CATALOGUE_IDS)).toBe(" (did you mean 'T4', 'S1', 'S2' or 'S3'?)");
  });
});
