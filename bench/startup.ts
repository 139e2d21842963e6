/**
 * `npm run bench:startup`: start-up of the `dlgeom` binary against bare Node. Each command runs
 * in a fresh process, interleaved (so machine load hits all alike), `--runs` times (default 21);
 * the median wall time and the median CPU time (user + system, from /usr/bin/time when present:
 * less sensitive to other processes than wall time) are reported. The binary must run from an
 * up-to-date build (dist/). "installed" skips the checkout's staleness check (DLGEOM_ENTRY=dist),
 * as an installed package (which ships no sources) does; the TypeScript-source path
 * (DLGEOM_ENTRY=sources) is shown for contrast.
 * Target (PASS/MISS): `dlgeom --help` (installed) within 60 ms of `node -e 0`, in CPU time.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseEntry } from '../bin/entry.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const bin = join(root, 'bin', 'dlgeom.js');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;

const entry = chooseEntry(root, undefined);
if (entry.kind !== 'dist') {
  process.stderr.write(`bench:startup: ${entry.reason}; run npm run build first\n`);
  process.exit(2);
}

const cases: { label: string; args: string[]; env?: Record<string, string> }[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'dlgeom --help (installed)', args: [bin, '--help'], env: { DLGEOM_ENTRY: 'dist' } },
  { label: 'dlgeom --help (checkout)', args: [bin, '--help'] },
  { label: 'dlgeom --version', args: [bin, '--version'] },
  { label: 'dlgeom stats --help', args: [bin, 'stats', '--help'] },
  { label: 'dlgeom --help (sources via tsx)', args: [bin, '--help'], env: { DLGEOM_ENTRY: 'sources' } },
];

const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);
const wall = cases.map(() => [] as number[]);
const cpu = cases.map(() => [] as number[]);
for (let r = 0; r < runs; r++)
  cases.forEach((c, i) => {
    const t0 = performance.now();
    const cmd = haveTime ? TIME : process.execPath;
    const args = haveTime ? ['-f', 'cpu %U %S', process.execPath, ...c.args] : c.args;
    const res = spawnSync(cmd, args, { env: { ...process.env, ...(c.env ?? {}) }, encoding: 'utf8' });
    wall[i]!.push(performance.now() - t0);
    if (res.status !== 0) throw new Error(`${c.label}: exit ${res.status}`);
    const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(res.stderr);
    if (m) cpu[i]!.push((Number(m[1]) + Number(m[2])) * 1000);
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mw = wall.map(median);
const mc = haveTime ? cpu.map(median) : undefined;
process.stdout.write(`start-up, median of ${runs} interleaved runs:\n`);
cases.forEach((c, i) =>
  process.stdout.write(
    `  ${c.label.padEnd(34)} wall ${mw[i]!.toFixed(0).padStart(5)} ms (+${(mw[i]! - mw[0]!).toFixed(0)})` +
      (mc ? `   cpu ${mc[i]!.toFixed(0).padStart(5)} ms (+${(mc[i]! - mc[0]!).toFixed(0)})` : '') +
      '\n',
  ),
);
const [base, help] = mc ? [mc[0]!, mc[1]!] : [mw[0]!, mw[1]!];
process.stdout.write(`${help - base <= 60 ? 'PASS' : 'MISS'}  dlgeom --help (installed) within 60 ms of node -e 0 in ${mc ? 'CPU' : 'wall'} time (measured +${(help - base).toFixed(0)} ms)\n`);
