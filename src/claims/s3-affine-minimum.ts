/**
 * S3 (SPEC §3): the affine-region minimiser of the shallow network under both
 * readings of the output bias. Network: W_1 = I, b_1 = β·1 with every
 * pre-activation ≥ 1 on the data (so strictly in the affine region),
 * W_2 = A, b_2 = c − A b_1 (free) or b_2 = −W_2 b_1 (tied, c = 0), where (A, c)
 * is the exact least-squares fit. Minimality over all parameters is then decided
 * (with a certificate) and the relative error 1 − V/U is measured against δ_P.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf } from '../data/compact.ts';
import { coordinateExtremes } from '../data/extremes.ts';
import type { ClassMoments } from '../data/moments.ts';
import type { Network } from '../network/network.ts';
import { msExactFast as msExact } from '../network/pattern-groups.ts'; // exactly msExact, by certified pattern groups (issue #8)
import { makeCertificate } from '../certificates/build.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { identityShift } from './identity-shift.ts';
import { decideAllParametersLarge as decideAllParameters } from './local-minimality-large.ts'; // the reference decision, by pattern groups (issue #8)
import { shallowQuantities, type ShallowQuantities } from './shallow-quantities.ts';
import { analyzeDeltaFamily, type DeltaFamilyAnalysis } from '../symbolic/delta-family.ts';
import { vec } from '../exact/matrix.ts';

/** Above this many points the symbolic family analysis is skipped (it works per point). */
export const MAX_POINTS_FOR_SYMBOLIC_RATE = 5000;

/**
 * The exact order of 1 − V/U in δ_P on the family x̄_j + δ·Δx_{j,i} through the data
 * (δ = 1 is the data itself), decided with exact rational functions of δ.
 */
export function symbolicRate(ds: DataSet, sq: ShallowQuantities): DeltaFamilyAnalysis | undefined {
  if (ds.N > MAX_POINTS_FOR_SYMBOLIC_RATE || !sq.Xpinv) return undefined;
  const means = Array.from({ length: ds.Q }, (_, j) => sq.Xbar.column(j));
  const offsets = ds.classes.map((c, j) => c.points.map((p) => vec.sub(p, means[j]!)));
  return analyzeDeltaFamily({ name: ds.name, means, offsets, targets: ds.targets.map((t) => [...t]) });
}

export type BiasReading = 'free' | 'tied';

/** The S3 network for one reading of the output bias. */
export function s3Network(ds: DataSet, sq: ShallowQuantities, bias: BiasReading): Network {
  const M = ds.M;
  // β over every coordinate of every point, from the exact coordinate minima of the compact data.
  const beta = identityShift(compactOf(ds).classes.map((c) => coordinateExtremes(c, M).min), Rational.ONE);
  const b1 = new Array<Rational>(M).fill(beta);
  const fit = bias === 'free' ? sq.fitFull.A : sq.fitTied.A;
  const all = Array.from({ length: ds.Q }, (_, i) => i);
  const A = fit.select(all, Array.from({ length: M }, (_, k) => k));
  const c = bias === 'free' ? fit.column(M) : new Array<Rational>(ds.Q).fill(Rational.ZERO);
  const Ab1 = A.mulVec(b1);
  return { hidden: [{ W: Matrix.identity(M), b: b1 }], output: { W: A, b: c.map((v, i) => v.sub(Ab1[i]!)) } };
}

/** 1 − V/U in float, from the exact ratio r = V²/U², without cancellation: (1 − r)/(1 + √r). */
export function relativeError(V2: Rational, U2: Rational): number {
  if (U2.isZero()) return 0;
  const r = V2.div(U2);
  return Rational.ONE.sub(r).toNumber() / (1 + Math.sqrt(r.toNumber()));
}

/**
 * The relative error on the family x̄_j + t·Δx_{j,i} (δ_P scales with t), and the
 * log-log slope between the two smallest t: an estimate of its exponent in δ_P.
 */
export function relativeErrorScaling(ds: DataSet, moments: ClassMoments[], bias: BiasReading): { t: number; relError: number }[] {
  const out: { t: number; relError: number }[] = [];
  for (let k = 0; k <= 6; k++) {
    const t = Rational.of(1n, 1n << BigInt(k));
    const t2 = t.square();
    const scaled = moments.map((m) => {
      const n = Rational.int(m.count);
      const meanPart = Matrix.outer(m.sum, m.sum).scale(Rational.ONE.sub(t2).div(n));
      return { count: m.count, sum: m.sum, second: m.second.scale(t2).add(meanPart) };
    });
    const q = shallowQuantities(ds, scaled);
    if (!q.U2) break;
    out.push({ t: t.toNumber(), relError: relativeError(bias === 'free' ? q.Vfull2 : q.Vnb2, q.U2) });
  }
  return out;
}

function slope(series: { t: number; relError: number }[]): number | null {
  const [a, b] = series.slice(-2);
  if (!a || !b || a.relError <= 0 || b.relError <= 0) return null;
  return Math.log(a.relError / b.relError) / Math.log(a.t / b.t);
}

export function checkS3(ds: DataSet, sq: ShallowQuantities, moments: ClassMoments[], deltaP2: Rational | undefined): ClaimResult[] {
  const family = symbolicRate(ds, sq);
  return (['free', 'tied'] as const).map((bias) => {
    const rate = family?.relativeError[bias];
    const net = s3Network(ds, sq, bias);
    const ms = msExact(net, ds);
    const V2 = bias === 'free' ? sq.Vfull2 : sq.Vnb2;
    if (!ms.eq(V2)) throw new Error(`internal: S3 (${bias}) network ms ${ms} ≠ V² ${V2}`);
    const series = sq.U2 ? relativeErrorScaling(ds, moments, bias) : [];
    const details = {
      V2: V2.toString(),
      relError: sq.U2 ? relativeError(V2, sq.U2) : null,
      deltaP: deltaP2 ? Math.sqrt(deltaP2.toNumber()) : null,
      rateExponent: rate && rate.status === 'ok' ? rate.exponentInDeltaP : null,
      rateIsODeltaP2: rate ? rate.isODeltaP2 : null,
      rateStatus: rate ? rate.status : `skipped (N > ${MAX_POINTS_FOR_SYMBOLIC_RATE} or rank X̄ < Q)`,
      rateExponentEstimate: slope(series),
      scaling: series,
      note: 'relError = 1 − V/U and deltaP are float64 values of exact quantities. rateExponent is exact: the order in δ_P of 1 − V/U on the family x̄_j + δ·Δx_{j,i} through the data, from exact rational functions of δ (src/symbolic/delta-family.ts). rateExponentEstimate is a float log-log slope on the same family (t = 2^-5, 2^-6), a cross-check only.',
    };
    const decision = decideAllParameters(net, ds, ms);
    const base = { id: 'S3' as const, bias, ms, details };
    if (decision.status === 'inconclusive') return claim({ ...base, status: 'inconclusive', reason: decision.reason });
    return claim({
      ...base,
      status: decision.status,
      reason: `${bias === 'free' ? 'free' : 'tied'} output bias: ${decision.status === 'verified' ? 'a local minimum of the full cost' : 'not a local minimum of the full cost'} — ${decision.reason}`,
      certificate: makeCertificate({
        claim: 'S3',
        verdict: decision.status,
        statement: `The S3 network (${bias} output bias) is ${decision.status === 'verified' ? '' : 'not '}a local minimum of the cost over all parameters.`,
        ds,
        net,
        ms,
        evidence: decision.evidence,
        context: { bias },
      }),
    });
  });
}
