/**
 * D2 (SPEC §4), our reading: one candidate per proper subset J of classes,
 * its exact cost and two decisions (over all parameters, over the output
 * layer), and whether the candidates are distinct.
 */
import type { ClaimResult } from '../../claims/claim-result.ts';
import { properSubsets } from '../../claims/d2-local-minima.ts';
import { resultsOf, type DocumentContext } from './context.ts';
import { certificateSha256, floatLatex } from './common.ts';

const SHORT: Record<ClaimResult['status'], string> = { verified: 'verified', refuted: 'refuted', inconclusive: 'inconclusive', 'not-applicable': 'n/a' };

function subsetLatex(J: readonly number[]): string {
  return J.length ? `\\{${J.join(', ')}\\}` : '\\emptyset';
}

export function writeD2(ctx: DocumentContext): void {
  const { w, ds, L } = ctx;
  const results = resultsOf(ctx, 'D2');
  const summary = ctx.report!.d2;
  w.section('Claim D2: 2^Q − 1 distinct degenerate local minima');
  w.paragraph(
    `Claim (SPEC \\S4): there are ${w.m(`2^Q - 1 = ${2 ** ds.Q - 1}`)} distinct degenerate local minima. Our reading: they are indexed by the proper subsets ${w.m('J \\subsetneq \\{1, \\ldots, Q\\}')} of classes the hidden layers truncate (as in D1, one cone layer per class of ${w.m('J')}, ${w.m(`L = ${L}`)} hidden layers, remaining layers identities), with the output layer the exact least-squares fit to the curated data. For every ${w.m('J')} the engine builds the candidate, computes its cost exactly, and decides (with a certificate, or says inconclusive) whether it is a local minimum \\emph{over all parameters} (strict activation patterns and the pattern-wise least-squares bound; refuted by an exact descent direction) and a minimum \\emph{over the output layer alone} (its normal equations).`,
  );
  w.subsection('Candidates and decisions');
  const rows = properSubsets(ds.Q).map((J0) => {
    const J = J0.map((j) => j + 1);
    const key = J.join(',');
    const all = results.find((r) => r.sense === 'all-parameters' && r.subset!.join(',') === key);
    const out = results.find((r) => r.sense === 'output-layer' && r.subset!.join(',') === key);
    if (!all || !out) throw new Error(`internal: D2 results for J = {${key}} missing`);
    const value = all.details?.value;
    const evidence = (r: ClaimResult) => (r.certificate ? ` (\\texttt{${r.certificate.evidence.kind}})` : '');
    return [
      w.m(subsetLatex(J)),
      all.ms ? w.m(w.num(`D2 ms J=${J.length ? `{${J.join(', ')}}` : '∅'}`, all.ms, 24)) : '---',
      typeof value === 'number' ? w.m(floatLatex(value, 4)) : '---',
      SHORT[all.status] + evidence(all),
      SHORT[out.status] + evidence(out),
    ];
  });
  w.table('lllll', [w.m('J'), `exact ${w.m('\\mathrm{ms}')}`, `${w.m('C')} (${ctx.report!.convention})`, 'all parameters', 'output layer'], rows);
  const notBuilt = results.filter((r) => r.status === 'not-applicable' && r.sense === 'all-parameters');
  if (notBuilt.length)
    w.list(notBuilt.map((r) => `${w.m(`J = ${subsetLatex(r.subset!)}`)}: ${w.prose(r.reason)}`));
  if (summary)
    w.paragraph(
      `Summary: ${w.m(`${summary.built}`)} of ${w.m(`${summary.candidates}`)} candidates built; ${w.m(`${summary.localMinimaAllParameters}`)} verified local minima over all parameters, ${w.m(`${summary.minimaOutputLayer}`)} minima over the output layer; the built candidates are ${summary.distinctPoints ? '' : '\\emph{not} '}pairwise distinct parameter points, with ${w.m(`${summary.distinctCostValues}`)} distinct exact cost values.`,
    );
  w.subsection('Reasons');
  w.list(
    results
      .filter((r) => r.status !== 'not-applicable')
      .map((r) => `${w.m(`J = ${subsetLatex(r.subset!)}`)}, ${r.sense === 'all-parameters' ? 'all parameters' : 'output layer'}: \\textbf{${SHORT[r.status]}} --- ${w.prose(r.reason.replace(/^J = \{[^}]*\}: /, ''))}`),
  );
  w.subsection('Verdict and certificates');
  const all = results.filter((r) => r.sense === 'all-parameters');
  const count = (st: ClaimResult['status']) => all.filter((r) => r.status === st).length;
  const total = 2 ** ds.Q - 1;
  w.paragraph(
    `\\textbf{Verdict:} over all parameters, ${w.m(`${count('verified')}`)} of the ${w.m(`${total}`)} candidates are verified local minima, ${w.m(`${count('refuted')}`)} are refuted (exact descent directions), ${w.m(`${count('inconclusive')}`)} undecided, ${w.m(`${count('not-applicable')}`)} not built. ${
      count('verified') === total && summary?.distinctPoints
        ? `Under this reading the claim holds on these data: ${w.m(`${total}`)} distinct local minima.`
        : `Under this reading the claim of ${w.m('2^Q - 1')} distinct local minima is \\emph{not} confirmed on these data.`
    }`,
  );
  const certs = results.filter((r) => r.certificate);
  const hashes = certs.map((r) => `J=${r.subset!.join(',') || 'none'} ${r.sense}: ${certificateSha256(r.certificate!)}`);
  const key = w.toAppendix('D2 certificate SHA-256 (as written by dlgeom verify --certificates)', hashes);
  w.paragraph(
    `Each decision carries its own certificate (${w.m(`${certs.length}`)} in all; evidence kinds \\texttt{pattern-bound} and \\texttt{descent} over all parameters, \\texttt{output-normal-equations} and \\texttt{descent} over the output layer), re-checked by the trusted checker inside \\texttt{verify}; their SHA-256 hashes are listed in the appendix (item ${key}).`,
  );
}
