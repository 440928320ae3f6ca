import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { catchUpWithClock } from '../app/catch-up-with-clock.js';
import { setupWorkspace } from '../app/setup-workspace.js';
import { openPglite } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { StartupError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { findRedisServerBinary, startPrivateRedis } from '../queue/private-redis.js';
import { describeEndpoint } from '../queue/redis-endpoint.js';
import { Shutdown } from '../shutdown.js';
import { startLocalStack, type LocalStack } from './local-stack.js';
import { commandRef } from '../command-names.js';
import { ledgerOptionsFor } from '../web/ledger/ledger-config.js';
import type { LedgerListenOptions } from '../web/ledger/ledger-server.js';
import { SandboxChat } from './sandbox-chat.js';
import { clockTarget, SandboxClock } from './sandbox-clock.js';
import { formatTimestamp } from './discord-markup.js';
import { markSandboxDatabase, markSandboxRedis, readSandboxDatabaseMark, SANDBOX_QUEUE_PREFIX } from './sandbox-marks.js';

/** Gives the sandbox county's roles their meaning, so every persona can act from the first line. */
async function prepareWorkspace(stack: LocalStack): Promise<void> {
  const { world, app } = stack;
  const workspace = await app.store.workspaces.ensure(world.guild.id, world.guild.name);
  await setupWorkspace(app, {
    workspaceId: workspace.id,
    actorId: world.people.admin.user.id,
    coordinatorRoleId: world.roles.coordinators.id,
    leaderRoleId: world.roles.leaders.id,
    summaryChannelId: world.channels.summary.id,
    regionName: '清河区',
  });
  const town = (await app.store.units.findByNameOrAlias(workspace.id, '城关镇')) ?? (await app.store.units.create(workspace.id, '城关镇', 'township'));
  await app.store.units.bindLiaison({
    workspaceId: workspace.id,
    unitId: town.id,
    targetKind: 'user',
    targetId: world.people.liaison.user.id,
    purpose: 'liaison',
    createdBy: 'sandbox',
  });
  await app.store.units.bindLiaison({
    workspaceId: workspace.id,
    unitId: town.id,
    targetKind: 'channel',
    targetId: world.channels.unit.id,
    purpose: 'liaison',
    createdBy: 'sandbox',
  });
}

/**
 * The sandbox's own storage and queue, under DATA_DIR/sandbox whatever is configured: PGlite in
 * sandbox/pglite and a private redis-server on a unix socket in sandbox/redis. DATABASE_URL and
 * REDIS_URL are never read, and no Redis or PostgreSQL of the machine is used, so a sandbox cannot
 * write into a deployment's data or take another sandbox's jobs. Both are marked at creation, so
 * production processes refuse them.
 */
async function openSandboxServices(sandboxDir: string, logger: Logger, shutdown: Shutdown) {
  const binary = findRedisServerBinary();
  if (!binary) {
    throw new StartupError(
      'The sandbox runs its own redis-server (it never uses a Redis of the machine or REDIS_URL), and none is on PATH. Install one (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) and start the sandbox again.',
    );
  }
  const storage = await openPglite(path.join(sandboxDir, 'pglite'));
  shutdown.add('storage', () => storage.close());
  // Marked before anything else is written, so even a half-made sandbox database is known as one.
  if (!(await readSandboxDatabaseMark(storage.db))) await markSandboxDatabase(storage.db);
  const applied = await migrateToLatest(storage.db);
  logger.info({ storage: storage.kind, location: storage.location, applied }, 'sandbox storage ready');
  const redis = await startPrivateRedis(binary, sandboxDir);
  shutdown.add('redis', () => redis.stop());
  await markSandboxRedis(redis.endpoint);
  logger.info({ redis: describeEndpoint(redis.endpoint), prefix: SANDBOX_QUEUE_PREFIX }, 'sandbox redis ready');
  return { storage, redis };
}

/**
 * The sandbox's ledger: on this machine only (127.0.0.1, PUBLIC_URL ignored), on LEDGER_PORT (8787 by
 * default; another free port when that one is taken, e.g. by a bot running beside it), with a secret
 * of its own kept under DATA_DIR/sandbox so its links survive a restart.
 */
async function sandboxLedgerOptions(config: Config): Promise<LedgerListenOptions | null> {
  const options = await ledgerOptionsFor(config, 'sandbox');
  if (!options) return null;
  return { ...options, host: '127.0.0.1', publicUrl: undefined, fallbackToFreePort: true };
}

/**
 * The sandbox (`npm run sandbox`, or `npm start` without DISCORD_TOKEN on a machine with nothing
 * configured): the local Discord-compatible server, the real bot connected to it on the sandbox's own
 * storage and queue, and a terminal chat. Logs go to DATA_DIR/sandbox/duban.log, not the chat.
 */
export async function runSandbox(config: Config, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const sandboxDir = path.join(config.dataDir, 'sandbox');
  mkdirSync(sandboxDir, { recursive: true });
  const logger = createLogger(config.logLevel, createWriteStream(path.join(sandboxDir, 'duban.log'), { flags: 'a' }));
  const print = (text: string) => output.write(`${text}\n`);
  print('duban 沙盒:机器人连接到本机模拟的 Discord 服务器,无需 Discord 账号。');
  print('(要连接真实的 Discord,请在 .env 中设置 DISCORD_TOKEN 和 DISCORD_APPLICATION_ID,见 .env.example,然后运行 npm start。)');
  print(`沙盒的数据只保存在 ${sandboxDir} 中,不会使用已配置的数据库或 Redis。`);
  print('正在启动:沙盒自己的嵌入式数据库、Redis 和本地 Discord 服务器……');

  const shutdown = new Shutdown(logger);
  try {
    const services = await openSandboxServices(sandboxDir, logger, shutdown);
    const clock = new SandboxClock(path.join(sandboxDir, 'clock.json'));
    const ledger = await sandboxLedgerOptions(config);
    const stack = await startLocalStack({
      db: services.storage.db,
      redis: services.redis.endpoint,
      queuePrefix: SANDBOX_QUEUE_PREFIX,
      logger,
      clock,
      timeZone: config.timeZone,
      localcord: { strictLimits: false },
      ...(ledger ? { ledger } : {}),
    });
    shutdown.add('sandbox', () => stack.close());
    await prepareWorkspace(stack);
    if (stack.ledgerUrl) {
      print(`督办台账网页:${stack.ledgerUrl}(在本机浏览器中打开;先在聊天中发送 ${commandRef('ledger open')} 获取你当前身份的个人链接)。`);
    }
    await chatUntilQuit(stack, clock, sandboxDir, input, output, print);
  } finally {
    print('\n正在退出沙盒……');
    await shutdown.run('sandbox ended');
  }
}

/** `/time …`: moves the sandbox's clock, then sends at once what the new time makes due. */
async function moveClock(stack: LocalStack, clock: SandboxClock, spec: string): Promise<string> {
  const { timeZone } = stack.app;
  clock.moveTo(clockTarget(spec, clock.now(), timeZone));
  const shown = formatTimestamp(Math.floor(clock.now().getTime() / 1000), 'F', { timeZone, now: () => clock.now() });
  const caughtUp = await catchUpWithClock(stack.app);
  const due = caughtUp.reminders + caughtUp.summaries;
  return `🕒 沙盒时钟已拨到 ${shown}(只影响沙盒中的机器人)。${due > 0 ? `到期的 ${caughtUp.reminders} 条提醒和 ${caughtUp.summaries} 份汇总正在发出,几秒内送达。` : '此刻没有到期的提醒或汇总。'}`;
}

async function chatUntilQuit(
  stack: LocalStack,
  clock: SandboxClock,
  sandboxDir: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  print: (text: string) => void,
): Promise<void> {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const nextLine = async (prompt: string): Promise<string | null> => {
    output.write(prompt);
    const next = await lines.next();
    if (next.done) return null;
    if (!(input as { isTTY?: boolean }).isTTY) output.write(`${next.value}\n`);
    return next.value;
  };
  const chat = new SandboxChat(
    stack.lc,
    stack.world,
    { print, nextLine },
    {
      downloadDir: sandboxDir,
      timeZone: stack.app.timeZone,
      now: () => clock.now(),
      moveClock: (spec) => moveClock(stack, clock, spec),
      logRefusal: (error) => stack.app.logger.info({ err: error }, 'sandbox line refused'),
    },
  );
  print(`已就绪。${chat.banner()}`);
  const onSignal = () => rl.close();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (;;) {
      const line = await nextLine('\n> ');
      if (line === null || !(await chat.handle(line))) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    rl.close();
  }
}
