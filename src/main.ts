import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { StartupError } from './errors.js';
import { MigrationError } from './db/migrate.js';
import { createLogger } from './logger.js';
import { startRuntime } from './runtime.js';
import { openServices } from './services.js';
import { Shutdown } from './shutdown.js';

/** The bot process: `npm start`. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.discordToken) {
    process.stderr.write(
      [
        'DISCORD_TOKEN is not set, so duban cannot connect to Discord.',
        'Set DISCORD_TOKEN (the bot token from the Discord developer portal) and DISCORD_APPLICATION_ID in the environment or in .env; see .env.example.',
        '',
      ].join('\n'),
    );
    process.exitCode = 1;
    return;
  }
  const shutdown = new Shutdown(logger);
  shutdown.listen();
  try {
    const services = await openServices(config, logger, shutdown);
    await startRuntime({
      db: services.storage.db,
      redis: services.redis.endpoint,
      logger,
      shutdown,
      discord: { token: config.discordToken, apiBase: config.discordApiBase },
      timeZone: config.timeZone,
    });
  } catch (error) {
    await shutdown.run('startup failed');
    throw error;
  }
  logger.info('duban started');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof MigrationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`duban failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
