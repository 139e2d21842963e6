/**
 * A network together with data for it: for claims about what a network does
 * to given inputs (R1, curation D3 on arbitrary networks). Hidden layers are
 * invertible (general) or orthogonal. Shrinks towards L = 1, M = Q = 2, one
 * point per class, identity-like layers.
 */
import fc from 'fast-check';
import type { DataSet } from '../../src/data/dataset.ts';
import type { Network } from '../../src/network/network.ts';
import { makeDataSet } from './clustered-dataset.ts';
import { dataSetArb } from './dataset.ts';
import { networkArb, orthogonalNetworkArb } from './network.ts';
import type { RationalArbOptions } from './rational.ts';

export interface NetworkWithData {
  readonly net: Network;
  readonly ds: DataSet;
}

export interface NetworkWithDataOptions {
  /** 1 ≤ L ≤ maxL (default 2). */
  readonly maxL?: number;
  /** 2 ≤ Q ≤ M ≤ maxM (default 3). */
  readonly maxM?: number;
  /** 1 ≤ N_j ≤ maxPerClass (default 3). */
  readonly maxPerClass?: number;
  /** Structure of the hidden W_ℓ (default invertible). */
  readonly hidden?: 'invertible' | 'orthogonal';
}

const SMALL: RationalArbOptions = { maxNum: 5, maxDen: 3 };

/**
 * @example fc.sample(networkWithDataArb({ hidden: 'orthogonal' }), 1)[0].ds.M // 2 or 3
 */
export function networkWithDataArb(opts: NetworkWithDataOptions = {}): fc.Arbitrary<NetworkWithData> {
  const shape = fc.record({
    L: fc.integer({ min: 1, max: opts.maxL ?? 2 }),
    M: fc.integer({ min: 2, max: Math.max(2, opts.maxM ?? 3) }),
    q: fc.integer({ min: 2, max: Math.max(2, opts.maxM ?? 3) }),
  });
  return shape.chain(({ L, M, q }) => {
    const Q = Math.min(q, M);
    const net = opts.hidden === 'orthogonal' ? orthogonalNetworkArb({ L, M, Q }, SMALL) : networkArb({ L, M, Q }, SMALL);
    return fc.record({ net, data: dataSetArb(M, Q, opts.maxPerClass ?? 3, SMALL) }).map(({ net: n, data }) => ({
      net: n,
      ds: makeDataSet(`search-network-data-q${Q}-m${M}`, data.classes),
    }));
  });
}
