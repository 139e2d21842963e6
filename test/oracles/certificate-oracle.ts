/**
 * An independent oracle for certificates (tests only): what a certificate asserts, decided
 * with code of its own — its own forward pass, power series, Jacobian, spreads and
 * truncation structure — sharing nothing with src/certificates beyond the format types.
 * `oracle(cert, ds)` is true exactly when the certificate's evidence holds AND every label
 * (claim, context, verdict) states something true of its network on these data.
 */
import { Matrix } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import type { NetworkJson } from '../../src/certificates/format.ts';
import { CERTIFICATE_FORMAT, type Certificate, type Evidence } from '../../src/certificates/format.ts';

export type V = Rational[];
export const Z = Rational.ZERO;
export const ONE = Rational.ONE;
export const r = (s: string | number) => Rational.parse(s);
export const sub = (a: readonly Rational[], b: readonly Rational[]): V => a.map((v, i) => v.sub(b[i]!));
export const dot = (a: readonly Rational[], b: readonly Rational[]): Rational => a.reduce((s, v, i) => s.add(v.mul(b[i]!)), Z);
export const norm2 = (a: readonly Rational[]): Rational => dot(a, a);
export const relu = (a: readonly Rational[]): V => a.map((v) => (v.sign() > 0 ? v : Z));
export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
export const bump = (s: string, by = Rational.of(1n, 997n)) => r(s).add(by).toString();

// ---------------------------------------------------------------------------
// The oracle: what a certificate asserts, decided here with code of our own.
// ---------------------------------------------------------------------------

interface Layer {
  W: V[];
  b: V;
}
interface Net {
  hidden: Layer[];
  output: Layer;
}
type Jet = [Rational, Rational, Rational];

export function parseNet(json: unknown, L: number, M: number, Q: number): Net {
  const j = json as { hidden: { W: string[][]; b: string[] }[]; output: { W: string[][]; b: string[] } };
  // Any hidden widths (SPEC §6): W_ℓ is d_ℓ × d_{ℓ−1}, d_0 = M.
  let cols = M;
  const layer = (l: { W: string[][]; b: string[] }, rows?: number): Layer => {
    const W = l.W.map((row) => row.map(r));
    const b = l.b.map(r);
    if (W.length === 0 || (rows !== undefined && W.length !== rows) || b.length !== W.length || W.some((row) => row.length !== cols)) throw new Error('shape');
    cols = W.length;
    return { W, b };
  };
  if (j.hidden.length !== L) throw new Error('L');
  const hidden = j.hidden.map((l) => layer(l));
  return { hidden, output: layer(j.output, Q) };
}
const affine = (l: Layer, x: readonly Rational[]): V => l.W.map((row, i) => dot(row, x).add(l.b[i]!));
export function forward(net: Net, x: readonly Rational[]): { pre: V[]; last: V; out: V } {
  let h: V = [...x];
  const pre: V[] = [];
  for (const l of net.hidden) {
    const z = affine(l, h);
    pre.push(z);
    h = relu(z);
  }
  return { pre, last: h, out: affine(net.output, h) };
}
/** forward on a certificate's network as written (its shape read from the JSON). */
export const forwardJson = (json: NetworkJson, x: readonly Rational[]) => forward(parseNet(json, json.hidden.length, x.length, json.output.W.length), x);
export const flatten = (net: Net): V => [...net.hidden, net.output].flatMap((l) => [...l.W.flat(), ...l.b]);
export function unflatten(p: readonly Rational[], like: Net): Net {
  if (p.length !== flatten(like).length) throw new Error('length');
  let k = 0;
  const take = (l: Layer): Layer => ({ W: l.W.map((row) => row.map(() => p[k++]!)), b: l.b.map(() => p[k++]!) });
  const hidden = like.hidden.map(take);
  return { hidden, output: take(like.output) };
}

/** Output at p + t·d as a 2-jet in t; null when a pre-activation is exactly 0 (ReLU kink). */
/** With `oneSided`, the series for t > 0 at any point: a unit at 0 takes the sign of its first nonzero coefficient (0 through t²: O(t³), set to 0). */
export function jetForward(net: Net, dir: Net, x: readonly Rational[], oneSided = false): Jet[] | null {
  const layer = (l: Layer, d: Layer, h: Jet[]): Jet[] =>
    l.W.map((row, i) => {
      const out: Jet = [l.b[i]!, d.b[i]!, Z];
      row.forEach((w, k) => {
        const dw = d.W[i]![k]!;
        const [h0, h1, h2] = h[k]!;
        out[0] = out[0].add(w.mul(h0));
        out[1] = out[1].add(w.mul(h1)).add(dw.mul(h0));
        out[2] = out[2].add(w.mul(h2)).add(dw.mul(h1));
      });
      return out;
    });
  let h: Jet[] = x.map((v) => [v, Z, Z]);
  for (let l = 0; l < net.hidden.length; l++) {
    const z = layer(net.hidden[l]!, dir.hidden[l]!, h);
    if (!oneSided && z.some((j) => j[0].isZero())) return null;
    h = z.map((j) => ((oneSided ? j[0].sign() || j[1].sign() || j[2].sign() : j[0].sign()) > 0 ? j : [Z, Z, Z]));
  }
  return layer(net.output, dir.output, h);
}

interface Sample {
  x: readonly Rational[];
  y: readonly Rational[];
  cls: number;
}
export const samplesOf = (ds: DataSet): Sample[] => ds.classes.flatMap((c, j) => c.points.map((x) => ({ x, y: ds.targets[j]!, cls: j })));

/** Σ|f_{p+td}(x) − y|² = c0 + c1 t + c2 t² + … (first three coefficients). */
export function costSeries(net: Net, dir: Net, samples: Sample[], oneSided = false): Jet | null {
  const c: Jet = [Z, Z, Z];
  for (const s of samples) {
    const out = jetForward(net, dir, s.x, oneSided);
    if (!out) return null;
    out.forEach(([o0, o1, o2], i) => {
      const r0 = o0.sub(s.y[i]!);
      c[0] = c[0].add(r0.mul(r0));
      c[1] = c[1].add(Rational.int(2).mul(r0).mul(o1));
      c[2] = c[2].add(o1.mul(o1)).add(Rational.int(2).mul(r0).mul(o2));
    });
  }
  return c;
}

export function projector(ds: DataSet) {
  const means = ds.classes.map((c) => c.points[0]!.map((_, k) => c.points.reduce((s, p) => s.add(p[k]!), Z).div(Rational.int(c.points.length))));
  const Xbar = Matrix.fromColumns(means);
  if (Xbar.rank() !== ds.Q) throw new Error('rank');
  const Xpinv = Xbar.transpose().mul(Xbar).inverse().mul(Xbar.transpose());
  return { means, Xpinv, P: Xbar.mul(Xpinv), Y: Matrix.fromColumns(ds.targets) };
}

function spreadOf(points: readonly V[]): Rational {
  const n = Rational.int(points.length);
  const mean = points[0]!.map((_, k) => points.reduce((s, p) => s.add(p[k]!), Z).div(n));
  return points.reduce((s, p) => s.add(norm2(sub(p, mean))), Z).div(n);
}

/** Cumulative parameters W^(ℓ) = W_ℓ⋯W_1, b^(ℓ) = W_ℓ b^(ℓ−1) + b_ℓ, as exact matrices. */
export function cumulative(net: Net): { W: Matrix[]; b: V[] } {
  const M = net.output.W[0]!.length;
  let W = Matrix.identity(M);
  let b: V = new Array<Rational>(M).fill(Z);
  const Ws: Matrix[] = [];
  const bs: V[] = [];
  for (const l of [...net.hidden, net.output]) {
    W = Matrix.fromRows(l.W).mul(W);
    b = affine(l, b);
    Ws.push(W);
    bs.push(b);
  }
  return { W: Ws, b: bs };
}

/** The τ-images of x after each hidden layer, and the representation W^(L+1)z_L + b^(L+1) (throws if some W^(ℓ) is singular). */
export function curation(net: Net) {
  const { W: Ws, b: bs } = cumulative(net);
  const L = net.hidden.length;
  const inv = Ws.slice(0, L).map((w) => w.inverse());
  const images = (x: readonly Rational[]): V[] => {
    const out: V[] = [];
    let z: V = [...x];
    for (let l = 0; l < L; l++) {
      z = inv[l]!.mulVec(sub(relu(Ws[l]!.mulVec(z).map((v, i) => v.add(bs[l]![i]!))), bs[l]!));
      out.push(z);
    }
    return out;
  };
  const represent = (x: readonly Rational[]): V => {
    const im = images(x);
    const z = im.length ? im[im.length - 1]! : [...x];
    return Ws[L]!.mulVec(z).map((v, i) => v.add(bs[L]![i]!));
  };
  return { images, represent };
}

const VERDICT: Record<Evidence['kind'], Certificate['verdict']> = {
  'cost-zero': 'verified',
  'pattern-bound': 'verified',
  'output-normal-equations': 'verified',
  descent: 'refuted',
  'identity-region-bound': 'verified',
  'metric-identity': 'verified',
  'metric-counterexample': 'refuted',
  'convex-overlap': 'not-applicable',
  families: 'verified',
  'curation-spread': 'verified',
  'curation-spread-increase': 'refuted',
  'representation-identity': 'verified',
  'representation-counterexample': 'refuted',
  'critical-point': 'verified',
  'lower-cost-point': 'refuted',
};

/** Whether the certificate's assertion is true of these data (our own decision). */
export function oracle(cert: Certificate, ds: DataSet): boolean {
  try {
    return oracleOrThrow(cert, ds);
  } catch {
    return false; // unreadable (bad shape, singular matrix, index out of range): not a valid certificate
  }
}

function oracleOrThrow(cert: Certificate, ds: DataSet): boolean {
  return labelsHold(cert, ds) && evidenceHolds(cert, ds);
}

/** Whether the evidence proves its fact about the certificate's network. */
function evidenceHolds(cert: Certificate, ds: DataSet): boolean {
  const ev = cert.evidence;
  if (cert.format !== CERTIFICATE_FORMAT || cert.data.sha256 !== ds.source.sha256 || cert.verdict !== VERDICT[ev.kind]) return false;
  if (cert.shape.M !== ds.M || cert.shape.Q !== ds.Q) return false;
  const samples = samplesOf(ds);
  const N = Rational.int(ds.N);
  const { M, Q } = ds;

  if (ev.kind === 'convex-overlap') {
    const [a, b] = ev.classes;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a === b || a < 0 || b < 0 || a >= Q || b >= Q) return false;
    const point = (j: number, w: string[]): V | null => {
      const lam = w.map(r);
      const pts = ds.classes[j]!.points;
      if (lam.length !== pts.length || lam.some((l) => l.sign() < 0) || !lam.reduce((s, l) => s.add(l), Z).eq(ONE)) return null;
      return pts.reduce<V>((s, p, i) => s.map((v, k) => v.add(p[k]!.mul(lam[i]!))), new Array<Rational>(M).fill(Z));
    };
    const pa = point(a, ev.weights[0]);
    const pb = point(b, ev.weights[1]);
    return pa !== null && pb !== null && pa.every((v, k) => v.eq(pb[k]!));
  }

  const net = parseNet(cert.network, cert.shape.L, M, Q);
  const L = net.hidden.length;
  const outs = samples.map((s) => forward(net, s.x));
  const sumSq = samples.reduce((acc, s, i) => acc.add(norm2(sub(outs[i]!.out, s.y))), Z);
  const ms = sumSq.div(N);
  if (cert.ms !== undefined && !ms.eq(r(cert.ms))) return false;
  const strict = outs.every((o) => o.pre.every((z) => z.every((v) => !v.isZero())));
  const inRegion = (pre: V[]) => pre.every((z) => z.every((v) => v.sign() >= 0));

  switch (ev.kind) {
    case 'cost-zero':
      return ms.isZero();
    case 'lower-cost-point': {
      const other = parseNet(ev.network, L, M, Q);
      const same = [...other.hidden, other.output].every((l, k) => {
        const mine = [...net.hidden, net.output][k]!;
        return l.W.length === mine.W.length && l.W[0]!.length === mine.W[0]!.length;
      });
      const otherMs = samples.reduce((acc, s) => acc.add(norm2(sub(forward(other, s.x).out, s.y))), Z).div(N);
      return same && otherMs.lt(ms);
    }
    case 'critical-point': {
      if (!strict) return false;
      const flat = [...net.hidden, net.output].flatMap((l) => [...l.W.flat(), ...l.b]);
      return flat.every((_, k) => costSeries(net, unflatten(flat.map((_, i) => (i === k ? ONE : Z)), net), samples)![1].isZero());
    }
    case 'pattern-bound': {
      if (!strict) return false;
      const fits = new Map(ev.fits.map((f) => [f.pattern, f.fit.map((row) => row.map(r))]));
      const groups = new Map<string, Sample[]>();
      samples.forEach((s, i) => {
        const key = outs[i]!.pre.map((z) => z.map((v) => (v.sign() > 0 ? '+' : '-')).join('')).join('|');
        groups.set(key, [...(groups.get(key) ?? []), s]);
      });
      let bound = Z;
      for (const [key, pts] of groups) {
        const A = fits.get(key);
        if (!A || A.length !== Q || A.some((row) => row.length !== M + 1)) return false;
        const grad = A.map(() => new Array<Rational>(M + 1).fill(Z));
        for (const s of pts) {
          const z = [...s.x, ONE];
          const res = sub(A.map((row) => dot(row, z)), s.y);
          res.forEach((ri, i) => z.forEach((zk, k) => (grad[i]![k] = grad[i]![k]!.add(ri.mul(zk)))));
          bound = bound.add(norm2(res));
        }
        if (grad.some((row) => row.some((v) => !v.isZero()))) return false;
      }
      return sumSq.eq(bound);
    }
    case 'output-normal-equations': {
      const grad = Array.from({ length: Q }, () => new Array<Rational>(M + 1).fill(Z));
      samples.forEach((s, i) => {
        const h = [...outs[i]!.last, ONE];
        sub(outs[i]!.out, s.y).forEach((ri, a) => h.forEach((hk, k) => (grad[a]![k] = grad[a]![k]!.add(ri.mul(hk)))));
      });
      return grad.every((row) => row.every((v) => v.isZero()));
    }
    case 'descent': {
      const d = ev.direction.map(r);
      const dir = unflatten(d, net);
      const outputOnly = cert.context?.sense === 'output-layer';
      const movesHidden = dir.hidden.some((l) => [...l.W.flat(), ...l.b].some((v) => !v.isZero()));
      if (outputOnly && movesHidden) return false;
      if (cert.claim === 'network' && cert.context?.sense === 'critical-point' && ev.order !== 1) return false;
      // Moving only the output layer: outputs are out + t·(dW h + db) exactly, with no strictness needed.
      // Moving hidden layers: the one-sided series for t > 0 (equal to the two-sided one at strict points).
      const c = movesHidden
        ? costSeries(net, dir, samples, true)
        : samples.reduce<[Rational, Rational, Rational]>(
            ([c0, c1, c2], s, i) => {
              const res = sub(outs[i]!.out, s.y);
              const dout = dir.output.W.map((row, a) => dot(row, outs[i]!.last).add(dir.output.b[a]!));
              return [c0.add(norm2(res)), c1.add(Rational.int(2).mul(dot(res, dout))), c2.add(norm2(dout))];
            },
            [Z, Z, Z],
          );
      if (!c) return false;
      const coef = r(ev.coefficient);
      if (ev.order === 1) return c[1].eq(coef) && c[1].sign() < 0;
      if (ev.order === 2) return c[1].isZero() && c[2].eq(coef) && c[2].sign() < 0;
      return false;
    }
    case 'identity-region-bound': {
      if (!outs.every((o) => inRegion(o.pre))) return false;
      const { means, Xpinv, P, Y } = projector(ds);
      const A = Y.mul(Xpinv);
      let U2 = Z;
      let dP2 = Z;
      samples.forEach((s) => {
        const dx = sub(s.x, means[s.cls]!);
        U2 = U2.add(norm2(A.mulVec(P.mulVec(dx))));
        dP2 = dP2.max(norm2(P.mulVec(dx)));
      });
      U2 = U2.div(N);
      // A listed point [class, index] replaces the maximum by its own |PΔx|² (a lower bound on δ_P²).
      if (ev.deltaPPoint !== undefined) {
        const [j, i] = ev.deltaPPoint;
        const x = ds.classes[j]?.points[i];
        if (!Number.isInteger(i) || x === undefined) return false;
        dP2 = norm2(P.mulVec(sub(x, means[j]!)));
      }
      const v = ev.rayleighVector.map(r);
      if (v.length !== M || norm2(v).isZero()) return false;
      const lambda = norm2(A.mulVec(v)).div(norm2(v));
      return ms.eq(U2) && U2.le(lambda.mul(dP2));
    }
    case 'metric-identity':
    case 'metric-counterexample': {
      const { means, Xpinv, P, Y } = projector(ds);
      // The S1 network: W₁ᵀW₁ = P, b₁ = β·1, W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁.
      if (L !== 1) return false;
      const W1 = Matrix.fromRows(net.hidden[0]!.W);
      const b1 = net.hidden[0]!.b;
      const W2 = Y.mul(Xpinv).mul(W1.transpose());
      if (!W1.transpose().mul(W1).eq(P) || !b1.every((v) => v.eq(b1[0]!))) return false;
      if (!Matrix.fromRows(net.output.W).eq(W2) || !net.output.b.every((v, i) => v.eq(W2.mulVec(b1)[i]!.neg()))) return false;
      const A = Y.mul(Xpinv).mul(P);
      const holds = (x: V, j: number) => {
        if (!Number.isInteger(j) || j < 0 || j >= Q) throw new Error('class');
        return norm2(sub(forward(net, x).out, ds.targets[j]!)).eq(norm2(A.mulVec(sub(x, means[j]!))));
      };
      if (ev.kind === 'metric-counterexample') {
        const x = ev.x.map(r);
        return x.length === M && inRegion(forward(net, x).pre) && !holds(x, ev.class);
      }
      if (Y.det().isZero() || ev.inputs.length === 0) return false;
      return ev.inputs.every((inp) => {
        const x = inp.x.map(r);
        return x.length === M && inRegion(forward(net, x).pre) && holds(x, inp.class);
      });
    }
    case 'families': {
      const p = flatten(net);
      const K = p.length;
      if (!ms.isZero() || ev.paramCount !== K || !strict) return false;
      const hiddenCount = K - Q * (M + 1);
      const tangents: V[] = [];
      for (const fam of ev.families) {
        if (fam.type === 'output-null') {
          const d = fam.direction.map(r);
          if (d.length !== K || d.slice(0, hiddenCount).some((v) => !v.isZero())) return false;
          const dn = unflatten(d, net).output;
          if (!outs.every((o) => affine(dn, o.last).every((v) => v.isZero()))) return false;
          tangents.push(d);
        } else if (fam.type === 'unit-rescaling') {
          const { layer, unit } = fam;
          if (!Number.isInteger(layer) || layer < 1 || layer > L || !Number.isInteger(unit) || unit < 0 || unit >= M) return false;
          // d/dt at t = 1 of (row `unit` of layer ℓ)·t and (column `unit` of layer ℓ+1)/t.
          const layers = [...net.hidden, net.output];
          tangents.push(
            layers.flatMap((l, idx) => [
              ...l.W.flatMap((row, i) => row.map((v, k) => (idx === layer - 1 && i === unit ? v : idx === layer && k === unit ? v.neg() : Z))),
              ...l.b.map((v, i) => (idx === layer - 1 && i === unit ? v : Z)),
            ]),
          );
        } else return false;
      }
      const tangentRank = tangents.length ? Matrix.fromRows(tangents).rank() : 0;
      if (tangentRank !== ev.tangentRank || tangentRank < 1) return false;
      // Jacobian of the residual map at the given points, column k = first-order coefficient along e_k.
      const rankAt = (xs: readonly (readonly Rational[])[]): number => {
        const cols = p.map((_, k) => {
          const dir = unflatten(p.map((__, i) => (i === k ? ONE : Z)), net);
          return xs.flatMap((x) => jetForward(net, dir, x)!.map((j) => j[1]));
        });
        return xs.length ? Matrix.fromRows(cols).rank() : 0;
      };
      const rankJ = rankAt(samples.map((s) => s.x));
      // An exact dimension is K − rank J, valid when the Jacobian has one independent row per
      // output of each distinct residual function (here: each class collapses to one apex).
      if (ev.exactDimension !== undefined && (ev.exactDimension !== K - rankJ || rankJ !== Q * Q)) return false;
      // The listed points (0-based [class, index]) and the prime; a large prime gives the exact rank here.
      const prime = ev.jacobianPrime;
      if (!Number.isInteger(prime) || prime < 2 || prime >= 2 ** 26 || Array.from({ length: Math.floor(Math.sqrt(prime)) - 1 }, (_, i) => i + 2).some((d) => prime % d === 0)) return false;
      const listed = ev.jacobianPoints.map(([j, i]) => ds.classes[j]?.points[i]);
      if (listed.some((x) => x === undefined)) return false;
      return rankAt(listed as (readonly Rational[])[]) === ev.jacobianRank;
    }
    case 'curation-spread':
    case 'curation-spread-increase': {
      if (!ms.isZero()) return false; // D3 speaks of the constructed global minimizer
      const { images } = curation(net);
      const spreads = ds.classes.map((c) => {
        const ims = c.points.map((x) => images(x));
        return [spreadOf(c.points.map((x) => [...x])), ...net.hidden.map((_, l) => spreadOf(ims.map((im) => im[l]!)))];
      });
      const claimed = ev.spreads.map((row) => row.map(r));
      if (claimed.length !== spreads.length || claimed.some((row, j) => row.length !== spreads[j]!.length || row.some((v, l) => !v.eq(spreads[j]![l]!)))) return false;
      if (ev.kind === 'curation-spread-increase') {
        const row = spreads[ev.classIndex];
        return row !== undefined && Number.isInteger(ev.layer) && ev.layer >= 1 && ev.layer < row.length && row[ev.layer]!.gt(row[ev.layer - 1]!);
      }
      // The truncation layer of class j: the first layer where all its points have pre-activations ≤ 0.
      const truncation = ds.classes.map((c) => {
        const pres = c.points.map((x) => forward(net, x).pre);
        const l = net.hidden.findIndex((_, k) => pres.every((pre) => pre[k]!.every((v) => v.sign() <= 0)));
        return l < 0 ? null : l + 1;
      });
      if (!Array.isArray(ev.truncatedAt) || truncation.some((t, j) => (ev.truncatedAt[j] ?? null) !== t)) return false;
      return spreads.every((row, j) => {
        for (let l = 1; l < row.length; l++) if (row[l]!.gt(row[l - 1]!)) return false;
        const t = ev.truncatedAt[j];
        if (t === null || t === undefined) return true;
        if (!Number.isInteger(t) || t < 0) return false;
        for (let l = t; l < row.length; l++) if (!row[l]!.isZero()) return false;
        return true;
      });
    }
    case 'representation-identity':
    case 'representation-counterexample': {
      const { represent } = curation(net);
      const agrees = (x: readonly Rational[]) => represent(x).every((v, i) => v.eq(forward(net, x).out[i]!));
      if (ev.kind === 'representation-counterexample') {
        const x = ds.classes[ev.point[0]]?.points[ev.point[1]];
        return x !== undefined && !agrees(x);
      }
      return samples.every((s) => agrees(s.x));
    }
  }
}


// ---------------------------------------------------------------------------
// Labels: what the claim id, the context and the verdict say about the network.
// ---------------------------------------------------------------------------

const OUTPUT_EVIDENCE = ['output-normal-equations'];
const LOCAL_EVIDENCE = ['pattern-bound', 'descent'];

/** The S1 network: one hidden layer W₁ᵀW₁ = P, b₁ = β·1, W₂ = YX̄⁺W₁ᵀ, b₂ = −W₂b₁. */
function isS1Network(net: Net, ds: DataSet): boolean {
  if (net.hidden.length !== 1 || !widthM(net, ds)) return false;
  const { Xpinv, P, Y } = projector(ds);
  const W1 = Matrix.fromRows(net.hidden[0]!.W);
  const b1 = net.hidden[0]!.b;
  const W2 = Y.mul(Xpinv).mul(W1.transpose());
  return W1.transpose().mul(W1).eq(P) && b1.every((v) => v.eq(b1[0]!)) && Matrix.fromRows(net.output.W).eq(W2) && net.output.b.every((v, i) => v.eq(W2.mulVec(b1)[i]!.neg()));
}

/** Every hidden layer has width M (the shape of the papers' constructions). */
const widthM = (net: Net, ds: DataSet): boolean => net.hidden.every((l) => l.W.length === ds.M);

/** Σ (f(x) − y) zᵀ over the data is 0, for the features z(x) given. */
function normalEquations(net: Net, ds: DataSet, features: (x: readonly Rational[], last: V) => V): boolean {
  const samples = samplesOf(ds);
  const rows = ds.Q;
  let grad: V[] | undefined;
  for (const s of samples) {
    const o = forward(net, s.x);
    const z = features(s.x, o.last);
    grad ??= Array.from({ length: rows }, () => new Array<Rational>(z.length).fill(Z));
    sub(o.out, s.y).forEach((ri, a) => z.forEach((zk, k) => (grad![a]![k] = grad![a]![k]!.add(ri.mul(zk)))));
  }
  return grad!.every((row) => row.every((v) => v.isZero()));
}

/** Per class: the layer (1-based) collapsing it after strictly active layers, null if strictly active throughout, undefined if neither. */
function collapseLayers(net: Net, ds: DataSet): (number | null | undefined)[] {
  return ds.classes.map((c) => {
    const pres = c.points.map((x) => forward(net, x).pre);
    for (let l = 0; l < net.hidden.length; l++) {
      if (pres.every((pre) => pre[l]!.every((v) => v.sign() <= 0))) return l + 1;
      if (!pres.every((pre) => pre[l]!.every((v) => v.sign() > 0))) return undefined;
    }
    return null;
  });
}

function sameKeys(ctx: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(ctx).sort().join(',') === [...keys].sort().join(',');
}

/** Whether the claim id, context and verdict say something true of the network (the evidence aside). */
export function labelsHold(cert: Certificate, ds: DataSet): boolean {
  const kind = cert.evidence.kind;
  const ctx = (cert.context ?? {}) as Record<string, unknown>;
  const net = () => parseNet(cert.network, cert.shape.L, ds.M, ds.Q);
  switch (cert.claim) {
    case 'S1':
      return sameKeys(ctx, []) && kind === 'identity-region-bound' && isS1Network(net(), ds);
    case 'S2':
      return sameKeys(ctx, []) && (kind === 'metric-identity' || kind === 'metric-counterexample') && isS1Network(net(), ds);
    case 'S3': {
      if (!sameKeys(ctx, ['bias']) || (ctx.bias !== 'free' && ctx.bias !== 'tied') || !LOCAL_EVIDENCE.includes(kind)) return false;
      const n = net();
      if (n.hidden.length !== 1 || !widthM(n, ds) || collapseLayers(n, ds).some((t) => t !== null)) return false;
      if (ctx.bias === 'tied') {
        const W2b1 = n.output.W.map((row) => dot(row, n.hidden[0]!.b));
        if (!n.output.b.every((v, i) => v.add(W2b1[i]!).isZero())) return false;
        return normalEquations(n, ds, (x) => [...x]);
      }
      return normalEquations(n, ds, (x) => [...x, ONE]);
    }
    case 'D1':
      if (!sameKeys(ctx, [])) return false;
      return kind === 'convex-overlap' || (kind === 'cost-zero' && cert.shape.L >= ds.Q && net().hidden.length >= ds.Q && widthM(net(), ds));
    case 'D1-degeneracy':
      return sameKeys(ctx, []) && kind === 'families';
    case 'D2': {
      if (!sameKeys(ctx, ['subset', 'sense'])) return false;
      if (ctx.sense === 'output-layer' ? !OUTPUT_EVIDENCE.includes(kind) : ctx.sense !== 'all-parameters' || !LOCAL_EVIDENCE.includes(kind)) return false;
      const n = net();
      if (!widthM(n, ds)) return false;
      const at = collapseLayers(n, ds);
      if (at.some((t) => t === undefined)) return false;
      const J = at.flatMap((t, j) => (t === null ? [] : [j + 1]));
      const layers = at.filter((t) => t !== null);
      const claimed = ctx.subset;
      if (!Array.isArray(claimed) || claimed.length !== J.length || !J.every((j, k) => claimed[k] === j) || J.length >= ds.Q) return false;
      if (new Set(layers).size !== layers.length) return false;
      return normalEquations(n, ds, (_, last) => [...last, ONE]);
    }
    case 'D3':
      return sameKeys(ctx, []) && (kind === 'curation-spread' || kind === 'curation-spread-increase');
    case 'R1':
      return sameKeys(ctx, []) && (kind === 'representation-identity' || kind === 'representation-counterexample');
    case 'network':
      if (!sameKeys(ctx, ['sense'])) return false;
      if (ctx.sense === 'global') return kind === 'cost-zero' || kind === 'descent' || kind === 'lower-cost-point';
      if (ctx.sense === 'critical-point') return kind === 'critical-point' || (kind === 'descent' && cert.evidence.kind === 'descent' && cert.evidence.order === 1);
      if (ctx.sense === 'output-layer') return kind === 'output-normal-equations' || kind === 'descent';
      return ctx.sense === 'all-parameters' && LOCAL_EVIDENCE.includes(kind);
    default:
      return false;
  }
}
