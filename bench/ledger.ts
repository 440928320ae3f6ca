/**
 * npm run bench:ledger — the web ledger's 总览 for 500 units and 1,000 tasks with four quarters of
 * reports (on time, late, blocked and missing), requested through the real HTTP listener on 127.0.0.1
 * with a valid session, the members read from the local Discord-compatible server as from Discord.
 * Prints one JSON line {"units","tasks","reports","requests","timing","p50Ms","p99Ms","pageBytes","seedMs"}
 * on stdout; details go to stderr. Targets: p99 under 200 ms, the page under 1 MB. `timing` says where
 * the times come from: "server" (the listener's Server-Timing header) or "client" (the request's
 * round trip on loopback, body included). The scratch database is dropped however the run ends.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { startLocalcord } from 'localcord';
import { loadCycle } from '../src/app/cycle/load-cycle.js';
import { buildLedgerOverview, loadPeriodLights, resolveLedgerViewer, type LedgerSession } from '../src/app/ledger/index.js';
import type { AppContext } from '../src/app/context.js';
import { listTaskSummaries } from '../src/app/tasks/task-queries.js';
import { createAppContext } from '../src/app-context.js';
import { createGuildMembers } from '../src/discord/guild-members.js';
import { createLogger } from '../src/logger.js';
import type { Clock, GuildMembers } from '../src/ports.js';
import { startLedgerServer } from '../src/web/ledger/ledger-server.js';
import { renderPage } from '../src/web/ledger/render/layout.js';
import { renderOverview } from '../src/web/ledger/render/overview-page.js';
import { runBenchmark, type Cleanup } from './support/cleanup.js';
import { openScratchDatabase } from './support/scratch-database.js';
import { benchWorkspaceShape as shape, seedBenchWorkspace } from './support/seed-workspace.js';

const requests = Number(process.env.BENCH_LEDGER_REQUESTS ?? 200);
const warmUp = 5;
/** Monday 28 December 2026, 14:00 in Shanghai: the fourth quarter (due the 25th) is current, its late reports are in. */
const now = new Date('2026-12-28T06:00:00Z');
const fixedClock: Clock = { now: () => new Date(now) };

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The `dur` of the Server-Timing header's entries, summed; null when the listener sends none. */
function serverTiming(header: string | null): number | null {
  if (!header) return null;
  const durations = [...header.matchAll(/dur=([\d.]+)/g)].map((m) => Number(m[1]));
  return durations.length ? durations.reduce((a, b) => a + b, 0) : null;
}

async function main(cleanup: Cleanup): Promise<void> {
  const lc = await startLocalcord();
  cleanup.add('stop the local Discord server', () => lc.close());
  const owner = lc.createUser({ username: 'bench-owner' });
  const guild = lc.createGuild({ name: '压测区人民政府', ownerId: owner.id });
  const coordinators = lc.createRole(guild.id, { name: '督办人' });
  const coordinator = lc.createUser({ username: 'bench-coordinator', globalName: '司法局 督办人' });
  lc.addMember(guild.id, owner.id, { permissions: PermissionFlagsBits.Administrator });
  lc.addMember(guild.id, coordinator.id, { roles: [coordinators.id] });

  const storage = await openScratchDatabase(cleanup);
  const seedStarted = performance.now();
  const { reports } = await seedBenchWorkspace(storage.db, shape, { guildId: guild.id, coordinatorRoleId: coordinators.id });
  const seedMs = performance.now() - seedStarted;
  process.stderr.write(`seeded ${reports} reports in ${Math.round(seedMs)} ms\n`);

  const members = createGuildMembers({ token: lc.botToken, apiBase: lc.apiBase });
  const app = createAppContext({ db: storage.db, logger: createLogger('silent'), clock: fixedClock, timeZone: 'Asia/Shanghai' });
  const ledger = await startLedgerServer({
    port: 0,
    host: '127.0.0.1',
    linkHours: 24,
    secret: randomBytes(32).toString('base64url'),
    app,
    members,
  });
  cleanup.add('close the ledger listener', () => ledger.close());

  // The coordinator's link, opened once for the session cookie, as a browser would.
  const link = await ledger.links.issue({ guildId: guild.id, userId: coordinator.id });
  const opened = await fetch(link.url, { redirect: 'manual' });
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (opened.status !== 303 || !cookie) throw new Error(`the link did not open a session: ${opened.status} ${await opened.text()}`);

  const requestOverview = async () => {
    const started = performance.now();
    const response = await fetch(`${ledger.url}/`, { headers: { cookie } });
    const body = new Uint8Array(await response.arrayBuffer());
    const clientMs = performance.now() - started;
    if (response.status !== 200) throw new Error(`总览 answered ${response.status}: ${new TextDecoder().decode(body).slice(0, 500)}`);
    return { clientMs, serverMs: serverTiming(response.headers.get('server-timing')), bytes: body.byteLength, body };
  };
  for (let i = 0; i < warmUp; i += 1) await requestOverview();
  const runs: Awaited<ReturnType<typeof requestOverview>>[] = [];
  for (let i = 0; i < requests; i += 1) runs.push(await requestOverview());

  const first = runs[0];
  if (!first) throw new Error('no request was made');
  const page = new TextDecoder().decode(first.body);
  const rows = page.match(/<tr id="task-/g)?.length ?? 0;
  if (rows !== shape.tasks) throw new Error(`总览 shows ${rows} task rows, not ${shape.tasks}`);
  const counts = ['green', 'yellow', 'red'].map((light) => `${light} ${new RegExp(`<strong id="count-${light}">(\\d+)</strong>`).exec(page)?.[1] ?? '?'}`);
  const timing = runs.every((r) => r.serverMs !== null) ? 'server' : 'client';
  const times = runs.map((r) => (timing === 'server' ? (r.serverMs ?? 0) : r.clientMs));
  const client = runs.map((r) => r.clientMs);
  process.stderr.write(
    `${requests} requests of 总览 (${rows} task rows; ${counts.join(', ')}): ${timing} time p50 ${percentile(times, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(times, 99).toFixed(1)} ms; client p50 ${percentile(client, 50).toFixed(1)} ms, p99 ${percentile(client, 99).toFixed(1)} ms, ` +
      `max ${Math.max(...client).toFixed(1)} ms\n`,
  );
  await reportPhases({ app, members, session: { guildId: guild.id, userId: coordinator.id, issuedAt: now } });
  process.stdout.write(
    `${JSON.stringify({
      units: shape.departments + shape.townships,
      tasks: shape.tasks,
      reports,
      requests,
      timing,
      p50Ms: Math.round(percentile(times, 50) * 10) / 10,
      p99Ms: Math.round(percentile(times, 99) * 10) / 10,
      pageBytes: first.bytes,
      seedMs: Math.round(seedMs),
    })}\n`,
  );
}

/** Where a request's time goes, measured in this process on the same database: the median wall and Node CPU time of each step of 总览. */
async function reportPhases(input: { app: AppContext; members: GuildMembers; session: LedgerSession }): Promise<void> {
  const { app, members, session } = input;
  const runs = 11;
  const lines: string[] = [];
  const measure = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
    const wall: number[] = [];
    const cpu: number[] = [];
    let result: T | undefined;
    for (let i = 0; i < runs; i += 1) {
      const usage = process.cpuUsage();
      const started = performance.now();
      result = await step();
      wall.push(performance.now() - started);
      const used = process.cpuUsage(usage);
      cpu.push((used.user + used.system) / 1000);
    }
    lines.push(`${label} ${percentile(wall, 50).toFixed(1)} ms (Node CPU ${percentile(cpu, 50).toFixed(1)} ms)`);
    return result as T;
  };
  const viewer = await measure('viewer (revocation, member over REST, access)', () => resolveLedgerViewer(app.store, members, session));
  const cycle = await measure('cycle (tasks, units, periods)', async () => {
    const loaded = await loadCycle(app.store, viewer.workspace, now);
    if (!loaded?.current) throw new Error('the bench workspace has no current period');
    return loaded;
  });
  const period = cycle.current;
  if (!period) throw new Error('the bench workspace has no current period');
  await measure('lights (the period’s reports, due reports, colours)', () => loadPeriodLights(app.store, cycle, period));
  await measure('task summaries (unit names, latest statuses)', () => listTaskSummaries(app.store, cycle, {}));
  const view = await measure('overview model in all', () => buildLedgerOverview(app.store, viewer, { query: {}, now }));
  await measure('render to HTML', async () => String(await renderPage({ title: '台账', viewer, nav: 'overview', body: renderOverview(view) })));
  process.stderr.write(`where the time goes (median of ${runs}):\n  ${lines.join('\n  ')}\n`);
}

runBenchmark('bench:ledger', main);
