/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) for the
 * report tests: opens a local HTML file with every request routed — anything
 * but file: and data: URLs is aborted and recorded — and collects console
 * errors and page errors. When Chromium cannot be launched, `openInChromium`
 * throws with a message saying so (a test then fails; it never passes silently).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.DLGEOM_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface OpenedPage {
  readonly browser: Browser;
  readonly page: Page;
  /** Console messages of type error, and uncaught page errors. */
  readonly consoleErrors: string[];
  /** Every request to something other than a file: or data: URL (each was aborted). */
  readonly networkRequests: string[];
}

export async function launchChromium(executable = CHROMIUM): Promise<Browser> {
  if (!existsSync(executable)) throw new Error(`Chromium cannot run here: ${executable} does not exist (apt-get install -y chromium, or set DLGEOM_CHROMIUM); the browser test cannot pass without it`);
  try {
    return await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (e) {
    throw new Error(`Chromium cannot run here (${executable}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

export async function openInChromium(file: string): Promise<OpenedPage> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const consoleErrors: string[] = [];
  const networkRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) await route.continue();
    else {
      networkRequests.push(url);
      await route.abort();
    }
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 60_000 });
  return { browser, page, consoleErrors, networkRequests };
}
