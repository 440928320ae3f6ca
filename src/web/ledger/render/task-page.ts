import { html } from 'hono/html';
import type { LedgerTaskPage } from '../../../app/ledger/index.js';
import { taskRoleLabels } from '../../../app/ranking/index.js';
import { taskStateLabels } from '../../../app/tasks/task-queries.js';
import { commandRef } from '../../../command-names.js';
import { lightReasonLabels } from '../../../domain/cycle/index.js';
import { progressStatusLabels } from '../../../domain/progress/index.js';
import type { EvidenceInfo } from '../../../ports.js';
import { inlineImageType } from '../evidence-response.js';
import { formatTime, lightBadge, type Html } from './layout.js';

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function renderEvidence(files: readonly EvidenceInfo[]): Html {
  if (files.length === 0) return html``;
  return html`<ul class="evidence" aria-label="佐证材料">
    ${files.map((f) =>
      inlineImageType(f.contentType)
        ? html`<li>
            <img src="/evidence/${f.id}" alt="佐证材料:${f.filename}" loading="lazy" /><a href="/evidence/${f.id}?download=1">下载 ${f.filename}</a
            >(${sizeText(f.sizeBytes)})
          </li>`
        : html`<li><a href="/evidence/${f.id}?download=1">下载 ${f.filename}</a>(${sizeText(f.sizeBytes)})</li>`,
    )}
  </ul>`;
}

/** 任务: the full text, this period's lights, every revision with who sent it and its evidence, and 办结/退回/延期. */
export function renderTaskPage(view: LedgerTaskPage, timeZone: string): Html {
  const { task } = view;
  const lead = task.units.filter((u) => u.role === 'lead').map((u) => u.name);
  const support = task.units.filter((u) => u.role === 'support').map((u) => u.name);
  const deadline = task.extendedDueDate ?? task.dueDate;
  return html`<h1>第 ${task.seq} 项 ${task.label} ${task.title}</h1>
    <p class="sub">${task.year}年工作要点${task.sectionTitle ? ` · ${task.sectionNo}. ${task.sectionTitle}` : ''} · ${taskStateLabels[task.state]}</p>
    <dl>
      <dt>牵头单位</dt>
      <dd>${lead.join('、') || `未指定牵头单位:在指定之前不要求任何单位报送,请督办人用 ${commandRef('task edit')} 指定`}</dd>
      <dt>配合单位</dt>
      <dd>${support.join('、') || '无'}</dd>
      <dt>完成时限</dt>
      <dd>${task.deadlinePhrase ?? ''}${deadline ? `(${deadline})` : task.deadlinePhrase ? '' : '未设时限'}${task.extendedDueDate ? '(已延期)' : ''}</dd>
      ${
        task.targets.length
          ? html`<dt>量化指标</dt>
              <dd>${task.targets.join('、')}</dd>`
          : ''
      }
      ${
        task.leaderPerson
          ? html`<dt>牵头领导</dt>
              <dd>${task.leaderPerson}</dd>`
          : ''
      }
    </dl>
    <h2>任务全文</h2>
    <p class="body-text">${task.body || task.title}</p>
    <h2>${view.periodLabel}各单位颜色</h2>
    ${
      view.cells.length
        ? html`<table id="task-lights">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">角色</th>
                <th scope="col">颜色</th>
                <th scope="col">截止日</th>
              </tr>
            </thead>
            <tbody>
              ${view.cells.map(
                (c) =>
                  html`<tr data-unit="${c.unitId}">
                    <th scope="row"><a href="/units/${c.unitId}">${c.unitName}</a></th>
                    <td>${taskRoleLabels[c.role]}</td>
                    <td>${lightBadge(c.light)}${lightReasonLabels[c.reason]}</td>
                    <td>${c.dueDate}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="note">本期不要求任何单位报送此项任务。</p>`
    }
    <h2>报送记录(每次报送和修改)</h2>
    ${
      view.revisions.length
        ? view.revisions.map(
            (r) =>
              html`<article class="report" data-revision="${r.revisionId}">
                <h3>${r.unitName} · ${r.periodLabel} · 第 ${r.revision} 版</h3>
                <p>
                  ${progressStatusLabels[r.status]}${r.percent !== null ? ` ${r.percent}%` : ''}${r.late ? '(迟报)' : ''} · ${r.submitterName} 于
                  ${formatTime(r.submittedAt, timeZone)} 报送
                </p>
                <p class="text">${r.text}</p>
                ${renderEvidence(r.evidence)}
              </article>`,
          )
        : html`<p class="note">尚无单位报送进展。</p>`
    }
    <h2>办结、退回、延期记录</h2>
    ${
      view.actions.length
        ? html`<table id="task-actions">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">操作</th>
                <th scope="col">操作人</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              ${view.actions.map(
                (a) =>
                  html`<tr>
                    <td>${formatTime(a.at, timeZone)}</td>
                    <th scope="row">${a.label}${a.newDueDate ? `至 ${a.newDueDate}` : ''}</th>
                    <td>${a.actorName}</td>
                    <td>${a.reason ?? '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="note">没有办结、退回或延期记录。</p>`
    }`;
}
