/**
 * A LaTeX document deriving one claim on one data set: data
 * summary, construction, every step of the cost evaluation, the verdict and a
 * summary of its certificate. Every number comes from the engine — the same
 * `verify` run that `dlgeom verify --json` prints, or the claim module it
 * calls — never from a separate computation of the same quantity.
 *
 * Large values: matrices show at most 8×8 entries (\cdots, \vdots, \ddots),
 * integers of more than 40 digits (fewer inside wide matrices) are shown as
 * "head\ldots tail"; the appendix "full values" lists every abbreviated value
 * with every digit. `values` holds every exact value shown, by name (the side
 * file `<out>.values.json` of `dlgeom latex -o`).
 *
 * @example
 *   claimLatex('S1', loadExample('clusters-q2'), {}) // '\\documentclass[10pt]{article}…'
 */
import { didYouMean } from '../util/suggest.ts';
import type { DataSet } from '../data/dataset.ts';
import { InputError } from '../data/errors.ts';
import { classStats } from '../data/stats.ts';
import { shallowQuantities } from '../claims/shallow-quantities.ts';
import { verify } from '../claims/verify.ts';
import type { VerifyReport } from '../claims/verify-report.ts';
import { wrapDocument } from './document.ts';
import { escapeText } from './text.ts';
import { LatexWriter, type ExactValue, type MathFragment } from './writer.ts';
import type { DocumentContext } from './sections/context.ts';
import { writeDataSummary } from './sections/common.ts';
import { buildFigure, type FigureId } from '../figures/index.ts';
import { pgfplotsFigure } from '../figures/pgfplots.ts';
import { REGISTRY, type ClaimRegistry } from '../claims/registry.ts';
import type { LatexSection } from '../claims/registry/claim-module.ts';

/** The claim ids a document can be written for, from the claim registry (T: the truncation lemmas T1–T5). */
export const CLAIM_DOCUMENT_IDS: readonly string[] = REGISTRY.documents.map((d) => d.document);

/** The LaTeX section of a document id, or undefined. */
export function documentSection(id: string, registry: ClaimRegistry = REGISTRY): LatexSection | undefined {
  return registry.documents.find((d) => d.document === id);
}

export function isClaimDocumentId(id: string, registry: ClaimRegistry = REGISTRY): boolean {
  return documentSection(id, registry) !== undefined;
}

/** Options of {@link claimLatex} / {@link claimDocument}. */
export interface ClaimLatexOptions {
  /** Body only: no preamble, no \begin{document} (for \input into another document). */
  readonly fragment?: boolean;
  /** Hidden layers of the deep claims (default Q, as in verify). */
  readonly layers?: number;
  /** File name of the side file, mentioned in the introduction and the appendix (set by `dlgeom latex -o`). */
  readonly sideFile?: string;
  /**
   * A `verify` report of the same data and layer count to reuse instead of running
   * verify again (for several documents on one data set; the D2 document needs D2 in it).
   */
  readonly report?: VerifyReport;
  /** The claims (default: the toolkit's, REGISTRY). */
  readonly registry?: ClaimRegistry;
}

/** A generated document and what it is made of. */
export interface ClaimDocument {
  readonly claimId: string;
  readonly tex: string;
  /** Every math fragment in the document, as emitted (without delimiters). */
  readonly fragments: readonly MathFragment[];
  /** Every exact value shown, by name, in full. */
  readonly values: Readonly<Record<string, ExactValue>>;
}

/** The one-line error for an unknown claim id. */
export function unknownClaimId(id: string, registry: ClaimRegistry = REGISTRY): InputError {
  const ids = registry.documents.map((d) => d.document);
  return new InputError(`unknown claim id ${JSON.stringify(id)}${didYouMean(id, ids)}; valid: ${ids.join(', ')}`);
}

/**
 * The document and its parts. Throws InputError for an unknown claim id or a
 * bad layer count.
 */
export function claimDocument(claimId: string, ds: DataSet, opts: ClaimLatexOptions = {}): ClaimDocument {
  const registry = opts.registry ?? REGISTRY;
  const section = documentSection(claimId, registry);
  if (!section) throw unknownClaimId(claimId, registry);
  // A document about claims verify decides runs verify; one about property-search claims (T) does not.
  const claims = registry.modules.filter((m) => m.latex === section);
  const onData = claims.some((m) => m.decision);
  const ids = claims.map((m) => m.id);
  const L = opts.layers ?? ds.Q;
  if (!Number.isInteger(L) || L < 1) throw new InputError(`layers: expected a positive whole number, got ${L}`);
  const w = new LatexWriter();
  // The engine's own run: the same report `dlgeom verify --json` prints (D2 only when needed).
  const report = !onData ? undefined : reuse(opts.report, ds, L, ids) ?? verify(ds, { layers: L, skipD2: !ids.includes('D2'), registry });
  const ctx: DocumentContext = { ds, L, stats: classStats(ds), sq: shallowQuantities(ds), report, w };
  w.raw(
    `This document derives claim ${ids.length > 1 ? `${ids[0]}--${ids.at(-1)}` : ids[0]} of the dlgeom catalogue (SPEC) on the data set below. It was generated by \\texttt{dlgeom latex}; every number is the engine's exact value (any value abbreviated in the text is given in full in the appendix${opts.sideFile ? `; every exact value shown is also in the side file \\texttt{${escapeText(opts.sideFile)}}` : ''}).`,
  );
  writeDataSummary(ctx);
  if (report) writeFigures(w, report, ['data-projection']);
  section.write(ctx);
  if (report) writeFigures(w, report, section.figures);
  const body = w.body(opts.sideFile ? { sideFile: opts.sideFile } : {});
  const title = `dlgeom: claim ${section.title} on ${ds.name}${onData ? ` (L = ${L})` : ''}`;
  return {
    claimId,
    tex: opts.fragment ? body : wrapDocument(title, body),
    fragments: [...w.fragments],
    values: Object.fromEntries(w.values),
  };
}

/** The figures as pgfplots code (the same figure models the HTML report renders), or why there is none. */
function writeFigures(w: LatexWriter, report: VerifyReport, ids: readonly FigureId[]): void {
  for (const id of ids) {
    const f = buildFigure(id, report);
    if (f.kind === 'figure') w.figure(pgfplotsFigure(f.figure));
    else w.paragraph(`No figure ${escapeText(id)}: ${w.prose(f.reason)}.`);
  }
}

function reuse(report: VerifyReport | undefined, ds: DataSet, L: number, ids: readonly string[]): VerifyReport | undefined {
  if (!report) return undefined;
  if (report.ds !== ds || report.L !== L || report.convention !== 'norm') throw new Error('internal: the given verify report is for other data, layers or cost convention');
  for (const id of ids) if (!report.claims.some((c) => c.id === id)) throw new Error(`internal: the given verify report has no ${id} results`);
  return report;
}

/**
 * A complete, compilable LaTeX document deriving `claimId` on `ds`
 * (`fragment: true`: the body only). Valid ids: {@link CLAIM_DOCUMENT_IDS}.
 */
export function claimLatex(claimId: string, ds: DataSet, opts: { fragment?: boolean; layers?: number }): string {
  return claimDocument(claimId, ds, opts).tex;
}
