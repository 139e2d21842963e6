/**
 * A LaTeX document deriving one claim on one data set (issue #5): data
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
import { verify, type VerifyReport } from '../claims/verify.ts';
import { wrapDocument } from './document.ts';
import { escapeText } from './text.ts';
import { LatexWriter, type ExactValue, type MathFragment } from './writer.ts';
import type { DocumentContext } from './sections/context.ts';
import { writeDataSummary } from './sections/common.ts';
import { writeS1 } from './sections/s1.ts';
import { writeS2 } from './sections/s2.ts';
import { writeS3 } from './sections/s3.ts';
import { writeD1 } from './sections/d1.ts';
import { writeDegeneracy } from './sections/degeneracy.ts';
import { writeD2 } from './sections/d2.ts';
import { writeD3 } from './sections/d3.ts';
import { writeR1 } from './sections/r1.ts';
import { writeTruncation } from './sections/truncation.ts';
import { buildFigure, FIGURES_OF_CLAIM, type FigureId } from '../figures/index.ts';
import { pgfplotsFigure } from '../figures/pgfplots.ts';

/** The claim ids a document can be written for (T: the truncation lemmas T1–T5). */
export const CLAIM_DOCUMENT_IDS = ['S1', 'S2', 'S3', 'D1', 'D1-degeneracy', 'D2', 'D3', 'R1', 'T'] as const;
export type ClaimDocumentId = (typeof CLAIM_DOCUMENT_IDS)[number];

export function isClaimDocumentId(id: string): id is ClaimDocumentId {
  return (CLAIM_DOCUMENT_IDS as readonly string[]).includes(id);
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
}

/** A generated document and what it is made of. */
export interface ClaimDocument {
  readonly claimId: ClaimDocumentId;
  readonly tex: string;
  /** Every math fragment in the document, as emitted (without delimiters). */
  readonly fragments: readonly MathFragment[];
  /** Every exact value shown, by name, in full. */
  readonly values: Readonly<Record<string, ExactValue>>;
}

/** The section writer of each claim (shared with the HTML report, src/report). */
export const WRITERS: Record<ClaimDocumentId, (ctx: DocumentContext) => void> = {
  S1: writeS1,
  S2: writeS2,
  S3: writeS3,
  D1: writeD1,
  'D1-degeneracy': writeDegeneracy,
  D2: writeD2,
  D3: writeD3,
  R1: writeR1,
  T: writeTruncation,
};

const TITLES: Record<ClaimDocumentId, string> = {
  S1: 'S1: the shallow upper bound',
  S2: 'S2: the metric of the S1 network',
  S3: 'S3: the affine local minimum and its rate',
  D1: 'D1: explicit global minimizers',
  'D1-degeneracy': 'D1: degeneracy of the global minimizer',
  D2: 'D2: the 2^Q - 1 candidate local minima',
  D3: 'D3: curation of the within-class spread',
  R1: 'R1: the network as a recursion of truncations',
  T: 'T1-T5: truncation lemmas',
};

/** The one-line error for an unknown claim id. */
export function unknownClaimId(id: string): InputError {
  return new InputError(`unknown claim id ${JSON.stringify(id)}${didYouMean(id, CLAIM_DOCUMENT_IDS)}; valid: ${CLAIM_DOCUMENT_IDS.join(', ')}`);
}

/**
 * The document and its parts. Throws InputError for an unknown claim id or a
 * bad layer count.
 */
export function claimDocument(claimId: string, ds: DataSet, opts: ClaimLatexOptions = {}): ClaimDocument {
  if (!isClaimDocumentId(claimId)) throw unknownClaimId(claimId);
  const L = opts.layers ?? ds.Q;
  if (!Number.isInteger(L) || L < 1) throw new InputError(`layers: expected a positive whole number, got ${L}`);
  const w = new LatexWriter();
  // The engine's own run: the same report `dlgeom verify --json` prints (D2 only when needed).
  const report = claimId === 'T' ? undefined : reuse(opts.report, ds, L, claimId) ?? verify(ds, { layers: L, skipD2: claimId !== 'D2' });
  const ctx: DocumentContext = { ds, L, stats: classStats(ds), sq: shallowQuantities(ds), report, w };
  w.raw(
    `This document derives claim ${claimId === 'T' ? 'T1--T5' : claimId} of the dlgeom catalogue (SPEC) on the data set below. It was generated by \\texttt{dlgeom latex}; every number is the engine's exact value (any value abbreviated in the text is given in full in the appendix${opts.sideFile ? `; every exact value shown is also in the side file \\texttt{${escapeText(opts.sideFile)}}` : ''}).`,
  );
  writeDataSummary(ctx);
  if (report) writeFigures(w, report, ['data-projection']);
  WRITERS[claimId](ctx);
  if (report) writeFigures(w, report, FIGURES_OF_CLAIM[claimId] ?? []);
  const body = w.body(opts.sideFile ? { sideFile: opts.sideFile } : {});
  const title = `dlgeom: claim ${TITLES[claimId]} on ${ds.name}${claimId === 'T' ? '' : ` (L = ${L})`}`;
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

function reuse(report: VerifyReport | undefined, ds: DataSet, L: number, claimId: ClaimDocumentId): VerifyReport | undefined {
  if (!report) return undefined;
  if (report.ds !== ds || report.L !== L || report.convention !== 'norm') throw new Error('internal: the given verify report is for other data, layers or cost convention');
  if (claimId === 'D2' && !report.d2) throw new Error('internal: the given verify report has no D2 results');
  return report;
}

/**
 * A complete, compilable LaTeX document deriving `claimId` on `ds`
 * (`fragment: true`: the body only). Valid ids: {@link CLAIM_DOCUMENT_IDS}.
 */
export function claimLatex(claimId: string, ds: DataSet, opts: { fragment?: boolean; layers?: number }): string {
  return claimDocument(claimId, ds, opts).tex;
}
