/**
 * npm run bench:ranking — one quarter's ranking, with every score's breakdown and the per-task
 * ledger, for 500 units, 1,000 tasks and four quarters of reports on a scratch Postgres database.
 * Prints one JSON line {"units","tasks","reports","ms","queryMs","scoreMs"} on stdout (medians of warm
 * runs: the whole rankQuarter, its reads, and the scoring and report built from them); details go to
 * stderr. Target: under 50 ms. The scratch database is dropped however the run ends.
 */
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../src/app/context.js';
import { createAppContext } from '../src/app-context.js';
import { onPhase } from '../src/app/phase-timing.js';
import { rankQuarter } from '../src/app/ranking/index.js';
import { createLogger } from '../src/logger.js';
import { runBenchmark, type Cleanup } from './support/cleanup.js';
import { openScratchDatabase } from './support/scratch-database.js';
import { benchWorkspaceShape as shape, seedBenchWorkspace } from './support/seed-workspace.js';

const warmRuns = 11;
const year = shape.year;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(cleanup: Cleanup): Promise<void> {
  const storage = await openScratchDatabase(cleanup);
  const seedStarted = performance.now();
  const { workspaceId, reports } = await seedBenchWorkspace(storage.db, shape);
  process.stderr.write(`seeded ${reports} reports in ${Math.round(performance.now() - seedStarted)} ms\n`);

  const ctx: AppContext = createAppContext({ db: storage.db, logger: createLogger('silent'), timeZone: 'Asia/Shanghai' });
  const phases = new Map<string, number>();
  const stopListening = onPhase(({ name, ms }) => phases.set(name, ms));
  cleanup.add('stop listening to phase timings', stopListening);
  const rankOnce = async () => {
    phases.clear();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await rankQuarter(ctx, { workspaceId, year, quarter: 2 });
    const used = process.cpuUsage(cpu);
    return {
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      queryMs: phases.get('ranking.query') ?? Number.NaN,
      scoreMs: phases.get('ranking.score') ?? Number.NaN,
      report,
    };
  };
  const cold = await rankOnce();
  const warm: Awaited<ReturnType<typeof rankOnce>>[] = [];
  for (let i = 0; i < warmRuns; i += 1) warm.push(await rankOnce());
  const { report } = cold;
  const ms = warm.map((run) => run.ms);
  // This process's CPU time shows the cost without the noise of other work on the machine (Postgres's share is not in it).
  process.stderr.write(
    `cold ${Math.round(cold.ms)} ms; warm ${ms.map((v) => Math.round(v)).join(', ')} ms (median Node CPU ${Math.round(median(warm.map((r) => r.cpuMs)))} ms); ` +
      `${report.totals.ranked} units ranked, ${report.tasks.length} ledger lines, ${report.units.reduce((n, u) => n + u.breakdown.length, 0)} score items\n`,
  );
  const round = (value: number) => Math.round(value * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({
      units: shape.departments + shape.townships,
      tasks: shape.tasks,
      reports,
      ms: round(median(ms)),
      queryMs: round(median(warm.map((run) => run.queryMs))),
      scoreMs: round(median(warm.map((run) => run.scoreMs))),
    })}\n`,
  );
}

runBenchmark('bench:ranking', main);
