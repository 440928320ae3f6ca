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
import { setTimeout as sleep } from 'node:timers/promises';
import type { InteractionHandle } from 'localcord';
import { z } from 'zod';
import { Cleanup, runBenchmark } from './support/cleanup.js';
import { createCountyWorld, limitedArrivals, mostWithin, openBenchGround, percentile, startBotAndWorkers } from './support/reminder-stack.js';
import { seedCountyWorld } from './support/seed-reminders.js';

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

const REPLY_TIMEOUT_MS = 10_000;
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

async function fanOutOnce(args: Args, cleanup: Cleanup): Promise<FanoutRun> {
  const ground = await openBenchGround(cleanup, log);
  const { lc, storage } = ground;

  const world = createCountyWorld(lc, args.units);
  const { coordinator, summary, unitChannels } = world;
  const { children, spawnWorker, queue } = await startBotAndWorkers(cleanup, ground, { workers: args.workers, log });
  const { workspaceId } = await seedCountyWorld(storage.db, world);
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
  const p99 = percentile(latencies, 99);
  // Requests the server counts against the bot's global limit: everything but interaction callbacks and webhooks (no token).
  const limited = limitedArrivals(lc);
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

runBenchmark('bench:fanout', main);
