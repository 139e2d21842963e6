/**
 * S2 (SPEC §3): on the identity region of the S1 network, the class-j cost is
 * |YX̄⁺P(x − x̄_j)|, a metric on span{x̄_j}; shown on the engine's test inputs.
 */
import { vec } from '../../exact/matrix.ts';
import { Rational } from '../../exact/rational.ts';
import { forwardExact } from '../../network/forward.ts';
import { networkFromJson, resultOf, type DocumentContext } from './context.ts';
import { writeNetwork, writeVerdict } from './common.ts';

export function writeS2(ctx: DocumentContext): void {
  const { w, ds, stats } = ctx;
  const c = resultOf(ctx, 'S2');
  w.section('Claim S2: the cost of the S1 network is a metric on the span of the means');
  w.paragraph(
    `Claim (SPEC \\S3): for the S1 network and any input ${w.m('x')} in its identity region (every hidden pre-activation ${w.m('\\ge 0')}), the class-${w.m('j')} cost is ${w.m('|f(x) - y_j| = |Y\\bar X^{+}P(x - \\bar x_j)|')}, a metric on ${w.m('\\operatorname{span}\\{\\bar x_j\\}')} (degenerate off it).`,
  );
  const cert = c.certificate;
  if (!cert?.network || !stats.Xpinv || !stats.P) {
    writeVerdict(ctx, c, 'S2');
    return;
  }
  const net = networkFromJson(cert.network);
  w.subsection('Derivation');
  w.paragraph(`The S1 network (${w.m('W_1 = P')}, ${w.m('b_1 = \\beta\\mathbf 1')}, ${w.m('W_2 = Y\\bar X^{+}')}, ${w.m('b_2 = -W_2b_1')}):`);
  writeNetwork(ctx, 'S1 network', cert.network);
  const A = stats.Y.mul(stats.Xpinv).mul(stats.P);
  w.paragraph(`On the identity region ${w.m('f(x) = W_2(Px + b_1) + b_2 = Y\\bar X^{+}x')}, and ${w.m('Y\\bar X^{+}\\bar x_j = y_j')}, so`);
  w.equations([`f(x) - y_j = Y\\bar X^{+}(x - \\bar x_j) = Y\\bar X^{+}P(x - \\bar x_j),`, `Y\\bar X^{+}P = ${w.mat('YXpinvP', A)}.`]);
  const detY = stats.Y.det();
  w.paragraph(
    `${w.m(`\\det Y = ${w.num('det Y', detY)}${detY.isZero() ? '' : ' \\ne 0'}`)}${detY.isZero() ? ', so the distance is degenerate even on the span' : ` and ${w.m('\\bar X^{+}')} is injective on ${w.m('\\operatorname{span}\\{\\bar x_j\\}')}, so ${w.m("d(x, x') = |Y\\bar X^{+}P(x - x')|")} is a metric there`}${ds.M > ds.Q ? `; it vanishes on the ${w.m(`${ds.M - ds.Q}`)}-dimensional orthogonal complement of the span` : ''}.`,
  );
  if (cert.evidence.kind === 'metric-identity') {
    w.subsection('The identity on the test inputs');
    w.paragraph(`The engine's test inputs (class means, midpoints of pairs of means, first data points of each class) inside the identity region; for each, both sides exactly:`);
    const rows = cert.evidence.inputs.map((inp, k) => {
      const x = inp.x.map((s) => Rational.parse(s));
      const lhs = vec.norm2(vec.sub(forwardExact(net, x), ds.targets[inp.class]!));
      const rhs = vec.norm2(A.mulVec(vec.sub(x, stats.means[inp.class]!)));
      if (!lhs.eq(rhs)) throw new Error('internal: S2 identity fails on a certified input');
      return [`${k + 1}`, w.m(w.vec(`S2 input ${k + 1}`, x)), `${inp.class + 1}`, w.m(w.num(`S2 squared cost ${k + 1}`, lhs, 20))];
    });
    w.table('rlrl', ['', w.m('x'), w.m('j'), w.m('|f(x) - y_j|^2 = |Y\\bar X^{+}P(x - \\bar x_j)|^2')], rows);
  }
  w.subsection('Verdict and certificate');
  writeVerdict(ctx, c, 'S2');
}
