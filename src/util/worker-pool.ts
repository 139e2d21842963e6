/**
 * Synchronous data-parallel passes over shared memory: runChunks calls
 * kernel(shared, params, c, out) for every chunk c, on this thread and on a few
 * worker_threads, and returns every chunk's output in chunk order. Each chunk writes
 * only its own slot, so the result is the same whichever thread ran which chunk, and
 * identical to threads = 1 (the kernel runs alone then). Callers combine the slots in
 * chunk order.
 *
 * The kernel is sent as source text (Function.prototype.toString), so it must be a
 * self-contained function: no imports, no closure variables, no nested function
 * definitions (everything it needs comes in `params` and the shared buffers).
 *
 * Never hangs: the calling thread claims chunks too, and if a worker fails (its kernel
 * throws) or the workers make no progress for STALL_MS, it computes every chunk not yet
 * done itself. Workers are
 * unref'd (they never keep the process alive) and started on first use.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

/** A chunk kernel: reads shared buffers and params, writes chunk c's output into `out`. */
export type ChunkKernel = (shared: readonly ArrayBufferLike[], params: unknown, c: number, out: Float64Array) => void;

const STALL_MS = 30_000;
/** At most this many workers (besides the calling thread). */
const MAX_WORKERS = 7;

// Worker side (plain JavaScript, run with eval; valid as a script and as a module, which an
// eval'd worker is under a parent run with --input-type=module): compile each kernel source once, claim chunks.
const WORKER_SOURCE = `
import('node:worker_threads').then(({ parentPort }) => {
const kernels = new Map();
parentPort.on('message', (m) => {
  let k = kernels.get(m.src);
  if (!k) { k = (0, eval)('(' + m.src + ')'); kernels.set(m.src, k); }
  const ctl = new Int32Array(m.control);
  const status = new Int32Array(m.status);
  const res = new Float64Array(m.results);
  const out = new Float64Array(m.width);
  try {
    for (;;) {
      const c = Atomics.add(ctl, 0, 1);
      if (c >= m.chunks) break;
      out.fill(0);
      k(m.shared, m.params, c, out);
      res.set(out, c * m.width);
      Atomics.store(status, c, 2);
      Atomics.add(ctl, 1, 1);
      Atomics.notify(ctl, 1);
    }
  } catch (e) {
    // The calling thread redoes every chunk not done.
    Atomics.store(ctl, 2, 1);
    Atomics.notify(ctl, 1);
  }
});
});
`;

let pool: Worker[] = [];

/** The default thread count (the calling thread included): the machine's parallelism, at most MAX_WORKERS + 1. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS + 1));
}

function workers(count: number): Worker[] {
  while (pool.length < count) {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref();
    // A failed worker only slows the pass down: its chunks are redone by the calling thread.
    w.on('error', () => {
      pool = pool.filter((x) => x !== w);
    });
    pool.push(w);
  }
  return pool.slice(0, count);
}

/**
 * Runs `kernel` on chunks 0..chunks−1 with `threads` threads (the calling thread included;
 * 1, or a `shared` buffer that is not a SharedArrayBuffer: no worker is involved) and returns
 * the outputs, chunk c at [c·width, (c+1)·width).
 */
export function runChunks(kernel: ChunkKernel, shared: readonly ArrayBufferLike[], params: unknown, chunks: number, width: number, threads = defaultThreads()): Float64Array {
  const results = new Float64Array(new SharedArrayBuffer(Math.max(1, chunks * width) * 8));
  const out = new Float64Array(width);
  const runOne = (c: number): void => {
    out.fill(0);
    kernel(shared, params, c, out);
    results.set(out, c * width);
  };
  // Workers see only shared memory: with any other buffer the pass runs on this thread alone.
  const helpers = shared.every((b) => b instanceof SharedArrayBuffer) ? Math.min(threads - 1, chunks - 1, MAX_WORKERS) : 0;
  if (helpers <= 0) {
    for (let c = 0; c < chunks; c++) runOne(c);
    return results;
  }
  const control = new Int32Array(new SharedArrayBuffer(12)); // [next chunk to claim, chunks done, a worker failed]
  const status = new Int32Array(new SharedArrayBuffer(chunks * 4)); // 2: done
  const message = { src: kernel.toString(), shared, params, control: control.buffer, status: status.buffer, results: results.buffer, chunks, width };
  for (const w of workers(helpers)) w.postMessage(message);
  for (;;) {
    const c = Atomics.add(control, 0, 1);
    if (c >= chunks) break;
    runOne(c);
    Atomics.store(status, c, 2);
    Atomics.add(control, 1, 1);
  }
  let seen = Atomics.load(control, 1);
  let since = Date.now();
  while (seen < chunks) {
    Atomics.wait(control, 1, seen, 1000);
    const now = Atomics.load(control, 1);
    if (now !== seen) (seen = now), (since = Date.now());
    if (Atomics.load(control, 2) === 1 || Date.now() - since > STALL_MS) {
      // A worker failed, or no progress: redo every chunk not done here (a worker finishing later writes the same values).
      for (let c = 0; c < chunks; c++) if (Atomics.load(status, c) !== 2) runOne(c);
      break;
    }
  }
  return results;
}
