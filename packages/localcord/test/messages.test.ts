import { AttachmentBuilder, DiscordAPIError, EmbedBuilder, type Message, type TextChannel } from 'discord.js';
import { MessageType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlace, rawFetch, useHarness, waitForGuild, type Place } from './helpers.js';

describe('channel messages, replies and DMs against the real discord.js client', () => {
  const harness = useHarness();
  let place: Place;
  let channel: TextChannel;

  beforeAll(async () => {
    const { lc, client } = harness();
    place = createPlace(lc, 'messages');
    await waitForGuild(client, place.guild.id);
    channel = (await client.channels.fetch(place.channel.id)) as TextChannel;
  });

  it('stores an embed and a multipart file and serves the file from the local CDN', async () => {
    const sent = await channel.send({
      content: '季度排名',
      embeds: [new EmbedBuilder().setTitle('第三季度').setDescription('排名如下').addFields({ name: '区司法局', value: '95 分' })],
      files: [new AttachmentBuilder(Buffer.from('单位,得分\n区司法局,95\n'), { name: 'ranking.csv' })],
      allowedMentions: { parse: [] },
    });
    const stored = harness().lc.message(sent.id);
    expect(stored?.embeds[0]).toMatchObject({ title: '第三季度', description: '排名如下', fields: [{ name: '区司法局', value: '95 分' }] });
    const attachment = sent.attachments.first();
    expect(attachment?.name).toBe('ranking.csv');
    expect(attachment?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/attachments\//);
    expect(await (await fetch(attachment!.url)).text()).toBe('单位,得分\n区司法局,95\n');
    const request = harness().lc.requests.last({ method: 'POST', route: '/channels/:channelId/messages' });
    expect(request?.files).toEqual([{ filename: 'ranking.csv', size: Buffer.byteLength('单位,得分\n区司法局,95\n'), contentType: expect.any(String) }]);
  });

  it('delivers a user reply with attachments as MESSAGE_CREATE with a downloadable file', async () => {
    const { lc, client } = harness();
    const ours = await channel.send({ content: '请回复进展并附上材料', allowedMentions: { parse: [] } });
    const received = new Promise<Message>((resolve) => client.on('messageCreate', (message) => message.author.id === place.member.id && resolve(message)));
    lc.sendMessage({
      channelId: place.channel.id,
      userId: place.member.id,
      content: '已完成',
      replyTo: ours.id,
      attachments: [
        { filename: '进展.docx', bytes: Buffer.from('PK fake docx'), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      ],
    });
    const message = await received;
    expect(message.type).toBe(MessageType.Reply);
    expect(message.reference?.messageId).toBe(ours.id);
    expect(message.mentions.repliedUser?.id).toBe(client.user!.id);
    expect((await message.fetchReference()).content).toBe('请回复进展并附上材料');
    const file = message.attachments.first()!;
    expect(file.name).toBe('进展.docx');
    expect(Buffer.from(await (await fetch(file.url)).arrayBuffer()).toString()).toBe('PK fake docx');
  });

  it('rejects more than 2000 characters as a DiscordAPIError with code 50035', async () => {
    const error = await channel.send({ content: '字'.repeat(2001), allowedMentions: { parse: [] } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50035, status: 400 });
    expect((error as DiscordAPIError).message).toContain('content[BASE_TYPE_MAX_LENGTH]');
  });

  it('enforces embed and component limits with Discord’s error shape', async () => {
    const { lc } = harness();
    // A fresh channel per request: refused requests count against the 5-per-5-seconds channel bucket too.
    const post = (body: unknown) => rawFetch(lc, 'POST', `/channels/${lc.createChannel(place.guild.id, { name: 'limits' }).id}/messages`, body);
    const field = { name: 'n', value: 'v' };

    const tooManyFields = await post({ embeds: [{ title: 't', fields: Array.from({ length: 26 }, () => field) }] });
    expect(tooManyFields.status).toBe(400);
    expect(await tooManyFields.json()).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: { embeds: { '0': { fields: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] } } } },
    });
    const tooLong = await post({ embeds: Array.from({ length: 2 }, () => ({ description: 'x'.repeat(3001) })) });
    expect(JSON.stringify(await tooLong.json())).toContain('MAX_EMBED_SIZE_EXCEEDED');
    expect((await post({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).status).toBe(400);
    expect((await post({ embeds: [{ title: 'x'.repeat(257) }] })).status).toBe(400);
    expect((await post({ embeds: [{ footer: { text: 'x'.repeat(2049) } }] })).status).toBe(400);

    const button = (id: string) => ({ type: 2, style: 1, label: 'b', custom_id: id });
    const row = (prefix: string, count = 1) => ({ type: 1, components: Array.from({ length: count }, (_, n) => button(`${prefix}${n}`)) });
    expect((await post({ components: Array.from({ length: 6 }, (_, n) => row(`r${n}`)) })).status).toBe(400);
    expect((await post({ components: [row('wide', 6)] })).status).toBe(400);
    expect((await post({ components: [{ type: 1, components: [button('x'.repeat(101))] }] })).status).toBe(400);
    expect((await post({ components: [{ type: 1, components: [{ ...button('long'), label: 'x'.repeat(81) }] }] })).status).toBe(400);
    expect((await post({ components: [row('dup'), row('dup')] })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect((await post({ components: [row('fine', 5)], content: 'ok' })).status).toBe(200);

    const v2 = 1 << 15;
    const text = (content: string) => ({ type: 10, content });
    expect((await post({ flags: v2, components: [{ type: 17, components: [text('卡片'), row('in-container', 2)] }] })).status).toBe(200);
    expect((await post({ flags: v2, content: 'not allowed', components: [text('x')] })).status).toBe(400);
    expect((await post({ flags: v2, components: Array.from({ length: 41 }, () => ({ type: 14 })) })).status).toBe(400);
    expect((await post({ flags: v2, components: [text('x'.repeat(2500)), text('y'.repeat(2500))] })).status).toBe(400);
  });

  it('returns the earlier message for a repeated nonce with enforce_nonce', async () => {
    const { lc, client } = harness();
    const fresh = lc.createChannel(place.guild.id, { name: 'nonce' });
    await expect.poll(() => client.channels.cache.has(fresh.id)).toBe(true);
    const channel = client.channels.cache.get(fresh.id) as TextChannel;
    const first = await channel.send({ content: '提醒', nonce: 'reminder-42', enforceNonce: true, allowedMentions: { parse: [] } });
    const second = await channel.send({ content: '提醒', nonce: 'reminder-42', enforceNonce: true, allowedMentions: { parse: [] } });
    expect(second.id).toBe(first.id);
    expect(lc.messages(fresh.id).filter((message) => message.nonce === 'reminder-42')).toHaveLength(1);
  });

  it('records whether a message could ping @everyone', async () => {
    const { lc, client } = harness();
    const fresh = lc.createChannel(place.guild.id, { name: 'mentions' });
    await expect.poll(() => client.channels.cache.has(fresh.id)).toBe(true);
    const channel = client.channels.cache.get(fresh.id) as TextChannel;
    const safe = await channel.send({ content: '@everyone 请注意', allowedMentions: { parse: [] } });
    expect(harness().lc.message(safe.id)?.mention_everyone).toBe(false);
    const loud = await channel.send({ content: '@everyone 请注意', allowedMentions: { parse: ['everyone'] } });
    expect(harness().lc.message(loud.id)?.mention_everyone).toBe(true);
  });

  it('sends DMs, and answers 50007 for a user who blocks them', async () => {
    const { lc, client } = harness();
    const open = lc.createUser({ username: 'open' });
    const closed = lc.createUser({ username: 'closed', blocksDms: true });
    lc.addMember(place.guild.id, open.id);
    lc.addMember(place.guild.id, closed.id);
    const dm = await (await client.users.fetch(open.id)).send({ content: '您有一项任务即将到期', allowedMentions: { parse: [] } });
    expect(lc.messages(lc.dmChannelId(open.id)).map((message) => message.id)).toEqual([dm.id]);
    expect(await lc.waitForMessage((message) => message.channel_id === lc.dmChannelId(open.id))).toMatchObject({ content: '您有一项任务即将到期' });
    const error = await (await client.users.fetch(closed.id)).send('不会送达').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50007, status: 403 });
  });

  it('delivers a DM from a user the bot never wrote to (Partials.Channel)', async () => {
    const { lc, client } = harness();
    const writer = lc.createUser({ username: 'writer' });
    lc.addMember(place.guild.id, writer.id);
    const received = new Promise<Message>((resolve) => client.on('messageCreate', (message) => message.author.id === writer.id && resolve(message)));
    lc.sendDm({ userId: writer.id, content: '请问怎么填报？', attachments: [{ filename: 'q.txt', bytes: 'question' }] });
    const message = await received;
    expect(message.guildId).toBeNull();
    expect(message.content).toBe('请问怎么填报？');
    expect(await (await fetch(message.attachments.first()!.url)).text()).toBe('question');
  });
});
