import { ActionRowBuilder, ButtonBuilder, ButtonStyle, StringSelectMenuBuilder, StringSelectMenuOptionBuilder } from 'discord.js';
import type { OwedTask } from '../../app/cycle/due-reports.js';
import type { UnitChoice } from '../../app/progress/report-target.js';
import { commandRef } from '../../command-names.js';
import type { PeriodRecord, Unit } from '../../ports.js';
import { progressIds } from '../custom-ids.js';
import { truncate } from './pager.js';

/** The person speaks for several units answering for the task: they pick which one reports. */
export function renderUnitChoice(choice: UnitChoice) {
  const menu = new StringSelectMenuBuilder()
    .setCustomId(progressIds.encode('unit', choice.task.id, choice.period.id))
    .setPlaceholder('选择报送单位')
    .addOptions(choice.units.slice(0, 25).map((u) => new StringSelectMenuOptionBuilder().setLabel(truncate(u.name, 100)).setValue(String(u.id))));
  return {
    content: `你绑定的多个单位都承担第 ${choice.task.seq} 项任务(${truncate(choice.task.title, 60)}),请选择以哪个单位报送${choice.period.label}的进展:`,
    components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)],
  };
}

/** 填报进展 on a reminder when the unit owes several tasks (or none): a button per task. */
export function renderOwedTasks(unit: Pick<Unit, 'id' | 'name'>, period: Pick<PeriodRecord, 'id' | 'label'>, owed: readonly OwedTask[]) {
  if (owed.length === 0)
    return { content: `“${unit.name}”已报送${period.label}的全部任务。如需修改,请使用 ${commandRef('progress')} 选择任务。`, components: [] };
  const buttons = owed.slice(0, 25).map((t) =>
    new ButtonBuilder()
      .setCustomId(progressIds.encode('task', t.taskId, unit.id, period.id))
      .setLabel(truncate(`${t.label} 第${t.seq}项`, 80))
      .setStyle(ButtonStyle.Primary),
  );
  const rows = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + 5)));
  const more = owed.length > 25 ? `\n(另有 ${owed.length - 25} 项请用 ${commandRef('progress')} 填报)` : '';
  return {
    content: `“${unit.name}”${period.label}尚有 ${owed.length} 项任务待报送,请逐项点击填写:\n${owed
      .slice(0, 25)
      .map((t) => `${t.label} ${truncate(t.title, 60)}(第 ${t.seq} 项)`)
      .join('\n')}${more}`,
    components: rows,
  };
}

/** A reply draft the liaison cancelled: nothing stored. */
export function describeReplyCancelled(unitName: string): string {
  return `已取消,没有保存任何内容。“${unitName}”如需报送,请重新回复提醒或使用 ${commandRef('progress')}。`;
}
