/**
 * `dlgeom prove --html FILE`: the same kind of self-contained page as
 * `dlgeom report`, for a whole proof run — the verdict table (each row linked
 * to its script's section, differences from the baseline marked), and per
 * script its hypotheses, data and verdicts with their evidence, mathematics
 * rendered by KaTeX at build time; the run's JSON (`prove --json`) is
 * embedded and downloadable.
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

export function scriptAnchor(script: string): string {
  return `script-${script.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function proveReportHtml(run: ProveRun, differences: readonly Difference[], baselineFile: string): ReportPage {
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
        ? `<h3>Data</h3><table><thead><tr><th>name</th><th>source</th><th>Q</th><th>M</th><th>N</th></tr></thead><tbody>${s.data.map((d) => `<tr><td>${escapeHtml(d.name)}</td><td>${escapeHtml(d.source)}</td><td>${d.Q}</td><td>${d.M}</td><td>${d.N}</td></tr>`).join('')}</tbody></table>`
        : '',
      '<h3>Verdicts</h3>',
      rowsHtml(s.rows, false),
      '</section>',
    ].join('\n');
  }
}
