/**
 * A batched float64 forward pass over flat arrays: all N inputs in one
 * Float64Array (row-major N×M), every layer's W and b in flat Float64Arrays, two
 * scratch vectors reused for every point, no allocation per point. This is the
 * fast float path (classification filters, float cross-checks on large data);
 * `forwardFloat` (forward.ts) stays the simple per-vector reference.
 */
import type { Network } from './network.ts';
import { toNumber } from '../exact/rational-to-number.ts';

export interface FlatNetwork {
  /** Per layer (hidden layers, then the output layer): W row-major, b, and its shape. */
  readonly W: readonly Float64Array[];
  readonly b: readonly Float64Array[];
  readonly rows: readonly number[];
  readonly cols: readonly number[];
  /** Input dimension and output dimension. */
  readonly M: number;
  readonly Q: number;
}

/** Nearest float64 of every parameter, in flat arrays. */
export function flatNetwork(net: Network): FlatNetwork {
  const layers = [...net.hidden, net.output];
  return {
    W: layers.map((l) => Float64Array.from(l.W.data, (v) => toNumber(v))),
    b: layers.map((l) => Float64Array.from(l.b, (v) => toNumber(v))),
    rows: layers.map((l) => l.W.rows),
    cols: layers.map((l) => l.W.cols),
    M: (net.hidden[0] ?? net.output).W.cols, // the input dimension (hidden widths may differ, SPEC §6)
    Q: net.output.W.rows,
  };
}

/**
 * Outputs of the network on N inputs X (row-major N×M) into `out` (row-major N×Q).
 * @example forwardFloatBatch(flatNetwork(net), X, N)
 */
export function forwardFloatBatch(fn: FlatNetwork, X: Float64Array, N: number, out: Float64Array = new Float64Array(N * fn.Q)): Float64Array {
  const compiled = compiledForward(fn);
  if (compiled) {
    compiled(X, N, out);
    return out;
  }
  return forwardFloatLoop(fn, X, N, out);
}

/** The generic flat loop (any size); the same operations, in the same order, as the compiled form. */
export function forwardFloatLoop(fn: FlatNetwork, X: Float64Array, N: number, out: Float64Array = new Float64Array(N * fn.Q)): Float64Array {
  const { W, b, rows, cols, M, Q } = fn;
  const nl = W.length;
  const width = Math.max(M, Q, ...rows);
  let h = new Float64Array(width);
  let g = new Float64Array(width);
  for (let p = 0; p < N; p++) {
    for (let k = 0; k < M; k++) h[k] = X[p * M + k]!;
    for (let l = 0; l < nl; l++) {
      const Wl = W[l]!;
      const bl = b[l]!;
      const R = rows[l]!;
      const C = cols[l]!;
      const last = l === nl - 1;
      for (let r = 0; r < R; r++) {
        let s = bl[r]!;
        const o = r * C;
        for (let k = 0; k < C; k++) s += Wl[o + k]! * h[k]!;
        if (last) out[p * Q + r] = s;
        else g[r] = s > 0 ? s : 0;
      }
      const t = h;
      h = g;
      g = t;
    }
  }
  return out;
}

type Compiled = (X: Float64Array, N: number, out: Float64Array) => void;
const compiledCache = new WeakMap<FlatNetwork, Compiled | null>();
/** Networks up to this many parameters get a compiled straight-line forward pass. */
const COMPILE_LIMIT = 20_000;

/**
 * The forward pass as straight-line code with the parameters as literals (each written
 * as its shortest round-trip decimal, so exactly the same float64), generated once per
 * network: V8 then runs it without loads or bounds checks for the weights. Every output
 * is computed with the same operations in the same order as forwardFloatLoop —
 * ((b + w_0·h_0) + w_1·h_1) + … — so the results are bit-identical.
 */
function compiledForward(fn: FlatNetwork): Compiled | undefined {
  const known = compiledCache.get(fn);
  if (known !== undefined) return known ?? undefined;
  const params = fn.W.reduce((s, w) => s + w.length, 0);
  if (params > COMPILE_LIMIT) {
    compiledCache.set(fn, null);
    return undefined;
  }
  const { W, b, rows, cols, M, Q } = fn;
  const nl = W.length;
  const lit = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
  const lines: string[] = ['for (let p = 0; p < N; p++) {', `const o = p * ${M};`];
  for (let k = 0; k < M; k++) lines.push(`const h0_${k} = X[o + ${k}];`);
  for (let l = 0; l < nl; l++) {
    for (let r = 0; r < rows[l]!; r++) {
      let e = `(${lit(b[l]![r]!)})`;
      for (let k = 0; k < cols[l]!; k++) e = `(${e} + (${lit(W[l]![r * cols[l]! + k]!)}) * h${l}_${k})`;
      if (l === nl - 1) lines.push(`out[p * ${Q} + ${r}] = ${e};`);
      else lines.push(`const s${l + 1}_${r} = ${e}; const h${l + 1}_${r} = s${l + 1}_${r} > 0 ? s${l + 1}_${r} : 0;`);
    }
  }
  lines.push('}');
  const f = new Function('X', 'N', 'out', lines.join('\n')) as Compiled;
  compiledCache.set(fn, f);
  return f;
}
