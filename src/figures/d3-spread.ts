/**
 * The D3 figure: the within-class spread s_j^(ℓ) = (1/N_j) Σ|z − z̄|² of the
 * τ-images after each hidden layer ℓ (ℓ = 0: the data), one line per class:
 * exactly the engine's D3 values (`spreads` in verify --json), drawn in float.
 */
import type { VerifyReport } from '../claims/verify-report.ts';
import { Rational } from '../exact/rational.ts';
import { label, type Series } from './model.ts';
import { classLabel } from './labels.ts';
import { figure, none, type FigureOutcome } from './outcome.ts';
import { toNumber } from '../exact/rational-to-number.ts';

const ID = 'd3-spread';

export function d3SpreadFigure(report: VerifyReport): FigureOutcome {
  const c = report.claims.find((r) => r.id === 'D3');
  const spreads = c?.details?.spreads;
  const truncatedAt = c?.details?.truncatedAt;
  if (!c || !spreads || !truncatedAt) return none(ID, `no spreads to draw: D3 is ${c?.status ?? 'missing'}${c ? ` (${c.reason})` : ''}`);
  const ds = report.ds;
  const L = spreads[0]!.length - 1;
  const series: Series[] = spreads.map((row, j) => ({
    name: label(`spread of class ${j + 1}`),
    group: classLabel(ds, j),
    kind: 'line',
    points: row.map((s, l) => ({ x: l, y: toNumber(Rational.parse(s)), exact: { x: String(l), y: s } })),
  }));
  spreads.forEach((row, j) =>
    series.push({ name: label(`spread of class ${j + 1}`), group: classLabel(ds, j), kind: 'point', points: row.map((s, l) => ({ x: l, y: toNumber(Rational.parse(s)), exact: { x: String(l), y: s } })) }),
  );
  const truncText = truncatedAt.map((t, j) => (t === null ? `class ${j + 1} is kept` : `class ${j + 1} is truncated at layer ${t}`)).join(', ');
  return figure({
    id: ID,
    title: label('D3: within-class spread of the τ-images', 'D3: within-class spread of the $\\tau$-images'),
    caption: label(
      `The spread s_j(ℓ) = (1/N_j) Σ|z − z̄_j|² of the τ-images after hidden layer ℓ (ℓ = 0: the data), exact values of verify's D3 drawn in float; ${truncText}.`,
      `The spread $s_j^{(\\ell)} = \\frac1{N_j}\\sum_i|z^{(\\ell)}_{j,i} - \\bar z^{(\\ell)}_j|^2$ of the $\\tau$-images after hidden layer $\\ell$ ($\\ell = 0$: the data), exact values of verify's D3 drawn in float; ${truncText}.`,
    ),
    panels: [
      {
        title: label(`D3 is ${c.status}`),
        xLabel: label('hidden layer ℓ', 'hidden layer $\\ell$'),
        yLabel: label('spread s_j(ℓ)', 'spread $s_j^{(\\ell)}$'),
        xCategories: Array.from({ length: L + 1 }, (_, l) => label(`ℓ = ${l}`, `$\\ell = ${l}$`)),
        xDomain: [-0.3, L + 0.3],
        series,
      },
    ],
    source: { claim: 'D3', spreads, truncatedAt },
  });
}
