import type { CorrectionResult } from '../../app/tasks/task-corrections.js';
import { QUEUE_DEFERRED_NOTE } from '../../app/queue-follow-up.js';
import { commandRef } from '../../command-names.js';
import type { CorrectableField } from '../../domain/notice/index.js';
import { unitCategoryLabels } from '../../domain/units/index.js';
import { truncate } from './pager.js';

/** What each correctable field is called in messages. */
export const correctionFieldLabels: Record<CorrectableField, string> = {
  title: '标题',
  lead: '牵头单位',
  supporting: '配合单位',
  deadline: '完成时限',
  section: '所属部分',
};

const heading: Record<CorrectionResult['kind'], string> = {
  edit: '已修改',
  add: '已新增',
  remove: '已撤销',
  restore: '已恢复',
};

/** The coordinator's answer to /task edit, add, remove or restore: what changed, who answers now, which units were created. */
export function describeCorrection(result: CorrectionResult): string {
  const { task } = result;
  const lines = [`${heading[result.kind]}第 ${task.seq} 项任务:${task.label}${truncate(task.title, 80)}`];
  if (result.renumberedFrom !== undefined) lines.push(`原编号第 ${result.renumberedFrom} 项已被其他任务使用,恢复后编为第 ${task.seq} 项。`);
  for (const change of result.changes) lines.push(`· ${correctionFieldLabels[change.field]}:${truncate(change.before, 200)} → ${truncate(change.after, 200)}`);
  for (const unit of result.createdUnits)
    lines.push(`· 已在单位目录中新建单位“${unit.name}”(${unitCategoryLabels[unit.category]}),可用 ${commandRef('unit bind')} 绑定其联络员。`);
  if (result.kind === 'remove') {
    lines.push('该任务不再提醒任何单位,也不再出现在报送情况、排名、领导汇总和年度报告中;已报送的进展全部保留。');
    lines.push(`如需恢复,请用 ${commandRef('task restore')} 编号:${task.seq}。`);
  } else {
    const dropped = result.unitsBefore.filter((name) => !result.unitsAfter.includes(name));
    const added = result.unitsAfter.filter((name) => !result.unitsBefore.includes(name));
    if (result.kind === 'edit' && (dropped.length || added.length)) {
      if (added.length) lines.push(`新增责任单位:${truncate(added.join('、'), 300)}(此后的提醒会发给它们)`);
      if (dropped.length) lines.push(`不再负责:${truncate(dropped.join('、'), 300)}(尚未发出的该任务提醒已取消;已报送的进展保留在任务上)`);
    } else if (result.kind !== 'edit') {
      lines.push(`责任单位:${truncate(result.unitsAfter.join('、') || '无', 300)}`);
    }
    if (result.leaderless) lines.push(`⚠️ 该任务未指定牵头单位:在指定之前不会提醒任何单位,也不计入排名。请用 ${commandRef('task edit')} 指定牵头单位。`);
  }
  if (result.kind === 'edit') lines.push('修正内容已记录;今后重新导入修订版工作要点时,通知未改动的部分会保留您的修正。');
  if (result.remindersDeferred) lines.push(QUEUE_DEFERRED_NOTE);
  return lines.join('\n');
}
