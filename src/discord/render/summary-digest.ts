import { EmbedBuilder } from 'discord.js';
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { DigestView } from '../../app/summary/load-digest.js';
import { colors } from './colors.js';
import { statusLabels } from './labels.js';
import { plainText } from './plain-text.js';
import { fitLines } from './pager.js';

const FIELD_MAX = 1024;
const more = (left: number) => `……另有 ${left} 项`;

/** The weekly digest for leaders; nobody is pinged. The marker in the footer finds it again after a crash. */
export function renderDigestMessage(view: DigestView, marker: string): RESTPostAPIChannelMessageJSONBody {
  const { digest } = view;
  const t = digest.totals;
  // An empty list still needs a field value: Discord refuses an empty one.
  const field = (lines: string[]) => fitLines(lines, FIELD_MAX, more) || '—';
  const embed = new EmbedBuilder()
    .setTitle(`督办工作周报(${digest.today})`)
    .setColor(colors.primary)
    .setDescription(
      [
        `${view.workspaceName} · ${view.periodLabel}`,
        `任务 ${t.tasks} 项,已完成 ${t.done} 项;本期新报送 ${t.newReports} 份;逾期 ${t.overdue} 项,受阻 ${t.blocked} 项;${t.unitsNotReported} 个单位尚未报送${digest.periodPastDue ? '(已过截止日期)' : ''}。`,
      ].join('\n'),
    )
    .addFields(
      {
        name: '各部分完成情况',
        value: field(digest.completionBySection.map((s) => `${s.title}:完成 ${s.done}/${s.total}(${s.percentDone}%),已报送 ${s.reported}`)),
      },
      {
        name: `新报送(${digest.newReports.length})`,
        value: field(
          digest.newReports.map(
            (r) => `${r.unitName} ${r.taskLabel}${r.taskTitle.slice(0, 20)}:${statusLabels[r.status]}${r.percent === null ? '' : ` ${r.percent}%`}`,
          ),
        ),
      },
      {
        name: `逾期任务(${digest.overdueTasks.length})`,
        value: field(digest.overdueTasks.map((o) => `${o.label}${o.title.slice(0, 24)}(${o.leadUnitNames.join('、') || '未指定'},逾期 ${o.daysOverdue} 天)`)),
      },
      {
        name: `受阻任务(${digest.blockedTasks.length})`,
        value: field(
          digest.blockedTasks.map((b) => `${b.label}${b.title.slice(0, 20)}:${b.reports.map((r) => `${r.unitName}:${plainText(r.text, 40)}`).join(';')}`),
        ),
      },
      {
        name: `未报送单位(${digest.unitsNotReported.length})`,
        value: field(digest.unitsNotReported.map((u) => `${u.name}(${u.pendingTasks.map((p) => p.label).join('')})`)),
      },
    )
    .setFooter({ text: `督办周报 ${marker}` });
  return { embeds: [embed.toJSON()], allowed_mentions: { parse: [] } };
}
