import { recordAudit } from '../../db/repositories/audit.repository.js';
import { reminderStageLabels } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';

export interface FailedDelivery {
  /** 'r12' for reminder 12, 'n3' for outbound message 3: what the retry button carries. */
  ref: string;
  what: string;
  error: string;
  attempts: number;
  at: Date;
}

const kindLabels = { task_action: '任务办理通知', dm_fallback: '私信改发通知', calendar_coverage: '节假日数据提示' } as const;

/** Deliveries that exhausted their retries or cannot be sent as things are: what coordinators see and retry. */
export async function listFailedDeliveries(ctx: AppContext, workspaceId: number, limit = 25): Promise<FailedDelivery[]> {
  const reminders = await ctx.db
    .selectFrom('reminder_deliveries')
    .innerJoin('units', 'units.id', 'reminder_deliveries.unit_id')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'reminder_deliveries.period_id')
    .select(['reminder_deliveries.id', 'reminder_deliveries.stage', 'reminder_deliveries.last_error', 'reminder_deliveries.attempts', 'reminder_deliveries.updated_at', 'units.name', 'reporting_periods.label'])
    .where('reminder_deliveries.workspace_id', '=', workspaceId)
    .where('reminder_deliveries.status', '=', 'failed')
    .orderBy('reminder_deliveries.updated_at', 'desc')
    .limit(limit)
    .execute();
  const outbound = await ctx.db
    .selectFrom('outbound_messages')
    .leftJoin('units', 'units.id', 'outbound_messages.unit_id')
    .select(['outbound_messages.id', 'outbound_messages.kind', 'outbound_messages.last_error', 'outbound_messages.attempts', 'outbound_messages.updated_at', 'units.name'])
    .where('outbound_messages.workspace_id', '=', workspaceId)
    .where('outbound_messages.status', '=', 'failed')
    .orderBy('outbound_messages.updated_at', 'desc')
    .limit(limit)
    .execute();
  return [
    ...reminders.map((r) => ({
      ref: `r${r.id}`,
      what: `${r.name} · ${r.label} · ${r.stage === 'nudge' ? '催办' : reminderStageLabels[r.stage]}提醒`,
      error: r.last_error ?? '未知原因',
      attempts: r.attempts,
      at: r.updated_at,
    })),
    ...outbound.map((o) => ({ ref: `n${o.id}`, what: `${o.name ? `${o.name} · ` : ''}${kindLabels[o.kind]}`, error: o.last_error ?? '未知原因', attempts: o.attempts, at: o.updated_at })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit);
}

/** Puts a failed delivery back on the queue. The ledger row keeps its nonce, so a retry never doubles a message. */
export async function retryDelivery(ctx: AppContext, input: { workspaceId: number; actorId: string; ref: string }): Promise<void> {
  const match = /^([rn])(\d{1,10})$/.exec(input.ref);
  if (!match) throw new UserError('bad_ref', '无法识别要重试的发送记录。');
  const id = Number(match[2]);
  const table = match[1] === 'r' ? 'reminder_deliveries' : 'outbound_messages';
  const now = ctx.clock.now();
  const stamp = now.getTime().toString(36);
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable(table).set({ status: 'pending', last_error: null, updated_at: now }).where('id', '=', id).where('workspace_id', '=', input.workspaceId).where('status', '=', 'failed').returning('id').executeTakeFirst();
    if (!row) return row;
    await recordAudit(trx, { workspaceId: input.workspaceId, actorId: input.actorId, action: 'delivery.retry', subjectType: table, subjectId: id });
    // Queued before commit, so a queue that is away undoes the whole retry. A job that starts before
    // the commit still finds the row retryable: a retry job may send a row that is 'failed' too.
    if (table === 'reminder_deliveries') await ctx.scheduler?.scheduleReminders([{ deliveryId: id, jobId: `retry-r${id}-${stamp}`, fireAt: now, lane: 'interactive', retry: true }]);
    else await ctx.scheduler?.enqueueOutbound(id, { jobId: `retry-n${id}-${stamp}`, retry: true });
    return row;
  });
  if (!updated) throw new UserError('not_failed', '这条发送记录已不是失败状态(可能已重试成功),无需再试。');
}
