/**
 * One figure on a report page: its SVG rendered at build time from the
 * Vega-Lite specification (in Node, no browser), the caption with its math
 * rendered by KaTeX, and the specification itself embedded (and downloadable),
 * its `usermeta.dlgeom` holding the engine's exact values the figure draws.
 */
import type { FigureOutcome } from '../figures/outcome.ts';
import { renderSvg, vegaLiteSpec } from '../figures/vega-lite.ts';
import { dataUrl, escapeHtml, scriptJson } from './assets.ts';
import { latexToHtml } from './latex-html.ts';

export async function figureHtml(f: FigureOutcome, dataName: string, errors: string[]): Promise<string> {
  if (f.kind === 'none') return `<p class="no-figure">No figure <code>${escapeHtml(f.id)}</code>: ${escapeHtml(f.reason)}.</p>`;
  const fig = f.figure;
  const spec = { ...vegaLiteSpec(fig), usermeta: { dlgeom: { figure: fig.id, data: dataName, ...(fig.source ? { source: fig.source } : {}) } } };
  const svg = await renderSvg(spec);
  const caption = latexToHtml(`${fig.title.tex}. ${fig.caption.tex}`);
  errors.push(...caption.errors);
  const specText = JSON.stringify(spec, null, 1);
  return [
    `<figure class="figure" id="figure-${fig.id}" data-figure="${fig.id}">`,
    svg,
    `<figcaption>${caption.html.replace(/^<p>|<\/p>$/g, '')}</figcaption>`,
    `<details><summary>Vega-Lite specification</summary><a class="download" download="${fig.id}.vl.json" href="${dataUrl(specText + '\n')}">download ${fig.id}.vl.json</a></details>`,
    `<script type="application/json" class="vega-lite-spec" data-figure="${fig.id}">${scriptJson(spec)}</script>`,
    '</figure>',
  ].join('\n');
}
