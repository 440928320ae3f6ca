import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { timing } from 'hono/timing';
import { z } from 'zod';
import {
  buildLedgerOverview,
  buildLedgerRanking,
  buildLedgerTask,
  buildLedgerUnit,
  buildLedgerUnitList,
  openLedgerEvidence,
  resolveLedgerViewer,
  type LedgerViewer,
} from '../../app/ledger/index.js';
import type { AppContext } from '../../app/context.js';
import { buildLedgerWorkbook, renderRankingChart } from '../../exports/index.js';
import { UserError } from '../../errors.js';
import type { GuildMembers } from '../../ports.js';
import { contentDisposition, inlineImageType } from './evidence-response.js';
import { parseLedgerQuery, rankingQuerySchema } from './ledger-query.js';
import { LedgerTokenError, type LedgerTokens } from './ledger-tokens.js';
import { renderMessagePage, renderPage, type Html } from './render/layout.js';
import { renderOverview } from './render/overview-page.js';
import { renderRanking } from './render/ranking-page.js';
import { renderTaskPage } from './render/task-page.js';
import { renderUnitList, renderUnitPage } from './render/unit-page.js';

export const SESSION_COOKIE = 'duban_ledger';

/** Where a link may open: the overview, or one task, unit or evidence file. */
const linkTargetSchema = z.string().regex(/^\/(?:(?:tasks|units|evidence)\/\d{1,12})?$/);

const stylesheet = readFileSync(new URL('./static/ledger.css', import.meta.url), 'utf8');

export interface LedgerAppDeps {
  /** The use-cases' context: the store, the clock and the logger (the ledger never writes). */
  app: AppContext;
  members: GuildMembers;
  tokens: LedgerTokens;
  /** Mark the cookie Secure (the ledger is reached over https, PUBLIC_URL says so). */
  secureCookie: boolean;
}

type Env = { Variables: { viewer: LedgerViewer } };

/**
 * The overview without the templates' line breaks and indentation between tags (a tenth of a large
 * page). Only a newline followed by indentation between two tags goes: the overview's text never holds
 * a newline (titles are one line, progress is cut to its first line), so no text changes.
 */
function compactMarkup(markup: string): string {
  return markup.replace(/>\n\s*</g, '><');
}

/** What a refused or failed request is answered with: the status, the page's title and message. */
function describeFailure(error: unknown): { status: 200 | 400 | 401 | 403 | 404; title: string; message: string; dropSession: boolean } | null {
  if (error instanceof LedgerTokenError) {
    return error.reason === 'expired'
      ? { status: 401, title: '链接已过期', message: '这个台账链接已过期(链接在发出后的有效期内可用)。', dropSession: true }
      : { status: 401, title: '链接无效', message: '这个台账链接无效:它可能被改动过、复制不完整,或不是本系统发出的。', dropSession: true };
  }
  if (!(error instanceof UserError)) return null;
  const { code, message } = error;
  if (code === 'ledger_revoked') return { status: 401, title: '链接已撤销', message, dropSession: true };
  if (code === 'ledger_not_member') return { status: 403, title: '无权查看', message, dropSession: true };
  if (code.startsWith('forbidden')) return { status: 403, title: '无权查看', message, dropSession: code === 'forbidden_member' };
  if (code === 'ledger_no_workspace') return { status: 404, title: '找不到工作区', message, dropSession: true };
  // Nothing to show yet is not an error: the page says what the coordinator does first.
  if (code === 'no_notice') return { status: 200, title: '尚无台账', message, dropSession: false };
  if (code.startsWith('unknown')) return { status: 404, title: '找不到', message, dropSession: false };
  return { status: 400, title: '无法显示', message, dropSession: false };
}

/**
 * The ledger's web application: read-only (GET and HEAD only), every page behind the session cookie a
 * personal link (/l/<token>) sets, the viewer re-resolved on every request with the commands' rules.
 * Server-rendered HTML (hono's html template, escaping by default), one stylesheet, no script.
 */
export function createLedgerApp(deps: LedgerAppDeps): Hono<Env> {
  const { app: ctx, members, tokens } = deps;
  const log = ctx.logger.child({ component: 'ledger' });
  const web = new Hono<Env>();

  // Server-Timing: what the benchmark and a browser's devtools read as the server's own time for a page.
  web.use(timing());
  web.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      xFrameOptions: 'DENY',
    }),
  );
  web.use(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.header('allow', 'GET, HEAD');
      return page(c, 405, renderMessagePage({ title: '不支持的操作', message: '督办台账只能查看,不能修改。', hint: null }));
    }
    await next();
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });

  const page = (c: Context, status: number, body: Html | string) => c.html(body, status as 200);

  web.onError((error, c) => {
    const failure = describeFailure(error);
    if (failure) {
      if (failure.dropSession) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      // A refusal of the link says how to get a new one; "nothing yet" (200) and the rest need no such hint.
      const linkProblem = failure.status === 401 || failure.dropSession;
      return page(c, failure.status, renderMessagePage({ title: failure.title, message: failure.message, ...(linkProblem ? {} : { hint: null }) }));
    }
    const errorId = randomBytes(4).toString('hex');
    log.error({ err: error, errorId, path: c.req.path }, 'ledger request failed');
    return page(
      c,
      500,
      renderMessagePage({ title: '出错了', message: `服务器处理时出错(错误编号 ${errorId})。请稍后重试;如果一直出错,请把错误编号告诉督办人。`, hint: null }),
    );
  });
  web.notFound((c) => page(c, 404, renderMessagePage({ title: '找不到页面', message: '没有这个页面。请从台账总览进入。', hint: null })));

  web.get('/static/ledger.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(stylesheet);
  });

  // The personal link: checked like any page (so a revoked or outsider's link says so at once), then
  // exchanged for the session cookie and redirected, so the token leaves the address bar and history.
  web.get('/l/:token', async (c) => {
    const claims = await tokens.verify(c.req.param('token'), 'link');
    await resolveLedgerViewer(ctx.store, members, claims);
    setCookie(c, SESSION_COOKIE, await tokens.issueSession(claims), {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.secureCookie,
      // Max-Age, not Expires: a lifetime counted by the browser from now, so a browser whose clock is
      // off from the server's neither drops the cookie at once nor keeps it past the link's expiry.
      maxAge: Math.max(0, Math.floor((claims.expiresAt.getTime() - ctx.clock.now().getTime()) / 1000)),
    });
    log.info({ guild: claims.guildId, user: claims.userId, link: claims.linkId }, 'ledger link opened');
    // Only a page of the ledger itself: a link can never send the browser elsewhere.
    const to = linkTargetSchema.safeParse(c.req.query('to'));
    return c.redirect(to.success ? to.data : '/', 303);
  });

  // Every other page: the session, then the viewer as the commands would see them now.
  web.use(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) {
      return page(c, 401, renderMessagePage({ title: '请先获取链接', message: '督办台账需要从 Discord 获取的个人链接才能打开。' }));
    }
    const claims = await tokens.verify(token, 'session');
    c.set('viewer', await resolveLedgerViewer(ctx.store, members, claims));
    await next();
  });

  const now = () => ctx.clock.now();

  web.get('/', async (c) => {
    const viewer = c.get('viewer');
    const { query, notices } = parseLedgerQuery(new URL(c.req.url).searchParams);
    const view = await buildLedgerOverview(ctx.store, viewer, { query, now: now() });
    const shown = { ...view, notices: [...notices, ...view.notices] };
    return page(c, 200, compactMarkup(await renderPage({ title: `${view.year}年督办台账`, viewer, nav: 'overview', body: renderOverview(shown) })));
  });

  web.get('/ledger.xlsx', async (c) => {
    const viewer = c.get('viewer');
    const { query } = parseLedgerQuery(new URL(c.req.url).searchParams);
    const view = await buildLedgerOverview(ctx.store, viewer, { query, now: now() });
    const file = await buildLedgerWorkbook(view);
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('content-disposition', contentDisposition('attachment', `${view.workspaceName}${view.period.label}督办台账.xlsx`));
    return c.body(new Uint8Array(file));
  });

  web.get('/units', async (c) => {
    const viewer = c.get('viewer');
    const list = await buildLedgerUnitList(ctx.store, viewer, { now: now() });
    return page(c, 200, renderPage({ title: '单位', viewer, nav: 'units', body: renderUnitList(list) }));
  });

  web.get('/units/:id{[0-9]{1,9}}', async (c) => {
    const viewer = c.get('viewer');
    const view = await buildLedgerUnit(ctx, viewer, { unitId: Number(c.req.param('id')), now: now() });
    return page(c, 200, renderPage({ title: view.unit.name, viewer, nav: 'units', body: renderUnitPage(view) }));
  });

  web.get('/tasks/:seq{[0-9]{1,6}}', async (c) => {
    const viewer = c.get('viewer');
    const view = await buildLedgerTask(ctx, members, viewer, { seq: Number(c.req.param('seq')), now: now() });
    return page(c, 200, renderPage({ title: `第 ${view.task.seq} 项任务`, viewer, nav: 'overview', body: renderTaskPage(view, viewer.workspace.time_zone) }));
  });

  web.get('/evidence/:id{[0-9]{1,12}}', async (c) => {
    const viewer = c.get('viewer');
    const file = await openLedgerEvidence(ctx, viewer, Number(c.req.param('id')));
    const inline = c.req.query('download') === undefined ? inlineImageType(file.contentType, file.bytes) : null;
    c.header('content-type', inline ?? 'application/octet-stream');
    c.header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.filename));
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'private, no-store');
    return c.body(new Uint8Array(file.bytes));
  });

  web.get('/ranking', async (c) => {
    const viewer = c.get('viewer');
    const asked = rankingQuerySchema.parse(c.req.query());
    const report = await buildLedgerRanking(ctx, viewer, { ...asked, now: now() });
    return page(c, 200, renderPage({ title: report.title, viewer, nav: 'ranking', body: renderRanking(report, asked) }));
  });

  web.get('/ranking/chart.png', async (c) => {
    const viewer = c.get('viewer');
    const asked = rankingQuerySchema.parse(c.req.query());
    const report = await buildLedgerRanking(ctx, viewer, { ...asked, now: now() });
    c.header('content-type', 'image/png');
    return c.body(new Uint8Array(await renderRankingChart(report.ranking, { title: report.title })));
  });

  return web;
}
