/**
 * S3 (SPEC §3): the affine-region minimiser of the shallow network under both
 * readings of the output bias. Network: W_1 = I, b_1 = β·1 with every
 * pre-activation ≥ 1 on the data (so strictly in the affine region),
 * W_2 = A, b_2 = c − A b_1 (free) or b_2 = −W_2 b_1 (tied, c = 0), where (A, c)
 * is the exact least-squares fit. Minimality over all parameters is then decided
 * (with a certificate) and the relative error 1 − V/U is measured against δ_P.
 */
import { Matrix } from '../exact/matrix.ts';
import { Rational, bitLength } from '../exact/rational.ts';
import type { DataSet } from '../data/dataset.ts';
import { compactOf, pointAt } from '../data/compact.ts';
import { coordinateExtremes } from '../data/extremes.ts';
import type { ClassMoments } from '../data/moments.ts';
import type { Network } from '../network/network.ts';
import { msExact } from '../network/cost.ts';
import { makeCertificate } from '../certificates/build.ts';
import { claim, type ClaimResult } from './claim-result.ts';
import { identityShift } from './identity-shift.ts';
import { decideAllParameters } from './local-minimality.ts';
import { shallowQuantities, type ShallowQuantities } from './shallow-quantities.ts';
import { analyzeDeltaFamily, type DeltaFamilyAnalysis } from '../symbolic/delta-family.ts';
import { vec } from '../exact/matrix.ts';
import { toNumber } from '../exact/rational-to-number.ts';

/**
 * Size limits of the exact δ-family analysis. Its algebra works on class moments: matrices
 * of size (M+1)×(M+1) (and Q×Q) over ℚ[δ], with entries of degree up to 2(M+1) and large
 * coefficients. Measured by `npm run bench:delta` (bench/delta-family.ts: Q = M, 60 points per
 * class, 4 decimals; CPU time, 29 Nov 2026): M = 8: 0.7 s, M = 12: 1.8 s, M = 16: 4.2 s,
 * M = 20: 10.5 s, M = 24: 25 s, M = 28: 50 s, M = 32: not within 300 s wall — about ×2.3 per
 * 4 dimensions. S3 takes no Deadline, so the limit keeps the analysis near 10 s of CPU: it is
 * skipped above MAX_DIMENSION_FOR_SYMBOLIC_RATE, and the user sees the figures.
 * What remains per point (leading terms of δ_P², the cross-check on materialised copies of
 * the data at 4 values of δ) is bounded by MAX_POINTS_FOR_SYMBOLIC_RATE (N = 5000: ≈ 2 s).
 */
export const MAX_POINTS_FOR_SYMBOLIC_RATE = 5000;
export const MAX_DIMENSION_FOR_SYMBOLIC_RATE = 20;
/** Longest integer (bits of a class's common denominator or of a scaled coordinate) for the δ-family: nerdamer parses 1000-bit numbers in seconds. */
export const MAX_BITS_FOR_SYMBOLIC_RATE = 256;

/**
 * Largest M for the float scaling series (the estimate of the rate): 7 values of t, each two
 * exact least-squares fits of size M+1 (Dixon lifting). Measured (bench/linear-algebra.ts,
 * CPU time on a shared 2-core machine, 4-decimal pixel data): one fit ≈ 0.4 s at M = 64 and
 * ≈ 3 s at M = 200, growing like M³·(digits of the answer); so the 14 fits of the series take
 * ≈ 6 s at M = 64, ≈ 40 s at M = 200, and the series is skipped above M = 128 (the reason
 * is in scalingStatus; the exact quantities themselves are always computed).
 */
export const MAX_DIMENSION_FOR_SCALING = 128;

/** Why the exact δ-family analysis is not done on these data (undefined: it is). */
export function symbolicRateSkipped(ds: Pick<DataSet, 'N' | 'M'> & Partial<Pick<DataSet, 'classes'>>, sq: Pick<ShallowQuantities, 'Xpinv'>): string | undefined {
  if (!sq.Xpinv) return 'skipped (rank X̄ < Q: U is not defined)';
  if (ds.M > MAX_DIMENSION_FOR_SYMBOLIC_RATE)
    return `skipped (input dimension M = ${ds.M} > ${MAX_DIMENSION_FOR_SYMBOLIC_RATE}: the exact δ-family works with (M+1)×(M+1) matrices of polynomials of degree up to 2(M+1), measured (CPU) 10.5 s at M = 20, 25 s at M = 24, 50 s at M = 28 (npm run bench:delta); only the float estimate is given)`;
  if (ds.N > MAX_POINTS_FOR_SYMBOLIC_RATE) return `skipped (N = ${ds.N} > ${MAX_POINTS_FOR_SYMBOLIC_RATE} points: the leading terms of δ_P² and the cross-check work per point; only the float estimate is given)`;
  const bits = ds.classes === undefined ? 0 : Math.max(...compactOf({ M: ds.M, classes: ds.classes }).classes.map((c) => Math.max(bitLength(c.den), c.f64 ? 53 : Math.max(...c.big!.map((v) => bitLength(v < 0n ? -v : v))))));
  if (bits > MAX_BITS_FOR_SYMBOLIC_RATE)
    return `skipped (the data's integers reach ${bits} bits > ${MAX_BITS_FOR_SYMBOLIC_RATE}: the symbolic rendering's parser is slow on such long numbers; only the float estimate is given)`;
  return undefined;
}

/**
 * The exact order of 1 − V/U in δ_P on the family x̄_j + δ·Δx_{j,i} through the data
 * (δ = 1 is the data itself), decided with exact rational functions of δ; undefined when
 * symbolicRateSkipped gives a reason. The points are read from the compact data (the
 * data set's points are not materialised).
 */
export function symbolicRate(ds: DataSet, sq: ShallowQuantities): DeltaFamilyAnalysis | undefined {
  if (symbolicRateSkipped(ds, sq) !== undefined) return undefined;
  const means = Array.from({ length: ds.Q }, (_, j) => sq.Xbar.column(j));
  const cd = compactOf(ds);
  const offsets = cd.classes.map((c, j) => Array.from({ length: c.count }, (_, i) => vec.sub(pointAt(c, ds.M, i), means[j]!)));
  return analyzeDeltaFamily({ name: ds.name, means, offsets, targets: ds.targets.map((t) => [...t]) });
}

export type BiasReading = 'free' | 'tied';

/** The S3 network for one reading of the output bias. */
export function s3Network(ds: DataSet, sq: ShallowQuantities, bias: BiasReading): Network {
  const M = ds.M;
  const beta = s3Shift(ds);
  const b1 = new Array<Rational>(M).fill(beta);
  const fit = bias === 'free' ? sq.fitFull.A : sq.fitTied.A;
  const all = Array.from({ length: ds.Q }, (_, i) => i);
  const A = fit.select(all, Array.from({ length: M }, (_, k) => k));
  const c = bias === 'free' ? fit.column(M) : new Array<Rational>(ds.Q).fill(Rational.ZERO);
  const Ab1 = A.mulVec(b1);
  return { hidden: [{ W: Matrix.identity(M), b: b1 }], output: { W: A, b: c.map((v, i) => v.sub(Ab1[i]!)) } };
}

/** β over every coordinate of every point (each x_k + β ≥ 1), from the exact coordinate minima of the compact data. */
function s3Shift(ds: DataSet): Rational {
  return identityShift(compactOf(ds).classes.map((c) => coordinateExtremes(c, ds.M).min), Rational.ONE);
}

/**
 * ms of an S3 network, exactly, without a pass over the M×M identity layer: when W₁ = I and
 * b₁ = β·1 with every x_k + β ≥ 1 (strictly active, so ReLU is the identity on the data), the
 * network is x ↦ W₂x + (W₂b₁ + b₂); when that is the certified least-squares fit (A, c) of the
 * reading (checked here entry by entry), the normal equations [A c]·G = B hold exactly
 * (solveLeastSquares checks them), so Σ|Ax + c − y|² = S − tr([A c]Bᵀ), the fit's residual.
 * Any other network: msExact.
 */
export function s3Ms(net: Network, ds: DataSet, sq: ShallowQuantities, bias: BiasReading): Rational {
  const M = ds.M;
  const layer = net.hidden[0];
  const fit = bias === 'free' ? sq.fitFull.A : sq.fitTied.A;
  const identity = net.hidden.length === 1 && layer!.W.rows === M && layer!.W.data.every((v, k) => (k % (M + 1) === 0 ? v.eq(Rational.ONE) : v.isZero()));
  const beta = s3Shift(ds);
  if (!identity || !layer!.b.every((v) => v.eq(beta))) return msExact(net, ds);
  const W2 = net.output.W;
  const c = vec.add(W2.mulVec(layer!.b), net.output.b);
  const fitC = bias === 'free' ? fit.column(M) : new Array<Rational>(ds.Q).fill(Rational.ZERO);
  const sameMap = W2.cols === M && W2.data.every((v, k) => v.eq(fit.get(Math.floor(k / M), k % M))) && vec.eq(c, fitC);
  if (!sameMap) return msExact(net, ds);
  return (bias === 'free' ? sq.fitFull : sq.fitTied).residual.div(Rational.int(ds.N));
}

/** 1 − V/U in float, from the exact ratio r = V²/U², without cancellation: (1 − r)/(1 + √r). */
export function relativeError(V2: Rational, U2: Rational): number {
  if (U2.isZero()) return 0;
  const r = V2.div(U2);
  return toNumber(Rational.ONE.sub(r)) / (1 + Math.sqrt(toNumber(r)));
}

/**
 * The relative error on the family x̄_j + t·Δx_{j,i} (δ_P scales with t), for both bias
 * readings at once (one set of shallow quantities per t); the log-log slope between the two
 * smallest t estimates its exponent in δ_P.
 */
function relativeErrorScaling(ds: DataSet, moments: ClassMoments[]): Record<BiasReading, { t: number; relError: number }[]> {
  const out: Record<BiasReading, { t: number; relError: number }[]> = { free: [], tied: [] };
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
    out.free.push({ t: toNumber(t), relError: relativeError(q.Vfull2, q.U2) });
    out.tied.push({ t: toNumber(t), relError: relativeError(q.Vnb2, q.U2) });
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
  const scalingSkipped = ds.M > MAX_DIMENSION_FOR_SCALING ? `skipped (input dimension M = ${ds.M} > ${MAX_DIMENSION_FOR_SCALING}: 14 exact least-squares fits of size M+1)` : undefined;
  const scalings = sq.U2 && !scalingSkipped ? relativeErrorScaling(ds, moments) : { free: [], tied: [] };
  return (['free', 'tied'] as const).map((bias) => {
    const rate = family?.relativeError[bias];
    const net = s3Network(ds, sq, bias);
    const ms = s3Ms(net, ds, sq, bias);
    const V2 = bias === 'free' ? sq.Vfull2 : sq.Vnb2;
    if (!ms.eq(V2)) throw new Error(`internal: S3 (${bias}) network ms ${ms} ≠ V² ${V2}`);
    const series = scalings[bias];
    const details = {
      V2: V2.toString(),
      relError: sq.U2 ? relativeError(V2, sq.U2) : null,
      deltaP: deltaP2 ? Math.sqrt(toNumber(deltaP2)) : null,
      rateExponent: rate && rate.status === 'ok' ? rate.exponentInDeltaP : null,
      rateIsODeltaP2: rate ? rate.isODeltaP2 : null,
      rateStatus: rate ? rate.status : (symbolicRateSkipped(ds, sq) ?? 'skipped'),
      rateExponentEstimate: slope(series),
      scaling: series,
      ...(scalingSkipped ? { scalingStatus: scalingSkipped } : {}),
      note: 'relError = 1 − V/U and deltaP are float64 values of exact quantities. rateExponent is exact: the order in δ_P of 1 − V/U on the family x̄_j + δ·Δx_{j,i} through the data, from exact rational functions of δ (src/symbolic/delta-family.ts); null when rateStatus says it was skipped. rateExponentEstimate is a float (float64) log-log slope on the same family (t = 2^-5, 2^-6), an estimate and cross-check only, never a decided value.',
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
