/**
 * Passes over shared memory on worker threads give exactly the single-threaded
 * results — the generic pool (worker-pool.ts) and the float cross-check that uses it.
 */
import { describe, expect, it } from 'vitest';
import { parseDataCsv } from '../src/data/fast-csv.ts';
import { checkMsInFloat } from '../src/network/float-check.ts';
import { msExact } from '../src/network/cost.ts';
import { runChunks } from '../src/util/worker-pool.ts';
import { d2Candidate } from '../src/claims/d2-local-minima.ts';
import { smallClusteredCsv } from '../bench/generate.ts';

/** Chunk c: Σ sin(i)·i over its 1000 indices (float, order-sensitive). */
function sineChunk(shared: readonly ArrayBufferLike[], params: unknown, c: number, out: Float64Array): void {
  const scale = new Float64Array(shared[0]!)[0]!;
  const n = (params as { n: number }).n;
  let s = 0;
  for (let i = c * n; i < (c + 1) * n; i++) s += Math.sin(i) * i * scale;
  out[0] = s;
  out[1] = c;
}

describe('runChunks', () => {
  it('gives every chunk the same output with 1, 2 and 4 threads', () => {
    const buf = new SharedArrayBuffer(8);
    new Float64Array(buf)[0] = 1.5;
    const one = runChunks(sineChunk, [buf], { n: 1000 }, 37, 2, 1);
    expect(Array.from(one.filter((_, k) => k % 2 === 1))).toEqual(Array.from({ length: 37 }, (_, c) => c));
    for (const threads of [2, 4]) expect(Array.from(runChunks(sineChunk, [buf], { n: 1000 }, 37, 2, threads))).toEqual(Array.from(one));
  });

  it('runs on this thread alone when a buffer is not shared', () => {
    const buf = new ArrayBuffer(8);
    new Float64Array(buf)[0] = 2;
    const one = runChunks(sineChunk, [buf], { n: 10 }, 5, 2, 1);
    expect(Array.from(runChunks(sineChunk, [buf], { n: 10 }, 5, 2, 4))).toEqual(Array.from(one));
  });
});

describe('the float cross-check on worker threads', () => {
  it('equals the single-threaded check exactly (several chunks per class)', () => {
    const ds = parseDataCsv(smallClusteredCsv(3, 3, 40_000, 21), 'gen-21.csv');
    for (const J of [[], [1]]) {
      const c = d2Candidate(ds, 3, J);
      if ('reason' in c) throw new Error(c.reason);
      const ms = msExact(c.net, ds);
      const single = checkMsInFloat(c.net, ds, ms, { threads: 1, mode: 'points' });
      expect(single.applicable && single.agrees).toBe(true);
      expect(checkMsInFloat(c.net, ds, ms, { threads: 3, mode: 'points' })).toEqual(single);
    }
  });
});

/**
 * Chunk c records whether a worker ran it (a worker's globalThis has no `dlgeomMainThread`);
 * on the calling thread, chunk 0 waits (up to 60 s) until some worker has run a chunk.
 */
function whoChunk(shared: readonly ArrayBufferLike[], _params: unknown, c: number, out: Float64Array): void {
  const flag = new Int32Array(shared[0]!);
  const onMain = (globalThis as { dlgeomMainThread?: boolean }).dlgeomMainThread === true;
  if (!onMain) {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  } else if (c === 0) Atomics.wait(flag, 0, 0, 60_000);
  out[0] = onMain ? 0 : 1;
}

describe('runChunks on worker threads', () => {
  it('hands chunks to worker threads', () => {
    (globalThis as { dlgeomMainThread?: boolean }).dlgeomMainThread = true;
    const flag = new SharedArrayBuffer(4);
    const out = runChunks(whoChunk, [flag], {}, 8, 1, 2);
    expect(Array.from(out).some((v) => v === 1)).toBe(true);
  });
});

/** Throws on worker threads; on the calling thread, chunk 0 waits (up to 60 s) for a worker to have failed. */
function failingChunk(shared: readonly ArrayBufferLike[], _params: unknown, c: number, out: Float64Array): void {
  const flag = new Int32Array(shared[0]!);
  if ((globalThis as { dlgeomMainThread?: boolean }).dlgeomMainThread !== true) {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    throw new Error('a failing worker');
  }
  if (c === 0) Atomics.wait(flag, 0, 0, 60_000);
  out[0] = c * 2;
}

describe('runChunks when a worker fails', () => {
  it('redoes the failed chunks on the calling thread, without waiting for the stall limit', () => {
    (globalThis as { dlgeomMainThread?: boolean }).dlgeomMainThread = true;
    const t = Date.now();
    const out = runChunks(failingChunk, [new SharedArrayBuffer(4)], {}, 6, 1, 2);
    expect(Array.from(out)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(Date.now() - t).toBeLessThan(25_000);
  });
});
