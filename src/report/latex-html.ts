/**
 * The LaTeX body that src/latex's writer emits, as HTML with its mathematics
 * rendered by KaTeX at build time (katex.renderToString). It reads exactly the
 * subset the writer produces — sections, paragraphs, `$…$`, `\[…\]`, itemize,
 * tabular, \texttt/\emph/\textbf, {\small …}, text escapes — so the report
 * shows the same derivation as `dlgeom latex`, not a second one.
 *
 * A formula KaTeX cannot parse is shown as its source in a `katex-error` span
 * and counted in `errors` (tests require none).
 *
 * @example
 *   latexToHtml('The cost is $\\frac12$.').html // '<p>The cost is <span class="katex">…</span>.</p>'
 */
import katex from 'katex';

export interface ConvertedHtml {
  readonly html: string;
  /** Formulas KaTeX could not render (each shown as source in a katex-error span). */
  readonly errors: string[];
}

const SYMBOLS: Record<string, string> = {
  ldots: '…', S: '§', textbackslash: '\\', textless: '&lt;', textgreater: '&gt;', textbar: '|', allowbreak: '<wbr>', quad: '\u2003', qquad: '\u2003\u2003',
};
const IGNORED = new Set(['noindent', 'par', 'sloppy', 'begingroup', 'endgroup', 'hline', 'centering', 'small', 'footnotesize', 'scriptsize', 'normalsize', 'maketitle']);
const WRAP: Record<string, [string, string]> = {
  texttt: ['<code>', '</code>'], emph: ['<em>', '</em>'], textit: ['<em>', '</em>'], textbf: ['<strong>', '</strong>'], text: ['', ''], mbox: ['', ''],
};

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** KaTeX's HTML of one formula (errors collected, never thrown). */
export function renderMath(tex: string, display: boolean, errors: string[]): string {
  try {
    return katex.renderToString(tex, { displayMode: display, throwOnError: true, output: 'html', strict: 'ignore', trust: false });
  } catch (e) {
    errors.push(`${tex.slice(0, 120)}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return `<span class="katex-error">${escapeHtml(tex)}</span>`;
  }
}

/** A LaTeX body (as the writer emits it) as HTML; `headingLevel` is the <h…> of \section. */
export function latexToHtml(body: string, opts: { headingLevel?: number; idPrefix?: string } = {}): ConvertedHtml {
  const errors: string[] = [];
  const math: string[] = [];
  const hold = (html: string) => `\u0000${math.push(html) - 1}\u0000`;
  // 1. Mathematics out first: display \[…\], then inline $…$ (not \$).
  let s = body.replace(/\\\[([\s\S]*?)\\\]/g, (_, tex: string) => `\n\n${hold(`<div class="math-display">${renderMath(tex.trim(), true, errors)}</div>`)}\n\n`);
  s = s.replace(/(?<!\\)\$([^$]+?)(?<!\\)\$/g, (_, tex: string) => hold(renderMath(tex, false, errors)));
  // Figures are drawn by the report itself (as SVG), never from LaTeX code.
  s = s.replace(/\\begin\{figure\}[\s\S]*?\\end\{figure\}/g, '');
  // 2. Environments.
  s = s.replace(/\\begin\{itemize\}([\s\S]*?)\\end\{itemize\}/g, (_, inner: string) => `\n\n${hold(`<ul>${inner.split(/\\item\s+/).slice(1).map((i) => `<li>${inline(i.trim())}</li>`).join('')}</ul>`)}\n\n`);
  s = s.replace(/\\begin\{tabular\}\{[^}]*\}([\s\S]*?)\\end\{tabular\}/g, (_, inner: string) => `\n\n${hold(table(inner))}\n\n`);
  s = s.replace(/\\begin\{center\}|\\end\{center\}|\\renewcommand\{\\arraystretch\}\{[^}]*\}/g, '');
  // 3. Headings and blocks.
  const h = opts.headingLevel ?? 3;
  let n = 0;
  const blocks = s.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b.length > 0);
  const out = blocks.map((b) => {
    const head = /^\\(section|subsection|paragraph)\*?(?=\{)/.exec(b);
    if (head) {
      const g = group(b, head[0].length);
      const rest = b.slice(g.end).trim();
      if (head[1] === 'paragraph') return `<p><strong>${inline(g.content)}</strong> ${inline(rest)}</p>`;
      const level = head[1] === 'section' ? h : h + 1;
      return `<h${level} id="${opts.idPrefix ?? 'sec'}-${++n}">${inline(g.content)}</h${level}>${rest ? `\n<p>${inline(rest)}</p>` : ''}`;
    }
    if (/^\u0000\d+\u0000$/.test(b)) return b;
    return `<p>${inline(b)}</p>`;
  });
  const html = out.join('\n').replace(/\u0000(\d+)\u0000/g, (_, i: string) => math[Number(i)]!);
  return { html: html.replace(/\u0000(\d+)\u0000/g, (_, i: string) => math[Number(i)]!), errors };

  function table(inner: string): string {
    const rows = inner
      .replace(/\\hline/g, '')
      .split(/\\\\/)
      .map((r) => r.trim())
      .filter((r) => r.length > 0)
      .map((r) => splitCells(r));
    if (rows.length === 0) return '';
    const [head, ...rest] = rows;
    return `<table class="derivation"><thead><tr>${head!.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>${rest.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }
}

/** Cells of a tabular row: split at unescaped & outside braces. */
function splitCells(row: string): string[] {
  const cells: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!;
    if (ch === '\\') {
      cur += ch + (row[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '&' && depth === 0) {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

/** The balanced {…} group starting at s[i] === '{': its content and the index after it. */
function group(s: string, i: number): { content: string; end: number } {
  let depth = 0;
  for (let k = i; k < s.length; k++) {
    if (s[k] === '\\') {
      k++;
      continue;
    }
    if (s[k] === '{') depth++;
    else if (s[k] === '}' && --depth === 0) return { content: s.slice(i + 1, k), end: k + 1 };
  }
  return { content: s.slice(i + 1), end: s.length };
}

/** Text-mode LaTeX (math already held out) as HTML. */
function inline(s: string, code = false): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const ch = s[i]!;
    if (ch === '\\') {
      const m = /^[a-zA-Z]+/.exec(s.slice(i + 1));
      if (!m) {
        const c = s[i + 1] ?? '';
        if (c === '\\') {
          out += '<br>';
          i += 2;
          const opt = /^\[[^\]]*\]/.exec(s.slice(i));
          if (opt) i += opt[0].length;
        } else if (c === ',') {
          out += '\u2009';
          i += 2;
        } else {
          out += escapeHtml(c);
          i += 2;
        }
        continue;
      }
      const name = m[0];
      i += 1 + name.length;
      const start = i;
      const wrap = WRAP[name];
      if (wrap && s[i] === '{') {
        const g = group(s, i);
        out += wrap[0] + inline(g.content, code || name === 'texttt') + wrap[1];
        i = g.end;
      } else if (name in SYMBOLS) {
        out += SYMBOLS[name];
        if (s.slice(i, i + 2) === '{}') i += 2;
      } else if (IGNORED.has(name)) {
        if (s.slice(i, i + 2) === '{}') i += 2;
      } else if (s[i] === '{') {
        const g = group(s, i);
        out += inline(g.content, code);
        i = g.end;
      } else if (s.slice(i, i + 2) === '{}') i += 2;
      // As in TeX, a space right after a control word belongs to it.
      if (i === start && s[i] === ' ') i++;
      continue;
    }
    if (ch === '{') {
      const g = group(s, i);
      const small = /^\\(small|footnotesize|scriptsize)\b\s*/.exec(g.content);
      out += small ? `<small>${inline(g.content.slice(small[0].length), code)}</small>` : inline(g.content, code);
      i = g.end;
      continue;
    }
    if (code && ch === '-') (out += '-'), i++;
    else if (s.startsWith('---', i)) (out += '—'), (i += 3);
    else if (s.startsWith('--', i)) (out += '–'), (i += 2);
    else if (s.startsWith('``', i)) (out += '“'), (i += 2);
    else if (s.startsWith("''", i)) (out += '”'), (i += 2);
    else if (ch === '~') (out += '\u00a0'), i++;
    else if (ch === '\u0000') {
      const end = s.indexOf('\u0000', i + 1);
      out += s.slice(i, end + 1);
      i = end + 1;
    } else (out += escapeHtml(ch)), i++;
  }
  return out;
}
