import { commandRef } from '../../command-names.js';
import type { LocalDate } from '../../domain/calendar/index.js';
import { countLights, type LedgerLight, type TaskState } from '../../domain/cycle/index.js';
import type { ProgressStatus } from '../../domain/progress/index.js';
import type { UnitCategory } from '../../domain/units/index.js';
import type { PeriodRecord, Repositories, UnitRef } from '../../ports.js';
import { canSeeAllUnits } from '../access.js';
import { requireCycle, type Cycle } from '../cycle/load-cycle.js';
import { pickPeriod } from '../cycle/reporting-periods.js';
import { readReminderPlan } from '../reminders/reminder-settings.js';
import { listTaskSummaries, type TaskStatusFilter } from '../tasks/task-queries.js';
import type { LedgerViewer } from './ledger-viewer.js';
import { loadPeriodLights, type LightCell, type PeriodLights } from './period-lights.js';

/** The overview's filters and search, as the web adapter parsed them from the query string. */
export interface LedgerQuery {
  readonly period?: string | undefined;
  readonly section?: number | undefined;
  readonly unit?: number | undefined;
  readonly category?: 'department' | 'township' | undefined;
  readonly light?: LedgerLight | undefined;
  readonly status?: TaskStatusFilter | undefined;
  readonly q?: string | undefined;
}

export interface LedgerTaskRow {
  readonly id: number;
  readonly seq: number;
  readonly label: string;
  readonly title: string;
  readonly state: TaskState;
  readonly leaderless: boolean;
  /** Names as the notice writes them (collective names unexpanded). */
  readonly lead: readonly string[];
  readonly support: readonly string[];
  /** This period's light of each unit answering for the task (after the unit and category filters). */
  readonly cells: readonly LightCell[];
  /** Why a task shows no light: closed, no lead, not asked this period. */
  readonly note: string | null;
  /** The latest report of the period on the task, cut short. */
  readonly latest: { readonly unitName: string; readonly status: ProgressStatus; readonly text: string } | null;
  /** 完成时限 in force and the notice's phrase. */
  readonly deadline: string | null;
  readonly deadlinePhrase: string | null;
}

export interface LedgerSection {
  readonly no: number | null;
  readonly title: string | null;
  readonly tasks: readonly LedgerTaskRow[];
}

export interface LedgerOverview {
  readonly workspaceName: string;
  readonly year: number;
  readonly today: LocalDate;
  readonly period: PeriodRecord;
  readonly periods: readonly PeriodRecord[];
  readonly counts: Record<LedgerLight, number>;
  readonly sections: readonly LedgerSection[];
  readonly shownTasks: number;
  readonly totalTasks: number;
  /** The filters in force after checking them (a value that does not apply is dropped and explained). */
  readonly query: LedgerQuery;
  /** What was asked and could not be applied, in Chinese. */
  readonly notices: readonly string[];
  /** The choices the filter form offers this viewer. */
  readonly options: {
    readonly sections: readonly { readonly no: number; readonly title: string | null }[];
    readonly units: readonly { readonly id: number; readonly name: string; readonly category: UnitCategory }[];
  };
  /** A liaison's own units: the ledger shows only their tasks. Null for coordinators and leaders. */
  readonly ownUnits: readonly string[] | null;
  /** The colour rules as the page states them, with this period's dates. */
  readonly rules: readonly { readonly light: LedgerLight | null; readonly text: string }[];
}

const overviewTextLimit = 40;

/** The units a viewer may pick in the filter: all for coordinators and leaders, a liaison's own. */
function visibleUnits(cycle: Cycle, viewer: LedgerViewer): UnitRef[] {
  if (canSeeAllUnits(viewer.access)) return [...cycle.units.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return viewer.access.units.filter((u) => cycle.units.has(u.id)).map((u) => ({ id: u.id, name: u.name, category: u.category }));
}

function noteFor(task: { state: TaskState; leaderless: boolean }): string {
  if (task.leaderless) return `未指定牵头单位:不要求任何单位报送(请督办人用 ${commandRef('task edit')} 指定)`;
  if (task.state === 'closed') return '已办结:本期不再要求报送';
  return '本期不要求报送(任务在本期截止日之后才下达)';
}

/** The colour rules as the page states them, with the plan's first reminder and this period's dates. */
export function describeLightRules(viewer: LedgerViewer, lights: Pick<PeriodLights, 'period' | 'dueSoonFrom'>): { light: LedgerLight | null; text: string }[] {
  const plan = readReminderPlan(viewer.workspace);
  const first = [...plan.stages].filter((s) => s.audience === 'liaison' && s.offsetWorkdays <= 0).sort((a, b) => a.offsetWorkdays - b.offsetWorkdays)[0];
  const firstText = first && first.offsetWorkdays < 0 ? `截止前 ${-first.offsetWorkdays} 个工作日` : '截止当日';
  const { period, dueSoonFrom } = lights;
  return [
    { light: 'green', text: `绿:已报送(最新状态不是“受阻”);或尚未到第一次报送提醒之日。` },
    {
      light: 'yellow',
      text: `黄:尚未报送或被退回待重报,且已到第一次报送提醒之日——提醒计划的第一次提醒为${firstText},按法定节假日和调休计算工作日。${period.label}截止 ${period.dueDate},${dueSoonFrom} 起未报送即为黄。`,
    },
    { light: 'red', text: `红:过了截止日仍未报送(逾期,截止当日报送不算逾期),或最新报送状态为“受阻”。` },
    { light: null, text: '延期的任务按延期后的截止日计算;已办结的任务在办结日之后截止的周期不再要求报送,不显示颜色。' },
    { light: null, text: `未指定牵头单位的任务不要求任何单位报送,不显示颜色,请督办人用 ${commandRef('task edit')} 指定牵头单位。` },
  ];
}

/** Whether the task matches the search: its number, label, title or a unit's name. */
function matches(
  q: string,
  row: { seq: number; label: string; title: string; lead: readonly string[]; support: readonly string[]; cells: readonly LightCell[] },
) {
  return (
    String(row.seq) === q ||
    row.label.includes(q) ||
    row.title.includes(q) ||
    row.lead.some((n) => n.includes(q)) ||
    row.support.some((n) => n.includes(q)) ||
    row.cells.some((c) => c.unitName.includes(q))
  );
}

/**
 * 总览: every task of the year's notice the viewer may see (the same rule as /tasks: coordinators and
 * leaders all, a liaison their units'), each with this period's light per unit, filtered and searched.
 */
export async function buildLedgerOverview(store: Repositories, viewer: LedgerViewer, input: { query: LedgerQuery; now: Date }): Promise<LedgerOverview> {
  const cycle = await requireCycle(store, viewer.workspace, input.now);
  const notices: string[] = [];
  const query: { -readonly [K in keyof LedgerQuery]: LedgerQuery[K] } = { ...input.query };

  let period = pickPeriod(cycle.periods, cycle.today, query.period);
  if (!period) {
    if (query.period) notices.push(`没有报送周期“${query.period}”,已显示当前周期。`);
    delete query.period;
    period = pickPeriod(cycle.periods, cycle.today, null);
  }
  if (!period) throw new Error(`workspace ${viewer.workspace.id} has no reporting period in ${cycle.year}`);

  const units = visibleUnits(cycle, viewer);
  if (query.unit !== undefined && !units.some((u) => u.id === query.unit)) {
    notices.push(canSeeAllUnits(viewer.access) ? '所选单位不存在或已停用,已显示全部单位。' : '联络员只能查看本单位的任务,已显示本单位的全部任务。');
    delete query.unit;
  }
  const all = canSeeAllUnits(viewer.access);
  const unitIds = query.unit !== undefined ? [query.unit] : all ? undefined : units.map((u) => u.id);

  const [summaries, lights] = await Promise.all([
    listTaskSummaries(store, cycle, {
      ...(unitIds ? { unitIds } : {}),
      ...(query.section !== undefined ? { sectionNo: query.section } : {}),
      ...(query.status ? { status: query.status } : {}),
    }),
    loadPeriodLights(store, cycle, period),
  ]);

  const q = query.q?.trim();
  // The latest report of the period on each task is the one whose text the page shows: only those texts are read.
  const latestByTask = new Map<number, LightCell>();
  for (const task of summaries) {
    const latest = (lights.byTask.get(task.id) ?? []).reduce<LightCell | null>(
      (best, c) => (c.submittedAt && (!best?.submittedAt || c.submittedAt > best.submittedAt) ? c : best),
      null,
    );
    if (latest?.status) latestByTask.set(task.id, latest);
  }
  const texts = await store.cycle.loadReportTexts(
    viewer.workspace.id,
    period.id,
    [...latestByTask].map(([taskId, cell]) => ({ taskId, unitId: cell.unitId })),
    overviewTextLimit,
  );
  const rows: (LedgerTaskRow & { sectionNo: number | null; sectionTitle: string | null })[] = [];
  for (const task of summaries) {
    const allCells = lights.byTask.get(task.id) ?? [];
    const cells = allCells.filter((c) => (query.unit === undefined || c.unitId === query.unit) && (!query.category || c.category === query.category));
    if (query.category && cells.length === 0) continue;
    if (query.light && !cells.some((c) => c.light === query.light)) continue;
    const latestCell = latestByTask.get(task.id);
    const row = {
      id: task.id,
      seq: task.seq,
      label: task.label,
      title: task.title,
      state: task.state,
      leaderless: task.leaderless,
      lead: task.units.filter((u) => u.role === 'lead').map((u) => u.name),
      support: task.units.filter((u) => u.role === 'support').map((u) => u.name),
      cells,
      note: allCells.length === 0 ? noteFor(task) : null,
      latest: latestCell?.status
        ? { unitName: latestCell.unitName, status: latestCell.status, text: (texts.get(`${task.id}:${latestCell.unitId}`) ?? '').split('\n')[0] ?? '' }
        : null,
      deadline: task.dueDate,
      deadlinePhrase: task.deadlinePhrase,
      sectionNo: task.sectionNo,
      sectionTitle: task.sectionTitle,
    };
    if (q && !matches(q, row)) continue;
    rows.push(row);
  }

  const sections: LedgerSection[] = [];
  for (const row of rows) {
    const last = sections.at(-1);
    const { sectionNo, sectionTitle, ...task } = row;
    if (last && last.no === sectionNo) (last.tasks as LedgerTaskRow[]).push(task);
    else sections.push({ no: sectionNo, title: sectionTitle, tasks: [task] });
  }
  const sectionOptions = new Map<number, string | null>();
  for (const task of cycle.tasks) if (task.sectionNo !== null && !sectionOptions.has(task.sectionNo)) sectionOptions.set(task.sectionNo, task.sectionTitle);

  return {
    workspaceName: viewer.workspace.name,
    year: cycle.year,
    today: cycle.today,
    period,
    periods: cycle.periods,
    counts: countLights(rows.flatMap((r) => r.cells.map((c) => c.light))),
    sections,
    shownTasks: rows.length,
    totalTasks: all ? cycle.tasks.length : cycle.tasks.filter((t) => t.listings.some((l) => units.some((u) => u.id === l.unitId))).length,
    query,
    notices,
    options: {
      sections: [...sectionOptions].sort((a, b) => a[0] - b[0]).map(([no, title]) => ({ no, title })),
      units: units.map((u) => ({ id: u.id, name: u.name, category: u.category })),
    },
    ownUnits: all ? null : viewer.access.units.map((u) => u.name),
    rules: describeLightRules(viewer, lights),
  };
}
