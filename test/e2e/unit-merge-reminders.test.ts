import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import { seedWorkspace, useBotStack } from './support/bot-stack.js';

// 区经信局 and 区经济和信息化局 each lead a task and have their reminders planned; merged on 2 March,
// the kept unit gets one 今日截止 on 25 March listing both tasks, and the old unit's reminders never go out.
const notice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）推进数字政府建设,年内完成平台整合。（区经济和信息化局负责）
（二）开展企业合规指导,每季度不少于1次。（区经信局负责）
`;

describe('reminders of merged units through the queue', () => {
  const stack = useBotStack({ queue: true });

  it('reminds the kept unit once for both units’ tasks, and the old unit not at all', async () => {
    const s = stack();
    s.clock.set('2026-03-02T01:00:00Z');
    const { unitIds } = await seedWorkspace(s, {
      notice,
      bindings: [
        ['区经济和信息化局', 'channel', s.world.channels.unit.id],
        ['区经信局', 'channel', s.world.channels.general.id],
      ],
    });
    const [into = 0, from = 0] = unitIds;
    const pendingOf = (unitId: number) =>
      s.storage.db
        .selectFrom('reminder_deliveries')
        .select(['id', 'stage', 'occasion'])
        .where('unit_id', '=', unitId)
        .where('status', '=', 'pending')
        .execute();
    await s.eventually(async () => (await pendingOf(from)).length === 5 && (await pendingOf(into)).length === 5);

    const preview = await s.run('coordinator', 'unit merge', { from: '区经信局', into: '区经济和信息化局' }).waitForReply();
    expect(await s.seen(s.click('coordinator', preview, '确认合并'))).toContain('待发的 5 条提醒已取消');
    // The reconcile after the merge leaves the kept unit one pending reminder per stage.
    await s.eventually(async () => {
      const rows = await pendingOf(into);
      return rows.length === 5 && new Set(rows.map((r) => r.stage)).size === 5;
    });

    await s.travelTo('2026-03-25T01:00:00Z');
    const message = await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id && (m.embeds[0]?.title ?? '').includes('今日截止'), 15_000);
    expect(renderMessageText(message)).toMatch(/（一）[\s\S]*（二）/);
    const sent = await s.eventually(async () => {
      const rows = await s.storage.db.selectFrom('reminder_deliveries').select(['unit_id', 'stage']).where('status', '=', 'sent').execute();
      return rows.some((r) => r.stage === 'due') && rows;
    });
    expect(sent.filter((r) => r.stage === 'due')).toEqual([{ unit_id: into, stage: 'due' }]);
    const botPosts = (channelId: string) =>
      s.lc.messages(channelId).filter((m) => m.author.id === s.lc.botUserId && (m.embeds[0]?.title ?? '').includes('今日截止'));
    expect(botPosts(s.world.channels.unit.id)).toHaveLength(1);
    expect(botPosts(s.world.channels.general.id)).toHaveLength(0);
  });
});
