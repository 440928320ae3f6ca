import { describe, expect, it } from 'vitest';
import { reconcileReminders } from '../../src/app/reminders/reconcile-reminders.js';
import { MessageFlags } from 'discord-api-types/v10';
import { listControls, renderMessageText } from '../../src/sandbox/render-message.js';
import { seedCounty, useBotStack, type SeededCounty } from './support/bot-stack.js';

// Q1 2026 is due Wednesday 25 March; reminders go at 09:00 Shanghai (01:00 UTC).
describe('reminders through the queue to Discord', () => {
  const stack = useBotStack({ queue: true });
  let county: SeededCounty;

  /** The county, seeded on 2 March: each test that needs it gets it, whether or not it runs alone. */
  const seeded = async () => {
    const s = stack();
    county = await s.once('county', async () => {
      s.clock.set('2026-03-02T01:00:00Z');
      return seedCounty(s);
    });
    return county;
  };
  /** The quarter's due day, 25 March 09:00 Shanghai, with that morning's reminders sent. */
  const onDueDay = async () => {
    const s = stack();
    await seeded();
    await s.once('due day', async () => {
      await s.travelTo('2026-03-25T01:00:00Z');
      await s.settle();
    });
  };

  it('plans one reminder per unit and stage when the notice is imported', async () => {
    const s = stack();
    await seeded();
    const rows = await s.eventually(async () => {
      const found = await s.storage.db
        .selectFrom('reminder_deliveries')
        .select(['unit_id', 'stage', 'fire_at', 'audience'])
        .where('status', '=', 'pending')
        .execute();
      return found.length >= 15 && found;
    });
    const forChengguan = rows.filter((r) => r.unit_id === county.units.chengguan).sort((a, b) => a.fire_at.getTime() - b.fire_at.getTime());
    expect(forChengguan.map((r) => [r.stage, r.fire_at.toISOString(), r.audience])).toEqual([
      ['before5', '2026-03-18T01:00:00.000Z', 'liaison'],
      ['before1', '2026-03-24T01:00:00.000Z', 'liaison'],
      ['due', '2026-03-25T01:00:00.000Z', 'liaison'],
      ['after1', '2026-03-26T01:00:00.000Z', 'liaison'],
      ['after3', '2026-03-30T01:00:00.000Z', 'escalation'],
    ]);
  });

  it('sends each unit one message listing all its waiting tasks, lead tasks first', async () => {
    const s = stack();
    await onDueDay();
    const message = await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id && (m.embeds[0]?.title ?? '').includes('今日截止'), 10_000);
    const text = renderMessageText(message, { controls: true });
    expect(text).toMatch(/（一）[\s\S]*（三）[\s\S]*（二）/);
    expect(text).toContain('第 2 项·配合');
    expect(text).toContain('填报进展');
    expect(message.content).toBe(`<@&${s.world.roles.liaisons.id}>`);
    expect(message.mentions).toEqual([]);
    const row = await s.eventually(() =>
      s.storage.db
        .selectFrom('reminder_deliveries')
        .selectAll()
        .where('unit_id', '=', county.units.chengguan)
        .where('stage', '=', 'due')
        .where('status', '=', 'sent')
        .executeTakeFirst(),
    );
    expect(row.message_id).toBe(message.id);
    expect(message.embeds[0]?.footer?.text).toContain(`R${row.id}`);
    expect(s.lc.messages(s.world.channels.unit.id).filter((m) => m.author.id === s.lc.botUserId)).toHaveLength(1);
  });

  it('falls back to the summary channel when a liaison refuses DMs, saying so', async () => {
    const s = stack();
    await onDueDay();
    const message = await s.lc.waitForMessage(
      (m) => m.channel_id === s.world.channels.summary.id && (m.embeds[0]?.description ?? '').includes('私信无法送达'),
      10_000,
    );
    expect(message.embeds[0]?.description).toContain(`<@${county.blockedLiaison}>`);
    expect(message.content).toContain(`<@${county.blockedLiaison}>`);
    const row = await s.eventually(() =>
      s.storage.db
        .selectFrom('reminder_deliveries')
        .selectAll()
        .where('unit_id', '=', county.units.justice)
        .where('stage', '=', 'due')
        .where('status', '=', 'sent')
        .executeTakeFirst(),
    );
    expect(row.fallback_used).toBe(true);
    expect(row.channel_id).toBe(s.world.channels.summary.id);
  });

  it('keeps a reply in the shared channel private: the bot repeats none of it there, and the liaison checks and saves it in a message only they see', async () => {
    const s = stack();
    const reminder = await s.lc.waitForMessage(
      (m) => m.channel_id === s.world.channels.summary.id && (m.embeds[0]?.description ?? '').includes('私信无法送达'),
      10_000,
    );
    const reply = s.lc.sendMessage({
      channelId: s.world.channels.summary.id,
      userId: county.blockedLiaison,
      replyTo: reminder.id,
      content: '（二）已完成示范村创建,共2个。',
    });
    const answer = await s.lc.waitForMessage((m) => m.message_reference?.message_id === reply.id, 10_000);
    const shown = renderMessageText(answer, { controls: true });
    expect(shown).not.toContain('示范村');
    expect(shown).toContain('核对并保存');
    const control = listControls(answer).find((c) => c.label === '核对并保存');
    // Someone else in the channel gets nothing out of the button.
    expect(
      renderMessageText(await s.lc.clickButton({ messageId: answer.id, customId: control?.customId ?? '', userId: s.userId('leader') }).waitForReply()),
    ).not.toContain('示范村');
    const review = await s.lc.clickButton({ messageId: answer.id, customId: control?.customId ?? '', userId: county.blockedLiaison }).waitForReply();
    expect(review.flags ?? 0).toBe(MessageFlags.Ephemeral);
    expect(renderMessageText(review)).toContain('示范村');
    const confirm = listControls(review).find((c) => c.label === '确认保存');
    await s.lc.clickButton({ messageId: review.id, customId: confirm?.customId ?? '', userId: county.blockedLiaison }).waitForReply();
    const stored = await s.eventually(() =>
      s.storage.db.selectFrom('progress_reports').select(['status', 'body']).where('unit_id', '=', county.units.justice).executeTakeFirst(),
    );
    expect(stored).toEqual({ status: 'done', body: '已完成示范村创建,共2个。' });
  });

  it('sends a DM to a liaison who accepts them', async () => {
    const s = stack();
    await onDueDay();
    const dm = s.lc.dmChannelId(county.dmLiaison);
    const message = await s.lc.waitForMessage((m) => m.channel_id === dm, 10_000);
    expect(renderMessageText(message)).toContain('（四）');
  });

  it('does not send the same reminder twice when planning runs again', async () => {
    const s = stack();
    await onDueDay();
    await reconcileReminders(s.app, county.workspaceId);
    await reconcileReminders(s.app, county.workspaceId);
    // Whatever the second planning queued for the due day has run by now: what is in the channel is final.
    await s.settle();
    const reminders = s.lc.messages(s.world.channels.unit.id).filter((m) => m.author.id === s.lc.botUserId);
    expect(reminders).toHaveLength(1);
  });

  it('escalates to the coordinators three workdays after the due date, pinging the coordinators', async () => {
    const s = stack();
    await onDueDay();
    await s.travelTo('2026-03-26T01:00:00Z');
    await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id && (m.embeds[0]?.title ?? '').includes('逾期提醒'), 10_000);
    await reconcileReminders(s.app, county.workspaceId);
    await s.travelTo('2026-03-30T01:00:00Z');
    const escalation = await s.lc.waitForMessage(
      (m) => (m.embeds[0]?.title ?? '').includes('逾期升级') && (m.embeds[0]?.title ?? '').includes('城关镇'),
      10_000,
    );
    expect(escalation.channel_id).toBe(s.world.channels.summary.id);
    expect(escalation.content).toContain(`<@&${s.world.roles.coordinators.id}>`);
    expect(escalation.components ?? []).toEqual([]);
  });
});
