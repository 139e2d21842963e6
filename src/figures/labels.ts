/** Labels shared by the figures: class names in plain text and LaTeX. */
import { escapeText } from '../latex/text.ts';
import type { DataSet } from '../data/dataset.ts';
import { label, type Label } from './model.ts';

/** "class 1 (setosa)". */
export function classLabel(ds: DataSet, j: number): Label {
  const name = ds.classes[j]!.label;
  return label(`class ${j + 1} (${name})`, `class ${j + 1} (${escapeText(name)})`);
}

/** Most points of one class drawn in a figure (evenly spaced; the caption says so when fewer than all are drawn). */
export const MAX_POINTS_PER_CLASS = 150;
