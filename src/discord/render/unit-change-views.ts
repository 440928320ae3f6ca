import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { MergeResult, RetireResult } from '../../app/units/unit-changes.js';
import { QUEUE_DEFERRED_NOTE } from '../../app/queue-follow-up.js';
import { commandRef } from '../../command-names.js';
import { unitCategoryLabels } from '../../domain/units/index.js';
import type { Unit } from '../../ports.js';
import { unitIds } from '../custom-ids.js';

/*
 * What /unit says after a change to the directory. The refusals are UserErrors of the use-cases.
 */

const queueNote = (queued: boolean) => (queued ? '' : `\n${QUEUE_DEFERRED_NOTE}`);

export function describeUnitAdded(unit: Unit): string {
  return `已添加单位“${unit.name}”(${unitCategoryLabels[unit.category]})。可用 ${commandRef('unit bind')} 绑定其联络员。`;
}

export function describeAliasAdded(unit: Unit, alias: string): string {
  return `已将“${alias}”设为“${unit.name}”的别名,导入时会自动对应。`;
}

export function describeCollective(name: string, members: readonly Unit[]): string {
  return `统称“${name}”现包含 ${members.length} 个单位:${members.map((m) => m.name).join('、')}。`;
}

export function describeBinding(kind: 'user' | 'role' | 'channel', id: string, unit: Unit, purpose: 'liaison' | 'leader', bound: boolean): string {
  const who = kind === 'user' ? `<@${id}>` : kind === 'role' ? `<@&${id}>` : `<#${id}>`;
  return bound ? `已将 ${who} 绑定为“${unit.name}”的${purpose === 'leader' ? '分管领导' : '联络员'}。` : `已解除 ${who} 与“${unit.name}”的绑定。`;
}

/** What a merge will do, with 确认合并 and 取消: a merge cannot be undone. */
export function mergePreview(from: Unit, into: Unit) {
  const category = from.category === into.category ? '' : `\n两个单位类别不同,合并后按“${into.name}”的类别(${unitCategoryLabels[into.category]})排名。`;
  return {
    content:
      `将把“${from.name}”合并到“${into.name}”:“${from.name}”的任务分工、进展报告、联络员和分管领导绑定、统称成员身份、加减分和提醒记录都转到“${into.name}”,` +
      `“${from.name}”及其别名成为“${into.name}”的别名;“${from.name}”待发的提醒改由“${into.name}”统一发送。合并后不能撤销。${category}`,
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(unitIds.encode('merge', from.id, into.id))
          .setLabel('确认合并')
          .setStyle(ButtonStyle.Danger),
        new ButtonBuilder().setCustomId(unitIds.encode('merge-cancel')).setLabel('取消').setStyle(ButtonStyle.Secondary),
      ),
    ],
  };
}

export const mergeCancelled = '已取消合并,单位目录未改动。';

export function describeMerge(result: MergeResult): string {
  const { moved } = result;
  const parts = [
    moved.listings && `${moved.listings} 项任务分工`,
    moved.reports && `${moved.reports} 份进展报告`,
    moved.bindings && `${moved.bindings} 个联络员/领导绑定`,
    moved.memberships && `${moved.memberships} 个统称成员身份`,
    moved.adjustments && `${moved.adjustments} 条加减分`,
    moved.reminders && `${moved.reminders} 条提醒记录`,
  ].filter(Boolean);
  const lines = [
    `已将“${result.from}”合并到“${result.into.name}”。${parts.length ? `转入:${parts.join('、')}。` : '“' + result.from + '”没有任务、报告或绑定。'}`,
    `“${result.from}”${moved.aliases > 1 ? `及其 ${moved.aliases - 1} 个别名` : ''}现为“${result.into.name}”的别名,今后导入时会自动对应。`,
  ];
  if (result.cancelledReminders)
    lines.push(`“${result.from}”待发的 ${result.cancelledReminders} 条提醒已取消,改由“${result.into.name}”统一提醒,不会重复发送。`);
  if (result.categoryKept) lines.push(`两个单位类别不同,合并后按“${result.into.name}”的类别(${unitCategoryLabels[result.into.category]})排名。`);
  return lines.join('\n') + queueNote(result.queued);
}

export function describeRename(change: { from: string; to: string }): string {
  return `已将“${change.from}”改名为“${change.to}”。原名称已设为别名,导入时仍能对应到该单位。`;
}

export function describeRetire(result: RetireResult): string {
  const support = result.supporting ? `它配合的 ${result.supporting} 项未办结任务不再提醒它。` : '';
  return (
    `已停用“${result.unit.name}”:不再收到提醒,不参加排名,也不出现在报送情况中;已报送的进展全部保留。${support}可用 ${commandRef('unit restore')} 恢复。` +
    queueNote(result.queued)
  );
}

export function describeRestore(result: { unit: Unit; queued: boolean }): string {
  return `已恢复“${result.unit.name}”:重新参加提醒、排名和报送情况。` + queueNote(result.queued);
}
