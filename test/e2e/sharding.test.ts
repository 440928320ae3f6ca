import { Events } from 'discord.js';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { HealthReport } from '../../src/ops/index.js';
import { startBotOps } from '../../src/ops/start-ops.js';
import { endpointFromUrl } from '../../src/queue/redis-endpoint.js';
import { listControls, renderMessageText } from '../../src/sandbox/render-message.js';
import { Shutdown } from '../../src/shutdown.js';
import { seedCounty, testRedisUrl, useBotStack } from './support/bot-stack.js';

const SHARDS = 3;
/** Discord's rule, written out here so the test checks the server and the bot against it. */
const expectedShard = (guildId: string | undefined) => (guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(SHARDS)));

interface SeenEvent {
  t: string;
  /** The message's or interaction's id. */
  id: string | undefined;
  guildId: string | undefined;
  shardId: number;
}

describe('the bot on three gateway shards', () => {
  const stack = useBotStack({ queue: true, shards: SHARDS });
  const seen: SeenEvent[] = [];
  const interactionsIn = (guildId: string | undefined) =>
    seen.filter((event) => event.t === GatewayDispatchEvents.InteractionCreate && event.guildId === guildId);

  beforeAll(() => {
    stack().client.on(Events.Raw, (packet: { t?: string; d?: { id?: string; guild_id?: string } }, shardId: number) => {
      // GUILD_CREATE carries the guild as its payload; every other guild event names it in guild_id.
      if (packet.t)
        seen.push({ t: packet.t, id: packet.d?.id, guildId: packet.t === GatewayDispatchEvents.GuildCreate ? packet.d?.id : packet.d?.guild_id, shardId });
    });
  });

  it('connects every shard the server recommends, and /healthz lists each one ready', async () => {
    const s = stack();
    expect([...s.client.ws.shards.keys()].sort()).toEqual([0, 1, 2]);
    expect(s.client.guilds.cache.get(s.world.guild.id)?.shardId).toBe(expectedShard(s.world.guild.id));

    const shutdown = new Shutdown(s.app.logger);
    // Config refuses port 0; the listener itself takes any free port in tests.
    const ops = await startBotOps(
      { ...loadConfig({ OPS_PORT: '1' }), opsPort: 0 },
      { db: s.storage.db, redis: endpointFromUrl(testRedisUrl), logger: s.app.logger, shutdown },
    );
    try {
      ops.attachClient(s.client);
      const response = await fetch(`${ops.server!.url}/healthz`);
      const report = (await response.json()) as HealthReport;
      expect(report.checks.gateway?.shards.map((shard) => [shard.id, shard.status, shard.state])).toEqual([
        [0, 'up', 'Ready'],
        [1, 'up', 'Ready'],
        [2, 'up', 'Ready'],
      ]);
      expect(report.checks.gateway?.status).toBe('up');
      expect(response.status).toBe(200);
    } finally {
      await shutdown.run('test');
    }
  });

  it('answers commands and buttons in a guild on each shard, each interaction once, on the shard that owns the guild', async () => {
    const s = stack();
    for (let shard = 0; shard < SHARDS; shard += 1) {
      const district = `第${shard + 1}区`;
      const other = s.addGuild(district, { shard: [shard, SHARDS] });
      expect(expectedShard(other.guild.id)).toBe(shard);
      const preview = await other
        .run('notice import', { text: `${district}2026年工作要点\n一、依法行政\n（一）${district}开展行政执法案卷评查。（区司法局负责）` })
        .waitForReply();
      expect(renderMessageText(preview)).toContain(`${district}2026年工作要点`);
      await other.click(preview, '确认导入').waitForReply();
      const tasks = await s.seen(other.run('tasks'));
      expect(tasks).toContain('(共 1 项)');
      expect(tasks).toContain(`${district}开展行政执法案卷评查`);
      expect(s.client.guilds.cache.get(other.guild.id)?.shardId).toBe(shard);
      // A server that sent a guild's interactions to every shard would show each one three times.
      expect(interactionsIn(other.guild.id).map((event) => event.shardId)).toEqual([shard, shard, shard]);
    }
    for (const event of seen) if (event.guildId !== undefined) expect(event.shardId, `${event.t} of guild ${event.guildId}`).toBe(expectedShard(event.guildId));
  });

  it('takes a liaison’s progress reply by DM, and the button under it, on shard 0', async () => {
    const s = stack();
    s.clock.set('2026-03-02T01:00:00Z');
    const county = await seedCounty(s);
    await s.eventually(() => s.storage.db.selectFrom('reminder_deliveries').select('id').where('stage', '=', 'due').executeTakeFirst());
    await s.travelTo('2026-03-25T01:00:00Z');
    const dm = s.lc.dmChannelId(county.dmLiaison);
    const reminder = await s.lc.waitForMessage((m) => m.channel_id === dm, 10_000);
    // The worker notes the message in its ledger just after sending it; a reply is matched through that note.
    await s.eventually(() =>
      s.storage.db.selectFrom('reminder_deliveries').select('id').where('message_id', '=', reminder.id).where('status', '=', 'sent').executeTakeFirst(),
    );

    const reply = s.lc.sendDm({ userId: county.dmLiaison, replyTo: reminder.id, content: '（四）完成评查案卷12件,推进中。' });
    const confirmation = await s.lc.waitForMessage((m) => m.message_reference?.message_id === reply.id, 5_000);
    expect(renderMessageText(confirmation)).toContain('第 4 项 → 推进中');
    const control = listControls(confirmation).find((c) => c.label === '确认保存');
    await s.lc.clickButton({ messageId: confirmation.id, customId: control!.customId, userId: county.dmLiaison }).waitForReply();
    const report = await s.eventually(() =>
      s.storage.db.selectFrom('progress_reports').select(['status', 'revision']).where('unit_id', '=', county.units.service).executeTakeFirst(),
    );
    expect(report).toEqual({ status: 'in_progress', revision: 1 });

    expect(seen.filter((event) => event.id === reply.id).map((event) => [event.t, event.shardId])).toEqual([[GatewayDispatchEvents.MessageCreate, 0]]);
    expect(interactionsIn(undefined).map((event) => event.shardId)).toEqual([0]);
    const dmTypes: string[] = [GatewayDispatchEvents.MessageCreate, GatewayDispatchEvents.MessageUpdate, GatewayDispatchEvents.InteractionCreate];
    for (const event of seen) if (event.guildId === undefined && dmTypes.includes(event.t)) expect(event.shardId, `${event.t} ${event.id} in DMs`).toBe(0);
  });
});
