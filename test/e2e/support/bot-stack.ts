import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { slashCommands } from '../../../commands/index.js';
import type { Storage } from '../../../src/db/database.js';
import { startLocalcord, type InteractionHandle, type LocalGuild, type Localcord, type OptionInputs, type ShardSpec } from 'localcord';
import { createLogger } from '../../../src/logger.js';
import type { QueueRuntime } from '../../../src/queue/queue-runtime.js';
import { endpointFromUrl, redisOptions, type RedisEndpoint } from '../../../src/queue/redis-endpoint.js';
import { compose } from '../../../src/compose.js';
import type { LocalStack } from '../../../src/sandbox/local-stack.js';
import { listControls, renderMessageText } from '../../../src/sandbox/render-message.js';
import { createSandboxWorld, type PersonaName } from '../../../src/sandbox/sandbox-world.js';
import { Shutdown } from '../../../src/shutdown.js';
import type { LedgerServer } from '../../../src/web/ledger/ledger-server.js';
import { ManualClock } from '../../support/app-context.js';
import { openMigratedStorage } from '../../support/storage.js';

/** Signs the ledger links of e2e tests (a test can sign a token of its own with it, e.g. for another server). */
export const ledgerTestSecret = 'e2e-ledger-secret-0123456789abcdefghijklmnop';

/** The Redis the tests share; each test file gets its own key prefix, so files never see each other's queues. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BotStack extends LocalStack {
  storage: Storage;
  clock: ManualClock;
  /** The queues, workers and send gate (only with `useBotStack({ queue: true })`). */
  queue: QueueRuntime | null;
  /** The web ledger's listener on 127.0.0.1 (only with `useBotStack({ ledger: true })`). */
  ledger: LedgerServer | null;
  userId(persona: PersonaName): string;
  /** A person runs a slash command in the guild's work channel. */
  run(persona: PersonaName, name: string, options?: OptionInputs): InteractionHandle;
  /** What the person sees as the answer, as text. */
  seen(handle: InteractionHandle): Promise<string>;
  /** Presses the button with this label on a message the person sees. */
  click(persona: PersonaName, message: APIMessage, label: string): InteractionHandle;
  /** Another county's guild, after login: its own administrator, the commands registered; `shard` places it on that gateway shard. */
  addGuild(name: string, options?: { shard?: ShardSpec }): OtherGuild;
  /**
   * Moves the app clock and lets the queue follow: BullMQ delays run on real time, so every delayed
   * delivery is re-timed from its planned fire time against the new clock (due ones run now).
   */
  travelTo(instant: string | Date): Promise<void>;
  /**
   * Every reminder due by the app clock has settled (sent, failed, cancelled or skipped, none pending
   * or sending) and the delivery queue has nothing waiting or running: what was going to be sent now, has been.
   */
  settle(timeoutMs?: number): Promise<void>;
  /**
   * Runs `setup` the first time any test of the file asks for it and gives every later caller its
   * result, so a test that builds on an earlier step's state can also run alone.
   */
  once<T>(key: string, setup: () => Promise<T>): Promise<T>;
  /** Resolves once the bot has finished every interaction and chat reply it has received so far. */
  idle(): Promise<void>;
  /** Polls until `check` returns something (a database row, a message), or fails after `timeoutMs`. */
  eventually<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs?: number): Promise<T>;
}

export interface OtherGuild {
  guild: LocalGuild;
  adminId: string;
  /** The administrator runs a slash command in the guild's general channel. */
  run(name: string, options?: OptionInputs): InteractionHandle;
  /** The administrator presses the button with this label. */
  click(message: APIMessage, label: string): InteractionHandle;
}

export interface BotStackOptions {
  /** Run with Redis: queues, in-process workers and the shared send gate, as `npm start` does. */
  queue?: boolean;
  /** The database to run on (default: a fresh database on the shared Postgres); called in beforeAll. */
  openStorage?: () => Promise<Storage>;
  /** The Redis to run on (default: the shared one, under a key prefix of the file's own); called in beforeAll. */
  redis?: () => RedisEndpoint;
  /** The send gate's pace: a low one stretches a reminder fan-out so a fault can land in the middle. */
  requestsPerSecond?: number;
  /**
   * Gateway shards: the local server recommends this many and the bot connects with DISCORD_SHARDS'
   * default, auto. They identify at once (max_concurrency), as a large bot's may, so login stays quick.
   */
  shards?: number;
  /** Serve the web ledger on 127.0.0.1, a free port, as `npm start` does on LEDGER_PORT. */
  ledger?: boolean;
}

function clickLabel(lc: Localcord, userId: string, message: APIMessage, label: string): InteractionHandle {
  const control = listControls(message).find((c) => c.kind === 'button' && c.label === label);
  if (!control) throw new Error(`no button "${label}" on the message:\n${renderMessageText(message)}`);
  return lc.clickButton({ messageId: message.id, customId: control.customId, userId });
}

/** The real bot on a fresh Postgres database, connected to the local Discord-compatible server, for one test file. */
export function useBotStack(options: BotStackOptions = {}): () => BotStack {
  let stack: BotStack | undefined;
  let prefix: string | undefined;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    const storage = options.openStorage ? await options.openStorage() : await openMigratedStorage('postgres');
    const clock = new ManualClock(new Date());
    const logger = createLogger(process.env.E2E_LOG_LEVEL ?? 'silent');
    const lc = await startLocalcord(options.shards ? { recommendedShards: options.shards, maxConcurrency: options.shards } : {});
    const world = createSandboxWorld(lc);
    lc.registerCommands(
      slashCommands.map((c) => c.definition),
      world.guild.id,
    );
    const shutdown = new Shutdown(logger, 5_000);
    shutdown.add('localcord', () => lc.close());
    const ownRedis = options.redis?.();
    prefix = options.queue ? `e2e-${randomBytes(5).toString('hex')}` : undefined;
    const { app, client, queue, inFlight, ledger } = await compose({
      db: storage.db,
      ...(options.queue
        ? {
            redis: ownRedis ?? endpointFromUrl(testRedisUrl),
            queuePrefix: prefix,
            workers: true,
            planOnStart: true,
            workerTuning: { lockDurationMs: 5_000, stalledIntervalMs: 2_000 },
          }
        : {}),
      gateway: true,
      ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
      logger,
      shutdown,
      discord: { token: lc.botToken, apiBase: lc.apiBase },
      clock,
      timeZone: 'Asia/Shanghai',
      ...(options.ledger ? { ledger: { port: 0, host: '127.0.0.1', linkHours: 24, secret: ledgerTestSecret } } : {}),
    });
    const userId = (persona: PersonaName) => world.people[persona].user.id;
    const setups = new Map<string, Promise<unknown>>();
    stack = {
      lc,
      world,
      app,
      client,
      queue,
      ledger,
      ledgerUrl: ledger?.links.baseUrl ?? null,
      close: () => shutdown.run('bot stack closed'),
      storage,
      clock,
      userId,
      run: (persona, name, runOptions = {}) => lc.runSlashCommand({ userId: userId(persona), channelId: world.channels.general.id, name, options: runOptions }),
      seen: async (handle) => renderMessageText(await handle.waitForReply(), { controls: true }),
      click: (persona, message, label) => clickLabel(lc, userId(persona), message, label),
      addGuild(name, guildOptions = {}) {
        const admin = lc.createUser({ username: `${name}-admin` });
        const guild = lc.createGuild({ name, ownerId: admin.id, ...guildOptions });
        lc.addMember(guild.id, admin.id, { permissions: PermissionFlagsBits.Administrator });
        lc.registerCommands(
          slashCommands.map((c) => c.definition),
          guild.id,
        );
        return {
          guild,
          adminId: admin.id,
          run: (command, runOptions = {}) => lc.runSlashCommand({ userId: admin.id, channelId: guild.defaultChannelId, name: command, options: runOptions }),
          click: (message, label) => clickLabel(lc, admin.id, message, label),
        };
      },
      async travelTo(instant) {
        clock.set(instant);
        if (!queue) return;
        for (const job of await queue.queues.deliveries.getDelayed()) {
          const fireAt = 'fireAt' in job.data && job.data.fireAt ? Date.parse(job.data.fireAt) : NaN;
          if (!Number.isNaN(fireAt)) await job.changeDelay(Math.max(1, fireAt - clock.now().getTime())).catch(() => undefined);
        }
      },
      async settle(timeoutMs = 10_000) {
        await stack!.eventually(async () => {
          const unsettled = await storage.db
            .selectFrom('reminder_deliveries')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('status', 'in', ['pending', 'sending'])
            .where('fire_at', '<=', clock.now())
            .executeTakeFirstOrThrow();
          if (Number(unsettled.n) > 0) return false;
          if (!queue) return true;
          const busy = await queue.queues.deliveries.getJobCounts('waiting', 'active', 'prioritized');
          return Object.values(busy).every((n) => n === 0);
        }, timeoutMs);
      },
      idle: () => inFlight!.idle(),
      once<T>(key: string, setup: () => Promise<T>) {
        if (!setups.has(key)) setups.set(key, setup());
        return setups.get(key) as Promise<T>;
      },
      async eventually(check, timeoutMs = 8_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const value = await check();
          if (value !== undefined && value !== null && value !== false) return value as never;
          if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
          await sleep(50);
        }
      },
    };
  });
  afterEach(() => {
    expect(rejections.splice(0), 'unhandled rejections').toEqual([]);
    expect(stack?.lc.serverErrors ?? [], 'errors inside the local Discord server').toEqual([]);
  });
  afterAll(async () => {
    await stack?.close();
    await stack?.storage.close();
    if (prefix && !options.redis) await deleteKeys(prefix);
    process.off('unhandledRejection', onRejection);
  });
  return () => {
    if (!stack) throw new Error('the bot stack starts in beforeAll');
    return stack;
  };
}

/**
 * How many distinct messages the bot created whose embed footer carries this delivery marker. A send
 * repeated with the same nonce is answered with the first message (enforce_nonce): that is one message.
 */
export function postsCarrying(s: BotStack, marker: string): number {
  const ids = new Set<string>();
  for (const r of s.lc.requests.entries) {
    if (r.method !== 'POST' || !/\/messages$/.test(r.path) || r.status !== 200) continue;
    const message = r.response as APIMessage | null;
    if (message?.embeds?.some((e) => e.footer?.text.includes(marker))) ids.add(message.id);
  }
  return ids.size;
}

/** Removes a test file's queue and rate-limit keys. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisOptions(endpointFromUrl(testRedisUrl), { maxRetriesPerRequest: 1 }));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The county's 2026 notice the reminder tests work with: 城关镇 leads (一)(三) and supports (二). */
export const countyNotice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想,年内开展集中学习4次以上。（城关镇、区司法局负责）
（二）推进基层法治建设,打造法治示范村2个。（区司法局、城关镇负责）
二、严格规范公正文明执法
（三）推进“互联网+政务服务”,网上办理率达到70%以上。（城关镇负责）
（四）开展行政执法案卷评查,每半年不少于1次。（区政务服务中心、区司法局负责）
`;

export interface SeededCounty {
  workspaceId: number;
  units: { chengguan: number; justice: number; service: number };
  /** 区司法局's liaison, who does not accept DMs; 区政务服务中心's, who does. */
  blockedLiaison: string;
  dmLiaison: string;
}

/** A liaison binding made while seeding: the unit's name, and the user, role or channel bound to it. */
export type SeedBinding = [unitName: string, targetKind: 'user' | 'role' | 'channel', targetId: string];

/**
 * Sets a workspace up through the app layer as a coordinator would: roles and summary channel, the
 * notice imported (which asks the queue to plan reminders), and the liaisons bound. Returns the
 * workspace id and the unit id of each binding, in order.
 */
export async function seedWorkspace(
  s: BotStack,
  input: { notice: string; bindings: readonly SeedBinding[] },
): Promise<{ workspaceId: number; unitIds: number[] }> {
  const { ensureWorkspace } = await import('../../../src/db/repositories/workspace.repository.js');
  const { setupWorkspace } = await import('../../../src/app/setup-workspace.js');
  const { prepareNoticeImport } = await import('../../../src/app/notices/prepare-notice-import.js');
  const { importNotice } = await import('../../../src/app/notices/import-notice.js');
  const { bindUnitLiaison } = await import('../../../src/app/units/liaison-binding.js');
  const coordinator = s.userId('coordinator');
  const workspace = await ensureWorkspace(s.storage.db, s.world.guild.id, s.world.guild.name);
  await setupWorkspace(s.app, {
    workspaceId: workspace.id,
    actorId: coordinator,
    coordinatorRoleId: s.world.roles.coordinators.id,
    leaderRoleId: s.world.roles.leaders.id,
    summaryChannelId: s.world.channels.summary.id,
  });
  const { draftId } = await prepareNoticeImport(s.app, {
    workspaceId: workspace.id,
    actorId: coordinator,
    text: input.notice,
    sourceKind: 'text',
    sourceName: null,
  });
  await importNotice(s.app, { workspaceId: workspace.id, actorId: coordinator, draftId });
  const unitIds: number[] = [];
  for (const [unitName, targetKind, targetId] of input.bindings) {
    const unit = await bindUnitLiaison(s.app, { workspaceId: workspace.id, actorId: coordinator, unitName, targetKind, targetId, purpose: 'liaison' });
    unitIds.push(unit.id);
  }
  return { workspaceId: workspace.id, unitIds };
}

/**
 * The county of countyNotice: 城关镇 bound by its channel and the liaison role, 区司法局 and
 * 区政务服务中心 by a person each.
 */
export async function seedCounty(s: BotStack): Promise<SeededCounty> {
  const blocked = s.lc.createUser({ username: 'justice-liaison', globalName: '司法局 孙丽', blocksDms: true });
  const dm = s.lc.createUser({ username: 'service-liaison', globalName: '政务服务中心 周洋' });
  s.lc.addMember(s.world.guild.id, blocked.id);
  s.lc.addMember(s.world.guild.id, dm.id);
  const { workspaceId, unitIds } = await seedWorkspace(s, {
    notice: countyNotice,
    bindings: [
      ['城关镇', 'channel', s.world.channels.unit.id],
      ['城关镇', 'role', s.world.roles.liaisons.id],
      ['区司法局', 'user', blocked.id],
      ['区政务服务中心', 'user', dm.id],
    ],
  });
  const [chengguan = 0, , justice = 0, service = 0] = unitIds;
  return { workspaceId, units: { chengguan, justice, service }, blockedLiaison: blocked.id, dmLiaison: dm.id };
}
