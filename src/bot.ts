import { Events, type Client } from 'discord.js';
import type { AppContext } from './app/context.js';
import { createDiscordClient, type ShardSetting } from './discord/client.js';
import { InFlight } from './discord/in-flight.js';
import { createInteractionRouter } from './discord/interaction-router.js';
import { opsMetrics } from './ops/metrics.js';
import type { SendGate } from './ports.js';
import { createProgressReplyHandler } from './discord/progress-replies.js';
import type { SlashCommand } from './discord/slash-command.js';
import type { Logger } from './logger.js';
import type { Shutdown } from './shutdown.js';

export interface BotOptions {
  token: string;
  apiBase: string | undefined;
  /** Gateway shards, all held by this process; 'auto' (the default) asks Discord how many. */
  shards?: ShardSetting;
  app: AppContext;
  commands: readonly SlashCommand[];
  logger: Logger;
  shutdown: Shutdown;
  /** The deployment's shared rate limit; every REST call outside interaction callbacks passes it. */
  gate?: SendGate;
}

export interface RunningBot {
  client: Client;
  /** The interactions and chat replies still being handled. */
  inFlight: InFlight;
}

/** How long shutdown lets handlers that are already running finish before the gateway goes. */
const FINISH_IN_FLIGHT_MS = 4_000;

/** Connects the gateway and routes interactions and progress replies; resolves once every shard is ready. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  // Message intents: liaisons may answer a reminder by replying to it in chat.
  const client = createDiscordClient({
    apiBase: options.apiBase,
    messageIntents: true,
    ...(options.gate ? { gate: options.gate } : {}),
    ...(options.shards === undefined ? {} : { shards: options.shards }),
  });
  const route = createInteractionRouter(options.commands, options.app, opsMetrics.routerHooks());
  const onReply = createProgressReplyHandler(options.app, opsMetrics.routerHooks());
  // clientReady waits for every shard; shardReady says which ones are up meanwhile.
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  // Listeners go on before login: clientReady can fire before login() resolves.
  // Guild interactions and DM buttons (a reminder sent to a liaison) alike: the router finds the workspace.
  const inFlight = new InFlight();
  client.on(Events.InteractionCreate, (interaction) => inFlight.track(route(interaction)));
  client.on(Events.MessageCreate, (message) =>
    inFlight.track(onReply(message).catch((error: unknown) => options.logger.error({ err: error }, 'progress reply handler failed'))),
  );
  client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => options.logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardReady, (shard, unavailable) => options.logger.info({ shard, unavailableGuilds: unavailable?.size ?? 0 }, 'gateway shard ready'));
  client.on(Events.ShardDisconnect, (event, shard) => options.logger.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard) => options.logger.info({ shard }, 'gateway resumed'));
  options.shutdown.add('discord', () => client.destroy());
  // Added after the gateway, so it runs before it: answers already being written get finished first.
  options.shutdown.add('interactions in flight', () =>
    Promise.race([inFlight.idle(), new Promise<void>((resolve) => setTimeout(resolve, FINISH_IN_FLIGHT_MS).unref())]),
  );
  await client.login(options.token);
  await ready;
  options.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size }, 'discord ready');
  return { client, inFlight };
}
