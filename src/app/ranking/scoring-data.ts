import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { ProgressStatus, ReportRating, TaskRole, TaskState, UnitCategory } from '../../db/tables/index.js';
import type { LocalDate } from '../../domain/calendar/index.js';
import { defaultScoringRules, scoringRulesSchema, type ScoringReport, type ScoringRules } from '../../domain/ranking/index.js';
import { UserError } from '../../errors.js';

/**
 * Reads what scoring needs in a handful of set-based queries (no query per unit or task), so one
 * quarter of a 500-unit workspace ranks in well under a second.
 */

export type Quarter = 1 | 2 | 3 | 4;

export interface ScoringWorkspace {
  readonly id: number;
  readonly name: string;
  readonly regionName: string | null;
  readonly timeZone: string;
  readonly rules: ScoringRules;
  /** True when the workspace has no rule set of its own (or an unreadable one) and the default applies. */
  readonly rulesAreDefault: boolean;
}

export interface ScoringPeriod {
  readonly id: number;
  readonly key: string;
  readonly label: string;
  readonly year: number;
  readonly quarter: Quarter;
  readonly startsOn: LocalDate;
  readonly endsOn: LocalDate;
  readonly dueDate: LocalDate;
}

export interface UnitInfo {
  readonly id: number;
  readonly name: string;
  readonly category: UnitCategory;
  readonly active: boolean;
}

export interface TaskAssignment {
  readonly unitId: number;
  readonly role: TaskRole;
  /** False when the unit is on the task only as a member of a collective name (各镇政府（街道办事处）). */
  readonly direct: boolean;
  /** The place of the unit (or its collective) in the notice's list. */
  readonly position: number;
}

export interface TaskInfo {
  readonly id: number;
  readonly seq: number;
  readonly label: string;
  readonly title: string;
  readonly sectionTitle: string | null;
  /** The extended due date when the task was given one (延期), else its own. */
  readonly dueDate: LocalDate | null;
  readonly state: TaskState;
  readonly createdOn: LocalDate;
  readonly closedOn: LocalDate | null;
  /** Lead first, then in the order the notice lists them. */
  readonly units: readonly TaskAssignment[];
}

export interface ScoringBase {
  readonly workspace: ScoringWorkspace;
  /** Active units: an inactive unit answers for nothing (as for reminders) and is not ranked. */
  readonly units: readonly UnitInfo[];
  readonly tasks: readonly TaskInfo[];
}

/**
 * A report as scoring reads it (string ids, as the domain's ScoringReport) plus its period and text:
 * one object per report serves both scoring and the ledger, which matters at 20,000 reports.
 */
export interface ReportRow extends ScoringReport {
  readonly periodId: number;
  /** Sent back (退回) by a coordinator and not yet resubmitted: owed again, so not scored as reported. */
  readonly sentBack: boolean;
  /** The report's text, cut to a length a table cell can hold; null unless asked for. */
  readonly text: string | null;
}

export interface BonusRow {
  readonly periodId: number;
  readonly unitId: number;
  readonly points: number;
  readonly reason: string;
}

export interface PeriodActivity {
  readonly reports: readonly ReportRow[];
  readonly bonuses: readonly BonusRow[];
}

const reportTextLimit = 500;
const quarterNames = ['一', '二', '三', '四'] as const;

export function quarterKey(year: number, quarter: Quarter): string {
  return `${year}-Q${quarter}`;
}

export function quarterLabel(year: number, quarter: Quarter): string {
  return `${year}年第${quarterNames[quarter - 1]}季度`;
}

/** The workspace's stored rules, else the default; a stored set that no longer validates falls back too. */
export function readStoredRules(stored: unknown): { rules: ScoringRules; isDefault: boolean } {
  if (stored === null || stored === undefined) return { rules: defaultScoringRules, isDefault: true };
  const parsed = scoringRulesSchema.safeParse(stored);
  return parsed.success ? { rules: parsed.data, isDefault: false } : { rules: defaultScoringRules, isDefault: true };
}

export async function loadScoringWorkspace(db: DbOrTx, workspaceId: number): Promise<ScoringWorkspace> {
  const row = await db
    .selectFrom('workspaces')
    .select(['id', 'name', 'region_name', 'time_zone', 'scoring_rules'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) throw new UserError('unknown_workspace', `找不到编号为 ${workspaceId} 的工作区。请确认工作区编号（或服务器 ID）是否正确。`);
  const { rules, isDefault } = readStoredRules(row.scoring_rules);
  return { id: row.id, name: row.name, regionName: row.region_name, timeZone: row.time_zone, rules, rulesAreDefault: isDefault };
}

/** The year's quarterly periods that exist, in quarter order. */
export async function loadQuarterPeriods(db: DbOrTx, workspaceId: number, year: number, quarters: readonly Quarter[]): Promise<ScoringPeriod[]> {
  const keys = quarters.map((quarter) => quarterKey(year, quarter));
  const rows = await db
    .selectFrom('reporting_periods')
    .select(['id', 'key', 'label', 'starts_on', 'ends_on', 'due_date'])
    .where('workspace_id', '=', workspaceId)
    .where('key', 'in', keys)
    .execute();
  return quarters.flatMap((quarter) => {
    const row = rows.find((r) => r.key === quarterKey(year, quarter));
    return row ? [{ id: row.id, key: row.key, label: row.label, year, quarter, startsOn: row.starts_on, endsOn: row.ends_on, dueDate: row.due_date }] : [];
  });
}

export function missingPeriodError(year: number, quarter: Quarter): UserError {
  return new UserError(
    'period_not_found',
    `${quarterLabel(year, quarter)}的报送周期尚未建立，无法排名。请督办人先导入${year}年的工作要点并设置按季度报送的报送日历，再生成排名。`,
  );
}

/**
 * pg parses every column of every row in JavaScript; for the ~20,000 rows of a large quarter that
 * costs more than the query. Where rows are many, Postgres builds one JSON array of tuples instead,
 * read with the native JSON.parse: several times faster, same data.
 */
type AssignmentTuple = [taskId: number, role: TaskRole, position: number, unitId: number | null, direct: boolean];
type ReportTuple = [
  taskId: number,
  unitId: number,
  periodId: number,
  status: ProgressStatus,
  percent: number | null,
  late: boolean,
  perfunctory: boolean,
  rating: ReportRating | null,
  submittedAtMs: number,
  sentBack: boolean,
  text?: string,
];

/** Units, the year's live tasks and who answers for each, collective names expanded to their members. */
export async function loadScoringBase(db: DbOrTx, workspace: ScoringWorkspace, year: number): Promise<ScoringBase> {
  const localDate = (column: 'tasks.created_at' | 'tasks.closed_at') => sql<LocalDate>`to_char(${sql.ref(column)} at time zone ${workspace.timeZone}, 'YYYY-MM-DD')`;
  const [unitRows, taskRows, assignmentRows] = await Promise.all([
    db.selectFrom('units').select(['id', 'name', 'category', 'active']).where('workspace_id', '=', workspace.id).where('active', '=', true).orderBy('id').execute(),
    db
      .selectFrom('tasks')
      .leftJoin('sections', 'sections.id', 'tasks.section_id')
      .select([
        'tasks.id',
        'tasks.seq',
        'tasks.label',
        'tasks.title',
        'tasks.state',
        'sections.title as section_title',
        sql<LocalDate | null>`coalesce(tasks.extended_due_date, tasks.due_date)`.as('due_date'),
        localDate('tasks.created_at').as('created_on'),
        sql<LocalDate | null>`${localDate('tasks.closed_at')}`.as('closed_on'),
      ])
      .where('tasks.workspace_id', '=', workspace.id)
      .where('tasks.year', '=', year)
      .where('tasks.retired_at', 'is', null)
      .orderBy('tasks.seq')
      .execute(),
    db
      .selectFrom('task_units')
      .innerJoin('tasks', (join) => join.onRef('tasks.id', '=', 'task_units.task_id').onRef('tasks.workspace_id', '=', 'task_units.workspace_id'))
      .leftJoin('collective_members', 'collective_members.collective_id', 'task_units.collective_id')
      .select(
        sql<AssignmentTuple[]>`coalesce(json_agg(json_build_array(
          task_units.task_id, task_units.role, task_units.position,
          coalesce(task_units.unit_id, collective_members.unit_id), task_units.unit_id is not null
        )), '[]'::json)`.as('tuples'),
      )
      .where('tasks.workspace_id', '=', workspace.id)
      .where('tasks.year', '=', year)
      .where('tasks.retired_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);

  const active = new Set(unitRows.map((unit) => unit.id));
  const assignments = groupAssignments(assignmentRows.tuples, active);
  const tasks: TaskInfo[] = taskRows.map((row) => ({
    id: row.id,
    seq: row.seq,
    label: row.label,
    title: row.title,
    sectionTitle: row.section_title,
    dueDate: row.due_date,
    state: row.state,
    createdOn: row.created_on,
    closedOn: row.closed_on,
    units: assignments.get(row.id) ?? [],
  }));
  return { workspace, units: unitRows, tasks };
}

/**
 * A unit named on a task keeps the role written for it. A collective's members take the collective's
 * role — supporting in the usual 「区司法局、各镇政府（街道办事处）」, lead when the collective alone answers
 * for the task — unless the unit is also named itself; on two collectives, lead wins. Inactive units
 * and collectives without members give no assignment.
 */
function groupAssignments(tuples: readonly AssignmentTuple[], active: ReadonlySet<number>): Map<number, TaskAssignment[]> {
  const byTask = new Map<number, Map<number, TaskAssignment>>();
  for (const [taskId, role, position, unitId, direct] of tuples) {
    if (unitId === null || !active.has(unitId)) continue;
    let units = byTask.get(taskId);
    if (!units) byTask.set(taskId, (units = new Map()));
    const held = units.get(unitId);
    if (!held || (!held.direct && (direct || (held.role === 'support' && role === 'lead')))) units.set(unitId, { unitId, role, direct, position });
  }
  const roleOrder = (role: TaskRole) => (role === 'lead' ? 0 : 1);
  const grouped = new Map<number, TaskAssignment[]>();
  for (const [taskId, units] of byTask) {
    grouped.set(taskId, [...units.values()].sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.position - b.position || a.unitId - b.unitId));
  }
  return grouped;
}

/**
 * The latest state of every report, and the bonuses, in the given periods. The reports' text is
 * read only when asked for (for the workbook's ledger): it is most of the bytes and scoring never needs it.
 */
export async function loadPeriodActivity(
  db: DbOrTx,
  workspaceId: number,
  periodIds: readonly number[],
  options: { withText?: boolean } = {},
): Promise<PeriodActivity> {
  if (periodIds.length === 0) return { reports: [], bonuses: [] };
  const ids = [...periodIds];
  const [reportRows, bonusRows] = await Promise.all([
    db
      .selectFrom('progress_reports')
      .select(
        sql<ReportTuple[]>`coalesce(json_agg(json_build_array(
          task_id, unit_id, period_id, status, percent, late, perfunctory, rating,
          floor(extract(epoch from last_submitted_at) * 1000)::bigint, sent_back_at is not null
          ${options.withText ? sql`, left(body, ${sql.lit(reportTextLimit)})` : sql``}
        )), '[]'::json)`.as('tuples'),
      )
      .where('workspace_id', '=', workspaceId)
      .where('period_id', 'in', ids)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('score_adjustments')
      .select(['period_id', 'unit_id', 'points', 'reason'])
      .where('workspace_id', '=', workspaceId)
      .where('period_id', 'in', ids)
      // Bonuses are capped per quarter in the order they were awarded.
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  return {
    reports: reportRows.tuples.map(([taskId, unitId, periodId, status, percent, late, perfunctory, rating, submittedAtMs, sentBack, text]) => ({
      periodId,
      taskId: String(taskId),
      unitId: String(unitId),
      status,
      percent,
      late,
      perfunctory,
      rating,
      submittedAt: new Date(submittedAtMs),
      sentBack,
      text: text ?? null,
    })),
    // numeric arrives as a string; only positive adjustments are bonuses (awardBonus writes no others).
    bonuses: bonusRows.map((row) => ({ periodId: row.period_id, unitId: row.unit_id, points: Number(row.points), reason: row.reason })).filter((b) => b.points > 0),
  };
}
