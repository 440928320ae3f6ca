import { Events, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordClient, type ShardSetting } from '../../src/discord/client.js';
import { startLocalcord, type Localcord } from '../../src/localcord/index.js';

describe('createDiscordClient', () => {
  const running: { lc: Localcord; client: Client }[] = [];
  afterEach(async () => {
    for (const { lc, client } of running.splice(0)) {
      await client.destroy();
      await lc.close();
    }
  });

  /** Logs the client in against a local server recommending `recommendedShards`; resolves once every shard is ready. */
  const connect = async (recommendedShards: number, shards?: ShardSetting) => {
    const lc = await startLocalcord({ recommendedShards, maxConcurrency: 4 });
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
});
