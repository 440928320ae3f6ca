import type { TextChannel } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalcord, type Localcord } from '../src/index.js';
import { createPlace, rawFetch, useHarness, waitForGuild, type Place } from './helpers.js';

describe('rate limits and faults seen by discord.js', () => {
  const harness = useHarness();
  let place: Place;

  beforeAll(async () => {
    const { lc, client } = harness();
    place = createPlace(lc, 'limits');
    await waitForGuild(client, place.guild.id);
  });

  it('lets all six quick messages land while never accepting more than five per five seconds', async () => {
    const { lc, client } = harness();
    const channel = (await client.channels.fetch(place.channel.id)) as TextChannel;
    const sent = await Promise.all(Array.from({ length: 6 }, (_, n) => channel.send({ content: `提醒 ${n}`, allowedMentions: { parse: [] } })));
    expect(sent).toHaveLength(6);
    expect(lc.messages(place.channel.id).map((message) => message.content)).toEqual(Array.from({ length: 6 }, (_, n) => `提醒 ${n}`));
    const posts = lc.requests.filter({ method: 'POST', route: '/channels/:channelId/messages' });
    const accepted = posts.filter((entry) => entry.status === 200);
    const refused = posts.filter((entry) => entry.status === 429);
    // discord.js either paced itself from the x-ratelimit headers or retried after a 429.
    expect(refused.length > 0 || accepted[5]!.at - accepted[0]!.at >= 4900).toBe(true);
    expect(accepted[0]?.rateLimit).toBeNull();
  }, 15_000);
});

describe('rate limits answered to raw requests', () => {
  let lc: Localcord;
  let place: Place;

  beforeAll(async () => {
    lc = await startLocalcord();
    place = createPlace(lc, 'raw');
  });
  afterAll(() => lc.close());

  it('answers the sixth message in five seconds with 429 and Discord’s headers', async () => {
    const channel = lc.createChannel(place.guild.id, { name: 'burst' });
    const responses: Response[] = [];
    for (let n = 0; n < 6; n += 1) responses.push(await rawFetch(lc, 'POST', `/channels/${channel.id}/messages`, { content: `m${n}` }));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(responses.slice(0, 5).map((response) => response.headers.get('x-ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
    const limited = responses[5]!;
    expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-bucket')).toBe(responses[0]!.headers.get('x-ratelimit-bucket'));
    expect(Number(limited.headers.get('x-ratelimit-reset-after'))).toBeLessThanOrEqual(5);
    expect(limited.headers.get('x-ratelimit-global')).toBeNull();
    const body = (await limited.json()) as { message: string; retry_after: number; global: boolean };
    expect(body).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(body.retry_after).toBeGreaterThan(0);
    expect(lc.messages(channel.id)).toHaveLength(5);
  });

  it('limits a bot token to 50 requests per second, interaction callbacks exempt', async () => {
    const statuses = await Promise.all(Array.from({ length: 60 }, () => rawFetch(lc, 'GET', '/users/@me').then((response) => response)));
    const limited = statuses.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(limited[0]?.headers.get('x-ratelimit-global')).toBe('true');
    expect(await limited[0]?.json()).toMatchObject({ global: true });

    lc.registerCommands([{ name: 'ping', description: 'p' }], place.guild.id);
    const handle = lc.runSlashCommand({ guildId: place.guild.id, userId: place.member.id, name: 'ping' });
    const callback = await rawFetch(
      lc,
      'POST',
      `/interactions/${handle.id}/${handle.token}/callback`,
      { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'pong' } },
      false,
    );
    expect(callback.status).toBe(204);
  });

  it('answers unknown routes with Discord’s 404 body and records them', async () => {
    const response = await rawFetch(lc, 'GET', '/nothing/here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(lc.requests.last()).toMatchObject({ method: 'GET', path: '/nothing/here', route: null, status: 404 });
    const unauthenticated = await rawFetch(lc, 'GET', '/users/@me', undefined, false);
    expect(unauthenticated.status).toBe(401);
  });
});

describe('injected faults', () => {
  const harness = useHarness();
  let place: Place;

  beforeAll(async () => {
    const { lc, client } = harness();
    place = createPlace(lc, 'faults');
    await waitForGuild(client, place.guild.id);
  });

  it('fails the next matching requests and lets discord.js retry through them', async () => {
    const { lc, client } = harness();
    const channel = (await client.channels.fetch(place.channel.id)) as TextChannel;
    lc.failNext({ route: /\/channels\/\d+\/messages$/, status: 500, count: 1 });
    lc.failNext({ route: /\/channels\/\d+\/messages$/, status: 429, count: 1, retryAfter: 0.05 });
    const message = await channel.send({ content: '重试后送达', allowedMentions: { parse: [] } });
    expect(lc.message(message.id)?.content).toBe('重试后送达');
    const attempts = lc.requests.filter({ method: 'POST', route: '/channels/:channelId/messages' });
    expect(attempts.map((entry) => [entry.status, entry.fault])).toEqual([
      [500, true],
      [429, true],
      [200, false],
    ]);
  });
});
