import { createStore } from '../../../src/db/store.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../../../src/app/context.js';
import { createAppContext } from '../../../src/app-context.js';
import { newNonce } from '../../../src/app/reminders/delivery-ids.js';
import { importNotice } from '../../../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../../../src/app/notices/prepare-notice-import.js';
import { ensureReportingPeriods } from '../../../src/app/cycle/reporting-periods.js';
import type { Storage } from '../../../src/db/database.js';
import { bindLiaison } from '../../../src/db/repositories/unit.repository.js';
import { ensureWorkspace } from '../../../src/db/repositories/workspace.repository.js';
import { createAdjustableClock, startLocalcord, type AdjustableClock, type Localcord } from 'localcord';
import { compose } from '../../../src/compose.js';
import { createLogger } from '../../../src/logger.js';
import type { QueueRuntime } from '../../../src/queue/queue-runtime.js';
import { endpointFromUrl } from '../../../src/queue/redis-endpoint.js';
import type { WorkerTuning } from '../../../src/queue/workers.js';
import { Shutdown } from '../../../src/shutdown.js';
import { openMigratedStorage } from '../../support/storage.js';
import { deleteKeys, testRedisUrl } from '../../e2e/support/bot-stack.js';

export const townNames = ['甲镇', '乙镇', '丙镇', '丁镇', '戊镇', '己镇', '庚镇', '辛镇', '壬镇', '癸镇'];

export interface DeliveryFixture {
  storage: Storage;
  databaseUrl: string;
  app: AppContext;
  lc: Localcord;
  lcClock: AdjustableClock;
  prefix: string;
  workspaceId: number;
  periodId: number;
  /** unit id → its channel in the local server. */
  channels: Map<number, string>;
  units: number[];
  /** A pending ledger row for a unit, due now. */
  createDelivery(unitId: number, stage?: 'due' | 'after1' | 'before1'): Promise<number>;
  botMessagesIn(channelId: string): number;
  close(): Promise<void>;
}

/**
 * Real Postgres, real Redis (a prefix of its own) and the local Discord-compatible server, with a
 * workspace whose ten towns each answer for one task and have a channel bound: what the queue tests
 * deliver into. No bot: deliveries only need REST.
 */
export async function openDeliveryFixture(): Promise<DeliveryFixture> {
  const storage = await openMigratedStorage('postgres');
  const lcClock = createAdjustableClock();
  const lc = await startLocalcord({ clock: lcClock.now });
  const guild = lc.createGuild({ name: '清河区人民政府' });
  const app: AppContext = createAppContext({ db: storage.db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), timeZone: 'Asia/Shanghai' });
  const workspace = await ensureWorkspace(storage.db, guild.id, guild.name);
  const notice = [
    '清河区2026年法治政府建设工作要点',
    '',
    '一、加强党的领导',
    ...townNames.map((name, i) => `（${'一二三四五六七八九十'[i]}）开展第${i + 1}项法治工作。（${name}负责）`),
  ].join('\n');
  const { draftId } = await prepareNoticeImport(app, { workspaceId: workspace.id, actorId: '1', text: notice, sourceKind: 'text', sourceName: null });
  await importNotice(app, { workspaceId: workspace.id, actorId: '1', draftId });
  const periods = await ensureReportingPeriods(createStore(storage.db), workspace, 2026);
  const units = await storage.db.selectFrom('units').select(['id', 'name']).where('workspace_id', '=', workspace.id).orderBy('id').execute();
  const channels = new Map<number, string>();
  for (const unit of units) {
    const channel = lc.createChannel(guild.id, { name: unit.name });
    channels.set(unit.id, channel.id);
    await bindLiaison(storage.db, {
      workspaceId: workspace.id,
      unitId: unit.id,
      targetKind: 'channel',
      targetId: channel.id,
      purpose: 'liaison',
      createdBy: '1',
    });
  }
  const prefix = `qt-${randomBytes(5).toString('hex')}`;
  return {
    storage,
    // The test database's URL has no password, so its redacted location is the URL itself.
    databaseUrl: storage.location,
    app,
    lc,
    lcClock,
    prefix,
    workspaceId: workspace.id,
    periodId: periods[0]!.id,
    channels,
    units: units.map((u) => u.id),
    async createDelivery(unitId, stage = 'due') {
      const row = await storage.db
        .insertInto('reminder_deliveries')
        .values({ workspace_id: workspace.id, unit_id: unitId, period_id: periods[0]!.id, stage, fire_at: new Date(), nonce: newNonce() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    botMessagesIn: (channelId) => lc.messages(channelId).filter((m) => m.author.id === lc.botUserId).length,
    async close() {
      await lc.close();
      await storage.close();
      await deleteKeys(prefix);
    },
  };
}

/** A real `npm run worker` process against the fixture (tsx, its own PID, killable with SIGKILL). */
export function spawnWorker(fixture: DeliveryFixture, options: { lockMs?: number } = {}): { child: ChildProcess; ready: Promise<void> } {
  const root = path.resolve(import.meta.dirname, '../../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts', '--prefix', fixture.prefix, '--lock-ms', String(options.lockMs ?? 2_000)], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: fixture.databaseUrl,
      REDIS_URL: testRedisUrl,
      DISCORD_TOKEN: fixture.lc.botToken,
      DISCORD_API_BASE: fixture.lc.apiBase,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
  return { child, ready };
}

export async function waitUntil<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The fixture's queue as a process of the deployment would have it (the composition root), with workers or without. */
export async function startFixtureQueue(f: DeliveryFixture, options: { workers: boolean; tuning?: WorkerTuning }): Promise<QueueRuntime> {
  const shutdown = new Shutdown(f.app.logger, 5_000);
  const { queue } = await compose({
    db: f.storage.db,
    logger: f.app.logger,
    shutdown,
    clock: f.app.clock,
    timeZone: 'Asia/Shanghai',
    redis: endpointFromUrl(testRedisUrl),
    queuePrefix: f.prefix,
    discord: { token: f.lc.botToken, apiBase: f.lc.apiBase },
    workers: options.workers,
    ...(options.tuning ? { workerTuning: options.tuning } : {}),
  });
  if (!queue) throw new Error('the fixture runs on Redis');
  return { ...queue, close: () => shutdown.run('test done') };
}
