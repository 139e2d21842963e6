/**
 * D3 (SPEC §4): along the D1 network, the within-class spreads of the
 * curated inputs (τ-images) never increase and vanish after truncation.
 */
import { Rational } from '../../exact/rational.ts';
import { resultOf, type DocumentContext } from './context.ts';
import { writeVerdict } from './common.ts';

export function writeD3(ctx: DocumentContext): void {
  const { w } = ctx;
  const c = resultOf(ctx, 'D3');
  w.section('Claim D3: curation never increases the within-class spread');
  w.paragraph(
    `Claim (SPEC \\S4): along the constructed (D1) network the within-class spread of the curated inputs ${w.m('z^{(\\ell)} = \\tau_\\ell\\circ\\cdots\\circ\\tau_1(x)')}, ${w.m('\\tau_\\ell = \\tau_{W^{(\\ell)}, b^{(\\ell)}}')}, never increases, and is 0 for each truncated class from its layer on. Spread of class ${w.m('j')} after layer ${w.m('\\ell')}: ${w.m('s_j^{(\\ell)} = \\frac1{N_j}\\sum_i|z^{(\\ell)}_{j,i} - \\bar z^{(\\ell)}_j|^2')} (${w.m('\\ell = 0')}: the data).`,
  );
  const spreads = c.details?.spreads;
  const truncatedAt = c.details?.truncatedAt;
  if (spreads && truncatedAt) {
    const L = spreads[0]!.length - 1;
    w.subsection('Spreads');
    w.paragraph(`Exact spreads (the engine's values; a box marks the layer that truncates the class):`);
    const rows = spreads.map((row, j) => [
      `${j + 1}`,
      ...row.map((s, l) => {
        const tex = w.num(`D3 spread class ${j + 1} layer ${l}`, Rational.parse(s), 14);
        return w.m(truncatedAt[j] === l ? `\\boxed{${tex}}` : tex);
      }),
      truncatedAt[j] === null ? '---' : `${truncatedAt[j]}`,
    ]);
    w.table(`r${'l'.repeat(L + 1)}r`, ['class', ...Array.from({ length: L + 1 }, (_, l) => w.m(`\\ell = ${l}`)), 'truncated at'], rows);
    const monotone = spreads.every((row) => row.every((s, l) => l === 0 || Rational.parse(s).le(Rational.parse(row[l - 1]!))));
    w.paragraph(`Every row is non-increasing: ${monotone ? 'yes' : '\\textbf{no}'}; every truncated class has spread 0 from its layer on: ${truncatedAt.every((t, j) => t === null || spreads[j]!.slice(t).every((s) => Rational.parse(s).isZero())) ? 'yes' : '\\textbf{no}'}.`);
  }
  w.subsection('Verdict and certificate');
  writeVerdict(ctx, c, 'D3');
}
