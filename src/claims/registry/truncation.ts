/**
 * T1–T5, the truncation lemmas (SPEC §2): decided by property search (`dlgeom search`),
 * not on a data set; one LaTeX document ("T") derives all five.
 */
import { writeTruncation } from '../../latex/sections/truncation.ts';
import { truncationIdempotent } from '../../../properties/claims/t1-idempotent.ts';
import { truncationFixedPoints } from '../../../properties/claims/t2-fixed-points.ts';
import { truncationBackwardCone } from '../../../properties/claims/t3-backward-cone.ts';
import { truncationProjectionGeneral, truncationProjectionOrthogonal } from '../../../properties/claims/t4-projection.ts';
import { truncationRescaling, truncationRescalingGeneral } from '../../../properties/claims/t5-rescaling.ts';
import { defineClaim, TRUNCATION, type LatexSection } from './claim-module.ts';

const LEMMAS: LatexSection = { document: 'T', title: 'T1-T5: truncation lemmas', write: writeTruncation, figures: [] };

export const T1 = defineClaim({
  id: 'T1',
  part: 'truncation',
  title: 'truncation is idempotent',
  statement: 'τ∘τ = τ for the truncation map τ_{W,b}(x) = W⁺(σ(Wx + b) − b) (SPEC §2).',
  hypotheses: [{ key: 'none', text: 'W of full row rank' }],
  hypothesesShort: 'W full row rank',
  evidence: [],
  sample: 'dlgeom search T1 --runs 200',
  latex: LEMMAS,
  properties: [truncationIdempotent],
});

export const T2 = defineClaim({
  id: 'T2',
  part: 'truncation',
  title: 'fixed points are the forward cone',
  statement: 'For invertible W the fixed points of τ are exactly K⁺ = {x : Wx + b ≥ 0} (SPEC §2).',
  hypotheses: [TRUNCATION],
  hypothesesShort: 'W invertible',
  evidence: [],
  sample: 'dlgeom search T2 --runs 200',
  latex: LEMMAS,
  properties: [truncationFixedPoints],
});

export const T3 = defineClaim({
  id: 'T3',
  part: 'truncation',
  title: 'the backward cone collapses to the apex',
  statement: 'τ maps all of K⁻ = {x : Wx + b ≤ 0} to the apex θ = −W⁻¹b (SPEC §2).',
  hypotheses: [TRUNCATION],
  hypothesesShort: 'W invertible',
  evidence: [],
  sample: 'dlgeom search T3 --runs 200',
  latex: LEMMAS,
  properties: [truncationBackwardCone],
});

export const T4 = defineClaim({
  id: 'T4',
  part: 'truncation',
  title: 'truncation is a metric projection (orthogonal W)',
  statement: 'For orthogonal W, τ is the metric projection onto K⁺, hence 1-Lipschitz (SPEC §2); T4-general states it for any W and fails.',
  hypotheses: [{ key: 'none', text: 'W orthogonal' }],
  hypothesesShort: 'W orthogonal',
  evidence: [],
  sample: 'dlgeom search T4 --runs 200',
  latex: LEMMAS,
  properties: [truncationProjectionOrthogonal, truncationProjectionGeneral],
});

export const T5 = defineClaim({
  id: 'T5',
  part: 'truncation',
  title: 'truncation ignores positive rescaling and permutation',
  statement: 'τ_{ΠDW, ΠDb} = τ_{W,b} for a permutation Π and a positive diagonal D (SPEC §2).',
  hypotheses: [TRUNCATION, { key: 'none', text: 'D positive diagonal, Π a permutation' }],
  hypothesesShort: 'W invertible, D > 0',
  evidence: [],
  sample: 'dlgeom search T5 --runs 200',
  latex: LEMMAS,
  properties: [truncationRescaling, truncationRescalingGeneral],
});
