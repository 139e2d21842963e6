/**
 * The S3 figure: the relative gap 1 − V/U against δ_P on the data's δ-family
 * x̄_j + t·Δx_{j,i} (so δ_P scales by t), log–log, for both readings of the
 * output bias; each reading's legend entry prints the exact leading order
 * (the engine's `rateExponent`, decided from exact rational functions of δ)
 * beside the float log–log slope (`rateExponentEstimate`). The points are
 * verify's `scaling` series (float values of exact quantities).
 */
import type { VerifyReport } from '../claims/verify-report.ts';
import { label, type Series } from './model.ts';
import { latexText } from '../latex/text.ts';
import { figure, none, type FigureOutcome } from './outcome.ts';

const ID = 's3-gap';

export function s3GapFigure(report: VerifyReport): FigureOutcome {
  const results = report.claims.filter((r) => r.id === 'S3');
  const series: Series[] = [];
  const source: Record<string, unknown> = { claim: 'S3' };
  let dropped = 0;
  const undecided: { bias: string; status: string }[] = [];
  for (const c of results) {
    const scaling = c.details?.scaling;
    const deltaP = c.details?.deltaP;
    // deltaP is null only without U², when the scaling series is empty.
    if (!scaling || deltaP === undefined || !c.bias) continue;
    const exponent = c.details?.rateExponent;
    const estimate = c.details?.rateExponentEstimate;
    const status = c.details?.rateStatus;
    source[c.bias] = { scaling, deltaP, rateExponent: exponent, rateExponentEstimate: estimate, rateStatus: status };
    const decided = exponent !== null && exponent !== undefined;
    if (!decided) undecided.push({ bias: c.bias, status: status ?? 'skipped' });
    const order = decided ? `exact order δ_P${superscript(exponent)}` : 'exact order not decided (caption)';
    const orderTex = decided ? `exact order $\\delta_P^{${exponent}}$` : 'exact order not decided (see below)';
    const slope = estimate === undefined || estimate === null || !Number.isFinite(estimate) ? 'no fitted slope' : `fitted slope ≈ ${estimate.toFixed(3)}`;
    const slopeTex = estimate === undefined || estimate === null || !Number.isFinite(estimate) ? 'no fitted slope' : `fitted slope $\\approx ${estimate.toFixed(3)}$`;
    const name = c.bias === 'free' ? 'free bias' : 'tied bias';
    const points = scaling.map((s) => ({ x: s.t * (deltaP ?? 0), y: s.relError }));
    dropped += points.filter((p) => !(p.y > 0)).length;
    const group = label(`${name}: ${order}, ${slope}`, `${name}: ${orderTex}, ${slopeTex}`);
    series.push({ name: label(`1 − V/U, ${name}`), group, kind: 'line', points });
    series.push({ name: label(`1 − V/U, ${name}`), group, kind: 'point', points });
  }
  const why = undecided.map((u) => ` ${u.bias} bias: exact order not decided: ${u.status}.`).join('');
  const whyTex = undecided.map((u) => ` ${u.bias} bias: exact order not decided: ${latexText(u.status).tex}.`).join('');
  if (series.length === 0) return none(ID, 'verify reported no δ-family for S3 (δ_P is undefined when rank X̄ < Q)');
  return figure({
    id: ID,
    title: label('S3: relative gap to the S1 bound against δ_P', 'S3: relative gap to the S1 bound against $\\delta_P$'),
    caption: label(
      `1 − V/U on the family x̄_j + t·Δx_{j,i} (δ_P scales by t), log–log, for the free and the tied output bias; the legend gives the exact leading order beside the float log–log slope.${why}${dropped ? ` ${dropped} point(s) with 1 − V/U ≤ 0 cannot be drawn on a log axis.` : ''}`,
      `$1 - V/U$ on the family $\\bar x_j + t\\,\\Delta x_{j,i}$ ($\\delta_P$ scales by $t$), log--log, for the free and the tied output bias; the legend gives the exact leading order beside the float log--log slope.${whyTex}${dropped ? ` ${dropped} point(s) with $1 - V/U \\le 0$ cannot be drawn on a log axis.` : ''}`,
    ),
    panels: [{ title: label('relative gap 1 − V/U', 'relative gap $1 - V/U$'), xLabel: label('δ_P', '$\\delta_P$'), yLabel: label('1 − V/U', '$1 - V/U$'), xLog: true, yLog: true, series }],
    source,
  });
}

const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };

/** 2 → "²". */
function superscript(n: number): string {
  return [...String(n)].map((c) => SUP[c] ?? c).join('');
}
