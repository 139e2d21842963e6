/**
 * `npm run bench:delta`: how the exact δ-family analysis (src/symbolic/delta-family.ts, S3's
 * exact rate) scales with the input dimension, to set MAX_DIMENSION_FOR_SYMBOLIC_RATE from a
 * measurement. Data: bench/generate.ts's clustered classes, Q = M, 60 points per class,
 * 4 decimals, seeded. Each M runs in its own child process with a timeout; a row prints the
 * wall and CPU time of analyzeDeltaFamily (its cross-checks included) or "did not finish".
 * Options: --dims 4,8,12,16,20   --timeout <s> (default 120)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { smallClusteredCsv } from './generate.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { classMoments } from '../src/data/moments.ts';
import { analyzeDeltaFamily } from '../src/symbolic/delta-family.ts';
import { pointAt, compactOf } from '../src/data/compact.ts';
import { vec } from '../src/exact/matrix.ts';
import { MAX_DIMENSION_FOR_SYMBOLIC_RATE } from '../src/claims/s3-affine-minimum.ts';

const here = fileURLToPath(import.meta.url);
const root = join(here, '..', '..');

/** Child: time the exact δ-family analysis on M = Q = m. */
function child(m: number): void {
  const ds = parseDataCsv(smallClusteredCsv(m, m, 60, 7 + m), `delta-${m}.csv`);
  const sq = shallowQuantities(ds, classMoments(ds));
  const means = Array.from({ length: ds.Q }, (_, j) => sq.Xbar.column(j));
  const offsets = compactOf(ds).classes.map((c, j) => Array.from({ length: c.count }, (_, i) => vec.sub(pointAt(c, ds.M, i), means[j]!)));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  analyzeDeltaFamily({ name: ds.name, means, offsets, targets: ds.targets.map((t) => [...t]) });
  const c = process.cpuUsage(c0);
  console.log(`RESULT ${JSON.stringify({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, N: ds.N })}`);
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dims = (opt('--dims') ?? '4,8,12,16,20').split(',').map(Number);
  const timeout = Number(opt('--timeout') ?? 120);
  console.log(`── exact δ-family analysis vs M (Q = M, 60 points per class; limit in use: M ≤ ${MAX_DIMENSION_FOR_SYMBOLIC_RATE}; machine load affects the times) ──`);
  for (const m of dims) {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'run-ts.js'), here, '--child', String(m)], { encoding: 'utf8', timeout: timeout * 1000 });
    const line = r.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      console.log(`M = Q = ${m}: did not finish within ${timeout} s${r.stderr ? ` (${r.stderr.trim().split('\n').slice(-1)[0]})` : ''}`);
      continue;
    }
    const { ms, cpuMs, N } = JSON.parse(line.slice(7)) as { ms: number; cpuMs: number; N: number };
    console.log(`M = Q = ${m} (N = ${N}): ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU`);
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') child(Number(argv[1]));
else main();
