/**
 * Deterministic clustered data for the benchmark (issue #8): Q classes in R^M,
 * class j centred at 3·e_j (plus a small seeded offset), each coordinate of a
 * point its centre plus a uniform deviation in [−0.5, 0.5], written with
 * exactly 4 decimals. Seeded (mulberry32), so the same (Q, M, N, seed) always
 * gives the same bytes. Files go to os.tmpdir()/dlgeom-bench, never the repo.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prng } from '../src/util/prng.ts';

export interface GenOptions {
  readonly Q: number;
  readonly M: number;
  readonly N: number;
  readonly seed?: number;
  /** Half-width of the uniform deviation (default 0.5). */
  readonly spread?: number;
}

export function benchDir(): string {
  const dir = join(tmpdir(), 'dlgeom-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Centre of class j: 3·e_j (j < M) plus a seeded offset in [−0.25, 0.25] per coordinate, on a 1/100 grid. */
function centres(Q: number, M: number, rand: () => number): number[][] {
  return Array.from({ length: Q }, (_, j) => Array.from({ length: M }, (_, k) => (k === j % M ? 3 : 0) + Math.round((rand() - 0.5) * 50) / 100));
}

/** One coordinate as a decimal with exactly 4 fraction digits, from an integer number of 1/10000 units. */
function fmt4(units: number): string {
  const neg = units < 0;
  const a = neg ? -units : units;
  const ip = Math.floor(a / 10000);
  const fp = a - ip * 10000;
  return `${neg ? '-' : ''}${ip}.${String(fp).padStart(4, '0')}`;
}

/**
 * Writes the CSV (header x1..xM,label; class labels c1..cQ; rows in round-robin
 * class order) unless an identical file (same name, so same parameters) exists.
 * Returns its path.
 */
export async function generateCsv(opts: GenOptions): Promise<string> {
  const { Q, M, N } = opts;
  const seed = opts.seed ?? 1;
  const spread = opts.spread ?? 0.5;
  const path = join(benchDir(), `clusters-q${Q}-m${M}-n${N}-s${seed}-w${spread}.csv`);
  const rand = prng(seed);
  const C = centres(Q, M, rand).map((c) => c.map((v) => Math.round(v * 10000)));
  const w = Math.round(spread * 10000);
  return writeBenchCsv(path, Q, M, N, (j) => {
    const c = C[j]!;
    let line = '';
    for (let k = 0; k < M; k++) line += fmt4(c[k]! + Math.round((rand() * 2 - 1) * w)) + ',';
    return line.slice(0, -1);
  });
}

/**
 * Streams a bench CSV to `path` (header x1..xM,label; N rows in round-robin class order,
 * labels c1..cQ; `row(j)` gives the coordinates of the next point of class j, joined by
 * commas) unless a non-empty file is already there; written to a temporary name first, so
 * an interrupted run leaves no partial file. Returns the path.
 */
export async function writeBenchCsv(path: string, Q: number, M: number, N: number, row: (j: number) => string): Promise<string> {
  if (existsSync(path) && statSync(path).size > 0) return path;
  const tmp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  let buf = [...Array.from({ length: M }, (_, k) => `x${k + 1}`), 'label'].join(',') + '\n';
  for (let i = 0; i < N; i++) {
    const j = i % Q;
    buf += row(j) + `,c${j + 1}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  renameSync(tmp, path);
  return path;
}

/** Small random clustered data (for the D2 throughput case), in memory as CSV text. */
export function smallClusteredCsv(Q: number, M: number, perClass: number, seed: number, spread = 0.3): string {
  const rand = prng(seed);
  const C = centres(Q, M, rand).map((c) => c.map((v) => Math.round(v * 10000)));
  const w = Math.round(spread * 10000);
  const lines = [[...Array.from({ length: M }, (_, k) => `x${k + 1}`), 'label'].join(',')];
  for (let j = 0; j < Q; j++)
    for (let i = 0; i < perClass; i++)
      lines.push([...C[j]!.map((c) => fmt4(c + Math.round((rand() * 2 - 1) * w))), `c${j + 1}`].join(','));
  return lines.join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const N = Number(process.argv[2] ?? 10000);
  console.log(await generateCsv({ Q: 8, M: 8, N }));
}
