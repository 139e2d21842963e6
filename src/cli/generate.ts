/**
 * `dlgeom generate clusters --classes Q --dim M --per-class n --delta δ [--separation s]
 * [--seed S] [--format json|csv] [-o FILE [--force]]`: exact clustered data in the
 * papers' setting (src/data/generate.ts), with variants (--overlap, --rank-deficient,
 * --constant-coords k, --targets scaled|random). Without -o the data go to stdout.
 * An existing file is never replaced without --force.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { Rational } from '../exact/rational.ts';
import { classStats } from '../data/stats.ts';
import { InputError } from '../data/errors.ts';
import { generateClusters, TARGET_KINDS, type TargetKind } from '../data/generate.ts';
import { serializeDataSet, serializeDataSetCsv, writeDataFile } from '../data/write.ts';
import { applicabilityLine } from '../claims/catalogue.ts';
import { didYouMean } from '../util/suggest.ts';
import { dataFacts } from './common.ts';
import { parsePositiveInt } from './options.ts';
import { outputStyle, wrapText } from './terminal.ts';
import { toNumber } from '../exact/rational-to-number.ts';

interface GenerateOpts {
  classes?: string;
  dim?: string;
  perClass?: string;
  delta?: string;
  separation?: string;
  seed?: string;
  format?: string;
  output?: string;
  force?: boolean;
  overlap?: boolean;
  rankDeficient?: boolean;
  constantCoords?: string;
  targets?: string;
  name?: string;
}

const KINDS = ['clusters'];

function exactOption(value: string | undefined, option: string): Rational | undefined {
  if (value === undefined) return undefined;
  try {
    return Rational.parse(value);
  } catch {
    throw new InputError(`${option}: expected an exact number (a decimal such as 0.05 or a fraction such as 1/20), got "${value}"`);
  }
}

function required(value: string | undefined, option: string): string {
  if (value === undefined) throw new InputError(`generate clusters: ${option} is required (dlgeom generate --help)`);
  return value;
}

/** json or csv: --format, else the extension of -o, else json. */
function formatOf(opts: GenerateOpts): 'json' | 'csv' {
  const ext = opts.output ? /\.([^./\\]*)$/.exec(opts.output)?.[1]?.toLowerCase() : undefined;
  const format = opts.format ?? (ext === 'csv' ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw new InputError(`--format: expected json or csv, got "${format}"${didYouMean(format, ['json', 'csv'])}`);
  if (opts.output && ext !== format) throw new InputError(`-o ${opts.output}: the file name must end in .${format} for --format ${format}`);
  return format;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write exact clustered data in the papers\' setting (Q classes in R^M, noise size δ), with variants')
    .argument('<kind>', 'what to generate: clusters')
    .option('--classes <Q>', 'number of classes Q (≥ 2)')
    .option('--dim <M>', 'input dimension M')
    .option('--per-class <n>', 'points per class')
    .option('--delta <δ>', 'noise size δ = max |x − x̄_j| (exact: 0.05 or 1/20); the data get δ within 10⁻⁵ relative, never above')
    .option('--separation <s>', 'spacing of the class centres (default 1)')
    .option('--seed <S>', 'seed (default 1): the same options and seed give the same file')
    .option('--format <fmt>', 'json (default; SPEC §6 dlgeom/data@1) or csv (needs targets e_j)')
    .option('-o, --output <file>', 'write to <file> (default: stdout)')
    .option('--force', 'replace an existing -o file')
    .option('--overlap', 'classes 1 and 2 overlap: their convex hulls share a point (D1\'s hypothesis fails)')
    .option('--rank-deficient', 'the last class mean is a combination of the others: rank X̄ < Q')
    .option('--constant-coords <k>', 'the last k coordinates are constant (1) on every point')
    .option('--targets <kind>', 'basis (y_j = e_j, default), scaled (2e_j) or random (small integers, Y invertible)')
    .option('--name <name>', 'data set name (default: from the options)')
    .addHelpText('after', '\nExample:\n  dlgeom generate clusters --classes 3 --dim 3 --per-class 20 --delta 0.05 \\\n      --seed 7 -o my-data.json\n  dlgeom verify my-data.json\n')
    .action((kind: string, opts: GenerateOpts) => {
      if (!KINDS.includes(kind)) throw new InputError(`generate: unknown kind "${kind}"${didYouMean(kind, KINDS)}; known: ${KINDS.join(', ')}`);
      const format = formatOf(opts);
      const targets = opts.targets ?? 'basis';
      if (!(TARGET_KINDS as readonly string[]).includes(targets)) throw new InputError(`--targets: expected ${TARGET_KINDS.join(', ')}, got "${targets}"${didYouMean(targets, TARGET_KINDS)}`);
      if (format === 'csv' && targets !== 'basis') throw new InputError(`--targets ${targets}: CSV cannot store targets other than e_j; use --format json`);
      const seed = opts.seed === undefined ? 1 : Number(opts.seed);
      if (!/^-?\d+$/.test(opts.seed ?? '1') || !Number.isSafeInteger(seed)) throw new InputError(`--seed: expected a whole number, got "${opts.seed}"`);
      const separation = exactOption(opts.separation, '--separation');
      const ds = generateClusters({
        Q: parsePositiveInt(required(opts.classes, '--classes'), '--classes', 64),
        M: parsePositiveInt(required(opts.dim, '--dim'), '--dim', 256),
        perClass: parsePositiveInt(required(opts.perClass, '--per-class'), '--per-class'),
        delta: exactOption(required(opts.delta, '--delta'), '--delta')!,
        ...(separation ? { separation } : {}),
        seed,
        overlap: !!opts.overlap,
        rankDeficient: !!opts.rankDeficient,
        constantCoordinates: opts.constantCoords === undefined ? 0 : Number(parsePositiveIntOrZero(opts.constantCoords)),
        targets: targets as TargetKind,
        ...(opts.name ? { name: opts.name } : {}),
      });
      const stats = classStats(ds);
      const facts = dataFacts(ds, ds.Q);
      const delta = Math.sqrt(toNumber(stats.delta2));
      const summary = [
        `${ds.name}: Q = ${ds.Q}, M = ${ds.M}, N = ${ds.N} (${ds.N / ds.Q} a class), rank X̄ = ${facts.rankXbar}; δ² = ${stats.delta2.toString().length <= 24 ? stats.delta2 : `≈ ${toNumber(stats.delta2).toPrecision(6)}`} (${stats.delta2.isZero() ? 'δ = 0: one point a class, no deviations' : `δ ≈ ${delta.toPrecision(6)}`})`,
        wrapText(`what can be decided on this data (L = Q): ${applicabilityLine(facts)}`, outputStyle({}, process.stderr).width),
      ];
      if (opts.output === undefined) {
        process.stdout.write(format === 'csv' ? serializeDataSetCsv(ds) : serializeDataSet(ds));
        process.stderr.write(summary.join('\n') + '\n');
        return;
      }
      if (!opts.force && existsSync(opts.output)) throw new InputError(`${opts.output}: already exists; use --force to replace it, or choose another -o`);
      writeDataFile(ds, opts.output, { overwrite: !!opts.force });
      process.stdout.write(`wrote ${opts.output}\n${summary.join('\n')}\n`);
    });
}

function parsePositiveIntOrZero(value: string): number {
  return value === '0' ? 0 : parsePositiveInt(value, '--constant-coords', 255);
}
