import { unavailableDependency } from '../errors.js';
import type { DeliveryScheduler } from '../ports.js';
import type { AppContext } from './context.js';

/**
 * Queue work that follows a change already committed. When Redis is away the change stands and the
 * work is not lost: the reconcile that runs when Redis is back (and daily) re-plans reminders and
 * re-queues every unsettled delivery from the ledger. Returns false when it was left to that.
 */
export async function queueAfterCommit(ctx: AppContext, what: string, work: (scheduler: DeliveryScheduler) => Promise<void>): Promise<boolean> {
  const scheduler = ctx.scheduler;
  if (!scheduler) return true;
  try {
    await work(scheduler);
    return true;
  } catch (error) {
    if (unavailableDependency(error) !== 'queue') throw error;
    ctx.logger.warn({ err: error, what }, 'queue away: left to the reconcile when it is back');
    return false;
  }
}

/** Said after a change whose queue work was left for later. */
export const QUEUE_DEFERRED_NOTE = '后台任务队列暂时无法连接:已保存的内容不受影响,相关提醒会在队列恢复后自动安排。';
