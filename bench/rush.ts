/**
 * npm run bench:rush — the deadline rush: 1,000 liaisons of 500 units report progress within 60 s
 * through the local Discord-compatible server while a reminder fan-out of 2,000 units runs. Half use
 * the form (/progress, then the modal), half reply to their DM reminder in free text naming two tasks
 * and press 确认保存; one in five attaches a 1 MB evidence file. Prints one JSON line: acknowledgement
 * p50/p99 of every interaction (none past Discord's 3 s, none answered twice), reports stored against
 * those the bot said were saved (lost, duplicated), the fan-out's own figures, and the bot process's
 * memory (idle after start, peak during the rush, from /proc).
 *
 *   npm run bench:rush -- [--units 500] [--seconds 60] [--fanout 2000] [--workers 2] [--evidence-every 5]
 *
 * Needs PostgreSQL and Redis as bench:fanout does; everything it makes is removed however the run ends.
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { APIMessage } from 'discord-api-types/v10';
import type { InteractionHandle } from 'localcord';
import { sql } from 'kysely';
import { z } from 'zod';
import { slashCommands } from '../commands/index.js';
import { listControls } from '../src/sandbox/render-message.js';
import { runBenchmark, type Cleanup } from './support/cleanup.js';
import {
  cpuSeconds,
  cpuSecondsIfAlive,
  createCountyWorld,
  limitedArrivals,
  mostWithin,
  openBenchGround,
  percentile,
  residentMemoryMb,
  startBotAndWorkers,
} from './support/reminder-stack.js';
import { seedCountyWorld, seedReminderWorkspace } from './support/seed-reminders.js';

const argsSchema = z.object({
  units: z.coerce.number().int().min(1).max(500).default(500),
  seconds: z.coerce.number().min(1).max(600).default(60),
  fanout: z.coerce.number().int().min(0).max(20_000).default(2000),
  workers: z.coerce.number().int().min(1).max(8).default(2),
  'evidence-every': z.coerce.number().int().min(1).default(5),
});

function readArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = /^--([a-z-]+)$/.exec(argv[i] ?? '')?.[1];
    if (!name) throw new Error(`unknown argument ${argv[i]}`);
    raw[name] = argv[(i += 1)] ?? '';
  }
  return argsSchema.parse(raw);
}

const log = (message: string) => process.stderr.write(`[rush] ${message}\n`);
const WAIT_MS = 30_000;
const EVIDENCE_BYTES = 1024 * 1024;

/** A small seeded generator, so every run spreads the liaisons the same way. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 1 MB PDF as the evidence checker sniffs it: the header, filler, the trailer. */
function evidencePdf(): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(EVIDENCE_BYTES - head.length - tail.length, 0x20), tail]);
}

runBenchmark('bench:rush', async (cleanup: Cleanup) => {
  const args = readArgs(process.argv.slice(2));
  const ground = await openBenchGround(cleanup, log);
  const { lc, storage } = ground;

  // The fan-out's county (its units' channels on servers of their own), and the rushing county's server.
  const county = createCountyWorld(lc, args.fanout);
  const owner = lc.createUser({ username: 'rush-owner' });
  const guild = lc.createGuild({
    name: '城关片区',
    ownerId: owner.id,
    everyonePermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands,
  });
  const coordinatorsRole = lc.createRole(guild.id, { name: '督办人' });
  lc.registerCommands(
    slashCommands.map((c) => c.definition),
    guild.id,
  );
  // Each unit: a liaison who answers the DM reminder in free text (bound first: the reminder goes to them) and one who uses the form.
  const units = Array.from({ length: args.units }, (_, u) => {
    const replier = lc.createUser({ username: `联络员${u + 1}甲` });
    const former = lc.createUser({ username: `联络员${u + 1}乙` });
    lc.addMember(guild.id, replier.id);
    lc.addMember(guild.id, former.id);
    return { replier: replier.id, former: former.id };
  });

  const processes = await startBotAndWorkers(cleanup, ground, { workers: args.workers, log });
  const botPid = processes.bot.pid ?? 0;
  // Idle: started, connected, nothing asked of it yet; given a moment to settle.
  await sleep(2_000);
  const idle = residentMemoryMb(botPid);
  log(`bot idle: ${idle.rssMb} MB resident`);

  const rush = await seedReminderWorkspace(storage.db, {
    guildId: guild.id,
    name: guild.name,
    coordinatorRoleId: coordinatorsRole.id,
    summaryChannelId: guild.defaultChannelId,
    tasks: 3,
    units: units.map((u) => [
      { kind: 'user', id: u.replier },
      { kind: 'user', id: u.former },
    ]),
  });
  const fanout = args.fanout > 0 ? await seedCountyWorld(storage.db, county) : null;

  // Before the rush: every replying liaison has their reminder in DMs (not measured).
  const reminderOf = new Map<string, string>();
  const replierOfDm = new Map(units.map((u) => [lc.dmChannelId(u.replier), u.replier]));
  const repliesTo = new Map<string, (message: APIMessage) => void>();
  const fanoutChannels = new Set(county.unitChannels);
  const fanoutSent = new Map<string, number>();
  let fanoutLastAt = 0;
  lc.on('message', (event) => {
    if (event.change !== 'create' || !event.fromBot) return;
    const { message } = event;
    const reference = message.message_reference?.message_id;
    if (reference) repliesTo.get(reference)?.(message);
    const footer = message.embeds[0]?.footer?.text ?? '';
    if (!footer.startsWith('督办提醒')) return;
    const replier = replierOfDm.get(message.channel_id);
    if (replier) reminderOf.set(replier, message.id);
    if (fanoutChannels.has(message.channel_id)) {
      fanoutSent.set(message.channel_id, (fanoutSent.get(message.channel_id) ?? 0) + 1);
      fanoutLastAt = performance.now();
    }
  });
  await processes.queue.scheduler.requestReconcile(rush.workspaceId);
  const remindedBy = Date.now() + 180_000;
  while (reminderOf.size < units.length && Date.now() < remindedBy) await sleep(200);
  if (reminderOf.size < units.length) throw new Error(`only ${reminderOf.size} of ${units.length} liaisons got their reminder`);
  log(`${units.length} reminders delivered; the rush starts`);

  const memory: number[] = [];
  const sampler = setInterval(() => memory.push(residentMemoryMb(botPid).rssMb), 200);
  cleanup.add('stop sampling memory', () => clearInterval(sampler));

  const acks: number[] = [];
  const acksByKind: Record<'command' | 'form' | 'button', number[]> = { command: [], form: [], button: [] };
  const saved: number[] = [];
  const confirmations: number[] = [];
  const confirmed: { unitId: number; taskSeq: number; evidence: boolean }[] = [];
  const handles: InteractionHandle[] = [];
  const failures: string[] = [];
  const pdf = evidencePdf();
  const acknowledged = (handle: InteractionHandle, kind: keyof typeof acksByKind) => {
    if (handle.acknowledgedAfterMs === undefined) return;
    acks.push(handle.acknowledgedAfterMs);
    acksByKind[kind].push(handle.acknowledgedAfterMs);
  };
  const waitForReplyTo = (messageId: string) =>
    new Promise<APIMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        repliesTo.delete(messageId);
        reject(new Error(`no answer to ${messageId} within ${WAIT_MS} ms`));
      }, WAIT_MS);
      repliesTo.set(messageId, (message) => {
        clearTimeout(timer);
        repliesTo.delete(messageId);
        resolve(message);
      });
    });

  const byForm = async (u: number, evidence: boolean) => {
    const unit = units[u]!;
    const opened = lc.runSlashCommand({ userId: unit.former, channelId: guild.defaultChannelId, name: 'progress', options: { task: '1' } });
    handles.push(opened);
    await opened.modal(WAIT_MS);
    acknowledged(opened, 'command');
    const t0 = performance.now();
    const submitted = lc.submitModal({
      userId: unit.former,
      from: opened,
      fields: {
        status: ['in_progress'],
        text: `第${u + 1}镇:已开展集中学习2次,计划二季度再组织2次。`,
        percent: '50%',
        evidence: evidence ? [{ filename: '学习签到表.pdf', bytes: pdf, contentType: 'application/pdf' }] : [],
      },
    });
    handles.push(submitted);
    const reply = await submitted.waitForReply(WAIT_MS);
    acknowledged(submitted, 'form');
    saved.push(performance.now() - t0);
    if (reply.content.startsWith('已保存')) confirmed.push({ unitId: rush.unitIds[u]!, taskSeq: 1, evidence });
    else failures.push(`form ${u + 1}: ${reply.content.slice(0, 120)}`);
  };

  const byReply = async (u: number, evidence: boolean) => {
    const unit = units[u]!;
    const t0 = performance.now();
    const sent = lc.sendDm({
      userId: unit.replier,
      replyTo: reminderOf.get(unit.replier)!,
      content: '（二）已完成执法案卷评查12件。（三）推进中,完成60%,行政复议案件均按期办结。',
      ...(evidence ? { attachments: [{ filename: '评查报告.pdf', bytes: pdf, contentType: 'application/pdf' }] } : {}),
    });
    const confirmation = await waitForReplyTo(sent.id);
    confirmations.push(performance.now() - t0);
    const button = listControls(confirmation).find((c) => c.label === '确认保存');
    if (!button) throw new Error(`reply ${u + 1} was answered without 确认保存: ${confirmation.content.slice(0, 120)}`);
    const t1 = performance.now();
    const clicked = lc.clickButton({ messageId: confirmation.id, customId: button.customId, userId: unit.replier });
    handles.push(clicked);
    const edited = await clicked.waitForReply(WAIT_MS);
    acknowledged(clicked, 'button');
    saved.push(performance.now() - t1);
    if (edited.content.startsWith('已保存')) for (const taskSeq of [2, 3]) confirmed.push({ unitId: rush.unitIds[u]!, taskSeq, evidence });
    else failures.push(`reply ${u + 1}: ${edited.content.slice(0, 120)}`);
  };

  // Every liaison starts at a random moment within the rush; one in `evidence-every` attaches the file.
  const random = seededRandom(16);
  const liaisons = units.flatMap((_, u) => [
    { u, form: true },
    { u, form: false },
  ]);
  const started = performance.now();
  // Where the machine's time goes during the rush: this process (the local server and the liaisons), the bot, the workers.
  const workerPids = processes.children.filter((c) => c !== processes.bot).map((c) => c.pid ?? 0);
  // The database's share: the server processes serving this scratch database (its backends are long-lived pool connections).
  const backends = async () =>
    (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(storage.db)).rows.map((r) => r.pid);
  const backendsAtStart = new Map((await backends()).map((pid) => [pid, cpuSecondsIfAlive(pid)]));
  const cpuAtStart = { bench: process.cpuUsage(), bot: cpuSeconds(botPid), workers: workerPids.map(cpuSeconds) };
  const loadAtStart = loadavg()[0] ?? 0;
  if (fanout) await processes.queue.scheduler.requestReconcile(fanout.workspaceId);
  const flows = liaisons.map(async ({ u, form }, i) => {
    await sleep(random() * args.seconds * 1000);
    const evidence = i % args['evidence-every'] === 0;
    try {
      await (form ? byForm(u, evidence) : byReply(u, evidence));
    } catch (error) {
      failures.push(`${form ? 'form' : 'reply'} ${u + 1}: ${(error as Error).message.split('\n')[0]}`);
    }
  });
  await Promise.all(flows);
  const rushSeconds = (performance.now() - started) / 1000;
  const benchCpu = process.cpuUsage(cpuAtStart.bench);
  const cpu = {
    bench: Number(((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)),
    bot: Number((cpuSeconds(botPid) - cpuAtStart.bot).toFixed(1)),
    workers: Number(workerPids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - (cpuAtStart.workers[i] ?? 0), 0).toFixed(1)),
    postgres: Number(
      [...new Set([...backendsAtStart.keys(), ...(await backends())])]
        .reduce((sum, pid) => sum + cpuSecondsIfAlive(pid) - (backendsAtStart.get(pid) ?? 0), 0)
        .toFixed(1),
    ),
  };
  if (fanout) {
    const fanoutBy = Date.now() + 180_000;
    while (fanoutSent.size < args.fanout && Date.now() < fanoutBy) await sleep(200);
  }
  // Let anything still in flight land, so a late duplicate is counted.
  await sleep(1_500);
  clearInterval(sampler);
  const peak = residentMemoryMb(botPid);

  // What was stored, against what the liaisons were told was saved.
  const revisions = await storage.db
    .selectFrom('progress_revisions')
    .innerJoin('progress_reports', 'progress_reports.id', 'progress_revisions.report_id')
    .innerJoin('tasks', 'tasks.id', 'progress_reports.task_id')
    .select(['progress_reports.unit_id as unitId', 'tasks.seq as taskSeq'])
    .where('progress_revisions.workspace_id', '=', rush.workspaceId)
    .execute();
  const storedCount = new Map<string, number>();
  for (const r of revisions) storedCount.set(`${r.unitId}:${r.taskSeq}`, (storedCount.get(`${r.unitId}:${r.taskSeq}`) ?? 0) + 1);
  const expected = new Set(confirmed.map((c) => `${c.unitId}:${c.taskSeq}`));
  const lost = [...expected].filter((key) => !storedCount.has(key)).length;
  const duplicated = [...storedCount].reduce((sum, [key, n]) => sum + (expected.has(key) ? n - 1 : n), 0);
  const evidenceFiles = await storage.db
    .selectFrom('evidence_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', rush.workspaceId)
    .executeTakeFirstOrThrow();

  // Every interaction answered once and in time: a second callback is refused with 400, a late one with 404.
  const callbacks = lc.requests.filter((r) => r.route === '/interactions/:interactionId/:token/callback');
  const answeredTwice = callbacks.filter((r) => r.status === 400).length;
  const refusedLate = callbacks.filter((r) => r.status === 404).length;
  acks.sort((a, b) => a - b);
  saved.sort((a, b) => a - b);
  confirmations.sort((a, b) => a - b);
  const fanoutDuplicates = [...fanoutSent.values()].reduce((sum, n) => sum + n - 1, 0);
  const fanoutSeconds = (fanoutLastAt - started) / 1000;
  const result = {
    liaisons: liaisons.length,
    units: args.units,
    rushSeconds: Number(rushSeconds.toFixed(1)),
    interactions: handles.length,
    ackP50Ms: Math.round(percentile(acks, 50)),
    ackP99Ms: Math.round(percentile(acks, 99)),
    ackMaxMs: Math.round(acks.at(-1) ?? 0),
    ackP99MsByKind: Object.fromEntries(
      Object.entries(acksByKind).map(([kind, list]) => [
        kind,
        Math.round(
          percentile(
            list.sort((a, b) => a - b),
            99,
          ),
        ),
      ]),
    ),
    unacknowledged: handles.filter((h) => h.acknowledgedAfterMs === undefined).length,
    pastThreeSeconds: acks.filter((ms) => ms > 3000).length + refusedLate,
    answeredTwice,
    replyConfirmationP50Ms: Math.round(percentile(confirmations, 50)),
    replyConfirmationP99Ms: Math.round(percentile(confirmations, 99)),
    savedP50Ms: Math.round(percentile(saved, 50)),
    savedP99Ms: Math.round(percentile(saved, 99)),
    confirmed: confirmed.length,
    stored: revisions.length,
    lost,
    duplicated,
    evidenceFiles: Number(evidenceFiles.n),
    failedLiaisons: failures.length,
    fanout: fanout
      ? {
          units: args.fanout,
          sent: fanoutSent.size,
          duplicates: fanoutDuplicates,
          lost: args.fanout - fanoutSent.size,
          seconds: Number(fanoutSeconds.toFixed(2)),
          perSecond: Number((fanoutSent.size / fanoutSeconds).toFixed(1)),
        }
      : null,
    http429: lc.requests.filter((r) => r.status === 429).length,
    peakPerSecond: mostWithin(limitedArrivals(lc), 1000),
    botIdleRssMb: idle.rssMb,
    botPeakRssMb: Math.max(peak.rssMb, ...memory),
    // The kernel's high-water mark over the process's life, start-up included.
    botHighWaterRssMb: peak.peakRssMb,
    cpuSecondsDuringRush: cpu,
    loadAverage: [Number(loadAtStart.toFixed(1)), Number((loadavg()[0] ?? 0).toFixed(1))],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  for (const failure of failures.slice(0, 10)) log(`failed: ${failure}`);
});
