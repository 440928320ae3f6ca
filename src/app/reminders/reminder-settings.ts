import { commandRef } from '../../command-names.js';
import { reminderPlanSchema, type ReminderPlan, type ReminderStage, type ReminderStagePlan } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import type { Workspace } from '../../ports.js';
import type { AppContext } from '../context.js';
import { ensureReportingPeriods } from '../cycle/reporting-periods.js';
import { readCadence, type StoredCadence } from '../cycle/reporting-cadence.js';
import { queueAfterCommit } from '../queue-follow-up.js';

/** The workspace's reminder plan; the default plan in the workspace's time zone when none is stored. */
export function readReminderPlan(workspace: Pick<Workspace, 'reminder_plan' | 'time_zone'>): ReminderPlan {
  const stored = (workspace.reminder_plan ?? {}) as Record<string, unknown>;
  const parsed = reminderPlanSchema.safeParse({ timeZone: workspace.time_zone, ...stored });
  return parsed.success ? parsed.data : reminderPlanSchema.parse({ timeZone: workspace.time_zone });
}

export interface PlanChanges {
  time?: string;
  /** Workdays; 0 turns the stage off (the due-date stage is always on). */
  beforeFar?: number;
  beforeNear?: number;
  after?: number;
  escalateAfter?: number;
  cadence?: StoredCadence['cadence'];
  dueDay?: number;
}

function stageWith(
  stages: ReminderStagePlan[],
  stage: ReminderStage,
  days: number | undefined,
  sign: -1 | 1,
  audience: ReminderStagePlan['audience'],
): ReminderStagePlan[] {
  if (days === undefined) return stages;
  const others = stages.filter((s) => s.stage !== stage);
  return days === 0 ? others : [...others, { stage, offsetWorkdays: sign * days, audience }];
}

/**
 * Changes the workspace's reminder plan and reporting cadence, then re-plans its reminders:
 * pending ones move, ones no longer in the plan are cancelled, ones already sent stay sent.
 */
export async function updateReminderPlan(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; changes: PlanChanges },
): Promise<{ plan: ReminderPlan; cadence: StoredCadence }> {
  if (Object.values(input.changes).every((value) => value === undefined)) throw new UserError('nothing_to_change', '请至少填写一项要修改的设置。');
  const result = await ctx.store.transaction(async (tx) => {
    const workspace = await tx.workspaces.findById(input.workspaceId);
    if (!workspace) throw new UserError('no_workspace', `找不到本服务器的督办设置,请先运行 ${commandRef('setup')}。`);
    const current = readReminderPlan(workspace);
    const c = input.changes;
    let stages = current.stages.map((s) => ({ ...s }));
    stages = stageWith(stages, 'before5', c.beforeFar, -1, 'liaison');
    stages = stageWith(stages, 'before1', c.beforeNear, -1, 'liaison');
    stages = stageWith(stages, 'after1', c.after, 1, 'liaison');
    stages = stageWith(stages, 'after3', c.escalateAfter, 1, 'escalation');
    if (!stages.some((s) => s.stage === 'due')) stages.push({ stage: 'due', offsetWorkdays: 0, audience: 'liaison' });
    if (c.beforeFar !== undefined && c.beforeNear !== undefined && c.beforeFar !== 0 && c.beforeNear !== 0 && c.beforeFar <= c.beforeNear) {
      throw new UserError('plan_order', '“提前较早”的工作日数应大于“提前较近”的工作日数,例如 5 和 1。');
    }
    const parsed = reminderPlanSchema.safeParse({
      ...current,
      stages: stages.sort((a, b) => a.offsetWorkdays - b.offsetWorkdays),
      time: c.time ?? current.time,
    });
    if (!parsed.success) throw new UserError('plan_invalid', parsed.error.issues.map((i) => i.message).join(';'));
    const cadence = { ...readCadence(workspace.reporting_cadence), ...(c.cadence ? { cadence: c.cadence } : {}), ...(c.dueDay ? { dueDay: c.dueDay } : {}) };
    const updated = await tx.workspaces.update(workspace.id, { reminder_plan: JSON.stringify(parsed.data), reporting_cadence: JSON.stringify(cadence) });
    // The years in work follow the new cadence at once (periods something refers to are kept).
    for (const year of await tx.cycle.listNoticeYears(workspace.id)) await ensureReportingPeriods(tx, updated, year);
    await tx.audit.record({ workspaceId: workspace.id, actorId: input.actorId, action: 'reminders.plan', details: { plan: parsed.data, cadence } });
    return { plan: parsed.data, cadence };
  });
  await queueAfterCommit(ctx, 'reconcile after a plan change', (s) => s.requestReconcile(input.workspaceId));
  return result;
}
