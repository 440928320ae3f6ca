/**
 * npm run bench:ranking-show — /ranking show end to end, as a leader clicks it: the interaction sent by
 * the local Discord-compatible server, the real bot (src/compose.ts, in this process) reading and
 * scoring a quarter of 500 units, 1,000 tasks and four quarters of reports on a scratch PostgreSQL,
 * drawing the PNG chart and building the .xlsx workbook, and uploading both; a run ends when the reply
 * with both attachments has arrived at the local server. Prints one JSON line:
 *   {"units","tasks","reports","runs","p50","p99","cpuMs","phases":{name: p50 ms}}
 * cpuMs: the CPU time this process (bot, local server and benchmark; every thread, Postgres not included)
 * spent on a run, the p50: what a run costs whatever else the machine is doing. The phases are those the bot
 * publishes (src/app/phase-timing.ts): defer, query, score, chart, workbook, files (chart and workbook,
 * built side by side), reply (the upload). The scratch database and the local
 * stack are removed however the run ends (see support/cleanup.ts).
 *
 *   npm run bench:ranking-show [-- --runs 50]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { onPhase } from '../src/app/phase-timing.js';
import { setupWorkspace } from '../src/app/setup-workspace.js';
import { ensureWorkspace } from '../src/db/repositories/workspace.repository.js';
import { createLogger } from '../src/logger.js';
import { startLocalStack } from '../src/sandbox/local-stack.js';
import { runBenchmark } from './support/cleanup.js';
import { benchWorkspaceShape as shape, seedBenchWorkspace } from './support/seed-workspace.js';
import { openScratchDatabase } from './support/scratch-database.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' }, warmup: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const REPLY_TIMEOUT_MS = 60_000;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const round = (value: number) => Math.round(value * 10) / 10;

runBenchmark('bench:ranking-show', async (cleanup) => {
  const storage = await openScratchDatabase(cleanup);
  const stack = await startLocalStack({ db: storage.db, logger: createLogger('silent') });
  cleanup.add('close the local stack', () => stack.close());
  const workspace = await ensureWorkspace(storage.db, stack.world.guild.id, stack.world.guild.name);
  await setupWorkspace(stack.app, { workspaceId: workspace.id, actorId: 'bench', leaderRoleId: stack.world.roles.leaders.id, regionName: '压测区' });
  const seedStarted = performance.now();
  const { reports } = await seedBenchWorkspace(storage.db, shape, { workspaceId: workspace.id });
  process.stderr.write(`seeded ${reports} reports in ${Math.round(performance.now() - seedStarted)} ms\n`);

  let phases = new Map<string, number>();
  cleanup.add(
    'stop listening to phase timings',
    onPhase(({ name, ms }) => phases.set(name, ms)),
  );
  const userId = stack.world.people.leader.user.id;
  const channelId = stack.world.channels.general.id;
  const showOnce = async () => {
    phases = new Map();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const handle = stack.lc.runSlashCommand({ userId, channelId, name: 'ranking show', options: { year: shape.year, quarter: 2 } });
    const reply = await handle.waitForReply(REPLY_TIMEOUT_MS);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const names = reply.attachments.map((a) => a.filename);
    if (!names.some((n) => n.endsWith('.png')) || !names.some((n) => n.endsWith('.xlsx'))) {
      throw new Error(`the reply lacks the chart or the workbook: ${names.join(', ') || 'no attachments'}; ${reply.content}`);
    }
    const sizes = reply.attachments.map((a) => `${a.filename} ${Math.round(a.size / 1024)} KB`).join(', ');
    return { ms, cpuMs: (used.user + used.system) / 1000, phases, sizes };
  };

  for (let i = 0; i < warmup; i += 1) await showOnce(); // JIT, the pool, the chart font
  const results: Awaited<ReturnType<typeof showOnce>>[] = [];
  for (let i = 0; i < runs; i += 1) {
    const result = await showOnce();
    results.push(result);
    process.stderr.write(`run ${i + 1}: ${Math.round(result.ms)} ms (${[...result.phases].map(([n, v]) => `${n} ${Math.round(v)}`).join(', ')})\n`);
  }
  const totals = results.map((r) => r.ms);
  const phaseNames = [...new Set(results.flatMap((r) => [...r.phases.keys()]))];
  const phaseP50 = Object.fromEntries(
    phaseNames.map((name) => [
      name,
      round(
        percentile(
          results.map((r) => r.phases.get(name) ?? 0),
          50,
        ),
      ),
    ]),
  );
  process.stderr.write(`attachments: ${results[0]?.sizes ?? ''}\n`);
  process.stdout.write(
    `${JSON.stringify({
      units: shape.departments + shape.townships,
      tasks: shape.tasks,
      reports,
      runs,
      p50: round(percentile(totals, 50)),
      p99: round(percentile(totals, 99)),
      cpuMs: round(
        percentile(
          results.map((r) => r.cpuMs),
          50,
        ),
      ),
      phases: phaseP50,
    })}\n`,
  );
});
