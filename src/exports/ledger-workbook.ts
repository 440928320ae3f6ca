import type { LedgerOverview } from '../app/ledger/index.js';
import { ledgerLightLabels, type LedgerLight } from '../domain/cycle/index.js';
import { progressStatusLabels } from '../domain/progress/index.js';
import { tableSheet } from './ranking-workbook.js';
import { writeXlsx, type XlsxSheet } from './xlsx-writer.js';

const lights: readonly LedgerLight[] = ['red', 'yellow', 'green'];

/**
 * The ledger (台账) as the overview shows it, filters included, as an .xlsx: 台账 (one row per task,
 * every unit named under its colour), 单位颜色 (one row per task and unit) and 颜色规则.
 */
export async function buildLedgerWorkbook(view: LedgerOverview): Promise<Buffer> {
  const title = `${view.workspaceName}${view.year}年督办台账(${view.period.label},截止 ${view.period.dueDate};绿 ${view.counts.green} 黄 ${view.counts.yellow} 红 ${view.counts.red})`;
  const tasks = view.sections.flatMap((section) => section.tasks.map((task) => ({ section, task })));
  const ledger = tableSheet(
    '台账',
    title,
    [
      { header: '编号', width: 6 },
      { header: '序号', width: 8 },
      { header: '部分', width: 18 },
      { header: '任务', width: 50 },
      { header: '牵头单位', width: 18 },
      { header: '配合单位', width: 24 },
      ...lights.map((l) => ({ header: ledgerLightLabels[l], width: 24 })),
      { header: '说明', width: 20 },
      { header: '最新进展', width: 40 },
      { header: '完成时限', width: 14 },
      { header: '状态', width: 8 },
    ],
    tasks.map(({ section, task }) => [
      task.seq,
      task.label,
      section.title ?? '',
      task.title,
      task.lead.join('、'),
      task.support.join('、'),
      ...lights.map((l) =>
        task.cells
          .filter((c) => c.light === l)
          .map((c) => c.unitName)
          .join('、'),
      ),
      task.note ?? '',
      task.latest ? `${task.latest.unitName}:${progressStatusLabels[task.latest.status]} ${task.latest.text}` : '',
      task.deadline ?? task.deadlinePhrase ?? '',
      task.state === 'closed' ? '已办结' : '进行中',
    ]),
  );
  const unitLights = tableSheet(
    '单位颜色',
    `${view.period.label}各单位颜色`,
    [
      { header: '编号', width: 6 },
      { header: '任务', width: 50 },
      { header: '单位', width: 20 },
      { header: '角色', width: 8 },
      { header: '颜色', width: 6 },
      { header: '截止日', width: 12 },
      { header: '报送状态', width: 12 },
    ],
    tasks.flatMap(({ task }) =>
      task.cells.map((c) => [
        task.seq,
        task.title,
        c.unitName,
        c.role === 'lead' ? '牵头' : '配合',
        ledgerLightLabels[c.light],
        c.dueDate,
        c.status ? `${progressStatusLabels[c.status]}${c.standing === 'sent_back' ? '(退回)' : ''}${c.late ? '(迟报)' : ''}` : '未报送',
      ]),
    ),
  );
  const rules: XlsxSheet = {
    name: '颜色规则',
    columns: [{ width: 120 }],
    rows: [{ cells: ['三色督办规则'], style: 'title' }, ...view.rules.map((rule) => ({ cells: [rule.text] }))],
  };
  return writeXlsx([ledger, unitLights, rules], { creator: '督办系统', title });
}
