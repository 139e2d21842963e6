/**
 * A figure model as a Vega-Lite specification, and that specification rendered
 * to SVG in Node (vega-lite compile → vega View → toSVG; no browser).
 *
 * Each panel is a layer of one sub-layer per series (and one for its notes);
 * panels are concatenated, two per row. Colours come from the model's groups
 * with the same palette as the pgfplots code.
 *
 * @example
 *   const svg = await renderSvg(vegaLiteSpec(fig)); // '<svg …'
 */
import * as vl from 'vega-lite';
import * as vega from 'vega';
import { decadeTicks, groupColours, positivePoints, type FigureModel, type Panel } from './model.ts';

export type VegaLiteSpec = Record<string, unknown>;

const WIDTH = 260;
const HEIGHT = 220;

/** The Vega-Lite specification of a figure (JSON; its data are the model's numbers). */
export function vegaLiteSpec(fig: FigureModel): VegaLiteSpec {
  const colours = groupColours(fig);
  const domain = [...colours.values()].map((g) => g.group.text);
  const range = [...colours.values()].map((g) => g.colour);
  const colour = { field: 'group', type: 'nominal', title: null, scale: { domain, range }, legend: { orient: 'bottom', columns: domain.some((d) => d.length > 40) ? 1 : 3, labelLimit: 600 } };
  const panels = fig.panels.map((p) => panelSpec(p, colour));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: fig.title.text, anchor: 'start' },
    description: fig.caption.text,
    config: { font: 'sans-serif', axis: { labelFontSize: 10, titleFontSize: 11 }, title: { fontSize: 13 } },
    ...(panels.length === 1 ? panels[0]! : { concat: panels, columns: 2 }),
  };
}

function panelSpec(p: Panel, colour: Record<string, unknown>): VegaLiteSpec {
  const height = p.equalAxes ? WIDTH : HEIGHT;
  const xScale = { type: p.xLog ? 'log' : 'linear', ...(p.xLog ? {} : { zero: false }), nice: !p.xDomain, ...(p.xDomain ? { domain: [...p.xDomain] } : {}) };
  const yScale = { type: p.yLog ? 'log' : 'linear', ...(p.yLog ? {} : { zero: false }), nice: !p.yDomain, ...(p.yDomain ? { domain: [...p.yDomain] } : {}) };
  const all = p.series.flatMap((s) => positivePoints(s.points, !!p.xLog, !!p.yLog));
  const logAxis = (values: number[]) => ({ format: '.0e', values: decadeTicks(Math.min(...values), Math.max(...values)) });
  const xAxis: Record<string, unknown> = { title: p.xLabel.text, grid: true, ...(p.xLog ? logAxis(all.map((q) => q.x)) : {}) };
  if (p.xCategories) {
    xAxis.values = p.xCategories.map((_, i) => i);
    xAxis.labelExpr = `${JSON.stringify(p.xCategories.map((c) => c.text))}[datum.value]`;
    xAxis.labelAngle = p.xCategories.length > 6 ? -60 : 0;
    xAxis.grid = false;
  }
  const x = { field: 'x', type: 'quantitative', scale: xScale, axis: xAxis };
  const y = { field: 'y', type: 'quantitative', scale: yScale, axis: { title: p.yLabel.text, grid: true, ...(p.yLog ? logAxis(all.map((q) => q.y)) : {}) } };
  const layers: VegaLiteSpec[] = p.series.map((s) => {
    const values = positivePoints(s.points, !!p.xLog, !!p.yLog).map((pt, i) => ({ i, x: pt.x, y: pt.y, group: s.group.text, series: s.name.text, ...(pt.exact ? { exactX: pt.exact.x, exactY: pt.exact.y } : {}) }));
    const mark =
      s.kind === 'line'
        ? { type: 'line', clip: true, strokeWidth: s.emphasis ? 2.5 : 1.5, ...(s.dashed ? { strokeDash: [5, 3] } : {}) }
        : { type: 'point', clip: true, filled: true, opacity: s.emphasis ? 1 : 0.75, size: s.emphasis ? 110 : s.shape ? 60 : 30, shape: s.emphasis ? 'diamond' : s.shape === 'triangle' ? 'triangle-up' : (s.shape ?? 'circle'), ...(s.emphasis ? { stroke: 'black', strokeWidth: 0.8 } : {}) };
    const tooltip = [{ field: 'series', type: 'nominal' }, { field: 'x', type: 'quantitative' }, { field: 'y', type: 'quantitative' }];
    return { data: { values }, mark, encoding: { x, y, color: colour, tooltip, ...(s.kind === 'line' ? { order: { field: 'i', type: 'quantitative' } } : {}) } };
  });
  if (p.notes?.length)
    layers.push({
      data: { values: p.notes.map((n) => ({ x: n.x, y: n.y, text: n.text.text })) },
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 10, clip: false },
      encoding: { x, y, text: { field: 'text', type: 'nominal' } },
    });
  return { title: p.title.text, width: WIDTH, height, layer: layers };
}

/** The SVG of a Vega-Lite specification, rendered in Node. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const compiled = vl.compile(spec as unknown as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
