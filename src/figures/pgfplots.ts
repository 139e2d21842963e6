/**
 * A figure model as TikZ/pgfplots code: one `figure` environment, pasteable
 * into a paper (needs \usepackage{pgfplots}; colours are defined inside the
 * environment). Same numbers, groups and colours as the Vega-Lite
 * specification of the same model (vega-lite.ts).
 *
 * @example
 *   pgfplotsFigure(fig).startsWith('\\begin{figure}') // true
 */
import { groupColours, positivePoints, type FigureModel, type Panel } from './model.ts';

/** The preamble lines a document needs for {@link pgfplotsFigure}. */
export const PGFPLOTS_PREAMBLE = ['\\usepackage{pgfplots}', '\\pgfplotsset{compat=1.16}'];

/** A number as pgfplots reads it (7 significant digits; e-notation when small or large). */
export function pgfNumber(x: number): string {
  if (x === 0) return '0';
  return String(Number(x.toPrecision(7)));
}

/** The figure as a LaTeX `figure` environment of tikzpictures, two panels a row. */
export function pgfplotsFigure(fig: FigureModel): string {
  const colours = groupColours(fig);
  const names = new Map<string, string>();
  const defs: string[] = [];
  for (const [key, g] of colours) {
    const name = `dlgeom${fig.id.replace(/[^a-zA-Z]/g, '')}${String.fromCharCode(65 + names.size)}`;
    names.set(key, name);
    defs.push(`\\definecolor{${name}}{HTML}{${g.colour.slice(1).toUpperCase()}}`);
  }
  const width = fig.panels.length === 1 ? '0.7\\linewidth' : fig.panels.some((p) => p.equalAxes) ? '0.4\\linewidth' : '0.44\\linewidth';
  // One legend, under the last panel (the groups and colours are shared by all panels).
  const legendGroups = new Set(fig.panels.flatMap((p) => p.series.map((s) => s.group.text)));
  const pictures = fig.panels.map((p, i) => panelCode(p, names, width, i === fig.panels.length - 1 ? legendGroups : new Set()));
  return [
    `% dlgeom figure "${fig.id}" (pgfplots; the same numbers as its Vega-Lite specification)`,
    '\\begin{figure}[htbp]',
    '\\centering',
    ...defs,
    pictures.join('\n\\hfill\n'),
    `\\caption{${fig.title.tex}. ${fig.caption.tex}}`,
    '\\end{figure}',
  ].join('\n');
}

function panelCode(p: Panel, colours: Map<string, string>, width: string, legend: Set<string>): string {
  const opts: string[] = [`width=${width}`, p.equalAxes ? `height=${width}` : 'height=5.6cm', `title={${p.title.tex}}`, `xlabel={${p.xLabel.tex}}`, `ylabel={${p.yLabel.tex}}`];
  opts.push('title style={font=\\small}', 'label style={font=\\small}', 'tick label style={font=\\scriptsize}');
  opts.push('legend style={font=\\scriptsize, at={(0.5,-0.2)}, anchor=north, legend columns=2, draw=none}', 'legend cell align=left', 'grid=major', 'grid style={gray!20}', 'scaled ticks=false');
  if (p.xLog) opts.push('xmode=log');
  if (p.yLog) opts.push('ymode=log');
  if (p.xDomain) opts.push(`xmin=${pgfNumber(p.xDomain[0])}`, `xmax=${pgfNumber(p.xDomain[1])}`);
  if (p.yDomain) opts.push(`ymin=${pgfNumber(p.yDomain[0])}`, `ymax=${pgfNumber(p.yDomain[1])}`);
  if (p.xCategories) {
    opts.push(`xtick={${p.xCategories.map((_, i) => i).join(',')}}`, `xticklabels={${p.xCategories.map((c) => `{${c.tex}}`).join(',')}}`, 'xmajorgrids=false');
    if (p.xCategories.length > 6) opts.push('x tick label style={rotate=60, anchor=east}');
  }
  const lines = ['\\begin{tikzpicture}', `\\begin{axis}[${opts.join(',\n  ')}]`];
  const inLegend = new Set<string>();
  for (const s of p.series) {
    const pts = positivePoints(s.points, !!p.xLog, !!p.yLog);
    if (pts.length === 0) continue;
    const colour = colours.get(s.group.text)!;
    const style =
      s.kind === 'line'
        ? [`color=${colour}`, 'mark=none', s.emphasis ? 'very thick' : 'thick', ...(s.dashed ? ['dashed'] : [])]
        : s.emphasis
          ? [`color=${colour}`, 'only marks', 'mark=diamond*', 'mark size=3.2pt', 'mark options={draw=black}']
          : s.shape
            ? [`color=${colour}`, 'only marks', `mark=${s.shape === 'square' ? 'square*' : s.shape === 'triangle' ? 'triangle*' : '*'}`, 'mark size=2pt']
            : [`color=${colour}`, 'only marks', 'mark=*', 'mark size=1.1pt', 'mark options={fill opacity=0.75, draw opacity=0}'];
    const first = legend.has(s.group.text) && !inLegend.has(s.group.text);
    if (!first) style.push('forget plot');
    if (first) inLegend.add(s.group.text);
    lines.push(`\\addplot[${style.join(', ')}] coordinates {${pts.map((pt) => `(${pgfNumber(pt.x)},${pgfNumber(pt.y)})`).join(' ')}};`);
    if (first) lines.push(`\\addlegendentry{${s.group.tex}}`);
  }
  for (const n of p.notes ?? []) lines.push(`\\node[anchor=west, font=\\scriptsize, fill=white, fill opacity=0.7, text opacity=1] at (axis cs:${pgfNumber(n.x)},${pgfNumber(n.y)}) {${n.text.tex}};`);
  lines.push('\\end{axis}', '\\end{tikzpicture}');
  return lines.join('\n');
}
