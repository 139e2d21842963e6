/**
 * Exact clustered data in the papers' setting (SPEC §1): Q classes in R^M, class j
 * a centre x̄_j plus deviations Δx_{j,i} with noise size δ = max |Δx_{j,i}|.
 *
 * Guarantees (exact, checked by test/data-generate.test.ts):
 * - every class mean is exactly its centre (deviations are centred exactly);
 * - δ of the data satisfies δ ≤ `delta` and δ ≥ (1 − 10⁻⁵)·`delta` (one global
 *   rational scale, rounded down), unless every deviation is 0 (one point a class);
 * - the same options and seed give the same data, on any machine (integer PRNG draws).
 *
 * Centres: class j sits at s·(1 + ⌊j/F⌋)·e_{j mod F} plus a seeded offset of at most
 * s/10 per free coordinate (F = M − constant coordinates), so for Q ≤ F the means are
 * linearly independent and pairwise at least about s apart. Variants:
 * - `overlap`: class 2 is class 1 reflected through the midpoint of its mean and one of
 *   its points, so the two convex hulls share that midpoint exactly (no hyperplane
 *   separates them: D1's hypothesis fails, with a certificate);
 * - `rankDeficient`: the last class mean is (x̄_1 + x̄_2)/2 (Q ≥ 3) or 2·x̄_1 (Q = 2):
 *   rank X̄ < Q exactly;
 * - `constantCoordinates` k: the last k coordinates are 1 on every point;
 * - `targets`: 'basis' (y_j = e_j), 'scaled' (y_j = 2e_j), 'random' (seeded small
 *   integers, Y invertible).
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import { prng, randInt } from '../util/prng.ts';
import { dataSetContent, sha256Hex } from './build.ts';
import type { DataSet } from './dataset.ts';
import { InputError } from './errors.ts';
import { serializeDataSet } from './write.ts';
import { toNumber } from '../exact/rational-to-number.ts';

export type TargetKind = 'basis' | 'scaled' | 'random';
export const TARGET_KINDS: readonly TargetKind[] = ['basis', 'scaled', 'random'];

export interface ClusterOptions {
  /** Classes Q ≥ 2. */
  readonly Q: number;
  /** Input dimension M ≥ 1. */
  readonly M: number;
  /** Points per class n ≥ 1. */
  readonly perClass: number;
  /** Noise size δ > 0 (the largest deviation from a class mean). */
  readonly delta: Rational;
  /** Spacing of the class centres (default 1). */
  readonly separation?: Rational;
  readonly seed?: number;
  readonly overlap?: boolean;
  readonly rankDeficient?: boolean;
  readonly constantCoordinates?: number;
  readonly targets?: TargetKind;
  /** Data set name (default: from the options). */
  readonly name?: string;
}

/** Largest number of points `generateClusters` makes (exact BigInt work per coordinate). */
export const MAX_GENERATED_POINTS = 1_000_000;

/** Raw integer draws per deviation coordinate, in [−RAW, RAW]. */
const RAW = 1000;

function validate(o: ClusterOptions): void {
  const bad = (msg: string): never => {
    throw new InputError(msg);
  };
  if (!Number.isInteger(o.Q) || o.Q < 2 || o.Q > 64) bad(`--classes: expected a whole number from 2 to 64, got ${o.Q}`);
  if (!Number.isInteger(o.M) || o.M < 1 || o.M > 256) bad(`--dim: expected a whole number from 1 to 256, got ${o.M}`);
  if (!Number.isInteger(o.perClass) || o.perClass < 1) bad(`--per-class: expected a whole number ≥ 1, got ${o.perClass}`);
  if (o.Q * o.perClass > MAX_GENERATED_POINTS) bad(`--classes × --per-class = ${o.Q * o.perClass} points: at most ${MAX_GENERATED_POINTS} are generated`);
  if (!(o.delta.sign() > 0)) bad(`--delta: expected a positive number, got ${o.delta}`);
  if (o.separation && !(o.separation.sign() > 0)) bad(`--separation: expected a positive number, got ${o.separation}`);
  const k = o.constantCoordinates ?? 0;
  if (!Number.isInteger(k) || k < 0 || k >= o.M) bad(`--constant-coords: expected a whole number from 0 to M − 1 = ${o.M - 1}, got ${k}`);
  if (o.overlap && o.perClass < 2) bad('--overlap needs --per-class ≥ 2 (a class hull with more than one point)');
  if (o.overlap && o.rankDeficient && o.Q < 3) bad('--overlap with --rank-deficient needs --classes ≥ 3 (with Q = 2 the second class would have to be both)');
}

/** The default name: every option that shapes the data. */
export function clustersName(o: ClusterOptions): string {
  const variants = [o.overlap ? 'overlap' : '', o.rankDeficient ? 'rankdef' : '', o.constantCoordinates ? `const${o.constantCoordinates}` : '', o.targets && o.targets !== 'basis' ? `y-${o.targets}` : ''].filter(Boolean);
  return [`clusters-q${o.Q}-m${o.M}-n${o.perClass}-d${o.delta}`, ...(o.separation ? [`s${o.separation}`] : []), `seed${o.seed ?? 1}`, ...variants].join('-');
}

/** Largest rational r with 6 significant digits and r² ≤ target (target > 0). */
function sqrtBelow(target: Rational): Rational {
  const f = Math.sqrt(toNumber(target));
  const e = Math.floor(Math.log10(f));
  const scale = 10n ** BigInt(Math.max(0, 5 - e));
  const lift = 10n ** BigInt(Math.max(0, e - 5));
  let num = BigInt(Math.floor(f * Number(scale) / Number(lift)));
  let r = Rational.of(num * lift, scale);
  while (r.mul(r).gt(target) && num > 0n) r = Rational.of(--num * lift, scale);
  return r;
}

function targetsOf(kind: TargetKind, Q: number, rand: () => number): Rational[][] {
  const e = (j: number, v: number): Rational[] => Array.from({ length: Q }, (_, i) => Rational.int(i === j ? v : 0));
  if (kind === 'basis') return Array.from({ length: Q }, (_, j) => e(j, 1));
  if (kind === 'scaled') return Array.from({ length: Q }, (_, j) => e(j, 2));
  for (;;) {
    const Y = Array.from({ length: Q }, () => Array.from({ length: Q }, () => Rational.int(randInt(rand, -2, 2))));
    if (!Matrix.fromColumns(Y).det().isZero()) return Y;
  }
}

/** One generated point: its class index j (0-based) and its exact coordinates. */
export interface ClusterRow {
  readonly j: number;
  readonly x: readonly Rational[];
}

/** The validated plan of a generation: everything but the points themselves. */
export interface ClusterPlan {
  readonly options: ClusterOptions;
  readonly name: string;
  readonly targets: Rational[][];
  /** The points, class by class, in file order; may be iterated more than once. */
  rows(): Iterable<ClusterRow>;
}

/**
 * The plan of `generateClusters(o)`: the same draws in the same order, the points produced
 * lazily (memory O(N·M) small integers, not O(N·M) rationals), so data of a million points
 * can be streamed to a file. `generateClusters(o)` is exactly this plan collected.
 */
export function planClusters(o: ClusterOptions): ClusterPlan {
  validate(o);
  const { Q, M, perClass: n } = o;
  const s = o.separation ?? Rational.ONE;
  const k = o.constantCoordinates ?? 0;
  const F = M - k;
  const rand = prng(o.seed ?? 1);

  const centres = Array.from({ length: Q }, (_, j) =>
    Array.from({ length: M }, (_, c) => {
      if (c >= F) return Rational.ONE;
      const base = c === j % F ? Rational.int(1 + Math.floor(j / F)) : Rational.ZERO;
      return base.add(Rational.of(randInt(rand, -10, 10), 100)).mul(s);
    }),
  );
  // Integer draws u in [−RAW, RAW] (class, point, coordinate), centred exactly:
  // Δ = (n·u − Σu)/n, then one global scale r. n·|u| + |Σu| ≤ 2·10⁹, exact in a double.
  const raw = new Int16Array(Q * n * M);
  for (let p = 0; p < Q * n; p++) for (let c = 0; c < F; c++) raw[p * M + c] = randInt(rand, -RAW, RAW);
  const sums = Array.from({ length: Q }, (_, j) =>
    Array.from({ length: M }, (_, c) => {
      let t = 0;
      for (let i = 0; i < n; i++) t += raw[(j * n + i) * M + c]!;
      return t;
    }),
  );
  const centred = (j: number, i: number, c: number): number => n * raw[(j * n + i) * M + c]! - sums[j]![c]!;
  let max2 = 0n;
  for (let j = 0; j < Q; j++)
    for (let i = 0; i < n; i++) {
      let norm2 = 0n;
      for (let c = 0; c < M; c++) {
        const v = BigInt(centred(j, i, c));
        norm2 += v * v;
      }
      if (norm2 > max2) max2 = norm2;
    }
  // |Δ|² = max2 / n²; r·|Δ| ≤ δ ⇔ r² ≤ δ²·n²/max2.
  const r = max2 === 0n ? Rational.ZERO : sqrtBelow(o.delta.mul(o.delta).mul(Rational.int(BigInt(n) * BigInt(n))).div(Rational.int(max2)));
  const dev = (j: number, i: number): Rational[] => Array.from({ length: M }, (_, c) => Rational.of(BigInt(centred(j, i, c)) * r.num, BigInt(n) * r.den));

  const means: Rational[][] = centres.slice();
  const pointOf = (j: number, i: number): Rational[] => dev(j, i).map((v, c) => means[j]![c]!.add(v));
  // Class 2 of `overlap` = {x̄₁ + x_a − x : x in class 1}: mean x_a, and (x̄₁ + x_a)/2 lies in both hulls.
  let anchor: Rational[] | undefined;
  if (o.overlap) {
    for (let i = 0; i < n && !anchor; i++) {
      const x = pointOf(0, i);
      if (x.some((v, c) => !v.eq(means[0]![c]!))) anchor = x;
    }
    anchor ??= pointOf(0, 0);
    means[1] = anchor;
  }
  // `rankDeficient`: the last mean is (x̄_1 + x̄_2)/2 (after `overlap` has set x̄_2), or 2·x̄_1 when Q = 2.
  if (o.rankDeficient) means[Q - 1] = Q >= 3 ? means[0]!.map((v, c) => v.add(means[1]![c]!).div(Rational.int(2))) : means[0]!.map((v) => v.mul(Rational.int(2)));
  const targets = targetsOf(o.targets ?? 'basis', Q, rand);
  return {
    options: o,
    name: o.name ?? clustersName(o),
    targets,
    *rows() {
      for (let j = 0; j < Q; j++)
        for (let i = 0; i < n; i++) {
          if (anchor && j === 1) {
            const x = pointOf(0, i);
            yield { j, x: x.map((v, c) => means[0]![c]!.add(anchor![c]!).sub(v)) };
          } else yield { j, x: pointOf(j, i) };
        }
    },
  };
}

/**
 * Clustered exact data; its source hash is that of its canonical JSON (like the built-in examples).
 * @example generateClusters({ Q: 3, M: 2, perClass: 4, delta: Rational.parse('1/10') }).N // 12
 */
export function generateClusters(o: ClusterOptions): DataSet {
  const plan = planClusters(o);
  const points: Rational[][][] = Array.from({ length: o.Q }, () => []);
  for (const { j, x } of plan.rows()) points[j]!.push([...x]);
  const content = dataSetContent(
    plan.name,
    points.map((p, j) => ({ label: `c${j + 1}`, points: p })),
    plan.targets,
  );
  return { ...content, source: { kind: 'example', name: plan.name, sha256: sha256Hex(serializeDataSet(content)) } };
}
