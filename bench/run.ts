/**
 * `npm run bench`: how exact verification scales with N.
 *
 * Data: bench/generate.ts — Q = M = 8 clustered classes, coordinates with 4
 * decimals, seeded, written as CSV to os.tmpdir()/dlgeom-bench (not the repo).
 * Every measured case runs in its own child process, so the peak memory
 * (process.resourceUsage().maxRSS, which includes Node + tsx, ~100 MB) is per case.
 *
 * Cases (times are wall-clock inside the child, after module loading):
 *  (a) quantities  load + parse the CSV, then δ², δ_P², U², Vfull², Vnb² exactly
 *  (b) exact-ms    exact forward classification + exact ms of the D1 network
 *                  (certified float patterns + group moments); the D1 build is timed
 *                  apart; at N = 10^4 also the reference per-point Rational ms (test/oracles)
 *  (c) float       batched float64 forward pass of the D1 network (forwardFloatBatch)
 *                  against a plain flat loop written here, and against the same loop
 *                  in C (gcc -O2 -ffp-contract=off, compiled at bench time when gcc
 *                  exists). The ≤ 2× target compares forwardFloatBatch with the C loop
 *                  (with the JS loop when there is no gcc): best of 5 repetitions each,
 *                  same data, same operation order (the checksums must agree exactly).
 *  (d) d2          throughput of the D2 minimality decisions at Q = 3: the search
 *                  property properties/claims/d2-local-minima.ts (engine decisions +
 *                  certificate check + adversary, cases/s) and checkD2 on generated
 *                  Q = 3 data (all 7 candidates decided in both senses, data sets/s)
 *  (e) verify      `verify` itself, all claims (D2: 255 candidates at Q = 8), and (e′) with D2
 *                  skipped, each with a timeout; the memory beyond the input is reported as
 *                  the peak minus that of (a) (which loads the same file). verify re-checks the
 *                  certificates on a worker thread while it builds the next claims
 *                  (src/claims/background-checks.ts): wall time is the target, CPU is printed too
 *
 *  (f) d2 stages  D2 alone, per candidate and by stage (CPU time): the engine
 *                  (checkD2 after D1's separations), the checker's re-check of every D2
 *                  certificate, the float cross-check of each candidate's ms (class moments
 *                  where a class is inside one pattern, and for reference the point-by-point
 *                  pass on 16 candidates, float-check.ts `mode: 'points'`); the growth
 *                  exponent over the sizes; (f′) the same on the digits shape Q = 10, M = 64,
 *                  N = 1 800 (1 023 candidates); (g) the plain exact reference of the quantities
 *                  (bench/reference-quantities.ts) at N = 10^4 against (e). --skip-d2-stages
 * Timing targets live here only (PASS/MISS lines), never in unit tests.
 *  (r1–r3) realistic shapes (bench/realistic.ts): M = 30 / 64 / 784, verify against a plain
 *                  exact reference of the quantities, run first
 * Options: --sizes 1e4,1e5,1e6   --verify-timeout <s> (default 600)   --skip-verify
 *          --skip-realistic   --realistic-only   --realistic 1,2 (which realistic cases)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { benchDir, generateCsv, smallClusteredCsv } from './generate.ts';
import { REALISTIC_CASES, realisticChild, realisticFile, stepTimer } from './realistic.ts';
import { loadDataFile } from '../src/data/load.ts';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { compactOf } from '../src/data/compact.ts';
import { classMoments } from '../src/data/moments.ts';
import { classStats } from '../src/data/stats.ts';
import { shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { buildD1 } from '../src/claims/d1-global-minimizers.ts';
import { SeparationMemo } from '../src/claims/point-set-separation.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import { checkerData } from '../src/certificates/structure.ts';
import { parseNetwork } from '../src/certificates/kernel.ts';
import { checkMsInFloat } from '../src/network/float-check.ts';
import { defaultThreads } from '../src/util/worker-pool.ts';
import { referenceQuantities } from './reference-quantities.ts';
import { generateRealistic } from './generate-realistic.ts';
import { checkD2 } from '../src/claims/d2-local-minima.ts';
import { verify } from '../src/claims/verify.ts';
import { classifyPatterns } from '../src/network/pattern-groups.ts';
import { msExact } from '../src/network/cost.ts';
import { msPointwise } from '../test/oracles/pointwise-cost.ts';
import { flatNetwork, forwardFloatBatch, type FlatNetwork } from '../src/network/float-batch.ts';
import { forwardFloat, toFloatNetwork } from '../src/network/forward.ts';
import type { Network } from '../src/network/network.ts';

const Q = 8;
const M = 8;
const here = fileURLToPath(import.meta.url);
const root = join(here, '..', '..');

interface ChildResult {
  readonly ms: number;
  readonly rssMB: number;
  readonly info: Record<string, unknown>;
}

// ───────────────────────────── child side ─────────────────────────────

function rssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function report(ms: number, info: Record<string, unknown>): void {
  process.stdout.write(`RESULT ${JSON.stringify({ ms, rssMB: rssMB(), info })}\n`);
}

function buildNet(file: string): { ds: ReturnType<typeof loadDataFile>; net: Network; buildMs: number; loadMs: number } {
  let t = performance.now();
  const ds = loadDataFile(file);
  const loadMs = performance.now() - t;
  t = performance.now();
  const d1 = buildD1(ds, ds.Q);
  if (d1.kind !== 'built') throw new Error(`D1 not built: ${d1.reason}`);
  return { ds, net: d1.construction.net, buildMs: performance.now() - t, loadMs };
}

function floatInputs(ds: ReturnType<typeof loadDataFile>): Float64Array {
  const cd = compactOf(ds);
  const X = new Float64Array(ds.N * ds.M);
  let o = 0;
  for (const c of cd.classes) {
    const D = Number(c.den);
    for (let k = 0; k < c.count * ds.M; k++) X[o++] = c.f64![k]! / D;
  }
  return X;
}

/** The plain loop the ≤ 2× target compares with: the same operations, written out flat. */
function plainLoop(fn: FlatNetwork, X: Float64Array, N: number, out: Float64Array): void {
  const W = fn.W;
  const B = fn.b;
  const nl = W.length;
  const h = new Float64Array(64);
  const g = new Float64Array(64);
  for (let p = 0; p < N; p++) {
    for (let k = 0; k < 8; k++) h[k] = X[p * 8 + k]!;
    for (let l = 0; l < nl - 1; l++) {
      const w = W[l]!;
      const b = B[l]!;
      for (let r = 0; r < 8; r++) {
        let s = b[r]!;
        for (let k = 0; k < 8; k++) s += w[r * 8 + k]! * h[k]!;
        g[r] = s > 0 ? s : 0;
      }
      for (let r = 0; r < 8; r++) h[r] = g[r]!;
    }
    const w = W[nl - 1]!;
    const b = B[nl - 1]!;
    for (let r = 0; r < 8; r++) {
      let s = b[r]!;
      for (let k = 0; k < 8; k++) s += w[r * 8 + k]! * h[k]!;
      out[p * 8 + r] = s;
    }
  }
}

const C_SOURCE = `#include <stdio.h>
#include <stdlib.h>
#include <time.h>
/* Same loop as plainLoop in bench/run.ts: M = Q = 8, nl layers (last without ReLU). */
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "rb"); if (!f) return 2;
  double hdr[2]; if (fread(hdr, sizeof(double), 2, f) != 2) return 2;
  long N = (long)hdr[0]; int nl = (int)hdr[1];
  double *W = malloc(sizeof(double) * nl * 72);
  if (fread(W, sizeof(double), nl * 72, f) != (size_t)(nl * 72)) return 2;
  double *X = malloc(sizeof(double) * N * 8), *out = malloc(sizeof(double) * N * 8);
  if (fread(X, sizeof(double), N * 8, f) != (size_t)(N * 8)) return 2;
  fclose(f);
  double best = 1e30, sum = 0;
  for (int rep = 0; rep < 5; rep++) {
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    double h[8], g[8];
    for (long p = 0; p < N; p++) {
      for (int k = 0; k < 8; k++) h[k] = X[p * 8 + k];
      for (int l = 0; l < nl - 1; l++) {
        const double *w = W + l * 72, *bb = w + 64;
        for (int r = 0; r < 8; r++) { double s = bb[r]; for (int k = 0; k < 8; k++) s += w[r * 8 + k] * h[k]; g[r] = s > 0 ? s : 0; }
        for (int r = 0; r < 8; r++) h[r] = g[r];
      }
      const double *w = W + (nl - 1) * 72, *bb = w + 64;
      for (int r = 0; r < 8; r++) { double s = bb[r]; for (int k = 0; k < 8; k++) s += w[r * 8 + k] * h[k]; out[p * 8 + r] = s; }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
    if (ms < best) best = ms;
  }
  for (long i = 0; i < N * 8; i++) sum += out[i];
  printf("%.6f %.17g\\n", best, sum);
  return 0;
}
`;

function checksum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

function bestOf(reps: number, f: () => void): number {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

async function child(kind: string, N: number, file: string): Promise<void> {
  switch (kind) {
    case 'quantities': {
      const t0 = performance.now();
      const ds = loadDataFile(file);
      const t1 = performance.now();
      const stats = classStats(ds);
      const sq = shallowQuantities(ds, classMoments(ds));
      const t2 = performance.now();
      const short = (s: string) => (s.length > 24 ? `${s.slice(0, 10)}…(${s.length} chars)` : s);
      report(t2 - t0, {
        loadMs: t1 - t0,
        computeMs: t2 - t1,
        delta2: short(String(stats.delta2)),
        deltaP2: short(String(stats.deltaP2)),
        U2: short(String(sq.U2)),
        Vfull2: short(String(sq.Vfull2)),
        Vnb2: short(String(sq.Vnb2)),
      });
      return;
    }
    case 'exact-ms': {
      const { ds, net, buildMs, loadMs } = buildNet(file);
      const t = performance.now();
      const cls = classifyPatterns(net, ds);
      const ms = msExact(net, ds, cls);
      report(performance.now() - t, { loadMs, buildMs, ms: String(ms), groups: cls.groups.length, exactPoints: cls.exactPoints });
      return;
    }
    case 'exact-ms-reference': {
      const { ds, net } = buildNet(file);
      const t = performance.now();
      const ms = msPointwise(net, ds);
      report(performance.now() - t, { ms: String(ms), note: 'per-point Rational forward pass (test/oracles/pointwise-cost.ts), points materialized' });
      return;
    }
    case 'float': {
      const { ds, net } = buildNet(file);
      const X = floatInputs(ds);
      const fn = flatNetwork(net);
      const out1 = new Float64Array(N * Q);
      const out2 = new Float64Array(N * Q);
      const tBatch = bestOf(5, () => forwardFloatBatch(fn, X, N, out1));
      const tPlain = bestOf(5, () => plainLoop(fn, X, N, out2));
      // The per-vector reference (FMatrix, one allocation per layer and point), for context.
      const fnet = toFloatNetwork(net);
      const tRef = bestOf(1, () => {
        for (let p = 0; p < N; p++) forwardFloat(fnet, X.subarray(p * M, p * M + M));
      });
      let cMs: number | undefined;
      let cSum: number | undefined;
      let cNote = 'gcc not found';
      if (spawnSync('gcc', ['--version']).status === 0) {
        const dir = benchDir();
        const src = join(dir, 'forward.c');
        const exe = join(dir, 'forward-c');
        writeFileSync(src, C_SOURCE);
        const cc = spawnSync('gcc', ['-O2', '-ffp-contract=off', '-o', exe, src], { encoding: 'utf8' });
        if (cc.status === 0) {
          const nl = fn.W.length;
          const buf = new Float64Array(2 + nl * 72 + N * 8);
          buf[0] = N;
          buf[1] = nl;
          for (let l = 0; l < nl; l++) {
            buf.set(fn.W[l]!, 2 + l * 72);
            buf.set(fn.b[l]!, 2 + l * 72 + 64);
          }
          buf.set(X, 2 + nl * 72);
          const bin = join(dir, `forward-input-${N}.bin`);
          writeFileSync(bin, new Uint8Array(buf.buffer));
          const run = spawnSync(exe, [bin], { encoding: 'utf8' });
          const [a, b] = run.stdout.trim().split(' ');
          cMs = Number(a);
          cSum = Number(b);
          cNote = 'gcc -O2 -ffp-contract=off';
        } else cNote = `gcc failed: ${cc.stderr.split('\n')[0]}`;
      }
      const s1 = checksum(out1);
      const s2 = checksum(out2);
      report(tBatch, { batchMs: tBatch, plainJsMs: tPlain, referencePerVectorMs: tRef, cMs, cNote, checksumsAgree: s1 === s2 && (cSum === undefined || cSum === s1) });
      return;
    }
    case 'd2': {
      // (1) the search property for D2 (engine verdicts + checker + adversary), if present.
      let propRate: number | undefined;
      let propCases = 0;
      const propFile = join(root, 'properties', 'claims', 'd2-local-minima.ts');
      if (existsSync(propFile)) {
        const mod = (await import(propFile)) as { deepLocalMinimaVerdicts?: { arbitrary: (l: { maxQ: number }) => fc.Arbitrary<unknown>; check: (i: unknown) => unknown } };
        const p = mod.deepLocalMinimaVerdicts;
        if (p) {
          const inputs = fc.sample(p.arbitrary({ maxQ: 3 }), { numRuns: 40, seed: 8 });
          const t = performance.now();
          for (const input of inputs) p.check(input);
          propCases = inputs.length;
          propRate = inputs.length / ((performance.now() - t) / 1000);
        }
      }
      // (2) checkD2 on generated Q = 3 data: 7 candidates, each decided in both senses.
      const sets = Array.from({ length: 12 }, (_, s) => parseDataCsv(smallClusteredCsv(3, 3, 6, 100 + s), `d2-${s}.csv`));
      const t = performance.now();
      let decisions = 0;
      for (const ds of sets) decisions += checkD2(ds, 3).results.length;
      const secs = (performance.now() - t) / 1000;
      report(secs * 1000, { propertyCasesPerSec: propRate, propertyCases: propCases, dataSetsPerSec: sets.length / secs, decisionsPerSec: decisions / secs, dataSets: sets.length });
      return;
    }
    case 'verify':
    case 'verify-no-d2': {
      const t0 = performance.now();
      const ds = loadDataFile(file);
      const steps: Record<string, number> = { load: performance.now() - t0 };
      const timer = stepTimer(steps, 'start');
      const r = verify(ds, { skipD2: kind === 'verify-no-d2', onStep: timer.onStep });
      timer.finish();
      delete steps.start;
      const count = (s: string) => r.claims.filter((c) => c.status === s).length;
      report(performance.now() - t0, {
        steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(v)])),
        verdicts: `${r.claims.length} verdicts: ${count('verified')} verified, ${count('refuted')} refuted, ${count('inconclusive')} inconclusive, ${count('not-applicable')} n/a`,
        materialized: ds.classes.filter((c) => !Object.getOwnPropertyDescriptor(c, 'points')?.get).length,
        // CPU of the process since it started (module loading and the certificate-checking worker included).
        cpuMs: process.cpuUsage().user / 1000,
      });
      return;
    }
    case 'd2-stages': {
      // D2 alone, by stage: the engine (checkD2 after D1's separations, as verify
      // runs it), the checker's re-check of every D2 certificate, and the float cross-check of
      // each candidate's ms (once per candidate, as verify does); CPU time of this thread.
      const ds = loadDataFile(file);
      // CPU time of the process (worker threads included) and wall time, per stage.
      const cpu = () => process.cpuUsage().user / 1000;
      const walls: number[] = [];
      let w0 = performance.now();
      const lap = () => {
        const now = performance.now();
        walls.push(now - w0);
        w0 = now;
      };
      const wall = performance.now();
      const moments = classMoments(ds);
      const memo = new SeparationMemo();
      buildD1(ds, ds.Q, { moments, memo });
      let t = cpu();
      w0 = performance.now();
      const r = checkD2(ds, ds.Q, { memo });
      const engineMs = cpu() - t;
      lap();
      t = cpu();
      let rejected = 0;
      const shared = checkerData(ds); // built once per data set, as verify's checker worker does (timed here)
      for (const c of r.results) if (c.certificate && !checkCertificate(c.certificate, ds, shared).ok) rejected++;
      const checkerMs = cpu() - t;
      lap();
      t = cpu();
      const seen = new Set<string>();
      let disagree = 0;
      for (const c of r.results) {
        const nj = c.certificate?.network;
        if (!nj || !c.ms) continue;
        const key = JSON.stringify(nj);
        if (seen.has(key)) continue;
        seen.add(key);
        const f = checkMsInFloat(parseNetwork(nj, nj.hidden.length, ds.M, ds.Q) as Network, ds, c.ms);
        if (f.applicable && !f.agrees) disagree++;
      }
      const floatMs = cpu() - t;
      lap();
      // The point-by-point float pass (the form before the class moments), on the first 16
      // candidates only, for comparison in the same run.
      t = cpu();
      let sampled = 0;
      for (const c of r.results) {
        const nj = c.certificate?.network;
        if (!nj || !c.ms || c.sense !== 'all-parameters' || sampled >= 16) continue;
        checkMsInFloat(parseNetwork(nj, nj.hidden.length, ds.M, ds.Q) as Network, ds, c.ms, { mode: 'points' });
        sampled++;
      }
      const floatPointsPerCandidate = sampled ? (cpu() - t) / sampled : undefined;
      const k = r.summary.candidates;
      const count = (st: string) => r.results.filter((c) => c.status === st).length;
      report(performance.now() - wall, {
        candidates: k,
        engineMs,
        checkerMs,
        floatMs,
        perCandidate: { engine: engineMs / k, checker: checkerMs / k, float: floatMs / k },
        floatPointsPerCandidate,
        perCandidateWall: { engine: walls[0]! / k, checker: walls[1]! / k, float: walls[2]! / k },
        threads: defaultThreads(),
        rejected,
        disagree,
        verdicts: `${count('verified')} verified, ${count('refuted')} refuted, ${count('inconclusive')} inconclusive, ${count('not-applicable')} n/a`,
      });
      return;
    }
    case 'reference': {
      const t0 = performance.now();
      const ds = loadDataFile(file);
      referenceQuantities(ds);
      report(performance.now() - t0, {});
      return;
    }
    case 'real-verify':
    case 'real-reference': {
      const { ms, info } = realisticChild(kind, N, file);
      report(ms, info);
      return;
    }
    default:
      throw new Error(`unknown case ${kind}`);
  }
}

// ───────────────────────────── parent side ─────────────────────────────

function runChild(kind: string, N: number, file: string, timeoutS: number): ChildResult | { timeout: true } | { error: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', join(root, 'bin', 'run-ts.js'), here, '--child', kind, String(N), file], {
    encoding: 'utf8',
    timeout: timeoutS * 1000,
    maxBuffer: 64 << 20,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { timeout: true };
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' | ') + ` (after ${((performance.now() - t) / 1000).toFixed(1)} s)` };
  return JSON.parse(line.slice(7)) as ChildResult;
}

function fmtMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

/** Least-squares slope of log t against log N: the growth exponent. */
function exponent(points: { N: number; ms: number }[]): number | undefined {
  const p = points.filter((x) => x.ms > 0);
  if (p.length < 2) return undefined;
  const xs = p.map((x) => Math.log(x.N));
  const ys = p.map((x) => Math.log(x.ms));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const sizes = (opt('--sizes') ?? '1e4,1e5,1e6').split(',').map((s) => Math.round(Number(s)));
  const verifyTimeout = Number(opt('--verify-timeout') ?? 600);
  const skipVerify = args.includes('--skip-verify');
  const out = (s: string) => process.stdout.write(s + '\n');
  if (!args.includes('--skip-realistic')) await realisticRows(out, verifyTimeout, opt('--realistic'));
  if (args.includes('--realistic-only')) return;

  out(`dlgeom bench: Q = M = ${Q}, clustered data from src/data/generate.ts (seeded, δ = 7/5), N = ${sizes.join(', ')}`);
  out(`node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, load average ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  const files = new Map<number, string>();
  for (const N of sizes) {
    const t = performance.now();
    files.set(N, await generateCsv({ Q, M, N }));
    out(`  data N = ${N}: ${files.get(N)} (${fmtMs(performance.now() - t)} to generate or reuse)`);
  }

  const rows: string[][] = [];
  const d2Targets: [boolean | undefined, string][] = [];
  const series = new Map<string, { N: number; ms: number }[]>();
  const results = new Map<string, ChildResult>();
  const record = (label: string, N: number, r: ReturnType<typeof runChild>, detail: (c: ChildResult) => string): void => {
    if ('timeout' in r) rows.push([label, String(N), 'timeout', '—', 'did not finish within the timeout']);
    else if ('error' in r) rows.push([label, String(N), 'error', '—', r.error.slice(0, 160)]);
    else {
      rows.push([label, String(N), fmtMs(r.ms), `${r.rssMB.toFixed(0)} MB`, detail(r)]);
      series.set(label, [...(series.get(label) ?? []), { N, ms: r.ms }]);
      results.set(`${label}@${N}`, r);
    }
  };

  for (const N of sizes) {
    const file = files.get(N)!;
    out(`running N = ${N} …`);
    record('(a) quantities δ²,δ_P²,U²,V²', N, runChild('quantities', N, file, 600), (r) => `load+parse ${fmtMs(r.info.loadMs as number)}, exact quantities ${fmtMs(r.info.computeMs as number)}; δ² = ${r.info.delta2}`);
    record('(b) exact ms of D1 net', N, runChild('exact-ms', N, file, 600), (r) => `ms = ${r.info.ms}; ${r.info.groups} pattern groups, ${r.info.exactPoints} points classified exactly; D1 build ${fmtMs(r.info.buildMs as number)} (not in the time)`);
    if (N <= 10_000)
      record('(b′) reference msExact', N, runChild('exact-ms-reference', N, file, 600), (r) => `ms = ${r.info.ms}; ${r.info.note}`);
    record('(c) float forward (batch)', N, runChild('float', N, file, 600), (r) => {
      const i = r.info;
      const base = (i.cMs as number | undefined) ?? (i.plainJsMs as number);
      return `plain JS loop ${fmtMs(i.plainJsMs as number)}, C loop ${fmtMs(i.cMs as number | undefined)} (${i.cNote}); ratio batch/C ${(r.ms / base).toFixed(2)}×, batch/JS ${(r.ms / (i.plainJsMs as number)).toFixed(2)}×; per-vector forwardFloat ${fmtMs(i.referencePerVectorMs as number)}; checksums agree: ${i.checksumsAgree}`;
    });
    if (!skipVerify)
      for (const [label, kind] of [
        ['(e) verify, all claims', 'verify'],
        ['(e′) verify, D2 skipped', 'verify-no-d2'],
      ] as const)
        record(label, N, runChild(kind, N, file, verifyTimeout), (r) => {
          const st = r.info.steps as Record<string, number>;
          const top = Object.entries(st)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 4)
            .map(([k, v]) => `${k} ${fmtMs(v)}`)
            .join(', ');
          // The memory beyond loading the input: this child's peak minus (a)'s (load + quantities only).
          const a = results.get(`(a) quantities δ²,δ_P²,U²,V²@${N}`);
          const beyond = a ? `; peak − (a)'s peak: ${(r.rssMB - a.rssMB).toFixed(0)} MB` : '';
          return `${r.info.verdicts}; CPU ${fmtMs(r.info.cpuMs as number)} (both threads); points materialized in ${r.info.materialized} classes${beyond}; slowest steps: ${top}`;
        });
  }
  out('running D2 throughput …');
  const d2 = runChild('d2', 0, '', 900);
  if ('ms' in d2)
    rows.push([
      '(d) D2 decisions, Q = 3',
      '—',
      fmtMs(d2.ms),
      `${d2.rssMB.toFixed(0)} MB`,
      `property D2 (engine + checker + adversary): ${d2.info.propertyCasesPerSec === undefined ? 'n/a' : `${(d2.info.propertyCasesPerSec as number).toFixed(2)} cases/s over ${d2.info.propertyCases} cases`}; checkD2: ${(d2.info.dataSetsPerSec as number).toFixed(2)} data sets/s = ${(d2.info.decisionsPerSec as number).toFixed(1)} decisions/s`,
    ]);
  else rows.push(['(d) D2 decisions, Q = 3', '—', 'timeout' in d2 ? 'timeout' : 'error', '—', 'error' in d2 ? d2.error : '']);

  // (f) D2 per candidate by stage, at each N and on the digits shape (Q = 10, M = 64).
  if (!args.includes('--skip-d2-stages')) {
    out('running D2 by stage …');
    const d2Series = new Map<string, { N: number; ms: number }[]>();
    const stageRow = (label: string, N: number, r: ReturnType<typeof runChild>): void => {
      if (!('ms' in r)) return void rows.push([label, String(N), 'timeout' in r ? 'timeout' : 'error', '—', 'error' in r ? r.error.slice(0, 160) : 'did not finish within the timeout']);
      const pc = r.info.perCandidate as { engine: number; checker: number; float: number };
      const pw = r.info.perCandidateWall as { engine: number; checker: number; float: number };
      rows.push([label, String(N), fmtMs(r.ms), `${r.rssMB.toFixed(0)} MB`, `${r.info.candidates} candidates (${r.info.verdicts}); per candidate, CPU (wall): engine ${fmtMs(pc.engine)} (${fmtMs(pw.engine)}), checker re-check ${fmtMs(pc.checker)} (${fmtMs(pw.checker)}), float cross-check ${fmtMs(pc.float)} (${fmtMs(pw.float)}) [point pass on ${r.info.threads} thread(s), 16 candidates: ${fmtMs(r.info.floatPointsPerCandidate as number | undefined)}]; checker rejections ${r.info.rejected}, float disagreements ${r.info.disagree}`]);
      for (const [k, v] of Object.entries(pc)) d2Series.set(k, [...(d2Series.get(k) ?? []), { N, ms: v }]);
      d2Series.set('engine + checker', [...(d2Series.get('engine + checker') ?? []), { N, ms: pc.engine + pc.checker }]);
      d2Series.set('all three', [...(d2Series.get('all three') ?? []), { N, ms: pc.engine + pc.checker + pc.float }]);
    };
    for (const N of sizes) stageRow('(f) D2 by stage, Q = M = 8', N, runChild('d2-stages', N, files.get(N)!, verifyTimeout));
    const d2Exp = [...d2Series].map(([k, pts]) => [k, exponent(pts)] as const);
    for (const [k, e] of d2Exp) if (e !== undefined) out(`growth of the D2 per-candidate cost (${k}): ∝ N^${e.toFixed(2)} over N = ${sizes.join(', ')}`);
    for (const stage of ['engine', 'float'] as const) {
      const e = d2Exp.find(([k]) => k === stage)?.[1];
      d2Targets.push([e === undefined ? undefined : e < 0.1, `D2 per-candidate ${stage === 'engine' ? 'engine' : 'float cross-check'} time flat in N: exponent ${e?.toFixed(2) ?? '—'} < 0.1`]);
    }
    const ec = d2Exp.find(([k]) => k === 'engine + checker')?.[1];
    d2Targets.push([ec === undefined ? undefined : ec < 0.1, `D2 per-candidate cost (engine + checker) flat in N: exponent ${ec?.toFixed(2) ?? '—'} < 0.1`]);
    const digits = await generateRealistic({ kind: 'digits', Q: 10, N: 1800 });
    stageRow('(f′) D2 by stage, digits Q = 10, M = 64', 1800, runChild('d2-stages', 1800, digits, Math.max(verifyTimeout, 1800)));
    // The plain exact reference of the quantities at N = 10^4, against verify with every claim.
    const N4 = sizes.find((n) => n === 10_000);
    const e4 = results.get('(e) verify, all claims@10000');
    if (N4) {
      const ref = runChild('reference', N4, files.get(N4)!, 1200);
      if ('ms' in ref) {
        rows.push(['(g) plain exact reference, quantities', String(N4), fmtMs(ref.ms), `${ref.rssMB.toFixed(0)} MB`, 'bench/reference-quantities.ts: δ², δ_P², U², Vfull², Vnb² point by point']);
        if (e4) d2Targets.push([ref.ms >= 5 * e4.ms, `N = 10^4: verify with every claim (${fmtMs(e4.ms)}) ≥ 5× faster than the plain exact reference (${fmtMs(ref.ms)}): ratio ${(ref.ms / e4.ms).toFixed(2)}`]);
      }
    }
  }

  // Table.
  const widths = [0, 1, 2, 3].map((k) => Math.max(...rows.map((r) => r[k]!.length), ['case', 'N', 'time', 'peak RSS'][k]!.length));
  const line = (r: string[]) => r.slice(0, 4).map((v, k) => v.padEnd(widths[k]!)).join('  ') + '  ' + r[4];
  out('');
  out(line(['case', 'N', 'time', 'peak RSS', 'details']));
  out(line(widths.map((w) => '─'.repeat(w)).concat(['─'.repeat(40)])));
  for (const r of rows) out(line(r));
  out('');
  for (const [label, pts] of series) {
    const k = exponent(pts);
    if (k !== undefined && pts.length >= 2) out(`growth ${label}: time ∝ N^${k.toFixed(2)} (fit over N = ${pts.map((p) => p.N).join(', ')})`);
  }
  out('');

  // Targets.
  const target = (ok: boolean | undefined, text: string) => out(`${ok === undefined ? 'n/a ' : ok ? 'PASS' : 'MISS'}  ${text}`);
  const a4 = results.get('(a) quantities δ²,δ_P²,U²,V²@10000');
  const a6 = results.get('(a) quantities δ²,δ_P²,U²,V²@1000000');
  target(a4 && a4.ms < 500, `(a) N = 10^4 in < 0.5 s (measured ${fmtMs(a4?.ms)})`);
  target(a6 && a6.ms < 30_000, `(a) N = 10^6 in < 30 s (measured ${fmtMs(a6?.ms)})`);
  target(a6 && a6.rssMB < 2048, `(a) N = 10^6 peak memory < 2 GiB (measured ${a6 ? `${a6.rssMB.toFixed(0)} MB` : '—'})`);
  for (const N of sizes) {
    const c = results.get(`(c) float forward (batch)@${N}`);
    if (!c) continue;
    const base = (c.info.cMs as number | undefined) ?? (c.info.plainJsMs as number);
    target(c.ms <= 2 * base, `(c) N = ${N}: batched float forward within 2× of the plain ${c.info.cMs !== undefined ? 'C' : 'JS'} loop (${(c.ms / base).toFixed(2)}×)`);
  }
  for (const [ok, text] of d2Targets) target(ok, text);
  const e6 = results.get('(e) verify, all claims@1000000');
  const a6b = results.get('(a) quantities δ²,δ_P²,U²,V²@1000000');
  if (e6) target(e6.ms < 30_000 && (!a6b || e6.rssMB - a6b.rssMB < 1024), `(e) N = 10^6: verify with every claim under 30 s and 1 GiB beyond the input (measured ${fmtMs(e6.ms)}, ${a6b ? `${(e6.rssMB - a6b.rssMB).toFixed(0)} MB beyond (a)` : 'no (a) row'})`);
  // verify's memory beyond the input: its peak minus that of (a), which loads the same file. The
  // reading of "must not grow with N beyond the input itself" used here: from the smallest N to N,
  // that extra grows by at most the input's coordinates (N·M·8 bytes), and no point is materialized.
  for (const label of ['(e) verify, all claims', '(e′) verify, D2 skipped']) {
    const extra = (N: number) => {
      const e = results.get(`${label}@${N}`);
      const a = results.get(`(a) quantities δ²,δ_P²,U²,V²@${N}`);
      return e && a ? { mb: e.rssMB - a.rssMB, materialized: e.info.materialized as number } : undefined;
    };
    const base = extra(sizes[0]!);
    for (const N of sizes.slice(1)) {
      const x = extra(N);
      if (!x || !base) continue;
      const input = (N * M * 8) / 2 ** 20;
      target(x.mb - base.mb <= input && x.materialized === 0, `${label}: memory beyond loading ${base.mb.toFixed(0)} MB at N = ${sizes[0]}, ${x.mb.toFixed(0)} MB at N = ${N} (growth ≤ the input's ${input.toFixed(0)} MB of coordinates); no point materialized`);
    }
  }
}

/**
 * The realistic-shape rows (bench/realistic.ts): verify's time and peak memory per case, the
 * reference's, the ratio and the string comparison of the quantities; PASS/MISS targets.
 * `which`: comma-separated case numbers (1, 2, 3) to run, all when absent.
 */
async function realisticRows(out: (s: string) => void, verifyTimeout: number, which: string | undefined): Promise<void> {
  const target = (ok: boolean | undefined, text: string) => out(`${ok === undefined ? 'n/a ' : ok ? 'PASS' : 'MISS'}  ${text}`);
  const chosen = which ? which.split(',').map((s) => Number(s) - 1) : REALISTIC_CASES.map((_, i) => i);
  out('── realistic shapes (generated: constant coordinates, overlapping and nearly separable classes) ──');
  for (const i of chosen) {
    const c = REALISTIC_CASES[i];
    if (!c) continue;
    const file = await realisticFile(c);
    const v = runChild('real-verify', i, file, Math.max(verifyTimeout, 1200));
    if (!('ms' in v)) {
      out(`${c.label}: verify ${'timeout' in v ? 'did not finish within the bench timeout' : `failed: ${v.error}`}`);
      target(false, `${c.label}: verify finishes`);
      continue;
    }
    out(`${c.label}: verify ${fmtMs(v.ms)} wall, ${fmtMs(v.info.cpuMs as number)} CPU (both threads), peak ${v.rssMB.toFixed(0)} MB; ${v.info.verdicts as string}`);
    out(`    steps (ms): ${JSON.stringify(v.info.steps)}`);
    out(`    D1: ${v.info.d1 as string}`);
    const limited = v.info.timeLimited as string[];
    if (limited.length) out(`    stopped by the time limit (${c.timeLimit} s): ${limited.slice(0, 12).join('; ')}${limited.length > 12 ? ` … (${limited.length})` : ''}`);
    const qv = v.info.quantities as Record<string, string | undefined>;
    const short = (s: string | undefined) => (s === undefined ? '—' : s.length > 40 ? `${s.slice(0, 16)}…(${s.length} chars)` : s);
    out(`    quantities: ${Object.entries(qv).map(([k, x]) => `${k} = ${short(x)}`).join(', ')}`);
    if (c.reference) {
      const cap = c.referenceTimeout ?? Math.max(verifyTimeout, 1200);
      const ref = runChild('real-reference', i, file, cap);
      if ('ms' in ref) {
        const qr = ref.info.quantities as Record<string, string | undefined>;
        const same = Object.keys(qr).every((k) => qr[k] === qv[k]);
        out(`    plain exact reference: ${fmtMs(ref.ms)} wall, ${fmtMs(ref.info.cpuMs as number)} CPU, peak ${ref.rssMB.toFixed(0)} MB; quantities ${same ? 'identical' : 'DIFFER'}; ratio reference/verify = ${(ref.ms / v.ms).toFixed(2)} wall, ${((ref.info.cpuMs as number) / (v.info.cpuMs as number)).toFixed(2)} CPU`);
        target(same, `${c.label}: quantities string-equal to the plain exact reference`);
        if (!c.absoluteTargets) target(ref.ms >= v.ms, `${c.label}: verify with every claim (${fmtMs(v.ms)}) faster than the reference computes the quantities (${fmtMs(ref.ms)})`);
      } else out(`    plain exact reference: ${'timeout' in ref ? `did not finish within ${cap} s (stopped)` : ref.error}`);
    }
    if (c.absoluteTargets) {
      target(v.ms < 600_000, `${c.label}: under 10 min (measured ${fmtMs(v.ms)})`);
      target(v.rssMB < 4096, `${c.label}: under 4 GiB (measured ${v.rssMB.toFixed(0)} MB)`);
    }
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  await child(argv[1]!, Number(argv[2]), argv[3]!);
} else {
  await main();
}
