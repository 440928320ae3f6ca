import { Client, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import { startLocalcord, type Localcord, type LocalcordOptions } from '../../src/localcord/index.js';

export interface Harness {
  lc: Localcord;
  client: Client;
  stop(): Promise<void>;
}

export const ALL_TEST_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
];

/** Starts the server and logs a real discord.js client in; `prepare` shapes the world before login. */
export async function startHarness(
  options: {
    server?: LocalcordOptions;
    client?: Partial<ClientOptions>;
    prepare?: (lc: Localcord) => void;
  } = {},
): Promise<Harness> {
  const lc = await startLocalcord(options.server);
  options.prepare?.(lc);
  const client = new Client({
    intents: ALL_TEST_INTENTS,
    partials: [Partials.Channel],
    rest: { api: lc.apiBase },
    ...options.client,
  });
  // A handler that throws becomes an 'error' event: let it fail the test instead of the process.
  client.on('error', (error) => {
    throw error;
  });
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(lc.botToken);
  await ready;
  return {
    lc,
    client,
    async stop() {
      await client.destroy();
      await lc.close();
    },
  };
}
