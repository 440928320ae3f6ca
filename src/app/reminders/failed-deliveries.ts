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
  const rows = await ctx.store.deliveries.listFailed(workspaceId, limit);
  return rows.map((row) => {
    const what =
      row.table === 'reminder_deliveries'
        ? `${row.unitName ?? ''} · ${row.periodLabel ?? ''} · ${row.stage === 'nudge' || row.stage === null ? '催办' : reminderStageLabels[row.stage]}提醒`
        : `${row.unitName ? `${row.unitName} · ` : ''}${row.kind ? kindLabels[row.kind] : '通知'}`;
    return { ref: `${row.table === 'reminder_deliveries' ? 'r' : 'n'}${row.id}`, what, error: row.error ?? '未知原因', attempts: row.attempts, at: row.at };
  });
}

/** Puts a failed delivery back on the queue. The ledger row keeps its nonce, so a retry never doubles a message. */
export async function retryDelivery(ctx: AppContext, input: { workspaceId: number; actorId: string; ref: string }): Promise<void> {
  const match = /^([rn])(\d{1,10})$/.exec(input.ref);
  if (!match) throw new UserError('bad_ref', '无法识别要重试的发送记录。');
  const id = Number(match[2]);
  const table = match[1] === 'r' ? 'reminder_deliveries' : 'outbound_messages';
  const now = ctx.clock.now();
  const stamp = now.getTime().toString(36);
  const updated = await ctx.store.transaction(async (tx) => {
    if (!(await tx.deliveries.resetFailed(table, id, input.workspaceId, now))) return false;
    await tx.audit.record({ workspaceId: input.workspaceId, actorId: input.actorId, action: 'delivery.retry', subjectType: table, subjectId: id });
    // Queued before commit, so a queue that is away undoes the whole retry. A job that starts before
    // the commit still finds the row retryable: a retry job may send a row that is 'failed' too.
    if (table === 'reminder_deliveries')
      await ctx.scheduler?.scheduleReminders([{ deliveryId: id, jobId: `retry-r${id}-${stamp}`, fireAt: now, lane: 'interactive', retry: true }]);
    else await ctx.scheduler?.enqueueOutbound(id, { jobId: `retry-n${id}-${stamp}`, retry: true });
    return true;
  });
  if (!updated) throw new UserError('not_failed', '这条发送记录已不是失败状态(可能已重试成功),无需再试。');
}
