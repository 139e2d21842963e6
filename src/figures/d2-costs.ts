/**
 * The D2 figure: the exact mean squared residual ms of every candidate J
 * (the classes the hidden layers truncate) with its two verdicts — local
 * minimum over all parameters (left marker) and over the output layer
 * (right marker) — and the D1 minimizer's ms as a reference line. Every
 * value is verify's (`ms` of each D2 result, D1's `ms`).
 */
import type { ClaimResult } from '../claims/claim-result.ts';
import type { VerifyReport } from '../claims/verify-report.ts';
import { label, type Label, type Series } from './model.ts';
import { figure, none, type FigureOutcome } from './outcome.ts';
import { toNumber } from '../exact/rational-to-number.ts';

const ID = 'd2-costs';

const SENSE: Record<NonNullable<ClaimResult['sense']>, { text: string; dx: number; shape: 'circle' | 'square' }> = {
  'all-parameters': { text: 'all parameters', dx: -0.12, shape: 'circle' },
  'output-layer': { text: 'output layer', dx: 0.12, shape: 'square' },
};

/** One colour per verdict, the same in every D2 figure. */
const STATUS_COLOUR: Record<ClaimResult['status'], string> = { verified: '#2e7d32', refuted: '#c62828', inconclusive: '#e0a000', 'not-applicable': '#9e9e9e' };

/** "∅", "{1,3}". */
export function subsetLabel(J: readonly number[]): Label {
  return J.length === 0 ? label('∅', '$\\emptyset$') : label(`{${J.join(',')}}`, `$\\{${J.join(',')}\\}$`);
}

export function d2CostsFigure(report: VerifyReport): FigureOutcome {
  const d2 = report.claims.filter((r) => r.id === 'D2');
  if (d2.length === 0) return none(ID, 'D2 was not run (verify --skip-d2)');
  const keys: string[] = [];
  for (const r of d2) if (!keys.includes(String(r.subset))) keys.push(String(r.subset));
  const subsets = keys.map((k) => d2.find((r) => String(r.subset) === k)!.subset!);
  const bySeries = new Map<string, Series & { points: { x: number; y: number; exact: { x: string; y: string } }[] }>();
  for (const r of d2) {
    if (!r.ms || !r.sense) continue;
    const i = keys.indexOf(String(r.subset));
    const g = `${SENSE[r.sense].text}: ${r.status}`;
    let s = bySeries.get(g);
    if (!s) bySeries.set(g, (s = { name: label(g), group: label(g), colour: STATUS_COLOUR[r.status], shape: SENSE[r.sense].shape, kind: 'point', points: [] }));
    s.points.push({ x: i + SENSE[r.sense].dx, y: toNumber(r.ms), exact: { x: subsetLabel(r.subset!).text, y: r.ms.toString() } });
  }
  const series: Series[] = [...bySeries.values()].sort((a, b) => a.group.text.localeCompare(b.group.text));
  const d1 = report.claims.find((r) => r.id === 'D1');
  const source: Record<string, unknown> = { claim: 'D2', candidates: d2.map((r) => ({ subset: r.subset, sense: r.sense, status: r.status, ms: r.ms?.toString() ?? null })) };
  if (d1?.status === 'verified' && d1.ms) {
    series.push({ name: label('D1 minimizer'), group: label(`D1 minimizer (ms = ${d1.ms})`), colour: '#222222', kind: 'line', dashed: true, points: [{ x: -0.5, y: toNumber(d1.ms), exact: { x: '', y: d1.ms.toString() } }, { x: keys.length - 0.5, y: toNumber(d1.ms) }] });
    source.d1ms = d1.ms.toString();
  }
  const notBuilt = d2.filter((r) => !r.ms).length / 2;
  return figure({
    id: ID,
    title: label('D2: the candidates J and their verdicts', 'D2: the candidates $J$ and their verdicts'),
    caption: label(
      `Exact ms of the candidate truncating the classes J, with its verdict as a local minimum over all parameters (left, circles) and over the output layer (right, squares), green verified, red refuted; dashed: the D1 global minimizer.${notBuilt ? ` ${notBuilt} candidate(s) could not be built and are not drawn.` : ''}`,
      `Exact $\\mathrm{ms}$ of the candidate truncating the classes $J$, with its verdict as a local minimum over all parameters (left, circles) and over the output layer (right, squares), green verified, red refuted; dashed: the D1 global minimizer.${notBuilt ? ` ${notBuilt} candidate(s) could not be built and are not drawn.` : ''}`,
    ),
    panels: [
      {
        title: label(`${keys.length} candidates`),
        xLabel: label('truncated classes J', 'truncated classes $J$'),
        yLabel: label('mean squared residual ms', 'mean squared residual $\\mathrm{ms}$'),
        xCategories: subsets.map(subsetLabel),
        xDomain: [-0.6, keys.length - 0.4],
        series,
      },
    ],
    source,
  });
}
