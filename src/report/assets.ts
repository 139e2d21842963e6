/**
 * What makes a report page self-contained: KaTeX's stylesheet with every font
 * inlined as a data: URL (woff2 only; every browser that runs KaTeX reads
 * it), the page's own stylesheet, and data: URLs for downloads.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

let katexCss: string | undefined;

/** KaTeX's CSS with its fonts as data: URLs (no other url() left). */
export function inlinedKatexCss(): string {
  if (katexCss !== undefined) return katexCss;
  const cssFile = require.resolve('katex/dist/katex.min.css');
  const dir = path.dirname(cssFile);
  const css = readFileSync(cssFile, 'utf8').replace(/src:([^;}]*)/g, (_, list: string) => {
    const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(list);
    if (!woff2) throw new Error(`internal: a KaTeX @font-face without woff2 (${list.slice(0, 80)})`);
    return `src:url(data:font/woff2;base64,${readFileSync(path.join(dir, woff2[1]!)).toString('base64')}) format("woff2")`;
  });
  if (/url\((?!data:)/.test(css)) throw new Error('internal: KaTeX CSS still refers to a file');
  return (katexCss = css);
}

/** A data: URL of a text file (for download links). */
export function dataUrl(text: string, mime = 'application/json'): string {
  return `data:${mime};charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}`;
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON inside <script type="application/json"> (no "</script>" can end it early). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export const PAGE_CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #1b1b1b; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2.5rem; }
.meta { color: #555; font-size: .92rem; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f6f6; }
table.verdicts td.reason { max-width: 28rem; }
.status { font-weight: 600; white-space: nowrap; }
td.ms { white-space: nowrap; }
.status-verified, .status-holds, .status-passed { color: #1b7d32; }
.status-refuted, .status-fails, .status-failed, .status-error { color: #b3261e; }
.status-inconclusive { color: #8a6100; }
.status-not-applicable { color: #666; }
.math-display { overflow-x: auto; overflow-y: hidden; margin: .6rem 0; }
figure.figure { margin: 1.5rem 0; overflow-x: auto; }
figure.figure figcaption { font-size: .9rem; color: #333; max-width: 52rem; }
details { margin: .4rem 0; font-size: .9rem; }
code { font-size: .88em; overflow-wrap: anywhere; }
p { overflow-wrap: anywhere; }
.katex-error { color: #b3261e; }
a.download { font-size: .85rem; }
`;
