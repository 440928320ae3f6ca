import { z } from 'zod';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { compose } from './compose.js';
import { MigrationError } from './db/migrate.js';
import { StartupError } from './errors.js';
import { createLogger } from './logger.js';
import { describeError } from './redact.js';
import { startWorkerOps } from './ops/start-ops.js';
import { describeEndpoint } from './queue/redis-endpoint.js';
import { lowerProcessPriority } from './process-priority.js';
import { openServices } from './services.js';
import { Shutdown } from './shutdown.js';
import { ledgerOptionsFor } from './web/ledger/ledger-config.js';

/**
 * `npm run worker -- [--prefix duban] [--concurrency 16] [--lock-ms 15000]`: the prefix must match the
 * bot's (default duban). --lock-ms is how soon a dead worker's jobs are taken over (and the delivery lease).
 */
const argsSchema = z.object({
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, '--prefix takes letters, digits, "_", "." and "-"')
    .optional(),
  concurrency: z.coerce.number().int().min(1).max(200).optional(),
  'lock-ms': z.coerce.number().int().min(1_000).max(600_000).optional(),
});

function readArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i] ?? '');
    if (!match?.[1]) throw new StartupError(`Unknown argument ${argv[i]}. Usage: npm run worker -- [--prefix NAME] [--concurrency N] [--lock-ms MS]`);
    raw[match[1]] = match[2] ?? argv[(i += 1)] ?? '';
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new StartupError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

/**
 * A job process: REST only (no gateway), any number of them beside the bot. They share the bot's
 * PostgreSQL and Redis, so the embedded database cannot be used here.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const args = readArgs(process.argv.slice(2));
  if (!config.discordToken) throw new StartupError('DISCORD_TOKEN is not set: the worker sends reminders with the bot token. Set it as for `npm start`.');
  if (!config.databaseUrl) {
    throw new StartupError(
      [
        'npm run worker needs DATABASE_URL (a PostgreSQL server shared with the bot).',
        'Without it duban uses the embedded database (PGlite), which only one process — the bot — can open.',
        'Either set DATABASE_URL for both the bot and the workers, or run the workers inside the bot (WORKERS_IN_PROCESS=true, the default).',
      ].join('\n'),
    );
  }
  const logger = createLogger(config.logLevel);
  lowerProcessPriority(config.workerNiceness, logger);
  const shutdown = new Shutdown(logger);
  shutdown.listen();
  try {
    const ledger = await ledgerOptionsFor(config, 'worker');
    const { storage, redis } = await openServices(config, logger, shutdown, { ...(args.prefix ? { queuePrefix: args.prefix } : {}) });
    const { queue, ledger: ledgerServer } = await compose({
      db: storage.db,
      redis: redis.endpoint,
      ...(args.prefix ? { queuePrefix: args.prefix } : {}),
      logger,
      shutdown,
      timeZone: config.timeZone,
      discord: { token: config.discordToken, apiBase: config.discordApiBase },
      workers: true,
      ...(ledger ? { ledger } : {}),
      workerTuning: {
        ...(args.concurrency ? { deliveryConcurrency: args.concurrency } : {}),
        ...(args['lock-ms'] ? { lockDurationMs: args['lock-ms'], stalledIntervalMs: Math.min(5_000, Math.max(500, Math.floor(args['lock-ms'] / 2))) } : {}),
      },
    });
    if (!queue) throw new Error('a worker runs on a queue');
    const ops = await startWorkerOps(config, { db: storage.db, redis: redis.endpoint, logger, shutdown, queue });
    logger.info(
      { redis: describeEndpoint(redis.endpoint), prefix: queue.queues.prefix, pid: process.pid, ops: ops?.url ?? null, ledger: ledgerServer?.url ?? null },
      'worker ready',
    );
    // The parent of a child worker (tests, the fan-out bench) waits for this line; when that parent is
    // gone (even SIGKILLed) the IPC channel closes, and the worker stops rather than run on unowned.
    if (process.send) {
      process.send({ ready: true });
      process.once('disconnect', () => void shutdown.run('parent gone').then(() => process.exit(process.exitCode ?? 0)));
    }
  } catch (error) {
    await shutdown.run('startup failed');
    throw error;
  }
}

main().catch((error: unknown) => {
  // Masked: a driver's message may quote a connection string or a credential.
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof MigrationError)
    process.stderr.write(`${describeError(error, false)}\n`);
  else process.stderr.write(`duban worker failed to start: ${describeError(error, true)}\n`);
  process.exit(1);
});
