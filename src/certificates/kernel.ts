/**
 * The trusted kernel's arithmetic on networks: reading a certificate's network, exact forward passes (plain, and with
 * Taylor coefficients along a parameter direction), and Jacobian ranks modulo a prime. Imports nothing that constructs or searches.
 */
import { Rational, overCommonDenominator } from '../exact/rational.ts';
import type { Layer, Network } from '../network/network.ts';
import type { LayerJson, NetworkJson } from './format.ts';
import { Matrix, vec, type Mat, type Vec } from './linalg.ts';
import { affineOf, type Affine } from './affine.ts';

/** A network as the checker reads it (its own matrices). */
export type KNet = Network<Matrix>;
/** A network the kernel's functions accept: the checker's or the engine's (same shape). */
export type AnyNet = Network<Mat>;

/** Thrown on a certificate that cannot even be read; the checker reports it as unusable. */
export class UnusableCertificate extends Error {}

export function parseVector(v: unknown, where: string): Rational[] {
  if (!Array.isArray(v)) throw new UnusableCertificate(`${where}: expected an array`);
  return v.map((s, i) => {
    if (typeof s !== 'string') throw new UnusableCertificate(`${where}[${i}]: expected an exact number string`);
    try {
      return Rational.parse(s);
    } catch {
      throw new UnusableCertificate(`${where}[${i}]: not an exact number: ${JSON.stringify(s)}`);
    }
  });
}

/** v, unless it is not a plain object: then UnusableCertificate naming `where`. */
export function objectAt<T>(v: T, where: string): T {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UnusableCertificate(`${where}: expected an object`);
  return v;
}

/** v as an array (of plain objects when `objects`), else UnusableCertificate naming `where`: read before its entries are. */
export function listAt<T>(v: readonly T[] | undefined, where: string, objects = false): readonly T[] {
  if (!Array.isArray(v)) throw new UnusableCertificate(`${where}: expected an array`);
  if (objects) v.forEach((x, i) => objectAt(x, `${where}[${i}]`));
  return v;
}

export function parseMatrix(m: unknown, where: string): Matrix {
  if (!Array.isArray(m) || m.length === 0) throw new UnusableCertificate(`${where}: expected a non-empty matrix`);
  const rows = m.map((r, i) => parseVector(r, `${where}[${i}]`));
  if (rows.some((r) => r.length !== rows[0]!.length)) throw new UnusableCertificate(`${where}: ragged matrix`);
  return Matrix.fromRows(rows);
}

/**
 * Reads a network and checks its shape against (L, M, Q): W_ℓ is d_ℓ × d_{ℓ−1} with d_0 = M
 * (any hidden widths d_ℓ, SPEC §6), the output layer Q × d_L, each b as long as its W has rows.
 */
export function parseNetwork(json: NetworkJson | undefined, L: number, M: number, Q: number): KNet {
  if (!json || !Array.isArray(json.hidden)) throw new UnusableCertificate('network: missing');
  if (json.hidden.length !== L) throw new UnusableCertificate(`network: ${json.hidden.length} hidden layers, shape says ${L}`);
  let cols = M;
  const layer = (l: LayerJson, rows: number | undefined, where: string): Layer<Matrix> => {
    const W = parseMatrix(l?.W, `${where}.W`);
    const b = parseVector(l?.b, `${where}.b`);
    if ((rows !== undefined && W.rows !== rows) || W.cols !== cols || b.length !== W.rows) throw new UnusableCertificate(`${where}: wrong dimensions`);
    cols = W.rows;
    return { W, b };
  };
  const hidden = json.hidden.map((l, k) => layer(l, undefined, `network.hidden[${k}]`));
  return { hidden, output: layer(json.output, Q, 'network.output') };
}

/** All parameters in the fixed order of src/network/params.ts: per layer, W row-major, then b. */
export function flatten(net: AnyNet): Rational[] {
  return [...net.hidden, net.output].flatMap((l) => [...l.W.data, ...l.b]);
}

/** The inverse of `flatten` for a network of the same shape as `like`. */
export function unflatten(values: readonly Rational[], like: AnyNet): KNet {
  let k = 0;
  const take = (l: Layer<Mat>): Layer<Matrix> => {
    const W = new Matrix(l.W.rows, l.W.cols, values.slice(k, (k += l.W.data.length)));
    const b = values.slice(k, (k += l.b.length));
    return { W, b };
  };
  const hidden = like.hidden.map(take);
  const output = take(like.output);
  if (k !== values.length) throw new UnusableCertificate(`parameter vector of length ${values.length}, expected ${k}`);
  return { hidden, output };
}

/** Each layer's pre-activations at x = H / D in integers: z = (A h + c·Dh)/(d·Dh) for a layer (A x + c)/d and h = H/Dh; ReLU between layers. */
export function forwardIntegers(layers: readonly Affine[], H: readonly bigint[], D: bigint): { z: bigint[]; den: bigint }[] {
  const out: { z: bigint[]; den: bigint }[] = [];
  let [h, Dh] = [H, D];
  for (const [l, { rows, cols, A, c, d }] of layers.entries()) {
    if (h.length !== cols) throw new RangeError(`cannot apply a layer of ${cols} inputs to a ${h.length}-vector`);
    const z = new Array<bigint>(rows);
    for (let r = 0; r < rows; r++) {
      let s = c[r]! * Dh;
      for (let k = 0; k < cols; k++) if (h[k] !== 0n) s += A[r * cols + k]! * h[k]!;
      z[r] = s;
    }
    out.push({ z, den: d * Dh });
    if (l < layers.length - 1) [h, Dh] = [z.map((v) => (v > 0n ? v : 0n)), d * Dh];
  }
  return out;
}

/** Plain exact forward pass (in integers, normalised once per value): the output and every hidden pre-activation. */
export function forward(net: AnyNet, x: Vec): { output: Rational[]; pre: Rational[][] } {
  const { ints, den } = overCommonDenominator(x);
  const values = forwardIntegers([...net.hidden, net.output].map((l) => affineOf(l.W, l.b)), ints, den).map(({ z, den }) => z.map((v) => Rational.of(v, den)));
  return { output: values.at(-1)!, pre: values.slice(0, -1) };
}

/** A truncated power series a0 + a1 t + a2 t². */
export type Jet = readonly [Rational, Rational, Rational];

function jetAffine(W: Mat, dW: Mat, b: Vec, db: Vec, h: readonly Jet[]): Jet[] {
  const out: Jet[] = [];
  for (let i = 0; i < W.rows; i++) {
    let c0 = b[i]!;
    let c1 = db[i]!;
    let c2 = Rational.ZERO;
    for (let j = 0; j < W.cols; j++) {
      const w = W.data[i * W.cols + j]!;
      const dw = dW.data[i * W.cols + j]!;
      const [h0, h1, h2] = h[j]!;
      c0 = c0.add(w.mul(h0));
      c1 = c1.add(w.mul(h1)).add(dw.mul(h0));
      c2 = c2.add(w.mul(h2)).add(dw.mul(h1));
    }
    out.push([c0, c1, c2]);
  }
  return out;
}

/**
 * Output at parameters p + t·d as a series in t for t ∈ (0, ε), at x. Each pre-activation is a polynomial in t there,
 * so each unit keeps the branch of the sign of its first nonzero coefficient; one whose coefficients through t² vanish
 * is O(t³), set to 0 (either branch changes later coefficients only from t³ on). Where no pre-activation is 0 at x, ReLU
 * keeps its branch on both sides: the two-sided series.
 */
export function jets(net: AnyNet, dir: AnyNet, x: Vec): Jet[] {
  const ZERO_JET = [Rational.ZERO, Rational.ZERO, Rational.ZERO] as const;
  let h: Jet[] = x.map((v) => [v, Rational.ZERO, Rational.ZERO] as const);
  for (let l = 0; l < net.hidden.length; l++) {
    const z = jetAffine(net.hidden[l]!.W, dir.hidden[l]!.W, net.hidden[l]!.b, dir.hidden[l]!.b, h);
    h = z.map((j) => ((j[0].sign() || j[1].sign() || j[2].sign()) > 0 ? j : ZERO_JET));
  }
  return jetAffine(net.output.W, dir.output.W, net.output.b, dir.output.b, h);
}

/** [c0, c1, c2] of t ↦ Σ |f_{p+td}(x) − y|² for t ∈ (0, ε) (jets): c1 < 0, or c1 = 0 and c2 < 0, lowers the cost for small t > 0. */
export function costSeriesOneSided(net: AnyNet, dir: AnyNet, points: readonly { x: Vec; y: Vec }[]): [Rational, Rational, Rational] {
  const c: [Rational, Rational, Rational] = [Rational.ZERO, Rational.ZERO, Rational.ZERO];
  const two = Rational.int(2);
  for (const { x, y } of points) {
    const out = jets(net, dir, x);
    for (const [i, [o0, o1, o2]] of out.entries()) {
      const r0 = o0.sub(y[i]!);
      c[0] = c[0].add(r0.square());
      c[1] = c[1].add(two.mul(r0).mul(o1));
      c[2] = c[2].add(o1.square()).add(two.mul(r0).mul(o2));
    }
  }
  return c;
}

/** Cumulative parameters W^(ℓ) = W_ℓ⋯W_1, b^(ℓ) = W_ℓ b^(ℓ−1) + b_ℓ for ℓ = 1..L+1. */
export function cumulative(net: AnyNet): { W: Matrix[]; b: Rational[][] } {
  const M = (net.hidden[0] ?? net.output).W.cols; // the input dimension (hidden widths may differ)
  let W = Matrix.identity(M);
  let b: Rational[] = vec.zeros(M);
  const Ws: Matrix[] = [];
  const bs: Rational[][] = [];
  for (const l of [...net.hidden, net.output]) {
    W = Matrix.of(l.W).mul(W);
    b = vec.add(Matrix.of(l.W).mulVec(b), l.b);
    Ws.push(W);
    bs.push(b);
  }
  return { W: Ws, b: bs };
}

/*
 * Jacobian rank modulo a prime on listed points: a lower bound on the rank over Q. With every pre-activation of the
 * points strictly signed, J is rational; scaling a row by its denominators (units mod p when p divides none) keeps the
 * rank, and a nonzero minor mod p is a nonzero integer minor: rank_p(J) ≤ rank(J) ≤ rank of all points' rows.
 */

/** Primes below 2^26 (products of two residues stay below 2^52: exact in float64). */
export const MAX_PRIME = 2 ** 26;

export function isPrime(p: number): boolean {
  if (!Number.isInteger(p) || p < 2) return false;
  for (let d = 2; d * d <= p; d++) if (p % d === 0) return false;
  return true;
}

function inv(a: number, p: number): number {
  // Extended Euclid on numbers (0 < a, p < 2^26); `> 0` also ends it on a NaN, which screened inputs never are.
  let [r0, r1] = [a, p];
  let [s0, s1] = [1, 0];
  while (r1 > 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % p) + p) % p;
}

/** r mod p, or undefined when p divides the denominator. */
export function modP(r: Rational, p: number): number | undefined {
  const P = BigInt(p);
  const d = Number(((r.den % P) + P) % P);
  if (d === 0) return undefined;
  const n = Number(((r.num % P) + P) % P);
  return (n * inv(d, p)) % p;
}

/**
 * Jacobian rows (Q per point, K columns, flatten's order) mod p, by the chain rule with the strict pattern: ∂out/∂b_ℓ[i] =
 * E_ℓ[:, i], ∂out/∂W_ℓ[i, j] = E_ℓ[:, i]·h_{ℓ−1}[j]; undefined where a pre-activation is 0 or p divides a denominator.
 */
export function jacobianRowsModP(net: AnyNet, points: readonly Vec[], p: number): number[][] | undefined {
  const layers = [...net.hidden, net.output];
  const Q = net.output.W.rows;
  const reduce = (values: readonly Rational[]): number[] | undefined => {
    const r = values.map((v) => modP(v, p));
    return r.includes(undefined) ? undefined : (r as number[]);
  };
  const Wp = layers.map((l) => reduce(l.W.data));
  const rows: number[][] = [];
  for (const x of points) {
    // The exact forward pass gives the pattern (strict, or no Jacobian) and the layer inputs h_ℓ.
    const { pre } = forward(net, x);
    const inputs = [x, ...pre.map(vec.relu)].map(reduce);
    if (pre.some((z) => z.some((v) => v.isZero())) || Wp.includes(undefined) || inputs.includes(undefined)) return undefined;
    // E_ℓ = ∂out/∂z_ℓ (Q × d_ℓ, row-major), from the output layer down: E_{ℓ−1} = (E_ℓ W_ℓ) D_{ℓ−1},
    // D the pattern of layer ℓ − 1.
    const E: number[][] = [];
    E[layers.length - 1] = Array.from({ length: Q * Q }, (_, k) => (k % (Q + 1) === 0 ? 1 : 0));
    for (let l = layers.length - 1; l > 0; l--) {
      const { rows: R, cols: C } = layers[l]!.W;
      E[l - 1] = Array.from({ length: Q * C }, (_, k) => {
        const [q, j] = [Math.floor(k / C), k % C];
        let s = 0;
        if (pre[l - 1]![j]!.sign() > 0) for (let i = 0; i < R; i++) s = (s + E[l]![q * R + i]! * Wp[l]![i * C + j]!) % p;
        return s;
      });
    }
    // Row q in flatten's order: per layer ∂out_q/∂W_ℓ[i, j] = E_ℓ[q, i]·h_{ℓ−1}[j], then ∂out_q/∂b_ℓ[i] = E_ℓ[q, i].
    for (let q = 0; q < Q; q++) {
      const row: number[] = [];
      for (const [k, { W }] of layers.entries()) {
        const e = E[k]!.slice(q * W.rows, (q + 1) * W.rows);
        for (const ei of e) for (const h of inputs[k]!) row.push((ei * h) % p);
        row.push(...e);
      }
      rows.push(row);
    }
  }
  return rows;
}

/** Rank mod p by Gaussian elimination (on a copy of the rows). */
export function rankModP(rows: readonly number[][], p: number): number {
  const m = rows.map((r) => Float64Array.from(r));
  let rank = 0;
  for (let c = 0; c < (m[0]?.length ?? 0); c++) {
    const piv = m.findIndex((r, i) => i >= rank && r[c] !== 0);
    if (piv < 0) continue;
    [m[rank], m[piv]] = [m[piv]!, m[rank]!];
    const pr = m[rank]!;
    const ip = inv(pr[c]!, p);
    for (let j = c; j < pr.length; j++) pr[j] = (pr[j]! * ip) % p;
    // Subtract f·(pivot row) from every later row with f = its entry in column c (skipped when 0).
    for (const row of m.slice(rank + 1)) {
      const g = p - row[c]!;
      if (g !== p) for (let j = c; j < pr.length; j++) if (pr[j] !== 0) row[j] = (row[j]! + g * pr[j]!) % p;
    }
    rank++;
  }
  return rank;
}

/**
 * One point per residual function of the parameters near p: points of one target whose pre-activations are all < 0 at
 * the same first layer share it (x^(ℓ) ≡ 0 nearby); any other point stands alone. null where a pre-activation is 0.
 */
export function residualGroups<S extends { x: Vec; y: Vec }>(net: AnyNet, samples: readonly S[]): S[] | null {
  const groups = new Map<string, S>();
  for (const [i, s] of samples.entries()) {
    const { pre } = forward(net, s.x);
    if (pre.some((z) => z.some((v) => v.isZero()))) return null;
    const collapsed = pre.findIndex((z) => z.every((v) => v.sign() < 0));
    const key = collapsed < 0 ? `point ${i}` : `layer ${collapsed} target ${s.y.join(',')}`;
    if (!groups.has(key)) groups.set(key, s);
  }
  return [...groups.values()];
}
