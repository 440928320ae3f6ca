/**
 * npm run bench:interactions — the time from an interaction arriving at the local Discord-compatible
 * server to the bot's acknowledgement, over 1,000 /task commands. Prints one JSON line. The scratch
 * database is dropped however the run ends (see support/cleanup.ts).
 */
import { parseArgs } from 'node:util';
import { setupWorkspace } from '../src/app/setup-workspace.js';
import { importNotice } from '../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../src/app/notices/prepare-notice-import.js';
import { ensureWorkspace } from '../src/db/repositories/workspace.repository.js';
import { createLogger } from '../src/logger.js';
import { startLocalStack } from '../src/sandbox/local-stack.js';
import { runBenchmark } from './support/cleanup.js';
import { openScratchDatabase } from './support/scratch-database.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000' }, tasks: { type: 'string', default: '200' } } });
const n = Number(values.n);
const taskCount = Number(values.tasks);

function generatedNotice(tasks: number): string {
  const lines = ['清河区2026年法治政府建设工作要点', '一、依法行政'];
  for (let i = 1; i <= tasks; i++) lines.push(`${i}. 推进第${i}项依法行政工作，年内完成率达到90%以上。（区司法局、区发改局、城关镇负责）`);
  return lines.join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

runBenchmark('bench:interactions', async (cleanup) => {
  const storage = await openScratchDatabase(cleanup);
  const stack = await startLocalStack({ db: storage.db, logger: createLogger('silent') });
  cleanup.add('close the local stack', () => stack.close());
  const workspace = await ensureWorkspace(storage.db, stack.world.guild.id, stack.world.guild.name);
  await setupWorkspace(stack.app, { workspaceId: workspace.id, actorId: 'bench', coordinatorRoleId: stack.world.roles.coordinators.id });
  const prepared = await prepareNoticeImport(stack.app, {
    workspaceId: workspace.id,
    actorId: 'bench',
    text: generatedNotice(taskCount),
    sourceKind: 'text',
    sourceName: null,
  });
  await importNotice(stack.app, { workspaceId: workspace.id, actorId: 'bench', draftId: prepared.draftId });

  const userId = stack.world.people.coordinator.user.id;
  const channelId = stack.world.channels.general.id;
  const run = async (i: number) => {
    const handle = stack.lc.runSlashCommand({ userId, channelId, name: 'task show', options: { number: String((i % taskCount) + 1) } });
    await handle.waitForReply(10_000);
    return handle.acknowledgedAfterMs ?? Number.POSITIVE_INFINITY;
  };
  for (let i = 0; i < 20; i++) await run(i); // warm-up: JIT, connection pool, caches
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) latencies.push(await run(i));
  latencies.sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ n, p50: percentile(latencies, 50), p99: percentile(latencies, 99) })}\n`);
});
