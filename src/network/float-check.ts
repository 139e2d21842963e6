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
/** The smallest positive subnormal: a product that underflows is off by at most half of it. */
const ETA = 2 ** -1074;
/** The smallest positive normal float64. */
const MIN_NORMAL = 2 ** -1022;
/** Points per batch: bounds the float buffers (not the data) whatever N is. */
const CHUNK = 1 << 15;
/** Below this many points the flat loop is cheaper than compiling the network. */
const COMPILE_FROM = 50_000;

/**
 * The same network with |W|, |b|: on |x| its outputs are the magnitudes Σ|W||h| + |b| layer by
 * layer (ReLU is the identity on them). A nonzero parameter whose float is subnormal is off by
 * up to 2^-1075 absolute, not u relative: its magnitude is taken as 2^-1022, so that
 * u·|w|·|h| still covers its rounding.
 */
function absNetwork(fn: FlatNetwork): FlatNetwork {
  const mag = (v: number): number => (v === 0 ? 0 : Math.max(Math.abs(v), MIN_NORMAL));
  return { ...fn, W: fn.W.map((w) => w.map(mag)), b: fn.b.map((b) => b.map(mag)) };
}

/**
 * The absolute error that underflow can add, per output (independent of the point): inputs off
 * by ≤ η, each layer adds ≤ (cols + 2)·η (one per product, the bias, the input rounding) to
 * |W|·(error so far). Computed in float with a 2× margin for its own rounding.
 */
function underflowTerm(fn: FlatNetwork): Float64Array {
  let e = new Float64Array(fn.M).fill(ETA);
  fn.W.forEach((W, l) => {
    const rows = fn.rows[l]!;
    const cols = fn.cols[l]!;
    const next = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = (cols + 2) * ETA;
      for (let k = 0; k < cols; k++) s += Math.max(Math.abs(W[r * cols + k]!), MIN_NORMAL) * e[k]!;
      next[r] = 2 * s;
    }
    e = next;
  });
  return e;
}

/** The float cross-check of one exact cost, or the reason it cannot be made. */
export type FloatAgreement =
  | { readonly applicable: true; readonly msFloat: number; readonly bound: number; readonly agrees: boolean }
  | { readonly applicable: false; readonly reason: string };

/**
 * Compares msFloat with the exact ms within a rigorous rounding bound (batched over the
 * compact data); docs/float-bounds.md derives it. When a value leaves the float range
 * (a parameter, input, target or intermediate overflows) no bound holds: the check is
 * then not applicable, with the reason, and the exact value stands alone.
 */
export function checkMsInFloat(net: Network, ds: DataSet, exact: Rational): FloatAgreement {
  const fn = flatNetwork(net);
  const notApplicable = (what: string): FloatAgreement => ({ applicable: false, reason: `${what} beyond the float64 range, so no rounding bound holds; the exact value stands` });
  if (!fn.W.every((w) => w.every(Number.isFinite)) || !fn.b.every((b) => b.every(Number.isFinite))) return notApplicable('network parameters');
  const exactF = exact.toNumber();
  if (!Number.isFinite(exactF)) return notApplicable('the exact cost');
  const absFn = absNetwork(fn);
  const under = underflowTerm(fn);
  const { M, Q } = fn;
  const layers = net.hidden.length + 1;
  const n = M + 2;
  const gamma = ((n + 2) * layers * U) / (1 - (n + 2) * layers * U);
  const X = new Float64Array(CHUNK * M);
  const absX = new Float64Array(CHUNK * M);
  const out = new Float64Array(CHUNK * Q);
  const mag = new Float64Array(CHUNK * Q);
  const x = new Float64Array(M);
  let sum = 0;
  let s = 0;
  let inRange = true;
  compactOf(ds).classes.forEach((cls, j) => {
    const y = ds.targets[j]!.map((v) => v.toNumber());
    if (!y.every(Number.isFinite)) inRange = false;
    for (let start = 0; inRange && start < cls.count; start += CHUNK) {
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
          const err = 2 * gamma * m + under[k]!; // output error
          const a = m + Math.abs(y[k]!);
          s += 2 * a * err + err * err + 4 * U * a * a;
        }
      // An overflow anywhere shows as ±Infinity or NaN in the sums (mag ≥ |out|, s ≥ the squares).
      if (!Number.isFinite(sum) || !Number.isFinite(s)) inRange = false;
    }
  });
  if (!inRange) return notApplicable('inputs, targets or intermediate values');
  const value = sum / ds.N;
  // Plus the recursive summation of N·Q nonnegative terms: relative error at most (N·Q)·u (to
  // first order), and N·Q·η for squares that underflow.
  const bound = s / ds.N + (4 + 1.01 * ds.N * Q) * U * Math.abs(value) + 2 * Q * ETA;
  return { applicable: true, msFloat: value, bound, agrees: Math.abs(value - exactF) <= bound };
}
