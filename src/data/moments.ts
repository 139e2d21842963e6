import { Matrix } from '../exact/matrix.ts';
import { Rational, commonDenominator } from '../exact/rational.ts';
import type { DataSet } from './dataset.ts';

/** Per-class sufficient statistics: N_j, Σ x, Σ x xᵀ (exact). */
export interface ClassMoments {
  readonly count: number;
  readonly sum: Rational[];
  readonly second: Matrix;
}

/**
 * Class moments computed on integers: every coordinate of a class is scaled
 * by the lcm of the class's denominators, summed as BigInt, and divided once
 * at the end. This avoids a gcd per addition, which dominates on large data.
 */
export function classMoments(ds: DataSet): ClassMoments[] {
  return ds.classes.map((c) => {
    const M = ds.M;
    const D = commonDenominator(c.points.flat());
    const s = new Array<bigint>(M).fill(0n);
    const S = new Array<bigint>(M * M).fill(0n);
    const ints = new Array<bigint>(M);
    for (const p of c.points) {
      for (let k = 0; k < M; k++) {
        const v = p[k]!;
        ints[k] = v.den === D ? v.num : v.num * (D / v.den);
        s[k]! += ints[k]!;
      }
      for (let a = 0; a < M; a++) {
        const ia = ints[a]!;
        if (ia === 0n) continue;
        for (let b = a; b < M; b++) S[a * M + b]! += ia * ints[b]!;
      }
    }
    const D2 = D * D;
    const second = new Array<Rational>(M * M);
    for (let a = 0; a < M; a++)
      for (let b = a; b < M; b++) {
        const v = Rational.of(S[a * M + b]!, D2);
        second[a * M + b] = v;
        second[b * M + a] = v;
      }
    return { count: c.points.length, sum: s.map((v) => Rational.of(v, D)), second: new Matrix(M, M, second) };
  });
}
