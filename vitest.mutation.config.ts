import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against mutants (npm run mutation): per scope, only the unit
 * tests of that module, so a mutant costs a fraction of a second, not the suite.
 * The scope comes from DLGEOM_MUTATION_SCOPE (set by scripts/mutation.mjs).
 */
const TESTS: Record<string, string[]> = {
  exact: ['test/exact-*.test.ts', 'test/mutation-exact.test.ts'],
  // The checker's own tests (reasons asserted per check, the kernel's mod-p path against
  // oracles), the certificate fixtures, the tests that reach the mod-p rank path
  // (jacobian-subset) and the second-order descent, and the short seeded slices of the
  // certificate tamper and reader fuzz suites.
  checker: [
    'test/certificates.test.ts',
    'test/mutation-checker*.test.ts',
    'test/jacobian-subset.test.ts',
    'test/claims-second-order.test.ts',
    'fuzz/certificate-tamper.fuzz.test.ts',
    'fuzz/certificate-reader.fuzz.test.ts',
  ],
  loaders: ['test/data-load.test.ts', 'test/data-json-exact.test.ts', 'test/compact-data.test.ts', 'test/mutation-loaders.test.ts', 'fuzz/data-files.fuzz.test.ts'],
};

const scope = process.env.DLGEOM_MUTATION_SCOPE ?? 'exact';
export default defineConfig({
  test: {
    include: TESTS[scope] ?? [],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
