/**
 * The `dlgeom` command line: one file per command under src/cli/, wired here.
 * Bad input (InputError, a wrong option) prints one line and exits 2 — never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../data/errors.ts';

/**
 * Each command's module is loaded only when that command runs (all of them for
 * `--help` or an unknown command): start-up then pays for one command's
 * dependencies, not for every library the toolkit uses.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  stats: async () => (await import('./stats.ts')).registerStats,
  verify: async () => (await import('./verify.ts')).registerVerify,
  check: async () => (await import('./check.ts')).registerCheck,
  latex: async () => (await import('./latex.ts')).registerLatex,
  search: async () => (await import('./search.ts')).registerSearch,
  prove: async () => (await import('./prove.ts')).registerProve,
  decide: async () => (await import('./decide.ts')).registerDecide,
};

const program = new Command()
  .name('dlgeom')
  .description('Exact checks of claims about L² minimizers of ReLU networks (Chen & Muñoz Ewald).')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ outputError: (str, write) => write(str.split('\n')[0] + '\n') });

const requested = process.argv[2];
const toLoad = requested !== undefined && requested in COMMANDS ? [requested] : Object.keys(COMMANDS);
for (const name of toLoad) (await COMMANDS[name]!())(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof InputError) {
    process.stderr.write(`dlgeom: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`dlgeom: internal error: ${msg}\n`);
    if (process.env.DLGEOM_DEBUG) console.error(e);
    process.exitCode = 3;
  }
}
