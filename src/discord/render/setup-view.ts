import { commandRef } from '../../command-names.js';
import type { Workspace } from '../../ports.js';

/** The answer to /setup: what is now set, and what to do next. */
export function renderSetupSaved(workspace: Pick<Workspace, 'coordinator_role_id' | 'leader_role_id' | 'summary_channel_id' | 'region_name'>): string {
  const role = (id: string | null) => (id ? `<@&${id}>` : '未设置');
  const channel = (id: string | null) => (id ? `<#${id}>` : '未设置');
  return [
    '督办设置已保存:',
    `• 督办人身份组:${role(workspace.coordinator_role_id)}`,
    `• 领导身份组:${role(workspace.leader_role_id)}`,
    `• 汇总频道:${channel(workspace.summary_channel_id)}`,
    `• 地区名称:${workspace.region_name ?? '未设置'}`,
    '',
    `下一步:用 ${commandRef('unit add')} 建立单位目录,再用 ${commandRef('notice import')} 导入工作要点。`,
  ].join('\n');
}
