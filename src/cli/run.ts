/**
 * The `dlgeom` command line as a function: one file per command under src/cli/, wired here.
 * Bad input (InputError, a wrong option) prints one line and gives exit 2 — never a stack
 * trace; anything else is an internal error (exit 3). runCli can be called in-process
 * (the fuzz harness does), each call with a fresh program.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../data/errors.ts';
import { VERSION } from '../version.ts';

/**
 * Each command's module is loaded only when that command runs: start-up then
 * pays for one command's dependencies, not for every library the toolkit uses.
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
  init: async () => (await import('./init.ts')).registerInit,
  report: async () => (await import('./report.ts')).registerReport,
  decide: async () => (await import('./decide.ts')).registerDecide,
};

/**
 * The one-line summary of each command for `dlgeom --help`, so the overview loads no command
 * module (start-up close to bare Node's). Each equals the command's own description
 * (test/cli-startup.test.ts); a command without one here is loaded for the overview.
 */
const SUMMARIES: Record<string, { args: string; description: string }> = {
  stats: { args: '[data-file]', description: 'class sizes and the exact noise sizes δ² and δ_P² of a data set' },
  verify: { args: '[data-file]', description: 'construct and decide every claim (S1–S3, D1, degeneracy, D2, D3, R1) on a data set, with certificates' },
  check: { args: '<certificate>', description: 're-check a certificate exactly, from the data and the certificate alone' },
  latex: { args: '<claim-id>', description: 'write a LaTeX document deriving one claim (S1, S2, S3, D1, D1-degeneracy, D2, D3, R1, T) on a data set' },
  search: { args: '<claim-id>', description: 'search for counterexamples to a claim (property-based, exact confirmation, shrinking, replayable)' },
  prove: { args: '[paths...]', description: 'run proof scripts (default: proofs/*.proof.ts) and compare every verdict with the baseline; exit 1 on any difference' },
  explain: { args: '[claim-id]', description: 'what a claim states, its hypotheses, what certifies it, and a command to try' },
  generate: { args: '<kind>', description: 'write exact clustered data in the papers\' setting (Q classes in R^M, noise size δ), with variants' },
  report: { args: '', description: 'write one self-contained HTML report of every claim on a data set: verdicts, derivations (KaTeX), figures (SVG), certificates' },
  decide: { args: '', description: 'decide exactly, with certificates, whether a given network is a global or local minimum, a critical point, and how it truncates the classes' },
  init: { args: '[dir]', description: 'scaffold a proofs project (package.json, tsconfig.json, an example proof, an empty baseline)' },
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

/** The overview's closing lines (examples, claim ids): loaded only when no known command runs. */
async function overviewNotes(): Promise<string> {
  const [{ exampleNames }, { CATALOGUE_IDS }, { outputStyle, wrapText }] = await Promise.all([import('../data/examples.ts'), import('../claims/catalogue.ts'), import('./terminal.ts')]);
  return (
    '\n' +
    [
      `Built-in examples (--example <name>, instead of a data file): ${exampleNames().join(', ')}`,
      `Claims (dlgeom explain <claim-id>: statement, hypotheses, certificates): ${CATALOGUE_IDS.join(', ')}`,
      'Output: tables fit the terminal (--wide, or a pipe, for full width); NO_COLOR turns colour off.',
    ]
      .map((line) => wrapText(line, outputStyle().width))
      .join('\n') +
    '\n'
  );
}

/**
 * Runs `dlgeom` with `argv` (as process.argv: node, script, arguments…) and returns its
 * exit status: 0/1 a verdict, 2 bad input, 3 internal error. Commands report a status
 * other than 0 through process.exitCode; it is read here and restored afterwards.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const args = argv.slice(2);
  if (args.length === 0) {
    process.stderr.write(`dlgeom: no command given (${Object.keys(COMMANDS).join(', ')}); see dlgeom --help\n`);
    return 2;
  }
  /** The command that will run (`dlgeom help <command>` shows that command's help), if any. */
  const requested = args[0] === 'help' ? args[1] : args[0];
  const known = requested !== undefined && Object.hasOwn(COMMANDS, requested);
  const notes = known ? '' : await overviewNotes();
  const program = new Command()
    .name('dlgeom')
    .description('Exact checks of claims about L² minimizers of ReLU networks (Chen & Muñoz Ewald).')
    .version(VERSION)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (str, write) => write(oneLineError(str)) })
    .addHelpText('after', () => notes);
  if (known) (await COMMANDS[requested]!())(program);
  else
    for (const name of Object.keys(COMMANDS)) {
      const summary = SUMMARIES[name];
      if (summary) program.command(`${name} ${summary.args}`.trim()).description(summary.description);
      else (await COMMANDS[name]!())(program);
    }

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
