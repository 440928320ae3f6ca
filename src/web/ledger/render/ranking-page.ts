import { html } from 'hono/html';
import type { RankingReport } from '../../../app/ranking/index.js';
import { unitCategoryLabels } from '../../../domain/units/index.js';
import type { Html } from './layout.js';

const quarterNames = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

/** 排名: the quarter's or year's ranking in one category, with the chart /ranking sends, and the rules. */
export function renderRanking(report: RankingReport, asked: { quarter?: number | undefined; category: 'department' | 'township' }): Html {
  const params = (changes: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    const merged: Record<string, string | number | undefined> = { year: report.year, quarter: asked.quarter, category: asked.category, ...changes };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined) p.set(k, String(v));
    return `?${p.toString()}`;
  };
  const choices = html`<nav aria-label="排名范围" class="actions no-print">
    ${[1, 2, 3, 4].map((q) => html`<a href="/ranking${params({ quarter: q })}">${quarterNames[q - 1]}</a>`)}
    <a href="/ranking${params({ quarter: undefined })}">全年</a> ·
    ${(['department', 'township'] as const).map((c) => html`<a href="/ranking${params({ category: c })}">${unitCategoryLabels[c]}</a>`)}
  </nav>`;
  const ranked = report.units.filter((u) => u.rank !== null);
  const unranked = report.units.filter((u) => u.rank === null);
  const yearColumns = report.scope === 'year';
  return html`<h1>${report.title}</h1>
    <p class="sub">
      ${report.provisional ? '含尚未到截止日的季度,排名为暂定。' : ''}${yearColumns ? `计入:${report.quartersCounted.map((q) => quarterNames[q - 1]).join('、') || '—'}` : `截止 ${report.dueDate ?? ''}`}
    </p>
    ${choices}
    <figure class="chart">
      <img src="/ranking/chart.png${params({})}" alt="${report.title}柱状图(数据见下表)" />
      <figcaption>${report.title}</figcaption>
    </figure>
    <div class="table-wrap">
      <table id="ranking-table">
        <caption>
          ${report.title}
        </caption>
        <thead>
          <tr>
            <th scope="col">名次</th>
            <th scope="col">单位</th>
            <th scope="col">得分</th>
            ${yearColumns ? quarterNames.map((q) => html`<th scope="col">${q}</th>`) : ''}
            <th scope="col">应报</th>
            <th scope="col">已报</th>
            <th scope="col">未报</th>
            <th scope="col">迟报</th>
          </tr>
        </thead>
        <tbody>
          ${ranked.map(
            (u) =>
              html`<tr data-unit="${u.unitId}">
                <td class="num">${u.rank}${u.tied ? '(并列)' : ''}</td>
                <th scope="row"><a href="/units/${u.unitId}">${u.name}</a></th>
                <td class="num">${u.score.toFixed(2)}</td>
                ${yearColumns ? (u.quarterScores ?? [null, null, null, null]).map((s) => html`<td class="num">${s === null ? '—' : s.toFixed(2)}</td>`) : ''}
                <td class="num">${u.stats.tasks}</td>
                <td class="num">${u.stats.reported}</td>
                <td class="num">${u.stats.missing}</td>
                <td class="num">${u.stats.late}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      unranked.length
        ? html`<h2>未排名</h2>
            <ul>
              ${unranked.map((u) => html`<li>${u.name}:${u.unrankedReason ?? ''}</li>`)}
            </ul>`
        : ''
    }
    <details>
      <summary>评分规则</summary>
      <ul>
        ${report.rulesText.map((line) => html`<li>${line}</li>`)}
      </ul>
    </details>`;
}
