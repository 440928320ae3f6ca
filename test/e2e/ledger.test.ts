import ExcelJS from 'exceljs';
import { MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { recordProgress } from '../../src/app/progress/record-progress.js';
import { createLedgerTokens } from '../../src/web/ledger/ledger-tokens.js';
import { ledgerTestSecret, seedCounty, useBotStack, type BotStack, type SeededCounty } from './support/bot-stack.js';

/*
 * The web ledger as people use it: /ledger in Discord (the local Discord-compatible server, the real
 * discord.js client), the link opened with fetch against the real listener on 127.0.0.1, on real
 * Postgres. Q1 2026 is due Wednesday 25 March; the first reminder is 18 March, so on the 20th every
 * report not in is yellow.
 */

const linkPattern = /<(http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_.-]+)>/;
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('/ledger: the supervision ledger in a browser, through a personal link', () => {
  const stack = useBotStack({ ledger: true });

  const county = (s: BotStack) =>
    s.once('county', async () => {
      s.clock.set('2026-03-20T02:00:00Z');
      const seeded = await seedCounty(s);
      const q1 = (await s.app.store.periods.list(seeded.workspaceId, 2026)).find((p) => p.key === '2026-Q1');
      const task = await s.app.store.tasks.findBySeq(seeded.workspaceId, 2026, 1);
      await recordProgress(s.app, {
        workspaceId: seeded.workspaceId,
        unitId: seeded.units.chengguan,
        taskId: task?.id ?? 0,
        periodId: q1?.id ?? 0,
        actorId: s.userId('liaison'),
        source: 'command',
        submission: { status: 'in_progress', text: '已开展集中学习2次' },
        evidence: [
          { filename: '学习照片 一.png', contentType: 'image/png', bytes: png },
          { filename: 'report"; evil.svg', contentType: 'image/svg+xml', bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>') },
        ],
      });
      return seeded;
    });
  const ledgerUrl = (s: BotStack) => {
    if (!s.ledger) throw new Error('the stack serves the ledger');
    return s.ledger.url;
  };
  /** The person runs /ledger open and gets the link out of the private answer. */
  const linkFor = async (s: BotStack, persona: Parameters<BotStack['run']>[0]) => {
    const text = await s.seen(s.run(persona, 'ledger open'));
    const url = linkPattern.exec(text)?.[1];
    if (!url) throw new Error(`no link in the answer:\n${text}`);
    return url;
  };
  /** Opens a link as a browser would: the cookie it sets, for the next requests. */
  const openLink = async (url: string) => {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    return cookie.split(';')[0] ?? '';
  };
  const get = (s: BotStack, path: string, cookie: string, init: RequestInit = {}) =>
    fetch(`${ledgerUrl(s)}${path}`, { ...init, redirect: 'manual', headers: { cookie, ...(init.headers ?? {}) } });
  const sessionOf = async (s: BotStack, persona: Parameters<BotStack['run']>[0]) => openLink(await linkFor(s, persona));
  /** A page's text with runs of whitespace made one space (the templates are formatted by prettier). */
  const textOf = async (response: Response) => (await response.text()).replace(/\s+/g, ' ');
  const taskRows = (page: string) => [...page.matchAll(/<tr id="task-(\d+)"/g)].map((m) => Number(m[1]));

  it('answers /ledger privately with a link that sets an HttpOnly session cookie and opens 总览', async () => {
    const s = stack();
    await county(s);
    const handle = s.run('coordinator', 'ledger open');
    const reply = await handle.waitForReply();
    expect((reply.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const url = linkPattern.exec(reply.content)?.[1] ?? '';
    expect(reply.content).toContain('/台账 撤销链接');
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^duban_ledger=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const overview = await get(s, '/', setCookie.split(';')[0] ?? '');
    expect(overview.status).toBe(200);
    const page = await textOf(overview);
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('2026年督办台账');
    expect(page).toContain('司法局 张华 · 督办人');
    expect(taskRows(page)).toEqual([1, 2, 3, 4]);
    // 城关镇 reported (一); everyone else owes and is in the reminder window.
    expect(page).toMatch(/<strong id="count-green">1<\/strong>/);
    expect(page).toMatch(/<strong id="count-yellow">6<\/strong>/);
    expect(page).toMatch(/<strong id="count-red">0<\/strong>/);
    expect(page).toContain('2026-03-18 起未报送即为黄');
    expect(page).toContain('城关镇:推进中,已开展集中学习2次');
  });

  it('sends a strict Content-Security-Policy and the security headers, with no script and no inline style', async () => {
    const s = stack();
    await county(s);
    const cookie = await sessionOf(s, 'coordinator');
    const response = await get(s, '/', cookie);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    const css = await get(s, '/static/ledger.css', '');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await textOf(css)).toMatch(/@page \{ size: A4 landscape;/);
    const post = await get(s, '/', cookie, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(await post.text()).toContain('只能查看');
  });

  it('shows a liaison only their units’ tasks, and refuses an outsider in Discord', async () => {
    const s = stack();
    await county(s);
    const cookie = await sessionOf(s, 'liaison');
    const page = await (await get(s, '/', cookie)).text();
    // 城关镇 leads （一）（三） and supports （二）; （四） is 区政务服务中心's and 区司法局's.
    expect(taskRows(page)).toEqual([1, 2, 3]);
    expect(page).toContain('本单位(城关镇)承担的任务');
    expect(await s.seen(s.run('outsider', 'ledger open'))).toContain('还不是本服务器督办工作的成员');
    const ranking = await get(s, '/ranking', cookie);
    expect(ranking.status).toBe(403);
    expect(await ranking.text()).toContain('考核排名仅限督办人和领导查看');
  });

  it('refuses a page without a session, an expired, a tampered and a foreign-signed link, each with a Chinese page', async () => {
    const s = stack();
    await county(s);
    const none = await get(s, '/', '');
    expect(none.status).toBe(401);
    expect(await none.text()).toContain('/台账 打开');

    const url = await linkFor(s, 'leader');
    const token = url.split('/l/')[1] ?? '';
    const tampered = `${url.slice(0, -3)}${url.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const bad = await fetch(tampered, { redirect: 'manual' });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('链接无效');
    const foreign = await createLedgerTokens({ secret: 'another-deployment-secret-0123456789abcdef', clock: s.clock, linkHours: 24 }).issueLink({
      guildId: s.world.guild.id,
      userId: s.userId('leader'),
    });
    expect((await fetch(`${ledgerUrl(s)}/l/${foreign.token}`, { redirect: 'manual' })).status).toBe(401);
    // A session cookie is not a link, nor a link a session.
    expect((await get(s, '/', `duban_ledger=${token}`)).status).toBe(401);

    const cookie = await openLink(url);
    s.clock.advance(25 * 3_600_000);
    try {
      const expired = await get(s, '/', cookie);
      expect(expired.status).toBe(401);
      expect(await expired.text()).toContain('已过期');
      expect(expired.headers.get('set-cookie') ?? '').toMatch(/duban_ledger=;/);
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
    } finally {
      s.clock.advance(-25 * 3_600_000);
    }
  });

  it('ends every link and open session of a person with /ledger revoke, and lets a new link work', async () => {
    const s = stack();
    await county(s);
    const url = await linkFor(s, 'coordinator');
    const cookie = await openLink(url);
    expect((await get(s, '/', cookie)).status).toBe(200);
    s.clock.advance(1_000);
    expect(await s.seen(s.run('coordinator', 'ledger revoke'))).toContain('已撤销');
    const after = await get(s, '/', cookie);
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('已被撤销');
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
    s.clock.advance(1_000);
    expect((await get(s, '/', await sessionOf(s, 'coordinator'))).status).toBe(200);
    // Another person's session is untouched.
    expect((await get(s, '/', await sessionOf(s, 'leader'))).status).toBe(200);
  });

  it('takes a role removed in Discord into account at the next request', async () => {
    const s = stack();
    await county(s);
    const cookie = await sessionOf(s, 'leader');
    expect(taskRows(await (await get(s, '/', cookie)).text())).toEqual([1, 2, 3, 4]);
    s.lc.addMember(s.world.guild.id, s.userId('leader'), { roles: [] });
    try {
      const refused = await get(s, '/', cookie);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('还不是本服务器督办工作的成员');
    } finally {
      s.lc.addMember(s.world.guild.id, s.userId('leader'), { roles: [s.world.roles.leaders.id] });
    }
    expect((await get(s, '/', await sessionOf(s, 'leader'))).status).toBe(200);
  });

  it('reaches no other server’s data: another county’s link shows its own workspace, a forged one for ours is refused', async () => {
    const s = stack();
    await county(s);
    const other = s.addGuild('邻县人民政府');
    const answer = await s.seen(other.run('ledger open'));
    const url = linkPattern.exec(answer)?.[1] ?? '';
    // The other county has no notice yet: its ledger says so, and nothing of 清河区 shows.
    const page = await get(s, '/', await openLink(url));
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('尚未导入工作要点');
    expect(text).not.toContain('清河区');
    // A token naming our server for their administrator (signed with the right secret): not a member here.
    const forged = await createLedgerTokens({ secret: ledgerTestSecret, clock: s.clock, linkHours: 24 }).issueLink({
      guildId: s.world.guild.id,
      userId: other.adminId,
    });
    const refused = await fetch(`${ledgerUrl(s)}/l/${forged.token}`, { redirect: 'manual' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('不是这个服务器的成员');
  });

  it('filters and searches on the server, and explains a filter value it ignores', async () => {
    const s = stack();
    const seeded: SeededCounty = await county(s);
    const cookie = await sessionOf(s, 'coordinator');
    const rows = async (query: string) => taskRows(await (await get(s, `/${query}`, cookie)).text());
    expect(await rows('?light=green')).toEqual([1]);
    expect(await rows(`?unit=${seeded.units.service}`)).toEqual([4]);
    expect(await rows('?category=township')).toEqual([1, 2, 3]);
    expect(await rows('?section=2')).toEqual([3, 4]);
    expect(await rows('?status=unreported')).toEqual([2, 3, 4]);
    expect(await rows(`?q=${encodeURIComponent('互联网')}`)).toEqual([3]);
    const bad = await get(s, '/?light=purple&section=abc&q=', cookie);
    expect(bad.status).toBe(200);
    const text = await textOf(bad);
    expect(text).toContain('筛选条件“颜色”的值无效,已忽略。');
    expect(text).toContain('筛选条件“部分”的值无效,已忽略。');
    expect(taskRows(text)).toEqual([1, 2, 3, 4]);
    // Filter inputs are labelled, the table has headers with scope, the lights are written out.
    expect(text).toMatch(/<label for="f-light" ?>颜色<select id="f-light" name="light">/);
    expect(text).toMatch(/<th scope="col">本期三色<\/th>/);
    expect(text).toMatch(/<li data-light="yellow"><span class="l l-yellow">黄<\/span>/);
  });

  it('downloads the ledger as an .xlsx that opens with exceljs', async () => {
    const s = stack();
    await county(s);
    const cookie = await sessionOf(s, 'coordinator');
    const response = await get(s, '/ledger.xlsx?section=1', cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*\.xlsx"; filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('台账');
    const values = (row: number) => (sheet?.getRow(row).values as unknown[]).slice(1);
    expect(values(2)).toContain('任务');
    expect(sheet?.rowCount).toBe(4);
    expect(values(3)[0]).toBe(1);
    expect(values(3)).toContain('城关镇');
    expect(workbook.getWorksheet('颜色规则')?.getRow(2).values).toBeTruthy();
  });

  it('serves evidence only to those who may see its report, named as uploaded, inline only for a real image', async () => {
    const s = stack();
    await county(s);
    const coordinator = await sessionOf(s, 'coordinator');
    const task = await textOf(await get(s, '/tasks/1', coordinator));
    const ids = [...task.matchAll(/href="\/evidence\/(\d+)\?download=1"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(task).toMatch(/<img src="\/evidence\/\d+" alt="佐证材料:学习照片 一.png"/);
    expect(task).toContain('城关镇 赵敏 于 2026-03-20 10:00 报送');

    const image = await get(s, `/evidence/${ids[0]}`, coordinator);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-disposition')).toBe(`inline; filename="____ _.png"; filename*=UTF-8''${encodeURIComponent('学习照片 一.png')}`);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png);
    // An SVG is never shown inline: downloaded, as bytes, under its own (escaped) name.
    const svg = await get(s, `/evidence/${ids[1]}`, coordinator);
    expect(svg.headers.get('content-type')).toBe('application/octet-stream');
    expect(svg.headers.get('content-disposition')).toBe(`attachment; filename="report__ evil.svg"; filename*=UTF-8''report%22%3B%20evil.svg`);

    // 区政务服务中心's liaison answers only for （四）: the file of （一） is not theirs to see.
    const forged = await createLedgerTokens({ secret: ledgerTestSecret, clock: s.clock, linkHours: 24 }).issueLink({
      guildId: s.world.guild.id,
      userId: (await county(s)).dmLiaison,
    });
    const stranger = await openLink(`${ledgerUrl(s)}/l/${forged.token}`);
    expect((await get(s, '/', stranger)).status).toBe(200);
    const refused = await get(s, `/evidence/${ids[0]}`, stranger);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('找不到这个佐证材料');
    expect((await get(s, '/tasks/1', stranger)).status).toBe(403);
  });

  it('opens the evidence from /task show in Discord: the files attached, and a personal link to the task’s page', async () => {
    const s = stack();
    await county(s);
    for (const persona of ['coordinator', 'liaison'] as const) {
      const shown = await s.run(persona, 'task show', { number: '1' }).waitForReply();
      const pressed = s.click(persona, shown, '佐证材料(2)');
      const answer = await pressed.waitForReply();
      expect((answer.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(answer.content).toContain('第 1 项任务的佐证材料,共 2 个');
      expect(answer.content).toContain('城关镇 · 2026年第一季度 · 第 1 版:学习照片 一.png');
      // Discord writes spaces in attachment names as underscores.
      expect(answer.attachments.map((a) => a.filename).sort()).toEqual(['report";_evil.svg', '学习照片_一.png'].sort());
      const link = /<(http:\/\/127\.0\.0\.1:\d+\/l\/[^>]+)>/.exec(answer.content)?.[1] ?? '';
      const opened = await fetch(link, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe('/tasks/1');
    }
    // A task with no evidence has no button.
    expect(await s.seen(s.run('coordinator', 'task show', { number: '2' }))).not.toContain('佐证材料(');
  });

  it('opens the unit, task and ranking pages for a coordinator', async () => {
    const s = stack();
    const seeded = await county(s);
    const cookie = await sessionOf(s, 'coordinator');
    const unit = await get(s, `/units/${seeded.units.chengguan}`, cookie);
    expect(unit.status).toBe(200);
    const unitPage = await unit.text();
    expect(unitPage).toContain('<h1>城关镇</h1>');
    expect(unitPage).toContain('本季度考核得分');
    const units = await (await get(s, '/units', cookie)).text();
    expect(units).toContain(`href="/units/${seeded.units.justice}"`);
    const ranking = await get(s, '/ranking?quarter=1&category=township', cookie);
    expect(ranking.status).toBe(200);
    expect(await ranking.text()).toContain('2026年第一季度考核排名（镇街）');
    const chart = await get(s, '/ranking/chart.png?quarter=1&category=township', cookie);
    expect(chart.headers.get('content-type')).toBe('image/png');
    expect((await get(s, '/tasks/99', cookie)).status).toBe(404);
    expect((await get(s, '/units/999999', cookie)).status).toBe(404);
  });
});
