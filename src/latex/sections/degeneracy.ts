/**
 * Degeneracy of the D1 minimizer (SPEC §4): the explicit one-parameter
 * families of cost-0 parameters and the bounds on the local dimension of the
 * minimizing set (tangent rank ≤ dim ≤ K − rank J).
 */
import { Rational } from '../../exact/rational.ts';
import type { FamilyJson } from '../../certificates/format.ts';
import { resultOf, type DocumentContext } from './context.ts';
import { writeNetwork, writeVerdict } from './common.ts';

export function writeDegeneracy(ctx: DocumentContext): void {
  const { w, ds } = ctx;
  const c = resultOf(ctx, 'D1-degeneracy');
  w.section('Claim D1-degeneracy: the global minimizer is not isolated');
  w.paragraph(
    `Claim (SPEC \\S4): the D1 minimum is degenerate, i.e.\\ not isolated. The engine exhibits explicit one-parameter families through the minimizer along which every output on the data, hence the cost, is unchanged, and bounds the local dimension of the minimizing set: below by the rank of the families' tangent vectors, above by ${w.m('K - \\operatorname{rank} J')}, ${w.m('J')} the exact Jacobian of the residual map (${w.m('K')} parameters).`,
  );
  const cert = c.certificate;
  const ev = cert?.evidence;
  if (!cert?.network || ev?.kind !== 'families') {
    writeVerdict(ctx, c, 'D1-degeneracy');
    return;
  }
  w.subsection('The minimizer');
  w.paragraph(`The D1 network (cost exactly 0), per layer:`);
  writeNetwork(ctx, 'D1 network', cert.network);
  const L = cert.network.hidden.length;
  const M = ds.M;
  const Q = ds.Q;
  const rescaling = ev.families.filter((f): f is Extract<FamilyJson, { type: 'unit-rescaling' }> => f.type === 'unit-rescaling');
  const nulls = ev.families.filter((f): f is Extract<FamilyJson, { type: 'output-null' }> => f.type === 'output-null');
  w.subsection('Families of minimizers');
  w.paragraph(
    `\\textbf{Unit rescaling} (${w.m(`${rescaling.length}`)} families, one per hidden unit ${w.m('(\\ell, k)')}, ${w.m(`\\ell = 1..${L}`)}, ${w.m(`k = 1..${M}`)}): for ${w.m('t > 0')}, multiply row ${w.m('k')} of ${w.m('W_\\ell')} and entry ${w.m('k')} of ${w.m('b_\\ell')} by ${w.m('t')} and column ${w.m('k')} of ${w.m('W_{\\ell+1}')} by ${w.m('1/t')}. Since ${w.m('\\sigma(tz) = t\\sigma(z)')} for ${w.m('t > 0')}, every output is unchanged:`,
  );
  w.display('W_\\ell \\mapsto D_tW_\\ell,\\quad b_\\ell \\mapsto D_tb_\\ell,\\quad W_{\\ell+1} \\mapsto W_{\\ell+1}D_t^{-1},\\qquad D_t = I + (t-1)e_ke_k^{\\top}.');
  // Output-null directions: d is zero outside the output layer, row i there is (k_{1..M}, k_{M+1}).
  const K = ev.paramCount;
  const offset = K - Q * (M + 1);
  const kernels = new Map<string, { k: Rational[]; rows: number[] }>();
  for (const f of nulls) {
    const d = f.direction.map((s) => Rational.parse(s));
    const row = Array.from({ length: Q }, (_, i) => i).find((i) => d.slice(offset + i * M, offset + (i + 1) * M).some((v) => !v.isZero()) || !d[offset + Q * M + i]!.isZero());
    if (row === undefined) continue;
    const k = [...d.slice(offset + row * M, offset + (row + 1) * M), d[offset + Q * M + row]!];
    const key = k.join(',');
    const entry = kernels.get(key) ?? { k, rows: [] };
    entry.rows.push(row + 1);
    kernels.set(key, entry);
  }
  if (nulls.length === 0) w.paragraph(`\\textbf{Output-null directions}: none (the last hidden activations ${w.m('(h(x), 1)')} of the data span ${w.m(`\\mathbb R^{${M + 1}}`)}).`);
  else {
    w.paragraph(
      `\\textbf{Output-null directions} (${w.m(`${nulls.length}`)} families): the last hidden activations ${w.m('h(x)')} of the data take few values (each truncated class sits at its apex), so there are vectors ${w.m('\\kappa')} with ${w.m('\\kappa^{\\top}(h(x), 1) = 0')} for every data point; adding ${w.m('s\\,\\kappa^{\\top}')} to row ${w.m('i')} of ${w.m('[W_{L+1}\\; b_{L+1}]')} changes no output, for every real ${w.m('s')}. The kernel vectors:`,
    );
    const rows = [...kernels.values()].map((e, idx) => [`${idx + 1}`, w.m(w.vec(`output-null kernel vector ${idx + 1}`, e.k)), w.m(e.rows.join(', '))]);
    w.table('rll', ['', w.m('\\kappa'), `output rows ${w.m('i')}`], rows);
  }
  const ld = c.details?.localDimension;
  w.subsection('Local dimension');
  w.aligned([
    `K &= L(M^2 + M) + QM + Q = ${L}(${M * M} + ${M}) + ${Q * M} + ${Q} = ${K},`,
    `\\operatorname{rank}(\\text{tangents of the families}) &= ${ev.tangentRank},`,
    `\\operatorname{rank} J &\\ge \\operatorname{rank}_p J = ${ev.jacobianRank} \\quad(\\text{modulo } p = ${ev.jacobianPrime} \\text{ on ${ev.jacobianPoints.length} listed data points}),`,
    `${ev.tangentRank} \\;\\le\\; \\dim_{\\mathrm{loc}}\\{\\mathrm{ms} = 0\\} &\\le\\; K - \\operatorname{rank} J \\;\\le\\; ${K - ev.jacobianRank}.`,
  ]);
  w.register('degeneracy: K, tangent rank, Jacobian rank', [String(K), String(ev.tangentRank), String(ev.jacobianRank)]);
  if (ld && ld.exact !== null) w.paragraph(`The distinct residual functions have a Jacobian of full row rank there (rank modulo ${w.m('p')} equal to the number of rows, hence over ${w.m('\\mathbb{Q}')}): their common zero set, the minimizing set, is locally a manifold of dimension exactly ${w.m(`${ld.exact}`)}.`);
  else w.paragraph(`The bounds differ; the exact local dimension is not decided (the families found need not exhaust the minimizing set).`);
  w.subsection('Verdict and certificate');
  writeVerdict(ctx, c, 'D1-degeneracy');
}
