/**
 * Fuzz harness for the command line: every command with random, malformed and hostile
 * option values, unknown options, odd output places (under a file, in /proc, NUL bytes)
 * and odd input files, run in-process. Each outcome is a verdict (exit 0/1) or exit 2
 * with one line on stderr — never exit 3 or a stack trace — and nothing is written
 * outside the temporary folder the case names. Seeds are fixed.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../test/support/fuzz.ts';
import { expectCleanOutcome, runInProcess } from './support/run-cli.ts';

const SEED = 17_002;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dlgeom-fuzz-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const aFile = path.join(tmp, 'a-file');
writeFileSync(aFile, 'not a folder\n');
const emptyDir = path.join(tmp, 'empty-dir');
mkdirSync(emptyDir);

/** Option values: plausible, malformed and hostile (valid numbers stay small, so no case runs long). */
const value = fc.oneof(
  fc.constantFrom('1', '2', '3', '0', '-1', '1.5', '1e3', '99999999999999999999', '2147483648', '-2147483649', 'NaN', '0x10', ' 2', ''),
  fc.constantFrom('norm', 'mse', 'half-mse', 'MSE', 'clusters-q2', 'clusters-q3', 'iris', 'nope', '../../etc/passwd', '--json', '-o', '\u0000', 'ü', '1:2:3', '0:x', 'a\nb'),
  fc.string({ maxLength: 6 }),
  fc.constant('x'.repeat(5000)),
);
let outCounter = 0;
/** Output places: fresh folders, a file, under a file, /proc, a NUL byte, the empty string. */
const outPlace = fc.constantFrom('fresh', 'nested', 'file', 'under-file', 'proc', 'proc-deep', 'nul', 'empty', 'existing').map((kind) => {
  const fresh = path.join(tmp, `out-${outCounter++}`);
  return {
    fresh,
    nested: path.join(fresh, 'a', 'b'),
    file: aFile,
    'under-file': path.join(aFile, 'sub'),
    proc: '/proc/dlgeom-nope',
    'proc-deep': '/proc/dlgeom-nope/a/b',
    nul: path.join(tmp, 'nul\u0000x'),
    empty: '',
    existing: emptyDir,
  }[kind];
});
const texPlace = outPlace.map((p) => (p === '' || p === aFile ? p : `${p}.tex`));
const dataFile = fc.constantFrom('examples/clusters-q2.json', 'examples/overlap-q2.json', 'examples/iris.csv', path.join(tmp, 'missing.json'), emptyDir + '.csv', aFile, emptyDir, 'x.txt', path.join(tmp, 'nul\u0000.csv'), '');
const claimId = fc.oneof(fc.constantFrom('S1', 'S2', 'S3', 'D1', 'D1-degeneracy', 'D2', 'D3', 'R1', 'T', 'T1', 'T4-general', 'S3-tied', 'D2-all', 'd2', ''), value);

type Spec = Record<string, fc.Arbitrary<string> | null>;
/** Some of the options of `spec` (null: a flag), in random order, with an unknown option at times. */
function options(spec: Spec): fc.Arbitrary<string[]> {
  const names = Object.keys(spec);
  return fc
    .tuple(fc.subarray(names), fc.option(fc.constantFrom('--bogus', '-z', '--json=1', '--'), { nil: undefined }))
    .chain(([chosen, unknown]) =>
      fc.tuple(...chosen.map((n) => (spec[n] === null ? fc.constant([n]) : spec[n]!.map((v) => [n, v])))).map((parts) => [...parts.flat(), ...(unknown ? [unknown] : [])]),
    );
}

const input = { '--example': fc.constantFrom('clusters-q2', 'overlap-q2', 'nope', '') } satisfies Spec;
const commands: Record<string, fc.Arbitrary<string[]>> = {
  stats: fc.tuple(fc.option(dataFile, { nil: undefined }), options({ ...input, '--json': null })).map(([f, o]) => ['stats', ...(f === undefined ? [] : [f]), ...o]),
  verify: fc
    .tuple(fc.option(dataFile, { nil: undefined }), options({ ...input, '--layers': value, '--cost': value, '--json': null, '--certificates': outPlace, '--force': null, '--skip-d2': null }))
    .map(([f, o]) => ['verify', ...(f === undefined ? [] : [f]), ...o]),
  latex: fc
    .tuple(claimId, options({ ...input, '--data': dataFile, '-o': texPlace, '--fragment': null, '--layers': value, '--force': null }))
    .map(([c, o]) => ['latex', c, ...o]),
  search: fc
    .tuple(claimId, options({ '--runs': value, '--seed': value, '--max-q': value, '--path': value, '--json': null, '--out': outPlace, '--store': outPlace }))
    // Never the default store (in the working folder): --no-store unless a --store was drawn.
    .map(([c, o]) => ['search', c, ...o, ...(o.includes('--store') ? [] : ['--no-store'])]),
  // prove runs its scripts only after every option is valid: a missing script keeps each case short.
  prove: fc
    .tuple(fc.constantFrom(path.join(tmp, 'none.proof.ts'), emptyDir, aFile), options({ '--json': null, '--junit': outPlace, '--markdown': outPlace, '--latex': outPlace, '--force': null, '--seed': value, '--runs': value }))
    .map(([p, o]) => ['prove', p, ...o]),
  check: fc.tuple(fc.constantFrom(aFile, emptyDir, path.join(tmp, 'missing.json'), ''), options({ ...input, '--data': dataFile })).map(([c, o]) => ['check', c, ...o]),
  top: fc.constantFrom([], ['--help'], ['--version'], ['help'], ['nope'], ['constructor'], ['__proto__'], ['verify', '--help'], ['-x']),
};

describe('the command line under random and hostile options (fuzz, in-process)', () => {
  const cwdBefore = readdirSync('.').sort();
  for (const [name, args] of Object.entries(commands))
    it(`${name}: a verdict or exit 2 with one line`, async () => {
      await fc.assert(
        fc.asyncProperty(args, async (argv) => {
          expectCleanOutcome(await runInProcess(argv), `dlgeom ${argv.map((a) => JSON.stringify(a.length > 60 ? a.slice(0, 60) + '…' : a)).join(' ')}`);
        }),
        { seed: SEED, numRuns: fuzzRuns(name === 'top' ? 10 : 25, 300) },
      );
    });
  it('nothing was written outside the temporary folder', () => {
    expect(readdirSync('.').sort()).toEqual(cwdBefore);
    expect(readdirSync('/proc').includes('dlgeom-nope')).toBe(false);
  });
});
