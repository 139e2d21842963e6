/**
 * Every figure of one verify run, in reading order, each the figure or the
 * reason there is none (which figures a claim's section draws: its registry module).
 */
import type { VerifyReport } from '../claims/verify-report.ts';
import { classStats } from '../data/stats.ts';
import { dataProjectionFigure } from './data-projection.ts';
import { d1CurationFigure } from './d1-curation.ts';
import { d3SpreadFigure } from './d3-spread.ts';
import { s3GapFigure } from './s3-gap.ts';
import { d2CostsFigure } from './d2-costs.ts';
import type { FigureOutcome } from './outcome.ts';

export type FigureId = 'data-projection' | 's3-gap' | 'd1-curation' | 'd3-spread' | 'd2-costs';

const BUILDERS: Record<FigureId, (r: VerifyReport) => FigureOutcome> = {
  'data-projection': (r) => dataProjectionFigure(r.ds, classStats(r.ds)),
  's3-gap': s3GapFigure,
  'd1-curation': d1CurationFigure,
  'd3-spread': d3SpreadFigure,
  'd2-costs': d2CostsFigure,
};

export const FIGURE_IDS = Object.keys(BUILDERS) as FigureId[];

export function buildFigure(id: FigureId, report: VerifyReport): FigureOutcome {
  return BUILDERS[id](report);
}

export function buildFigures(report: VerifyReport): FigureOutcome[] {
  return FIGURE_IDS.map((id) => buildFigure(id, report));
}
