import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { commandRef } from '../../../command-names.js';
import { ledgerLightLabels, type LedgerLight } from '../../../domain/cycle/index.js';
import type { LedgerViewer } from '../../../app/ledger/index.js';
import { canSeeAllUnits } from '../../../app/access.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export type NavKey = 'overview' | 'units' | 'ranking' | 'none';

/** The viewer's part in the work, as the header names it. */
function roleOf(viewer: LedgerViewer): string {
  const { access } = viewer;
  if (access.isCoordinator) return '督办人';
  if (access.isLeader) return '领导';
  return `联络员(${access.units.map((u) => u.name).join('、')})`;
}

/** A light as text and colour, never colour alone. */
export function lightBadge(light: LedgerLight | null, label?: string): Html {
  if (!light) return html`<span class="l l-none">${label ?? '—'}</span>`;
  return html`<span class="l l-${light}">${label ?? ledgerLightLabels[light]}</span>`;
}

export { formatLocalDateTime as formatTime } from '../../../domain/calendar/index.js';

export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Every page: the skip link, the navigation the viewer may use, who they are, the content. */
export function renderPage(input: { title: string; viewer: LedgerViewer | null; nav: NavKey; body: Html }): Html {
  const { viewer, nav } = input;
  const link = (key: NavKey, href: string, label: string) =>
    key === nav ? html`<li><a href="${href}" aria-current="page">${label}</a></li>` : html`<li><a href="${href}">${label}</a></li>`;
  const links = viewer
    ? html`<nav aria-label="台账导航">
          <ul>
            ${link('overview', '/', '总览')} ${link('units', '/units', '单位')} ${canSeeAllUnits(viewer.access) ? link('ranking', '/ranking', '排名') : ''}
          </ul>
        </nav>
        <p class="who">${viewer.workspace.name} · ${viewer.displayName} · ${roleOf(viewer)}</p>`
    : html`<p class="who">督办台账</p>`;
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${input.title} - 督办台账</title>
        <link rel="stylesheet" href="/static/ledger.css" />
      </head>
      <body>
        <a class="skip" href="#main">跳到正文</a>
        <header class="top">${links}</header>
        <main id="main">${input.body}</main>
      </body>
    </html>`;
}

/** A refusal or an error as a page of its own: what happened and what to do. */
export function renderMessagePage(input: { title: string; message: string; viewer?: LedgerViewer | null; hint?: string | null }): Html {
  const hint = input.hint === undefined ? `在 Discord 的服务器中发送 ${commandRef('ledger open')},即可收到新的个人台账链接。` : input.hint;
  return renderPage({
    title: input.title,
    viewer: input.viewer ?? null,
    nav: 'none',
    body: html`<h1>${input.title}</h1>
      <p id="message">${input.message}</p>
      ${hint ? html`<p class="sub">${hint}</p>` : ''}`,
  });
}
