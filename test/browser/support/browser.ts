import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's chromium; CI installs it (.ci/run). playwright-core never downloads a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where tests leave what a person may want to look at afterwards (gitignored). */
export const artifactsDir = path.resolve(import.meta.dirname, '../../../test-artifacts');

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium. Playwright gives every launch a fresh, temporary user-data directory
 * (and removes it on close); it refuses `--user-data-dir` in `args` for that reason.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `The browser tests need Chromium at ${chromiumPath} and it is not there. Install it with ` +
        '`apt-get install chromium` (.ci/run does), or set CHROMIUM_PATH to another Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/**
 * One browser for the whole test file, launched in beforeAll and closed in afterAll. A missing
 * Chromium fails the file with a message saying how to install it: nothing is skipped silently.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser starts in beforeAll');
    return browser;
  };
}

/**
 * A new context (its own cookies), Chinese and in the county's time zone, that only talks to
 * 127.0.0.1: any other request is aborted and recorded, and the test can check the list is empty.
 */
export async function newLedgerContext(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; offLoopback: string[] }> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const offLoopback: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      offLoopback.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return { context, offLoopback };
}

/** Saves a full-page screenshot as test-artifacts/NAME.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export type AxeViolation = Pick<Result, 'id' | 'impact' | 'help' | 'helpUrl'> & { targets: string[] };

/**
 * Runs axe-core on the page as it is and returns its violations. axe.min.js is added as a script tag,
 * so a page whose Content-Security-Policy refuses inline scripts needs a context made with
 * `bypassCSP: true`.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  // Runs in the page: no DOM types here (the project compiles for Node), so the page's globals are typed by hand.
  const results = await page.evaluate(() => {
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<AxeResults> } };
    return page.axe.run(page.document, { resultTypes: ['violations'] });
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** The violations a page must not have: serious and critical ones. */
export const blocking = (violations: readonly AxeViolation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
