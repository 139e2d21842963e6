/**
 * Sections every claim document shares: the data summary, a network in
 * per-layer form, and the verdict with a summary of its certificate.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ClaimResult } from '../../claims/claim-result.ts';
import type { Certificate, Evidence, NetworkJson } from '../../certificates/format.ts';
import { checkCertificate } from '../../certificates/check.ts';
import { certificateFileName } from '../../claims/claim-result.ts';
import { Rational } from '../../exact/rational.ts';
import { escapeText } from '../text.ts';
import { networkFromJson, type DocumentContext } from './context.ts';

/** A float (an approximation of an exact value) as LaTeX, 6 significant digits. */
export function floatLatex(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : x < 0 ? '-\\infty' : '\\mathrm{NaN}';
  const s = x.toPrecision(digits);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]}\\times 10^{${Number(m[2])}}` : s;
}

/** A hex digest in typewriter type, breakable every 8 characters. */
export function hashTex(hex: string): string {
  return `{\\small\\texttt{${hex.replace(/(.{8})(?=.)/g, '$1\\allowbreak ')}}}`;
}

/** The SHA-256 of a certificate as `dlgeom verify --certificates` writes it (JSON, one-space indent, final newline). */
export function certificateSha256(cert: Certificate): string {
  return createHash('sha256').update(JSON.stringify(cert, null, 1) + '\n').digest('hex');
}

/** What the trusted checker re-checks for each kind of evidence (src/certificates/check.ts). */
export const CHECKER_RECHECKS: Record<Evidence['kind'], string> = {
  'cost-zero': 'runs the network exactly on every data point and confirms that every residual is 0, so ms = 0, a global minimum since ms ≥ 0.',
  'pattern-bound':
    "confirms that every hidden pre-activation is strictly signed on the data (so near the point the network is affine on each group of points sharing an activation pattern), that each group's affine map satisfies that group's normal equations, and that N·ms equals the sum of the groups' least-squares minima: a lower bound of N·ms near the point, attained at it.",
  'lower-cost-point': 'reads the other parameter point, confirms that it has the same architecture, recomputes its ms exactly and confirms that it is strictly below this point’s ms: not a global minimum.',
  'critical-point':
    'confirms that every hidden pre-activation is strictly signed on the data and that every partial derivative of ms (the first Taylor coefficient along each coordinate direction, by pattern groups) is exactly 0: a critical point.',
  'output-normal-equations': 'confirms that the gradient of the cost with respect to the output layer vanishes exactly: the normal equations of a convex least-squares problem, so a minimum over the output layer.',
  descent:
    'expands t ↦ ms(p + t·d) exactly as a power series along the given direction d (for t > 0 when a pre-activation is exactly 0 on the data: each unit at 0 then follows the sign of its first nonzero coefficient): the coefficients below the stated order vanish and the one at that order is negative, so p is not a local minimum.',
  'identity-region-bound':
    'confirms that every hidden pre-activation is ≥ 0 on the data, recomputes ms = U² exactly, and checks U² ≤ λ·δ_P² for the Rayleigh quotient λ = |YX̄⁺v|²/|v|² ≤ ‖YX̄⁺‖²_op of the given vector v.',
  'metric-identity': 'confirms at each listed input of the identity region that |f(x) − y_j|² = |YX̄⁺P(x − x̄_j)|² exactly, and that det Y ≠ 0.',
  'metric-counterexample': 'confirms that the identity |f(x) − y_j| = |YX̄⁺P(x − x̄_j)| fails at the given input.',
  'convex-overlap': 'confirms that the given weights are ≥ 0, sum to 1 on each class, and give the same point from both classes: the convex hulls meet, so no hyperplane separates the two classes strictly.',
  families:
    'confirms that each family keeps every output on the data (unit rescaling by positive homogeneity of ReLU; output-null directions annihilate every last hidden activation (h, 1)), and recomputes the tangent rank exactly and the rank of the Jacobian of the residual map modulo the listed prime on the listed points (a lower bound on its rank over Q).',
  'curation-spread': 'recomputes the τ-images of the data after each layer (from the cumulative parameters) and their within-class spreads exactly: non-increasing, and 0 from each truncated class’s layer on.',
  'curation-spread-increase': 'recomputes the within-class spreads of the τ-images and confirms that one increases.',
  'representation-identity': 'confirms for every data point that the per-layer forward pass equals W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1), computed from the cumulative parameters.',
  'representation-counterexample': 'confirms that at the given data point the forward pass differs from its truncation representation.',
};

/** The data section: name, source, SHA-256, sizes, means, X̄⁺, P, δ², δ_P². */
export function writeDataSummary(ctx: DocumentContext): void {
  const { ds, stats, w } = ctx;
  const src = ds.source.kind === 'file' ? `file \\texttt{${escapeText(path.basename(ds.source.path))}}` : `built-in example \\texttt{${escapeText(ds.source.name)}}`;
  w.section('Data');
  w.register('data.sha256', ds.source.sha256);
  w.paragraph(
    `Data set \\texttt{${escapeText(ds.name)}} (${src}), SHA-256 ${hashTex(ds.source.sha256)}. ` +
      `${w.m(`Q = ${ds.Q}`)} classes, input dimension ${w.m(`M = ${ds.M}`)}, ${w.m(`N = ${ds.N}`)} points. ` +
      `All numbers below are exact rationals computed by the engine (\\texttt{dlgeom verify --json} prints the same values).`,
  );
  const defaultTargets = ds.targets.every((y, j) => y.every((v, i) => v.eq(i === j ? Rational.ONE : Rational.ZERO)));
  const rows = ds.classes.map((c, j) => [
    `${j + 1}`,
    `\\texttt{${escapeText(c.label)}}`,
    `${c.points.length}`,
    w.m(w.vec(`mean of class ${j + 1}`, stats.means[j]!)),
    ...(defaultTargets ? [] : [w.m(w.vec(`y_${j + 1}`, ds.targets[j]!))]),
  ]);
  w.register('class sizes', stats.sizes.map(String));
  w.table(defaultTargets ? 'rlrl' : 'rlrll', [w.m('j'), 'label', w.m('N_j'), `mean ${w.m('\\bar x_j')}`, ...(defaultTargets ? [] : [`target ${w.m('y_j')}`])], rows);
  if (defaultTargets) w.paragraph(`Targets: ${w.m('y_j = e_j')} (standard basis), so ${w.m('Y = I')}.`);
  w.paragraph(`Class means as columns, ${w.m('\\bar X = [\\bar x_1 \\cdots \\bar x_Q]')} (${w.m(`${ds.M}\\times ${ds.Q}`)}), of rank ${w.m(`${stats.rankXbar}`)}:`);
  w.display(`\\bar X = ${w.mat('Xbar', stats.Xbar)}`);
  if (stats.Xpinv && stats.P) {
    w.paragraph(`Its pseudo-inverse and the orthogonal projector onto ${w.m('\\operatorname{span}\\{\\bar x_j\\}')}:`);
    w.equations([`\\bar X^{+} = (\\bar X^{\\top}\\bar X)^{-1}\\bar X^{\\top} = ${w.mat('Xpinv', stats.Xpinv)},`, `P = \\bar X\\bar X^{+} = ${w.mat('P', stats.P)}.`]);
  } else {
    w.paragraph(`Since ${w.m('\\operatorname{rank}\\bar X < Q')}, ${w.m('\\bar X^{+}')} and ${w.m('P')} are undefined; claims that need them are not applicable.`);
  }
  // δ², δ_P² as the verify report has them (the same values as classStats; T has no report).
  const d2 = ctx.report?.quantities.delta2 ?? stats.delta2;
  const dP2 = ctx.report ? ctx.report.quantities.deltaP2 : stats.deltaP2;
  const deltaP2 = dP2 ? ` and ${w.m(`\\delta_P^2 = \\max_{j,i}|P\\Delta x_{j,i}|^2 = ${w.num('deltaP2', dP2)}`)}` : '';
  w.paragraph(`Noise sizes, with ${w.m('\\Delta x_{j,i} = x_{j,i} - \\bar x_j')}: ${w.m(`\\delta^2 = \\max_{j,i}|\\Delta x_{j,i}|^2 = ${w.num('delta2', d2)}`)}${deltaP2}.`);
}

/** A network in per-layer form: W_ℓ, b_ℓ for ℓ = 1..L+1. */
export function writeNetwork(ctx: DocumentContext, label: string, json: NetworkJson): void {
  const { w } = ctx;
  const net = networkFromJson(json);
  const layers = [...net.hidden, net.output];
  layers.forEach((l, k) => {
    const ell = k + 1;
    w.aligned([`W_{${ell}} &= ${w.mat(`${label}: W_${ell}`, l.W)},`, `b_{${ell}} &= ${w.vec(`${label}: b_${ell}`, l.b)}${k === layers.length - 1 ? '.' : ','}`]);
  });
}

const STATUS_TEXT: Record<ClaimResult['status'], string> = {
  verified: 'verified',
  refuted: 'refuted',
  inconclusive: 'inconclusive',
  'not-applicable': 'not applicable',
};

/** The cost line of a result: exact ms and the float cost value under the report's convention. */
export function costLine(ctx: DocumentContext, c: ClaimResult, name: string): string {
  const { w } = ctx;
  if (!c.ms) return '';
  const value = c.details?.value;
  const conv = ctx.report?.convention ?? 'norm';
  const C = conv === 'norm' ? 'C = \\sqrt{\\mathrm{ms}}' : conv === 'mse' ? 'C = \\mathrm{ms}' : 'C = \\mathrm{ms}/2';
  return `Exact mean squared residual ${w.m(`\\mathrm{ms} = ${w.num(name, c.ms)}`)}${typeof value === 'number' ? `; cost (${conv} convention) ${w.m(`${C} \\approx ${floatLatex(value)}`)} (float)` : ''}.`;
}

/** Verdict, reason, cost, and the certificate: kind, statement, what the checker re-checks, file and SHA-256. */
export function writeVerdict(ctx: DocumentContext, c: ClaimResult, name: string): void {
  const { w, ds } = ctx;
  w.paragraph(`\\textbf{Verdict: ${STATUS_TEXT[c.status]}.} ${w.prose(c.reason.charAt(0).toUpperCase() + c.reason.slice(1))}${c.reason.endsWith('.') ? '' : '.'}`);
  const cost = costLine(ctx, c, `ms (${name})`);
  if (cost) w.paragraph(cost);
  const cert = c.certificate;
  if (!cert) {
    w.paragraph(`No certificate: ${c.status === 'inconclusive' ? 'an inconclusive result' : 'this result'} carries none${c.status === 'not-applicable' ? ' (the hypothesis of the claim is not met; nothing is asserted)' : ''}.`);
    return;
  }
  const sha = certificateSha256(cert);
  w.register(`certificate sha256 (${name})`, sha);
  const check = checkCertificate(cert, ds);
  w.list([
    `Certificate \\texttt{${escapeText(certificateFileName(c))}} (format \\texttt{${cert.format}}), evidence kind \\texttt{${cert.evidence.kind}}, verdict \\texttt{${cert.verdict}}.`,
    `Statement: ${w.prose(cert.statement)}`,
    `The trusted checker (\\texttt{src/certificates/check.ts}, exact arithmetic and the data file only) ${w.prose(CHECKER_RECHECKS[cert.evidence.kind])}`,
    `Checker re-run while writing this document: ${check.ok ? `\\textbf{holds} --- ${w.prose(check.summary)}` : `\\textbf{rejected} --- ${w.prose(check.reason)}`}.`,
    `SHA-256 of the certificate file as written by \\texttt{dlgeom verify --certificates}: ${hashTex(sha)}. Re-check with \\texttt{dlgeom check ${escapeText(certificateFileName(c))} --data} \\textit{data-file}.`,
  ]);
}
