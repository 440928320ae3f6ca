import type { AuditEntryView } from '../../app/audit/list-audit-entries.js';
import { reportRatingLabels, type ReportRating } from '../../domain/ranking/index.js';
import { unitCategoryLabels, type UnitCategory } from '../../domain/units/index.js';
import type { ProgressStatus } from '../../db/tables/index.js';
import { statusLabels } from './labels.js';
import { plainText } from './plain-text.js';

type Details = Record<string, unknown>;

/** User-written text inside a line: no markdown, no masked links, bounded. */
function text(value: unknown, max = 60): string {
  if (value === null || value === undefined || value === '') return '—';
  return plainText(String(value), max);
}

function quoted(value: unknown): string {
  return `“${text(value)}”`;
}

const snowflake = (value: unknown): string | null => (typeof value === 'string' && /^\d{1,20}$/.test(value) ? value : null);

function mention(kind: unknown, id: unknown): string {
  const safe = snowflake(id);
  if (!safe) return '(未知对象)';
  return kind === 'role' ? `<@&${safe}>` : kind === 'channel' ? `<#${safe}>` : `<@${safe}>`;
}

function subject(entry: AuditEntryView): string {
  if (entry.subjectName) return quoted(entry.subjectName);
  if (entry.subjectId) return `(编号 ${text(entry.subjectId, 20)},已删除)`;
  return '';
}

function describeSetup(details: Details): string {
  const parts: string[] = [];
  const role = (key: string, label: string) => {
    if (key in details) parts.push(`${label}→${snowflake(details[key]) ? mention('role', details[key]) : '未设置'}`);
  };
  role('coordinator_role_id', '督办人身份组');
  role('leader_role_id', '领导身份组');
  if ('summary_channel_id' in details)
    parts.push(`汇总频道→${snowflake(details.summary_channel_id) ? mention('channel', details.summary_channel_id) : '未设置'}`);
  if ('region_name' in details) parts.push(`地区名称→${quoted(details.region_name)}`);
  return parts.length ? `修改督办设置:${parts.join(',')}` : '查看并保存了督办设置(无改动)';
}

function points(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return text(value);
  return n >= 0 ? `加 ${n} 分` : `扣 ${-n} 分`;
}

/** The reference of a task described in an audit entry's details ({ task: '三（二）', … }). */
const taskOf = (value: unknown): string => (value && typeof value === 'object' && 'task' in value ? String((value as Details).task) : '');

type Describe = (entry: AuditEntryView, details: Details) => string;

/** What each recorded action means, in the words of the people who did it. */
const descriptions: Record<string, Describe> = {
  'workspace.setup': (_e, d) => describeSetup(d),
  'unit.add': (_e, d) =>
    `添加单位${quoted(d.name)}${typeof d.category === 'string' && d.category in unitCategoryLabels ? `(${unitCategoryLabels[d.category as UnitCategory]})` : ''}`,
  'unit.alias': (e, d) => `为单位${subject(e)}添加别名${quoted(d.alias)}`,
  'unit.merge': (e, d) => `将单位${quoted(d.from)}合并到${subject(e) || quoted(d.into)}(原名称改为别名)`,
  'unit.rename': (e, d) => `将单位${quoted(d.from)}改名为${quoted(d.to)}`,
  'unit.retire': (e) => `停用单位${subject(e)}`,
  'unit.restore': (e) => `恢复单位${subject(e)}`,
  'collective.set': (_e, d) => `设置统称${quoted(d.name)}包含:${Array.isArray(d.members) ? text(d.members.join('、'), 120) : '—'}`,
  'liaison.bind': (e, d) => `将 ${mention(d.targetKind, d.targetId)} 绑定为${subject(e)}的${d.purpose === 'leader' ? '分管领导' : '联络员'}`,
  'liaison.unbind': (e, d) => `解除 ${mention(d.targetKind, d.targetId)} 与${subject(e)}的${d.purpose === 'leader' ? '分管领导' : '联络员'}绑定`,
  'notice.import': (_e, d) => `导入 ${text(d.year, 4)} 年工作要点(第 ${text(d.version, 4)} 版,${text(d.tasks, 6)} 项任务)`,
  'notice.draft_edit': (_e, d) =>
    `在导入预览中修改任务 ${text(taskOf(d.after), 20)}${d.after && typeof d.after === 'object' ? `:${quoted((d.after as Details).title)}` : ''}`,
  'notice.draft_drop': (_e, d) =>
    `在导入预览中删除 ${Array.isArray(d.dropped) ? d.dropped.length : 0} 个不是任务的条目:${Array.isArray(d.dropped) ? text(d.dropped.map(taskOf).join('、'), 120) : '—'}`,
  'notice.draft_add': (_e, d) =>
    `在导入预览中新增任务 ${text(taskOf(d.added), 20)}${d.added && typeof d.added === 'object' ? `:${quoted((d.added as Details).title)}` : ''}`,
  'notice.draft_aliases': (_e, d) =>
    `在导入预览中选定别名:${
      d.aliases && typeof d.aliases === 'object'
        ? text(
            Object.entries(d.aliases as Details)
              .map(([a, u]) => `${a}→${String(u)}`)
              .join('、') || '无',
            120,
          )
        : '无'
    }`,
  'calendar.load': (_e, d) => `载入节假日安排(${text(d.holidays, 4)} 天假日、${text(d.makeUpWorkdays, 4)} 个调休工作日)`,
  'reminders.plan': () => '修改提醒计划',
  'score.bonus': (e, d) => `为${subject(e)}${points(d.points)}(${text(d.period, 20)}):${text(d.reason)}`,
  'scoring_rules.set': () => '修改评分规则',
  'scoring_rules.reset': () => '恢复默认评分规则',
  'task.close': (e, d) => `办结任务${subject(e)}${d.note ? `:${text(d.note)}` : ''}`,
  'task.send_back': (e, d) => `退回${subject(e)}${d.reason ? `:${text(d.reason)}` : ''}`,
  'report.grade': (e, d) =>
    `评价${subject(e)}:${typeof d.rating === 'string' && d.rating in reportRatingLabels ? `“${reportRatingLabels[d.rating as ReportRating]}”` : '不评等级'}${d.perfunctory === true ? ',认定为敷衍应付' : ''}`,
  'task.extend': (e, d) => `将任务${subject(e)}延期至 ${text(d.newDueDate, 10)}${d.reason ? `:${text(d.reason)}` : ''}`,
  'progress.record': (e, d) =>
    `报送${subject(e) || '进展'}(第 ${text(d.revision, 4)} 版,${typeof d.status === 'string' && d.status in statusLabels ? statusLabels[d.status as ProgressStatus] : text(d.status, 12)}${d.late === true ? ',逾期' : ''}${Number(d.evidence) > 0 ? `,附件 ${Number(d.evidence)} 个` : ''})`,
  'reminders.nudge': (e) => `催办${subject(e)}`,
  'period.close': (e) => `结束报送周期${subject(e)}`,
  'summary.configure': () => '修改领导汇总的推送设置',
  'summary.dm_on': () => '开启领导汇总的私信推送',
  'summary.dm_off': () => '关闭领导汇总的私信推送',
  'ledger.revoke': () => '撤销自己此前获取的全部台账链接',
  'delivery.retry': (e) => `重新发送一条未送达的消息(编号 ${text(e.subjectId, 12)})`,
};

export function describeAuditAction(entry: AuditEntryView): string {
  const describe = descriptions[entry.action];
  if (describe) return describe(entry, entry.details);
  // An action this version does not know is shown by its code, so nothing is hidden.
  const about = entry.subjectType ? `(${text(entry.subjectType, 20)}${entry.subjectId ? ` ${text(entry.subjectId, 20)}` : ''})` : '';
  return `${text(entry.action, 40)}${about}`;
}

export function describeAuditActor(entry: AuditEntryView): string {
  if (entry.actorKind === 'cli' || entry.actorId === 'cli') return '命令行';
  if (entry.actorKind === 'system') return '系统';
  return snowflake(entry.actorId) ? `<@${entry.actorId}>` : text(entry.actorId, 30);
}

/** One line: when (shown in each reader's own time), who, what. */
export function auditLine(entry: AuditEntryView): string {
  return `<t:${Math.floor(entry.at.getTime() / 1000)}:f> ${describeAuditActor(entry)} ${describeAuditAction(entry)}`;
}
