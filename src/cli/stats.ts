/**
 * `dlgeom stats`: the data summary and the exact noise sizes δ², δ_P² of a data
 * set (SPEC §1, §7), as a table or as JSON.
 */
import Table from 'cli-table3';
import type { Command } from 'commander';
import type { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { ClassStats } from '../data/stats.ts';
import { classStats } from '../data/stats.ts';
import { dataSummaryJson, loadInput } from './common.ts';
import { toNumber } from '../exact/rational-to-number.ts';

/**
 * Adds `dlgeom stats [data-file] [--example <name>] [--json]`; bad input is an
 * InputError (main.ts prints one line, exit 2).
 * @example registerStats(new Command()) // then: dlgeom stats --example iris --json
 */
export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('class sizes and the exact noise sizes δ² and δ_P² of a data set')
    .argument('[data-file]', 'a .json (dlgeom/data@1) or .csv data file')
    .option('--example <name>', 'use a built-in example instead of a file')
    .option('--json', 'print machine-readable JSON')
    .action((file: string | undefined, opts: { example?: string; json?: boolean }) => {
      const ds = loadInput({ file, example: opts.example });
      const stats = classStats(ds); // exact, from integer moments (test/data-twins.test.ts)
      process.stdout.write(opts.json ? statsJson(ds, stats) + '\n' : statsTable(ds, stats) + '\n');
    });
}

/** The `stats --json` format (schemas/stats.schema.json). */
export const STATS_FORMAT = 'dlgeom/stats@1';

/**
 * Everything the table shows: the data summary (name, source with SHA-256, Q, M, N, class
 * labels and sizes), rank X̄, and δ², δ_P² exactly (reduced fractions) and as floats;
 * δ_P² is null when rank X̄ < Q, with the reason.
 */
export function statsJson(ds: DataSet, stats: ClassStats): string {
  return JSON.stringify({
    format: STATS_FORMAT,
    data: dataSummaryJson(ds),
    quantities: {
      rankXbar: stats.rankXbar,
      delta2: stats.delta2.toString(),
      delta2Float: toNumber(stats.delta2),
      deltaP2: stats.deltaP2?.toString() ?? null,
      deltaP2Float: stats.deltaP2 ? toNumber(stats.deltaP2) : null,
      ...(stats.deltaP2 ? {} : { deltaP2Reason: `rank X̄ = ${stats.rankXbar} < Q = ${ds.Q}: the projection P is not defined` }),
    },
  });
}

function statsTable(ds: DataSet, stats: ClassStats): string {
  const table = new Table({ style: { head: [], border: [] } });
  const source = ds.source.kind === 'file' ? `file ${ds.source.path}` : `example ${ds.source.name}`;
  const float = (r: Rational): string => `≈ ${Number(toNumber(r).toPrecision(6))}`;
  table.push(
    { name: ds.name },
    { source: `${source} (sha256 ${ds.source.sha256.slice(0, 12)}…)` },
    { 'Q (classes)': ds.Q },
    { 'M (dimension)': ds.M },
    { 'N (points)': ds.N },
    { 'class sizes': ds.classes.map((c, j) => `${c.label}: ${stats.sizes[j]}`).join(', ') },
    { 'rank X̄': stats.rankXbar },
    { 'δ² (exact)': stats.delta2.toString() },
    { 'δ² (float approximation)': float(stats.delta2) },
    { 'δ_P² (exact)': stats.deltaP2?.toString() ?? 'n/a (rank X̄ < Q)' },
    { 'δ_P² (float approximation)': stats.deltaP2 ? float(stats.deltaP2) : 'n/a (rank X̄ < Q)' },
  );
  return table.toString();
}
