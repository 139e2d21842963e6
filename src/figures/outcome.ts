/**
 * What a figure builder returns: the figure, or the honest reason there is
 * none (e.g. D1's hypothesis fails, so there is no curation to draw).
 */
import type { FigureModel } from './model.ts';

export type FigureOutcome = { readonly kind: 'figure'; readonly figure: FigureModel } | { readonly kind: 'none'; readonly id: string; readonly reason: string };

export function figure(f: FigureModel): FigureOutcome {
  return { kind: 'figure', figure: f };
}

export function none(id: string, reason: string): FigureOutcome {
  return { kind: 'none', id, reason };
}
