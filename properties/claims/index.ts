/**
 * The searchable claims, by id (SPEC ids, plus variants that state a claim
 * beyond its hypotheses and are expected to fail). Order = display order.
 *
 * @example CLAIM_PROPERTIES.get('T4-general')?.expect // 'fails'
 */
import type { AnySearchProperty } from '../../src/search/property.ts';
import { truncationIdempotent } from './t1-idempotent.ts';
import { truncationFixedPoints } from './t2-fixed-points.ts';
import { truncationBackwardCone } from './t3-backward-cone.ts';
import { truncationProjectionGeneral, truncationProjectionOrthogonal } from './t4-projection.ts';
import { truncationRescaling, truncationRescalingGeneral } from './t5-rescaling.ts';
import { curationRepresentation } from './r1-curation.ts';
import { shallowUpperBound } from './s1-upper-bound.ts';
import { shallowMetric } from './s2-metric.ts';
import { shallowLocalMinimumFree, shallowLocalMinimumTied } from './s3-affine-minimum.ts';
import { deepGlobalMinimizer, deepGlobalMinimizerAnyData } from './d1-global-minimizers.ts';
import { deepDegeneracy } from './d1-degeneracy.ts';
import { deepLocalMinimaAll, deepLocalMinimaVerdicts } from './d2-local-minima.ts';
import { curationAlongD1, curationGeneral, curationOrthogonal } from './d3-curation.ts';

const ALL: AnySearchProperty[] = [
  truncationIdempotent,
  truncationFixedPoints,
  truncationBackwardCone,
  truncationProjectionOrthogonal,
  truncationProjectionGeneral,
  truncationRescaling,
  truncationRescalingGeneral,
  curationRepresentation,
  shallowUpperBound,
  shallowMetric,
  shallowLocalMinimumFree,
  shallowLocalMinimumTied,
  deepGlobalMinimizer,
  deepGlobalMinimizerAnyData,
  deepDegeneracy,
  deepLocalMinimaVerdicts,
  deepLocalMinimaAll,
  curationAlongD1,
  curationOrthogonal,
  curationGeneral,
];

export const CLAIM_PROPERTIES: ReadonlyMap<string, AnySearchProperty> = new Map(ALL.map((p) => [p.id, p]));

/** Valid claim ids, in display order. */
export const CLAIM_IDS: readonly string[] = ALL.map((p) => p.id);
