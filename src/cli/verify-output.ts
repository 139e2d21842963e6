/**
 * Rendering a VerifyReport: the JSON of issue #3/#4 and the human table.
 */
import Table from 'cli-table3';
import type { ClaimResult } from '../claims/claim-result.ts';
import type { VerifyReport } from '../claims/verify.ts';
import { dataSummaryJson } from './common.ts';

/** File name of a claim's certificate inside the certificates folder. */
export function certificateFileName(c: ClaimResult): string {
  const parts: string[] = [c.id];
  if (c.bias) parts.push(c.bias);
  if (c.subset) parts.push(`J${c.subset.length ? c.subset.join('-') : 'none'}`);
  if (c.sense) parts.push(c.sense);
  return `${parts.join('_')}.json`;
}

export function claimJson(c: ClaimResult, certificateFiles?: Map<ClaimResult, string>): Record<string, unknown> {
  const details = { ...(c.details ?? {}) };
  const value = details.value;
  delete details.value;
  return {
    id: c.id,
    status: c.status,
    ...(c.bias ? { bias: c.bias } : {}),
    ...(c.subset ? { subset: c.subset } : {}),
    ...(c.sense ? { sense: c.sense } : {}),
    ...(c.ms ? { ms: c.ms.toString() } : {}),
    ...(value !== undefined ? { value } : {}),
    reason: c.reason,
    ...(c.certificate ? { certificate: certificateFiles?.get(c) ?? null } : {}),
    ...(Object.keys(details).length ? { details } : {}),
  };
}

export function reportJson(r: VerifyReport, certificateFiles?: Map<ClaimResult, string>): Record<string, unknown> {
  const q = r.quantities;
  return {
    data: dataSummaryJson(r.ds),
    options: { layers: r.L, cost: r.convention },
    quantities: {
      delta2: q.delta2.toString(),
      deltaP2: q.deltaP2?.toString() ?? null,
      U2: q.U2?.toString() ?? null,
      Vfull2: q.Vfull2.toString(),
      Vnb2: q.Vnb2.toString(),
    },
    floatChecks: floatChecksJson(r),
    claims: r.claims.map((c) => claimJson(c, certificateFiles)),
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
    const fc = (c.details as { floatCheck?: { notApplicable?: string } } | undefined)?.floatCheck;
    if (fc?.notApplicable) byReason.set(fc.notApplicable, [...(byReason.get(fc.notApplicable) ?? []), label(c)]);
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

function numbers(c: ClaimResult, r: VerifyReport): string {
  const parts: string[] = [];
  const d = (c.details ?? {}) as Record<string, unknown>;
  if (typeof d.value === 'number') parts.push(`C(${r.convention}) ≈ ${d.value.toPrecision(6)}`);
  if (typeof d.relError === 'number') parts.push(`1−V/U ≈ ${d.relError.toPrecision(4)}`);
  if (typeof d.rateExponent === 'number') parts.push(`1−V/U = Θ(δ_P^${d.rateExponent}) (exact)`);
  else if (typeof d.rateExponentEstimate === 'number') parts.push(`rate exp. ≈ ${d.rateExponentEstimate.toFixed(2)} (float estimate)`);
  if (typeof d.boundFloat === 'number') parts.push(`bound ≈ ${d.boundFloat.toPrecision(4)}`);
  const ld = d.localDimension as { lower: number; upper: number | null; exact: number | null } | undefined;
  if (ld) parts.push(ld.exact !== null ? `local dim = ${ld.exact}` : `local dim ∈ [${ld.lower}, ${ld.upper ?? '?'}]`);
  return parts.join(', ');
}

export function reportTable(r: VerifyReport, certDir?: string): string {
  const q = r.quantities;
  const head = [
    `${r.ds.name}: Q = ${r.ds.Q}, M = ${r.ds.M}, N = ${r.ds.N}, L = ${r.L}, cost convention ${r.convention}`,
    `δ² = ${q.delta2} (≈ ${q.delta2.toNumber().toPrecision(6)}),  δ_P² ≈ ${q.deltaP2?.toNumber().toPrecision(6) ?? 'n/a'},  U² ≈ ${q.U2?.toNumber().toPrecision(6) ?? 'n/a'},  Vfull² ≈ ${q.Vfull2.toNumber().toPrecision(6)},  Vnb² ≈ ${q.Vnb2.toNumber().toPrecision(6)}  (≈: float approximations of exact values; --json gives them exactly)`,
  ];
  const table = new Table({ head: ['claim', 'status', 'key numbers', 'reason'], colWidths: [28, 18, 34, 70], wordWrap: true, style: { head: [], border: [] } });
  for (const c of r.claims) table.push([label(c), STATUS_MARK[c.status], numbers(c, r), c.reason]);
  const tail: string[] = notApplicableLines(r);
  if (r.d2)
    tail.push(
      `D2: ${r.d2.built}/${r.d2.candidates} candidates built; ${r.d2.localMinimaAllParameters} verified local minima over all parameters, ${r.d2.minimaOutputLayer} over the output layer; distinct points: ${r.d2.distinctPoints ? 'yes' : 'no'}; ${r.d2.distinctCostValues} distinct cost values`,
    );
  else tail.push('D2: skipped (--skip-d2): no D2 verdicts were computed');
  if (certDir) tail.push(`certificates written to ${certDir}/ (re-check one with: dlgeom check <file> --data <data-file>)`);
  return [...head, table.toString(), ...tail].join('\n');
}
