import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonaName } from '../../src/sandbox/sandbox-world.js';
import { createLedgerTokens } from '../../src/web/ledger/ledger-tokens.js';
import { ledgerTestSecret, useBotStack, type BotStack } from '../e2e/support/bot-stack.js';
import { blocking, newLedgerContext, runAxe, saveScreenshot, useBrowser } from './support/browser.js';
import { countCells, expectedCells, ledgerNow, ledgerScenario, seedLedgerCounty, type ExpectedCell, type LedgerCounty } from './support/ledger-county.js';

/*
 * The web ledger (督办台账) in a real headless Chromium: the link comes from /ledger open through the
 * local Discord-compatible server and the real discord.js client, the pages from the real listener on
 * 127.0.0.1, the data from real Postgres. The county is looked at on 30 March 2026, after the first
 * quarter's due date (see support/ledger-county.ts for who did what).
 */

const linkPattern = /<(http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_.-]+)>/;
const today = ledgerNow.slice(0, 10);

describe('督办台账 in a browser', () => {
  const stack = useBotStack({ ledger: true });
  const browser = useBrowser();
  const contexts: { context: BrowserContext; offLoopback: string[] }[] = [];

  afterEach(async () => {
    for (const { context, offLoopback } of contexts.splice(0)) {
      await context.close();
      expect(offLoopback, 'requests that left 127.0.0.1').toEqual([]);
    }
  });

  /** The county, seeded once for the file; every test looks at it on 30 March. */
  const county = async (s: BotStack): Promise<LedgerCounty> => {
    const seeded = await s.once('county', () => seedLedgerCounty(s));
    s.clock.set(ledgerNow);
    return seeded;
  };
  const ledgerUrl = (s: BotStack) => {
    if (!s.ledger) throw new Error('the bot stack serves the ledger');
    return s.ledger.url;
  };

  /** The person runs /ledger open in Discord and reads the link out of the private answer. */
  const linkFor = async (s: BotStack, persona: PersonaName) => {
    const text = await s.seen(s.run(persona, 'ledger open'));
    const url = linkPattern.exec(text)?.[1];
    if (!url) throw new Error(`no ledger link in the answer to /ledger open:\n${text}`);
    return url;
  };

  /** A fresh browser context (no cookies) with one page. */
  const newPage = async (options: { bypassCSP?: boolean } = {}): Promise<Page> => {
    const opened = await newLedgerContext(browser(), options);
    contexts.push(opened);
    return opened.context.newPage();
  };

  /** Opens the person's link in a fresh context, as they would by clicking it in Discord: lands on 总览. */
  const openAs = async (s: BotStack, persona: PersonaName, options: { bypassCSP?: boolean } = {}) => {
    const page = await newPage(options);
    const response = await page.goto(await linkFor(s, persona));
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${ledgerUrl(s)}/`);
    await page.locator('#ledger-table').waitFor();
    return page;
  };

  /** The cells the page shows: each task row's units under their colour. */
  const cellsShown = (page: Page) =>
    page.$$eval('#ledger-table tr[id^="task-"] ul.lights > li[data-light]', (items) =>
      items.flatMap((item) => {
        const row = item.closest('tr');
        const badge = item.querySelector('span.l');
        const names = (item.textContent ?? '').slice((badge?.textContent ?? '').length);
        return names.split('、').map((name: string) => ({
          seq: Number(row?.id.replace('task-', '')),
          unit: name.replace(/\((受阻|退回)\)$/, ''),
          light: item.getAttribute('data-light') ?? '',
        }));
      }),
    );
  const rowsShown = (page: Page) => page.$$eval('#ledger-table tr[id^="task-"]', (rows) => rows.map((row) => Number(row.id.replace('task-', ''))));
  const countsShown = async (page: Page) => ({
    green: Number(await page.locator('#count-green').textContent()),
    yellow: Number(await page.locator('#count-yellow').textContent()),
    red: Number(await page.locator('#count-red').textContent()),
  });
  const sortCells = (cells: readonly Pick<ExpectedCell, 'seq' | 'unit' | 'light'>[]) => cells.map(({ seq, unit, light }) => `${seq} ${unit} ${light}`).sort();

  it('opens 总览 from the link /ledger gives, behind an HttpOnly cookie, with the lights and counts the database holds', async () => {
    const s = stack();
    const seeded = await county(s);
    const expected = await expectedCells(s, seeded, today);
    // The county is what its description says: each kind of report is there.
    expect(sortCells(expected)).toEqual(sortCells(ledgerScenario));
    expect(expected.filter((c) => c.late).map((c) => `${c.seq} ${c.unit}`)).toEqual(['3 城关镇']);
    expect(expected.filter((c) => c.status === 'blocked').map((c) => `${c.seq} ${c.unit}`)).toEqual(['4 区政务服务中心']);

    const page = await openAs(s, 'coordinator');
    // The token left the address bar; the session is a cookie the page's scripts cannot read.
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['duban_ledger', true, 'Lax']]);
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await page.locator('h1').textContent()).toContain('2026年督办台账');
    expect(await page.locator('header .who').textContent()).toContain('司法局 张华 · 督办人');

    expect(await countsShown(page)).toEqual(countCells(expected));
    expect(await rowsShown(page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sortCells(await cellsShown(page))).toEqual(sortCells(expected));
    // The page's Content-Security-Policy holds in a real browser: a script added to it is refused.
    await expect(runAxe(page)).rejects.toThrow(/Content Security Policy/);
    const file = await saveScreenshot(page, 'ledger-overview');
    expect(path.basename(file)).toBe('ledger-overview.png');
  });

  it('shows a liaison only their own unit’s tasks, with those tasks’ lights, and only their unit’s page', async () => {
    const s = stack();
    const seeded = await county(s);
    const expected = await expectedCells(s, seeded, today);
    // As /task show does for a liaison, a task their unit answers for is shown whole: every unit's light on it.
    const ownTasks = new Set(expected.filter((c) => c.unit === '城关镇').map((c) => c.seq));
    const shown = expected.filter((c) => ownTasks.has(c.seq));
    const page = await openAs(s, 'liaison');
    expect(await page.locator('main .sub').first().textContent()).toContain('本单位(城关镇)承担的任务');
    expect(await rowsShown(page)).toEqual([...ownTasks]);
    expect(sortCells(await cellsShown(page))).toEqual(sortCells(shown));
    expect(await countsShown(page)).toEqual(countCells(shown));
    expect(await page.locator('#f-unit option').allTextContents()).toEqual(['全部', '城关镇']);
    const text = (await page.locator('body').textContent()) ?? '';
    for (const other of ['东风街道', '区市场监管局']) expect(text).not.toContain(other);
    // No 排名 in the navigation, and the other units' pages are refused in Chinese.
    expect(await page.locator('nav a').allTextContents()).toEqual(['总览', '单位']);
    await page.locator('nav a', { hasText: '单位' }).click();
    await page.waitForURL(`${ledgerUrl(s)}/units`);
    expect(await page.locator('main a[href^="/units/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      `/units/${seeded.units.城关镇}`,
    ]);
    const refused = await page.goto(`${ledgerUrl(s)}/units/${seeded.units.东风街道}`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('无权查看');
  });

  /** Opens a link in a fresh context and returns the refusal page's status, title and message. */
  const refusalOf = async (url: string) => {
    const page = await newPage();
    const response = await page.goto(url);
    return {
      status: response?.status(),
      lang: await page.locator('html').getAttribute('lang'),
      title: await page.locator('h1').textContent(),
      message: (await page.locator('#message').textContent()) ?? '',
      cookies: (await page.context().cookies()).map((c) => c.name),
      page,
    };
  };

  /** The open page, reloaded, is refused with this title, and its session cookie is gone. */
  const expectSessionEnded = async (page: Page, title: string) => {
    const response = await page.reload();
    expect(response?.status()).toBe(401);
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.context().cookies()).toEqual([]);
  };

  it('refuses an expired link, and a session once the link’s time is up, with a Chinese page', async () => {
    const s = stack();
    await county(s);
    const page = await openAs(s, 'coordinator');
    const url = await linkFor(s, 'coordinator');
    s.clock.advance(25 * 3_600_000);
    try {
      const expired = await refusalOf(url);
      expect(expired).toMatchObject({ status: 401, lang: 'zh-CN', title: '链接已过期', cookies: [] });
      expect(expired.message).toContain('已过期');
      // The session the earlier link set ends with it.
      await expectSessionEnded(page, '链接已过期');
    } finally {
      s.clock.set(ledgerNow);
    }
  });

  it('refuses a revoked link and its open session after /ledger revoke, with a Chinese page', async () => {
    const s = stack();
    await county(s);
    // The leader revokes (the other tests' coordinator keeps their links).
    const url = await linkFor(s, 'leader');
    const page = await openAs(s, 'leader');
    s.clock.advance(1_000);
    try {
      expect(await s.seen(s.run('leader', 'ledger revoke'))).toContain('已撤销');
      await expectSessionEnded(page, '链接已撤销');
      expect(await page.locator('#message').textContent()).toContain('/台账 撤销链接');
      const revoked = await refusalOf(url);
      expect(revoked).toMatchObject({ status: 401, lang: 'zh-CN', title: '链接已撤销', cookies: [] });
    } finally {
      s.clock.set(ledgerNow);
    }
  });

  it('refuses a tampered link, one signed by another installation and one for a server the person is not in', async () => {
    const s = stack();
    await county(s);
    const url = await linkFor(s, 'coordinator');
    const tampered = await refusalOf(`${url.slice(0, -3)}${url.endsWith('AAA') ? 'BBB' : 'AAA'}`);
    expect(tampered).toMatchObject({ status: 401, lang: 'zh-CN', title: '链接无效', cookies: [] });
    expect(tampered.message).toContain('被改动过');

    const foreign = await createLedgerTokens({ secret: 'another-installation-secret-0123456789abcdef', clock: s.clock, linkHours: 24 }).issueLink({
      guildId: s.world.guild.id,
      userId: s.userId('coordinator'),
    });
    expect(await refusalOf(`${ledgerUrl(s)}/l/${foreign.token}`)).toMatchObject({ status: 401, title: '链接无效', cookies: [] });

    // Another county's administrator, with a link naming our server: they are not a member here.
    const other = s.addGuild('邻县人民政府');
    const forged = await createLedgerTokens({ secret: ledgerTestSecret, clock: s.clock, linkHours: 24 }).issueLink({
      guildId: s.world.guild.id,
      userId: other.adminId,
    });
    const outsider = await refusalOf(`${ledgerUrl(s)}/l/${forged.token}`);
    expect(outsider).toMatchObject({ status: 403, lang: 'zh-CN', title: '无权查看', cookies: [] });
    expect(outsider.message).toContain('不是这个服务器的成员');
  });

  it('filters by colour, unit and section and searches, through the page’s own form and links', async () => {
    const s = stack();
    const seeded = await county(s);
    const expected = await expectedCells(s, seeded, today);
    const tasksWith = (pick: (c: ExpectedCell) => boolean) => [...new Set(expected.filter(pick).map((c) => c.seq))].sort((a, b) => a - b);
    const page = await openAs(s, 'coordinator');
    const submit = async (pattern: RegExp) => {
      await Promise.all([page.waitForURL(pattern), page.locator('#filters button[type="submit"]').click()]);
      await page.locator('#ledger-table').waitFor();
    };

    // The red count links to the red tasks.
    await Promise.all([page.waitForURL(/[?&]light=red/), page.locator('#light-counts li[data-light="red"] a').click()]);
    expect(await rowsShown(page)).toEqual(tasksWith((c) => c.light === 'red'));

    await page.goto(`${ledgerUrl(s)}/`);
    await page.selectOption('#f-light', 'yellow');
    await submit(/[?&]light=yellow/);
    expect(await rowsShown(page)).toEqual(tasksWith((c) => c.light === 'yellow'));

    await page.locator('#filters a', { hasText: '清除筛选' }).click();
    await page.waitForURL(`${ledgerUrl(s)}/`);
    await page.selectOption('#f-unit', String(seeded.units.东风街道));
    await submit(/[?&]unit=/);
    expect(await rowsShown(page)).toEqual(tasksWith((c) => c.unit === '东风街道'));
    expect(sortCells(await cellsShown(page))).toEqual(sortCells(expected.filter((c) => c.unit === '东风街道')));

    await page.goto(`${ledgerUrl(s)}/`);
    await page.selectOption('#f-section', '2');
    await submit(/[?&]section=2/);
    expect(await rowsShown(page)).toEqual([3, 4]);

    await page.goto(`${ledgerUrl(s)}/`);
    await page.fill('#f-q', '互联网');
    await Promise.all([page.waitForURL(/[?&]q=/), page.press('#f-q', 'Enter')]);
    expect(await rowsShown(page)).toEqual([3]);
    // The form shows what it filtered by.
    expect(await page.inputValue('#f-q')).toBe('互联网');
  });

  it('downloads the .xlsx the page links, holding the colours of the tasks it shows', async () => {
    const s = stack();
    const seeded = await county(s);
    const expected = await expectedCells(s, seeded, today);
    const page = await openAs(s, 'coordinator');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/督办台账\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());

    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name} in the workbook: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
      const all: unknown[][] = [];
      sheet.eachRow((row) => all.push((row.values as unknown[]).slice(1)));
      const headerAt = all.findIndex((row) => row[0] === '编号');
      return { header: all[headerAt] ?? [], body: all.slice(headerAt + 1) };
    };
    const ledger = rows('台账');
    expect(ledger.body.map((row) => row[0])).toEqual([1, 2, 3, 4, 5, 6]);
    const perUnit = rows('单位颜色');
    const at = (name: string) => perUnit.header.indexOf(name);
    const lightOf: Record<string, string> = { 绿: 'green', 黄: 'yellow', 红: 'red' };
    expect(
      sortCells(perUnit.body.map((row) => ({ seq: Number(row[0]), unit: String(row[at('单位')]), light: lightOf[String(row[at('颜色')])] as never }))),
    ).toEqual(sortCells(expected));
    // The late report is marked late, the missing ones unreported.
    const statusOf = (seq: number, unit: string) => perUnit.body.find((row) => row[0] === seq && row[at('单位')] === unit)?.[at('报送状态')];
    expect(statusOf(3, '城关镇')).toContain('迟报');
    expect(statusOf(4, '区政务服务中心')).toContain('受阻');
    expect(statusOf(5, '东风街道')).toBe('未报送');
  });

  it('prints 总览 without the navigation, the filters and the download link', async () => {
    const s = stack();
    await county(s);
    const page = await openAs(s, 'coordinator');
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['header.top', '#filters', '#download-xlsx']) expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
    expect(await page.locator('#ledger-table').isVisible()).toBe(true);
  });

  it('has no serious or critical accessibility violations (axe-core) on 总览, 单位, 任务 and 排名', async () => {
    const s = stack();
    const seeded = await county(s);
    // The ledger's Content-Security-Policy allows no script at all, so axe's script tag is refused:
    // this context alone bypasses the CSP, to let axe in.
    const page = await openAs(s, 'coordinator', { bypassCSP: true });
    const pages = ['/', '/units', `/units/${seeded.units.城关镇}`, '/tasks/4', '/ranking?quarter=1'];
    const found: Record<string, unknown[]> = {};
    for (const at of pages) {
      const response = await page.goto(`${ledgerUrl(s)}${at}`);
      expect(response?.status(), at).toBe(200);
      if (at === '/tasks/4') await saveScreenshot(page, 'ledger-task');
      found[at] = blocking(await runAxe(page));
    }
    expect(found).toEqual(Object.fromEntries(pages.map((at) => [at, []])));
  });
});
