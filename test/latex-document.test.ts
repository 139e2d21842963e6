import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { Rational } from '../src/exact/rational.ts';
import { verify } from '../src/claims/verify.ts';
import type { VerifyReport } from '../src/claims/verify-report.ts';
import { reportJson } from '../src/cli/verify-output.ts';
import { CLAIM_DOCUMENT_IDS, claimDocument, claimLatex, type ClaimDocument } from '../src/latex/claim-document.ts';
import { rationalLatex } from '../src/latex/number.ts';

/** Math in a document, by its delimiters: $…$ (not \$) and \[ … \]. */
function extractMath(tex: string): { tex: string; display: boolean }[] {
  const out: { tex: string; display: boolean }[] = [];
  let i = 0;
  while (i < tex.length) {
    if (tex.startsWith('\\[', i)) {
      const end = tex.indexOf('\\]', i + 2);
      out.push({ tex: tex.slice(i + 2, end).replace(/^\n|\n$/g, ''), display: true });
      i = end + 2;
    } else if (tex[i] === '\\') i += 2;
    else if (tex[i] === '$') {
      let end = i + 1;
      while (tex[end] !== '$') end += tex[end] === '\\' ? 2 : 1;
      out.push({ tex: tex.slice(i + 1, end), display: false });
      i = end + 1;
    } else i++;
  }
  return out;
}

function katexOk(f: { tex: string; display: boolean }): void {
  try {
    katex.renderToString(f.tex, { throwOnError: true, displayMode: f.display });
  } catch (e) {
    throw new Error(`KaTeX rejects ${f.display ? 'display' : 'inline'} fragment: ${f.tex.slice(0, 300)}\n${(e as Error).message}`);
  }
}

const EXAMPLES = ['clusters-q2', 'iris'] as const;
const docs = new Map<string, ClaimDocument>();
const reports = new Map<string, VerifyReport>();

function reportOf(example: string): VerifyReport {
  let r = reports.get(example);
  if (!r) {
    const ds = loadExample(example);
    r = verify(ds, { layers: ds.Q });
    reports.set(example, r);
  }
  return r;
}

function docOf(example: string, id: string): ClaimDocument {
  const key = `${example}/${id}`;
  let d = docs.get(key);
  if (!d) {
    const report = reportOf(example);
    d = claimDocument(id, report.ds, { report });
    docs.set(key, d);
  }
  return d;
}

describe.each(EXAMPLES)('latex documents on %s', (example) => {
  it.each(CLAIM_DOCUMENT_IDS)('%s: a complete document whose every math fragment KaTeX parses', (id) => {
    const d = docOf(example, id);
    expect(d.tex.startsWith('\\documentclass[10pt]{article}\n')).toBe(true);
    expect(d.tex).toContain('\\usepackage{amsmath,amssymb}');
    expect(d.tex.trimEnd().endsWith('\\end{document}')).toBe(true);
    expect(d.tex).not.toMatch(/[^\x00-\x7F]/); // every Unicode character converted
    // The writer's record and the document's own delimiters agree, fragment for fragment (as multisets).
    const key = (f: { tex: string; display: boolean }) => `${f.display ? 'D' : 'I'}${f.tex}`;
    expect(extractMath(d.tex).map(key).sort()).toEqual(d.fragments.map(key).sort());
    expect(d.fragments.length).toBeGreaterThan(10);
    for (const f of d.fragments) katexOk(f);
    // Balanced environments.
    for (const env of ['itemize', 'tabular', 'center', 'aligned', 'bmatrix'])
      expect((d.tex.match(new RegExp(`\\\\begin\\{${env}\\}`, 'g')) ?? []).length).toBe((d.tex.match(new RegExp(`\\\\end\\{${env}\\}`, 'g')) ?? []).length);
  });
});

describe('numbers match verify --json (same engine run)', () => {
  it.each(EXAMPLES)('%s: quantities, costs and D3 spreads', (example) => {
    const json = reportJson(reportOf(example)) as {
      quantities: Record<string, string | null>;
      claims: { id: string; status: string; bias?: string; subset?: number[]; sense?: string; ms?: string; details?: Record<string, unknown> }[];
    };
    const q = json.quantities;
    const lit = (s: string) => rationalLatex(Rational.parse(s)).tex;
    // The canonical quantities appear literally (the S1 document shows U², S3 shows V², every document δ², δ_P²).
    expect(docOf(example, 'S1').tex).toContain(lit(q.U2!));
    expect(docOf(example, 'S1').values.U2).toBe(q.U2);
    expect(docOf(example, 'S3').tex).toContain(lit(q.Vfull2!));
    expect(docOf(example, 'S3').tex).toContain(lit(q.Vnb2!));
    expect(docOf(example, 'S3').values.Vfull2).toBe(q.Vfull2);
    expect(docOf(example, 'S3').values.Vnb2).toBe(q.Vnb2);
    for (const id of CLAIM_DOCUMENT_IDS) {
      expect(docOf(example, id).values.delta2).toBe(q.delta2);
      expect(docOf(example, id).values.deltaP2).toBe(q.deltaP2);
    }
    // Every cost of every claim.
    for (const c of json.claims) {
      if (!c.ms) continue;
      if (c.id === 'D2') expect(docOf(example, 'D2').values[`D2 ms J=${c.subset!.length ? `{${c.subset!.join(', ')}}` : '∅'}`]).toBe(c.ms);
      else expect(docOf(example, c.id).values[`ms (${c.id === 'S3' ? `S3 ${c.bias}` : c.id})`]).toBe(c.ms);
    }
    const d3 = json.claims.find((c) => c.id === 'D3')!;
    const spreads = d3.details?.spreads as string[][] | undefined;
    if (spreads) spreads.forEach((row, j) => row.forEach((s, l) => expect(docOf(example, 'D3').values[`D3 spread class ${j + 1} layer ${l}`]).toBe(s)));
    const s3 = json.claims.filter((c) => c.id === 'S3');
    for (const c of s3) {
      const e = c.details?.rateExponent;
      if (typeof e === 'number') expect(docOf(example, 'S3').tex).toContain(`the order in $\\delta_P$ is $2\\cdot`);
    }
  });

  it('without a given report, claimLatex runs verify itself and writes the same document', () => {
    const report = reportOf('clusters-q2');
    expect(claimLatex('S3', loadExample('clusters-q2'), {})).toBe(claimDocument('S3', report.ds, { report }).tex);
  });
});

describe('--fragment', () => {
  it('is the body only: no preamble, no \\begin{document}', () => {
    const body = claimLatex('S1', loadExample('clusters-q2'), { fragment: true });
    expect(body).not.toContain('\\documentclass');
    expect(body).not.toContain('\\usepackage');
    expect(body).not.toContain('\\begin{document}');
    expect(body).not.toContain('\\end{document}');
    expect(body).toContain('\\section{Data}');
    expect(docOf('clusters-q2', 'S1').tex).toContain(body);
  });
});

describe('claim ids', () => {
  it('an unknown id is one line listing the valid ids', () => {
    expect(() => claimLatex('S4', loadExample('clusters-q2'), {})).toThrow(`unknown claim id "S4" (did you mean 'S1', 'S2' or 'S3'?); valid: S1, S2, S3, D1, D1-degeneracy, D2, D3, R1, T`);
  });
});
