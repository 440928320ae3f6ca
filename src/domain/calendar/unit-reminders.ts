export type TaskRole = 'lead' | 'support';

/** A task as the reminder lists it for one unit. */
export interface UnitTaskRef {
  readonly taskId: string;
  /** As the liaison sees it, e.g. '(五)' or '第3项'. */
  readonly label: string;
  readonly title?: string;
  readonly role: TaskRole;
}

export interface UnitReminder {
  readonly unitId: string;
  /** Every task still waiting for this unit's report, lead tasks first, in the order given. */
  readonly pendingTasks: readonly UnitTaskRef[];
}

export interface BuildUnitRemindersInput {
  /** Tasks that must report in the period, per unit (lead and supporting alike). */
  readonly tasksByUnit: ReadonlyMap<string, readonly UnitTaskRef[]>;
  /** Tasks each unit has already reported on in the period. */
  readonly reportedTaskIdsByUnit: ReadonlyMap<string, ReadonlySet<string> | readonly string[]>;
}

/**
 * One reminder per unit listing all its unreported tasks — never one message per task. A unit that
 * has reported everything gets nothing. A task listed twice for a unit is listed once, as lead if
 * either listing says so.
 */
export function buildUnitReminders({ tasksByUnit, reportedTaskIdsByUnit }: BuildUnitRemindersInput): UnitReminder[] {
  const reminders: UnitReminder[] = [];
  for (const [unitId, tasks] of tasksByUnit) {
    const reported = new Set(reportedTaskIdsByUnit.get(unitId) ?? []);
    const pending = new Map<string, UnitTaskRef>();
    for (const task of tasks) {
      if (reported.has(task.taskId)) continue;
      const held = pending.get(task.taskId);
      if (!held || (held.role === 'support' && task.role === 'lead')) pending.set(task.taskId, task);
    }
    if (pending.size === 0) continue;
    const ordered = [...pending.values()];
    reminders.push({
      unitId,
      pendingTasks: [...ordered.filter((t) => t.role === 'lead'), ...ordered.filter((t) => t.role === 'support')],
    });
  }
  return reminders;
}
