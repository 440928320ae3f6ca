import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { StartupError } from './errors.js';
import type { runSandbox as RunSandboxFn } from './sandbox/run-sandbox.js';
import { MigrationError } from './db/migrate.js';
import { createLogger } from './logger.js';
import { describeError } from './redact.js';
import { compose } from './compose.js';
import { startBotOps } from './ops/start-ops.js';
import { openServices } from './services.js';
import { Shutdown } from './shutdown.js';
import { ledgerOptionsFor } from './web/ledger/ledger-config.js';

/**
 * `npm start` without a token opens the sandbox only on a machine with nothing configured. Where
 * DATABASE_URL or REDIS_URL is set this is a deployment whose token is missing: say so, rather than
 * start something that is not the bot.
 */
function refuseSandboxOnDeployment(config: Config): void {
  const configured = [config.databaseUrl ? 'DATABASE_URL' : null, config.redisUrlIsDefault ? null : 'REDIS_URL'].filter((name) => name !== null);
  if (configured.length === 0) return;
  throw new StartupError(
    [
      `DISCORD_TOKEN is not set, so the bot cannot connect to Discord.`,
      `${configured.join(' and ')} ${configured.length > 1 ? 'are' : 'is'} configured, so this is a deployment, not a fresh machine: duban will not open the sandbox here.`,
      'Set DISCORD_TOKEN (see .env.example) to run the bot, or run `npm run sandbox` to try duban on its own data under DATA_DIR/sandbox (it never touches the configured database or Redis).',
    ].join('\n'),
  );
}

/**
 * The sandbox and the local Discord-compatible server it runs on (packages/localcord, a dev dependency)
 * load only here, so a production start neither loads them nor needs them installed.
 */
type RunSandbox = typeof RunSandboxFn;

async function openSandbox(config: Config): Promise<void> {
  let runSandbox: RunSandbox;
  try {
    ({ runSandbox } = await import('./sandbox/run-sandbox.js'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new StartupError(
      'The sandbox needs the local Discord-compatible server (packages/localcord), which a production install (npm ci --omit=dev) leaves out. Run `npm ci` in a clone of the repository to try duban, or set DISCORD_TOKEN to run the bot.',
    );
  }
  await runSandbox(config);
}

/** The bot process: `npm start`. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  // `npm run sandbox` runs the sandbox whatever is configured: it never uses the configured database or Redis.
  const sandboxAsked = process.argv.slice(2).includes('--sandbox');
  if (sandboxAsked || !config.discordToken) {
    if (!sandboxAsked) refuseSandboxOnDeployment(config);
    // No Discord to talk to on a fresh machine: let a person try everything against the local server instead.
    await openSandbox(config);
    return;
  }
  const logger = createLogger(config.logLevel);
  const shutdown = new Shutdown(logger);
  shutdown.listen();
  try {
    const services = await openServices(config, logger, shutdown);
    // Up before the gateway, so /healthz can say the bot is still connecting.
    const ops = await startBotOps(config, { db: services.storage.db, redis: services.redis.endpoint, logger, shutdown });
    const ledger = await ledgerOptionsFor(config, 'bot');
    const runtime = await compose({
      db: services.storage.db,
      redis: services.redis.endpoint,
      logger,
      shutdown,
      discord: { token: config.discordToken, apiBase: config.discordApiBase, shards: config.discordShards },
      timeZone: config.timeZone,
      workers: config.workersInProcess,
      planOnStart: true,
      gateway: true,
      ...(ledger ? { ledger } : {}),
    });
    if (runtime.client) ops.attachClient(runtime.client);
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
