/**
 * The `dlgeom` command line as a function: one file per command under src/cli/, wired here.
 * Bad input (InputError, a wrong option) prints one line and gives exit 2 — never a stack
 * trace; anything else is an internal error (exit 3). runCli can be called in-process
 * (the fuzz harness does), each call with a fresh program.
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
};

/**
 * Runs `dlgeom` with `argv` (as process.argv: node, script, arguments…) and returns its
 * exit status: 0/1 a verdict, 2 bad input, 3 internal error. Commands report a status
 * other than 0 through process.exitCode; it is read here and restored afterwards.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('dlgeom')
    .description('Exact checks of claims about L² minimizers of ReLU networks (Chen & Muñoz Ewald).')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str.split('\n')[0] + '\n') });

  const requested = argv[2];
  if (requested === undefined) {
    process.stderr.write(`dlgeom: no command given (${Object.keys(COMMANDS).join(', ')}); see dlgeom --help\n`);
    return 2;
  }
  const toLoad = Object.hasOwn(COMMANDS, requested) ? [requested] : Object.keys(COMMANDS);
  for (const name of toLoad) (await COMMANDS[name]!())(program);

  const before = process.exitCode;
  process.exitCode = undefined;
  let status: number;
  try {
    await program.parseAsync([...argv]);
    status = Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      status = e.exitCode === 0 ? 0 : 2;
    } else if (e instanceof InputError) {
      process.stderr.write(`dlgeom: ${e.message.split('\n')[0]}\n`);
      status = 2;
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`dlgeom: internal error: ${msg.split('\n')[0]}\n`);
      if (process.env.DLGEOM_DEBUG) console.error(e);
      status = 3;
    }
  } finally {
    process.exitCode = before;
  }
  return status;
}
