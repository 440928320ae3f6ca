import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryMarker } from '../../src/app/reminders/delivery-ids.js';
import type { ReminderStage } from '../../src/db/tables/index.js';
import { findRedisServerBinary, startPrivateRedis, type PrivateRedis } from '../../src/queue/private-redis.js';
import { redisOptions } from '../../src/queue/redis-endpoint.js';
import { postsCarrying, seedWorkspace, useBotStack, type BotStack, type SeedBinding } from '../e2e/support/bot-stack.js';

const UNITS = [
  '区发改局',
  '区教育局',
  '区科技局',
  '区工信局',
  '区民政局',
  '区财政局',
  '区人社局',
  '区住建局',
  '区交通局',
  '区水利局',
  '区农业农村局',
  '区商务局',
  '区文旅局',
  '区卫健局',
  '区应急局',
  '区审计局',
  '区市场监管局',
  '区统计局',
  '区医保局',
  '区城管局',
  '城关镇',
  '东城街道',
  '西城街道',
  '南湖镇',
];
const notice = [
  '清河区2026年法治政府建设工作要点',
  '一、依法全面履行政府职能',
  ...UNITS.map((unit, i) => `${i + 1}. 推进本单位第${i + 1}项法治建设工作。(${unit}负责)`),
].join('\n');
const RETRY_QUEUE = /后台任务队列暂时无法连接.*请稍等一两分钟后重试/s;

/**
 * Redis killed and restarted in the middle of a reminder fan-out (a private redis-server on a unix
 * socket, so the shared one is untouched): once with its append-only file, once coming back empty.
 * Every reminder reaches its unit exactly once either way, and a coordinator acting meanwhile is told to retry.
 */
describe('faults: Redis restarted during a reminder fan-out', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-redis-'));
  const binary = findRedisServerBinary();
  let redis: PrivateRedis;
  beforeAll(async () => {
    if (!binary) throw new Error('redis-server is not on PATH');
    redis = await startPrivateRedis(binary, dataDir);
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  // Four sends a second: 24 reminders take about six seconds, long enough to crash Redis in the middle.
  const stack = useBotStack({ queue: true, redis: () => redis.endpoint, requestsPerSecond: 4 });

  /** SIGKILL, as a crash or an OOM kill would: no final write of the append-only file. */
  async function crashRedis(options: { wipe: boolean }): Promise<void> {
    const client = new Redis(redisOptions(redis.endpoint, { maxRetriesPerRequest: 1 }));
    const info = await client.info('server');
    client.disconnect();
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid);
    if (options.wipe) rmSync(path.join(dataDir, 'redis', 'appendonlydir'), { recursive: true, force: true });
  }

  async function restartRedis(): Promise<void> {
    redis = await startPrivateRedis(binary as string, dataDir);
  }

  const stageRows = (s: BotStack, stage: ReminderStage) =>
    s.storage.db.selectFrom('reminder_deliveries').select(['id', 'unit_id', 'status', 'nonce']).where('stage', '=', stage).execute();

  /** Moves to the stage's time, crashes Redis once a few reminders are out, restarts it, and waits for all. */
  async function fanOutThroughCrash(s: BotStack, stage: ReminderStage, at: string, options: { wipe: boolean; whileDown?: () => Promise<void> }) {
    await s.travelTo(at);
    await s.eventually(async () => (await stageRows(s, stage)).filter((r) => r.status === 'sent').length >= 3, 20_000);
    await crashRedis(options);
    const sentBeforeCrash = (await stageRows(s, stage)).filter((r) => r.status === 'sent').length;
    expect(sentBeforeCrash).toBeLessThan(UNITS.length); // the crash landed in the middle of the fan-out
    await options.whileDown?.();
    // Restart only once the bot has noticed Redis is gone, so the recovery path is what runs.
    await s.eventually(
      () =>
        s.queue!.queues.deliveries.getJobCounts().then(
          () => false,
          () => true,
        ),
      20_000,
    );
    await restartRedis();
    const rows = await s.eventually(async () => {
      const found = await stageRows(s, stage);
      return found.length === UNITS.length && found.every((r) => r.status === 'sent') && found;
    }, 90_000);
    for (const row of rows) expect(postsCarrying(s, deliveryMarker('reminder', row.id, row.nonce)), `reminder ${row.id} posts`).toBe(1);
    return rows;
  }

  it('has a county of 24 units, each with a channel of its own', async () => {
    const s = stack();
    s.clock.set('2026-03-02T01:00:00Z');
    const bindings = UNITS.map((unit, i): SeedBinding => [unit, 'channel', s.lc.createChannel(s.world.guild.id, { name: `unit-${i + 1}` }).id]);
    await seedWorkspace(s, { notice, bindings });
    await s.eventually(async () => (await stageRows(s, 'before5')).length === UNITS.length);
  });

  it('sends every reminder once when Redis crashes mid fan-out and comes back with its data', async () => {
    const s = stack();
    let refused = '';
    await fanOutThroughCrash(s, 'before5', '2026-03-18T01:00:00Z', {
      wipe: false,
      whileDown: async () => {
        refused = await s.seen(s.run('coordinator', 'summary now'));
      },
    });
    expect(refused).toMatch(RETRY_QUEUE);
    expect(refused).not.toContain('错误编号');
    // Once Redis is back, the same command goes through.
    expect(await s.seen(s.run('coordinator', 'summary now'))).toContain('已安排发送');
  }, 120_000);

  it('rebuilds the queue from the ledger when Redis comes back empty, and still sends each reminder once', async () => {
    const s = stack();
    await fanOutThroughCrash(s, 'before1', '2026-03-24T01:00:00Z', { wipe: true });
    // The recurring jobs were lost with the data and registered again.
    const schedulers = await s.eventually(async () => {
      const found = await s.queue?.queues.maintenance.getJobSchedulers();
      return found && found.length === 2 && found;
    }, 10_000);
    expect(schedulers.map((j) => j.name).sort()).toEqual(['reconcile-all', 'summary-tick']);
    // Reminders still ahead are back on the queue as delayed jobs.
    const due = (await s.queue?.queues.deliveries.getDelayed()) ?? [];
    expect(due.filter((j) => j.name === 'deliver-reminder').length).toBeGreaterThanOrEqual(UNITS.length);
  }, 120_000);
});

async function waitForExit(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
}
