import { describe, expect, it } from 'vitest';
import { nudgeUnit } from '../../src/app/reminders/nudge-unit.js';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import { seedCounty, useBotStack, type BotStack, type SeededCounty } from './support/bot-stack.js';

/** English words other than the names Discord and HTTP (and the raw markup of a mention). */
const englishIn = (text: string) => text.replace(/Discord|HTTP|<@!?\d+>/g, '').match(/[A-Za-z]{3,}/g) ?? [];

describe("the failed-deliveries list speaks Chinese, whatever Discord's error said", () => {
  const stack = useBotStack({ queue: true });
  let county: SeededCounty | undefined;

  /** The county, with no summary channel: a liaison who refuses DMs has nowhere else to be reminded. */
  async function seeded(s: BotStack): Promise<SeededCounty> {
    if (county) return county;
    s.clock.set('2026-03-02T01:00:00Z');
    county = await seedCounty(s);
    await s.storage.db.updateTable('workspaces').set({ summary_channel_id: null, escalation_channel_id: null }).where('id', '=', county.workspaceId).execute();
    return county;
  }

  const failedNudge = (s: BotStack, unitId: number) =>
    s.eventually(() =>
      s.storage.db
        .selectFrom('reminder_deliveries')
        .select(['id', 'last_error'])
        .where('unit_id', '=', unitId)
        .where('stage', '=', 'nudge')
        .where('status', '=', 'failed')
        .executeTakeFirst(),
    );

  it('records a DM the local Discord refused (50007) with a Chinese reason and shows it in /reminders failed', async () => {
    const s = stack();
    const { workspaceId, units } = await seeded(s);
    const period = await s.storage.db.selectFrom('reporting_periods').select('id').where('key', '=', '2026-Q1').executeTakeFirstOrThrow();
    await nudgeUnit(s.app, { workspaceId, actorId: s.userId('coordinator'), unitId: units.justice, periodId: period.id, timeZone: 'Asia/Shanghai' });
    const row = await failedNudge(s, units.justice);
    expect(row.last_error).toContain('无法向该用户发送私信(对方关闭了私信)');
    expect(englishIn(row.last_error ?? '')).toEqual([]);

    const list = renderMessageText(await s.run('coordinator', 'reminders failed').waitForReply(), { controls: true });
    expect(list).toContain('区司法局 · 2026年第一季度 · 催办提醒');
    expect(list).toContain('无法向该用户发送私信(对方关闭了私信)');
    expect(list).not.toContain('Cannot send messages');
    expect(englishIn(list)).toEqual([]);
  });

  it("shows a row stored with Discord's English before the reasons were mapped through the same table", async () => {
    const s = stack();
    const { workspaceId, units } = await seeded(s);
    const planned = await s.eventually(() =>
      s.storage.db.selectFrom('reminder_deliveries').select('id').where('unit_id', '=', units.chengguan).where('stage', '=', 'after3').executeTakeFirst(),
    );
    await s.storage.db
      .updateTable('reminder_deliveries')
      .set({ status: 'failed', last_error: '多次重试后仍未发出:DiscordAPIError[10003]: Unknown Channel', attempts: 5 })
      .where('id', '=', planned.id)
      .where('workspace_id', '=', workspaceId)
      .execute();

    const list = renderMessageText(await s.run('coordinator', 'reminders failed').waitForReply(), { controls: true });
    expect(list).toContain('城关镇 · 2026年第一季度 · 逾期3个工作日提醒');
    expect(list).toContain('多次重试后仍未发出:接收频道不存在或已被删除');
    expect(englishIn(list)).toEqual([]);
  });
});
