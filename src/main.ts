import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { StartupError } from './errors.js';
import { MigrationError } from './db/migrate.js';
import { createLogger } from './logger.js';
import { describeError } from './redact.js';
import { startRuntime } from './runtime.js';
import { runSandbox } from './sandbox/run-sandbox.js';
import { startBotOps } from './ops/start-ops.js';
import { openServices } from './services.js';
import { Shutdown } from './shutdown.js';

/** The bot process: `npm start`. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (!config.discordToken) {
    // No Discord to talk to: let a person try everything against the local server instead.
    await runSandbox(config);
    return;
  }
  const logger = createLogger(config.logLevel);
  const shutdown = new Shutdown(logger);
  shutdown.listen();
  try {
    const services = await openServices(config, logger, shutdown);
    // Up before the gateway, so /healthz can say the bot is still connecting.
    const ops = await startBotOps(config, { db: services.storage.db, redis: services.redis.endpoint, logger, shutdown });
    const runtime = await startRuntime({
      db: services.storage.db,
      redis: services.redis.endpoint,
      logger,
      shutdown,
      discord: { token: config.discordToken, apiBase: config.discordApiBase, shards: config.discordShards },
      timeZone: config.timeZone,
      workersInProcess: config.workersInProcess,
    });
    ops.attachClient(runtime.client);
    if (runtime.queue) ops.attachQueues(runtime.queue);
  } catch (error) {
    await shutdown.run('startup failed');
    throw error;
  }
  logger.info('duban started');
}

main().catch((error: unknown) => {
  // Masked: a driver's message may quote a connection string or a credential.
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof MigrationError) {
    process.stderr.write(`${describeError(error, false)}\n`);
  } else {
    process.stderr.write(`duban failed to start: ${describeError(error, true)}\n`);
  }
  process.exit(1);
});
