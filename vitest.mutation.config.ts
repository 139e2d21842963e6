import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against mutants (npm run mutation): per scope, only the unit
 * tests of that module, so a mutant costs a fraction of a second, not the suite.
 * The scope comes from DLGEOM_MUTATION_SCOPE (set by scripts/mutation.mjs).
 */
const TESTS: Record<string, string[]> = {
  exact: ['test/exact-*.test.ts', 'test/mutation-exact.test.ts'],
  // The checker's own tests (reasons asserted per check, its linear algebra, moment sums and
  // pattern classification against references, the kernel's mod-p path against oracles), the
  // certificate fixtures, and the tests that reach the mod-p rank path (jacobian-subset) and
  // the second-order descent. Not here: the certificate tamper and reader fuzz suites — their
  // set-up runs verify per file load, which Stryker repeats per mutant: with them the checker
  // run was measured at 103 of 2 228 mutants in 7 min (projected ~21 h). They run in the normal suite.
  checker: [
    'test/certificates.test.ts',
    'test/mutation-checker*.test.ts',
    'test/jacobian-subset.test.ts',
    'test/claims-second-order.test.ts',
  ],
  'checker-base': ['test/mutation-checker-base.test.ts'],
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
