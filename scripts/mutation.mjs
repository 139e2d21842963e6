/**
 * `npm run mutation [-- exact|checker|loaders …]`: StrykerJS (stryker.config.json) on the
 * exact layer, the certificate checker and the data loaders, one scope at a time, each
 * mutant tested by that scope's unit tests only (vitest.mutation.config.ts). Results are
 * incremental (reports/mutation/<scope>.incremental.json): a re-run tests only mutants whose
 * code or tests changed. Prints the score per scope; reports/mutation/<scope>.json has every mutant.
 *
 * Stryker 10's command line refuses Node < 22 by a version guard; this project runs on
 * Node 20, where Stryker's API works, so we call the API (the guard is only in the CLI module).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'node_modules/@stryker-mutator/core/dist/src/stryker.js');
const { Stryker } = await import(pathToFileURL(entry).href);

const SCOPES = {
  exact: ['src/exact/**/*.ts'],
  // The trusted checker: everything check.ts runs to accept or reject a certificate.
  checker: [
    'src/certificates/check.ts',
    'src/certificates/check-critical-point.ts',
    'src/certificates/check-lower-cost.ts',
    'src/certificates/claim-rules.ts',
    'src/certificates/structure.ts',
    'src/certificates/rejection.ts',
    'src/certificates/kernel.ts',
    'src/certificates/linalg.ts',
    'src/certificates/affine.ts',
    'src/certificates/groups.ts',
    'src/certificates/read.ts',
  ],
  // The checker's own primitives alone, against their reference tests (a quick lower bound for them).
  'checker-base': ['src/certificates/linalg.ts', 'src/certificates/affine.ts', 'src/certificates/groups.ts'],
  loaders: ['src/data/load*.ts', 'src/data/json-exact.ts', 'src/data/numbers.ts', 'src/data/fast-*.ts', 'src/data/limits.ts'],
};

const requested = process.argv.slice(2);
const scopes = requested.length ? requested : Object.keys(SCOPES);
mkdirSync(path.join(root, 'reports/mutation'), { recursive: true });
const summary = [];
for (const scope of scopes) {
  if (!SCOPES[scope]) {
    console.error(`unknown scope "${scope}" (expected ${Object.keys(SCOPES).join(', ')})`);
    process.exit(2);
  }
  process.env.DLGEOM_MUTATION_SCOPE = scope;
  const results = await new Stryker({
    configFile: path.join(root, 'stryker.config.json'),
    mutate: SCOPES[scope],
    incrementalFile: `reports/mutation/${scope}.incremental.json`,
    // DLGEOM_MUTATION_CONCURRENCY overrides the config's 1 when the machine has cores to spare.
    ...(process.env.DLGEOM_MUTATION_CONCURRENCY ? { concurrency: Number(process.env.DLGEOM_MUTATION_CONCURRENCY) } : {}),
    // DLGEOM_MUTATION_TIMEOUT_MS overrides the config's 20 s margin (a mutant looping forever costs that much each).
    ...(process.env.DLGEOM_MUTATION_TIMEOUT_MS ? { timeoutMS: Number(process.env.DLGEOM_MUTATION_TIMEOUT_MS) } : {}),
    jsonReporter: { fileName: `reports/mutation/${scope}.json` },
  }).runMutationTest();
  const count = (...s) => results.filter((r) => s.includes(r.status)).length;
  const killed = count('Killed', 'Timeout');
  const survived = count('Survived', 'NoCoverage');
  const score = killed + survived === 0 ? 100 : (100 * killed) / (killed + survived);
  summary.push({ scope, score: Number(score.toFixed(1)), killed, survived, ignored: count('Ignored', 'CompileError', 'RuntimeError') });
}
for (const s of summary) console.log(`mutation score ${s.scope}: ${s.score} % (${s.killed} killed or timed out, ${s.survived} survived or not covered)`);
writeFileSync(path.join(root, 'reports/mutation/summary.json'), JSON.stringify(summary, null, 1) + '\n');
