/**
 * Benchmark data, written with the toolkit's own generator (src/data/generate.ts, the one
 * `dlgeom generate clusters` and the tests use): Q clustered classes in R^M, exact, seeded,
 * so the same (Q, M, N, δ, seed) always gives the same bytes. Files go to
 * os.tmpdir()/dlgeom-bench, never the repo, and are reused when already there.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rational } from '../src/exact/rational.ts';
import { csvHeader, csvRow, serializeDataSetCsv, writeLinesAtomically } from '../src/data/write.ts';
import { generateClusters, planClusters } from '../src/data/generate.ts';

export interface GenOptions {
  readonly Q: number;
  readonly M: number;
  /** Total points; a multiple of Q (each class gets N/Q). */
  readonly N: number;
  readonly seed?: number;
  /** Noise size δ = max |x − x̄_j| (default 7/5, against centres 3 apart). */
  readonly delta?: string;
}

export function benchDir(): string {
  const dir = join(tmpdir(), 'dlgeom-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Class centres are this far apart (the generator's `separation`). */
const SEPARATION = Rational.int(3);

/**
 * Writes the clustered CSV (header x1..xM,label; classes c1..cQ in blocks) unless the file
 * for these parameters is already there. Returns its path.
 */
export async function generateCsv(opts: GenOptions): Promise<string> {
  const { Q, M, N } = opts;
  const seed = opts.seed ?? 1;
  const delta = opts.delta ?? '7/5';
  if (N % Q !== 0) throw new Error(`bench data: N = ${N} is not a multiple of Q = ${Q}`);
  const path = join(benchDir(), `clusters-q${Q}-m${M}-n${N}-s${seed}-d${delta.replace('/', 'o')}.csv`);
  if (existsSync(path) && statSync(path).size > 0) return path;
  const plan = planClusters({ Q, M, perClass: N / Q, delta: Rational.parse(delta), separation: SEPARATION, seed });
  writeLinesAtomically(path, lines(csvHeader(M), (function* () {
    for (const { j, x } of plan.rows()) yield csvRow(x, `c${j + 1}`);
  })()), { overwrite: true });
  return path;
}

/** The header line, then the rows. */
function* lines(header: string, rows: Iterable<string>): Iterable<string> {
  yield header;
  yield* rows;
}

/**
 * Streams a CSV of pre-formatted rows to `path` (header x1..xM,label; N rows in round-robin
 * class order, labels c1..cQ; `row(j)` gives the coordinates of the next point of class j,
 * joined by commas) unless a non-empty file is already there. Returns the path.
 */
export async function writeBenchCsv(path: string, Q: number, M: number, N: number, row: (j: number) => string): Promise<string> {
  if (existsSync(path) && statSync(path).size > 0) return path;
  writeLinesAtomically(path, lines(csvHeader(M), (function* () {
    for (let i = 0; i < N; i++) yield `${row(i % Q)},c${(i % Q) + 1}`;
  })()), { overwrite: true });
  return path;
}

/**
 * Small clustered data in memory as CSV text (the generator's, as in `dlgeom generate clusters
 * --separation 3`): Q classes of `perClass` points in R^M, noise size δ = spread·√M to two
 * decimals (rounded down).
 */
export function smallClusteredCsv(Q: number, M: number, perClass: number, seed: number, spread = 0.3): string {
  const delta = Rational.of(BigInt(Math.floor(spread * Math.sqrt(M) * 100)), 100n);
  return serializeDataSetCsv(generateClusters({ Q, M, perClass, delta, separation: SEPARATION, seed }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const N = Number(process.argv[2] ?? 10000);
  console.log(await generateCsv({ Q: 8, M: 8, N }));
}
