/**
 * `npm run bench:algebra`: exact linear algebra that scales in M.
 *
 * Data: bench/pixel-data.ts, built in memory (seeded; nothing written).
 *  (a) solve / rank / det at n = 65, 200, 785 on Gram matrices of pixel data (4-decimal
 *      coordinates, N = 2000, Q = 10): the modular paths (Dixon, certified rank, Dixon + CRT
 *      determinant) against Bareiss elimination (the old path) where it finishes in the budget;
 *  (b) S3 on digits-shaped data (Q = 10, M = 64, N = 1797, constant and duplicated pixels);
 *  (c) the SPEC §7 quantities at M = 784, Q = 10, N = 70 000 (MNIST shape).
 * Each line: wall time, CPU time of this process (the machine is shared) and peak RSS.
 * Options: --only a|b|c (comma-separated), --bareiss-budget <s> (default 120).
 */
import { Matrix, bareissDeterminant, echelon } from '../src/exact/matrix.ts';
import { pixelData } from './pixel-data.ts';
import { classMoments } from '../src/data/moments.ts';
import { classStats } from '../src/data/stats.ts';
import { affineStats, shallowQuantities } from '../src/claims/shallow-quantities.ts';
import { checkS3 } from '../src/claims/s3-affine-minimum.ts';

const args = process.argv.slice(2);
const only = (args[args.indexOf('--only') + 1] ?? 'a,b,c').split(',');
const budget = Number(args.includes('--bareiss-budget') ? args[args.indexOf('--bareiss-budget') + 1] : 120);

function timed<T>(what: string, f: () => T): { value: T; s: number } {
  const w = performance.now();
  const c = process.cpuUsage();
  const value = f();
  const cpu = process.cpuUsage(c);
  const s = (performance.now() - w) / 1000;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`  ${what.padEnd(58)} ${s.toFixed(2).padStart(8)} s wall ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(8)} s cpu  peak ${rss.toFixed(0)} MB`);
  return { value, s };
}

function gram(M: number, singular: boolean): { G: Matrix; B: Matrix } {
  const ds = pixelData({ Q: 10, M, N: 2000, seed: 3, constantZero: singular ? 2 : 0, constantHalf: singular ? 1 : 0, duplicate: singular });
  const st = affineStats(ds, classMoments(ds), true);
  return { G: st.G, B: st.B.transpose() };
}

if (only.includes('a')) {
  console.log('(a) solve (10 right-hand sides), rank, det on Gram matrices of 4-decimal pixel data, N = 2000');
  for (const n of [65, 200, 785]) {
    const { G, B } = gram(n - 1, false);
    const sol = timed(`n = ${n}: solve G·X = B, modular (Dixon)`, () => G.solve(B));
    const bits = sol.value.data.reduce((m, v) => Math.max(m, v.den.toString(2).length), 0);
    console.log(`    denominators up to ${bits} bits`);
    const sing = gram(n - 1, true).G;
    const rk = timed(`n = ${n}: rank of a singular G, certified (mod p + null space)`, () => sing.rank());
    console.log(`    rank ${rk.value} of ${n}`);
    timed(`n = ${n}: det G, Dixon denominator + CRT`, () => G.det());
    if (n <= 200) {
      const { ints } = new Matrix(n, n + B.cols, G.toRows().flatMap((r, i) => [...r, ...B.row(i)])).integerRows();
      const t = timed(`n = ${n}: solve, Bareiss (old path)`, () => echelon(ints, n, true));
      if (t.s > budget) console.log('    (over budget)');
      timed(`n = ${n}: rank, Bareiss (old path)`, () => echelon(sing.integerRows().ints, n).pivots.length);
      timed(`n = ${n}: det, Bareiss (old path)`, () => bareissDeterminant(G.integerRows().ints));
    } else console.log(`    n = ${n}: Bareiss not run (does not finish: the issue's report)`);
  }
}

if (only.includes('b')) {
  console.log('(b) S3 on digits-shaped data: Q = 10, M = 64, N = 1797, constant and duplicated pixels');
  const ds = pixelData({ Q: 10, M: 64, N: 1797, seed: 1 });
  const moments = timed('class moments', () => classMoments(ds)).value;
  const stats = timed('class statistics (δ², δ_P²)', () => classStats(ds)).value;
  const sq = timed('shallow quantities (U², Vfull², Vnb²)', () => shallowQuantities(ds, moments)).value;
  timed('S3 (both readings: scaling series, networks, decisions)', () => checkS3(ds, sq, moments, stats.deltaP2));
}

if (only.includes('c')) {
  console.log('(c) quantities at the MNIST shape: M = 784, Q = 10, N = 70 000 (4-decimal pixels, constant ones)');
  const ds = timed('generate (in memory)', () => pixelData({ Q: 10, M: 784, N: 70_000, seed: 2, constantZero: 60, constantHalf: 2 })).value;
  const moments = timed('class moments', () => classMoments(ds)).value;
  timed('class statistics (δ², δ_P²)', () => classStats(ds));
  const sq = timed('shallow quantities (U², Vfull², Vnb²)', () => shallowQuantities(ds, moments)).value;
  console.log(`    Vfull² has a ${sq.Vfull2.den.toString(2).length}-bit denominator`);
}
