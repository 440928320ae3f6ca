import { Client, GatewayIntentBits, Partials, type Message } from 'discord.js';
import { GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalcord, type Localcord } from '../src/index.js';
import { connectRawGateway, createPlace, useHarness, waitForGuild, type Place } from './helpers.js';

describe('the gateway with the real discord.js client', () => {
  const harness = useHarness({ prepare: (lc) => createPlace(lc, 'before-login') });

  it('delivers READY and one GUILD_CREATE per guild with channels, roles and members', () => {
    const { lc, client } = harness();
    expect(client.user?.id).toBe(lc.botUserId);
    expect(client.application?.id).toBe(lc.applicationId);
    const guild = client.guilds.cache.find((candidate) => candidate.name === 'before-login');
    expect(guild?.channels.cache.map((channel) => channel.name).sort()).toEqual(['before-login-work', 'general']);
    expect(guild?.members.me?.roles.cache.some((role) => role.managed)).toBe(true);
    expect(guild?.members.cache.map((member) => member.user.username)).toContain('before-login-member');
    expect(guild?.roles.everyone.id).toBe(guild?.id);
  });

  it('announces guilds, channels and members created after login', async () => {
    const { lc, client } = harness();
    const created = new Promise<string>((resolve) => client.once('guildCreate', (guild) => resolve(guild.name)));
    const place = createPlace(lc, 'after-login');
    expect(await created).toBe('after-login');
    const joined = new Promise<string>((resolve) => client.once('guildMemberAdd', (member) => resolve(member.user.username)));
    const newcomer = lc.createUser({ username: 'newcomer' });
    lc.addMember(place.guild.id, newcomer.id);
    expect(await joined).toBe('newcomer');
    const role = lc.createRole(place.guild.id, { name: '联络员' });
    const updated = new Promise<string[]>((resolve) => client.once('guildMemberUpdate', (_, member) => resolve(member.roles.cache.map((r) => r.name))));
    lc.addMember(place.guild.id, newcomer.id, { roles: [role.id] });
    expect(await updated).toContain('联络员');
  });

  it('answers the REST and gateway reads discord.js makes for guilds', async () => {
    const { client } = harness();
    const guild = client.guilds.cache.find((candidate) => candidate.name === 'before-login')!;
    const members = await guild.members.fetch();
    expect(members.map((member) => member.user.username).sort()).toEqual(['before-login-member', 'before-login-owner', 'duban']);
    const one = await guild.members.fetch({ user: guild.ownerId, force: true });
    expect(one.user.username).toBe('before-login-owner');
    expect((await guild.roles.fetch()).map((role) => role.name).sort()).toEqual(['@everyone', 'duban']);
    expect((await guild.channels.fetch()).size).toBe(2);
    expect((await client.guilds.fetch({ guild: guild.id, force: true })).name).toBe('before-login');
  });

  it('resumes after a dropped connection and replays what it missed', async () => {
    const { lc, client } = harness();
    const place = createPlace(lc, 'resume');
    await waitForGuild(client, place.guild.id);
    const resumed = new Promise<void>((resolve) => client.once('shardResume', () => resolve()));
    const received: string[] = [];
    client.on('messageCreate', (message) => {
      if (message.channelId === place.channel.id) received.push(message.content);
    });
    lc.dropGatewayConnections();
    lc.sendMessage({ channelId: place.channel.id, userId: place.member.id, content: 'sent while disconnected' });
    await resumed;
    lc.sendMessage({ channelId: place.channel.id, userId: place.member.id, content: 'sent after resuming' });
    await expect.poll(() => received).toEqual(['sent while disconnected', 'sent after resuming']);
    expect(lc.requests.count({ route: '/gateway/bot' })).toBe(1);
  });
});

describe('intents', () => {
  let lc: Localcord;
  let place: Place;
  const clients: Client[] = [];

  const login = async (intents: GatewayIntentBits[]) => {
    const client = new Client({ intents, partials: [Partials.Channel], rest: { api: lc.apiBase } });
    clients.push(client);
    const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
    await client.login(lc.botToken);
    await ready;
    return client;
  };

  beforeAll(async () => {
    lc = await startLocalcord();
    place = createPlace(lc, 'intents');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.destroy()));
    await lc.close();
  });

  it('strips message content without MessageContent, unless the bot is mentioned', async () => {
    const client = await login([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const messages: Message[] = [];
    client.on('messageCreate', (message) => messages.push(message));
    lc.sendMessage({ channelId: place.channel.id, userId: place.member.id, content: 'secret', attachments: [{ filename: 'a.txt', bytes: 'a' }] });
    lc.sendMessage({ channelId: place.channel.id, userId: place.member.id, content: `<@${lc.botUserId}> hello` });
    await expect.poll(() => messages.length).toBe(2);
    expect(messages[0]?.content).toBe('');
    expect(messages[0]?.attachments.size).toBe(0);
    expect(messages[1]?.content).toBe(`<@${lc.botUserId}> hello`);
  });

  it('sends no guild messages without GuildMessages', async () => {
    const client = await login([GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages]);
    const seen: string[] = [];
    client.on('messageCreate', (message) => seen.push(message.content));
    lc.sendMessage({ channelId: place.channel.id, userId: place.member.id, content: 'guild' });
    lc.sendDm({ userId: place.member.id, content: 'dm' });
    await expect.poll(() => seen).toEqual(['dm']);
  });

  it('refuses a wrong token before the gateway', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: lc.apiBase } });
    clients.push(client);
    await expect(client.login('not-the-token')).rejects.toThrow();
  });
});

describe('the gateway protocol, raw', () => {
  let lc: Localcord;

  beforeAll(async () => {
    lc = await startLocalcord();
    createPlace(lc, 'raw');
  });
  afterAll(() => lc.close());

  const connect = () => connectRawGateway(lc);

  it('acknowledges heartbeats, numbers dispatches and replays them on RESUME', async () => {
    const first = await connect();
    first.socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: lc.botToken, intents: 1 << 9, properties: {} } }));
    await expect.poll(() => first.frames.map((frame) => frame.t)).toEqual([undefined, GatewayDispatchEvents.Ready]);
    first.socket.send(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: 1 }));
    await expect.poll(() => first.frames.at(-1)?.op).toBe(GatewayOpcodes.HeartbeatAck);
    const sessionId = first.frames[1]?.d?.session_id;

    const place = createPlace(lc, 'raw-resume');
    lc.sendMessage({ channelId: place.channel.id, userId: place.member.id, content: 'one' });
    await expect.poll(() => first.frames.filter((frame) => frame.t === GatewayDispatchEvents.MessageCreate).length).toBe(1);
    const lastSeen = first.frames.at(-1)?.s ?? 0;
    first.socket.terminate();
    lc.sendMessage({ channelId: place.channel.id, userId: place.member.id, content: 'two' });

    const second = await connect();
    second.socket.send(JSON.stringify({ op: GatewayOpcodes.Resume, d: { token: lc.botToken, session_id: sessionId, seq: lastSeen } }));
    await expect.poll(() => second.frames.map((frame) => frame.t)).toEqual([undefined, GatewayDispatchEvents.MessageCreate, GatewayDispatchEvents.Resumed]);
    expect(second.frames[1]?.s).toBe(lastSeen + 1);
    second.socket.close(1000);
  });

  it('closes with 4004 for a wrong token and answers an unknown session with op 9', async () => {
    const wrong = await connect();
    wrong.socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: 'nope', intents: 0, properties: {} } }));
    expect(await wrong.closed).toBe(4004);
    const unknown = await connect();
    unknown.socket.send(JSON.stringify({ op: GatewayOpcodes.Resume, d: { token: lc.botToken, session_id: 'gone', seq: 3 } }));
    await expect.poll(() => unknown.frames.at(-1)).toEqual({ op: GatewayOpcodes.InvalidSession, d: false });
    unknown.socket.close(1000);
  });
});
