/** The `dlgeom` executable: runs the command line (src/cli/run.ts) and exits with its status. */
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv);
