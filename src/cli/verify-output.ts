/**
 * Rendering a VerifyReport: the JSON, the header (what can be decided, before any
 * work), the human table fitted to the terminal, and the --quiet lines.
 */
import type { ClaimResult } from '../claims/claim-result.ts';
import type { VerifyReport } from '../claims/verify-report.ts';
import { applicability, applicabilityLine, CATALOGUE, type DataFacts } from '../claims/catalogue.ts';
import type { DataSet } from '../data/dataset.ts';
import type { Rational } from '../exact/rational.ts';
import type { CostConvention } from '../network/network.ts';
import { costJson, dataSummaryJson } from './common.ts';
import { fittedTable, paint, statusColour, wrapText, type OutputStyle } from './terminal.ts';
import { toNumber } from '../exact/rational-to-number.ts';

/** The `verify --json` format (schemas/verify.schema.json). */
export const VERIFY_FORMAT = 'dlgeom/verify@1';

/**
 * One claim of `verify --json`. `ms` is the exact mean squared residual; `cost` is C under the
 * chosen --cost convention (exact where rational, and as a float); `details` holds the rest.
 */
export function claimJson(c: ClaimResult, convention: CostConvention, certificateFiles?: Map<ClaimResult, string>): Record<string, unknown> {
  const { value: _float, ...details } = c.details ?? {}; // the float of C: given as cost.float
  return {
    id: c.id,
    status: c.status,
    ...(c.bias ? { bias: c.bias } : {}),
    ...(c.subset ? { subset: c.subset } : {}),
    ...(c.sense ? { sense: c.sense } : {}),
    ...(c.ms ? { ms: c.ms.toString(), cost: costJson(c.ms, convention) } : {}),
    reason: c.reason,
    ...(c.certificate ? { certificate: certificateFiles?.get(c) ?? null } : {}),
    ...(Object.keys(details).length ? { details } : {}),
  };
}

export function reportJson(r: VerifyReport, certificateFiles?: Map<ClaimResult, string>, facts?: DataFacts): Record<string, unknown> {
  const q = r.quantities;
  return {
    format: VERIFY_FORMAT,
    data: dataSummaryJson(r.ds),
    ...(facts ? { applicability: { facts, claims: Object.fromEntries(CATALOGUE.filter((e) => e.onData).map((e) => [e.id, applicability(e, facts)])) } } : {}),
    options: { layers: r.L, cost: r.convention },
    quantities: {
      delta2: q.delta2.toString(),
      deltaP2: q.deltaP2?.toString() ?? null,
      U2: q.U2?.toString() ?? null,
      Vfull2: q.Vfull2.toString(),
      Vnb2: q.Vnb2.toString(),
    },
    floatChecks: floatChecksJson(r),
    claims: r.claims.map((c) => claimJson(c, r.convention, certificateFiles)),
    d2: r.d2 ?? 'skipped (--skip-d2)',
  };
}

/** The float cross-checks of U², Vfull², Vnb²: the float value and tolerance, or why there is none. */
function floatChecksJson(r: VerifyReport): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(r.floatChecks)) {
    if (!f) continue;
    out[name] = f.applicable ? { float: f.value, ...(f.scale ? { scaleExponent: f.scale } : {}), relTol: f.relTol, absTol: f.absTol } : { notApplicable: f.reason };
  }
  return out;
}

/** One line naming every float cross-check that could not be made, and why (none on ordinary data). */
function notApplicableLines(r: VerifyReport): string[] {
  const lines: string[] = [];
  for (const [name, f] of Object.entries(r.floatChecks)) if (f && !f.applicable) lines.push(`float cross-check of ${name} not applicable: ${f.reason}`);
  const byReason = new Map<string, string[]>();
  for (const c of r.claims) {
    const fc = c.details?.floatCheck;
    if (fc && 'notApplicable' in fc) byReason.set(fc.notApplicable, [...(byReason.get(fc.notApplicable) ?? []), label(c)]);
  }
  for (const [reason, names] of byReason) lines.push(`float cross-check of the cost not applicable for ${names.join(', ')}: ${reason}`);
  return lines;
}

const STATUS_MARK: Record<ClaimResult['status'], string> = {
  verified: '✔ verified',
  refuted: '✘ refuted',
  inconclusive: '? inconclusive',
  'not-applicable': '– not applicable',
};

function label(c: ClaimResult): string {
  if (c.bias) return `${c.id} (${c.bias} bias)`;
  if (c.subset) return `${c.id} J={${c.subset.join(',')}} ${c.sense === 'all-parameters' ? 'all params' : 'output layer'}`;
  return c.id;
}

/** How verify's human output looks: fitted to the terminal, exact values in full or as floats. */
export interface VerifyTextOptions {
  readonly style: OutputStyle;
  /** Exact values in full where a float approximation is shown otherwise. */
  readonly exact?: boolean;
  readonly certDir?: string | undefined;
}

/** A float approximation of an exact value, or the value itself with `exact`. */
function shown(r: Rational, exact: boolean | undefined, digits = 6): string {
  return exact ? `= ${r}` : `≈ ${toNumber(r).toPrecision(digits)}`;
}

function numbers(c: ClaimResult, r: VerifyReport, exact: boolean | undefined): string {
  const parts: string[] = [];
  if (c.ms?.isZero()) parts.push('C = 0 (exact)');
  else if (exact && c.ms) parts.push(`ms = ${c.ms}`);
  const value = c.details?.value;
  if (typeof value === 'number' && !c.ms?.isZero()) parts.push(`C(${r.convention}) ≈ ${value.toPrecision(6)}`);
  if (c.id === 'S3' && c.details) {
    const d = c.details;
    if (typeof d.relError === 'number') parts.push(`1−V/U ≈ ${d.relError.toPrecision(4)}`);
    if (typeof d.rateExponent === 'number') parts.push(`1−V/U = Θ(δ_P^${d.rateExponent}) (exact)`);
    else if (typeof d.rateExponentEstimate === 'number') parts.push(`rate exp. ≈ ${d.rateExponentEstimate.toFixed(2)} (float estimate)`);
  }
  if (c.id === 'S1' && typeof c.details?.boundFloat === 'number') parts.push(`bound ≈ ${c.details.boundFloat.toPrecision(4)}`);
  const ev = c.certificate?.evidence;
  if (exact && ev?.kind === 'descent') parts.push(`t^${ev.order} coefficient of N·ms(p + t·d), d the certificate's direction = ${ev.coefficient}`);
  const ld = c.id === 'D1-degeneracy' ? c.details?.localDimension : undefined;
  if (ld) parts.push(ld.exact !== null ? `local dim = ${ld.exact}` : `local dim ∈ [${ld.lower}, ${ld.upper ?? '?'}]`);
  return parts.join(', ');
}

/**
 * The header printed before any work: the data, and what can be decided on it (from the claim catalogue).
 * @example verifyHeader(ds, dataFacts(ds, 3), 'norm', false, style)
 */
export function verifyHeader(ds: DataSet, facts: DataFacts, convention: string, skipD2: boolean, style: OutputStyle): string {
  return [
    `${ds.name}: Q = ${ds.Q}, M = ${ds.M}, N = ${ds.N}, rank X̄ = ${facts.rankXbar}, L = ${facts.L}, cost convention ${convention}`,
    wrapText(`what can be decided on this data: ${applicabilityLine(facts, skipD2 ? ['D2'] : [])}${skipD2 ? '; D2 skipped (--skip-d2)' : ''} (dlgeom explain <claim-id> for the hypotheses)`, style.width),
  ].join('\n');
}

/** Why δ_P² and U² do not exist on this data. */
function undefinedBecause(r: VerifyReport): string {
  return r.ds.M < r.ds.Q ? `M = ${r.ds.M} < Q = ${r.ds.Q}` : `rank X̄ < Q = ${r.ds.Q}`;
}

/** The exact quantities of SPEC §7: floats by default (exact when short), in full with `exact`; never "≈ n/a". */
function quantitiesLine(r: VerifyReport, o: VerifyTextOptions): string {
  const q = r.quantities;
  const one = (name: string, v: Rational | undefined): string => {
    if (!v) return `${name}: undefined (${undefinedBecause(r)}: no projector P)`;
    const text = v.toString();
    if (o.exact || text.length <= 12) return `${name} = ${text}${o.exact || /^-?\d+$/.test(text) ? '' : ` ≈ ${toNumber(v).toPrecision(6)}`}`;
    return `${name} ${shown(v, false)}`;
  };
  const deltaP = q.deltaP2 ? one('δ_P²', q.deltaP2) : `δ_P², U²: undefined (${undefinedBecause(r)}, so X̄⁺ and P do not exist)`;
  const parts = [one('δ²', q.delta2), deltaP, ...(q.U2 ? [one('U²', q.U2)] : []), one('Vfull²', q.Vfull2), one('Vnb²', q.Vnb2)];
  const note = o.exact ? '(exact)' : '(≈: float approximations of exact values; --exact or --json gives them exactly)';
  return wrapText(`${parts.join(',  ')}  ${note}`, o.style.width);
}

/** The D2 summary line, without vacuous statements: distinctness only when two or more candidates were built. */
export function d2SummaryLine(r: VerifyReport): string {
  const s = r.d2;
  if (!s) return 'D2: skipped (--skip-d2): no D2 verdicts were computed';
  if (s.built === 0) {
    const why = r.claims.find((c) => c.id === 'D2' && c.status === 'not-applicable')?.reason.replace(/^no candidate: /, '');
    return `D2: none of the ${s.candidates} candidates could be built${why ? ` (${why})` : ''}; nothing was decided`;
  }
  const distinct = s.built < 2 ? 'distinct points: n/a (only one candidate built)' : `distinct points: ${s.distinctPoints ? 'yes' : 'no'}; ${s.distinctCostValues} distinct cost values`;
  const scope = `${s.subsets === 'all' ? '' : ` (subsets of at most ${s.subsets} classes)`}${s.timedOut ? `, ${s.timedOut} stopped by the time limit` : ''}`;
  return `D2: ${s.built}/${s.candidates} candidates built${scope}; ${s.localMinimaAllParameters} verified local minima over all parameters, ${s.minimaOutputLayer} over the output layer; ${distinct}`;
}

/** The table and the lines around it (the header is printed before the run: verifyHeader). */
export function reportTable(r: VerifyReport, o: VerifyTextOptions): string {
  const rows = r.claims.map((c) => [label(c), STATUS_MARK[c.status], numbers(c, r, o.exact), c.reason]);
  const table = fittedTable({ head: ['claim', 'status', 'key numbers', 'reason'], min: [24, 16, 16, 24], separators: true }, rows, o.style, (i, j, text) => {
    const colour = j === 1 ? statusColour(r.claims[i]!.status) : undefined;
    return colour ? paint(o.style, colour, text) : text;
  });
  const tail = [...notApplicableLines(r), d2SummaryLine(r)];
  if (o.certDir) tail.push(`certificates written to ${o.certDir}/ (re-check one with: dlgeom check <file> --data <data-file>)`);
  return [quantitiesLine(r, o), table, ...tail].join('\n');
}

/**
 * `--quiet`: one line per claim (the D2 rows as one line), then the D2 summary.
 * @example quietLines(report) // ['S1: verified', 'S2: verified', …]
 */
export function quietLines(r: VerifyReport, o: VerifyTextOptions): string[] {
  const lines: string[] = [];
  for (const c of r.claims) {
    if (c.id === 'D2') continue;
    const why = c.status === 'verified' ? '' : ` — ${c.reason}`;
    lines.push(`${label(c)}: ${paint(o.style, statusColour(c.status) ?? 'dim', c.status.replace('-', ' '))}${why}`);
  }
  lines.push(d2SummaryLine(r));
  if (o.certDir) lines.push(`certificates written to ${o.certDir}/`);
  return lines;
}
