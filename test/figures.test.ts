import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { Rational } from '../src/exact/rational.ts';
import { classStats } from '../src/data/stats.ts';
import { verify } from '../src/claims/verify.ts';
import type { VerifyReport } from '../src/claims/verify-report.ts';
import { reportJson } from '../src/cli/verify-output.ts';
import { buildFigures, buildFigure, FIGURE_IDS, type FigureId } from '../src/figures/index.ts';
import { dataProjectionFigure } from '../src/figures/data-projection.ts';
import { pgfplotsFigure } from '../src/figures/pgfplots.ts';
import { renderSvg, vegaLiteSpec } from '../src/figures/vega-lite.ts';
import { planarConeBoundary } from '../src/figures/geometry.ts';
import { positivePoints, type FigureModel } from '../src/figures/model.ts';
import { toNumber } from '../src/exact/rational-to-number.ts';

const reports = new Map<string, VerifyReport>();
function reportOf(example: string): VerifyReport {
  let r = reports.get(example);
  if (!r) reports.set(example, (r = verify(loadExample(example))));
  return r;
}

function figureOf(example: string, id: FigureId): FigureModel {
  const f = buildFigure(id, reportOf(example));
  if (f.kind !== 'figure') throw new Error(`no ${id} figure on ${example}: ${f.reason}`);
  return f.figure;
}

type Json = { claims: { id: string; status: string; bias?: string; subset?: number[]; sense?: string; ms?: string; details?: Record<string, unknown> }[] };

describe('figures carry the numbers verify --json prints', () => {
  it.each(['clusters-q2', 'clusters-q3'])('%s: D3 spreads, D1 apexes, S3 scaling, D2 costs', (example) => {
    const json = JSON.parse(JSON.stringify(reportJson(reportOf(example)))) as Json;
    const d3 = json.claims.find((c) => c.id === 'D3')!;
    const d3fig = figureOf(example, 'd3-spread');
    expect(d3fig.source!.spreads).toEqual(d3.details!.spreads);
    // Each drawn point of the spread lines is the exact value for its class and layer.
    const spreads = d3.details!.spreads as string[][];
    d3fig.panels[0]!.series.forEach((s, k) => {
      const j = k % spreads.length;
      expect(s.points.map((p) => p.exact!.y)).toEqual(spreads[j]);
      expect(s.points.map((p) => p.y)).toEqual(spreads[j]!.map((v) => toNumber(Rational.parse(v))));
    });
    const d1 = json.claims.find((c) => c.id === 'D1')!;
    const d1fig = figureOf(example, 'd1-curation');
    expect(d1fig.source!.apexes).toEqual(d1.details!.apexes);
    expect(d1fig.source!.order).toEqual(d1.details!.order);
    expect(d1fig.panels.length).toBe((d1.details!.order as number[]).length);
    const s3fig = figureOf(example, 's3-gap');
    for (const bias of ['free', 'tied']) {
      const c = json.claims.find((r) => r.id === 'S3' && r.bias === bias)!;
      const src = s3fig.source![bias] as { scaling: unknown; rateExponent: unknown };
      expect(src.scaling).toEqual(c.details!.scaling);
      expect(src.rateExponent).toEqual(c.details!.rateExponent);
      const line = s3fig.panels[0]!.series.find((s) => s.kind === 'line' && s.name.text.includes(bias))!;
      const scaling = c.details!.scaling as { t: number; relError: number }[];
      expect(line.points.map((p) => p.y)).toEqual(scaling.map((s) => s.relError));
      expect(line.points.map((p) => p.x)).toEqual(scaling.map((s) => s.t * (c.details!.deltaP as number)));
      // The legend prints the exact order beside the fitted slope.
      expect(line.group.text).toContain(`exact order δ_P${'⁰¹²³'[c.details!.rateExponent as number]}`);
      expect(line.group.text).toContain(`fitted slope ≈ ${(c.details!.rateExponentEstimate as number).toFixed(3)}`);
    }
    const d2fig = figureOf(example, 'd2-costs');
    const drawn = d2fig.panels[0]!.series.filter((s) => s.kind === 'point').flatMap((s) => s.points.map((p) => ({ group: s.group.text, ...p })));
    const d2 = json.claims.filter((c) => c.id === 'D2' && c.ms !== undefined);
    expect(drawn.length).toBe(d2.length);
    for (const c of d2) {
      const J = c.subset!.length ? `{${c.subset!.join(',')}}` : '∅';
      const sense = c.sense === 'all-parameters' ? 'all parameters' : 'output layer';
      const p = drawn.filter((q) => q.exact!.x === J && q.group.startsWith(sense));
      expect(p.length).toBe(1);
      expect(p[0]!.exact!.y).toBe(c.ms);
      expect(p[0]!.group).toBe(`${sense}: ${c.status}`);
    }
    const line = d2fig.panels[0]!.series.find((s) => s.kind === 'line')!;
    expect(line.points[0]!.exact!.y).toBe(d1.ms);
  });
});

describe('the data figure', () => {
  it('puts class mean j exactly at e_j in the coordinates X̄⁺x, and adds raw panels for M ≤ 3', () => {
    const ds = loadExample('clusters-q3');
    const f = dataProjectionFigure(ds, classStats(ds));
    if (f.kind !== 'figure') throw new Error(f.reason);
    const span = f.figure.panels.filter((p) => p.title.text.startsWith('span'));
    expect(span.length).toBe(3); // Q = 3: pairs (1,2), (1,3), (2,3)
    expect(f.figure.panels.length).toBe(6); // M = 3: three raw pairs as well
    const means = span[0]!.series.filter((s) => s.emphasis).map((s) => s.points[0]!.exact);
    expect(means).toEqual([
      { x: '1', y: '0' },
      { x: '0', y: '1' },
      { x: '0', y: '0' },
    ]);
  });
});

describe('Vega-Lite and pgfplots come from the same model', () => {
  it.each(['clusters-q2', 'clusters-q3', 'iris'])('%s: the same coordinates in both, and the SVG has marks', async (example) => {
    for (const f of buildFigures(reportOf(example))) {
      if (f.kind === 'none') {
        expect(f.reason.length).toBeGreaterThan(10);
        continue;
      }
      const fig = f.figure;
      const spec = vegaLiteSpec(fig);
      const specPoints: string[] = [];
      const collect = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (o.data && Array.isArray((o.data as { values?: unknown }).values) && (o.mark as { type?: string })?.type !== 'text')
            for (const p of (o.data as { values: { x: number; y: number }[] }).values) specPoints.push(`${Number(p.x.toPrecision(7))},${Number(p.y.toPrecision(7))}`);
          Object.values(o).forEach(collect);
        }
      };
      collect(spec);
      const tex = pgfplotsFigure(fig);
      const texPoints = [...tex.matchAll(/coordinates \{([^}]*)\}/g)].flatMap((m) => [...m[1]!.matchAll(/\(([^,]+),([^)]+)\)/g)].map((c) => `${Number(c[1])},${Number(c[2])}`));
      expect(texPoints.sort()).toEqual(specPoints.sort());
      const expected = fig.panels.flatMap((p) => p.series.flatMap((s) => positivePoints(s.points, !!p.xLog, !!p.yLog))).length;
      expect(texPoints.length).toBe(expected);
      const svg = await renderSvg(spec);
      expect(svg.startsWith('<svg')).toBe(true);
      expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(expected > 0 ? 3 : 0);
      expect(tex).not.toMatch(/[^\x00-\x7F]/);
    }
  }, 60_000);

  it('iris: D1 is not applicable, so the curation figures say why instead of drawing', () => {
    const figs = buildFigures(reportOf('iris'));
    const d1 = figs.find((f) => f.kind === 'none' && f.id === 'd1-curation');
    expect(d1).toBeDefined();
    expect(d1!.kind === 'none' && d1!.reason).toMatch(/no D1 network to draw: D1 is not-applicable/);
    expect(FIGURE_IDS.length).toBe(figs.length);
  });
});

describe('planar cones (drawing only)', () => {
  it('finds the two edges of a wedge and none for a half-plane or the whole plane', () => {
    // {s ≥ 0, t ≥ 0}: edges at 0 and π/2.
    const q = planarConeBoundary([
      [1, 0],
      [0, 1],
    ])!;
    expect(q.edges.map((e) => Math.round((e * 2) / Math.PI) + 0)).toEqual([0, 1]);
    expect(Math.abs(q.bisector - Math.PI / 4)).toBeLessThan(1e-12);
    // A half-plane: edges π apart.
    const h = planarConeBoundary([[1, 0]])!;
    expect(Math.abs(h.edges[1]! - h.edges[0]! - Math.PI)).toBeLessThan(1e-12);
    expect(planarConeBoundary([])).toBeUndefined();
  });
});
