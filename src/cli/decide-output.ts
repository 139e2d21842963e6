/**
 * Rendering a DecisionReport: the JSON "dlgeom/decision@1" (schemas/decision.schema.json)
 * and the human summary.
 */
import type { DecisionReport, NetworkVerdict } from '../claims/decide-network.ts';
import { hiddenWidths } from '../network/params.ts';
import { dataSummaryJson } from './common.ts';
import { toNumber } from '../exact/rational-to-number.ts';

export const DECISION_FORMAT = 'dlgeom/decision@1';

/** File name of a verdict's certificate inside the certificates folder: network_<sense>.json. */
export function decisionCertificateName(v: NetworkVerdict): string {
  return `${v.claim.replace('/', '_')}.json`;
}

export function decisionJson(r: DecisionReport, source: { readonly path: string; readonly kind: string; readonly sha256: string }, certificateFiles?: Map<NetworkVerdict, string>): Record<string, unknown> {
  const t = r.truncation;
  return {
    format: DECISION_FORMAT,
    data: dataSummaryJson(r.ds),
    network: { file: source.path, kind: source.kind, sha256: source.sha256, L: r.shape.L, M: r.shape.M, Q: r.shape.Q, widths: hiddenWidths(r.shape), parameters: r.paramCount },
    cost: r.convention,
    ms: r.ms.toString(),
    C: r.cost.exact?.toString() ?? null,
    CFloat: r.cost.float,
    floatCheck: r.floatCheck.applicable ? { msFloat: r.floatCheck.msFloat, bound: r.floatCheck.bound } : { notApplicable: r.floatCheck.reason },
    smooth: r.smooth,
    truncation: {
      strict: t.strict,
      layers: t.layers,
      truncatedAt: t.truncatedAt,
      d2: {
        subset: t.d2.subset,
        onStratum: t.d2.onStratum,
        reason: t.d2.reason,
        candidate:
          t.d2.candidate === undefined
            ? null
            : 'reason' in t.d2.candidate
              ? { built: false, reason: t.d2.candidate.reason }
              : { built: true, ms: t.d2.candidate.ms.toString(), sameParameters: t.d2.candidate.sameParameters, sameCost: t.d2.candidate.sameCost },
      },
    },
    verdicts: r.verdicts.map((v) => ({
      claim: v.claim,
      status: v.status,
      reason: v.reason,
      certificate: v.certificate ?? null,
      ...(certificateFiles?.has(v) ? { certificateFile: certificateFiles.get(v) } : {}),
    })),
  };
}

const MARK: Record<string, string> = { verified: '✔', refuted: '✘', inconclusive: '?', 'not-applicable': '–' };

export function decisionText(r: DecisionReport, certDir?: string): string {
  const t = r.truncation;
  const widths = hiddenWidths(r.shape);
  const lines = [
    `network: L = ${r.shape.L} hidden layer(s) of widths ${widths.length ? widths.join(', ') : '—'}, M = ${r.shape.M} inputs, Q = ${r.shape.Q} outputs, K = ${r.paramCount} parameters`,
    `data: ${r.ds.name} (Q = ${r.ds.Q}, M = ${r.ds.M}, N = ${r.ds.N})`,
    `ms = ${toNumber(r.ms).toPrecision(8)} (exact: ${short(r.ms.toString())}), C(${r.convention}) ${r.cost.exact ? `= ${short(r.cost.exact.toString())}` : `≈ ${r.cost.float.toPrecision(8)}`}; ${r.floatCheck.applicable ? `float check ${r.floatCheck.msFloat.toPrecision(8)} ± ${r.floatCheck.bound.toExponential(1)}` : `float check not applicable (${r.floatCheck.reason})`}`,
    r.smooth ? 'every hidden pre-activation is nonzero on the data (the cost is smooth here)' : 'a hidden pre-activation is exactly 0 on some data point (non-smooth point)',
    '',
  ];
  for (const v of r.verdicts) lines.push(`${MARK[v.status] ?? ' '} ${v.claim.padEnd(24)} ${v.status.padEnd(13)} ${v.reason}`);
  lines.push('', 'truncation structure:');
  for (const l of t.layers)
    lines.push(`  layer ${l.layer}: collapses ${l.collapsed.length ? `classes {${l.collapsed.join(', ')}}` : 'no class'}; all units on for ${l.identity.length ? `classes {${l.identity.join(', ')}}` : 'no class'}`);
  lines.push(`  D2: J = {${t.d2.subset.join(', ')}} — ${t.d2.onStratum ? 'on' : 'not on'} its stratum (${t.d2.reason})`);
  const c = t.d2.candidate;
  if (c && 'reason' in c) lines.push(`  D2 candidate: ${c.reason}`);
  else if (c) lines.push(`  D2 candidate for J: ${c.sameParameters ? 'this network is that candidate' : 'a different point'}${c.sameParameters ? '' : `, ${c.sameCost ? 'of the same' : 'of a different'} cost (candidate ms ≈ ${toNumber(c.ms).toPrecision(6)})`}`);
  if (certDir) lines.push('', `certificates written to ${certDir}/ (re-check one with: dlgeom check <file> --data <data-file>)`);
  return lines.join('\n');
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 28)}…${s.slice(-28)} (${s.length} chars; --json has it)` : s;
}
