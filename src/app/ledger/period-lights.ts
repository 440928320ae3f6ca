import type { LocalDate } from '../../domain/calendar/index.js';
import { dueSoonFrom, ledgerLight, type LedgerLight, type LightReason, type ReportStanding, type TaskRole } from '../../domain/cycle/index.js';
import type { ProgressStatus } from '../../domain/progress/index.js';
import type { UnitCategory } from '../../domain/units/index.js';
import type { PeriodRecord, Repositories } from '../../ports.js';
import { loadWorkdayCalendar } from '../calendar/workspace-calendar.js';
import { loadDueReports, type CycleDueReport } from '../cycle/due-reports.js';
import type { Cycle } from '../cycle/load-cycle.js';
import { readReminderPlan } from '../reminders/reminder-settings.js';

/** One unit's light on one task in a period: a due report of the cycle, coloured by ledgerLight. */
export interface LightCell {
  readonly unitId: number;
  readonly unitName: string;
  readonly category: UnitCategory;
  readonly role: TaskRole;
  readonly light: LedgerLight;
  readonly reason: LightReason;
  readonly standing: ReportStanding;
  readonly dueDate: LocalDate;
  /** The report's status, when one is in (or sent back). */
  readonly status: ProgressStatus | null;
  readonly late: boolean;
  readonly submittedAt: Date | null;
  /** The task asked nothing of the unit in the period, but it reported anyway. */
  readonly voluntary: boolean;
}

export interface PeriodLights {
  readonly period: PeriodRecord;
  /** The first reminder's day for the period's own due date (an extension's report has its own). */
  readonly dueSoonFrom: LocalDate;
  /** Each task's cells, in the order listDueReports gives (lead units first). */
  readonly byTask: ReadonlyMap<number, readonly LightCell[]>;
}

/**
 * The lights of every report due in a period: listDueReports (through loadDueReports) says who owes
 * what by when, the workspace's reminder plan and workday calendar say when "due soon" starts.
 */
export async function loadPeriodLights(store: Repositories, cycle: Cycle, period: PeriodRecord): Promise<PeriodLights> {
  const [due, calendar] = await Promise.all([loadDueReports(store, cycle, period), loadWorkdayCalendar(store, cycle.workspace.id)]);
  const plan = readReminderPlan(cycle.workspace);
  const soonByDate = new Map<LocalDate, LocalDate>();
  const soonFor = (dueDate: LocalDate) => {
    let soon = soonByDate.get(dueDate);
    if (soon === undefined) {
      soon = dueSoonFrom(dueDate, plan, calendar);
      soonByDate.set(dueDate, soon);
    }
    return soon;
  };
  const byTask = new Map<number, LightCell[]>();
  for (const d of due) {
    const unit = cycle.units.get(d.unitId);
    if (!unit) continue;
    const cell = toCell(d, unit, ledgerLight({ due: d, today: cycle.today, dueSoonFrom: soonFor(d.dueDate) }));
    const list = byTask.get(d.task.id);
    if (list) list.push(cell);
    else byTask.set(d.task.id, [cell]);
  }
  return { period, dueSoonFrom: soonFor(period.dueDate), byTask };
}

function toCell(d: CycleDueReport, unit: { name: string; category: UnitCategory }, { light, reason }: { light: LedgerLight; reason: LightReason }): LightCell {
  return {
    unitId: d.unitId,
    unitName: unit.name,
    category: unit.category,
    role: d.role,
    light,
    reason,
    standing: d.standing,
    dueDate: d.dueDate,
    status: d.report?.status ?? null,
    late: d.report?.late ?? false,
    submittedAt: d.report?.submittedAt ?? null,
    voluntary: d.voluntary,
  };
}
