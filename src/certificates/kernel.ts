/**
 * The trusted kernel's arithmetic on networks: parsing a certificate's network,
 * a forward pass carrying Taylor coefficients in one parameter direction, and
 * the truncation maps. It imports only the exact layer, on purpose: nothing
 * that constructs or searches can influence what the checker accepts.
 */
import { Matrix, vec, type Vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { LayerJson, NetworkJson } from './format.ts';

export interface KLayer {
  readonly W: Matrix;
  readonly b: readonly Rational[];
}
export interface KNet {
  readonly hidden: readonly KLayer[];
  readonly output: KLayer;
}

/** Thrown on a certificate that cannot even be read; the checker reports it as unusable. */
export class UnusableCertificate extends Error {}

function parseRational(s: unknown, where: string): Rational {
  if (typeof s !== 'string') throw new UnusableCertificate(`${where}: expected an exact number string`);
  try {
    return Rational.parse(s);
  } catch {
    throw new UnusableCertificate(`${where}: not an exact number: ${JSON.stringify(s)}`);
  }
}

export function parseVector(v: unknown, where: string): Rational[] {
  if (!Array.isArray(v)) throw new UnusableCertificate(`${where}: expected an array`);
  return v.map((s, i) => parseRational(s, `${where}[${i}]`));
}

export function parseMatrix(m: unknown, where: string): Matrix {
  if (!Array.isArray(m) || m.length === 0) throw new UnusableCertificate(`${where}: expected a non-empty matrix`);
  const rows = m.map((r, i) => parseVector(r, `${where}[${i}]`));
  if (rows.some((r) => r.length !== rows[0]!.length)) throw new UnusableCertificate(`${where}: ragged matrix`);
  return Matrix.fromRows(rows);
}

/** Reads a network and checks its shape against (L, M, Q). */
export function parseNetwork(json: NetworkJson | undefined, L: number, M: number, Q: number): KNet {
  if (!json || !Array.isArray(json.hidden)) throw new UnusableCertificate('network: missing');
  if (json.hidden.length !== L) throw new UnusableCertificate(`network: ${json.hidden.length} hidden layers, shape says ${L}`);
  const layer = (l: LayerJson, rows: number, where: string): KLayer => {
    const W = parseMatrix(l?.W, `${where}.W`);
    const b = parseVector(l?.b, `${where}.b`);
    if (W.rows !== rows || W.cols !== M || b.length !== rows) throw new UnusableCertificate(`${where}: wrong dimensions`);
    return { W, b };
  };
  return {
    hidden: json.hidden.map((l, k) => layer(l, M, `network.hidden[${k}]`)),
    output: layer(json.output, Q, 'network.output'),
  };
}

/** All parameters in the fixed order of src/network/params.ts: per layer, W row-major, then b. */
export function flatten(net: KNet): Rational[] {
  return [...net.hidden, net.output].flatMap((l) => [...l.W.data, ...l.b]);
}

/** The inverse of `flatten` for a network of the same shape as `like`. */
export function unflatten(values: readonly Rational[], like: KNet): KNet {
  let k = 0;
  const take = (l: KLayer): KLayer => {
    const W = new Matrix(l.W.rows, l.W.cols, values.slice(k, (k += l.W.data.length)));
    const b = values.slice(k, (k += l.b.length));
    return { W, b };
  };
  const hidden = like.hidden.map(take);
  const output = take(like.output);
  if (k !== values.length) throw new UnusableCertificate(`parameter vector of length ${values.length}, expected ${k}`);
  return { hidden, output };
}

/** Plain exact forward pass; returns the last hidden activation too. */
export function forward(net: KNet, x: Vec): { output: Rational[]; lastHidden: Rational[]; pre: Rational[][] } {
  let h: Rational[] = [...x];
  const pre: Rational[][] = [];
  for (const l of net.hidden) {
    const z = vec.add(l.W.mulVec(h), l.b);
    pre.push(z);
    h = vec.relu(z);
  }
  return { output: vec.add(net.output.W.mulVec(h), net.output.b), lastHidden: h, pre };
}

/** Sign pattern of the hidden pre-activations at x, e.g. "+-+|++-"; `null` if some is exactly 0. */
export function strictPattern(net: KNet, x: Vec): string | null {
  const { pre } = forward(net, x);
  const parts: string[] = [];
  for (const z of pre) {
    if (z.some((v) => v.isZero())) return null;
    parts.push(z.map((v) => (v.sign() > 0 ? '+' : '-')).join(''));
  }
  return parts.join('|');
}

/** A truncated power series a0 + a1 t + a2 t². */
export type Jet = readonly [Rational, Rational, Rational];

function jetAffine(W: Matrix, dW: Matrix, b: Vec, db: Vec, h: readonly Jet[]): Jet[] {
  const out: Jet[] = [];
  for (let i = 0; i < W.rows; i++) {
    let c0 = b[i]!;
    let c1 = db[i]!;
    let c2 = Rational.ZERO;
    for (let j = 0; j < W.cols; j++) {
      const w = W.get(i, j);
      const dw = dW.get(i, j);
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
 * Output of the network at parameters p + t·d as a series in t, valid near t = 0
 * when every hidden pre-activation is strictly signed at x (then ReLU keeps its
 * branch). Returns null when some pre-activation is exactly 0.
 */
export function jetForward(net: KNet, dir: KNet, x: Vec): Jet[] | null {
  let h: Jet[] = x.map((v) => [v, Rational.ZERO, Rational.ZERO] as const);
  for (let l = 0; l < net.hidden.length; l++) {
    const L = net.hidden[l]!;
    const D = dir.hidden[l]!;
    const z = jetAffine(L.W, D.W, L.b, D.b, h);
    if (z.some((j) => j[0].isZero())) return null;
    h = z.map((j) => (j[0].sign() > 0 ? j : ([Rational.ZERO, Rational.ZERO, Rational.ZERO] as const)));
  }
  return jetAffine(net.output.W, dir.output.W, net.output.b, dir.output.b, h);
}

/**
 * Taylor coefficients [c0, c1, c2] of t ↦ Σ |f_{p+td}(x) − y|² over the data
 * (not divided by N), or null if some pre-activation is 0 on the data.
 */
export function costSeries(net: KNet, dir: KNet, points: readonly { x: Vec; y: Vec }[]): [Rational, Rational, Rational] | null {
  let c0 = Rational.ZERO;
  let c1 = Rational.ZERO;
  let c2 = Rational.ZERO;
  const two = Rational.int(2);
  for (const { x, y } of points) {
    const out = jetForward(net, dir, x);
    if (!out) return null;
    out.forEach(([o0, o1, o2], i) => {
      const r0 = o0.sub(y[i]!);
      c0 = c0.add(r0.square());
      c1 = c1.add(two.mul(r0).mul(o1));
      c2 = c2.add(o1.square()).add(two.mul(r0).mul(o2));
    });
  }
  return [c0, c1, c2];
}

/** τ_{W,b}(x) = W⁻¹(σ(Wx + b) − b) for invertible W, given W⁻¹. */
export function truncation(W: Matrix, Winv: Matrix, b: Vec, x: Vec): Rational[] {
  return Winv.mulVec(vec.sub(vec.relu(vec.add(W.mulVec(x), b)), b));
}

/** Cumulative parameters W^(ℓ) = W_ℓ⋯W_1, b^(ℓ) = W_ℓ b^(ℓ−1) + b_ℓ for ℓ = 1..L+1. */
export function cumulative(net: KNet): { W: Matrix[]; b: Rational[][] } {
  const M = net.output.W.cols;
  let W = Matrix.identity(M);
  let b: Rational[] = vec.zeros(M);
  const Ws: Matrix[] = [];
  const bs: Rational[][] = [];
  for (const l of [...net.hidden, net.output]) {
    W = l.W.mul(W);
    b = vec.add(l.W.mulVec(b), l.b);
    Ws.push(W);
    bs.push(b);
  }
  return { W: Ws, b: bs };
}

/** Maps x to its τ-images after each hidden layer (needs every W^(ℓ) invertible). */
export function curatedImages(net: KNet): (x: Vec) => Rational[][] {
  const cum = cumulative(net);
  const L = net.hidden.length;
  const inverses = cum.W.slice(0, L).map((W) => W.inverse());
  return (x) => {
    const images: Rational[][] = [];
    let z: Rational[] = [...x];
    for (let l = 0; l < L; l++) images.push((z = truncation(cum.W[l]!, inverses[l]!, cum.b[l]!, z)));
    return images;
  };
}
