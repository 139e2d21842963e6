/**
 * Deterministic data of realistic shape for the benchmark: what real data sets
 * look like to the toolkit, generated (seeded, mulberry32) rather than shipped.
 *
 * - `diagnostic`: M = 30, Q = 2, decimals with 3 fraction digits on different
 *   scales; coordinate 1 separates the classes by a thin gap (nearly separable),
 *   every other coordinate overlaps; the last coordinate is constant.
 * - `digits`: integer pixels 0..16 (8×8 images, M = 64), Q classes drawn around
 *   seeded templates; the border pixels of the first and last rows and columns
 *   are constant 0 (a singular Gram matrix, as in real scans); the last class is a
 *   shifted copy of the one before it, so those two overlap.
 * - `mnist`: integer pixels 0..255 (28×28, M = 784), Q classes around seeded
 *   templates, a constant-0 border of 4 pixels, sparse strokes; the last two
 *   classes share a template (overlapping).
 *
 * Same (kind, Q, N, seed) → same bytes. Files go to os.tmpdir()/dlgeom-bench.
 */
import { join } from 'node:path';
import { prng } from '../src/util/prng.ts';
import { benchDir, writeBenchCsv } from './generate.ts';

export type RealisticKind = 'diagnostic' | 'digits' | 'mnist';

export interface RealisticOptions {
  readonly kind: RealisticKind;
  readonly Q: number;
  readonly N: number;
  readonly seed?: number;
}

export const DIMENSION: Record<RealisticKind, number> = { diagnostic: 30, digits: 64, mnist: 784 };

/** Row i of a data set of this kind, as CSV cells (coordinates, then label). */
function rowMaker(kind: RealisticKind, Q: number, rand: () => number): (j: number) => string[] {
  const M = DIMENSION[kind];
  if (kind === 'diagnostic') {
    // Per-coordinate scale (like physical measurements), class offsets small against the spread.
    const scale = Array.from({ length: M }, () => Math.round(1 + rand() * 99));
    const offset = Array.from({ length: Q }, () => Array.from({ length: M }, () => rand() * 0.3));
    return (j) => {
      const cells: string[] = [];
      for (let k = 0; k < M; k++) {
        let v: number;
        if (k === 0) v = j === 0 ? rand() : 1.002 + rand(); // the thin gap: [0, 1] against [1.002, 2.002]
        else if (k === M - 1) v = 1.5; // constant coordinate
        else v = (offset[j]![k]! + rand()) * scale[k]!;
        cells.push(v.toFixed(3));
      }
      return cells;
    };
  }
  const side = kind === 'digits' ? 8 : 28;
  const top = kind === 'digits' ? 16 : 255;
  const border = kind === 'digits' ? 1 : 4;
  const inside = (k: number) => {
    const r = Math.floor(k / side);
    const c = k % side;
    return r >= border && r < side - border && c >= border && c < side - border;
  };
  // Templates: each inner pixel on with probability 0.35 (strokes), intensity near the top.
  const templates = Array.from({ length: Q }, () => Array.from({ length: M }, (_, k) => (inside(k) && rand() < 0.35 ? top * (0.6 + 0.4 * rand()) : 0)));
  if (Q >= 2) templates[Q - 1] = templates[Q - 2]!.map((v) => v); // overlapping pair
  const noise = kind === 'digits' ? 4 : 60;
  return (j) => {
    const t = templates[j]!;
    const cells: string[] = [];
    for (let k = 0; k < M; k++) {
      if (!inside(k)) {
        cells.push('0');
        continue;
      }
      const base = t[k]! > 0 ? t[k]! : rand() < 0.85 ? 0 : top * 0.3; // background mostly 0, some stray ink
      const v = Math.min(top, Math.max(0, Math.round(base + (rand() * 2 - 1) * noise * (base > 0 ? 1 : 0.5))));
      cells.push(String(v));
    }
    return cells;
  };
}

/**
 * Writes the CSV (header x1..xM,label; labels c1..cQ; rows in round-robin class
 * order) unless an identical file exists. Returns its path.
 */
export async function generateRealistic(opts: RealisticOptions): Promise<string> {
  const { kind, Q, N } = opts;
  const seed = opts.seed ?? 1;
  const M = DIMENSION[kind];
  const path = join(benchDir(), `${kind}-q${Q}-m${M}-n${N}-s${seed}.csv`);
  const rand = prng(seed);
  const row = rowMaker(kind, Q, rand);
  return writeBenchCsv(path, Q, M, N, (j) => row(j).join(','));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kind = (process.argv[2] ?? 'digits') as RealisticKind;
  const Q = Number(process.argv[3] ?? (kind === 'diagnostic' ? 2 : 10));
  const N = Number(process.argv[4] ?? (kind === 'diagnostic' ? 600 : kind === 'digits' ? 1800 : 70000));
  console.log(await generateRealistic({ kind, Q, N }));
}
