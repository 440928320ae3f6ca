/**
 * Reminder fan-out through the real workers to the local Discord-compatible server, while people use
 * slash commands. Prints one JSON line:
 *   {"units","sent","duplicates","lost","http429","seconds","perSecond","interactiveP99Ms","unansweredCommands","peakPerSecond"}
 * With --runs N it runs N times in a row, each on a fresh database, prefix and local server, prints each
 * run's line on stderr and one JSON line on stdout with the worst of every figure (most 429s, duplicates,
 * lost and unanswered, the slowest rate, the highest p99), the medians, and each run's 429s.
 *
 *   npm run bench:fanout -- --units 2000 [--workers 2] [--commands 200] [--kill-worker] [--runs 10]
 *
 * Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; a scratch
 * database is created and dropped) and Redis (REDIS_URL, default redis://127.0.0.1:6379; keys under a
 * scratch prefix). Everything talks over loopback. Workers are `npm run worker` child processes;
 * with --kill-worker one is SIGKILLed half-way and a fresh one started. However the run ends (done,
 * failed, a lost promise, Ctrl-C, SIGTERM) the children are stopped, the keys deleted and the database
 * dropped; only SIGKILL of this process leaves them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { slashCommands } from '../commands/index.js';
import type { Db } from '../src/db/database.js';
import { formatLocalDate, addDays, toLocalDate } from '../src/domain/calendar/index.js';
import { startLocalcord, type InteractionHandle } from 'localcord';
import { createLogger } from '../src/logger.js';
import { endpointFromUrl } from '../src/queue/redis-endpoint.js';
import { systemClock } from '../src/ports.js';
import { compose } from '../src/compose.js';
import { Shutdown } from '../src/shutdown.js';
import { Cleanup, deleteRedisKeys, runBenchmark, stopChild } from './support/cleanup.js';
import { openScratchDatabase } from './support/scratch-database.js';

const argsSchema = z.object({
  units: z.coerce.number().int().min(1).max(20_000).default(2000),
  workers: z.coerce.number().int().min(1).max(8).default(2),
  commands: z.coerce.number().int().min(0).max(5_000).default(200),
  'kill-worker': z.boolean().default(false),
  runs: z.coerce.number().int().min(1).max(100).default(1),
});
type Args = z.infer<typeof argsSchema>;

function readArgs(argv: string[]): Args {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = /^--([a-z-]+)$/.exec(argv[i] ?? '')?.[1];
    if (!name) throw new Error(`unknown argument ${argv[i]}`);
    if (name === 'kill-worker') raw[name] = true;
    else raw[name] = argv[(i += 1)] ?? '';
  }
  return argsSchema.parse(raw);
}

const TIME_ZONE = 'Asia/Shanghai';
const CHANNELS_PER_GUILD = 500; // Discord's limit per server
const REPLY_TIMEOUT_MS = 10_000;
const root = path.resolve(import.meta.dirname, '..');
const log = (message: string) => process.stderr.write(`[fanout] ${message}\n`);

export interface FanoutRun {
  units: number;
  sent: number;
  duplicates: number;
  lost: number;
  http429: number;
  seconds: number;
  perSecond: number;
  interactiveP99Ms: number;
  unansweredCommands: number;
  /** The most requests counted against the global limit that reached the server within any one second (Discord allows 50). */
  peakPerSecond: number;
}

async function main(cleanup: Cleanup): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (args.runs === 1) {
    process.stdout.write(`${JSON.stringify(await fanOutOnce(args, cleanup))}\n`);
    return;
  }
  const results: FanoutRun[] = [];
  for (let run = 1; run <= args.runs; run += 1) {
    // Each run makes and removes its own database, keys, processes and server; the outer clean-up covers an interrupted one.
    const inner = new Cleanup();
    cleanup.add(`clean up run ${run}`, () => inner.run());
    try {
      results.push(await fanOutOnce(args, inner));
    } finally {
      await inner.run();
    }
    log(`run ${run}/${args.runs}: ${JSON.stringify(results.at(-1))}`);
  }
  const most = (pick: (r: FanoutRun) => number) => Math.max(...results.map(pick));
  const median = (pick: (r: FanoutRun) => number) => {
    const sorted = results.map(pick).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : Number((((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2).toFixed(1));
  };
  const summary = {
    runs: results.length,
    units: args.units,
    killWorker: args['kill-worker'],
    worst: {
      http429: most((r) => r.http429),
      duplicates: most((r) => r.duplicates),
      lost: most((r) => r.lost),
      unansweredCommands: most((r) => r.unansweredCommands),
      perSecond: Math.min(...results.map((r) => r.perSecond)),
      interactiveP99Ms: most((r) => r.interactiveP99Ms),
      peakPerSecond: most((r) => r.peakPerSecond),
    },
    median: { perSecond: median((r) => r.perSecond), interactiveP99Ms: median((r) => r.interactiveP99Ms), peakPerSecond: median((r) => r.peakPerSecond) },
    http429ByRun: results.map((r) => r.http429),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

/** The most entries at or after each one within `windowMs` (times sorted ascending). */
function mostWithin(times: number[], windowMs: number): number {
  let most = 0;
  for (let first = 0, last = 0; first < times.length; first += 1) {
    while (last < times.length && times[last]! < times[first]! + windowMs) last += 1;
    most = Math.max(most, last - first);
  }
  return most;
}

async function fanOutOnce(args: Args, cleanup: Cleanup): Promise<FanoutRun> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench-${randomBytes(5).toString('hex')}`;
  // Every clean-up step is added as soon as the thing exists; they run last-added first.
  const storage = await openScratchDatabase(cleanup);
  const databaseUrl = storage.url;
  cleanup.add(`delete the Redis keys under ${prefix}`, () => deleteRedisKeys(redisUrl, prefix));
  log(`scratch database ${storage.name}, queue prefix ${prefix}`);
  const children: ChildProcess[] = [];
  // Workers and the bot stop before the keys are deleted and the database dropped, or they would recreate or hold them.
  cleanup.add('stop the worker and bot processes', () => Promise.all(children.map((child) => stopChild(child))));
  const lc = await startLocalcord({ strictLimits: true });
  cleanup.add('close the local Discord server', () => lc.close());

  // The world: a county server for the coordinator, and the units' channels spread over servers of 500.
  const owner = lc.createUser({ username: 'owner' });
  const guild = lc.createGuild({
    name: '清河区人民政府',
    ownerId: owner.id,
    everyonePermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands,
  });
  const summary = lc.createChannel(guild.id, { name: '汇总' });
  const coordinatorsRole = lc.createRole(guild.id, { name: '督办人' });
  const coordinator = lc.createUser({ username: 'coordinator' });
  lc.addMember(guild.id, coordinator.id, { roles: [coordinatorsRole.id] });
  lc.registerCommands(
    slashCommands.map((c) => c.definition),
    guild.id,
  );
  const unitChannels: string[] = [];
  for (let g = 0; unitChannels.length < args.units; g += 1) {
    const unitGuild = lc.createGuild({ name: `镇街频道${g + 1}`, ownerId: owner.id });
    for (let c = 0; c < CHANNELS_PER_GUILD && unitChannels.length < args.units; c += 1)
      unitChannels.push(lc.createChannel(unitGuild.id, { name: `单位${unitChannels.length + 1}` }).id);
  }

  // Workers first, so the fan-out starts the moment reminders are planned.
  const spawnWorker = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts', '--prefix', prefix, '--lock-ms', '5000'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        DISCORD_TOKEN: lc.botToken,
        DISCORD_API_BASE: lc.apiBase,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    return new Promise<ChildProcess>((resolve, reject) => {
      child.once('message', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
  };
  await Promise.all(Array.from({ length: args.workers }, spawnWorker));
  log(`${args.workers} workers ready`);

  // The bot runs in a process of its own, as in production: its work must not stall the server's clock.
  const bot = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-bot.ts', lc.apiBase, lc.botToken, databaseUrl, redisUrl, prefix], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(bot);
  await new Promise<void>((resolve, reject) => {
    bot.once('message', () => resolve());
    bot.once('exit', (code) => reject(new Error(`bot exited with ${code}`)));
  });
  log(`bot ready (pid ${bot.pid})`);
  // Only to ask for the reconcile: this process runs no workers.
  const queueShutdown = new Shutdown(createLogger('silent'), 5_000);
  cleanup.add('close the queues', () => queueShutdown.run('bench done'));
  const { queue } = await compose({
    db: storage.db,
    redis: endpointFromUrl(redisUrl),
    queuePrefix: prefix,
    logger: createLogger('silent'),
    shutdown: queueShutdown,
    clock: systemClock,
    timeZone: TIME_ZONE,
  });
  if (!queue) throw new Error('the bench needs its queue');
  const workspaceId = await seed(storage.db, { guildId: guild.id, coordinatorRoleId: coordinatorsRole.id, summaryChannelId: summary.id, unitChannels });
  log(`seeded ${args.units} units`);

  const commandNames = ['task show', 'tasks', 'status'] as const;
  const unitSet = new Set(unitChannels);
  const perChannel = new Map<string, number>();
  let lastSentAt = 0;
  let killed = false;
  lc.on('message', (event) => {
    if (event.change !== 'create' || !event.fromBot || !unitSet.has(event.message.channel_id)) return;
    if (!(event.message.embeds[0]?.footer?.text ?? '').startsWith('督办提醒')) return;
    perChannel.set(event.message.channel_id, (perChannel.get(event.message.channel_id) ?? 0) + 1);
    lastSentAt = performance.now();
    if (args['kill-worker'] && !killed && perChannel.size >= args.units / 2) {
      killed = true;
      children[0]?.kill('SIGKILL');
      log(`killed worker ${children[0]?.pid} at ${perChannel.size} sent; starting a new one`);
      // A replacement that fails to start is reported, not left as a rejection nobody hears.
      spawnWorker().catch((error: unknown) => log(`the replacement worker did not start: ${(error as Error).message}`));
    }
  });

  // A running bot is warm: a few commands first (not measured), as a server in use would have had.
  for (const name of ['task show', 'tasks', 'status', 'task show', 'tasks', 'status']) {
    await lc
      .runSlashCommand({ userId: coordinator.id, channelId: summary.id, name, options: name === 'task show' ? { number: '1' } : {} })
      .waitForReply(REPLY_TIMEOUT_MS);
  }
  log('warm-up done');

  const started = performance.now();
  await queue.scheduler.requestReconcile(workspaceId);

  // People keep working meanwhile: slash commands spread over the expected run. A command that gets
  // no reply in time is counted as unanswered: each promise settles to a number or null, never rejects.
  const latencies: number[] = [];
  let unanswered = 0;
  const expectedMs = (args.units / 47) * 1000;
  const commands = Array.from({ length: args.commands }, async (_, i) => {
    await sleep((expectedMs * i) / Math.max(1, args.commands));
    const name = commandNames[i % commandNames.length] ?? 'task show';
    const t0 = performance.now();
    const handle: InteractionHandle = lc.runSlashCommand({
      userId: coordinator.id,
      channelId: summary.id,
      name,
      options: name === 'task show' ? { number: '1' } : {},
    });
    try {
      await handle.waitForReply(REPLY_TIMEOUT_MS);
    } catch (error) {
      unanswered += 1;
      if (process.env.BENCH_DEBUG) log(`${name} unanswered: ${(error as Error).message}`);
      return;
    }
    latencies.push(performance.now() - t0);
    if (process.env.BENCH_DEBUG) log(`${name} ${(performance.now() - t0).toFixed(0)} ms`);
  });

  const deadline = Date.now() + Math.max(120_000, expectedMs * 4);
  for (;;) {
    const { n } = await storage.db
      .selectFrom('reminder_deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow();
    if (Number(n) >= args.units || Date.now() > deadline) break;
    await sleep(200);
  }
  await Promise.allSettled(commands);
  // Let anything still in flight land, so a late duplicate would be counted.
  await sleep(1_500);

  const seconds = (lastSentAt - started) / 1000;
  const sent = perChannel.size;
  const duplicates = [...perChannel.values()].reduce((sum, count) => sum + count - 1, 0);
  const http429 = lc.requests.filter((r) => r.status === 429).length;
  latencies.sort((a, b) => a - b);
  const p99 = latencies.length ? (latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0) : 0;
  // Requests the server counts against the bot's global limit: everything but interaction callbacks and webhooks (no token).
  const limited = lc.requests
    .filter((r) => r.route !== null && !r.route.startsWith('/interactions/') && !r.route.startsWith('/webhooks/') && r.route !== '/gateway')
    .map((r) => r.at)
    .sort((a, b) => a - b);
  const result: FanoutRun = {
    units: args.units,
    sent,
    duplicates,
    lost: args.units - sent,
    http429,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Number((sent / seconds).toFixed(1)),
    interactiveP99Ms: Number(p99.toFixed(1)),
    unansweredCommands: unanswered,
    peakPerSecond: mostWithin(limited, 1000),
  };
  const reclaimed = await storage.db
    .selectFrom('reminder_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('attempts', '>', 1)
    .executeTakeFirstOrThrow();
  if (args['kill-worker']) log(`${reclaimed.n} deliveries were claimed again after the kill (the dead worker's in-flight jobs)`);
  // Which limit a 429 came from (global, or the route's bucket: a channel's 5 per 5 s) and how busy the second before it was.
  for (const r of lc.requests.filter((entry) => entry.status === 429))
    log(
      `429 ${r.method} ${r.route} ${JSON.stringify(r.rateLimit)} at ${r.at}, ${limited.filter((t) => t > r.at - 1000 && t <= r.at).length} limited requests in the second before`,
    );
  if (process.env.BENCH_DEBUG) {
    log(`latency max ${latencies.at(-1)?.toFixed(0)} median ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)}`);
  }
  if (unanswered > 0) log(`${unanswered} slash commands got no reply within ${REPLY_TIMEOUT_MS / 1000} s`);
  return result;
}

/**
 * One task assigned to a collective name whose members are every unit, each bound to its channel;
 * a one-stage plan due today at this minute, so the reconcile puts every reminder on the queue now.
 */
async function seed(db: Db, input: { guildId: string; coordinatorRoleId: string; summaryChannelId: string; unitChannels: string[] }): Promise<number> {
  const now = new Date();
  const today = toLocalDate(now, TIME_ZONE);
  const year = Number(today.slice(0, 4));
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  const workspace = await db
    .insertInto('workspaces')
    .values({
      guild_id: input.guildId,
      name: '清河区人民政府',
      coordinator_role_id: input.coordinatorRoleId,
      summary_channel_id: input.summaryChannelId,
      reminder_plan: JSON.stringify({ stages: [{ stage: 'due', offsetWorkdays: 0, audience: 'liaison' }], time, timeZone: TIME_ZONE }),
      reporting_cadence: JSON.stringify({
        cadence: 'custom',
        custom: [{ key: 'BENCH', label: '压测周期', start: addDays(today, -30), end: today, dueDate: today }],
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Today is a workday whatever the date, so the due-date stage falls on it.
  await db
    .insertInto('holiday_calendars')
    .values({ workspace_id: workspace.id, year, holidays: '[]', make_up_workdays: JSON.stringify([today]), loaded_by: 'bench' })
    .execute();
  const notice = await db
    .insertInto('notices')
    .values({
      workspace_id: workspace.id,
      year,
      version: 1,
      title: `${year}年工作要点`,
      source_kind: 'text',
      source_text: '压测',
      parsed: '{}',
      imported_by: 'bench',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('tasks')
    .values({
      workspace_id: workspace.id,
      year,
      notice_id: notice.id,
      seq: 1,
      label: '（一）',
      no: 1,
      title: '深入学习贯彻习近平法治思想',
      body: '年内开展集中学习4次以上。',
      due_date: formatLocalDate(year, 12, 31),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const collective = await db
    .insertInto('collective_names')
    .values({ workspace_id: workspace.id, name: '各镇政府（街道办事处）' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('task_units')
    .values({
      workspace_id: workspace.id,
      task_id: task.id,
      collective_id: collective.id,
      role: 'lead',
      position: 1,
      name_as_written: '各镇政府（街道办事处）',
    })
    .execute();
  for (let i = 0; i < input.unitChannels.length; i += 500) {
    const chunk = input.unitChannels.slice(i, i + 500);
    const units = await db
      .insertInto('units')
      .values(chunk.map((_, j) => ({ workspace_id: workspace.id, name: `第${i + j + 1}镇`, category: 'township' as const })))
      .returning('id')
      .execute();
    await db
      .insertInto('collective_members')
      .values(units.map((u) => ({ workspace_id: workspace.id, collective_id: collective.id, unit_id: u.id })))
      .execute();
    await db
      .insertInto('liaisons')
      .values(
        units.map((u, j) => ({
          workspace_id: workspace.id,
          unit_id: u.id,
          target_kind: 'channel' as const,
          target_id: chunk[j]!,
          purpose: 'liaison' as const,
          created_by: 'bench',
        })),
      )
      .execute();
  }
  return workspace.id;
}

runBenchmark('bench:fanout', main);
