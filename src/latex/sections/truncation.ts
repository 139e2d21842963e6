/**
 * The truncation lemmas T1–T5 (SPEC §2): the symbolic fixed-point derivation
 * of src/symbolic/fixed-points.ts (T2, T3, proved as polynomial identities for
 * a general 2×2 W), the short arguments for T1, T4, T5, and exact checks of
 * all five on the data for one cone layer (the engine's layer truncating
 * class 1) and one orthogonal layer. `verify` does not report T1–T5, so
 * there is no checker certificate here.
 */
import { Matrix, vec } from '../../exact/matrix.ts';
import { Rational } from '../../exact/rational.ts';
import { buildTruncationNetwork } from '../../claims/d1-global-minimizers.ts';
import { fixedPointSet } from '../../symbolic/fixed-points.ts';
import { apex, truncationMap } from '../../network/truncation.ts';
import { expressionLatex } from '../expression.ts';
import type { DocumentContext } from './context.ts';

/** Size of the symbolic derivation (n = 2: four activation patterns, a fraction of a second). */
const SYMBOLIC_N = 2;
/** Points used for the pairwise 1-Lipschitz check (pairs grow quadratically). */
const LIPSCHITZ_POINTS = 40;

export function writeTruncation(ctx: DocumentContext): void {
  const { w } = ctx;
  w.section('Truncation lemmas T1–T5');
  w.paragraph(
    `For ${w.m('W')} of full row rank and a bias ${w.m('b')}, the truncation map is ${w.m('\\tau_{W,b}(x) = W^{+}(\\sigma(Wx + b) - b)')}; for invertible ${w.m('W')}, with apex ${w.m('\\theta = -W^{-1}b')}, forward cone ${w.m('K^{+} = \\{x : Wx + b \\ge 0\\}')} and backward cone ${w.m('K^{-} = \\{x : Wx + b \\le 0\\}')}. Claims: \\textbf{T1} ${w.m('\\tau\\circ\\tau = \\tau')}; \\textbf{T2} the fixed points of ${w.m('\\tau')} are exactly ${w.m('K^{+}')}; \\textbf{T3} ${w.m('\\tau(K^{-}) = \\{\\theta\\}')}; \\textbf{T4} for orthogonal ${w.m('W')}, ${w.m('\\tau')} is the metric projection onto ${w.m('K^{+}')}, hence 1-Lipschitz; \\textbf{T5} ${w.m('\\tau_{\\Pi DW, \\Pi Db} = \\tau_{W,b}')} for a permutation ${w.m('\\Pi')} and a positive diagonal ${w.m('D')}.`,
  );
  writeSymbolic(ctx);
  writeArguments(ctx);
  writeInstance(ctx);
  writeOrthogonal(ctx);
  w.subsection('Verdict');
  w.paragraph(
    `\\textbf{T2 and T3: proved} for a general invertible ${w.m(`${SYMBOLIC_N}\\times ${SYMBOLIC_N}`)} ${w.m('W')} by the exact polynomial identities above (and for every invertible ${w.m('W')} by the same argument in general dimension); \\textbf{T1, T4, T5}: the short derivations above. All five hold exactly on the data for the instances shown. These lemmas are not part of \\texttt{dlgeom verify}, so no checker certificate is attached; the property-based tests search them for counterexamples.`,
  );
}

function writeSymbolic(ctx: DocumentContext): void {
  const { w } = ctx;
  const fp = fixedPointSet(SYMBOLIC_N);
  const n = fp.n;
  w.subsection(`Symbolic derivation of the fixed points (general ${n}×${n} W)`);
  w.paragraph(
    `Symbols ${w.m('W = (w_{ik})')}, ${w.m('b = (b_i)')}, ${w.m('x = (x_k)')} (src/symbolic/fixed-points.ts: nerdamer derives, and every identity is re-proved by our own exact polynomial expansion, then cross-checked at random exact instances). Pre-activations, determinant and adjugate:`,
  );
  w.aligned([
    ...fp.preactivations.map((z, i) => `z_{${i + 1}} &= ${expressionLatex(z.toString())},`),
    `\\det W &= ${expressionLatex(fp.determinant.toString())}, \\qquad \\operatorname{adj} W = \\begin{bmatrix}${fp.adjugate.map((row) => row.map((e) => expressionLatex(e.toString())).join(' & ')).join(' \\\\ ')}\\end{bmatrix}.`,
  ]);
  w.paragraph(
    `For an activation pattern ${w.m('s \\subseteq \\{1..n\\}')} (the active coordinates), on the region ${w.m('R_s = \\{z_i \\ge 0\\ (i \\in s),\\ z_i \\le 0\\ (i \\notin s)\\}')} we have ${w.m('\\sigma(z) = D_sz')}, and the identity ${w.m('\\det(W)\\,(\\tau_s(x) - x) = -\\operatorname{adj}(W)(I - D_s)z')} (I1) gives the displacement:`,
  );
  const rows: string[] = [];
  for (const p of fp.patterns) {
    const s = p.active.map((a, i) => (a ? i + 1 : null)).filter((v) => v !== null);
    const region = p.active.map((a, i) => `z_{${i + 1}} ${a ? '\\ge' : '\\le'} 0`).join(',\\ ');
    const disp = p.displacement.map((e) => expressionLatex(e.toString()));
    const fixed = p.fixedIff.length === 0 ? '\\text{every point of } R_s \\text{ is fixed}' : `\\text{fixed} \\iff ${p.fixedIff.map((f) => `${expressionLatex(f.replace(/\s*=\s*0$/, ''))} = 0`).join(',\\ ')}`;
    rows.push(
      `s = ${s.length ? `\\{${s.join(',')}\\}` : '\\emptyset'}:\\ & ${region}, \\quad \\tau(x) - x = \\begin{bmatrix}${disp.join(' \\\\ ')}\\end{bmatrix}`,
      `& ${fixed}${p.collapsesToApex ? ',\\quad \\tau(x) = -W^{-1}b = \\theta \\text{ (I2)}' : ''}`,
    );
  }
  w.aligned(rows);
  w.paragraph(`Proved (exact polynomial identities; then linear algebra for ${w.m('\\det W \\ne 0')}):`);
  w.list(fp.proved.map((p) => w.prose(p)));
}

function writeArguments(ctx: DocumentContext): void {
  const { w } = ctx;
  w.subsection('Short derivations of T1, T4, T5');
  w.list([
    `\\textbf{T1.} ${w.m('W\\tau(x) + b = \\sigma(Wx + b) \\ge 0')}, so ${w.m('\\tau(x) \\in K^{+} = \\operatorname{Fix}\\tau')} (T2), hence ${w.m('\\tau(\\tau(x)) = \\tau(x)')}.`,
    `\\textbf{T4.} For orthogonal ${w.m('W')}, with ${w.m('u = W(x - \\theta)')}: ${w.m('\\tau(x) = \\theta + W^{\\top}\\sigma(u)')}, and ${w.m('x - \\theta = W^{\\top}\\sigma(u) - W^{\\top}\\sigma(-u)')} splits ${w.m('x - \\theta')} into a vector of the cone ${w.m('C = \\{v : Wv \\ge 0\\}')} and an orthogonal vector of its polar ${w.m('C^{\\circ} = \\{v : Wv \\le 0\\}')} (Moreau). So ${w.m('\\tau(x) - \\theta = P_C(x - \\theta)')}: ${w.m('\\tau')} is the metric projection onto ${w.m('K^{+} = \\theta + C')}, and projections onto closed convex sets are 1-Lipschitz.`,
    `\\textbf{T5.} ${w.m('\\Pi D')} is invertible and ${w.m('\\sigma(\\Pi Dz) = \\Pi D\\sigma(z)')} (permuting and positively scaling commute with ${w.m('\\max(\\cdot, 0)')}), so ${w.m('\\tau_{\\Pi DW,\\Pi Db}(x) = (\\Pi DW)^{-1}(\\Pi D\\sigma(Wx + b) - \\Pi Db) = \\tau_{W,b}(x)')}.`,
  ]);
}

function writeInstance(ctx: DocumentContext): void {
  const { w, ds } = ctx;
  const M = ds.M;
  const points = ds.classes.flatMap((c) => c.points);
  const built = buildTruncationNetwork(ds, 1, [0]);
  const layer = built.kind === 'built' ? built.construction.net.hidden[0]! : { W: Matrix.identity(M), b: ds.classes[0]!.points[0]!.map(() => Rational.ZERO) };
  const W = layer.W;
  const b = built.kind === 'built' ? layer.b : W.mulVec(meanOf(ds.classes[0]!.points)).map((v) => v.neg());
  w.subsection('Exact check on the data: a cone layer');
  w.paragraph(
    built.kind === 'built'
      ? `The engine's cone layer truncating class 1 (\\texttt{buildTruncationNetwork} with ${w.m('L = 1')}, ${w.m('J = \\{1\\}')}): class 1 in the open backward cone, every other point in the open forward cone.`
      : `Class 1 cannot be truncated by a cone layer here (${w.prose(built.reason)}); instead ${w.m('W = I')}, ${w.m('b = -\\bar x_1')} (apex at the class-1 mean).`,
  );
  const theta = apex(W, b);
  w.equations([`W = ${w.mat('T: W', W)},`, `b = ${w.vec('T: b', b)},`, `\\theta = -W^{-1}b = ${w.vec('T: apex theta', theta)}.`]);
  const tau = truncationMap(W, b);
  let inPlus = 0;
  let inMinus = 0;
  let other = 0;
  let t1 = true;
  let t2 = true;
  let t3 = true;
  for (const x of points) {
    const z = vec.add(W.mulVec(x), b);
    const tx = tau(x);
    if (!vec.eq(tau(tx), tx)) t1 = false;
    const plus = z.every((v) => v.sign() >= 0);
    const minus = z.every((v) => v.sign() <= 0);
    if (plus !== vec.eq(tx, x)) t2 = false;
    if (minus && !vec.eq(tx, theta)) t3 = false;
    if (plus) inPlus++;
    else if (minus) inMinus++;
    else other++;
  }
  // T5 with Π the reversal and D = diag(1, 2, …, M).
  const PD = Matrix.fromRows(Array.from({ length: M }, (_, i) => Array.from({ length: M }, (_, k) => (k === M - 1 - i ? Rational.int(M - i) : Rational.ZERO))));
  const tau5 = truncationMap(PD.mul(W), PD.mulVec(b));
  const t5 = points.every((x) => vec.eq(tau5(x), tau(x)));
  w.register('T: counts K+, K-, neither', [String(inPlus), String(inMinus), String(other)]);
  w.list([
    `${w.m(`${inPlus}`)} data points lie in ${w.m('K^{+}')}, ${w.m(`${inMinus}`)} in ${w.m('K^{-}')}, ${w.m(`${other}`)} in neither.`,
    `T1: ${w.m('\\tau(\\tau(x)) = \\tau(x)')} for all ${w.m(`${points.length}`)} points: ${t1 ? 'yes' : '\\textbf{no}'}.`,
    `T2: ${w.m('\\tau(x) = x \\iff x \\in K^{+}')} on every point: ${t2 ? 'yes' : '\\textbf{no}'}.`,
    `T3: ${w.m('\\tau(x) = \\theta')} for every point of ${w.m('K^{-}')}: ${t3 ? 'yes' : '\\textbf{no}'}.`,
    `T5: with ${w.m('\\Pi')} the reversal permutation and ${w.m(`D = \\operatorname{diag}(1, \\ldots, ${M})`)}, ${w.m('\\tau_{\\Pi DW,\\Pi Db}(x) = \\tau_{W,b}(x)')} on every point: ${t5 ? 'yes' : '\\textbf{no}'}.`,
  ]);
}

function meanOf(points: readonly (readonly Rational[])[]): Rational[] {
  const n = Rational.int(points.length);
  return points.reduce<Rational[]>((s, p) => vec.add(s, p), vec.zeros(points[0]!.length)).map((v) => v.div(n));
}

function writeOrthogonal(ctx: DocumentContext): void {
  const { w, ds } = ctx;
  const M = ds.M;
  // Householder reflection I − (2/M)·11ᵀ: orthogonal with rational entries.
  const ones = new Array<Rational>(M).fill(Rational.ONE);
  const H = Matrix.identity(M).sub(Matrix.outer(ones, ones).scale(Rational.of(2n, BigInt(M))));
  const theta = meanOf(ds.classes[0]!.points);
  const b = H.mulVec(theta).map((v) => v.neg());
  const tau = truncationMap(H, b);
  const points = ds.classes.flatMap((c) => c.points);
  let moreau = true;
  for (const x of points) {
    const tx = tau(x);
    const p = vec.sub(tx, theta);
    const r = vec.sub(x, tx);
    if (!H.mulVec(p).every((v) => v.sign() >= 0) || !H.mulVec(r).every((v) => v.sign() <= 0) || !vec.dot(p, r).isZero()) moreau = false;
  }
  const few = points.slice(0, LIPSCHITZ_POINTS);
  let lipschitz = true;
  let pairs = 0;
  for (let i = 0; i < few.length; i++)
    for (let k = i + 1; k < few.length; k++) {
      pairs++;
      if (vec.norm2(vec.sub(tau(few[i]!), tau(few[k]!))).gt(vec.norm2(vec.sub(few[i]!, few[k]!)))) lipschitz = false;
    }
  w.subsection('Exact check on the data: an orthogonal layer (T4)');
  w.paragraph(`The Householder reflection ${w.m('W = I - \\tfrac{2}{M}\\mathbf 1\\mathbf 1^{\\top}')} (orthogonal, rational) with apex ${w.m('\\theta = \\bar x_1')}, ${w.m('b = -W\\bar x_1')}:`);
  w.equations([`W = ${w.mat('T4: W', H)},`, `\\theta = ${w.vec('T4: apex theta', theta)}.`]);
  w.list([
    `Moreau decomposition on every data point (${w.m('W(\\tau(x) - \\theta) \\ge 0')}, ${w.m('W(x - \\tau(x)) \\le 0')}, ${w.m('\\langle \\tau(x) - \\theta, x - \\tau(x)\\rangle = 0')}), so ${w.m('\\tau(x)')} is the metric projection of ${w.m('x')} onto ${w.m('K^{+}')}: ${moreau ? 'yes' : '\\textbf{no}'}.`,
    `${w.m("|\\tau(x) - \\tau(x')|^2 \\le |x - x'|^2")} on all ${w.m(`${pairs}`)} pairs of the first ${w.m(`${few.length}`)} points: ${lipschitz ? 'yes' : '\\textbf{no}'}.`,
  ]);
}
