import { AlignmentType, Document, Header, LineRuleType, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';
import { progressStatusLabels } from '../domain/progress/index.js';
import { formatChineseDate, type AnnualReportDraft, type DraftSection, type DraftTask, type DraftUnitContribution } from '../domain/reports/index.js';

/**
 * Fonts and sizes of a Chinese government report (公文): 黑体 headings, 楷体 second-level headings,
 * 仿宋 body at 三号 (16 pt), title at 二号 (22 pt), 28-point lines. Word substitutes a font a
 * machine lacks, so the draft opens everywhere.
 */
const fonts = { title: '黑体', heading: '黑体', subheading: '楷体', body: '仿宋' } as const;
const halfPoints = { title: 44, body: 32 } as const;
const lineSpacing = { line: 560, lineRule: LineRuleType.EXACT } as const;
const firstLineIndent = 640; // two characters at 16 pt, in twentieths of a point

function run(text: string, font: string, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size: halfPoints.body, ...extra });
}

function bodyParagraph(children: TextRun[]): Paragraph {
  return new Paragraph({ children, indent: { firstLine: firstLineIndent }, spacing: lineSpacing, alignment: AlignmentType.JUSTIFIED });
}

function headingParagraph(text: string, font: string): Paragraph {
  return new Paragraph({ children: [run(text, font)], indent: { firstLine: firstLineIndent }, spacing: lineSpacing });
}

function describeContribution(contribution: DraftUnitContribution): string {
  const role = contribution.role === 'lead' ? '牵头' : '配合';
  const state =
    contribution.status === 'in_progress' && contribution.percent !== null ? `完成${contribution.percent}%` : progressStatusLabels[contribution.status];
  return `${contribution.unitName}（${role}，${state}）${contribution.text ? `：${contribution.text}` : ''}。`;
}

/** A long list of silent units (a collective's townships) is named by its first few and counted. */
function describeSilent(names: readonly string[]): string {
  if (names.length === 0) return '';
  const named = names.length > 5 ? `${names.slice(0, 3).join('、')}等${names.length}个单位` : names.join('、');
  return `${named}尚未报送进展。`;
}

function describeClosing(task: DraftTask): string {
  if (!task.closing) return '';
  const note = task.closing.note?.trim().replace(/[。；;，,\s]+$/u, '');
  return `该任务已于${formatChineseDate(task.closing.on)}办结${note ? `：${note}` : ''}。`;
}

function renderTask(task: DraftTask): Paragraph {
  const body =
    `${task.contributions.map(describeContribution).join('')}${describeSilent(task.silentUnitNames)}${describeClosing(task)}` || '各责任单位尚未报送进展。';
  const mark = task.closing ? '（已办结）' : task.done ? '（已完成）' : '';
  // The task's own number （一） would read as a sub-heading under the section's （一）: lead with its title in bold instead.
  return bodyParagraph([run(`${task.title}${mark}。`, fonts.body, { bold: true }), run(body, fonts.body)]);
}

function renderSection(section: DraftSection): Paragraph[] {
  return [headingParagraph(section.heading, fonts.subheading), ...section.tasks.map(renderTask)];
}

function renderOverview(draft: AnnualReportDraft): Paragraph {
  const { tasks, done, unfinished, problems, unitsReporting } = draft.totals;
  const text =
    `${draft.year}年，全年工作要点共部署任务${tasks}项，截至${formatChineseDate(draft.asOf)}已完成${done}项，` +
    `尚在推进${unfinished}项，存在受阻或逾期情况${problems}项；共有${unitsReporting}个单位报送了进展情况。现将有关情况报告如下。`;
  return bodyParagraph([run(text, fonts.body)]);
}

function renderNumbered(items: readonly { text: string }[], emptyText: string): Paragraph[] {
  if (items.length === 0) return [bodyParagraph([run(emptyText, fonts.body, { color: '7B8794' })])];
  return items.map((item, index) => bodyParagraph([run(`${index + 1}．${item.text}`, fonts.body)]));
}

/**
 * The annual 法治政府建设情况报告 draft as a .docx: title, the draft notice (also in every page's
 * header), 一、工作开展情况 with one part per notice section naming the units, 二、存在的问题 and
 * 三、下一步工作打算. It is a draft for a person to edit, and says so at the top of every page.
 */
export async function buildAnnualReportDocx(draft: AnnualReportDraft): Promise<Buffer> {
  const draftBanner = `【草稿】${draft.draftNote}`;
  const children: Paragraph[] = [
    new Paragraph({
      children: [run(draftBanner, fonts.body, { bold: true, color: 'C00000', size: 24 })],
      spacing: { after: 240 },
    }),
    new Paragraph({
      children: [run(draft.title, fonts.title, { size: halfPoints.title })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 480 },
    }),
    renderOverview(draft),
    headingParagraph(draft.work.heading, fonts.heading),
    ...(draft.work.sections.length > 0 ? draft.work.sections.flatMap(renderSection) : [bodyParagraph([run('本年度尚无任务。', fonts.body)])]),
    headingParagraph(draft.problems.heading, fonts.heading),
    ...renderNumbered(draft.problems.items, '（暂未发现受阻或逾期未完成的任务，请结合实际情况补充。）'),
    headingParagraph(draft.nextSteps.heading, fonts.heading),
    ...renderNumbered(draft.nextSteps.items, '（各项任务均已完成，请结合下一年度工作要点补充。）'),
  ];
  const document = new Document({
    creator: '督办系统',
    title: `${draft.title}（草稿）`,
    description: draft.draftNote,
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({ children: [run('草稿　仅供修改，不得直接印发', fonts.body, { size: 20, color: 'C00000' })], alignment: AlignmentType.RIGHT }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
