import { UserError } from '../../errors.js';
import type { DeliveryScheduler, SummaryRequest } from '../../ports.js';

/** Posts a leaders' summary now through the queue; says so in Chinese when this process has none. */
export async function requestSummaryNow(scheduler: DeliveryScheduler | undefined, occurrence: SummaryRequest): Promise<void> {
  if (!scheduler) throw new UserError('queue_unavailable', '后台任务队列未运行,暂时无法发送汇总。请稍后再试或联系管理员。');
  await scheduler.requestSummary(occurrence);
}
