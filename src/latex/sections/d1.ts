/**
 * D1 (SPEC §4): the explicit cost-0 network for L ≥ Q hidden layers, layer by
 * layer in cumulative form (separating normal, apex, ε, cone), the output
 * interpolation, and cost 0; or, when the hypothesis fails, its certificate.
 */
import { Matrix, vec } from '../../exact/matrix.ts';
import { Rational } from '../../exact/rational.ts';
import { buildD1, type D1Construction } from '../../claims/d1-global-minimizers.ts';
import { exactMargin } from '../../claims/separation.ts';
import { toCumulative } from '../../network/cumulative.ts';
import { flattenParams } from '../../network/params.ts';
import { inOpenBackwardCone, inOpenForwardCone } from '../../network/truncation.ts';
import { escapeText } from '../text.ts';
import { networkFromJson, resultOf, type DocumentContext } from './context.ts';
import { writeNetwork, writeVerdict } from './common.ts';
import { abs } from '../../exact/rational-shorthands.ts';

export function writeD1(ctx: DocumentContext): void {
  const { w, ds, L } = ctx;
  const c = resultOf(ctx, 'D1');
  w.section('Claim D1: explicit global minimizers (cost 0) for L ≥ Q');
  w.paragraph(
    `Claim (SPEC \\S4): for sufficiently clustered data and ${w.m('L \\ge Q')} hidden layers there are explicit parameters of cost 0. Hidden layer ${w.m('\\ell')} truncates one class: in cumulative form ${w.m('W^{(\\ell)} = \\mathbf 1 n_\\ell^{\\top} + \\varepsilon_\\ell I')}, ${w.m('b^{(\\ell)} = -W^{(\\ell)}\\theta_\\ell')}, where ${w.m('n_\\ell')} strictly separates the class (negative side) from everything still present with margin ${w.m('\\gamma_\\ell')}, the apex ${w.m('\\theta_\\ell')} lies on the separating hyperplane, and ${w.m('0 < \\varepsilon_\\ell < \\gamma_\\ell/D_\\ell')} with ${w.m('D_\\ell = \\max|x - \\theta_\\ell|_\\infty')} over the points involved, ${w.m('\\varepsilon_\\ell \\ne -\\langle n_\\ell, \\mathbf 1\\rangle')}. The truncated class lies in the open backward cone (collapsed to ${w.m('\\theta_\\ell')}), everything else present in the open forward cone (fixed). Here ${w.m(`L = ${L}`)}.`,
  );
  // The one D1 builder, as verify and prove use it: the very network verify verified.
  const outcome = buildD1(ds, L);
  if (outcome.kind !== 'built') {
    w.subsection('The hypothesis');
    w.paragraph(`No construction: ${w.prose(outcome.reason)}.`);
    const ev = c.certificate?.evidence;
    if (ev?.kind === 'convex-overlap') writeOverlap(ctx, ev.classes, ev.weights);
    w.subsection('Verdict and certificate');
    writeVerdict(ctx, c, 'D1');
    return;
  }
  const built = outcome.construction;
  const net = c.certificate?.network;
  if (!net || flattenParams(networkFromJson(net)).join() !== flattenParams(built.net).join()) throw new Error('internal: the D1 construction differs from the verified network');
  writeConstruction(ctx, built);
  w.subsection('The network in per-layer form');
  w.paragraph(`${w.m('W_\\ell = W^{(\\ell)}(W^{(\\ell-1)})^{-1}')}, ${w.m('b_\\ell = b^{(\\ell)} - W_\\ell b^{(\\ell-1)}')}; exactly as the certificate holds it:`);
  writeNetwork(ctx, 'D1 network', net);
  w.subsection('Verdict and certificate');
  writeVerdict(ctx, c, 'D1');
}

function writeConstruction(ctx: DocumentContext, built: D1Construction): void {
  const { w, ds, L } = ctx;
  const { order, apexes } = built;
  const cum = toCumulative(built.net);
  const M = ds.M;
  const points = ds.classes.map((cl) => cl.points);
  w.subsection('Truncation order');
  w.paragraph(`The classes are truncated in the order ${w.m(order.map((j) => j + 1).join(', '))} (hidden layer ${w.m('\\ell')} truncates class ${w.m('\\pi(\\ell)')}).`);
  w.register('D1 order', order.map((j) => String(j + 1)));
  order.forEach((cls, k) => {
    const ell = k + 1;
    const W = cum.W[k]!;
    const b = cum.b[k]!;
    // W^(ℓ) = 1nᵀ + εI: n_k is any off-diagonal entry of column k, ε the diagonal excess.
    const n = Array.from({ length: M }, (_, col) => W.get(col === 0 ? 1 : 0, col));
    const eps = W.get(0, 0).sub(n[0]!);
    if (!W.eq(Matrix.outer(new Array<Rational>(M).fill(Rational.ONE), n).add(Matrix.identity(M).scale(eps)))) throw new Error('internal: a D1 cone layer is not 1nᵀ + εI');
    const theta = apexes[k]!;
    const rest = order.slice(k + 1);
    const present = [...rest.flatMap((r) => points[r]!), ...ds.classes.map((_, j) => j).filter((j) => !order.includes(j)).flatMap((j) => points[j]!), ...apexes.slice(0, k)];
    if (present.length === 0) throw new Error('internal: a D1 layer with nothing present (Q = 1)');
    const { c: thr, gamma } = exactMargin(n, points[cls]!, present);
    let D = Rational.ZERO;
    for (const x of [...points[cls]!, ...present]) for (const v of vec.sub(x, theta)) D = D.max(abs(v));
    const nSum = n.reduce((s, v) => s.add(v), Rational.ZERO);
    const collapsed = points[cls]!.every((x) => inOpenBackwardCone(W, b, x));
    const fixed = present.every((x) => inOpenForwardCone(W, b, x));
    const label = `\\texttt{${escapeText(ds.classes[cls]!.label)}}`;
    w.subsection(`Hidden layer ${ell}: truncating class ${cls + 1} (${ds.classes[cls]!.label})`);
    w.paragraph(
      `Present before this layer: ${[rest.length ? `class${rest.length > 1 ? 'es' : ''} ${w.m(rest.map((r) => r + 1).join(', '))}` : '', k > 0 ? `the apex${k > 1 ? 'es' : ''} ${w.m(k <= 2 ? Array.from({ length: k }, (_, i) => `\\theta_{${i + 1}}`).join(', ') : `\\theta_1, \\ldots, \\theta_{${k}}`)}` : ''].filter((x) => x).join(' and ')} (${w.m(`${present.length}`)} points). Separating normal, threshold and margin (exact: ${w.m(`\\langle n_{${ell}}, x\\rangle \\le c_{${ell}} - \\gamma_{${ell}}`)} on class ${label}, ${w.m(`\\ge c_{${ell}} + \\gamma_{${ell}}`)} on what is present):`,
    );
    w.equations([`n_{${ell}} = ${w.vec(`D1 layer ${ell}: n`, n)},`, `c_{${ell}} = ${w.num(`D1 layer ${ell}: threshold c`, thr)},`, `\\gamma_{${ell}} = ${w.num(`D1 layer ${ell}: gamma`, gamma)}.`]);
    w.paragraph(`Apex on the hyperplane (the class mean rounded to a ${w.m('1/1024')} grid, projected): ${w.m(`\\langle n_{${ell}}, \\theta_{${ell}}\\rangle = c_{${ell}}`)},`);
    w.display(`\\theta_{${ell}} = ${w.vec(`D1 apex ${ell}`, theta)}.`);
    w.paragraph(
      `${w.m(`D_{${ell}} = \\max|x - \\theta_{${ell}}|_\\infty = ${w.num(`D1 layer ${ell}: D`, D)}`)}, and ${w.m(`\\varepsilon_{${ell}} = ${w.num(`D1 layer ${ell}: epsilon`, eps)}`)} (the largest power of 2 not above ${w.m(`\\gamma_{${ell}}/(2D_{${ell}})`)}), so ${w.m(`0 < \\varepsilon_{${ell}} ${eps.lt(gamma.div(D)) ? '<' : '\\not<'} \\gamma_{${ell}}/D_{${ell}} = ${w.num(`D1 layer ${ell}: gamma/D`, gamma.div(D))}`)} and ${w.m(`\\varepsilon_{${ell}} ${eps.eq(nSum.neg()) ? '=' : '\\ne'} -\\langle n_{${ell}}, \\mathbf 1\\rangle = ${w.num(`D1 layer ${ell}: -<n,1>`, nSum.neg())}`)}. The cone layer:`,
    );
    w.equations([`W^{(${ell})} = \\mathbf 1 n_{${ell}}^{\\top} + \\varepsilon_{${ell}} I = ${w.mat(`D1 cumulative W^(${ell})`, W)},`, `b^{(${ell})} = -W^{(${ell})}\\theta_{${ell}} = ${w.vec(`D1 cumulative b^(${ell})`, b)}.`]);
    w.paragraph(
      `Exact sign check: every point of class ${label} has ${w.m(`W^{(${ell})}x + b^{(${ell})} < 0`)} (open backward cone, so ${w.m(`\\tau_{${ell}}(x) = \\theta_{${ell}}`)}): ${collapsed ? 'yes' : '\\textbf{no}'}; every present point has ${w.m(`W^{(${ell})}x + b^{(${ell})} > 0`)} (open forward cone, fixed): ${fixed ? 'yes' : '\\textbf{no}'}.`,
    );
  });
  if (L > order.length) {
    const bq = cum.b[order.length]!;
    w.subsection(`Hidden layers ${order.length + 1} to ${L}: identities`);
    w.paragraph(
      `${w.m(`W^{(\\ell)} = I`)}, ${w.m(`b^{(\\ell)} = \\beta\\mathbf 1`)} with ${w.m(`\\beta = ${w.num('D1 identity shift beta', bq[0]!)}`)}, so ${w.m('\\tau_{I,\\beta\\mathbf 1}(x) = \\sigma(x + \\beta\\mathbf 1) - \\beta\\mathbf 1 = x')} for everything present (the apexes).`,
    );
  }
  const Wout = cum.W[L]!;
  const bout = cum.b[L]!;
  w.subsection('Output layer: interpolating the apexes');
  w.paragraph(`After the hidden layers every point of class ${w.m('\\pi(\\ell)')} has become ${w.m('\\theta_\\ell')}. The output layer (cumulative ${w.m(`W^{(${L + 1})}, b^{(${L + 1})}`)}, the exact least-squares fit to the curated data) is`);
  w.equations([`W^{(${L + 1})} = ${w.mat(`D1 cumulative W^(${L + 1})`, Wout)},`, `b^{(${L + 1})} = ${w.vec(`D1 cumulative b^(${L + 1})`, bout)},`]);
  const rows = order.map((cls, k) => {
    const out = vec.add(Wout.mulVec(apexes[k]!), bout);
    const ok = vec.eq(out, ds.targets[cls]!);
    return [w.m(`${k + 1}`), `${cls + 1}`, w.m(`W^{(${L + 1})}\\theta_{${k + 1}} + b^{(${L + 1})} = ${w.vec(`D1 output at apex ${k + 1}`, out)}`), ok ? w.m(`= y_{${cls + 1}}`) : w.m(`\\ne y_{${cls + 1}}`)];
  });
  w.paragraph('and maps each apex exactly to its class target:');
  w.table('rrll', [w.m('\\ell'), 'class', 'output at the apex', ''], rows);
  w.paragraph(`Hence every residual is 0 and ${w.m('\\mathrm{ms} = 0')}: a global minimum, since ${w.m('\\mathrm{ms} \\ge 0')}.`);
}

function writeOverlap(ctx: DocumentContext, classes: [number, number], weights: [string[], string[]]): void {
  const { w, ds } = ctx;
  const [a, b] = classes;
  const lam = weights[0].map((s) => Rational.parse(s));
  const mu = weights[1].map((s) => Rational.parse(s));
  const combo = (pts: readonly (readonly Rational[])[], wts: Rational[]) => pts.reduce<Rational[]>((s, p, i) => vec.add(s, vec.scale(p, wts[i]!)), vec.zeros(ds.M));
  const pa = combo(ds.classes[a]!.points, lam);
  const pb = combo(ds.classes[b]!.points, mu);
  if (!vec.eq(pa, pb)) throw new Error('internal: the convex-overlap weights do not meet');
  const terms = (wts: Rational[], name: string, cls: number) =>
    wts
      .map((v, i) => ({ v, i }))
      .filter(({ v }) => !v.isZero())
      .map(({ v, i }) => `${w.num(`${name}_${i + 1}`, v, 20)}\\,x_{${cls + 1},${i + 1}}`)
      .join(' + ');
  w.paragraph(`Certificate that classes ${w.m(`${a + 1}`)} and ${w.m(`${b + 1}`)} cannot be strictly separated: convex weights (only the nonzero ones shown; they are ${w.m('\\ge 0')} and sum to 1) giving the same point from both classes,`);
  w.aligned([`&${terms(lam, 'lambda', a)}`, `= {}&${terms(mu, 'mu', b)}`, `= {}&${w.vec('common point of the hulls', pa)}.`]);
  w.paragraph('So no hyperplane separates the two classes, no class order satisfies the D1 hypothesis, and the claim is not applicable to these data (nothing is refuted).');
}
