/**
 * R1 (SPEC §2): with invertible hidden weights, the network equals
 * x ↦ W^(L+1)·τ_L∘⋯∘τ_1(x) + b^(L+1) with τ_ℓ = τ_{W^(ℓ), b^(ℓ)}: the cumulative
 * parameters, their apexes, and one data point followed through the layers.
 */
import { vec } from '../../exact/matrix.ts';
import { toCumulative } from '../../network/cumulative.ts';
import { forwardExact } from '../../network/forward.ts';
import { curation } from '../../network/representation.ts';
import { apex } from '../../network/truncation.ts';
import { networkFromJson, resultOf, type DocumentContext } from './context.ts';
import { writeVerdict } from './common.ts';

export function writeR1(ctx: DocumentContext): void {
  const { w, ds } = ctx;
  const c = resultOf(ctx, 'R1');
  w.section('Claim R1: the hidden layers act as a recursion of truncations');
  w.paragraph(
    `Claim (SPEC \\S2): with invertible ${w.m('W_1, \\ldots, W_L')}, the network equals ${w.m('x \\mapsto W^{(L+1)}\\,\\tau_{W^{(L)},b^{(L)}}\\circ\\cdots\\circ\\tau_{W^{(1)},b^{(1)}}(x) + b^{(L+1)}')}, with the truncation map ${w.m('\\tau_{W,b}(x) = W^{-1}(\\sigma(Wx + b) - b)')} and the cumulative parameters ${w.m('W^{(\\ell)} = W_\\ell\\cdots W_1')}, ${w.m('b^{(\\ell)} = W_\\ell b^{(\\ell-1)} + b_\\ell')}.`,
  );
  const json = c.certificate?.network;
  if (!json) {
    writeVerdict(ctx, c, 'R1');
    return;
  }
  const net = networkFromJson(json);
  const L = net.hidden.length;
  const which = /on the (.*?),/.exec(c.reason)?.[1] ?? 'network';
  w.subsection('Cumulative parameters');
  w.paragraph(`Checked on the ${w.prose(which)} (${w.m(`L = ${L}`)}). Its cumulative parameters, and the apex ${w.m('\\theta^{(\\ell)} = -(W^{(\\ell)})^{-1}b^{(\\ell)}')} of each truncation:`);
  const cum = toCumulative(net);
  for (let l = 0; l <= L; l++) {
    const ell = l + 1;
    const W = cum.W[l]!;
    const b = cum.b[l]!;
    const th = l < L && !W.det().isZero() ? [`\\theta^{(${ell})} = ${w.vec(`R1 apex theta^(${ell})`, apex(W, b))}`] : [];
    w.equations([`W^{(${ell})} = ${w.mat(`R1 cumulative W^(${ell})`, W)}`, `b^{(${ell})} = ${w.vec(`R1 cumulative b^(${ell})`, b)}`, ...th]);
  }
  const x = ds.classes[0]!.points[0]!;
  const trace = curation(net).trace(x);
  const out = forwardExact(net, x);
  const rep = curation(net).forward(x);
  w.subsection('One data point through the layers');
  w.paragraph(`The first point of class 1 and its curated images ${w.m('z^{(\\ell)} = \\tau_\\ell(z^{(\\ell-1)})')}:`);
  w.aligned([
    `x_{1,1} &= ${w.vec('R1 sample x_{1,1}', x)},`,
    ...trace.map((z, l) => `z^{(${l + 1})} &= ${w.vec(`R1 sample z^(${l + 1})`, z)},`),
    `W^{(${L + 1})}z^{(${L})} + b^{(${L + 1})} &= ${w.vec('R1 sample representation', rep)} ${vec.eq(rep, out) ? '=' : '\\ne'} f(x_{1,1}).`,
  ]);
  w.paragraph(`The engine makes this comparison exactly for every one of the ${w.m(`N = ${ds.N}`)} data points.`);
  w.subsection('Verdict and certificate');
  writeVerdict(ctx, c, 'R1');
}
