import { Events, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordClient, type ShardSetting } from '../../src/discord/client.js';
import { startLocalcord, type Localcord } from 'localcord';

describe('createDiscordClient', () => {
  const running: { lc: Localcord; client: Client }[] = [];
  afterEach(async () => {
    for (const { lc, client } of running.splice(0)) {
      await client.destroy();
      await lc.close();
    }
  });

  /** Logs the client in against a local server recommending `recommendedShards`; resolves once every shard is ready. */
  const connect = async (recommendedShards: number, shards?: ShardSetting, prepare?: (lc: Localcord) => void) => {
    const lc = await startLocalcord({ recommendedShards, maxConcurrency: 4 });
    prepare?.(lc);
    const client = createDiscordClient({ apiBase: lc.apiBase, ...(shards === undefined ? {} : { shards }) });
    running.push({ lc, client });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(lc.botToken);
    await ready;
    return client;
  };

  it('connects with as many shards as GET /gateway/bot recommends by default', async () => {
    const client = await connect(3);
    expect([...client.ws.shards.keys()].sort()).toEqual([0, 1, 2]);
  });

  it('connects a fixed number of shards, whatever is recommended', async () => {
    const client = await connect(1, 2);
    expect([...client.ws.shards.keys()].sort()).toEqual([0, 1]);
    expect(client.options.shardCount).toBe(2);
  });

  it('fails to log in when a fixed count leaves a shard with more than 2,500 guilds', async () => {
    const guilds = (lc: Localcord) => {
      for (let i = 0; i < 2_501; i += 1) lc.createGuild({ name: `county-${i}`, shard: [i % 2, 2] });
    };
    await expect(connect(2, 1, guilds)).rejects.toThrow('Sharding is required');
  });
});
