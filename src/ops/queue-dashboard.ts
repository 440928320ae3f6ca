import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Queue } from 'bullmq';

export const DASHBOARD_PATH = '/queues';

/** Bull Board on an express router, fed the queues later by whoever creates them. */
export interface QueueDashboard {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Shows exactly these queues (replacing any shown before). */
  setQueues(queues: readonly Queue[]): void;
}

/** Loaded only when a password is configured, so a process without a dashboard never loads express. */
export async function createQueueDashboard(): Promise<QueueDashboard> {
  const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }, { default: express }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/express'),
    import('express'),
  ]);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const board = createBullBoard({
    queues: [],
    serverAdapter,
    options: { uiConfig: { boardTitle: '督办 · 队列', locale: { lng: 'zh-CN' }, hideDocsLink: true } },
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(DASHBOARD_PATH, serverAdapter.getRouter());
  return {
    handle: (req, res) => app(req, res),
    setQueues: (queues) => board.replaceQueues(queues.map((queue) => new BullMQAdapter(queue))),
  };
}
