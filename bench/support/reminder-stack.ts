import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { startLocalcord, type LocalChannel, type LocalGuild, type LocalRole, type LocalUser, type Localcord } from 'localcord';
import { slashCommands } from '../../commands/index.js';
import { compose } from '../../src/compose.js';
import { createLogger } from '../../src/logger.js';
import { systemClock } from '../../src/ports.js';
import type { QueueRuntime } from '../../src/queue/queue-runtime.js';
import { endpointFromUrl } from '../../src/queue/redis-endpoint.js';
import { Shutdown } from '../../src/shutdown.js';
import { deleteRedisKeys, stopChild, type Cleanup } from './cleanup.js';
import { openScratchDatabase } from './scratch-database.js';

export const BENCH_TIME_ZONE = 'Asia/Shanghai';
const CHANNELS_PER_GUILD = 500; // Discord's limit per server
const root = path.resolve(import.meta.dirname, '../..');

export interface BenchGround {
  lc: Localcord;
  storage: Awaited<ReturnType<typeof openScratchDatabase>>;
  redisUrl: string;
  prefix: string;
}

/**
 * A scratch database, a queue prefix on the machine's Redis and a local Discord-compatible server,
 * each removed by `cleanup` however the run ends. The caller builds its world on the server next.
 */
export async function openBenchGround(cleanup: Cleanup, log: (message: string) => void): Promise<BenchGround> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench-${randomBytes(5).toString('hex')}`;
  // Every clean-up step is added as soon as the thing exists; they run last-added first.
  const storage = await openScratchDatabase(cleanup);
  cleanup.add(`delete the Redis keys under ${prefix}`, () => deleteRedisKeys(redisUrl, prefix));
  log(`scratch database ${storage.name}, queue prefix ${prefix}`);
  const lc = await startLocalcord({ strictLimits: true });
  cleanup.add('close the local Discord server', () => lc.close());
  return { lc, storage, redisUrl, prefix };
}

export interface BenchProcesses {
  /** Every child started, the workers first; a killed one stays listed. */
  children: ChildProcess[];
  bot: ChildProcess;
  /** Starts one more worker (`npm run worker`), resolving once it is ready. */
  spawnWorker(): Promise<ChildProcess>;
  /** This process's own queue handle: only to ask for reconciles, it runs no workers. */
  queue: QueueRuntime;
}

/**
 * `workers` worker processes, then the bot (bench/fanout-bot.ts: gateway and interactions, no
 * workers) in a process of its own as in production, so its work does not stall the server's clock
 * and its memory is its own. They stop before the keys are deleted and the database dropped.
 */
export async function startBotAndWorkers(
  cleanup: Cleanup,
  ground: BenchGround,
  options: { workers: number; log: (message: string) => void },
): Promise<BenchProcesses> {
  const { lc, storage, redisUrl, prefix } = ground;
  const children: ChildProcess[] = [];
  cleanup.add('stop the worker and bot processes', () => Promise.all(children.map((child) => stopChild(child))));
  const ready = (child: ChildProcess, what: string) =>
    new Promise<ChildProcess>((resolve, reject) => {
      child.once('message', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
    });
  const spawnWorker = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts', '--prefix', prefix, '--lock-ms', '5000'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: storage.url,
        REDIS_URL: redisUrl,
        DISCORD_TOKEN: lc.botToken,
        DISCORD_API_BASE: lc.apiBase,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    return ready(child, 'worker');
  };
  // Workers first, so the fan-out starts the moment reminders are planned.
  await Promise.all(Array.from({ length: options.workers }, spawnWorker));
  options.log(`${options.workers} workers ready`);
  const bot = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-bot.ts', lc.apiBase, lc.botToken, storage.url, redisUrl, prefix], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(bot);
  await ready(bot, 'bot');
  options.log(`bot ready (pid ${bot.pid})`);
  const queueShutdown = new Shutdown(createLogger('silent'), 5_000);
  cleanup.add('close the queues', () => queueShutdown.run('bench done'));
  const { queue } = await compose({
    db: storage.db,
    redis: endpointFromUrl(redisUrl),
    queuePrefix: prefix,
    logger: createLogger('silent'),
    shutdown: queueShutdown,
    clock: systemClock,
    timeZone: BENCH_TIME_ZONE,
  });
  if (!queue) throw new Error('the bench needs its queue');
  return { children, bot, spawnWorker, queue };
}

/** A process's resident memory now and at its peak (Linux /proc), in MB. */
export function residentMemoryMb(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** CPU seconds a process has used so far (user and system, Linux /proc). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** cpuSeconds, or 0 for a process that is gone (or not readable). */
export function cpuSecondsIfAlive(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return 0;
  }
}

/** The most entries within any `windowMs` (times sorted ascending). */
export function mostWithin(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let first = 0, last = 0; first < times.length; first += 1) {
    while (last < times.length && times[last]! < times[first]! + windowMs) last += 1;
    most = Math.max(most, last - first);
  }
  return most;
}

/** Arrival times of the requests the server counts against the bot's global limit (all but interaction callbacks and webhooks), sorted. */
export function limitedArrivals(lc: Localcord): number[] {
  return lc.requests
    .filter((r) => r.route !== null && !r.route.startsWith('/interactions/') && !r.route.startsWith('/webhooks/') && r.route !== '/gateway')
    .map((r) => r.at)
    .sort((a, b) => a - b);
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;
}

export interface CountyWorld {
  guild: LocalGuild;
  summary: LocalChannel;
  coordinatorsRole: LocalRole;
  coordinator: LocalUser;
  /** One channel per unit, on servers of their own. */
  unitChannels: string[];
}

/** A county server with its coordinator and summary channel, and one channel per unit on other servers. */
export function createCountyWorld(lc: Localcord, units: number): CountyWorld {
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
  return { guild, summary, coordinatorsRole, coordinator, unitChannels: createUnitChannels(lc, owner.id, units) };
}

/** `count` channels, one per unit, spread over servers of 500 (Discord's limit per server). */
function createUnitChannels(lc: Localcord, ownerId: string, count: number): string[] {
  const channels: string[] = [];
  for (let g = 0; channels.length < count; g += 1) {
    const unitGuild = lc.createGuild({ name: `镇街频道${g + 1}`, ownerId });
    for (let c = 0; c < CHANNELS_PER_GUILD && channels.length < count; c += 1)
      channels.push(lc.createChannel(unitGuild.id, { name: `单位${channels.length + 1}` }).id);
  }
  return channels;
}
