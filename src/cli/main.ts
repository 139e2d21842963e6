/**
 * The `dlgeom` command line: one file per command under src/cli/, wired here.
 * Bad input (InputError, a wrong option) prints one line and exits 2 — never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../data/errors.ts';
import { registerCheck } from './check.ts';
import { registerLatex } from './latex.ts';
import { registerSearch } from './search.ts';
import { registerProve } from './prove.ts';
import { registerStats } from './stats.ts';
import { registerVerify } from './verify.ts';

const program = new Command()
  .name('dlgeom')
  .description('Exact checks of claims about L² minimizers of ReLU networks (Chen & Muñoz Ewald).')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ outputError: (str, write) => write(str.split('\n')[0] + '\n') });

registerStats(program);
registerVerify(program);
registerCheck(program);
registerLatex(program);
registerSearch(program);
registerProve(program);

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
