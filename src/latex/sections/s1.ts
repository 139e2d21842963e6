/**
 * S1 (SPEC §3): the explicit shallow network whose ReLU is the identity on
 * the data, its cost ms = U², and the bound U ≤ ‖YX̄⁺‖_op·δ_P.
 */
import { vec } from '../../exact/matrix.ts';
import { Rational } from '../../exact/rational.ts';
import { hiddenTrace } from '../../network/forward.ts';
import { networkFromJson, resultOf, type DocumentContext } from './context.ts';
import { floatLatex, writeNetwork, writeVerdict } from './common.ts';
import { toNumber } from '../../exact/rational-to-number.ts';

export function writeS1(ctx: DocumentContext): void {
  const { w, ds, stats } = ctx;
  const c = resultOf(ctx, 'S1');
  w.section('Claim S1: an upper bound O(δ_P) on the minimal cost');
  w.paragraph(
    `Claim (SPEC \\S3): for ${w.m('Q \\le M')} the shallow network with ${w.m('W_1 = P')}, ${w.m('b_1 = \\beta\\mathbf 1')} (${w.m('\\beta')} large enough that every ${w.m('W_1 x_{j,i} + b_1 \\ge 0')}), ${w.m('W_2 = Y\\bar X^{+}')}, ${w.m('b_2 = -W_2 b_1')} has ReLU acting as the identity on the data and ${w.m('\\mathrm{ms} = U^2 := \\frac1N\\sum_{j,i}|Y\\bar X^{+}P\\Delta x_{j,i}|^2')}, so ${w.m('\\min C \\le U \\le \\|Y\\bar X^{+}\\|_{\\mathrm{op}}\\,\\delta_P')} in the norm convention.`,
  );
  const net = c.certificate?.network;
  if (!net || !stats.P || !stats.Xpinv || !ctx.report?.quantities.U2 || !stats.deltaP2) {
    writeVerdict(ctx, c, 'S1');
    return;
  }
  const network = networkFromJson(net);
  if (!network.hidden[0]!.W.eq(stats.P) || !network.output.W.eq(stats.Y.mul(stats.Xpinv))) throw new Error('internal: the S1 certificate network is not (P, YX̄⁺)');
  const beta = network.hidden[0]!.b[0]!;

  w.subsection('Construction');
  w.paragraph(
    `The shift is the smallest ${w.m('\\beta \\ge 0')} with ${w.m('(Px_{j,i})_k + \\beta \\ge 0')} for every point and coordinate: ${w.m(`\\beta = \\max\\bigl(0, -\\min_{j,i,k}(Px_{j,i})_k\\bigr) = ${w.num('beta', beta)}`)}. The network, exactly as the certificate holds it:`,
  );
  writeNetwork(ctx, 'S1 network', net);

  w.subsection('Evaluation of the cost');
  let minPre: Rational | undefined;
  for (const cls of ds.classes)
    for (const x of cls.points)
      for (const z of hiddenTrace(network, x).preActivations[0]!) if (!minPre || z.lt(minPre)) minPre = z;
  w.paragraph(
    `Identity region: the smallest hidden pre-activation on the data is ${w.m(`\\min_{j,i,k}(W_1x_{j,i} + b_1)_k = ${w.num('min pre-activation (S1)', minPre!)} \\ge 0`)}, so ${w.m('\\sigma')} is the identity on every data point and, since ${w.m('\\bar X^{+}P = \\bar X^{+}')},`,
  );
  w.aligned([
    'f(x_{j,i}) &= W_2(Px_{j,i} + \\beta\\mathbf 1) + b_2 = Y\\bar X^{+}P x_{j,i} = Y\\bar X^{+}x_{j,i},',
    'f(x_{j,i}) - y_j &= Y\\bar X^{+}(\\bar x_j + \\Delta x_{j,i}) - y_j = Y\\bar X^{+}\\Delta x_{j,i} = Y\\bar X^{+}P\\Delta x_{j,i} \\quad(\\text{as } Y\\bar X^{+}\\bar x_j = Ye_j = y_j),',
    `\\mathrm{ms} &= \\frac1N\\sum_{j,i}|Y\\bar X^{+}P\\Delta x_{j,i}|^2 = U^2 = ${w.num('U2', ctx.report.quantities.U2)}.`,
  ]);

  w.subsection('The bound');
  const v = c.certificate!.evidence.kind === 'identity-region-bound' ? c.certificate!.evidence.rayleighVector.map((s) => Rational.parse(s)) : undefined;
  if (v) {
    const A = network.output.W;
    const lambda = vec.norm2(A.mulVec(v)).div(vec.norm2(v));
    const bound = lambda.mul(stats.deltaP2);
    w.paragraph(
      `With the rational vector ${w.m(`v = ${w.vec('Rayleigh vector v', v)}`)} (a float power-iteration estimate of the top right singular vector of ${w.m('Y\\bar X^{+}')}, rounded), the Rayleigh quotient ${w.m(`\\lambda = |Y\\bar X^{+}v|^2/|v|^2 = ${w.num('lambda', lambda)}`)} satisfies ${w.m('\\lambda \\le \\|Y\\bar X^{+}\\|_{\\mathrm{op}}^2')}, and exactly`,
    );
    w.aligned([`U^2 &= ${w.num('U2', ctx.report.quantities.U2)}`, `&\\le \\lambda\\,\\delta_P^2 = ${w.num('lambda * deltaP2', bound)}`, `&\\le \\|Y\\bar X^{+}\\|_{\\mathrm{op}}^2\\,\\delta_P^2.`]);
  }
  const op = c.details?.opNormFloat;
  const dp = c.details?.deltaPFloat;
  const bf = c.details?.boundFloat;
  if (op !== undefined && dp !== undefined && bf !== undefined)
    w.paragraph(
      `In floats: ${w.m(`U \\approx ${floatLatex(Math.sqrt(toNumber(ctx.report.quantities.U2)))}`)}, ${w.m(`\\|Y\\bar X^{+}\\|_{\\mathrm{op}} \\approx ${floatLatex(op)}`)}, ${w.m(`\\delta_P \\approx ${floatLatex(dp)}`)}, so ${w.m(`U \\le \\|Y\\bar X^{+}\\|_{\\mathrm{op}}\\delta_P \\approx ${floatLatex(bf)}`)}: the cost is ${w.m('O(\\delta_P)')}.`,
    );
  w.subsection('Verdict and certificate');
  writeVerdict(ctx, c, 'S1');
}
