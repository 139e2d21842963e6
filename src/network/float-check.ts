/**
 * The independent float check of an exact cost: ms in float64 together with a
 * forward error bound, so "mismatch beyond rounding" has a precise meaning.
 * The bound propagates the magnitudes |W|·|h| + |b| layer by layer (the standard
 * a-priori bound for inner products, γ_n = n·u/(1 − n·u) per layer, also
 * covering the rounding of the parameters and inputs to float).
 */
import type { DataSet } from '../data/dataset.ts';
import type { Rational } from '../exact/rational.ts';
import { toFloat64 } from '../float/convert.ts';
import { msFloat } from './cost.ts';
import { toFloatNetwork, type FloatNetwork } from './float-network.ts';
import type { Network } from './network.ts';

const U = 2 ** -53;

function magnitudes(net: FloatNetwork, x: Float64Array): Float64Array {
  let a = x.map(Math.abs);
  for (const l of [...net.hidden, net.output]) {
    const out = new Float64Array(l.W.rows);
    for (let i = 0; i < l.W.rows; i++) {
      let s = Math.abs(l.b[i]!);
      for (let j = 0; j < l.W.cols; j++) s += Math.abs(l.W.get(i, j)) * a[j]!;
      out[i] = s;
    }
    a = out;
  }
  return a;
}

export interface FloatAgreement {
  readonly msFloat: number;
  readonly bound: number;
  readonly agrees: boolean;
}

/** Compares msFloat with the exact ms within a rigorous-style rounding bound. */
export function checkMsInFloat(net: Network, ds: DataSet, exact: Rational): FloatAgreement {
  const fnet = toFloatNetwork(net);
  const value = msFloat(fnet, ds);
  const layers = net.hidden.length + 1;
  const n = net.output.W.cols + 2;
  const gamma = ((n + 2) * layers * U) / (1 - (n + 2) * layers * U);
  let s = 0;
  ds.classes.forEach((cls, j) => {
    const y = toFloat64(ds.targets[j]!);
    for (const x of cls.points) {
      const mag = magnitudes(fnet, toFloat64(x));
      for (let k = 0; k < mag.length; k++) {
        const err = 2 * gamma * mag[k]!; // output error
        const r = mag[k]! + Math.abs(y[k]!);
        s += 2 * r * err + err * err + 4 * U * r * r;
      }
    }
  });
  const bound = s / ds.N + 4 * U * Math.abs(value);
  return { msFloat: value, bound, agrees: Math.abs(value - exact.toNumber()) <= bound };
}
