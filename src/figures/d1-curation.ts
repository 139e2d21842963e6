/**
 * The D1 figure ("curation"): one panel per truncating hidden layer ℓ of the
 * verified D1 network, drawn in the plane through the apex θ_ℓ spanned by the
 * separating normal n_ℓ and the direction (orthogonal to it) along which the
 * layer's inputs spread most — for M = 2 that is the whole input plane. It
 * shows the separating hyperplane, the apex, the boundaries of the forward
 * cone K⁺ = {W^(ℓ)(x − θ_ℓ) ≥ 0} and of the backward cone K⁻ = −K⁺ in that
 * plane, the layer's inputs (grey) and the τ-images of every class after the
 * layer. The network, apexes and τ-images are the engine's exact values (the
 * D1 certificate's network, R1's curation map); float only for drawing.
 */
import type { DataSet } from '../data/dataset.ts';
import type { VerifyReport } from '../claims/verify-report.ts';
import { Rational } from '../exact/rational.ts';
import { toCumulative } from '../network/cumulative.ts';
import { curation } from '../network/representation.ts';
import { label, sampleIndices, type FigurePoint, type Note, type Panel, type Series } from './model.ts';
import { classLabel, MAX_POINTS_PER_CLASS } from './labels.ts';
import { networkOf } from './claim-results.ts';
import { dot, norm, planarConeBoundary, scaleV, spreadDirection, squareBox, subV } from './geometry.ts';
import { figure, none, type FigureOutcome } from './outcome.ts';
import { toNumber } from '../exact/rational-to-number.ts';

const ID = 'd1-curation';

export function d1CurationFigure(report: VerifyReport): FigureOutcome {
  const ds: DataSet = report.ds;
  const c = report.claims.find((r) => r.id === 'D1');
  if (!c) return none(ID, 'verify reported no D1 result');
  const netJson = c.certificate?.network;
  const order = c.details?.order;
  const apexes = c.details?.apexes;
  if (c.status !== 'verified' || !netJson || !order || !apexes) return none(ID, `no D1 network to draw: D1 is ${c.status} (${c.reason})`);
  if (ds.M < 2) return none(ID, 'the input dimension is 1: no plane to draw in');
  const net = networkOf(netJson);
  const cum = toCumulative(net);
  const cur = curation(net);
  const samples = ds.classes.map((cl) => sampleIndices(cl.points.length, MAX_POINTS_PER_CLASS).map((i) => cl.points[i]!));
  // traces[j][i][ℓ−1]: the τ-image after layer ℓ of the i-th drawn point of class j (exact).
  const traces = samples.map((pts) => pts.map((x) => cur.trace(x)));
  const panels: Panel[] = order.map((cls1, k) => layerPanel(ds, k, cls1 - 1, cum.W[k]!.toNumbers(), apexes[k]!, samples, traces));
  const drawn = samples.reduce((s, p) => s + p.length, 0);
  const plane = ds.M === 2 ? 'the input plane' : 'the plane through θ_ℓ spanned by n_ℓ and the direction orthogonal to it along which the layer’s inputs spread most (points projected orthogonally)';
  const planeTex = ds.M === 2 ? 'the input plane' : "the plane through $\\theta_\\ell$ spanned by $n_\\ell$ and the direction orthogonal to it along which the layer's inputs spread most (points projected orthogonally)";
  const sampled = (drawn < ds.N ? ` ${drawn} of the ${ds.N} points are drawn.` : '') + (report.L > order.length ? ` Hidden layers ${order.length + 1} to ${report.L} are identities on what is present (not drawn).` : '');
  return figure({
    id: ID,
    title: label('D1: curation layer by layer', 'D1: curation layer by layer'),
    caption: label(
      `Hidden layer ℓ truncates class π(ℓ): drawn in ${plane}, with coordinates (⟨n_ℓ,x−θ_ℓ⟩/|n_ℓ|, ⟨v,x−θ_ℓ⟩). The separating hyperplane, the apex θ_ℓ (diamond), the boundaries of the forward cone K⁺ (solid) and backward cone K⁻ (dashed), the layer's inputs (grey) and the τ-images after the layer (coloured): the truncated class collapses to θ_ℓ, the rest stays fixed.${sampled}`,
      `Hidden layer $\\ell$ truncates class $\\pi(\\ell)$: drawn in ${planeTex}, with coordinates $(\\langle n_\\ell,x-\\theta_\\ell\\rangle/|n_\\ell|, \\langle v,x-\\theta_\\ell\\rangle)$. The separating hyperplane, the apex $\\theta_\\ell$ (diamond), the boundaries of the forward cone $K^+$ (solid) and backward cone $K^-$ (dashed), the layer's inputs (grey) and the $\\tau$-images after the layer (coloured): the truncated class collapses to $\\theta_\\ell$, the rest stays fixed.${sampled}`,
    ),
    panels,
    source: { claim: 'D1', order, apexes },
  });
}

function layerPanel(
  ds: DataSet,
  k: number,
  cls: number,
  W: number[][],
  apexExact: readonly string[],
  samples: readonly (readonly (readonly Rational[])[])[],
  traces: readonly (readonly Rational[][][])[],
): Panel {
  const ell = k + 1;
  const M = ds.M;
  const theta = apexExact.map((s) => toNumber(Rational.parse(s)));
  // W^(ℓ) = 1nᵀ + εI: n_c is any off-diagonal entry of column c.
  const n = Array.from({ length: M }, (_, col) => W[col === 0 ? 1 : 0]![col]!);
  const u = scaleV(n, 1 / norm(n));
  const before = samples.map((pts, j) => pts.map((x, i) => (k === 0 ? x : traces[j]![i]![k - 1]!).map((v) => toNumber(v))));
  const after = traces.map((tr) => tr.map((t) => t[k]!.map((v) => toNumber(v))));
  const v = spreadDirection(
    u,
    before.flat().map((z) => subV(z, theta)),
  );
  const coord = (z: readonly number[]): [number, number] => {
    const d = subV(z, theta);
    return [dot(u, d), dot(v, d)];
  };
  const beforeXY = before.map((pts) => pts.map(coord));
  const afterXY = after.map((pts) => pts.map(coord));
  const box = squareBox([...beforeXY.flat(), ...afterXY.flat()], true);
  const R = 2 * Math.max(box.x[1] - box.x[0], box.y[1] - box.y[0]);
  const series: Series[] = [];
  const grey = label('inputs of the layer', 'inputs of the layer');
  beforeXY.forEach((pts, j) => series.push({ name: label(`class ${j + 1} before layer ${ell}`), group: grey, colour: '#a0a0a0', kind: 'point', points: pts.map(([x, y]) => ({ x, y })) }));
  afterXY.forEach((pts, j) => series.push({ name: label(`τ-images of class ${j + 1} after layer ${ell}`), group: classLabel(ds, j), kind: 'point', points: pts.map(([x, y]) => ({ x, y })) }));
  series.push({ name: label('separating hyperplane'), group: label('separating hyperplane'), colour: '#222222', kind: 'line', points: [{ x: 0, y: -R }, { x: 0, y: R }] });
  const notes: Note[] = [];
  const cone = planarConeBoundary(W.map((row) => [dot(row, u), dot(row, v)] as [number, number]));
  if (cone) {
    const ray = (phi: number): FigurePoint[] => [{ x: 0, y: 0 }, { x: R * Math.cos(phi), y: R * Math.sin(phi) }];
    const fwd = label('forward cone K⁺ (boundary)', 'forward cone $K^+$ (boundary)');
    const bwd = label('backward cone K⁻ (boundary)', 'backward cone $K^-$ (boundary)');
    for (const phi of cone.edges) {
      series.push({ name: label(`K⁺ boundary`), group: fwd, colour: '#2e7d32', kind: 'line', points: ray(phi) });
      series.push({ name: label(`K⁻ boundary`), group: bwd, colour: '#c62828', kind: 'line', dashed: true, points: ray(phi + Math.PI) });
    }
    const r = 0.3 * (box.x[1] - box.x[0]);
    notes.push({ x: r * Math.cos(cone.bisector), y: r * Math.sin(cone.bisector), text: label('K⁺', '$K^+$') });
    notes.push({ x: -r * Math.cos(cone.bisector), y: -r * Math.sin(cone.bisector), text: label('K⁻', '$K^-$') });
  }
  series.push({ name: label(`apex θ${ell}`), group: label('apex θ_ℓ', 'apex $\\theta_\\ell$'), colour: '#000000', kind: 'point', emphasis: true, points: [{ x: 0, y: 0 }] });
  return {
    title: label(`layer ${ell}: truncates class ${cls + 1} (${ds.classes[cls]!.label})`, `layer ${ell}: truncates class ${cls + 1}`),
    xLabel: label('⟨n_ℓ, x − θ_ℓ⟩ / |n_ℓ|', '$\\langle n_\\ell, x-\\theta_\\ell\\rangle/|n_\\ell|$'),
    yLabel: label('⟨v, x − θ_ℓ⟩', '$\\langle v, x-\\theta_\\ell\\rangle$'),
    xDomain: box.x,
    yDomain: box.y,
    equalAxes: true,
    series,
    notes,
  };
}
