import type { DbOrTx } from '../../db/database.js';
import type { Unit } from '../../db/repositories/unit.repository.js';
import type { Workspace } from '../../db/repositories/workspace.repository.js';
import { toLocalDate } from '../../domain/calendar/index.js';
import { decideEdit } from '../../domain/progress/index.js';
import { UserError } from '../../errors.js';
import type { Access } from '../access.js';
import { ensureReportingPeriods, periodAt, type PeriodRow } from '../periods/reporting-periods.js';
import { currentYear } from '../tasks/task-queries.js';
import { isAssigned } from './record-progress.js';

export interface ReportTarget {
  task: { id: number; seq: number; label: string; title: string };
  unit: Pick<Unit, 'id' | 'name'>;
  period: PeriodRow;
  /** The unit's current report on the task in the period, to pre-fill an edit. */
  existing: { status: string; body: string; percent: number | null; revision: number } | null;
}

/** Only a liaison of the unit may report for it (coordinators and leaders read). */
export function requireLiaisonOf(access: Access, unitId: number): Unit {
  const unit = access.units.find((u) => u.id === unitId);
  if (!unit) throw new UserError('forbidden_unit', '只有该单位的联络员可以填报其进展。如需绑定,请联系督办人使用 /unit bind。');
  return unit;
}

/**
 * What `/progress <task>` reports on: the person's unit that answers for the task, and the period —
 * the earliest open one the unit still owes the task in (a late report goes to the period it is
 * late for), else the period of today (an edit).
 */
export async function resolveReportTarget(db: DbOrTx, workspace: Workspace, access: Access, seq: number, now: Date): Promise<ReportTarget> {
  const year = await currentYear(db, workspace.id);
  if (year === null) throw new UserError('no_notice', '本服务器尚未导入工作要点,暂无可报送的任务。');
  if (access.units.length === 0) throw new UserError('forbidden_unit', '你还没有绑定单位,不能填报进展。请联系督办人用 /unit bind 绑定。');
  const task = await db
    .selectFrom('tasks')
    .select(['id', 'seq', 'label', 'title', 'state'])
    .where('workspace_id', '=', workspace.id)
    .where('year', '=', year)
    .where('seq', '=', seq)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (!task) throw new UserError('unknown_task', `${year} 年没有第 ${seq} 项任务。请从联想列表中选择任务。`);
  if (task.state === 'closed') throw new UserError('task_closed', `第 ${seq} 项任务已办结,无需再报送进展。`);
  let unit: Unit | undefined;
  for (const candidate of access.units) {
    if (await isAssigned(db, task.id, candidate.id)) {
      unit = candidate;
      break;
    }
  }
  if (!unit) throw new UserError('not_assigned', `第 ${seq} 项任务不属于你所在的单位(${access.units.map((u) => u.name).join('、')}),无需报送。`);

  const periods = await ensureReportingPeriods(db, workspace, year);
  const today = toLocalDate(now, workspace.time_zone);
  const reports = await db
    .selectFrom('progress_reports')
    .select(['period_id', 'status', 'body', 'percent', 'revision', 'sent_back_at'])
    .where('task_id', '=', task.id)
    .where('unit_id', '=', unit.id)
    .execute();
  const owed = periods.find((p) => p.closed_at === null && p.starts_on <= today && p.due_date < today && !reports.some((r) => r.period_id === p.id && r.sent_back_at === null));
  const period = owed ?? periodAt(periods, today);
  if (!period) throw new UserError('no_period', '当前没有报送周期。请联系督办人检查 /reminders 中的报送周期设置。');
  const decision = decideEdit({ closed: period.closed_at !== null, label: period.label });
  if (!decision.allowed) throw new UserError(decision.code, decision.message);
  const existing = reports.find((r) => r.period_id === period.id) ?? null;
  return {
    task: { id: task.id, seq: task.seq, label: task.label, title: task.title },
    unit: { id: unit.id, name: unit.name },
    period,
    existing: existing && { status: existing.status, body: existing.body, percent: existing.percent, revision: existing.revision },
  };
}
