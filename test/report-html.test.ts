import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { reportJson } from '../src/cli/verify-output.ts';
import { checkCertificate } from '../src/certificates/check.ts';
import type { Certificate } from '../src/certificates/format.ts';
import { latexToHtml } from '../src/report/latex-html.ts';
import { verifyReportHtml } from '../src/report/verify-report.ts';
import { inlinedKatexCss } from '../src/report/assets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dlgeom-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dlgeom(...args: string[]) {
  const res = spawnSync(process.execPath, ['bin/dlgeom.js', ...args], { cwd: root, encoding: 'utf8' });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** The page without its embedded JSON scripts and KaTeX's MathML/TeX annotations. */
function visibleHtml(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<annotation[\s\S]*?<\/annotation>/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
}

describe('LaTeX body to HTML', () => {
  it('renders inline and display math with KaTeX and leaves no delimiter behind', () => {
    const r = latexToHtml('The cost is $\\frac{1}{3}$, and\n\\[\nx = \\bar X^{+}y\n\\]\nends; costs \\$5.');
    expect(r.errors).toEqual([]);
    expect(r.html).toContain('class="katex"');
    expect(r.html).toContain('class="math-display"');
    expect(r.html).toContain('costs $5.');
    expect(r.html).not.toMatch(/\$\\frac|\\\[/);
  });
  it('turns sections, paragraphs, lists, tables and text commands into HTML', () => {
    const r = latexToHtml(
      '\\section{Claim $S1$}\n\nText with \\texttt{dlgeom verify --json} and \\emph{free} --- done~here.\n\n\\begin{itemize}\n\\item one\n\\item \\textbf{two}\n\\end{itemize}\n\n\\begin{center}\n\\renewcommand{\\arraystretch}{1.6}\n\\begin{tabular}{rl}\n\\hline\n$j$ & label \\\\\n\\hline\n1 & a\\_b \\\\\n\\hline\n\\end{tabular}\n\\end{center}\n\n\\paragraph{A1. J=\\{1, 2\\}} {\\small 12\\allowbreak 34}',
      { idPrefix: 'x' },
    );
    expect(r.errors).toEqual([]);
    expect(r.html).toMatch(/<h3 id="x-1">Claim <span class="katex">/);
    expect(r.html).toContain('<code>dlgeom verify --json</code>'); // no dash ligatures in code
    expect(r.html).toContain('<em>free</em> — done\u00a0here.');
    expect(r.html).toContain('<ul><li>one</li><li><strong>two</strong></li></ul>');
    expect(r.html).toMatch(/<table class="derivation"><thead><tr><th><span class="katex">[\s\S]*<\/th><th>label<\/th><\/tr><\/thead><tbody><tr><td>1<\/td><td>a_b<\/td><\/tr><\/tbody><\/table>/);
    expect(r.html).toContain('<p><strong>A1. J={1, 2}</strong> <small>12<wbr>34</small></p>');
  });
  it('reports a formula KaTeX cannot parse instead of hiding it', () => {
    const r = latexToHtml('bad $\\frac{1}{$ math');
    expect(r.errors.length).toBe(1);
    expect(r.html).toContain('katex-error');
  });
});

describe('the KaTeX stylesheet', () => {
  it('has every font inlined as a woff2 data: URL and refers to no file', () => {
    const css = inlinedKatexCss();
    expect((css.match(/url\(data:font\/woff2;base64,/g) ?? []).length).toBeGreaterThanOrEqual(19);
    expect(css).not.toMatch(/url\((?!data:)/);
  });
});

describe('verify report page', () => {
  let html = '';
  const report = verify(loadExample('clusters-q2'));
  beforeAll(async () => {
    const page = await verifyReportHtml(report);
    expect(page.mathErrors).toEqual([]);
    html = page.html;
  });

  it('is self-contained: every src, href and url() is a data: URL or an in-page anchor', () => {
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(r.startsWith('data:') || r.startsWith('#')).toBe(true);
    expect(html).not.toMatch(/url\((?!data:|#)/); // SVG clip paths refer to in-page ids
    expect(html).not.toMatch(/<link\b|<img\b[^>]*src="http|<script\b[^>]*\bsrc=/);
  });

  it('links every verdict to its claim section, which exists', () => {
    const links = [...html.matchAll(/<td><a href="#(claim-[^"]+)">/g)].map((m) => m[1]!);
    expect(links.length).toBe(report.claims.length);
    for (const id of new Set(links)) expect(html).toContain(`<section id="${id}"`);
  });

  it('renders the math: no raw $…$ or \\[ left in the visible page', () => {
    const visible = visibleHtml(html).replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/\$[^$\s][^$]*\$/);
    expect(visible).not.toContain('\\[');
    expect(visible).not.toContain('\\frac');
    expect((html.match(/class="katex"/g) ?? []).length).toBeGreaterThan(100);
  });

  it('has each figure as an SVG with its Vega-Lite spec embedded', () => {
    for (const id of ['data-projection', 's3-gap', 'd1-curation', 'd3-spread', 'd2-costs']) {
      const m = new RegExp(`<figure class="figure" id="figure-${id}"[^>]*>\\n(<svg[\\s\\S]*?</svg>)[\\s\\S]*?<script type="application/json" class="vega-lite-spec" data-figure="${id}">([\\s\\S]*?)</script>`).exec(html);
      expect(m, id).not.toBeNull();
      expect(m![1]).toMatch(/class="mark-(symbol|line)/);
      const spec = JSON.parse(m![2]!) as { $schema: string; usermeta: { dlgeom: { figure: string } } };
      expect(spec.$schema).toContain('vega-lite');
      expect(spec.usermeta.dlgeom.figure).toBe(id);
    }
  });

  it('offers every certificate for download, exactly as verify writes it, and the checker accepts each', () => {
    const links = [...html.matchAll(/<a class="download certificate" download="([^"]+)" href="data:application\/json;charset=utf-8;base64,([^"]+)"/g)];
    const withCert = report.claims.filter((c) => c.certificate);
    // Each certificate is offered in the verdict table and again in its claim's section.
    expect(new Set(links.map((l) => l[1])).size).toBe(withCert.length);
    expect(links.length).toBe(2 * withCert.length);
    for (const [, name, b64] of links) {
      const text = Buffer.from(b64!, 'base64').toString('utf8');
      const cert = JSON.parse(text) as Certificate;
      expect(checkCertificate(cert, report.ds).ok, name).toBe(true);
      const c = withCert.find((r) => JSON.stringify(r.certificate, null, 1) + '\n' === text);
      expect(c, name).toBeDefined();
    }
  });

  it('embeds verify --json of the same run', () => {
    const m = /<script type="application\/json" id="verify-json">([\s\S]*?)<\/script>/.exec(html)!;
    expect(JSON.parse(m[1]!)).toEqual(JSON.parse(JSON.stringify(reportJson(report))));
  });
});

describe('dlgeom report (command line)', () => {
  it('writes the page, and refuses to replace it without --force (exit 2, one line)', () => {
    const out = join(dir, 'r.html');
    const first = dlgeom('report', '--example', 'clusters-q2', '-o', out, '--skip-d2');
    expect(first.status, first.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<!DOCTYPE html>')).toBe(true);
    writeFileSync(out, 'mine');
    const again = dlgeom('report', '--example', 'clusters-q2', '-o', out);
    expect(again.status).toBe(2);
    expect(again.stderr.trim().split('\n')).toEqual([`dlgeom: ${out}: already exists; use --force to replace it, or choose another -o`]);
    expect(readFileSync(out, 'utf8')).toBe('mine');
  });
  it('bad input: one line, exit 2', () => {
    for (const args of [['--example', 'clusters-q2'], ['-o', join(dir, 'x.html')], ['--example', 'nope', '-o', join(dir, 'y.html')], ['--data', join(dir, 'missing.json'), '-o', join(dir, 'z.html')]]) {
      const r = dlgeom('report', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').length).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, 'y.html'))).toBe(false);
    const nofolder = dlgeom('report', '--example', 'clusters-q2', '-o', join(dir, 'no-such-folder', 'r.html'));
    expect(nofolder.status).toBe(2);
    expect(nofolder.stderr).toMatch(/cannot write \(folder .*no-such-folder does not exist\)/);
  });
  it('prove --html writes a self-contained page of the run: verdicts linked to script sections, figures per data set', () => {
    const out = join(dir, 'prove.html');
    const r = dlgeom('prove', 'proofs/shallow-s1.proof.ts', '--html', out);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    for (const ref of [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!)) expect(ref.startsWith('data:') || ref.startsWith('#')).toBe(true);
    expect(html).toContain('<section id="script-shallow-s1" class="script">');
    const rows = [...html.matchAll(/<td><a href="#script-shallow-s1">shallow-s1<\/a><\/td>/g)].length;
    const json = JSON.parse(/<script type="application\/json" id="prove-json">([\s\S]*?)<\/script>/.exec(html)![1]!) as { scripts: { rows: unknown[] }[] };
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBe(json.scripts[0]!.rows.length);
    expect(html).toMatch(/<figure class="figure" id="figure-data-projection"/);
    expect(html.includes('class="katex-error"')).toBe(false);
  });

  it('prove --html refuses an existing file without --force', () => {
    const out = join(dir, 'p.html');
    writeFileSync(out, 'mine');
    const r = dlgeom('prove', 'proofs/shallow-s1.proof.ts', '--html', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('already exists; use --force');
    expect(readFileSync(out, 'utf8')).toBe('mine');
  });
});
