/**
 * S1 (SPEC §3): the explicit shallow network W_1 = P, b_1 = β·1, W_2 = YX̄⁺,
 * b_2 = −W_2 b_1 has ReLU acting as the identity on the data and ms = U²,
 * so min C ≤ U ≤ ‖YX̄⁺‖_op·δ_P.
 */
import { Matrix, vec } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { ClassStats } from '../data/stats.ts';
import type { Network } from '../network/network.ts';
import { msExact } from '../network/cost.ts';
import { toFMatrixScaled } from '../float/convert.ts';
import { compactOf } from '../data/compact.ts';
import { outputOnZt, projectedMoments, projectorMatrix, s1Factors, xpinvMatrix, type S1Factors } from './s1-factors.ts';
import { linearExtremes, projectorMinima } from '../data/extremes.ts';
import { makeCertificate } from '../certificates/build.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { identityShift } from './identity-shift.ts';
import type { ShallowQuantities } from './shallow-quantities.ts';
import { toNumber } from '../exact/rational-to-number.ts';
import { min } from '../exact/rational-shorthands.ts';

/** The S1 network, its shift β, the exact minima of Px it is built from, and the factors of P and X̄⁺. */
export interface S1Network {
  readonly net: Network;
  readonly beta: Rational;
  /** min over the data of (Px)_k, for every k (so every hidden pre-activation is ≥ minima_k + β ≥ 0). */
  readonly minima: readonly Rational[];
  readonly factors: S1Factors;
}

const built = new WeakMap<ShallowQuantities, { classes: DataSet['classes']; s1: S1Network | undefined }>();

/** The S1 network, or undefined when rank X̄ < Q (built once per set of shallow quantities and data set; S1 and S2 both use it). */
export function s1Network(ds: DataSet, sq: ShallowQuantities): S1Network | undefined {
  let known = built.get(sq);
  if (!known || known.classes !== ds.classes) built.set(sq, (known = { classes: ds.classes, s1: buildS1(ds, sq) }));
  return known.s1;
}

function buildS1(ds: DataSet, sq: ShallowQuantities): S1Network | undefined {
  if (!sq.Xpinv) return undefined;
  const factors = s1Factors(ds);
  if (!factors) throw new Error('internal: rank X̄ = Q but ZᵀZ is singular');
  // The factors describe the same X̄⁺ as the shallow quantities (checked: Q×M entries).
  const Xpinv = xpinvMatrix(factors);
  if (!Xpinv.eq(sq.Xpinv)) throw new Error('internal: the factored X̄⁺ differs from the shallow quantities');
  const P = projectorMatrix(factors);
  // β = max(0, −min over the data of each coordinate of Px): exact linear extremes on the compact data.
  const classes = compactOf(ds).classes;
  // (projectorMinima: the same exact minima in O(M·Q) per point through P = Z(ZᵀZ)⁻¹Zᵀ.)
  const minima =
    projectorMinima(classes, ds.M, factors.Z) ??
    P.toRows().map((row) => classes.reduce((m, c) => min(m, linearExtremes(c, ds.M, row).min), linearExtremes(classes[0]!, ds.M, row).min));
  const beta = identityShift([minima]);
  const b1 = new Array<Rational>(ds.M).fill(beta);
  const W2 = sq.Y.mul(Xpinv);
  return { net: { hidden: [{ W: P, b: b1 }], output: { W: W2, b: W2.mulVec(b1).map((v) => v.neg()) } }, beta, minima, factors };
}

/**
 * ms of the S1 network, exactly, without its M×M matrix: every hidden pre-activation is
 * (Px)_k + β ≥ minima_k + β ≥ 0 on the data, so ReLU is the identity there and the network is
 * x ↦ W₂W₁x + (W₂b₁ + b₂) = G·(Zᵀx) + c (G from the factors, c from the network's own
 * vectors); its squared residuals are summed from the exact moments of v = Zᵀz per class.
 * Falls back to msExact when those moments cannot be formed exactly in float64.
 */
export function s1Ms(s1: S1Network, ds: DataSet): Rational {
  const { net, beta, minima, factors } = s1;
  if (!minima.every((m) => m.add(beta).sign() >= 0)) throw new Error('internal: β does not shift every pre-activation to ≥ 0');
  const moments = projectedMoments(ds, factors);
  if (!moments) return msExact(net, ds);
  const G = outputOnZt(factors);
  const W2 = net.output.W;
  const c = vec.add(W2.mulVec(net.hidden[0]!.b), net.output.b);
  const classes = compactOf(ds).classes;
  const Q = ds.Q;
  let total = Rational.ZERO;
  moments.forEach((m, j) => {
    const D = Rational.int(classes[j]!.den);
    const n = Rational.int(classes[j]!.count);
    // Σ_i |G v_i/D + e|², e = c − y_j: tr(G V Gᵀ)/D² + 2 eᵀG Σv / D + n|e|².
    const V = new Matrix(Q, Q, m.second.map((v) => Rational.int(v)));
    const e = vec.sub(c, ds.targets[j]!);
    const quad = G.mul(V).mul(G.transpose()).trace().div(D.square());
    const lin = vec.dot(e, G.mulVec(m.sum.map((v) => Rational.int(v)))).mul(Rational.int(2)).div(D);
    total = total.add(quad).add(lin).add(vec.norm2(e).mul(n));
  });
  return total.div(Rational.int(ds.N));
}

/** Largest singular value of A and a rational approximation of its top right singular vector (float power iteration). */
export function topSingular(A: Matrix): { sigma: number; vector: Rational[] } {
  // A/2^k in float (any magnitude): the singular vector is scale-free, σ scales back by 2^k.
  const { F, exponent } = toFMatrixScaled(A);
  const AtA = F.transpose().mul(F);
  let v = new Float64Array(A.cols).map((_, i) => 1 + i / 7);
  let lambda = 0;
  for (let it = 0; it < 500; it++) {
    const w = AtA.mulVec(v);
    const norm = Math.hypot(...w);
    if (norm === 0) break;
    lambda = norm / Math.hypot(...v);
    v = w.map((x) => x / norm);
  }
  let vector = Array.from(v, (x) => (Number.isFinite(x) ? Rational.of(BigInt(Math.round(x * 1e9)), 1_000_000_000n) : Rational.ZERO));
  // A float failure only weakens the proposal: any nonzero vector gives a valid Rayleigh quotient.
  if (vector.every((x) => x.isZero())) vector = vector.map((_, i) => (i === 0 ? Rational.ONE : Rational.ZERO));
  return { sigma: Math.sqrt(lambda) * 2 ** exponent, vector };
}

export function checkS1(ds: DataSet, sq: ShallowQuantities, stats: ClassStats): ClaimResult {
  if (ds.Q > ds.M) return claim({ id: 'S1', status: 'not-applicable', reason: `needs Q ≤ M (Q = ${ds.Q}, M = ${ds.M})` });
  const s1 = s1Network(ds, sq);
  if (!s1 || !sq.U2) return claim({ id: 'S1', status: 'not-applicable', reason: 'the class means have rank < Q, so X̄⁺ and P are undefined' });
  const { net } = s1;
  const ms = s1Ms(s1, ds);
  const A = sq.Y.mul(sq.Xpinv!);
  const top = topSingular(A);
  const deltaP2 = stats.deltaP2!;
  const boundFloat = top.sigma * Math.sqrt(toNumber(deltaP2));
  const details = {
    U2: sq.U2.toString(),
    opNormFloat: top.sigma,
    deltaPFloat: Math.sqrt(toNumber(deltaP2)),
    boundFloat,
    note: 'opNormFloat, deltaPFloat and boundFloat (‖YX̄⁺‖_op·δ_P) are float64 approximations; U² and ms are exact',
  };
  if (!ms.eq(sq.U2)) throw new Error(`internal: S1 network ms ${ms} ≠ U² ${sq.U2}`);
  const lambda = vec.norm2(A.mulVec(top.vector)).div(vec.norm2(top.vector));
  if (!sq.U2.le(lambda.mul(deltaP2)))
    return claim({ id: 'S1', status: 'inconclusive', ms, reason: 'ms = U² exactly, but the bound U ≤ ‖YX̄⁺‖δ_P could not be certified with a rational Rayleigh quotient', details });
  return claim({
    id: 'S1',
    status: 'verified',
    ms,
    reason: 'ReLU is the identity on the data, ms = U² exactly, and U ≤ ‖YX̄⁺‖_op·δ_P (certified via a Rayleigh quotient)',
    certificate: makeCertificate({
      claim: 'S1',
      verdict: 'verified',
      statement: 'The S1 network has ms = U², and U² ≤ ‖YX̄⁺‖²_op·δ_P².',
      ds,
      net,
      ms,
      evidence: { kind: 'identity-region-bound', rayleighVector: top.vector.map((v) => v.toString()), ...(stats.deltaP2At ? { deltaPPoint: [...stats.deltaP2At] as [number, number] } : {}) },
    }),
    details,
  });
}
