/**
 * `dlgeom report`: one self-contained HTML page for one verify run — the
 * verdict table (each row linked to its claim's section), each claim's
 * derivation as `dlgeom latex` writes it with the math rendered by KaTeX, the
 * figures as SVG rendered at build time with their Vega-Lite specifications
 * embedded, and every certificate downloadable (a data: URL holding exactly
 * the file `verify --certificates` writes). verify's JSON is embedded too, so
 * the figures' numbers can be compared with it.
 */
import { certificateFileName, type ClaimResult } from '../claims/claim-result.ts';
import type { VerifyReport } from '../claims/verify-report.ts';
import { classMoments } from '../data/moments.ts';
import { classStats } from '../data/stats.ts';
import { shallowQuantities } from '../claims/shallow-quantities.ts';
import { Rational } from '../exact/rational.ts';
import { reportJson } from '../cli/verify-output.ts';
import { REGISTRY } from '../claims/registry.ts';
import { writeDataSummary } from '../latex/sections/common.ts';
import type { DocumentContext } from '../latex/sections/context.ts';
import { LatexWriter } from '../latex/writer.ts';
import { rationalLatex } from '../latex/number.ts';
import { buildFigure } from '../figures/index.ts';
import { dataUrl, escapeHtml, scriptJson } from './assets.ts';
import { figureHtml } from './figure-html.ts';
import { latexToHtml, renderMath } from './latex-html.ts';
import { htmlPage } from './page.ts';

/** The claims of a verify run in the order of the page: the registry's document order. */
const SECTIONS = REGISTRY.modules.flatMap((m) => (m.decision && m.latex ? [{ id: m.id, section: m.latex }] : []));

export interface ReportPage {
  readonly html: string;
  /** Formulas KaTeX could not render (none expected). */
  readonly mathErrors: readonly string[];
}

/** A claim section's anchor. */
export function claimAnchor(id: string): string {
  return `claim-${id}`;
}

/** "S3 (free bias)", "D2 J={1,2} all parameters". */
function reading(c: ClaimResult): string {
  if (c.bias) return `${c.bias} bias`;
  if (c.subset) return `J = {${c.subset.join(',')}}, ${c.sense === 'all-parameters' ? 'all parameters' : 'output layer'}`;
  return '';
}

function certificateLink(c: ClaimResult): string {
  if (!c.certificate) return '—';
  const name = certificateFileName(c);
  return `<a class="download certificate" download="${escapeHtml(name)}" href="${dataUrl(JSON.stringify(c.certificate, null, 1) + '\n')}">${escapeHtml(name)}</a>`;
}

function msCell(c: ClaimResult, errors: string[]): string {
  if (!c.ms) return '—';
  return renderMath(`\\mathrm{ms} = ${rationalLatex(c.ms, 24).tex}`, false, errors);
}

function verdictRows(claims: readonly ClaimResult[], errors: string[], link: boolean): string {
  return claims
    .map((c) => {
      const id = link ? `<a href="#${claimAnchor(c.id)}">${escapeHtml(c.id)}</a>` : escapeHtml(c.id);
      const reason = latexToHtml(latexReason(c.reason));
      errors.push(...reason.errors);
      return `<tr><td>${id}</td><td>${escapeHtml(reading(c))}</td><td class="status status-${c.status}">${c.status}</td><td class="ms">${msCell(c, errors)}</td><td>${certificateLink(c)}</td><td class="reason">${reason.html.replace(/^<p>|<\/p>$/g, '')}</td></tr>`;
    })
    .join('\n');
}

/** An engine reason (Unicode mathematics) as writer LaTeX, so KaTeX renders its math. */
function latexReason(text: string): string {
  const w = new LatexWriter();
  return w.prose(text);
}

function table(rows: string): string {
  return `<table class="verdicts"><thead><tr><th>claim</th><th>reading</th><th>status</th><th>exact ms</th><th>certificate</th><th>why</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** The page of one verify run. */
export async function verifyReportHtml(report: VerifyReport): Promise<ReportPage> {
  const errors: string[] = [];
  const { ds, L } = report;
  const ctx = (w: LatexWriter): DocumentContext => ({ ds, L, stats: classStats(ds), sq: shallowQuantities(ds, classMoments(ds)), report, w });
  const parts: string[] = [];
  const q = report.quantities;
  parts.push(`<h1>dlgeom report: ${escapeHtml(ds.name)}</h1>`);
  parts.push(
    `<p class="meta">Q = ${ds.Q} classes, input dimension M = ${ds.M}, N = ${ds.N} points; L = ${L} hidden layers for the deep claims; cost convention <code>${report.convention}</code>. Data SHA-256 <code>${ds.source.sha256}</code>. Every verified or refuted verdict carries a certificate that the independent checker re-checked; the figures are drawn in float from the engine's exact values.</p>`,
  );
  const quantities = [
    ['\\delta^2', q.delta2],
    ['\\delta_P^2', q.deltaP2],
    ['U^2', q.U2],
    ['V_{\\mathrm{full}}^2', q.Vfull2],
    ['V_{\\mathrm{nb}}^2', q.Vnb2],
  ] as const;
  parts.push(`<p class="quantities">${quantities.map(([n, v]) => renderMath(`${n} = ${v ? rationalLatex(v as Rational, 30).tex : '\\text{undefined}'}`, false, errors)).join(', ')}</p>`);
  parts.push('<h2 id="verdicts">Verdicts</h2>', table(verdictRows(report.claims, errors, true)));
  const json = reportJson(report);
  parts.push(`<p><a class="download" download="verify.json" href="${dataUrl(JSON.stringify(json, null, 2) + '\n')}">verify.json</a> (the output of <code>dlgeom verify --json</code> for this run)</p>`);
  parts.push(`<script type="application/json" id="verify-json">${scriptJson(json)}</script>`);

  // The data, as the LaTeX documents derive it, with the data figure.
  const dataWriter = new LatexWriter();
  writeDataSummary(ctx(dataWriter));
  parts.push('<section id="data">', section(dataWriter, 'data', errors));
  parts.push(await figureHtml(buildFigure('data-projection', report), ds.name, errors), '</section>');

  for (const { id, section: claimSection } of SECTIONS) {
    const results = report.claims.filter((c) => c.id === id);
    if (results.length === 0) continue;
    const w = new LatexWriter();
    claimSection.write(ctx(w));
    parts.push(`<section id="${claimAnchor(id)}" class="claim">`, `<h2>${escapeHtml(id)}</h2>`, table(verdictRows(results, errors, false)), section(w, id, errors));
    for (const fid of claimSection.figures) parts.push(await figureHtml(buildFigure(fid, report), ds.name, errors));
    parts.push('</section>');
  }
  return { html: htmlPage(`dlgeom report: ${ds.name}`, parts.join('\n')), mathErrors: errors };
}

function section(w: LatexWriter, id: string, errors: string[]): string {
  const r = latexToHtml(w.body(), { headingLevel: 3, idPrefix: id });
  errors.push(...r.errors);
  return r.html;
}
