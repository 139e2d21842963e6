/**
 * `dlgeom report (--data <file> | --example <name>) -o report.html [--force] [--layers L] [--cost C] [--skip-d2]`:
 * one self-contained HTML page for a verify run (src/report/verify-report.ts).
 * An existing output file is never replaced without --force.
 */
import type { Command } from 'commander';
import { InputError } from '../data/errors.ts';
import { verify } from '../claims/verify.ts';
import { verifyReportHtml } from '../report/verify-report.ts';
import { refuseToOverwrite, writePage } from '../report/write.ts';
import { loadInput } from './common.ts';
import { parseConvention, parseLayers } from './options.ts';
import { stepProgress } from './progress.ts';

interface ReportOpts {
  data?: string;
  example?: string;
  output?: string;
  force?: boolean;
  layers?: string;
  cost: string;
  skipD2?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write one self-contained HTML report of every claim on a data set: verdicts, derivations (KaTeX), figures (SVG), certificates')
    .option('--data <file>', 'a .json (dlgeom/data@1) or .csv data file')
    .option('--example <name>', 'use a built-in example instead of a file')
    .option('-o, --output <file>', 'the HTML file to write (required)')
    .option('--force', 'replace the output file if it exists')
    .option('--layers <L>', 'hidden layers for the deep claims (default: Q)')
    .option('--cost <convention>', 'cost convention: norm | mse | half-mse', 'norm')
    .option('--skip-d2', 'skip D2 (2^Q − 1 candidates)')
    .action(async (opts: ReportOpts) => {
      if ((opts.data === undefined) === (opts.example === undefined)) throw new InputError('give exactly one of --data <file> or --example <name>');
      if (opts.output === undefined) throw new InputError('give the output file with -o <file>');
      const convention = parseConvention(opts.cost);
      refuseToOverwrite(opts.output, !!opts.force, '-o');
      const ds = loadInput({ file: opts.data, example: opts.example });
      const layers = opts.layers === undefined ? ds.Q : parseLayers(opts.layers);
      const progress = stepProgress(true, 12);
      const report = verify(ds, { layers, convention, skipD2: !!opts.skipD2, onStep: progress.step });
      progress.step('writing the report');
      const page = await verifyReportHtml(report);
      progress.stop();
      if (page.mathErrors.length) throw new Error(`KaTeX could not render ${page.mathErrors.length} formula(s), e.g. ${page.mathErrors[0]}`);
      writePage(opts.output, page.html, !!opts.force);
      process.stderr.write(`wrote ${opts.output} (${Math.round(page.html.length / 1024)} KiB)\n`);
    });
}
