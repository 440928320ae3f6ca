import type { LocalDate } from '../calendar/local-date.js';
import { assignmentsOf, listDueReports, owesReport, taskDeadline, type CyclePeriod, type DueReport, type ReportState, type TaskRole } from '../cycle/index.js';
import type { ProgressStatus } from '../progress/progress-status.js';
import { toChineseNumeral } from '../text/chinese-numerals.js';
import { formatChineseDate, isTaskSettled, nameUnit, otherSectionTitle } from './report-helpers.js';
import type { NamedUnits, ReportSection, ReportTask } from './report-input.js';

export interface BuildAnnualReportDraftInput {
  /** The workspace's region, e.g. '某某区'. */
  readonly regionName: string;
  readonly year: number;
  /** The year's live tasks. */
  readonly tasks: readonly ReportTask[];
  /** The year's reporting periods. */
  readonly periods: readonly CyclePeriod[];
  /** The year's reports, with their text. */
  readonly reports: readonly ReportState[];
  /** 办结 of closed tasks: the day and the coordinator's note (办结说明). */
  readonly closings: ReadonlyMap<number, { readonly on: LocalDate; readonly note: string | null }>;
  readonly units: NamedUnits;
  /** The date the draft is written as of: overdue and silence are judged against it. */
  readonly asOf: LocalDate;
}

export interface DraftUnitContribution {
  readonly unitId: number;
  readonly unitName: string;
  readonly role: TaskRole;
  readonly status: ProgressStatus;
  readonly percent: number | null;
  /** What the unit reported, without a leading status word the report already gives (受阻：…). */
  readonly text: string;
}

export interface DraftTask {
  readonly taskId: number;
  readonly label: string;
  readonly title: string;
  readonly done: boolean;
  /** Set when a coordinator closed the task (办结). */
  readonly closing: { readonly on: LocalDate; readonly note: string | null } | null;
  /** Lead first, then supporting units, in the notice's order; only units that stand by a report. */
  readonly contributions: readonly DraftUnitContribution[];
  /** Units that owed a report on the task in a period already due and sent none all year (none for a closed task). */
  readonly silentUnitNames: readonly string[];
}

export interface DraftSection {
  /** null for tasks outside any section. */
  readonly sectionId: number | null;
  /** '（一）' + the notice section's title. */
  readonly heading: string;
  readonly tasks: readonly DraftTask[];
}

export interface DraftProblem {
  readonly taskId: number;
  readonly label: string;
  readonly title: string;
  readonly kinds: readonly ('blocked' | 'overdue')[];
  readonly unitNames: readonly string[];
  /** A first sentence for the drafter to rework. */
  readonly text: string;
}

export interface DraftNextStep {
  readonly taskId: number;
  readonly label: string;
  readonly title: string;
  readonly leadUnitNames: readonly string[];
  readonly supportUnitNames: readonly string[];
  readonly percent: number | null;
  readonly text: string;
}

export interface AnnualReportDraft {
  readonly title: string;
  readonly isDraft: true;
  readonly draftNote: string;
  readonly year: number;
  readonly asOf: LocalDate;
  readonly totals: {
    readonly tasks: number;
    readonly done: number;
    readonly unfinished: number;
    readonly problems: number;
    readonly unitsReporting: number;
  };
  readonly work: { readonly heading: '一、工作开展情况'; readonly sections: readonly DraftSection[] };
  readonly problems: { readonly heading: '二、存在的问题'; readonly items: readonly DraftProblem[] };
  readonly nextSteps: { readonly heading: '三、下一步工作打算'; readonly items: readonly DraftNextStep[] };
}

export const annualDraftNote = '本稿由督办系统根据各单位报送的进展情况自动汇编，仅为草稿，须经人工核实、修改后方可使用。';

const statusWords = /^\s*[【[(（]?\s*(受阻|推进中|进行中|未启动|已完成|完成情况|进展情况|进展)\s*[】\])）]?\s*[:：]\s*/u;

/** '受阻：资金未到位。' → '资金未到位': the status is said once, by the draft. */
export function stripStatusWord(text: string): string {
  let stripped = text.trim();
  for (let i = 0; i < 3 && statusWords.test(stripped); i++) stripped = stripped.replace(statusWords, '');
  return stripped.replace(/[。；;，,.！!\s]+$/u, '');
}

/** A task's year as the draft reads it: every due report of every period, and each unit's standing report. */
interface TaskYear {
  readonly task: ReportTask;
  readonly assignments: readonly { readonly unitId: number; readonly role: TaskRole }[];
  /** Each unit's latest report that is not sent back, across the year's periods. */
  readonly standing: ReadonlyMap<number, ReportState>;
  /** Units that owed a report in a period whose due date has passed. */
  readonly owedBy: ReadonlySet<number>;
  readonly settled: boolean;
}

function readTaskYear(task: ReportTask, dues: readonly DueReport[], asOf: LocalDate): TaskYear {
  const standing = new Map<number, ReportState>();
  const owedBy = new Set<number>();
  for (const due of dues) {
    if (due.standing === 'reported' && due.report) {
      const held = standing.get(due.unitId);
      if (!held || due.report.submittedAt > held.submittedAt) standing.set(due.unitId, due.report);
    } else if (owesReport(due) && due.dueDate < asOf) {
      owedBy.add(due.unitId);
    }
  }
  const assignments = assignmentsOf(task.listings);
  const latest = assignments.map(({ unitId, role }) => {
    const report = standing.get(unitId) ?? null;
    return { unitId, role, standing: report ? 'reported' : 'missing', report };
  });
  return { task, assignments, standing, owedBy, settled: isTaskSettled(task, latest) };
}

/**
 * The annual 法治政府建设情况报告 as data, in the structure such reports use: 一、工作开展情况 (one part per
 * notice section, compiling what the units reported, units named), 二、存在的问题 (tasks reported 受阻
 * or past their deadline unfinished), 三、下一步工作打算 (unfinished tasks). Who owed what is the cycle's
 * rule (listDueReports), as everywhere else. A draft for a person to edit.
 */
export function buildAnnualReportDraft(input: BuildAnnualReportDraftInput): AnnualReportDraft {
  const { asOf, units } = input;
  const dues = input.periods.flatMap((period) => listDueReports({ tasks: input.tasks, period, periods: input.periods, reports: input.reports }));
  const duesByTask = new Map<number, DueReport[]>();
  for (const due of dues) duesByTask.set(due.task.id, [...(duesByTask.get(due.task.id) ?? []), due]);
  const years = input.tasks.map((task) => readTaskYear(task, duesByTask.get(task.id) ?? [], asOf));

  const draftTasks = new Map(years.map((year) => [year.task.id, compileTask(year, input.closings.get(year.task.id) ?? null, units)]));
  const problems = years.flatMap((year) => listProblem(year, units, asOf));
  const nextSteps = years.filter((year) => !year.settled).map((year) => planNextStep(year, units, asOf));
  const reportingUnits = new Set(years.flatMap((year) => [...year.standing.keys()]));

  return {
    title: `${input.regionName}${input.year}年度法治政府建设情况报告`,
    isDraft: true,
    draftNote: annualDraftNote,
    year: input.year,
    asOf,
    totals: {
      tasks: input.tasks.length,
      done: years.filter((year) => year.settled).length,
      unfinished: nextSteps.length,
      problems: problems.length,
      unitsReporting: reportingUnits.size,
    },
    work: { heading: '一、工作开展情况', sections: groupSections(input.tasks, draftTasks) },
    problems: { heading: '二、存在的问题', items: problems },
    nextSteps: { heading: '三、下一步工作打算', items: nextSteps },
  };
}

function compileTask(year: TaskYear, closing: DraftTask['closing'], units: NamedUnits): DraftTask {
  const contributions: DraftUnitContribution[] = [];
  const silentUnitNames: string[] = [];
  for (const { unitId, role } of year.assignments) {
    const report = year.standing.get(unitId);
    if (report) {
      contributions.push({
        unitId,
        unitName: nameUnit(units, unitId),
        role,
        status: report.status,
        percent: report.percent,
        text: stripStatusWord(report.text ?? ''),
      });
    } else if (year.task.state !== 'closed' && year.owedBy.has(unitId)) {
      silentUnitNames.push(nameUnit(units, unitId));
    }
  }
  const { task } = year;
  return {
    taskId: task.id,
    label: task.label,
    title: task.title,
    done: year.settled,
    closing: task.state === 'closed' ? closing : null,
    contributions,
    silentUnitNames,
  };
}

function groupSections(tasks: readonly ReportTask[], draftTasks: ReadonlyMap<number, DraftTask>): DraftSection[] {
  const groups = new Map<number | null, { section: ReportSection | null; tasks: DraftTask[] }>();
  for (const task of tasks) {
    const draft = draftTasks.get(task.id);
    if (!draft) continue;
    const key = task.section?.id ?? null;
    const group = groups.get(key) ?? { section: task.section, tasks: [] };
    group.tasks.push(draft);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.section?.no ?? Infinity) - (b.section?.no ?? Infinity))
    .map((group, index) => ({
      sectionId: group.section?.id ?? null,
      heading: `（${toChineseNumeral(index + 1)}）${group.section?.title ?? otherSectionTitle}`,
      tasks: group.tasks,
    }));
}

function namesOf(year: TaskYear, role: TaskRole, units: NamedUnits): string[] {
  return year.assignments.filter((a) => a.role === role).map((a) => nameUnit(units, a.unitId));
}

function listProblem(year: TaskYear, units: NamedUnits, asOf: LocalDate): DraftProblem[] {
  if (year.settled) return [];
  const { task } = year;
  const blocked = year.assignments.flatMap(({ unitId }) => {
    const report = year.standing.get(unitId);
    return report?.status === 'blocked' ? [{ name: nameUnit(units, unitId), text: stripStatusWord(report.text ?? '') }] : [];
  });
  const deadline = taskDeadline(task);
  const overdue = deadline !== null && deadline < asOf;
  if (blocked.length === 0 && !overdue) return [];

  const leads = namesOf(year, 'lead', units);
  const sentences: string[] = [];
  if (blocked.length > 0) sentences.push(`${blocked.map((b) => `${b.name}反映推进受阻${b.text ? `，${b.text}` : ''}`).join('；')}。`);
  if (overdue)
    sentences.push(
      `完成时限为${formatChineseDate(deadline)}，截至${formatChineseDate(asOf)}尚未完成${leads.length > 0 ? `（牵头单位：${leads.join('、')}）` : ''}。`,
    );
  return [
    {
      taskId: task.id,
      label: task.label,
      title: task.title,
      kinds: [...(blocked.length > 0 ? (['blocked'] as const) : []), ...(overdue ? (['overdue'] as const) : [])],
      unitNames: [...new Set([...blocked.map((b) => b.name), ...(overdue ? leads : [])])],
      text: `${task.label}${task.title}：${sentences.join('')}`,
    },
  ];
}

/** The lead's percentage, else the highest any unit stands by. */
function readTaskPercent(year: TaskYear): number | null {
  const lead = year.assignments.find((a) => a.role === 'lead');
  const leadPercent = lead ? year.standing.get(lead.unitId)?.percent : null;
  if (leadPercent !== null && leadPercent !== undefined) return leadPercent;
  const percents = [...year.standing.values()].flatMap((report) => (report.percent === null ? [] : [report.percent]));
  return percents.length > 0 ? Math.max(...percents) : null;
}

/** Titles that already begin with an action read well after 继续; others need 推进. */
const actionStart =
  /^(推进|推动|加强|深化|开展|完善|健全|落实|规范|提升|强化|建立|建设|实施|做好|抓好|组织|严格|全面|优化|扎实|积极|加快|探索|创新|培育|巩固|压实|聚焦|围绕|贯彻|夯实)/u;
const ongoingStart = /^(持续|继续|坚持|进一步|不断)/u;

function continueWith(title: string): string {
  if (ongoingStart.test(title)) return title;
  return actionStart.test(title) ? `继续${title}` : `继续推进${title}`;
}

function planNextStep(year: TaskYear, units: NamedUnits, asOf: LocalDate): DraftNextStep {
  const { task } = year;
  const leadUnitNames = namesOf(year, 'lead', units);
  const supportUnitNames = namesOf(year, 'support', units);
  const percent = readTaskPercent(year);
  const who = [
    leadUnitNames.length > 0 ? `由${leadUnitNames.join('、')}牵头` : '',
    supportUnitNames.length > 0 ? `${supportUnitNames.join('、')}配合` : '',
  ].filter(Boolean);
  const deadline = taskDeadline(task);
  let aim: string;
  if (percent !== null && percent >= 100) aim = '，抓好收尾和验收，尽快办结';
  else if (deadline === null) aim = `${percent !== null ? `，目前完成${percent}%` : ''}，推动常态化落实`;
  else if (deadline < asOf) aim = `${percent !== null ? `，目前完成${percent}%` : ''}，已超过完成时限，须加快进度、尽快完成`;
  else aim = `${percent !== null ? `，目前完成${percent}%` : ''}，确保${formatChineseDate(deadline)}前完成`;
  return {
    taskId: task.id,
    label: task.label,
    title: task.title,
    leadUnitNames,
    supportUnitNames,
    percent,
    text: `${continueWith(task.title)}${who.length > 0 ? `，${who.join('，')}` : ''}${aim}。`,
  };
}
