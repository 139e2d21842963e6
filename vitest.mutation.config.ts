import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against mutants (npm run mutation): per scope, only the unit
 * tests of that module, so a mutant costs a fraction of a second, not the suite.
 * The scope comes from DLGEOM_MUTATION_SCOPE (set by scripts/mutation.mjs).
 */
const TESTS: Record<string, string[]> = {
  // Not here: test/exact-modular.test.ts (runs in the normal suite) — its 40–66-size systems
  // cost seconds per surviving mutant under instrumentation; test/mutation-exact-modular.test.ts
  // reaches the same paths (thresholds, fall-backs, CRT, lifting) on small inputs.
  exact: ['test/exact-rational.test.ts', 'test/exact-matrix.test.ts', 'test/mutation-exact*.test.ts'],
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
  // The loaders' unit tests: each refusal and its one line, the size limits, the fast paths
  // against the reference parsers, the strict JSON reader. Not here (they run in the normal
  // suite): fuzz/data-files.fuzz.test.ts and fuzz/cli-options.fuzz.test.ts — they run the CLI
  // in-process and build 10^6–10^7-character files per case, which every surviving loader
  // mutant repeats (on the shared machine a first run with them did 7 mutants a minute of
  // 1 507); their hostile inputs are covered by named cases in test/mutation-loaders.test.ts
  // and test/data-limits.test.ts.
  loaders: [
    'test/data-load.test.ts',
    'test/data-json-exact.test.ts',
    'test/data-limits.test.ts',
    'test/compact-data.test.ts',
    'test/mutation-loaders*.test.ts',
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
