import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { setupWorkspace } from '../app/setup-workspace.js';
import { bindLiaison, createUnit, findUnitByNameOrAlias } from '../db/repositories/unit.repository.js';
import { ensureWorkspace } from '../db/repositories/workspace.repository.js';
import { createLogger } from '../logger.js';
import { systemClock } from '../ports.js';
import { openServices } from '../services.js';
import { Shutdown } from '../shutdown.js';
import { startLocalStack, type LocalStack } from './local-stack.js';
import { SandboxChat } from './sandbox-chat.js';

/** Gives the sandbox county's roles their meaning, so every persona can act from the first line. */
async function prepareWorkspace(stack: LocalStack): Promise<void> {
  const { world, app } = stack;
  const workspace = await ensureWorkspace(app.db, world.guild.id, world.guild.name);
  await setupWorkspace(app, {
    workspaceId: workspace.id,
    actorId: world.people.admin.user.id,
    coordinatorRoleId: world.roles.coordinators.id,
    leaderRoleId: world.roles.leaders.id,
    summaryChannelId: world.channels.summary.id,
    regionName: '清河区',
  });
  const town = (await findUnitByNameOrAlias(app.db, workspace.id, '城关镇')) ?? (await createUnit(app.db, workspace.id, '城关镇', 'township'));
  await bindLiaison(app.db, { workspaceId: workspace.id, unitId: town.id, targetKind: 'user', targetId: world.people.liaison.user.id, purpose: 'liaison', createdBy: 'sandbox' });
  await bindLiaison(app.db, { workspaceId: workspace.id, unitId: town.id, targetKind: 'channel', targetId: world.channels.unit.id, purpose: 'liaison', createdBy: 'sandbox' });
}

/**
 * `npm start` without DISCORD_TOKEN: the local Discord-compatible server, the real bot connected to it
 * on the embedded defaults, and a terminal chat. Logs go to DATA_DIR/sandbox/duban.log, not the chat.
 */
export async function runSandbox(config: Config, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const sandboxDir = path.join(config.dataDir, 'sandbox');
  mkdirSync(sandboxDir, { recursive: true });
  const logger = createLogger(config.logLevel, createWriteStream(path.join(sandboxDir, 'duban.log'), { flags: 'a' }));
  const print = (text: string) => output.write(`${text}\n`);
  print('duban 沙盒:未设置 DISCORD_TOKEN,机器人连接到本机模拟的 Discord 服务器,无需 Discord 账号。');
  print('(要连接真实的 Discord,请在 .env 中设置 DISCORD_TOKEN 和 DISCORD_APPLICATION_ID,见 .env.example。)');
  print('正在启动:嵌入式数据库、Redis 和本地 Discord 服务器……');

  const shutdown = new Shutdown(logger);
  const services = await openServices(config, logger, shutdown);
  const stack = await startLocalStack({
    db: services.storage.db,
    redis: services.redis.endpoint,
    logger,
    clock: systemClock,
    timeZone: config.timeZone,
    localcord: { strictLimits: false },
  });
  shutdown.add('sandbox', () => stack.close());
  await prepareWorkspace(stack);

  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const nextLine = async (prompt: string): Promise<string | null> => {
    output.write(prompt);
    const next = await lines.next();
    if (next.done) return null;
    if (!(input as { isTTY?: boolean }).isTTY) output.write(`${next.value}\n`);
    return next.value;
  };
  const chat = new SandboxChat(stack.lc, stack.world, { print, nextLine }, sandboxDir);
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
    rl.close();
    print('\n正在退出沙盒……');
    await shutdown.run('sandbox ended');
  }
}
