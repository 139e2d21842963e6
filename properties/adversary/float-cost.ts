/**
 * The cost Σ_{j,i} |f_p(x_{j,i}) − y_j|² (N·ms) as a float64 function of the
 * flat parameter vector p (layout of src/network/params.ts), with its analytic
 * gradient by back-propagation. The cost is piecewise polynomial in p; the
 * gradient is the one of the current piece (ReLU'(0) taken as 0). Only a
 * guide for the adversary: every finding is re-checked exactly.
 *
 * @example
 *   const f = new FloatCost(networkShape(net), ds);
 *   f.valueAndGradient(Float64Array.from(flattenParams(net), toNumber)).value // ≈ N·ms
 */
import type { DataSet } from '../../src/data/dataset.ts';
import type { NetworkShape } from '../../src/network/params.ts';
import { toNumber } from '../../src/exact/rational-to-number.ts';

export class FloatCost {
  readonly shape: NetworkShape;
  private readonly xs: Float64Array[];
  private readonly ys: Float64Array[];

  constructor(shape: NetworkShape, ds: DataSet) {
    this.shape = shape;
    this.xs = [];
    this.ys = [];
    ds.classes.forEach((c, j) => {
      const y = Float64Array.from(ds.targets[j]!, (v) => toNumber(v));
      for (const x of c.points) {
        this.xs.push(Float64Array.from(x, (v) => toNumber(v)));
        this.ys.push(y);
      }
    });
  }

  /** Number of parameters K. */
  get size(): number {
    const { L, M, Q } = this.shape;
    return L * (M * M + M) + Q * M + Q;
  }

  value(p: Float64Array): number {
    return this.run(p, false).value;
  }

  valueAndGradient(p: Float64Array): { value: number; grad: Float64Array } {
    const r = this.run(p, true);
    return { value: r.value, grad: r.grad! };
  }

  private run(p: Float64Array, withGrad: boolean): { value: number; grad?: Float64Array } {
    const { L, M, Q } = this.shape;
    const grad = withGrad ? new Float64Array(p.length) : undefined;
    const layerOffset = (l: number): number => l * (M * M + M); // hidden layer l (0-based); l = L: output layer
    let value = 0;
    for (let s = 0; s < this.xs.length; s++) {
      const acts: Float64Array[] = [this.xs[s]!];
      const pres: Float64Array[] = [];
      for (let l = 0; l < L; l++) {
        const o = layerOffset(l);
        const h = acts[l]!;
        const z = new Float64Array(M);
        for (let i = 0; i < M; i++) {
          let v = p[o + M * M + i]!;
          for (let k = 0; k < M; k++) v += p[o + i * M + k]! * h[k]!;
          z[i] = v;
        }
        pres.push(z);
        acts.push(z.map((v) => (v > 0 ? v : 0)));
      }
      const o = layerOffset(L);
      const h = acts[L]!;
      const y = this.ys[s]!;
      const r = new Float64Array(Q);
      for (let i = 0; i < Q; i++) {
        let v = p[o + Q * M + i]!;
        for (let k = 0; k < M; k++) v += p[o + i * M + k]! * h[k]!;
        r[i] = v - y[i]!;
        value += r[i]! * r[i]!;
      }
      if (!grad) continue;
      // Back-propagation of d/dp |r|².
      let g = r.map((v) => 2 * v); // d/d(output)
      for (let i = 0; i < Q; i++) {
        grad[o + Q * M + i]! += g[i]!;
        for (let k = 0; k < M; k++) grad[o + i * M + k]! += g[i]! * h[k]!;
      }
      let gh = new Float64Array(M);
      for (let k = 0; k < M; k++) for (let i = 0; i < Q; i++) gh[k]! += p[o + i * M + k]! * g[i]!;
      for (let l = L - 1; l >= 0; l--) {
        const ol = layerOffset(l);
        const z = pres[l]!;
        const hin = acts[l]!;
        g = gh.map((v, i) => (z[i]! > 0 ? v : 0));
        for (let i = 0; i < M; i++) {
          grad[ol + M * M + i]! += g[i]!;
          for (let k = 0; k < M; k++) grad[ol + i * M + k]! += g[i]! * hin[k]!;
        }
        if (l > 0) {
          gh = new Float64Array(M);
          for (let k = 0; k < M; k++) for (let i = 0; i < M; i++) gh[k]! += p[ol + i * M + k]! * g[i]!;
        }
      }
    }
    return grad ? { value, grad } : { value };
  }
}
