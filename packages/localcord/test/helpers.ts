import { Client, GatewayIntentBits, Partials, type ClientOptions, type Interaction } from 'discord.js';
import { GatewayOpcodes } from 'discord-api-types/v10';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startLocalcord, type LocalChannel, type LocalGuild, type LocalUser, type Localcord, type LocalcordOptions, type NewGuild } from '../src/index.js';

export interface Harness {
  lc: Localcord;
  client: Client;
  /** Errors from the client's 'error' event and from test handlers; each test expects none. */
  errors: unknown[];
  /** Runs `handler` for every interaction until the test ends; its errors land in `errors`. */
  onInteraction(handler: (interaction: Interaction) => Promise<void>): void;
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
  options: { server?: LocalcordOptions; client?: Partial<ClientOptions>; prepare?: (lc: Localcord) => void } = {},
): Promise<Harness> {
  const lc = await startLocalcord(options.server);
  options.prepare?.(lc);
  const client = new Client({ intents: ALL_TEST_INTENTS, partials: [Partials.Channel], rest: { api: lc.apiBase }, ...options.client });
  const errors: unknown[] = [];
  client.on('error', (error) => errors.push(error));
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(lc.botToken);
  await ready;
  return {
    lc,
    client,
    errors,
    onInteraction(handler) {
      client.on('interactionCreate', (interaction) => {
        handler(interaction).catch((error: unknown) => errors.push(error));
      });
    },
    async stop() {
      await client.destroy();
      await lc.close();
    },
  };
}

/** One harness per test file, a fresh set of interaction handlers per test, and no stray rejections. */
export function useHarness(options: Parameters<typeof startHarness>[0] = {}): () => Harness {
  let harness: Harness | undefined;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    harness = await startHarness(options);
  });
  afterEach(() => {
    harness?.client.removeAllListeners('interactionCreate');
    harness?.client.removeAllListeners('messageCreate');
    const errors = harness ? harness.errors.splice(0) : [];
    expect(errors, 'errors raised in discord.js handlers').toEqual([]);
    expect(rejections.splice(0), 'unhandled rejections').toEqual([]);
    expect(harness?.lc.serverErrors.splice(0) ?? [], 'errors inside localcord').toEqual([]);
  });
  afterAll(async () => {
    await harness?.stop();
    process.off('unhandledRejection', onRejection);
  });
  return () => {
    if (!harness) throw new Error('the harness starts in beforeAll');
    return harness;
  };
}

export interface Place {
  guild: LocalGuild;
  channel: LocalChannel;
  member: LocalUser;
}

/** A guild with a fresh text channel and a plain member, for tests that need somewhere to act. */
export function createPlace(lc: Localcord, name = 'place', guildOptions: Omit<NewGuild, 'name'> = {}): Place {
  const guild = lc.createGuild({ name, ...guildOptions });
  const channel = lc.createChannel(guild.id, { name: `${name}-work` });
  const member = lc.createUser({ username: `${name}-member` });
  lc.addMember(guild.id, member.id);
  return { guild, channel, member };
}

/** Waits until discord.js has cached a guild created after login (GUILD_CREATE arrived). */
export async function waitForGuild(client: Client, guildId: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && !client.guilds.cache.has(guildId); attempt += 1) await sleep(5);
  if (!client.guilds.cache.has(guildId)) throw new Error(`guild ${guildId} never reached discord.js`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A raw REST call as the bot, bypassing discord.js's queue (to see exactly what the server answers). */
export async function rawFetch(lc: Localcord, method: string, path: string, body?: unknown, auth = true): Promise<Response> {
  return fetch(`${lc.apiBase}/v10${path}`, {
    method,
    headers: { ...(auth ? { authorization: `Bot ${lc.botToken}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A gateway frame as a raw socket receives it, with the fields the protocol tests read. */
export interface RawFrame {
  op: number;
  t?: string;
  s?: number;
  d?: { session_id?: string; guild_id?: string; guilds?: { id: string }[]; shard?: [number, number] } | null;
}

/** A raw WebSocket on the gateway, past HELLO: every frame it receives, and the close code once it closes. */
export async function connectRawGateway(lc: Localcord): Promise<{ socket: WebSocket; frames: RawFrame[]; closed: Promise<number> }> {
  const socket = new WebSocket(`${lc.gatewayUrl}?v=10&encoding=json`);
  const frames: RawFrame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as RawFrame));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  await expect.poll(() => frames[0]?.op).toBe(GatewayOpcodes.Hello);
  return { socket, frames, closed };
}
