/**
 * S1 (SPEC §3): the explicit shallow network W_1 = P, b_1 = β·1, W_2 = YX̄⁺,
 * b_2 = −W_2 b_1 has ReLU acting as the identity on the data and ms = U²,
 * so min C ≤ U ≤ ‖YX̄⁺‖_op·δ_P.
 */
import { vec, type Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import type { ClassStats } from '../data/stats.ts';
import type { Network } from '../network/network.ts';
import { msExact } from '../network/cost.ts';
import { toFMatrixScaled } from '../float/convert.ts';
import { compactOf } from '../data/compact.ts';
import { integerSums } from '../data/integer-sums.ts';
import { linearExtremes, projectorMinima } from '../data/extremes.ts';
import { makeCertificate } from '../certificates/build.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { identityShift } from './identity-shift.ts';
import type { ShallowQuantities } from './shallow-quantities.ts';

/** The S1 network, or undefined when rank X̄ < Q. Remembered per quantities object (S1 and S2 both build it). */
export function s1Network(ds: DataSet, sq: ShallowQuantities): { net: Network; beta: Rational } | undefined {
  let known = s1Memo.get(sq);
  if (!known || known.classes !== ds.classes) s1Memo.set(sq, (known = { classes: ds.classes, built: buildS1Network(ds, sq) }));
  return known.built;
}
const s1Memo = new WeakMap<ShallowQuantities, { classes: DataSet['classes']; built: { net: Network; beta: Rational } | undefined }>();

function buildS1Network(ds: DataSet, sq: ShallowQuantities): { net: Network; beta: Rational } | undefined {
  if (!sq.Xpinv) return undefined;
  const P = sq.Xbar.mul(sq.Xpinv);
  // β = max(0, −min over the data of each coordinate of Px): exact linear extremes on the compact data.
  const classes = compactOf(ds).classes;
  // (projectorMinima: the same exact minima in O(M·Q) per point through P = Z(ZᵀZ)⁻¹Zᵀ.)
  const minima =
    projectorMinima(classes, ds.M, classes.map((c) => integerSums(c, ds.M))) ??
    P.toRows().map((row) => classes.reduce((m, c) => m.min(linearExtremes(c, ds.M, row).min), linearExtremes(classes[0]!, ds.M, row).min));
  const beta = identityShift([minima]);
  const b1 = new Array<Rational>(ds.M).fill(beta);
  const W2 = sq.Y.mul(sq.Xpinv);
  return { net: { hidden: [{ W: P, b: b1 }], output: { W: W2, b: W2.mulVec(b1).map((v) => v.neg()) } }, beta };
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
  const built = s1Network(ds, sq);
  if (!built || !sq.U2) return claim({ id: 'S1', status: 'not-applicable', reason: 'the class means have rank < Q, so X̄⁺ and P are undefined' });
  const { net } = built;
  const ms = msExact(net, ds);
  const A = sq.Y.mul(sq.Xpinv!);
  const top = topSingular(A);
  const deltaP2 = stats.deltaP2!;
  const boundFloat = top.sigma * Math.sqrt(deltaP2.toNumber());
  const details = {
    U2: sq.U2.toString(),
    opNormFloat: top.sigma,
    deltaPFloat: Math.sqrt(deltaP2.toNumber()),
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
