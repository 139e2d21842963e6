import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against mutants (npm run mutation): per scope, only the unit
 * tests of that module, so a mutant costs a fraction of a second, not the suite.
 * The scope comes from DLGEOM_MUTATION_SCOPE (set by scripts/mutation.mjs).
 */
const TESTS: Record<string, string[]> = {
  exact: ['test/exact-*.test.ts', 'test/mutation-exact*.test.ts'],
  // The checker's own tests (reasons asserted per check, the kernel's mod-p path against
  // oracles), the certificate fixtures, and the tests that reach the mod-p rank path
  // (jacobian-subset) and the second-order descent. Not here: the tamper and reader fuzz
  // suites and claims-degeneracy-exact — they run verify on several data sets per file load,
  // which Stryker repeats for every mutant (the run would not finish in an afternoon); they
  // run in the normal suite.
  checker: [
    'test/certificates.test.ts',
    'test/mutation-checker*.test.ts',
    'test/jacobian-subset.test.ts',
    'test/claims-second-order.test.ts',
  ],
  // The loaders' unit tests, the size limits, and the data-file fuzz suite (hostile files
  // through the loaders and the CLI, in-process, so mutants are active in it). Not here:
  // fuzz/cli-options.fuzz.test.ts — it runs whole commands (verify, latex, search) per case,
  // which every surviving loader mutant would repeat; its data files (missing, a folder, no
  // extension, a NUL byte, the examples) are cases test/data-load.test.ts and the data-file
  // fuzz suite already give the loaders. It runs in the normal suite.
  loaders: [
    'test/data-load.test.ts',
    'test/data-json-exact.test.ts',
    'test/data-limits.test.ts',
    'test/compact-data.test.ts',
    'test/mutation-loaders*.test.ts',
    'fuzz/data-files.fuzz.test.ts',
  ],
};

const scope = process.env.DLGEOM_MUTATION_SCOPE ?? 'exact';
export default defineConfig({
  test: {
    include: TESTS[scope] ?? [],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
