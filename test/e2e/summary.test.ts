import type { APIMessage } from 'discord-api-types/v10';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedCounty, useBotStack, type BotStack, type SeededCounty } from './support/bot-stack.js';

/** Runs the summary scheduler's next job now, as if its time had come (the app clock decides what is due). */
async function runSummaryTick(s: BotStack): Promise<void> {
  const queue = s.queue?.queues.maintenance;
  if (!queue) throw new Error('the queue is off');
  const scheduled = (await queue.getDelayed()).find((job) => job.name === 'summary-tick');
  if (scheduled) await scheduled.promote();
  else await queue.add('summary-tick', {});
  await s.eventually(async () => {
    const counts = await queue.getJobCounts('active', 'waiting', 'prioritized');
    return (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.prioritized ?? 0) === 0;
  });
}

const botPosts = (s: BotStack, title: string): APIMessage[] =>
  s.lc.messages(s.world.channels.summary.id).filter((m) => m.author.id === s.lc.botUserId && (m.embeds[0]?.title ?? '').startsWith(title));

// Q1 2026 is due Wednesday 25 March; 1–8 October 2026 is the National Day holiday.
describe('/summary: the leaders’ weekly digest and the automatic quarterly ranking', () => {
  const stack = useBotStack({ queue: true });
  let county: SeededCounty;

  /** The county, seeded on 2 March. */
  const seeded = async () => {
    const s = stack();
    county = await s.once('county', async () => {
      s.clock.set('2026-03-02T01:00:00Z');
      const seededCounty = await seedCounty(s);
      // The notice was imported "on" 2 March by the app clock; the database stamps real time, so align it.
      await sql`update tasks set created_at = ${new Date('2026-03-02T01:00:00Z')}`.execute(s.storage.db);
      return seededCounty;
    });
    return county;
  };
  /** The coordinator's schedules: the digest on Fridays at 16:00, the ranking on the second workday after the due date. What they were told. */
  const scheduled = async () => {
    const s = stack();
    await seeded();
    return s.once('schedules', () => s.seen(s.run('coordinator', 'summary set', { digest: true, ranking: true, weekday: 5, time: '１６：００', grace: 2 })));
  };

  it('lets a coordinator set the schedules, and refuses everyone else, changing nothing', async () => {
    const s = stack();
    await seeded();
    for (const persona of ['liaison', 'outsider', 'leader'] as const) {
      expect(await s.seen(s.run(persona, 'summary set', { digest: true }))).toContain('仅限督办人');
    }
    expect(await s.storage.db.selectFrom('schedules').select('id').execute()).toEqual([]);
    const text = await scheduled();
    expect(text).toContain('✅ 已保存');
    expect(text).toContain('每周工作简报:已开启');
    expect(text).toContain('周五 16:00');
    expect(text).toContain('第 2 个工作日 09:00');
    const rows = await s.storage.db
      .selectFrom('schedules')
      .select(['kind', 'enabled', 'cron'])
      .where('workspace_id', '=', county.workspaceId)
      .orderBy('kind')
      .execute();
    expect(rows).toEqual([
      { kind: 'quarterly_ranking', enabled: true, cron: '0 9 * * *' },
      { kind: 'weekly_digest', enabled: true, cron: '0 16 * * 5' },
    ]);
    const scheduler = await s.queue?.queues.maintenance.getJobScheduler('summary-tick');
    expect(scheduler?.pattern).toBe('*/5 * * * *');
  });

  it('posts the digest on its workday once its time has come, once only, pinging nobody', async () => {
    const s = stack();
    await scheduled();
    await s.travelTo('2026-03-06T07:30:00Z'); // Friday 15:30 in Shanghai: not yet
    await runSummaryTick(s);
    expect(botPosts(s, '督办工作周报')).toEqual([]);
    await s.travelTo('2026-03-06T08:05:00Z');
    await runSummaryTick(s);
    const digest = await s.lc.waitForMessage((m) => (m.embeds[0]?.title ?? '') === '督办工作周报(2026-03-06)', 10_000);
    expect(digest.channel_id).toBe(s.world.channels.summary.id);
    const fields = Object.fromEntries((digest.embeds[0]?.fields ?? []).map((f) => [f.name.replace(/\(\d+\)$/, ''), f.value]));
    expect(Object.keys(fields)).toEqual(['各部分完成情况', '新报送', '逾期任务', '受阻任务', '未报送单位']);
    expect(fields['各部分完成情况']).toContain('加强党的领导');
    expect(fields['未报送单位']).toContain('城关镇');
    expect(digest.mentions).toEqual([]);
    expect(digest.content).toBe('');
    const post = await s.storage.db.selectFrom('summary_posts').select(['status', 'sent']).where('key', '=', 'digest-2026-03-06').executeTakeFirstOrThrow();
    expect(post).toEqual({ status: 'sent', sent: { [`channel:${s.world.channels.summary.id}`]: digest.id } });
    await runSummaryTick(s);
    expect(botPosts(s, '督办工作周报')).toHaveLength(1);
  });

  it('moves the digest to the workday before when its day is a holiday', async () => {
    const s = stack();
    await scheduled();
    // Friday 2 October is a holiday: the week's digest goes on Wednesday 30 September.
    await s.travelTo('2026-09-30T08:05:00Z');
    await runSummaryTick(s);
    await s.lc.waitForMessage((m) => (m.embeds[0]?.title ?? '') === '督办工作周报(2026-09-30)', 10_000);
    await s.travelTo('2026-10-02T08:05:00Z');
    await runSummaryTick(s);
    expect(botPosts(s, '督办工作周报(2026-10-02)')).toEqual([]);
  });

  it('posts the quarter’s ranking after the due date plus the grace workdays, once', async () => {
    const s = stack();
    await scheduled();
    s.clock.set('2026-03-26T02:00:00Z'); // one workday after the due date: too early
    await runSummaryTick(s);
    expect(botPosts(s, '2026年第一季度考核排名')).toEqual([]);
    await s.travelTo('2026-03-27T01:05:00Z'); // the second workday, 09:05
    await runSummaryTick(s);
    const ranking = await s.lc.waitForMessage((m) => (m.embeds[0]?.title ?? '') === '2026年第一季度考核排名', 10_000);
    expect(ranking.channel_id).toBe(s.world.channels.summary.id);
    expect(ranking.embeds[0]?.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['镇街(1 个单位)']));
    expect(ranking.embeds[0]?.footer?.text).toContain('季度排名自动发布');
    // The chart is shown in the embed and the workbook comes with it, as /ranking show gives them.
    expect(ranking.attachments.map((a) => a.filename)).toEqual(['2026年第一季度考核排名.png', '2026年第一季度考核排名.xlsx']);
    expect(ranking.embeds[0]?.image?.url).toContain('2026年第一季度考核排名.png');
    const png = s.lc.attachmentBytes(ranking.attachments[0]!.url);
    expect(png?.subarray(1, 4).toString()).toBe('PNG');
    expect(ranking.mentions).toEqual([]);
    await runSummaryTick(s);
    expect(botPosts(s, '2026年第一季度考核排名')).toHaveLength(1);
    // One snapshot of what was published (Q3's went out on 29 September, when the clock passed it).
    expect(await s.storage.db.selectFrom('ranking_snapshots').select(['year', 'quarter', 'created_by']).where('quarter', '=', 1).execute()).toEqual([
      { year: 2026, quarter: 1, created_by: 'system' },
    ]);
  });

  it('posts a digest at once with /summary now', async () => {
    const s = stack();
    await scheduled();
    const before = botPosts(s, '督办工作周报').length;
    expect(await s.seen(s.run('liaison', 'summary now'))).toContain('仅限督办人');
    expect(await s.seen(s.run('coordinator', 'summary now'))).toContain('已安排发送');
    await s.eventually(() => botPosts(s, '督办工作周报').length === before + 1);
  });

  it('DMs the digest to a leader who asked for it with /summary dm, once DMs are on, and stops when they opt out', async () => {
    const s = stack();
    await scheduled();
    const leader = s.userId('leader');
    const dmDigests = () =>
      s.lc.messages(s.lc.dmChannelId(leader)).filter((m) => m.author.id === s.lc.botUserId && (m.embeds[0]?.title ?? '').startsWith('督办工作周报'));
    expect(await s.seen(s.run('liaison', 'summary dm', { on: true }))).toContain('只有领导或督办人');
    expect(await s.seen(s.run('leader', 'summary dm', { on: true }))).toContain('目前督办人尚未开启“私信领导”');
    expect(await s.seen(s.run('leader', 'summary dm', { on: true }))).toContain('你已开启私信推送');
    expect(await s.storage.db.selectFrom('summary_subscribers').select('user_id').execute()).toEqual([{ user_id: leader }]);

    await s.seen(s.run('coordinator', 'summary set', { dm_leaders: true }));
    expect(await s.seen(s.run('leader', 'summary dm', { on: true }))).toContain('每周工作简报和季度排名发布时会私信给你');
    await s.travelTo('2026-10-12T01:00:00Z'); // a new minute for /summary now's occurrence key
    await s.seen(s.run('coordinator', 'summary now'));
    const dm = await s.eventually(() => dmDigests()[0], 10_000);
    expect(dm.embeds[0]?.footer?.text).toContain('督办周报');

    expect(await s.seen(s.run('leader', 'summary dm', { on: false }))).toContain('已关闭私信推送');
    await s.travelTo('2026-10-12T01:01:00Z');
    await s.seen(s.run('coordinator', 'summary now'));
    // Settled only after every target: the channel got it, the leader's DMs did not.
    const settled = await s.eventually(() =>
      s.storage.db.selectFrom('summary_posts').select('sent').where('key', '=', 'now-202610120101').where('status', '=', 'sent').executeTakeFirst(),
    );
    expect(Object.keys(settled.sent)).toEqual([`channel:${s.world.channels.summary.id}`]);
    expect(dmDigests()).toHaveLength(1);
    const audit = await s.storage.db.selectFrom('audit_log').select(['actor_id', 'action']).where('action', 'like', 'summary.dm%').orderBy('id').execute();
    expect(audit).toEqual([
      { actor_id: leader, action: 'summary.dm_on' },
      { actor_id: leader, action: 'summary.dm_off' },
    ]);
  });
});
