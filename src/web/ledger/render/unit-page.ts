import { html } from 'hono/html';
import { historyMarkLabels, type HistoryMark, type LedgerUnitList, type LedgerUnitPage } from '../../../app/ledger/index.js';
import { taskRoleLabels } from '../../../app/ranking/index.js';
import { ledgerLightLabels, lightReasonLabels, type LedgerLight } from '../../../domain/cycle/index.js';
import { commandRef } from '../../../command-names.js';
import { unitCategoryLabels } from '../../../domain/units/index.js';
import { cut, lightBadge, type Html } from './layout.js';

const lights: readonly LedgerLight[] = ['red', 'yellow', 'green'];
const marks: readonly HistoryMark[] = ['on_time', 'late', 'missing', 'sent_back', 'pending', 'voluntary'];

function countCells(counts: Record<LedgerLight, number>): Html[] {
  return lights.map((l) => html`<td class="num">${lightBadge(l)}${counts[l]}</td>`);
}

/** 单位 index: every unit the viewer may open, with this period's counts. */
export function renderUnitList(list: LedgerUnitList): Html {
  return html`<h1>单位</h1>
    <p class="sub">${list.period.label}各单位承担任务的三色统计(截止 ${list.period.dueDate})</p>
    <div class="table-wrap">
      <table id="unit-table">
        <caption>
          单位列表
        </caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">类别</th>
            ${lights.map((l) => html`<th scope="col">${ledgerLightLabels[l]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${list.units.map(
            (u) =>
              html`<tr data-unit="${u.id}">
                <th scope="row"><a href="/units/${u.id}">${u.name}</a></th>
                <td>${unitCategoryLabels[u.category]}</td>
                ${countCells(u.counts)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

/** 单位: its tasks with this period's light, its history of reports, its score this quarter. */
export function renderUnitPage(view: LedgerUnitPage): Html {
  const history = view.history;
  const taskRows = view.tasks.map(
    (t) =>
      html`<tr id="task-${t.seq}">
        <td class="num">${t.seq}<br />${t.label}</td>
        <th scope="row"><a href="/tasks/${t.seq}">${cut(t.title, 60)}</a></th>
        <td>${taskRoleLabels[t.role]}</td>
        <td>
          ${t.cell ? html`${lightBadge(t.cell.light)}${lightReasonLabels[t.cell.reason]}` : html`<span class="note">${t.state === 'closed' ? '已办结' : '本期不要求报送'}</span>`}
        </td>
        <td>${t.deadline ?? '—'}</td>
        ${history.map((h) => html`<td>${h.marks.has(t.id) ? historyMarkLabels[h.marks.get(t.id) as HistoryMark] : '—'}</td>`)}
      </tr>`,
  );
  const score = view.score;
  const result = score?.result;
  const scoreSection = result
    ? html`<p>
          ${score.report.periodLabel}(${result.categoryLabel}):<strong id="unit-score">${result.score.toFixed(2)}</strong> 分,${
            result.rank === null ? (result.unrankedReason ?? '未排名') : html`第 ${result.rank} 名${result.tied ? '(并列)' : ''}`
          }${score.report.provisional ? '(本季度尚未到截止日,排名为暂定)' : ''}
        </p>
        <table id="score-breakdown">
          <caption>
            得分明细(与 ${commandRef('ranking show')} 中“查看得分明细”相同)
          </caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              <th scope="col">任务</th>
              <th scope="col">分值</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            ${result.breakdown.map(
              (b) =>
                html`<tr>
                  <th scope="row">${b.kindLabel}</th>
                  <td>${b.taskLabel ?? '—'}</td>
                  <td class="num">${b.points > 0 ? `+${b.points}` : b.points}</td>
                  <td>${b.reason}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
    : html`<p class="note">${view.scoreNote ?? '本季度该单位没有需要报送的任务,不参加排名。'}</p>`;
  return html`<h1>${view.unit.name}</h1>
    <p class="sub">
      ${unitCategoryLabels[view.unit.category]}${view.unit.active ? '' : '(已停用)'} · ${view.year}年 · ${view.period.label}(截止 ${view.period.dueDate})
    </p>
    <section id="light-counts" aria-label="本期三色统计">
      <ul>
        ${lights.map((l) => html`<li data-light="${l}">${lightBadge(l)}<strong>${view.counts[l]}</strong></li>`)}
      </ul>
    </section>
    <h2>承担的任务与报送记录</h2>
    <div class="table-wrap">
      <table id="unit-tasks">
        <caption>
          本期颜色,以及各报送周期的报送情况(按时 / 迟报 / 未报送 / 退回待重报 / 待报送)
        </caption>
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">任务</th>
            <th scope="col">角色</th>
            <th scope="col">本期</th>
            <th scope="col">完成时限</th>
            ${history.map((h) => html`<th scope="col">${h.period.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${taskRows}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="5">合计</th>
            ${history.map(
              (h) =>
                html`<td>
                  ${
                    marks
                      .filter((m) => h.counts[m] > 0)
                      .map((m) => `${historyMarkLabels[m]} ${h.counts[m]}`)
                      .join(',') || '—'
                  }
                </td>`,
            )}
          </tr>
        </tfoot>
      </table>
    </div>
    <h2>本季度考核得分</h2>
    ${scoreSection}`;
}
