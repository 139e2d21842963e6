/**
 * `dlgeom prove --html FILE`: the same kind of self-contained page as
 * `dlgeom report`, for a whole proof run — the verdict table (each row linked
 * to its script's section, differences from the baseline marked), and per
 * script its hypotheses, data and verdicts with their evidence, mathematics
 * rendered by KaTeX at build time; the figures of every data set the
 * scripts ran on (from a verify run without D2); the run's JSON
 * (`prove --json`) embedded and downloadable.
 */
import { describeDifference, type Difference } from '../prove/baseline.ts';
import type { ProveRun, ScriptRun } from '../prove/run.ts';
import { proveJson, summaryLines } from '../prove/report-text.ts';
import { rowKey, type VerdictRow } from '../prove/verdict.ts';
import { LatexWriter } from '../latex/writer.ts';
import { dataUrl, escapeHtml, scriptJson } from './assets.ts';
import { latexToHtml } from './latex-html.ts';
import { htmlPage } from './page.ts';
import type { ReportPage } from './verify-report.ts';
import { verify } from '../claims/verify.ts';
import type { DataSet } from '../data/dataset.ts';
import { buildFigure, type FigureId } from '../figures/index.ts';
import { figureHtml } from './figure-html.ts';

/** The figures drawn per data set of a proof run (D2's needs every candidate decided: left to `dlgeom report`). */
const RUN_FIGURES: readonly FigureId[] = ['data-projection', 's3-gap', 'd1-curation', 'd3-spread'];

/** Data sets above this many points get no figures on the proof page (verify would dominate the run). */
const MAX_FIGURE_POINTS = 5000;

export function dataAnchor(name: string): string {
  return `data-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function scriptAnchor(script: string): string {
  return `script-${script.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export async function proveReportHtml(run: ProveRun, differences: readonly Difference[], baselineFile: string): Promise<ReportPage> {
  const errors: string[] = [];
  const prose = (text: string): string => {
    const r = latexToHtml(new LatexWriter().prose(text));
    errors.push(...r.errors);
    return r.html.replace(/^<p>|<\/p>$/g, '');
  };
  const diffOf = new Map(differences.map((d) => [d.key, d]));
  const rowsHtml = (rows: readonly VerdictRow[], link: boolean): string =>
    `<table class="verdicts"><thead><tr>${link ? '<th>script</th>' : ''}<th>claim</th><th>check</th><th>data</th><th>verdict</th><th>evidence</th><th>baseline</th></tr></thead><tbody>\n${rows
      .map((r) => {
        const d = diffOf.get(rowKey(r));
        return `<tr>${link ? `<td><a href="#${scriptAnchor(r.script)}">${escapeHtml(r.script)}</a></td>` : ''}<td>${escapeHtml(r.claim)}</td><td>${prose(r.check)}</td><td>${escapeHtml(r.data)}</td><td class="status status-${r.verdict}">${r.verdict}</td><td class="reason">${prose(r.evidence)}</td><td>${d ? `<strong class="status-fails">${escapeHtml(describeDifference(d))}</strong>` : 'matches'}</td></tr>`;
      })
      .join('\n')}\n</tbody></table>`;
  const parts: string[] = [];
  parts.push('<h1>dlgeom prove</h1>');
  parts.push(`<p class="meta">${summaryLines(run, differences).map(escapeHtml).join('<br>')}</p>`);
  parts.push(`<p class="meta">Seed ${run.seed}${run.runs !== undefined ? `, ${run.runs} runs per property` : ''}; ${run.scripts.length} script(s), ${run.rows.length} verdicts in ${(run.timeMs / 1000).toFixed(1)} s. Baseline <code>${escapeHtml(baselineFile)}</code>.</p>`);
  const json = proveJson(run, differences, baselineFile);
  parts.push(`<p><a class="download" download="prove.json" href="${dataUrl(JSON.stringify(json, null, 2) + '\n')}">prove.json</a> (the output of <code>dlgeom prove --json</code> for this run)</p>`);
  parts.push(`<script type="application/json" id="prove-json">${scriptJson(json)}</script>`);
  parts.push('<h2 id="verdicts">Verdicts</h2>', rowsHtml(run.rows, true));
  for (const s of run.scripts) parts.push(scriptSection(s));
  // Figures of each data set the scripts ran on (a verify run without D2, as `dlgeom verify --skip-d2`).
  const datasets = new Map<string, DataSet>();
  for (const s of run.scripts) for (const [name, ds] of s.datasets) if (!datasets.has(name)) datasets.set(name, ds);
  if (datasets.size) parts.push('<h2 id="figures">Figures of the data sets</h2>');
  for (const [name, ds] of datasets) {
    parts.push(`<section id="${dataAnchor(name)}" class="data-figures">`, `<h3>${escapeHtml(name)}</h3>`);
    if (ds.N > MAX_FIGURE_POINTS) parts.push(`<p>${ds.N} points: no figures here (use <code>dlgeom report</code> on this data set).</p>`);
    else {
      const report = verify(ds, { skipD2: true });
      for (const id of RUN_FIGURES) parts.push(await figureHtml(buildFigure(id, report), name, errors));
    }
    parts.push('</section>');
  }
  if (differences.some((d) => d.kind === 'missing'))
    parts.push('<h2 id="missing">Missing from this run</h2>', `<ul>${differences.filter((d) => d.kind === 'missing').map((d) => `<li>${escapeHtml(describeDifference(d))}</li>`).join('')}</ul>`);
  return { html: htmlPage('dlgeom prove', parts.join('\n')), mathErrors: errors };

  function scriptSection(s: ScriptRun): string {
    return [
      `<section id="${scriptAnchor(s.script)}" class="script">`,
      `<h2>${escapeHtml(s.script)}: ${prose(s.title)}</h2>`,
      `<p class="meta"><code>${escapeHtml(s.file)}</code>, claims ${escapeHtml(s.claims.join(', '))}, ${(s.timeMs / 1000).toFixed(1)} s.</p>`,
      s.hypotheses.length ? `<h3>Hypotheses</h3><ul>${s.hypotheses.map((h) => `<li>${prose(h)}</li>`).join('')}</ul>` : '',
      s.data.length
        ? `<h3>Data</h3><table><thead><tr><th>name</th><th>source</th><th>Q</th><th>M</th><th>N</th></tr></thead><tbody>${s.data.map((d) => `<tr><td>${s.datasets.has(d.name) ? `<a href="#${dataAnchor(d.name)}">${escapeHtml(d.name)}</a>` : escapeHtml(d.name)}</td><td>${escapeHtml(d.source)}</td><td>${d.Q}</td><td>${d.M}</td><td>${d.N}</td></tr>`).join('')}</tbody></table>`
        : '',
      '<h3>Verdicts</h3>',
      rowsHtml(s.rows, false),
      '</section>',
    ].join('\n');
  }
}
