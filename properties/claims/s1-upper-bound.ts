/**
 * S1 (SPEC §3): for Q ≤ M and class means of rank Q, the shallow network
 * W_1 = P, b_1 = β·1, W_2 = YX̄⁺, b_2 = −W_2 b_1 keeps ReLU in its identity
 * branch on the data, has ms = U² = (1/N)Σ|YX̄⁺PΔx|², and U ≤ ‖YX̄⁺‖_op·δ_P.
 *
 * Everything is recomputed independently of the engine: X̄⁺, P, U², δ_P² from
 * the points; the cost with the kernel's forward pass; the operator-norm bound
 * exactly (it fails iff (U²/δ_P²)·I − AᵀA is positive definite, A = YX̄⁺,
 * decided by Sylvester's criterion). The engine must also get applicability
 * right (data that break the hypotheses are generated on purpose: Q > M,
 * rank-deficient means) and back its verdict with a certificate the checker
 * accepts, and its SPEC §7 quantities U², δ², δ_P² must equal the direct
 * computation. Expected to hold.
 */
import { Matrix, vec } from '../../src/exact/matrix.ts';
import { Rational } from '../../src/exact/rational.ts';
import type { DataSet } from '../../src/data/dataset.ts';
import { classStats } from '../../src/data/stats.ts';
import { shallowQuantities } from '../../src/claims/shallow-quantities.ts';
import { checkS1, s1Network } from '../../src/claims/s1-upper-bound.ts';
import { forward as kernelForward, type KNet } from '../../src/certificates/kernel.ts';
import type { Counterexample } from '../../src/search/property.ts';
import { clusteredDataSetArb, type ClusteredData } from '../arbitraries/clustered-dataset.ts';
import { confirmRejected, dataOf, kernelSumSq, netJson, rejectedCertificate, withCodec } from './support.ts';

/** Means, X̄, and (when rank X̄ = Q ≤ M) X̄⁺ and P, computed directly from the points. */
export function projectorOf(ds: DataSet): { means: Rational[][]; rank: number; Xpinv?: Matrix; P?: Matrix } {
  const means = ds.classes.map((c) => c.points.reduce<Rational[]>((s, p) => vec.add(s, p), vec.zeros(ds.M)).map((v) => v.div(Rational.int(c.points.length))));
  const Xbar = Matrix.fromColumns(means);
  const rank = Xbar.rank();
  if (rank < ds.Q) return { means, rank };
  const Xpinv = Xbar.transpose().mul(Xbar).inverse().mul(Xbar.transpose());
  return { means, rank, Xpinv, P: Xbar.mul(Xpinv) };
}

/** Sylvester's criterion: all leading principal minors positive. */
export function positiveDefinite(B: Matrix): boolean {
  for (let k = 1; k <= B.rows; k++) {
    const idx = Array.from({ length: k }, (_, i) => i);
    if (B.select(idx, idx).det().sign() <= 0) return false;
  }
  return true;
}

function applicable(ds: DataSet): boolean {
  return ds.Q <= ds.M && projectorOf(ds).rank === ds.Q;
}

function checkS1Claim({ ds }: ClusteredData): Counterexample | undefined {
  const sq = shallowQuantities(ds);
  const stats = classStats(ds);
  const result = checkS1(ds, sq, stats);
  const ok = applicable(ds);
  if (!ok && result.status !== 'not-applicable')
    return {
      summary: `ENGINE BUG: S1 reported "${result.status}" on data outside its hypothesis (Q = ${ds.Q}, M = ${ds.M}, rank X̄ = ${projectorOf(ds).rank})`,
      evidence: { kind: 'applied-outside-hypothesis', status: result.status, Q: ds.Q, M: ds.M, rankXbar: projectorOf(ds).rank },
      data: dataOf(ds),
      engineBug: result.status === 'verified',
    };
  if (ok && result.status === 'not-applicable')
    return {
      summary: `S1 reported "not-applicable" although Q ≤ M and rank X̄ = Q: ${result.reason}`,
      evidence: { kind: 'wrongly-not-applicable', reason: result.reason, Q: ds.Q, M: ds.M },
      data: dataOf(ds),
    };
  const rejected = rejectedCertificate(result, ds);
  if (rejected || !ok) return rejected;

  const { means, Xpinv, P } = projectorOf(ds);
  const A = Matrix.fromColumns(ds.targets).mul(Xpinv!);
  const net = s1Network(ds, sq)!.net;
  let U2 = Rational.ZERO;
  let deltaP2 = Rational.ZERO;
  for (const [j, c] of ds.classes.entries())
    for (const [i, x] of c.points.entries()) {
      const pre = kernelForward(net as KNet, x).pre;
      if (pre.some((z) => z.some((v) => v.sign() < 0)))
        return {
          summary: `the S1 network's ReLU is not the identity at data point (${j + 1}, ${i + 1})`,
          evidence: { kind: 'not-identity-region', network: netJson(net), point: [j, i] },
          data: dataOf(ds),
        };
      const pdx = P!.mulVec(vec.sub(x, means[j]!));
      U2 = U2.add(vec.norm2(A.mulVec(pdx)));
      deltaP2 = deltaP2.max(vec.norm2(pdx));
    }
  U2 = U2.div(Rational.int(ds.N));
  // The engine's SPEC §7 quantities against the direct computation.
  let delta2 = Rational.ZERO;
  ds.classes.forEach((c, j) => c.points.forEach((x) => (delta2 = delta2.max(vec.norm2(vec.sub(x, means[j]!))))));
  const mismatch = [
    ['U2', sq.U2, U2],
    ['deltaP2', stats.deltaP2, deltaP2],
    ['delta2', stats.delta2, delta2],
  ].find(([, engine, direct]) => !(engine as Rational | undefined)?.eq(direct as Rational));
  if (mismatch)
    return {
      summary: `the engine's ${mismatch[0]} = ${mismatch[1]} differs from the direct computation ${mismatch[2]}`,
      evidence: { kind: 'quantity-mismatch', quantity: mismatch[0], engine: String(mismatch[1]), direct: String(mismatch[2]) },
      data: dataOf(ds),
    };
  const ms = kernelSumSq(net, ds).div(Rational.int(ds.N));
  if (!ms.eq(U2))
    return { summary: `the S1 network has ms = ${ms} ≠ U² = ${U2}`, evidence: { kind: 'ms-not-U2', network: netJson(net), ms: ms.toString(), U2: U2.toString() }, data: dataOf(ds) };
  const boundFails = deltaP2.isZero() ? !U2.isZero() : positiveDefinite(Matrix.identity(ds.M).scale(U2.div(deltaP2)).sub(A.transpose().mul(A)));
  if (boundFails)
    return {
      summary: `U² = ${U2} exceeds ‖YX̄⁺‖²_op·δ_P² (δ_P² = ${deltaP2}): (U²/δ_P²)·I − (YX̄⁺)ᵀ(YX̄⁺) is positive definite`,
      evidence: { kind: 'bound-fails', U2: U2.toString(), deltaP2: deltaP2.toString(), A: A.toStrings() },
      data: dataOf(ds),
    };
  return undefined;
}

function confirmS1({ ds }: ClusteredData, cx: Counterexample): boolean {
  switch (cx.evidence.kind) {
    case 'applied-outside-hypothesis':
      return !applicable(ds);
    case 'wrongly-not-applicable':
      return applicable(ds);
    case 'certificate-rejected':
      return confirmRejected(cx, ds);
    default: {
      // Every other kind is re-derived by running the independent computation again: it must fail the same way.
      const again = checkS1Claim({ ds } as ClusteredData);
      return again?.evidence.kind === cx.evidence.kind;
    }
  }
}

export const shallowUpperBound = withCodec<ClusteredData>({
  id: 'S1',
  title: 'for Q ≤ M and rank X̄ = Q, the S1 network has ReLU = identity on the data, ms = U², U ≤ ‖YX̄⁺‖·δ_P; the engine gets applicability right',
  expect: 'holds',
  arbitrary: ({ maxQ }) => clusteredDataSetArb({ maxQ, shapes: ['separated', 'rank-deficient', 'q-exceeds-m', 'hull-overlap'], targets: 'perturbed' }),
  check: checkS1Claim,
  confirm: confirmS1,
});
