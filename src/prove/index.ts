/**
 * What a proof script imports: `defineProof`, the exact checks, property
 * checks, and helpers for exact synthetic data. See proofs/ for one script per
 * claim group, and README "Proof scripts" for a complete example.
 */
export { defineProof } from './define.ts';
export type { DataSource, LatexRequest, Proof, ProofContext, ProofDefinition } from './define.ts';
export type { Check, EngineCheck, ExactCheck, ExactOutcome } from './checks.ts';
export { exact, show, type ExactValue, type Lazy, type Scalar } from './exact.ts';
export { fromFastCheck, fromSearchProperty, property, type PropertyCheck, type SearchablePropertyLike } from './property.ts';
export { dataPoints, pointName, shrinkDeviations, syntheticDataSet, type DataPoint } from './data.ts';
export type { Engine } from './engine.ts';
export type { RunQuantities as EngineQuantities } from '../claims/claim-run.ts';
