import { html } from 'hono/html';
import type { LedgerOverview, LedgerQuery, LedgerTaskRow, LightCell } from '../../../app/ledger/index.js';
import { taskStatusChoices } from '../../../app/tasks/task-queries.js';
import { ledgerLightLabels, type LedgerLight } from '../../../domain/cycle/index.js';
import { progressStatusLabels } from '../../../domain/progress/index.js';
import { unitCategoryLabels } from '../../../domain/units/index.js';
import { cut, lightBadge, type Html } from './layout.js';

const lightOrder: readonly LedgerLight[] = ['red', 'yellow', 'green'];
/** A task with more units than this names its red and yellow ones and counts the green ones, keeping the page small. */
const NAME_ALL_UNITS_UP_TO = 8;
/** At most this many names a colour on one task; the task's page lists every unit. */
const NAMES_PER_LIGHT = 40;

/** The query string of a ledger view, with some filters changed (undefined drops one). */
export function queryString(query: LedgerQuery, changes: Partial<Record<keyof LedgerQuery, string | number | undefined>> = {}): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...query, ...changes };
  for (const key of ['period', 'section', 'unit', 'category', 'light', 'status', 'q'] as const) {
    const value = merged[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function unitLabel(cell: LightCell): string {
  if (cell.reason === 'blocked') return `${cell.unitName}(受阻)`;
  if (cell.standing === 'sent_back') return `${cell.unitName}(退回)`;
  return cell.unitName;
}

/** A task's units by colour: red and yellow always by name, green by name on small tasks. */
export function renderCells(cells: readonly LightCell[]): Html {
  const nameAll = cells.length <= NAME_ALL_UNITS_UP_TO;
  const items = lightOrder.flatMap((light) => {
    const list = cells.filter((c) => c.light === light);
    if (list.length === 0) return [];
    const names =
      light === 'green' && !nameAll
        ? list.length === cells.length
          ? `全部 ${list.length} 个单位`
          : `其余 ${list.length} 个单位`
        : list.map(unitLabel).join('、');
    return [html`<li data-light="${light}">${lightBadge(light)}${names}</li>`];
  });
  return html`<ul class="lights">
    ${items}
  </ul>`;
}

function deadlineText(row: Pick<LedgerTaskRow, 'deadline' | 'deadlinePhrase'>): string {
  if (row.deadline && row.deadlinePhrase && row.deadlinePhrase !== row.deadline) return `${row.deadlinePhrase}(${row.deadline})`;
  return row.deadline ?? row.deadlinePhrase ?? '—';
}

function renderRow(row: LedgerTaskRow): Html {
  const latest = row.latest
    ? html`<span class="latest">${row.latest.unitName}:${progressStatusLabels[row.latest.status]}${row.latest.text ? html`,${row.latest.text}` : ''}</span>`
    : html`<span class="note">本期未报送</span>`;
  return html`<tr id="task-${row.seq}" data-state="${row.state}">
    <td class="num">${row.seq}<br />${row.label}</td>
    <th scope="row"><a href="/tasks/${row.seq}">${cut(row.title, 50)}</a>${row.state === 'closed' ? html` <span class="note">(已办结)</span>` : ''}</th>
    <td>${row.lead.join('、') || html`<span class="note">未指定</span>`}</td>
    <td class="col-support">${row.support.join('、') || '—'}</td>
    <td>${row.note ? html`<span class="note">${row.note}</span>` : renderCells(row.cells)}</td>
    <td>${latest}</td>
    <td class="col-deadline">${deadlineText(row)}</td>
  </tr>`;
}

function option(value: string | number, label: string, selected: unknown): Html {
  return String(selected) === String(value) ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
}

function renderFilters(view: LedgerOverview): Html {
  const q = view.query;
  return html`<form id="filters" method="get" action="/" role="search" aria-label="筛选与搜索">
    <label for="f-period"
      >报送周期<select id="f-period" name="period">
        ${view.periods.map((p) => option(p.key, p.label, q.period ?? view.period.key))}
      </select></label
    >
    <label for="f-section"
      >部分<select id="f-section" name="section">
        <option value="">全部</option>
        ${view.options.sections.map((s) => option(s.no, cut(`${s.no}. ${s.title ?? ''}`, 24), q.section))}
      </select></label
    >
    <label for="f-unit"
      >单位<select id="f-unit" name="unit">
        <option value="">全部</option>
        ${view.options.units.map((u) => option(u.id, u.name, q.unit))}
      </select></label
    >
    <label for="f-category"
      >类别<select id="f-category" name="category">
        <option value="">全部</option>
        ${(['department', 'township'] as const).map((c) => option(c, unitCategoryLabels[c], q.category))}
      </select></label
    >
    <label for="f-light"
      >颜色<select id="f-light" name="light">
        <option value="">全部</option>
        ${lightOrder.map((l) => option(l, ledgerLightLabels[l], q.light))}
      </select></label
    >
    <label for="f-status"
      >状态<select id="f-status" name="status">
        <option value="">全部</option>
        ${taskStatusChoices.map((c) => option(c.value, c.label, q.status))}
      </select></label
    >
    <label for="f-q">搜索<input id="f-q" type="search" name="q" value="${q.q ?? ''}" maxlength="50" placeholder="编号、标题或单位" /></label>
    <button type="submit">筛选</button> <a href="/">清除筛选</a>
  </form>`;
}

/** 总览: counts, filters, the colour rules, and the table of sections and tasks. */
export function renderOverview(view: LedgerOverview): Html {
  const q = view.query;
  const counts = lightOrder.map(
    (light) =>
      html`<li data-light="${light}">
        <a href="/${queryString(q, { light })}">${lightBadge(light)}<strong id="count-${light}">${view.counts[light]}</strong></a>
      </li>`,
  );
  const scope = view.ownUnits ? `本单位(${view.ownUnits.join('、')})承担的任务` : '全部任务';
  const rows = view.sections.map(
    (section) =>
      html`<tr class="section">
          <th scope="rowgroup" colspan="7">${section.no === null ? '未分部分' : `${section.no}. ${section.title ?? ''}`}</th>
        </tr>
        ${section.tasks.map(renderRow)}`,
  );
  return html`<h1>${view.workspaceName} ${view.year}年督办台账</h1>
    <p class="sub">${view.period.label}(截止 ${view.period.dueDate})· 今天 ${view.today} · ${scope}:显示 ${view.shownTasks} / ${view.totalTasks} 项</p>
    ${view.notices.map((n) => html`<p class="notice" role="status">${n}</p>`)}
    <section id="light-counts" aria-label="本期三色统计(单位×任务)">
      <ul>
        ${counts}
      </ul>
    </section>
    ${renderFilters(view)}
    <details id="light-rules" open>
      <summary>三色督办规则</summary>
      <ul>
        ${view.rules.map((r) => html`<li>${r.light ? lightBadge(r.light) : ''}${r.text}</li>`)}
      </ul>
    </details>
    <p class="actions no-print"><a id="download-xlsx" href="/ledger.xlsx${queryString(q)}">下载 Excel(.xlsx)</a></p>
    <div class="table-wrap">
      <table id="ledger-table">
        <caption>
          ${view.period.label}台账:每项任务各责任单位本期的颜色
        </caption>
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">任务</th>
            <th scope="col">牵头单位</th>
            <th scope="col" class="col-support">配合单位</th>
            <th scope="col">本期三色</th>
            <th scope="col">最新进展</th>
            <th scope="col" class="col-deadline">完成时限</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    ${view.shownTasks === 0 ? html`<p class="notice" role="status">没有符合筛选条件的任务。</p>` : ''}`;
}
