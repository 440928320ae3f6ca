import { commandRef } from '../../command-names.js';
import { quarterLabel, type LocalDate } from '../../domain/calendar/index.js';
import { listDueReports, taskDeadline, type DueReport, type ReportState, type TaskRole } from '../../domain/cycle/index.js';
import { defaultScoringRules, scoringRulesSchema, type ScoringRules } from '../../domain/ranking/index.js';
import { UserError } from '../../errors.js';
import type { BonusRecord, PeriodRecord, Repositories, TaskRecord, UnitRef, Workspace } from '../../ports.js';
import { loadCycleWith } from '../cycle/load-cycle.js';

/**
 * What scoring reads, in a handful of set-based reads (no query per unit or task), so one quarter of
 * a 500-unit workspace ranks in well under a second. Who is scored on what is listDueReports' answer,
 * the same that /status, the reminders and the digest give.
 */

export type Quarter = 1 | 2 | 3 | 4;

export interface ScoringWorkspace {
  readonly id: number;
  /** What rankings are headed with: the district set in /setup, else the server's name. */
  readonly name: string;
  readonly regionName: string | null;
  readonly timeZone: string;
  readonly rules: ScoringRules;
  /** True when the workspace has no rule set of its own (or an unreadable one) and the default applies. */
  readonly rulesAreDefault: boolean;
}

export interface ScoringPeriod extends PeriodRecord {
  readonly quarter: Quarter;
}

export type UnitInfo = UnitRef;

/** A unit scored on a task, with its report of the quarter (sent back or not; null when it sent none). */
export interface TaskUnit {
  readonly unitId: number;
  readonly role: TaskRole;
  readonly report: ReportRow | null;
}

/** A task as a quarter scores it: its deadline in force and the units scored on it, lead first. */
export interface TaskInfo {
  readonly id: number;
  readonly seq: number;
  readonly label: string;
  readonly title: string;
  readonly sectionTitle: string | null;
  readonly dueDate: LocalDate | null;
  readonly units: readonly TaskUnit[];
}

/** A report as scoring and the ledger read it. */
export type ReportRow = ReportState;

export interface ScoringBase {
  readonly workspace: ScoringWorkspace;
  readonly today: LocalDate;
  /** Active units: an inactive unit answers for nothing (as for reminders) and is not ranked. */
  readonly units: readonly UnitInfo[];
  readonly tasks: readonly TaskRecord[];
  readonly periods: readonly PeriodRecord[];
}

export function quarterKey(year: number, quarter: Quarter): string {
  return `${year}-Q${quarter}`;
}

/** The quarter a period is, for a quarterly cadence; null for months and custom periods. */
export function quarterOf(period: Pick<PeriodRecord, 'key'>): Quarter | null {
  const match = /^\d{4}-Q([1-4])$/.exec(period.key);
  return match ? (Number(match[1]) as Quarter) : null;
}

export function asScoringPeriod(period: PeriodRecord): ScoringPeriod | null {
  const quarter = quarterOf(period);
  return quarter === null ? null : { ...period, quarter };
}

/** The workspace's stored rules, else the default; a stored set that no longer validates falls back too. */
export function readStoredRules(stored: unknown): { rules: ScoringRules; isDefault: boolean } {
  if (stored === null || stored === undefined) return { rules: defaultScoringRules, isDefault: true };
  const parsed = scoringRulesSchema.safeParse(stored);
  return parsed.success ? { rules: parsed.data, isDefault: false } : { rules: defaultScoringRules, isDefault: true };
}

export function toScoringWorkspace(row: Workspace): ScoringWorkspace {
  const { rules, isDefault } = readStoredRules(row.scoring_rules);
  return { id: row.id, name: row.region_name ?? row.name, regionName: row.region_name, timeZone: row.time_zone, rules, rulesAreDefault: isDefault };
}

export async function requireWorkspace(store: Repositories, workspaceId: number): Promise<Workspace> {
  const row = await store.workspaces.findById(workspaceId);
  if (!row) throw new UserError('unknown_workspace', `找不到编号为 ${workspaceId} 的工作区。请确认工作区编号（或服务器 ID）是否正确。`);
  return row;
}

export async function loadScoringWorkspace(store: Repositories, workspaceId: number): Promise<ScoringWorkspace> {
  return toScoringWorkspace(await requireWorkspace(store, workspaceId));
}

/** The year's quarterly periods that exist, in quarter order. */
export async function loadQuarterPeriods(store: Repositories, workspaceId: number, year: number, quarters: readonly Quarter[]): Promise<ScoringPeriod[]> {
  const periods = (await store.periods.list(workspaceId, year)).flatMap((p) => asScoringPeriod(p) ?? []);
  return quarters.flatMap((quarter) => periods.filter((p) => p.quarter === quarter));
}

export function missingPeriodError(year: number, quarter: Quarter): UserError {
  return new UserError(
    'period_not_found',
    `${quarterLabel(year, quarter)}的报送周期尚未建立，无法排名。请督办人先导入${year}年的工作要点并设置按季度报送的报送日历，再生成排名。`,
  );
}

/** The year's cycle as scoring reads it; refused for a year with no notice (its periods are never laid out). */
export async function loadScoringBase(store: Repositories, workspaceId: number, year: number, now: Date): Promise<ScoringBase> {
  return (await loadScoringBaseWith(store, workspaceId, year, now, async () => null)).base;
}

/** loadScoringBase, reading `alongside` (the reports of the periods scored) at the same time as the tasks. */
export async function loadScoringBaseWith<T>(
  store: Repositories,
  workspaceId: number,
  year: number,
  now: Date,
  alongside: (periods: readonly PeriodRecord[], today: LocalDate) => Promise<T>,
): Promise<{ base: ScoringBase; alongside: T }> {
  // The notice years are read beside the workspace: one round trip fewer before the reads that take time.
  const [row, years] = await Promise.all([requireWorkspace(store, workspaceId), store.cycle.listNoticeYears(workspaceId)]);
  const loaded = await loadCycleWith(store, row, now, { year, noticeYears: years }, alongside);
  if (!loaded) {
    throw new UserError(
      'year_without_notice',
      years.length
        ? `${year} 年没有导入工作要点,无法排名。已导入的年度:${years.join('、')}。`
        : `还没有导入工作要点,无法排名。请督办人先用 ${commandRef('notice import')} 导入。`,
    );
  }
  const { cycle } = loaded;
  return {
    base: { workspace: toScoringWorkspace(row), today: cycle.today, units: [...cycle.units.values()], tasks: cycle.tasks, periods: cycle.periods },
    alongside: loaded.alongside,
  };
}

/** Everything one quarter's scoring reads: the domain's input plus what the tables around it show. */
export interface QuarterScoringData {
  readonly workspace: ScoringWorkspace;
  readonly period: ScoringPeriod;
  /** The quarter's due date has not passed and it is not closed: reports may still come in. */
  readonly provisional: boolean;
  /** The tasks scored this quarter, each with only the units scored on it. */
  readonly tasks: readonly TaskInfo[];
  readonly units: readonly UnitInfo[];
  /** This quarter's reports on the tasks scored, sent-back ones included (the ledger shows them; scoring does not count them). */
  readonly reports: readonly ReportRow[];
  /** The reports scoring counts: standing ones (not sent back). */
  readonly scoredReports: readonly ReportRow[];
  readonly bonuses: readonly BonusRecord[];
  /** The evidence file names of each report (`taskId:unitId`), when loaded for a workbook (withReportText). */
  readonly evidence: ReadonlyMap<string, readonly string[]>;
}

/** Evidence file names of reports by period, then `taskId:unitId`. */
export type EvidenceNames = ReadonlyMap<number, ReadonlyMap<string, readonly string[]>>;

/** The evidence file names of the reports in these periods (for the workbook's 任务状态 sheet). */
export async function loadEvidenceNames(store: Repositories, workspaceId: number, periodIds: readonly number[]): Promise<EvidenceNames> {
  const byPeriod = new Map<number, Map<string, string[]>>();
  for (const file of await store.progress.listEvidenceNames(workspaceId, periodIds)) {
    const period = byPeriod.get(file.periodId) ?? new Map<string, string[]>();
    byPeriod.set(file.periodId, period);
    const key = `${file.taskId}:${file.unitId}`;
    const names = period.get(key);
    if (names) names.push(file.filename);
    else period.set(key, [file.filename]);
  }
  return byPeriod;
}

/** One quarter's scoring data from what is loaded already; pure, so rankYear can reuse the loads. */
export function assembleQuarterInput(
  base: ScoringBase,
  period: ScoringPeriod,
  reports: readonly ReportRow[],
  bonuses: readonly BonusRecord[],
  evidence: EvidenceNames = new Map(),
): QuarterScoringData {
  const due = listDueReports({ tasks: base.tasks, period, periods: base.periods, reports });
  // Plain loops: a large workspace's quarter has 20,000 due reports. They come task by task, so each
  // task's are one run of them; a due report is the unit's TaskUnit (no copy of 20,000 of them).
  const tasks: TaskInfo[] = [];
  const ledger: ReportRow[] = [];
  const scoredReports: ReportRow[] = [];
  for (let start = 0; start < due.length;) {
    const task = (due[start] as DueReport).task as TaskRecord;
    let end = start + 1;
    while (end < due.length && (due[end] as DueReport).task === task) end += 1;
    const units = due.slice(start, end);
    tasks.push({ id: task.id, seq: task.seq, label: task.label, title: task.title, sectionTitle: task.sectionTitle, dueDate: taskDeadline(task), units });
    for (const { report, standing } of units) {
      if (!report) continue;
      ledger.push(report);
      if (standing === 'reported') scoredReports.push(report);
    }
    start = end;
  }
  return {
    workspace: base.workspace,
    period,
    provisional: !period.closed && period.dueDate >= base.today,
    tasks,
    units: base.units,
    reports: ledger,
    scoredReports,
    bonuses: bonuses.filter((bonus) => bonus.periodId === period.id),
    evidence: evidence.get(period.id) ?? new Map(),
  };
}

/** What one quarter's scoring reads from storage, before the domain decides who owes what. */
export interface QuarterScoringRows {
  readonly base: ScoringBase;
  readonly period: ScoringPeriod;
  readonly reports: readonly ReportRow[];
  readonly bonuses: readonly BonusRecord[];
  /** The reports' evidence file names, with `withReportText` (for the workbook). */
  readonly evidence: EvidenceNames | undefined;
}

/** One quarter's rows (period key `${year}-Q${quarter}`); the reports' text only with `withReportText`. */
export async function loadQuarterScoringRows(
  store: Repositories,
  input: { workspaceId: number; year: number; quarter: Quarter; now: Date; withReportText?: boolean },
): Promise<QuarterScoringRows> {
  const reportText = input.withReportText ? { withText: true, textLimit: 500 } : {};
  const { base, alongside } = await loadScoringBaseWith(store, input.workspaceId, input.year, input.now, async (periods) => {
    const period = periods.flatMap((p) => asScoringPeriod(p) ?? []).find((p) => p.quarter === input.quarter);
    if (!period) return null;
    const [reports, bonuses, evidence] = await Promise.all([
      store.cycle.loadReports(input.workspaceId, { periodIds: [period.id], ...reportText }),
      store.scoring.listBonuses(input.workspaceId, [period.id]),
      input.withReportText ? loadEvidenceNames(store, input.workspaceId, [period.id]) : undefined,
    ]);
    return { period, reports, bonuses, evidence };
  });
  if (!alongside) throw missingPeriodError(input.year, input.quarter);
  return { base, ...alongside };
}

/** One quarter's scoring data (period key `${year}-Q${quarter}`); the reports' text only with `withReportText`. */
export async function loadQuarterScoringInput(
  store: Repositories,
  input: { workspaceId: number; year: number; quarter: Quarter; now: Date; withReportText?: boolean },
): Promise<QuarterScoringData> {
  const { base, period, reports, bonuses, evidence } = await loadQuarterScoringRows(store, input);
  return assembleQuarterInput(base, period, reports, bonuses, evidence);
}
