/**
 * The report in a real browser: headless Chromium (Debian's chromium through
 * playwright-core) opens `dlgeom report`'s page from a file with every request
 * routed. Asserts: no console errors, KaTeX rendered every formula (no raw
 * $…$ in the text), every figure's SVG has marks, no network request; takes a
 * screenshot into the OS temp folder. Where Chromium cannot run, the test
 * fails with a message saying so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExample } from '../src/data/examples.ts';
import { verify } from '../src/claims/verify.ts';
import { verifyReportHtml } from '../src/report/verify-report.ts';
import { fileURLToPath } from 'node:url';
import { launchChromium, openInChromium } from './support/browser.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'dlgeom-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dlgeom report in headless Chromium', () => {
  it('renders with no console error, no network request, KaTeX math and marks in every figure', async () => {
    const report = verify(loadExample('clusters-q3'));
    const page = await verifyReportHtml(report);
    expect(page.mathErrors).toEqual([]);
    const file = join(dir, 'report.html');
    writeFileSync(file, page.html);
    const opened = await openInChromium(file);
    try {
      const { page: p } = opened;
      // KaTeX rendered: many formulas, none left as source, no error spans.
      expect(await p.locator('.katex').count()).toBeGreaterThan(200);
      expect(await p.locator('.katex-error').count()).toBe(0);
      const text = await p.evaluate(() => document.body.innerText);
      expect(text).not.toMatch(/\$[^$\s][^$\n]*\$/);
      expect(text).not.toMatch(/\\frac|\\begin\{|\\\[/);
      // KaTeX's fonts loaded from the inlined data: URLs.
      const fontsOk = await p.evaluate(async () => {
        await document.fonts.ready;
        return document.fonts.check('16px KaTeX_Main');
      });
      expect(fontsOk).toBe(true);
      // Every figure: an SVG with drawn marks (symbols or lines).
      const figures = await p.$$eval('figure.figure', (fs) =>
        fs.map((f) => ({ id: f.id, marks: f.querySelectorAll('svg g.mark-symbol path, svg g.mark-line path').length, spec: !!f.querySelector('script.vega-lite-spec') })),
      );
      expect(figures.map((f) => f.id).sort()).toEqual(['figure-d1-curation', 'figure-d2-costs', 'figure-d3-spread', 'figure-data-projection', 'figure-s3-gap']);
      for (const f of figures) {
        expect(f.marks, f.id).toBeGreaterThan(0);
        expect(f.spec, f.id).toBe(true);
      }
      // Each verdict row's link leads to a section on the page.
      const targets = await p.$$eval('table.verdicts a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')!.slice(1)));
      expect(targets.length).toBeGreaterThanOrEqual(report.claims.length);
      for (const id of new Set(targets)) expect(await p.locator(`[id="${id}"]`).count(), id).toBe(1);
      const shot = join(tmpdir(), 'dlgeom-report-screenshot.png');
      await p.screenshot({ path: shot, fullPage: false });
      process.stdout.write(`report screenshot: ${shot}\n`);
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.networkRequests).toEqual([]);
    } finally {
      await opened.browser.close();
    }
  }, 180_000);

  it('prove --html: the proof-run page renders the same way (no console error, no request, KaTeX, marks)', async () => {
    // Proof scripts load through the CLI's own TypeScript loader: run the real command.
    const file = join(dir, 'prove.html');
    const res = spawnSync(process.execPath, ['bin/dlgeom.js', 'prove', 'proofs/shallow-s3.proof.ts', '--html', file], { cwd: root, encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const opened = await openInChromium(file);
    try {
      const { page: p } = opened;
      expect(await p.locator('.katex').count()).toBeGreaterThan(20);
      expect(await p.locator('.katex-error').count()).toBe(0);
      const marks = await p.$$eval('figure.figure', (fs) => fs.map((f) => f.querySelectorAll('svg g.mark-symbol path, svg g.mark-line path').length));
      expect(marks.length).toBeGreaterThan(3);
      for (const m of marks) expect(m).toBeGreaterThan(0);
      await p.screenshot({ path: join(tmpdir(), 'dlgeom-prove-screenshot.png') });
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.networkRequests).toEqual([]);
    } finally {
      await opened.browser.close();
    }
  }, 180_000);

  it('fails, saying so, where Chromium cannot run', async () => {
    await expect(launchChromium(join(dir, 'no-such-chromium'))).rejects.toThrow(/^Chromium cannot run here: .*no-such-chromium does not exist/);
  });

  it('really blocks and records a network request (the check above can fail)', async () => {
    const file = join(dir, 'network.html');
    writeFileSync(file, '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"><script>console.error("boom")</script></body></html>');
    const opened = await openInChromium(file);
    try {
      expect(opened.networkRequests).toEqual(['http://example.invalid/x.png']);
      expect(opened.consoleErrors.some((e) => e.includes('boom'))).toBe(true);
    } finally {
      await opened.browser.close();
    }
  }, 120_000);
});
