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

const EXACT_MODULAR = [
  'src/exact/modular.ts',
  'src/exact/rational-reconstruction.ts',
  'src/exact/dixon.ts',
  'src/exact/certified-rank.ts',
  'src/exact/modular-det.ts',
  'src/exact/binary.ts',
  'src/exact/grid.ts',
];
const EXACT_CORE = ['src/exact/rational.ts', 'src/exact/matrix.ts', 'src/exact/least-squares.ts'];

const SCOPES = {
  exact: ['src/exact/**/*.ts'],
  // The exact layer in two halves (same tests, own incremental files), so each half's run
  // fits in an afternoon on a loaded machine: exact-core + exact-modular = exact.
  'exact-core': EXACT_CORE,
  'exact-modular': EXACT_MODULAR,
  // The trusted checker: everything check.ts runs to accept or reject a certificate.
  checker: [
    'src/certificates/check.ts',
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
  // The data loaders: everything loadDataFile runs from the bytes to a DataSet or a one-line
  // InputError. Not here: compact.ts/build.ts (the storage and assembly of a data set, tested
  // with the statistics), write*.ts and the statistics.
  loaders: [
    'src/data/load.ts',
    'src/data/load-csv.ts',
    'src/data/load-json.ts',
    'src/data/fast-csv.ts',
    'src/data/fast-json.ts',
    'src/data/json-exact.ts',
    'src/data/numbers.ts',
    'src/data/limits.ts',
    'src/data/errors.ts',
    'src/data/io-error.ts',
  ],
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
  // The halves of the exact scope run the exact scope's tests (vitest.mutation.config.ts).
  process.env.DLGEOM_MUTATION_SCOPE = scope.startsWith('exact') ? 'exact' : scope;
  // DLGEOM_MUTATION_FILES (comma-separated paths) runs part of a scope, with its own
  // incremental file: on a loaded machine, one file's score complete beats every file's partial.
  const only = process.env.DLGEOM_MUTATION_FILES?.split(',').filter(Boolean);
  const results = await new Stryker({
    configFile: path.join(root, 'stryker.config.json'),
    mutate: only ?? SCOPES[scope],
    incrementalFile: `reports/mutation/${scope}${only ? '-' + only.map((f) => path.basename(f, '.ts')).join('+') : ''}.incremental.json`,
    // One sandbox folder per scope, so two scopes can run side by side.
    tempDirName: `.stryker-tmp-${scope}`,
    ignorePatterns: ['/.stryker-tmp*'],
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
  // Per file: the score the README and docs/mutation.md record (every file, not only the total).
  const files = [...new Set(results.map((r) => r.fileName))].sort();
  for (const f of files) {
    const mine = results.filter((r) => r.fileName === f);
    const k = mine.filter((r) => r.status === 'Killed' || r.status === 'Timeout').length;
    const sv = mine.filter((r) => r.status === 'Survived' || r.status === 'NoCoverage').length;
    console.log(`  ${path.relative(root, path.resolve(root, f))}: ${k + sv === 0 ? 100 : ((100 * k) / (k + sv)).toFixed(1)} % (${k} killed or timed out, ${sv} survived or not covered)`);
  }
}
for (const s of summary) console.log(`mutation score ${s.scope}: ${s.score} % (${s.killed} killed or timed out, ${s.survived} survived or not covered)`);
writeFileSync(path.join(root, 'reports/mutation/summary.json'), JSON.stringify(summary, null, 1) + '\n');
