import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { closePeriod } from '../../src/app/cycle/close-period.js';
import { listControls, renderMessageText } from '../../src/sandbox/render-message.js';
import { seedCounty, useBotStack, type SeededCounty } from './support/bot-stack.js';

describe('collecting progress', () => {
  const stack = useBotStack({ queue: true });
  let county: SeededCounty;
  let reminder: APIMessage;

  const reportsOf = (unitId: number) =>
    stack()
      .storage.db.selectFrom('progress_reports')
      .innerJoin('tasks', 'tasks.id', 'progress_reports.task_id')
      .select([
        'tasks.seq',
        'progress_reports.id',
        'progress_reports.status',
        'progress_reports.body',
        'progress_reports.percent',
        'progress_reports.revision',
        'progress_reports.late',
      ])
      .where('progress_reports.unit_id', '=', unitId)
      .orderBy('tasks.seq')
      .execute();

  /** The county seeded on 2 March, on the due day (25 March) with the day's reminders sent and recorded. */
  const onDueDay = async () => {
    const s = stack();
    ({ county, reminder } = await s.once('due day', async () => {
      s.clock.set('2026-03-02T01:00:00Z');
      const seeded = await seedCounty(s);
      await s.eventually(() => s.storage.db.selectFrom('reminder_deliveries').select('id').where('stage', '=', 'due').executeTakeFirst());
      await s.travelTo('2026-03-25T01:00:00Z');
      const sent = await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id, 10_000);
      // The worker has recorded what it sent: the delivery row knows the reminder's message.
      await s.settle();
      return { county: seeded, reminder: sent };
    }));
  };
  /** 城关镇's liaison reports (一) from the reminder's button with the form, with one piece of evidence: what they saw on the way. */
  const reportedByForm = async () => {
    const s = stack();
    await onDueDay();
    return s.once('form', async () => {
      const choice = await s.click('liaison', reminder, '填报进展').waitForReply();
      const opened = s.click('liaison', choice, '（一） 第1项');
      const modal = await opened.modal();
      const saved = s.lc.submitModal({
        userId: s.userId('liaison'),
        from: opened,
        fields: {
          status: ['in_progress'],
          text: '已开展集中学习2次,计划二季度再组织2次。',
          percent: '50%',
          evidence: [{ filename: '学习签到表.txt', bytes: Buffer.from('签到 32 人'), contentType: 'text/plain' }],
        },
      });
      return { choice, modal, text: await s.seen(saved) };
    });
  };
  /** The liaison then edits (一) with /progress to done: the form's title and the answer. */
  const editedReport = async () => {
    const s = stack();
    await reportedByForm();
    return s.once('edit', async () => {
      const opened = s.run('liaison', 'progress', { task: '1' });
      const modal = await opened.modal();
      const text = await s.seen(
        s.lc.submitModal({
          userId: s.userId('liaison'),
          from: opened,
          fields: { status: ['done'], text: '已完成全年4次集中学习。', percent: '', evidence: [] },
        }),
      );
      return { modal, text };
    });
  };
  /** The liaison replies to the reminder about (三) and (二) and confirms: the reports before, the confirmation shown, the reports before confirming, and the edited confirmation. */
  const repliedToReminder = async () => {
    const s = stack();
    await editedReport();
    return s.once('reply', async () => {
      const before = await reportsOf(county.units.chengguan);
      const reply = s.lc.sendMessage({
        channelId: s.world.channels.unit.id,
        userId: s.userId('liaison'),
        replyTo: reminder.id,
        content: '报告如下:(三)网上办理率已达65%,正在推进。(二)已完成示范村创建。',
        attachments: [{ filename: '办理率.csv', bytes: Buffer.from('月份,办理率\n3,65%'), contentType: 'text/csv' }],
      });
      const confirmation = await s.lc.waitForMessage((m) => m.message_reference?.message_id === reply.id, 5_000);
      const shown = renderMessageText(confirmation, { controls: true });
      const unconfirmed = await reportsOf(county.units.chengguan);
      await s.click('liaison', confirmation, '确认保存').waitForReply();
      const edited = await s.eventually(() => {
        const m = s.lc.message(confirmation.id);
        return m?.content.includes('已保存') && m;
      });
      return { before, shown, unconfirmed, edited };
    });
  };
  /** Two days after the due date, 区政务服务中心's liaison reports (四) blocked from their DM reminder: what they were told. */
  const reportedLate = async () => {
    const s = stack();
    await onDueDay();
    return s.once('late', async () => {
      await s.travelTo('2026-03-27T03:00:00Z');
      const dm = s.lc.dmChannelId(county.dmLiaison);
      const dmReminder = await s.lc.waitForMessage((m) => m.channel_id === dm, 10_000);
      const control = listControls(dmReminder).find((c) => c.label === '填报进展');
      const opened = s.lc.clickButton({ messageId: dmReminder.id, customId: control!.customId, userId: county.dmLiaison });
      await opened.modal();
      return renderMessageText(
        await s.lc
          .submitModal({
            userId: county.dmLiaison,
            from: opened,
            fields: { status: ['blocked'], text: '因系统升级暂停,待4月恢复。', percent: '', evidence: [] },
          })
          .waitForReply(),
      );
    });
  };

  it('opens one button per waiting task from the reminder, then a modal, and stores the report with its evidence', async () => {
    const s = stack();
    const { choice, modal, text } = await reportedByForm();
    expect(renderMessageText(choice)).toContain('尚有 3 项任务待报送');
    expect(modal.title).toBe('填报进展 · 第 1 项');
    expect(text).toContain('已保存“城关镇”2026年第一季度的进展');
    expect(text).toContain('推进中 50%');
    expect(text).toContain('佐证材料 1 个');
    const [report] = await reportsOf(county.units.chengguan);
    expect(report).toMatchObject({ seq: 1, status: 'in_progress', percent: 50, revision: 1, late: false });
    const evidence = await s.storage.db.selectFrom('evidence_files').select(['filename', 'size_bytes', 'content']).execute();
    expect(evidence).toHaveLength(1);
    expect(Buffer.from(evidence[0]!.content).toString()).toBe('签到 32 人');
  });

  it('lets the liaison edit the report with /progress, keeping every revision', async () => {
    const s = stack();
    const { modal, text } = await editedReport();
    expect(modal.title).toBe('修改进展 · 第 1 项');
    expect(text).toContain('第 2 版');
    const [report] = await reportsOf(county.units.chengguan);
    expect(report).toMatchObject({ status: 'done', percent: 100, revision: 2 });
    const revisions = await s.storage.db
      .selectFrom('progress_revisions')
      .select(['revision', 'body', 'submitted_by', 'source'])
      .where('report_id', '=', report!.id)
      .orderBy('revision')
      .execute();
    expect(revisions.map((r) => [r.revision, r.source, r.submitted_by])).toEqual([
      [1, 'modal', s.userId('liaison')],
      [2, 'modal', s.userId('liaison')],
    ]);
  });

  it('splits a free-text reply by task numbers, shows it back, and stores it only when confirmed', async () => {
    const s = stack();
    const { before, shown, unconfirmed, edited } = await repliedToReminder();
    expect(shown).toContain('第 3 项 → 推进中 65%');
    expect(shown).toContain('第 2 项 → 已完成');
    expect(shown).toContain('不会保存:报告如下');
    expect(shown).toContain('附件 1 个');
    expect(unconfirmed).toEqual(before);

    expect(edited.content).toContain('✅ 第 3 项');
    expect(edited.components ?? []).toEqual([]);
    const reports = await reportsOf(county.units.chengguan);
    expect(reports.map((r) => [r.seq, r.status, r.percent])).toEqual([
      [1, 'done', 100],
      [2, 'done', 100],
      [3, 'in_progress', 65],
    ]);
    const sources = await s.storage.db.selectFrom('progress_revisions').select('source').where('source', '=', 'reply').execute();
    expect(sources).toHaveLength(2);
  });

  it('answers a reply that comes before the worker recorded the send, by the marker in the reminder', async () => {
    const s = stack();
    await onDueDay();
    // As if the worker were between Discord's answer and its own write: the row does not know the message yet.
    const row = await s.storage.db
      .updateTable('reminder_deliveries')
      .set({ status: 'sending', message_id: null })
      .where('message_id', '=', reminder.id)
      .returning(['id', 'channel_id'])
      .executeTakeFirstOrThrow();
    try {
      const reply = s.lc.sendMessage({
        channelId: s.world.channels.unit.id,
        userId: s.userId('liaison'),
        replyTo: reminder.id,
        content: '(三)网上办理率已达75%。',
      });
      const confirmation = await s.lc.waitForMessage((m) => m.message_reference?.message_id === reply.id, 5_000);
      expect(renderMessageText(confirmation, { controls: true })).toContain('确认保存');
    } finally {
      await s.storage.db.updateTable('reminder_deliveries').set({ status: 'sent', message_id: reminder.id }).where('id', '=', row.id).execute();
    }
  });

  it('refuses a reply from someone who is not the unit liaison, and a button press by an outsider', async () => {
    const s = stack();
    await onDueDay();
    const reply = s.lc.sendMessage({ channelId: s.world.channels.unit.id, userId: s.userId('outsider'), replyTo: reminder.id, content: '(一)已完成' });
    const answer = await s.lc.waitForMessage((m) => m.message_reference?.message_id === reply.id, 5_000);
    expect(answer.content).toContain('只有“城关镇”的联络员');
    expect(await s.seen(s.click('outsider', reminder, '填报进展'))).toContain('只有该单位的联络员可以填报');
  });

  it('stores a report made after the due date and marks it late, from a DM reminder', async () => {
    const text = await reportedLate();
    expect(text).toContain('迟报');
    const [report] = await reportsOf(county.units.service);
    expect(report).toMatchObject({ seq: 4, status: 'blocked', late: true });
  });

  it('takes a reply in DMs too, confirmed with the button there', async () => {
    const s = stack();
    await reportedLate();
    const dm = s.lc.dmChannelId(county.dmLiaison);
    const dmReminder = s.lc.messages(dm).find((m) => m.author.id === s.lc.botUserId)!;
    const reply = s.lc.sendDm({ userId: county.dmLiaison, replyTo: dmReminder.id, content: '（四）系统已恢复,完成评查案卷12件,推进中。' });
    const confirmation = await s.lc.waitForMessage((m) => m.message_reference?.message_id === reply.id, 5_000);
    expect(renderMessageText(confirmation)).toContain('第 4 项 → 推进中');
    const control = listControls(confirmation).find((c) => c.label === '确认保存');
    await s.lc.clickButton({ messageId: confirmation.id, customId: control!.customId, userId: county.dmLiaison }).waitForReply();
    const [report] = await s.eventually(async () => {
      const rows = await reportsOf(county.units.service);
      return rows[0]?.revision === 2 && rows;
    });
    expect(report).toMatchObject({ seq: 4, status: 'in_progress', revision: 2 });
  });

  it('gathers supporting units’ reports under the lead’s in /task', async () => {
    const s = stack();
    await repliedToReminder();
    const text = await s.seen(s.run('coordinator', 'task show', { number: '2' }));
    expect(text).toMatch(/牵头[\s\S]*区司法局[\s\S]*尚未报送[\s\S]*配合[\s\S]*城关镇[\s\S]*已完成/);
  });

  it('tells the liaison when storing fails and gives their text back', async () => {
    const s = stack();
    await repliedToReminder();
    const opened = s.run('liaison', 'progress', { task: '3' });
    await opened.modal();
    const period = await s.storage.db.selectFrom('reporting_periods').select('id').where('key', '=', '2026-Q1').executeTakeFirstOrThrow();
    await closePeriod(s.app, { workspaceId: county.workspaceId, actorId: s.userId('coordinator'), periodId: period.id });
    const text = await s.seen(
      s.lc.submitModal({
        userId: s.userId('liaison'),
        from: opened,
        fields: { status: ['done'], text: '网上办理率已达72%,超额完成。', percent: '', evidence: [] },
      }),
    );
    expect(text).toContain('进展没有保存');
    expect(text).toContain('报送周期已由督办人关闭');
    expect(text).toContain('网上办理率已达72%,超额完成。');
    const reports = await reportsOf(county.units.chengguan);
    expect(reports.find((r) => r.seq === 3)?.percent).toBe(65);
  });
});
