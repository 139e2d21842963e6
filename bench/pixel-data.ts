/**
 * Deterministic image-shaped data, built in memory (no file): Q classes of "pixels" in
 * [0, 1] with 4 decimals, like scaled digits or MNIST. Each class has a seeded prototype
 * image; a point is its prototype plus seeded noise, clipped to [0, 1]. The first
 * `constantZero` pixels are 0 on every point, the next `constantHalf` are 0.5 on every point
 * (constant coordinates: the Gram matrix of (x, 1) is singular), and the last pixel copies
 * the second-to-last (a duplicated feature). Same (Q, M, N, seed), same numbers.
 */
import { Rational } from '../src/exact/rational.ts';
import { attachCompact, type CompactClass } from '../src/data/compact.ts';
import { lazyClassData } from '../src/data/compact-builder.ts';
import type { DataSet } from '../src/data/dataset.ts';
import { prng } from '../src/util/prng.ts';

export interface PixelShape {
  readonly Q: number;
  readonly M: number;
  readonly N: number;
  readonly seed?: number;
  readonly constantZero?: number;
  readonly constantHalf?: number;
  /** Whether the last pixel copies the second-to-last (default true). */
  readonly duplicate?: boolean;
}

export function pixelData(shape: PixelShape): DataSet {
  const { Q, M, N } = shape;
  const seed = shape.seed ?? 1;
  const zeros = shape.constantZero ?? Math.max(1, Math.floor(M / 16));
  const halves = shape.constantHalf ?? 1;
  const rand = prng(seed);
  const proto = Array.from({ length: Q }, () => Array.from({ length: M }, () => Math.floor(rand() * 10001)));
  const counts = Array.from({ length: Q }, (_, j) => Math.floor(N / Q) + (j < N % Q ? 1 : 0));
  const classes: CompactClass[] = counts.map((count, j) => {
    const f64 = new Float64Array(count * M);
    for (let i = 0; i < count; i++)
      for (let k = 0; k < M; k++) {
        let v: number;
        if (k < zeros) v = 0;
        else if (k < zeros + halves) v = 5000;
        else if (shape.duplicate !== false && k === M - 1 && M - 2 >= zeros + halves) v = f64[i * M + k - 1]!;
        else v = Math.min(10000, Math.max(0, proto[j]![k]! + Math.round((rand() * 2 - 1) * 3000)));
        f64[i * M + k] = v;
      }
    let maxAbs = 0;
    for (const v of f64) if (v > maxAbs) maxAbs = v;
    return { count, den: 10000n, f64, big: undefined, maxAbs };
  });
  const classData = classes.map((c, j) => lazyClassData(`c${j + 1}`, c, M));
  attachCompact(classData, { M, classes });
  const targets = Array.from({ length: Q }, (_, j) => Array.from({ length: Q }, (_, i) => (i === j ? Rational.ONE : Rational.ZERO)));
  return {
    name: `pixels-q${Q}-m${M}-n${N}-s${seed}`,
    M,
    Q,
    N: counts.reduce((a, b) => a + b, 0),
    classes: classData,
    targets,
    source: { kind: 'example', name: `pixels-q${Q}-m${M}-n${N}-s${seed}`, sha256: '' },
  };
}
