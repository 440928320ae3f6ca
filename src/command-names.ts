/**
 * The slash commands as people call them: each command path and its Simplified Chinese name, which is
 * what a zh-CN Discord client shows and lets people type (/单位 绑定 for /unit bind). The command
 * definitions carry these as their zh-CN name localizations (a test keeps the two equal), and every
 * message that tells someone to run a command names it with commandRef, never by hand.
 */
export const commandNames = {
  setup: '督办设置',
  unit: '单位',
  'unit add': '添加',
  'unit alias': '别名',
  'unit collective': '统称',
  'unit list': '列表',
  'unit bind': '绑定',
  'unit unbind': '解绑',
  'unit merge': '合并',
  'unit rename': '改名',
  'unit retire': '停用',
  'unit restore': '恢复',
  notice: '工作要点',
  'notice import': '导入',
  tasks: '任务清单',
  task: '任务',
  'task show': '查看',
  'task edit': '修改',
  'task add': '新增',
  'task remove': '撤销',
  'task restore': '恢复',
  progress: '填报进展',
  status: '报送情况',
  reminders: '提醒',
  'reminders show': '查看',
  'reminders set': '设置',
  'reminders failed': '失败列表',
  'reminders calendar': '节假日',
  audit: '操作记录',
  ranking: '考核排名',
  'ranking show': '查看',
  'ranking bonus': '加分',
  'ranking rules': '规则',
  'ranking rules show': '查看',
  'ranking rules set': '修改',
  report: '报告',
  'report annual': '年度报告',
  summary: '领导汇总',
  'summary show': '查看',
  'summary set': '设置',
  'summary now': '立即发送',
  'summary dm': '私信订阅',
  ledger: '台账',
  'ledger open': '打开',
  'ledger revoke': '撤销链接',
} as const;

export type CommandPath = keyof typeof commandNames;

/** The zh-CN name of the last part of a path, for a definition's name_localizations. */
export function zhName(path: CommandPath): { 'zh-CN': string } {
  return { 'zh-CN': commandNames[path] };
}

/** '/单位 绑定': a command as a Chinese-reading user's client shows it and as they type it. */
export function commandRef(path: CommandPath): string {
  const parts = path.split(' ');
  return `/${parts.map((_, i) => commandNames[parts.slice(0, i + 1).join(' ') as CommandPath]).join(' ')}`;
}
