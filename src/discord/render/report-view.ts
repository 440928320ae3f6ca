import { AttachmentBuilder, EmbedBuilder } from 'discord.js';
import type { AnnualReportDraft } from '../../domain/reports/index.js';
import { colors } from './colors.js';

/** The annual draft as a reply: the .docx attached and a short note that it is a draft to edit. */
export function renderAnnualReportReply(draft: AnnualReportDraft, docx: Buffer) {
  const name = `${draft.title}(草稿).docx`;
  const embed = new EmbedBuilder()
    .setTitle(`${draft.title}(草稿)`.slice(0, 256))
    .setColor(colors.warning)
    .setDescription(
      [
        '附件是系统根据各单位报送的进展自动汇编的**草稿**,须由专人核实、修改、审定后方可使用。',
        '结构:一、工作开展情况(按工作要点各部分汇编,写明单位);二、存在的问题(受阻或逾期的任务);三、下一步工作打算(尚未完成的任务)。',
      ].join('\n'),
    )
    .addFields({
      name: '汇编情况',
      value: `截至 ${draft.asOf}:任务 ${draft.totals.tasks} 项,已完成 ${draft.totals.done} 项,未完成 ${draft.totals.unfinished} 项,存在问题 ${draft.totals.problems} 项;${draft.totals.unitsReporting} 个单位报送了进展。`,
    })
    .setFooter({ text: draft.draftNote.slice(0, 2048) });
  return { embeds: [embed], files: [new AttachmentBuilder(docx, { name })] };
}
