/**
 * The independent float check of an exact cost: ms in float64 together with a
 * forward error bound, so "mismatch beyond rounding" has a precise meaning.
 * The bound propagates the magnitudes |W|·|h| + |b| layer by layer (the standard
 * a-priori bound for inner products, γ_n = n·u/(1 − n·u) per layer, also
 * covering the rounding of the parameters and inputs to float).
 */
import type { DataSet } from '../data/dataset.ts';
import { compactOf, pointFloat } from '../data/compact.ts';
import type { Rational } from '../exact/rational.ts';
import { flatNetwork, forwardFloatBatch, forwardFloatLoop, type FlatNetwork } from './float-batch.ts';
import type { Network } from './network.ts';

const U = 2 ** -53;
/** Points per batch: bounds the float buffers (not the data) whatever N is. */
const CHUNK = 1 << 15;
/** Below this many points the flat loop is cheaper than compiling the network. */
const COMPILE_FROM = 50_000;

/** The same network with |W|, |b|: on |x| its outputs are the magnitudes Σ|W||h| + |b| layer by layer (ReLU is the identity on them). */
function absNetwork(fn: FlatNetwork): FlatNetwork {
  return { ...fn, W: fn.W.map((w) => w.map(Math.abs)), b: fn.b.map((b) => b.map(Math.abs)) };
}

export interface FloatAgreement {
  readonly msFloat: number;
  readonly bound: number;
  readonly agrees: boolean;
}

/** Compares msFloat with the exact ms within a rigorous-style rounding bound (batched over the compact data). */
export function checkMsInFloat(net: Network, ds: DataSet, exact: Rational): FloatAgreement {
  const fn = flatNetwork(net);
  const absFn = absNetwork(fn);
  const { M, Q } = fn;
  const layers = net.hidden.length + 1;
  const n = Math.max(...fn.cols) + 2; // the longest dot product (M when every width is M)
  const gamma = ((n + 2) * layers * U) / (1 - (n + 2) * layers * U);
  const X = new Float64Array(CHUNK * M);
  const absX = new Float64Array(CHUNK * M);
  const out = new Float64Array(CHUNK * Q);
  const mag = new Float64Array(CHUNK * Q);
  const x = new Float64Array(M);
  let sum = 0;
  let s = 0;
  compactOf(ds).classes.forEach((cls, j) => {
    const y = ds.targets[j]!.map((v) => v.toNumber());
    for (let start = 0; start < cls.count; start += CHUNK) {
      const count = Math.min(CHUNK, cls.count - start);
      for (let i = 0; i < count; i++) {
        pointFloat(cls, M, start + i, x);
        for (let k = 0; k < M; k++) {
          X[i * M + k] = x[k]!;
          absX[i * M + k] = Math.abs(x[k]!);
        }
      }
      const forward = ds.N >= COMPILE_FROM ? forwardFloatBatch : forwardFloatLoop;
      forward(fn, X, count, out);
      forward(absFn, absX, count, mag);
      for (let i = 0; i < count; i++)
        for (let k = 0; k < Q; k++) {
          const r = out[i * Q + k]! - y[k]!;
          sum += r * r;
          const m = mag[i * Q + k]!;
          const err = 2 * gamma * m; // output error
          const a = m + Math.abs(y[k]!);
          s += 2 * a * err + err * err + 4 * U * a * a;
        }
    }
  });
  const value = sum / ds.N;
  // Plus the recursive summation of N·Q nonnegative terms: relative error at most (N·Q)·u (to first order).
  const bound = s / ds.N + (4 + 1.01 * ds.N * Q) * U * Math.abs(value);
  return { msFloat: value, bound, agrees: Math.abs(value - exact.toNumber()) <= bound };
}
