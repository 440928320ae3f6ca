import type { LocalDate } from '../calendar/local-date.js';
import type { ProgressStatus } from '../progress/progress-status.js';
import {
  formatChineseDate,
  formatChineseNumeral,
  indexLatestReports,
  isTaskDone,
  nameUnit,
  readTaskPercent,
} from './report-helpers.js';
import type { ReportEntry, ReportSection, ReportTask, ReportUnit } from './report-input.js';

export interface BuildAnnualReportDraftInput {
  /** The workspace's region, e.g. '某某区'. */
  readonly regionName: string;
  readonly year: number;
  readonly sections: readonly ReportSection[];
  readonly tasks: readonly ReportTask[];
  /** The year's reports; the latest per task and unit is compiled. */
  readonly reports: readonly ReportEntry[];
  readonly units: readonly ReportUnit[];
  /** The date the draft is written as of (overdue is judged against it); 31 December by default. */
  readonly asOf?: LocalDate;
}

export interface DraftUnitContribution {
  readonly unitId: string;
  readonly unitName: string;
  readonly role: 'lead' | 'support';
  readonly status: ProgressStatus;
  readonly percent: number | null;
  readonly text: string;
}

export interface DraftTask {
  readonly taskId: string;
  readonly label: string;
  readonly title: string;
  readonly done: boolean;
  /** Lead first, then supporting units, in the order the notice lists them; only units that reported. */
  readonly contributions: readonly DraftUnitContribution[];
  /** Units assigned to the task that sent nothing all year. */
  readonly silentUnitNames: readonly string[];
}

export interface DraftSection {
  /** null for tasks outside any section. */
  readonly sectionId: string | null;
  /** '（一）' + the notice section's title. */
  readonly heading: string;
  readonly tasks: readonly DraftTask[];
}

export interface DraftProblem {
  readonly taskId: string;
  readonly label: string;
  readonly title: string;
  readonly kinds: readonly ('blocked' | 'overdue')[];
  readonly unitNames: readonly string[];
  /** A first sentence for the drafter to rework. */
  readonly text: string;
}

export interface DraftNextStep {
  readonly taskId: string;
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

export const annualDraftNote =
  '本稿由督办系统根据各单位报送的进展情况自动汇编，仅为草稿，须经人工核实、修改后方可使用。';

/**
 * The annual 法治政府建设情况报告 as data, in the structure such reports use: 一、工作开展情况 (one part per
 * notice section, compiling what the units reported, units named), 二、存在的问题 (tasks reported 受阻
 * or past their deadline unfinished), 三、下一步工作打算 (unfinished tasks). A draft for a person to edit.
 */
export function buildAnnualReportDraft(input: BuildAnnualReportDraftInput): AnnualReportDraft {
  const asOf = input.asOf ?? `${input.year}-12-31`;
  const units = new Map(input.units.map((unit) => [unit.id, unit]));
  const latest = indexLatestReports(input.reports);
  const draftTasks = new Map(input.tasks.map((task) => [task.id, compileTask(task, latest.get(task.id), units)]));

  const problems = input.tasks.flatMap((task) => listProblem(task, latest.get(task.id), units, asOf, draftTasks.get(task.id)?.done ?? false));
  const nextSteps = input.tasks.filter((task) => !draftTasks.get(task.id)?.done).map((task) => planNextStep(task, latest.get(task.id), units));
  const reportingUnits = new Set(input.reports.map((report) => report.unitId));

  return {
    title: `${input.regionName}${input.year}年度法治政府建设情况报告`,
    isDraft: true,
    draftNote: annualDraftNote,
    year: input.year,
    asOf,
    totals: {
      tasks: input.tasks.length,
      done: [...draftTasks.values()].filter((task) => task.done).length,
      unfinished: nextSteps.length,
      problems: problems.length,
      unitsReporting: reportingUnits.size,
    },
    work: { heading: '一、工作开展情况', sections: groupSections(input.sections, input.tasks, draftTasks) },
    problems: { heading: '二、存在的问题', items: problems },
    nextSteps: { heading: '三、下一步工作打算', items: nextSteps },
  };
}

function compileTask(
  task: ReportTask,
  latest: ReadonlyMap<string, ReportEntry> | undefined,
  units: ReadonlyMap<string, ReportUnit>,
): DraftTask {
  const ordered = [...task.units.filter((u) => u.role === 'lead'), ...task.units.filter((u) => u.role === 'support')];
  const contributions: DraftUnitContribution[] = [];
  const silentUnitNames: string[] = [];
  for (const { unitId, role } of ordered) {
    const report = latest?.get(unitId);
    if (!report) {
      silentUnitNames.push(nameUnit(units, unitId));
      continue;
    }
    contributions.push({ unitId, unitName: nameUnit(units, unitId), role, status: report.status, percent: report.percent, text: report.text });
  }
  return { taskId: task.id, label: task.label, title: task.title, done: isTaskDone(task, latest), contributions, silentUnitNames };
}

function groupSections(
  sections: readonly ReportSection[],
  tasks: readonly ReportTask[],
  draftTasks: ReadonlyMap<string, DraftTask>,
): DraftSection[] {
  const ordered = [...sections].sort((a, b) => a.no - b.no);
  const buckets = new Map<string | null, DraftTask[]>([...ordered.map((s) => [s.id, []] as [string, DraftTask[]]), [null, []]]);
  for (const task of tasks) {
    const draft = draftTasks.get(task.id);
    if (!draft) continue;
    const bucket = (task.sectionId !== null ? buckets.get(task.sectionId) : undefined) ?? buckets.get(null);
    bucket?.push(draft);
  }
  const parts = [...ordered.map((s) => ({ sectionId: s.id as string | null, title: s.title })), { sectionId: null, title: '其他工作' }];
  return parts
    .filter((part) => (buckets.get(part.sectionId)?.length ?? 0) > 0)
    .map((part, index) => ({
      sectionId: part.sectionId,
      heading: `（${formatChineseNumeral(index + 1)}）${part.title}`,
      tasks: buckets.get(part.sectionId) ?? [],
    }));
}

function listProblem(
  task: ReportTask,
  latest: ReadonlyMap<string, ReportEntry> | undefined,
  units: ReadonlyMap<string, ReportUnit>,
  asOf: LocalDate,
  done: boolean,
): DraftProblem[] {
  if (done) return [];
  const blocked = task.units.flatMap(({ unitId }) => {
    const report = latest?.get(unitId);
    return report?.status === 'blocked' ? [{ name: nameUnit(units, unitId), text: report.text.trim() }] : [];
  });
  const overdue = task.dueDate !== null && task.dueDate < asOf;
  if (blocked.length === 0 && !overdue) return [];

  const leads = task.units.filter((u) => u.role === 'lead').map((u) => nameUnit(units, u.unitId));
  const sentences: string[] = [];
  if (blocked.length > 0) {
    sentences.push(`${blocked.map((b) => `${b.name}反映推进受阻${b.text ? `：${stripEndPunctuation(b.text)}` : ''}`).join('；')}。`);
  }
  if (overdue && task.dueDate !== null) {
    sentences.push(`完成时限为${formatChineseDate(task.dueDate)}，截至${formatChineseDate(asOf)}尚未完成${leads.length > 0 ? `（牵头单位：${leads.join('、')}）` : ''}。`);
  }
  const unitNames = [...new Set([...blocked.map((b) => b.name), ...(overdue ? leads : [])])];
  return [
    {
      taskId: task.id,
      label: task.label,
      title: task.title,
      kinds: [...(blocked.length > 0 ? (['blocked'] as const) : []), ...(overdue ? (['overdue'] as const) : [])],
      unitNames,
      text: `${task.label}${task.title}：${sentences.join('')}`,
    },
  ];
}

function planNextStep(
  task: ReportTask,
  latest: ReadonlyMap<string, ReportEntry> | undefined,
  units: ReadonlyMap<string, ReportUnit>,
): DraftNextStep {
  const leadUnitNames = task.units.filter((u) => u.role === 'lead').map((u) => nameUnit(units, u.unitId));
  const supportUnitNames = task.units.filter((u) => u.role === 'support').map((u) => nameUnit(units, u.unitId));
  const percent = readTaskPercent(task, latest);
  const who = [
    leadUnitNames.length > 0 ? `由${leadUnitNames.join('、')}牵头` : '',
    supportUnitNames.length > 0 ? `${supportUnitNames.join('、')}配合` : '',
  ].filter(Boolean);
  const progress = percent !== null ? `，目前完成${percent}%` : '';
  return {
    taskId: task.id,
    label: task.label,
    title: task.title,
    leadUnitNames,
    supportUnitNames,
    percent,
    text: `继续推进${task.title}${who.length > 0 ? `，${who.join('，')}` : ''}${progress}，确保按期完成。`,
  };
}

function stripEndPunctuation(text: string): string {
  return text.replace(/[。；;，,.！!\s]+$/u, '');
}

