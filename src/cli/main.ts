/**
 * The `dlgeom` command line: one file per command under src/cli/, wired here.
 * Bad input (InputError, a wrong option) prints one line and exits 2 — never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../data/errors.ts';
import { exampleNames } from '../data/examples.ts';
import { CATALOGUE_IDS } from '../claims/catalogue.ts';
import { outputStyle, wrapText } from './terminal.ts';

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
  explain: async () => (await import('./explain.ts')).registerExplain,
  generate: async () => (await import('./generate.ts')).registerGenerate,
};

/**
 * Commander's error, on one line: its suggestion ("(Did you mean verify?)", on a
 * second line) joined to the first as "(did you mean 'verify'?)".
 * @example oneLineError("error: unknown command 'verfy'\n(Did you mean verify?)\n") // "error: unknown command 'verfy' (did you mean 'verify'?)\n"
 */
export function oneLineError(str: string): string {
  const [first, ...rest] = str.split('\n').filter((l) => l.trim() !== '');
  const hint = /^\(Did you mean (.+)\?\)$/.exec(rest.join(' ').trim());
  return `${first ?? ''}${hint ? ` (did you mean '${hint[1]}'?)` : ''}\n`;
}

const program = new Command()
  .name('dlgeom')
  .description('Exact checks of claims about L² minimizers of ReLU networks (Chen & Muñoz Ewald).')
  .version('0.1.0')
  .exitOverride()
  .showSuggestionAfterError(true)
  .configureOutput({ outputError: (str, write) => write(oneLineError(str)) })
  .addHelpText(
    'after',
    () =>
      '\n' +
      [
        `Built-in examples (--example <name>, instead of a data file): ${exampleNames().join(', ')}`,
        `Claims (dlgeom explain <claim-id>: statement, hypotheses, certificates): ${CATALOGUE_IDS.join(', ')}`,
        'Output: tables fit the terminal (--wide, or a pipe, for full width); NO_COLOR turns colour off.',
      ]
        .map((line) => wrapText(line, outputStyle().width))
        .join('\n') +
      '\n',
  );

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
