import { Events, MessageFlags } from 'discord.js';
import { GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalcord, type Localcord } from '../src/index.js';
import { connectRawGateway, createPlace, rawFetch, useHarness, type Place } from './helpers.js';

/** Discord's rule, written out here rather than imported, so the test checks the server against it. */
const expectedShard = (guildId: string | undefined, shardCount: number) => (guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(shardCount)));

const identify = (lc: Localcord, shard?: unknown) =>
  JSON.stringify({
    op: GatewayOpcodes.Identify,
    d: { token: lc.botToken, intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages, properties: {}, ...(shard === undefined ? {} : { shard }) },
  });

describe('GET /gateway/bot', () => {
  it('recommends one shard and one identify at a time unless told otherwise', async () => {
    const plain = await startLocalcord();
    const sharded = await startLocalcord({ recommendedShards: 3, maxConcurrency: 16 });
    try {
      const body = async (lc: Localcord) =>
        (await (await rawFetch(lc, 'GET', '/gateway/bot')).json()) as { shards: number; session_start_limit: { max_concurrency: number } };
      expect(await body(plain)).toMatchObject({ shards: 1, session_start_limit: { max_concurrency: 1 } });
      expect(await body(sharded)).toMatchObject({ shards: 3, session_start_limit: { max_concurrency: 16 } });
    } finally {
      await plain.close();
      await sharded.close();
    }
  });

  it('refuses a shard count that is not a positive whole number', async () => {
    await expect(startLocalcord({ recommendedShards: 0 })).rejects.toThrow(/recommendedShards/);
  });
});

describe('a discord.js client on two shards', () => {
  const places: Place[] = [];
  const harness = useHarness({
    server: { recommendedShards: 2, maxConcurrency: 2 },
    client: { shards: 'auto' },
    prepare: (lc) => {
      // Guilds made within one millisecond share a shard: these are placed apart on purpose, and one is left to the clock.
      places.push(createPlace(lc, 'on-zero', { shard: [0, 2] }), createPlace(lc, 'on-one', { shard: [1, 2] }));
      lc.createGuild({ name: 'unplaced' });
    },
  });

  it("connects with the server's recommended count and receives each guild on the shard the rule names", () => {
    const { client } = harness();
    expect([...client.ws.shards.keys()].sort()).toEqual([0, 1]);
    expect(client.options.shardCount).toBe(2);
    const placements = client.guilds.cache.map((guild) => [guild.name, guild.shardId, expectedShard(guild.id, 2)]);
    expect(placements).toHaveLength(3);
    for (const [, received, expected] of placements) expect(received).toBe(expected);
    expect(client.guilds.cache.find((guild) => guild.name === 'on-zero')?.shardId).toBe(0);
    expect(client.guilds.cache.find((guild) => guild.name === 'on-one')?.shardId).toBe(1);
  });

  it('sends every guild event once, on the shard that owns the guild, and DMs on shard 0', async () => {
    const { lc, client, onInteraction } = harness();
    const seen: { t: string; guildId: string | undefined; shardId: number }[] = [];
    client.on(Events.Raw, (packet: { t?: string; d?: { id?: string; guild_id?: string } }, shardId: number) => {
      // GUILD_CREATE carries the guild as its payload; every other guild event names it in guild_id.
      if (packet.t) seen.push({ t: packet.t, guildId: packet.t === GatewayDispatchEvents.GuildCreate ? packet.d?.id : packet.d?.guild_id, shardId });
    });
    lc.registerCommands([{ name: 'ping', description: 'Ping' }]);
    onInteraction(async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply({ content: `pong from shard ${interaction.guild?.shardId ?? 'dm'}`, flags: MessageFlags.Ephemeral });
    });

    const later = lc.createGuild({ name: 'after-login', shard: [1, 2] });
    const guildIds = [...places.map((place) => place.guild.id), later.id];
    for (const place of places) {
      lc.createChannel(place.guild.id, { name: 'more' });
      const role = lc.createRole(place.guild.id, { name: '联络员' });
      const newcomer = lc.createUser({ username: `${place.guild.name}-newcomer` });
      lc.addMember(place.guild.id, newcomer.id);
      lc.addMember(place.guild.id, newcomer.id, { roles: [role.id] });
      lc.sendMessage({ channelId: place.channel.id, userId: place.member.id, content: 'hello' });
      const reply = await lc.runSlashCommand({ guildId: place.guild.id, userId: place.member.id, name: 'ping' }).waitForReply();
      expect(reply.content).toBe(`pong from shard ${expectedShard(place.guild.id, 2)}`);
    }
    lc.sendDm({ userId: places[0]!.member.id, content: 'a DM' });
    expect((await lc.runSlashCommand({ userId: places[1]!.member.id, name: 'ping' }).waitForReply()).content).toBe('pong from shard dm');
    await expect.poll(() => seen.filter((event) => event.t === GatewayDispatchEvents.MessageCreate && event.guildId === undefined).length).toBe(1);

    const guildEvents = [
      GatewayDispatchEvents.ChannelCreate,
      GatewayDispatchEvents.GuildRoleCreate,
      GatewayDispatchEvents.GuildMemberAdd,
      GatewayDispatchEvents.GuildMemberUpdate,
      GatewayDispatchEvents.MessageCreate,
      GatewayDispatchEvents.InteractionCreate,
    ];
    for (const place of places) {
      // Exactly once: a server that sent a guild's events to every shard would show each twice.
      for (const t of guildEvents)
        expect(
          seen.filter((event) => event.t === t && event.guildId === place.guild.id),
          `${t} in ${place.guild.name}`,
        ).toHaveLength(1);
    }
    expect(seen.filter((event) => event.t === GatewayDispatchEvents.GuildCreate).map((event) => [event.guildId, event.shardId])).toEqual([[later.id, 1]]);
    for (const event of seen) {
      if (event.guildId !== undefined) expect(guildIds).toContain(event.guildId);
      expect(event.shardId, `${event.t} of guild ${event.guildId ?? '(DM)'}`).toBe(expectedShard(event.guildId, 2));
    }
    expect(
      seen
        .filter((event) => event.guildId === undefined)
        .map((event) => event.t)
        .sort(),
    ).toEqual([GatewayDispatchEvents.InteractionCreate, GatewayDispatchEvents.MessageCreate]);
  });
});

describe('the sharded gateway protocol, raw', () => {
  let lc: Localcord;
  const onShard: string[][] = [[], []];

  beforeAll(async () => {
    lc = await startLocalcord();
    for (const shard of [0, 1, 0, 1]) onShard[shard]!.push(lc.createGuild({ name: `raw-${shard}`, shard: [shard, 2] }).id);
  });
  afterAll(() => lc.close());

  it('answers IDENTIFY with shard [id, count] with READY naming that shard and only its guilds', async () => {
    for (const shard of [0, 1]) {
      const raw = await connectRawGateway(lc);
      raw.socket.send(identify(lc, [shard, 2]));
      await expect.poll(() => raw.frames.find((frame) => frame.t === GatewayDispatchEvents.Ready)).toBeDefined();
      const ready = raw.frames.find((frame) => frame.t === GatewayDispatchEvents.Ready);
      expect(ready?.d?.shard).toEqual([shard, 2]);
      expect(ready?.d?.guilds?.map((guild) => guild.id)).toEqual(onShard[shard]);
      await expect
        .poll(() => raw.frames.filter((frame) => frame.t === GatewayDispatchEvents.GuildCreate).map((frame) => frame.d?.guild_id ?? null))
        .toHaveLength(2);
      raw.socket.close(1000);
    }
  });

  it('closes with 4010 for a shard that does not exist', async () => {
    for (const shard of [[2, 2], [-1, 2], [0, 0], [0], ['0', '2'], 'zero']) {
      const raw = await connectRawGateway(lc);
      raw.socket.send(identify(lc, shard));
      expect(await raw.closed, JSON.stringify(shard)).toBe(4010);
    }
  });

  it('keeps the shard across RESUME', async () => {
    const first = await connectRawGateway(lc);
    first.socket.send(identify(lc, [1, 2]));
    await expect.poll(() => first.frames.some((frame) => frame.t === GatewayDispatchEvents.Ready)).toBe(true);
    const sessionId = first.frames.find((frame) => frame.t === GatewayDispatchEvents.Ready)?.d?.session_id;
    await expect.poll(() => first.frames.filter((frame) => frame.t === GatewayDispatchEvents.GuildCreate)).toHaveLength(2);
    const lastSeen = first.frames.at(-1)?.s ?? 0;
    first.socket.terminate();

    const second = await connectRawGateway(lc);
    second.socket.send(JSON.stringify({ op: GatewayOpcodes.Resume, d: { token: lc.botToken, session_id: sessionId, seq: lastSeen } }));
    await expect.poll(() => second.frames.at(-1)?.t).toBe(GatewayDispatchEvents.Resumed);
    const member = lc.createUser({ username: 'resume-writer' });
    for (const guildId of [onShard[0]![0]!, onShard[1]![0]!]) {
      lc.addMember(guildId, member.id);
      lc.sendMessage({ channelId: lc.createChannel(guildId, { name: 'after-resume' }).id, userId: member.id, content: `in ${guildId}` });
    }
    lc.sendDm({ userId: member.id, content: 'a DM is shard 0’s' });
    await expect
      .poll(() => second.frames.filter((frame) => frame.t === GatewayDispatchEvents.MessageCreate).map((frame) => frame.d?.guild_id))
      .toEqual([onShard[1]![0]]);
    second.socket.close(1000);
  });
});

describe('sharding required', () => {
  let lc: Localcord;

  beforeAll(async () => {
    lc = await startLocalcord();
    // 2,501 guilds alternating between two shards: too many for one session, 1,251 and 1,250 for two.
    for (let i = 0; i < 2_501; i += 1) lc.createGuild({ name: `county-${i}`, shard: [i % 2, 2] });
  });
  afterAll(() => lc.close());

  it('closes an unsharded session with 4011 once the bot is in more than 2,500 guilds', async () => {
    for (const shard of [undefined, [0, 1]]) {
      const raw = await connectRawGateway(lc);
      raw.socket.send(identify(lc, shard));
      expect(await raw.closed).toBe(4011);
      expect(raw.frames.some((frame) => frame.t === GatewayDispatchEvents.Ready)).toBe(false);
    }
  });

  it('accepts the same guilds over two shards', async () => {
    const counts: number[] = [];
    for (const shard of [0, 1]) {
      const raw = await connectRawGateway(lc);
      raw.socket.send(identify(lc, [shard, 2]));
      await expect.poll(() => raw.frames.find((frame) => frame.t === GatewayDispatchEvents.Ready)).toBeDefined();
      counts.push(raw.frames.find((frame) => frame.t === GatewayDispatchEvents.Ready)?.d?.guilds?.length ?? 0);
      raw.socket.close(1000);
    }
    expect(counts).toEqual([1_251, 1_250]);
  });
});
