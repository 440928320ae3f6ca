import type { DeliveryScheduler } from '../../ports.js';
import { UserError } from '../../errors.js';
import type { SummaryOccurrence } from './due-summaries.js';

interface SummaryTrigger {
  requestSummary(occurrence: SummaryOccurrence): Promise<void>;
}

/**
 * The queue's way to post a summary now. Not on the DeliveryScheduler port (owned by the reminders
 * work), so it is looked for on the scheduler the runtime supplies (BullmqDeliveryScheduler has it).
 */
export async function requestSummaryNow(scheduler: DeliveryScheduler | undefined, occurrence: SummaryOccurrence): Promise<void> {
  const trigger = scheduler as (DeliveryScheduler & Partial<SummaryTrigger>) | undefined;
  if (!trigger?.requestSummary) throw new UserError('queue_unavailable', '后台任务队列未运行,暂时无法发送汇总。请稍后再试或联系管理员。');
  await trigger.requestSummary(occurrence);
}
