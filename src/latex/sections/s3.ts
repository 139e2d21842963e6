/**
 * S3 (SPEC §3): the affine-region minimiser of the shallow network under both
 * readings of the output bias — normal equations and their exact solution,
 * the decision on local minimality — and the exact δ-family analysis of the
 * relative error 1 − V/U (src/symbolic/delta-family.ts via symbolicRate).
 */
import { Rational } from '../../exact/rational.ts';
import { satisfiesNormalEquations } from '../../exact/least-squares.ts';
import { classMoments } from '../../data/moments.ts';
import { affineStats } from '../../claims/shallow-quantities.ts';
import { MAX_DIMENSION_FOR_SYMBOLIC_RATE, MAX_POINTS_FOR_SYMBOLIC_RATE, symbolicRate } from '../../claims/s3-affine-minimum.ts';
import type { ResultOf } from '../../claims/claim-result.ts';
import type { FamilyQuantity, RelativeErrorOrder } from '../../symbolic/delta-family.ts';
import { hiddenTrace } from '../../network/forward.ts';
import { leadingTermLatex } from '../rational-function.ts';
import { networkFromJson, resultsOf, type DocumentContext } from './context.ts';
import { floatLatex, writeVerdict } from './common.ts';

export function writeS3(ctx: DocumentContext): void {
  const { w, ds, sq } = ctx;
  const results = resultsOf(ctx, 'S3');
  const q = ctx.report!.quantities;
  w.section('Claim S3: an exact degenerate local minimum within O(δ_P²) of the S1 bound');
  w.paragraph(
    `Claim (SPEC \\S3): where all hidden pre-activations on the data are positive the shallow network is affine, ${w.m('x \\mapsto Ax + c')}; the paper asserts an exact degenerate local minimum there whose value differs from the S1 bound ${w.m('U')} by a relative error ${w.m('O(\\delta_P^2)')}. Two readings of the output bias: \\emph{free} (${w.m('c')} arbitrary, value ${w.m('V_{\\mathrm{full}}')}) and \\emph{tied} (${w.m('b_2 = -W_2b_1')}, i.e.\\ ${w.m('c = 0')}, value ${w.m('V_{\\mathrm{nb}}')}).`,
  );

  // The affine region.
  const first = results.find((r) => r.certificate?.network)?.certificate!.network;
  if (first) {
    const net = networkFromJson(first);
    const beta = net.hidden[0]!.b[0]!;
    let minPre: Rational | undefined;
    for (const cls of ds.classes) for (const x of cls.points) for (const z of hiddenTrace(net, x).preActivations[0]!) if (!minPre || z.lt(minPre)) minPre = z;
    w.subsection('The affine region');
    w.paragraph(
      `Hidden layer ${w.m('W_1 = I')}, ${w.m(`b_1 = \\beta\\mathbf 1`)} with ${w.m(`\\beta = ${w.num('beta (S3)', beta)}`)}, the smallest shift making every pre-activation at least 1 on the data: ${w.m(`\\min_{j,i,k}(x_{j,i} + \\beta\\mathbf 1)_k = ${w.num('min pre-activation (S3)', minPre!)}`)}. So every pre-activation is strictly positive and stays so nearby: the network is ${w.m('f(x) = W_2(x + b_1) + b_2 = Ax + c')} with ${w.m('A = W_2')}, ${w.m('c = b_2 + W_2b_1')}, and its cost is the affine least-squares cost of ${w.m('(A, c)')}.`,
    );
  }

  // Normal equations, per reading.
  const moments = classMoments(ds);
  for (const bias of ['free', 'tied'] as const) {
    const withBias = bias === 'free';
    const st = affineStats(ds, moments, withBias);
    const fit = withBias ? sq.fitFull : sq.fitTied;
    const V2 = withBias ? q.Vfull2 : q.Vnb2;
    const Vname = withBias ? 'V_{\\mathrm{full}}^2' : 'V_{\\mathrm{nb}}^2';
    const tag = withBias ? 'free' : 'tied';
    w.subsection(`Normal equations, ${tag} output bias`);
    w.paragraph(
      withBias
        ? `With ${w.m('z = (x, 1)')}: minimise ${w.m('\\sum_{j,i}|[A\\;c]\\,z_{j,i} - y_j|^2')}. Its sufficient statistics ${w.m('G = \\sum zz^{\\top}')}, ${w.m('B = \\sum y_jz^{\\top}')}, ${w.m('S = \\sum|y_j|^2')} give the normal equations ${w.m('[A\\;c]\\,G = B')}:`
        : `With ${w.m('z = x')} and ${w.m('c = 0')}: minimise ${w.m('\\sum_{j,i}|Az_{j,i} - y_j|^2')}; normal equations ${w.m('AG = B')} with ${w.m('G = \\sum xx^{\\top}')}, ${w.m('B = \\sum y_jx^{\\top}')}:`,
    );
    w.equations([`G = ${w.mat(`G (${tag})`, st.G)},`, `B = ${w.mat(`B (${tag})`, st.B)},`, `S = ${w.num(`S (${tag})`, st.S)}.`]);
    const holds = satisfiesNormalEquations(st, fit.A);
    if (!holds) throw new Error(`internal: the S3 ${tag} fit does not satisfy its normal equations`);
    const rank = st.G.rank();
    w.paragraph(
      `${rank === st.G.rows ? `${w.m('G')} is invertible, so the solution is unique` : `${w.m(`\\operatorname{rank} G = ${rank} < ${st.G.rows}`)}: one exact solution (zero outside a pivot basis; every solution gives the same value)`}; it satisfies the normal equations exactly:`,
    );
    w.display(`${withBias ? '[A\\;c]' : 'A'} = ${w.mat(`fit (${tag})`, fit.A)}`);
    w.display(`${Vname} = \\frac1N\\bigl(S - \\operatorname{tr}(${withBias ? '[A\\;c]' : 'A'}\\,B^{\\top})\\bigr) = ${w.num(withBias ? 'Vfull2' : 'Vnb2', V2)}.`);
  }

  // Decisions.
  for (const c of results) writeReading(ctx, c);

  // Relative error and its order.
  writeRate(ctx, results);
}

function writeReading(ctx: DocumentContext, c: ResultOf<'S3'>): void {
  const { w } = ctx;
  const tag = c.bias ?? 'free';
  w.subsection(`Local minimality over all parameters, ${tag} output bias`);
  const net = c.certificate?.network;
  if (net) {
    const n = networkFromJson(net);
    w.paragraph(`The S3 network (${tag}) has ${w.m('W_1 = I')}, ${w.m('b_1 = \\beta\\mathbf 1')} and output layer`);
    w.aligned([`W_2 &= ${w.mat(`S3 ${tag}: W_2`, n.output.W)},`, `b_2 &= ${w.vec(`S3 ${tag}: b_2`, n.output.b)}.`]);
  }
  const ev = c.certificate?.evidence;
  if (ev?.kind === 'pattern-bound')
    w.paragraph(
      `Every pre-activation is strictly signed on the data (${w.m(`${ev.fits.length}`)} activation pattern${ev.fits.length > 1 ? 's' : ''}); near the point the cost is at least the sum over pattern groups of their affine least-squares minima, and it equals that sum here: a local minimum over all ${w.m('K')} parameters.`,
    );
  if (ev?.kind === 'descent') {
    const d = ev.direction.map((s) => Rational.parse(s));
    w.paragraph(
      `An exact direction ${w.m(`d = ${w.vec(`S3 ${tag}: descent direction`, d)}`)} in parameter space (order of the flattened parameters: ${w.m('W_1, b_1, W_2, b_2')}, row-major) along which ${w.m('t \\mapsto N\\cdot\\mathrm{ms}(p + td)')} has ${ev.order === 1 ? 'first' : 'second'} Taylor coefficient ${w.m(w.num(`S3 ${tag}: descent coefficient`, Rational.parse(ev.coefficient)))} ${w.m('< 0')}${ev.order === 2 ? ' (and first coefficient 0)' : ''}: the cost decreases, so this is not a local minimum.`,
    );
  }
  writeVerdict(ctx, c, `S3 ${tag}`);
}

/** Rows for one δ-family quantity: its exact rational function (wrapped) and its lowest-order term. */
function quantityRows(ctx: DocumentContext, name: string, tex: string, f: FamilyQuantity): string[] {
  const { w } = ctx;
  const rows = w.rf(`${name}(delta)`, `${tex}(\\delta)`, f.value);
  const lead = f.leading ? `${w.num(`${name}(delta) leading coefficient`, f.leading.coefficient)}${f.leading.exponent ? `\\,\\delta^{${f.leading.exponent}}` : ''}` : '0';
  return [...rows, `&\\sim ${lead} \\quad (\\delta \\to 0)`];
}

function writeRate(ctx: DocumentContext, results: ResultOf<'S3'>[]): void {
  const { w, ds, sq } = ctx;
  const q = ctx.report!.quantities;
  w.subsection('The relative error 1 − V/U and its order in δ_P');
  if (q.U2) {
    const rows = results.map((c) => {
      const rel = c.details?.relError;
      return `1 - V_{\\mathrm{${c.bias === 'free' ? 'full' : 'nb'}}}/U &\\approx ${rel === undefined || rel === null ? '?' : floatLatex(rel)} \\quad(\\text{${c.bias} output bias, float of exact values})`;
    });
    w.paragraph(`On the data, with ${w.m(`U^2 = ${w.num('U2', q.U2)}`)}:`);
    w.aligned(rows);
  }
  const analysis = symbolicRate(ds, sq);
  if (!analysis) {
    const why = !sq.Xpinv
      ? `rank ${w.m('\\bar X < Q')}, so ${w.m('U')} is not defined`
      : ds.M > MAX_DIMENSION_FOR_SYMBOLIC_RATE
        ? `input dimension ${w.m(`M = ${ds.M} > ${MAX_DIMENSION_FOR_SYMBOLIC_RATE}`)}; only the float estimate is given`
        : `${w.m(`N = ${ds.N} > ${MAX_POINTS_FOR_SYMBOLIC_RATE}`)} points; only the float estimate is given`;
    w.paragraph(`The exact ${w.m('\\delta')}-family analysis was skipped (${why}).`);
    return;
  }
  w.paragraph(
    `To measure the order, the engine embeds the data in the family ${w.m('x_{j,i}(\\delta) = \\bar x_j + \\delta\\,\\Delta x_{j,i}')} (${w.m('\\delta = 1')} is the data; ${w.m('\\delta_P')} scales with ${w.m('\\delta')}) and computes each quantity as an exact rational function of ${w.m('\\delta')} over ${w.m('\\mathbb Q')} (cross-checked against the numeric engine at ${w.m(`${analysis.checkedAt.length}`)} random rational ${w.m('\\delta')}). With their lowest-order terms as ${w.m('\\delta \\to 0')}:`,
  );
  if (analysis.U2) w.aligned(quantityRows(ctx, 'U2', 'U^2', analysis.U2));
  w.aligned(quantityRows(ctx, 'Vfull2', 'V_{\\mathrm{full}}^2', analysis.Vfull2));
  w.aligned(quantityRows(ctx, 'Vnb2', 'V_{\\mathrm{nb}}^2', analysis.Vnb2));
  // δ = 1 gives back the data's values.
  const one = Rational.ONE;
  const back = [analysis.U2 ? analysis.U2.value.evaluate(one).eq(q.U2!) : true, analysis.Vfull2.value.evaluate(one).eq(q.Vfull2), analysis.Vnb2.value.evaluate(one).eq(q.Vnb2)];
  if (back.some((b) => !b)) throw new Error('internal: the δ-family at δ = 1 differs from the data quantities');
  const d2 = leadingTermLatex(analysis.delta2);
  const dp2 = leadingTermLatex(analysis.deltaP2);
  w.paragraph(
    `At ${w.m('\\delta = 1')} these equal ${w.m('U^2')}, ${w.m('V_{\\mathrm{full}}^2')}, ${w.m('V_{\\mathrm{nb}}^2')} above (checked exactly). Noise sizes along the family: ${w.m(`\\delta^2(\\delta) = ${d2.tex}`)} and ${w.m(`\\delta_P^2(\\delta) \\sim ${dp2.tex}`)}${analysis.centred ? '' : ' (the family is not centred: the class means move with δ)'}.`,
  );
  for (const r of [analysis.relativeError.free, analysis.relativeError.tied]) writeOrder(ctx, r, results.find((c) => c.bias === r.reading), analysis.deltaP2?.exponent ?? null);
}

function writeOrder(ctx: DocumentContext, r: RelativeErrorOrder, c: ResultOf<'S3'> | undefined, dpOrder: number | null): void {
  const { w } = ctx;
  const V = r.reading === 'free' ? 'V_{\\mathrm{full}}' : 'V_{\\mathrm{nb}}';
  const reported = c?.details?.rateExponent;
  if (r.status === 'ok' && reported !== undefined && reported !== r.exponentInDeltaP) throw new Error('internal: S3 rate differs from the verify report');
  if (r.status !== 'ok') {
    w.paragraph(`\\emph{${r.reading === 'free' ? 'Free' : 'Tied'} output bias:} ${r.status === 'identical' ? `${w.m(`${V} \\equiv U`)} on the family: relative error 0.` : `no ratio (${escapeStatus(r.status)}).`}`);
    return;
  }
  const R = r.oneMinusRatio!;
  const exp = r.exponent!;
  const power = exp ? `\\,\\delta^{${exp}}` : '';
  w.paragraph(`\\emph{${r.reading === 'free' ? 'Free' : 'Tied'} output bias.} Exactly,`);
  const relLine = r.relativeErrorCoefficient
    ? `${w.num(`1 − V/U leading coefficient (${r.reading})`, r.relativeErrorCoefficient)}${power}`
    : `c${power},\\quad c = \\frac{${w.num(`1 − V²/U² leading coefficient (${r.reading})`, r.coefficient!)}}{1 + \\sqrt{${r.limitRatio ? w.num(`lim V²/U² (${r.reading})`, r.limitRatio) : '?'}}} \\approx ${floatLatex(r.relativeErrorCoefficientApprox ?? NaN)}`;
  w.aligned([
    ...w.rf(`1 − V²/U² (${r.reading})`, `1 - \\frac{${V}^2}{U^2}`, R),
    `&\\sim ${w.num(`1 − V²/U² leading coefficient (${r.reading})`, r.coefficient!)}${power} \\quad (\\delta \\to 0),`,
    `\\lim_{\\delta\\to0}\\frac{${V}^2}{U^2} &= ${r.limitRatio ? w.num(`lim V²/U² (${r.reading})`, r.limitRatio) : '?'},`,
    `1 - \\frac{${V}}{U} = \\frac{1 - ${V}^2/U^2}{1 + ${V}/U} &\\sim ${relLine}.`,
  ]);
  w.paragraph(
    `So ${w.m(`1 - ${V}/U`)} has order ${w.m(`${exp}`)} in ${w.m('\\delta')}; as ${w.m('\\delta_P^2')} has order ${w.m(`${dpOrder ?? '?'}`)}, the order in ${w.m('\\delta_P')} is ${w.m(`2\\cdot${exp}/${dpOrder ?? '?'} = ${r.exponentInDeltaP}`)}: the relative error is ${r.isODeltaP2 ? `${w.m('O(\\delta_P^2)')}, as the paper asserts` : `\\emph{not} ${w.m('O(\\delta_P^2)')}${exp === 0 ? ` (it tends to a nonzero constant)` : ''}`} for this reading.`,
  );
}

function escapeStatus(s: string): string {
  return s.replace(/[^a-zA-Z0-9 -]/g, '');
}
