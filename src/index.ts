/**
 * The public API of the `dlgeom` package: `import { … } from 'dlgeom'`.
 *
 * What a proof script or a program needs, and nothing it should not rely on: load data,
 * run every claim (`verify`), re-check a certificate, write proof scripts (`defineProof` and
 * its checks), generate inputs (fast-check arbitraries, the `dlgeom search` properties), and
 * the exact arithmetic the claims are stated in. Everything here is covered by semantic
 * versioning; deeper modules are internal. Docs: README "Proof scripts", docs/json.md.
 *
 * @example
 *   import { loadExample, verify, checkCertificate } from 'dlgeom';
 *   const ds = loadExample('clusters-q3');
 *   for (const c of verify(ds, { skipD2: true }).claims)
 *     console.log(c.id, c.status, c.certificate ? checkCertificate(c.certificate, ds).ok : '-');
 */

export { VERSION } from './version.ts';

// ── Data ────────────────────────────────────────────────────────────────────
export type { ClassData, DataSet } from './data/dataset.ts';
export { loadDataFile, parseDataCsv, parseDataJson, DATA_FORMAT } from './data/load.ts';
export { exampleNames, loadExample } from './data/examples.ts';
export { serializeDataSet, serializeDataSetCsv, writeDataFile } from './data/write.ts';
export { classStats, type ClassStats } from './data/stats.ts';
export { InputError } from './data/errors.ts';

// ── Exact arithmetic ────────────────────────────────────────────────────────
export { Rational, gcd, lcm } from './exact/rational.ts';
export { q, sum, abs, min, ge, isInteger, inverse } from './exact/rational-shorthands.ts';
export { toNumber } from './exact/rational-to-number.ts';
export { Matrix, vec, type Vec } from './exact/matrix.ts';

// ── Networks ────────────────────────────────────────────────────────────────
export type { CostConvention, Layer, Network } from './network/network.ts';
export { costFromMsExact, msExact, residualsExact } from './network/cost.ts';
export { forwardExact, hiddenTrace, type HiddenTrace } from './network/forward.ts';
export { flattenParams, networkShape, paramCount, unflattenParams, type NetworkShape } from './network/params.ts';
export { fromCumulative, toCumulative, type CumulativeParams } from './network/cumulative.ts';
export { apex, inBackwardCone, inForwardCone, inOpenBackwardCone, inOpenForwardCone, truncate, truncationMap } from './network/truncation.ts';
export { curatedForward, curatedTrace, curation, type Curation } from './network/representation.ts';
export { loadNetworkFile, NETWORK_FORMAT, parseNetworkJson, parseNetworkOnnx } from './network/file.ts';

// ── Claims: constructions and the full verification ─────────────────────────
export { verify, type VerifyOptions } from './claims/verify.ts';
export type { VerifyReport } from './claims/verify-report.ts';
export { decideNetwork, type DecideOptions, type DecisionReport } from './claims/decide-network.ts';
export type { ClaimId, ClaimResult, ClaimStatus } from './claims/claim-result.ts';
export { shallowQuantities, type ShallowQuantities } from './claims/shallow-quantities.ts';
export { s1Network } from './claims/s1-upper-bound.ts';
export { s3Network, type BiasReading } from './claims/s3-affine-minimum.ts';
export { buildD1, buildTruncationNetwork, type D1Construction, type D1Outcome } from './claims/d1-global-minimizers.ts';
export { d2Candidate, properSubsets } from './claims/d2-local-minima.ts';
export { curationSpreads, firstIncrease, spread } from './claims/d3-curation.ts';

// ── Certificates ────────────────────────────────────────────────────────────
export { checkCertificate, type CheckResult } from './certificates/check.ts';
export { CERTIFICATE_FORMAT, type Certificate, type Evidence, type NetworkJson } from './certificates/format.ts';

// ── Proof scripts (`dlgeom prove`) ──────────────────────────────────────────
export * from './prove/index.ts';

// ── Properties and generators ───────────────────────────────────────────────
/** fast-check itself, the very instance the property checks run with. */
export { default as fc } from 'fast-check';
/** The `dlgeom search` properties, by claim id (use with `fromSearchProperty`). */
export { CLAIM_IDS, CLAIM_PROPERTIES } from '../properties/claims/index.ts';
export { rationalArb, positiveRationalArb, nonzeroRationalArb, type RationalArbOptions } from '../properties/arbitraries/rational.ts';
export { vectorArb, nonNegativeVectorArb, positiveVectorArb } from '../properties/arbitraries/vector.ts';
export {
  matrixArb,
  invertibleMatrixArb,
  fullRowRankMatrixArb,
  fullColumnRankMatrixArb,
  orthogonalMatrixArb,
  permutationMatrixArb,
  positiveDiagonalMatrixArb,
} from '../properties/arbitraries/matrix.ts';
export { dataSetArb } from '../properties/arbitraries/dataset.ts';
export { clusteredDataSetArb, type ClusteredData, type ClusteredDataOptions } from '../properties/arbitraries/clustered-dataset.ts';
export { networkArb, anyNetworkArb } from '../properties/arbitraries/network.ts';
export { networkWithDataArb, type NetworkWithData } from '../properties/arbitraries/network-with-data.ts';
export { properSubsetArb, nonEmptyProperSubsetArb } from '../properties/arbitraries/subset.ts';
export { epsilonArb } from '../properties/arbitraries/epsilon.ts';
