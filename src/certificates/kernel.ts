/**
 * The trusted kernel's arithmetic on networks: parsing a certificate's network,
 * a forward pass carrying Taylor coefficients in one parameter direction, and
 * the truncation maps. It imports only Rational and the checker's own linear algebra, on
 * purpose: nothing that constructs or searches can influence what the checker accepts.
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

/**
 * Exact pre-activations of each layer at x = H / D (H integer), in integers: with h = H/Dh,
 * for a layer x ↦ (A x + c)/d (affine.ts), z = (A H + c·Dh) / (d·Dh); the ReLU (all but the last layer) keeps the positive numerators.
 */
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
 * Output of the network at parameters p + t·d as a series in t for t ∈ (0, ε), at x. Along a
 * ray every pre-activation is a polynomial in t on (0, ε) for ε small (inductively, layer by
 * layer), so each unit keeps one branch there: that of the sign of its first nonzero
 * coefficient. A unit whose coefficients through t² all vanish is O(t³) and is set to 0 —
 * either branch changes every later coefficient only from t³ on, so orders 0–2 are exact.
 * Where every pre-activation is nonzero at x, ReLU keeps its branch for t near 0 on both
 * sides, and this is the two-sided series.
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

/**
 * Taylor coefficients [c0, c1, c2] of t ↦ Σ |f_{p+td}(x) − y|² (not divided by N) for
 * t ∈ (0, ε), at any points (two-sided where no hidden pre-activation of a point is 0).
 * c1 < 0, or c1 = 0 and c2 < 0, means a lower cost for small t > 0.
 */
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

// ───── Jacobian rank modulo a prime on listed points ─────
/*
 * The Jacobian rank of the residual map modulo a prime, on a listed subset of the
 * data points. Part of the trusted kernel.
 *
 * Why it is a valid bound. Let J be the exact Jacobian (rational) of the residuals
 * of the listed points at a point where every pre-activation of those points is
 * strictly signed. Scaling each row by the lcm of its denominators (a unit mod p
 * when p divides no denominator) gives an integer matrix of the same rank; any
 * nonzero minor mod p is a nonzero integer minor, so rank_p(J) ≤ rank(J). And the
 * rows of a subset are rows of the full Jacobian: rank(J_subset) ≤ rank(J_all).
 * Hence K − rank_p(J_subset) ≥ K − rank(J_all): still an upper bound on the local
 * dimension of the minimizing set (the zero set of r smooth residuals with
 * independent gradients is locally a manifold of dimension K − r containing it).
 *
 * Rows come from the chain rule with the (fixed, strict) activation pattern:
 * ∂out/∂b_ℓ[i] = E_ℓ[:, i], ∂out/∂W_ℓ[i, j] = E_ℓ[:, i]·h_{ℓ−1}[j], with
 * E_ℓ = W_{L+1} D_L W_L ⋯ W_{ℓ+1} D_ℓ, all reduced mod p.
 */

/** Primes below 2^26 (products of two residues stay below 2^52: exact in float64). */
export const MAX_PRIME = 2 ** 26;

export function isPrime(p: number): boolean {
  if (!Number.isInteger(p) || p < 2) return false;
  for (let d = 2; d * d <= p; d++) if (p % d === 0) return false;
  return true;
}

function inv(a: number, p: number): number {
  // Extended Euclid on numbers (a, p < 2^26).
  let [r0, r1] = [a, p];
  let [s0, s1] = [1, 0];
  while (r1 !== 0) {
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
 * Jacobian rows (Q per point, K columns, flattened-parameter order) mod p for the given
 * points; undefined when some pre-activation of a listed point is exactly 0 (the
 * Jacobian is not defined there) or p divides a denominator.
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
 * Data points whose residuals are the same function of the parameters near p:
 * points with the same target whose hidden pre-activations are all strictly
 * negative at the same layer ℓ (so x^(ℓ) ≡ 0 near p and everything after is
 * shared). Points collapsed nowhere stand alone. One representative per group;
 * null when some pre-activation is exactly 0.
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
