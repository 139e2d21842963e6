/**
 * The data figure: every class in the coordinates of the theory, c = X̄⁺x
 * (the coefficients of Px in the basis of the class means, so class mean j sits
 * exactly at e_j), one panel per pair of coordinates; for M ≤ 3 also the raw
 * coordinates. Coordinates are computed exactly and converted to float for
 * drawing; at most MAX_POINTS_PER_CLASS points of a class are drawn.
 */
import type { DataSet } from '../data/dataset.ts';
import type { ClassStats } from '../data/stats.ts';
import type { Rational } from '../exact/rational.ts';
import { label, sampleIndices, type FigurePoint, type Panel, type Series } from './model.ts';
import { classLabel, MAX_POINTS_PER_CLASS } from './labels.ts';
import { figure, type FigureOutcome } from './outcome.ts';
import { toNumber } from '../exact/rational-to-number.ts';

const MAX_PANELS = 6;

export function dataProjectionFigure(ds: DataSet, stats: ClassStats): FigureOutcome {
  const samples = ds.classes.map((c) => sampleIndices(c.points.length, MAX_POINTS_PER_CLASS).map((i) => c.points[i]!));
  const panels: Panel[] = [];
  const Xp = stats.Xpinv;
  if (Xp) {
    const coords = samples.map((pts) => pts.map((x) => Xp.mulVec(x)));
    const means = stats.means.map((m) => Xp.mulVec(m));
    for (const [a, b] of pairs(ds.Q).slice(0, MAX_PANELS))
      panels.push(
        panel(
          ds,
          coords,
          means,
          a,
          b,
          label(`span of the means: c${a + 1} vs c${b + 1}`, `span of the means: $c_{${a + 1}}$ vs $c_{${b + 1}}$`),
          (i) => label(`c${i + 1} (X̄⁺x)`, `$c_{${i + 1}} = (\\bar X^{+}x)_{${i + 1}}$`),
        ),
      );
  }
  if (ds.M <= 3 || !Xp) {
    const raw = samples.map((pts) => pts.map((x) => [...x]));
    for (const [a, b] of pairs(ds.M).slice(0, Xp ? 3 : MAX_PANELS))
      panels.push(panel(ds, raw, stats.means, a, b, label(`raw coordinates x${a + 1}, x${b + 1}`, `raw coordinates $x_{${a + 1}}, x_{${b + 1}}$`), (i) => label(`x${i + 1}`, `$x_{${i + 1}}$`)));
  }
  const drawn = samples.reduce((s, p) => s + p.length, 0);
  const sampled = drawn < ds.N ? ` ${drawn} of the ${ds.N} points are drawn (evenly spaced in each class).` : '';
  const text = Xp
    ? `Each point x in the coordinates c = X̄⁺x of span{x̄_j} (class mean j sits at e_j, diamonds), computed exactly and drawn in float.${ds.M <= 3 ? ' Also the raw coordinates.' : ''}${sampled}`
    : `rank X̄ < Q, so there are no coordinates of the span of the means; raw coordinates instead (means as diamonds).${sampled}`;
  const tex = Xp
    ? `Each point $x$ in the coordinates $c = \\bar X^{+}x$ of $\\mathrm{span}\\{\\bar x_j\\}$ (class mean $j$ sits at $e_j$, diamonds), computed exactly and drawn in float.${ds.M <= 3 ? ' Also the raw coordinates.' : ''}${sampled}`
    : `$\\mathrm{rank}\\bar X < Q$, so there are no coordinates of the span of the means; raw coordinates instead (means as diamonds).${sampled}`;
  return figure({ id: 'data-projection', title: label(`Data: ${ds.name}`, 'Data: the classes'), caption: label(text, tex), panels });
}

function pairs(n: number): [number, number][] {
  if (n === 1) return [[0, 0]];
  const out: [number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) out.push([a, b]);
  return out;
}

function panel(
  ds: DataSet,
  coords: readonly (readonly (readonly Rational[])[])[],
  means: readonly (readonly Rational[])[],
  a: number,
  b: number,
  title: ReturnType<typeof label>,
  axis: (i: number) => ReturnType<typeof label>,
): Panel {
  const pt = (c: readonly Rational[]): FigurePoint => ({ x: toNumber(c[a]!), y: a === b ? 0 : toNumber(c[b]!), exact: { x: c[a]!.toString(), ...(a === b ? {} : { y: c[b]!.toString() }) } });
  const series: Series[] = [];
  ds.classes.forEach((_, j) => {
    series.push({ name: label(`points of class ${j + 1}`), group: classLabel(ds, j), kind: 'point', points: coords[j]!.map(pt) });
  });
  ds.classes.forEach((_, j) => {
    series.push({ name: label(`mean of class ${j + 1}`), group: classLabel(ds, j), kind: 'point', emphasis: true, points: [pt(means[j]!)] });
  });
  return { title, xLabel: axis(a), yLabel: a === b ? label('') : axis(b), series };
}
