import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { ChannelType, type APIMessage } from 'discord-api-types/v10';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { AttachmentInput, InteractionHandle, ModalFieldInput, OptionInputs } from 'localcord';
import { listControls, renderMessageText } from '../../src/sandbox/render-message.js';
import type { PersonaName } from '../../src/sandbox/sandbox-world.js';
import { expectClearRefusal, expectNoPings, hostile, otherGuild, refused, snapshot, unchanged } from './support/bad-input.js';
import { ONE_PIXEL_PNG } from '../fixtures/make-fixtures.js';
import { seedCounty, useBotStack, type BotStack, type SeededCounty } from './support/bot-stack.js';

const PNG = ONE_PIXEL_PNG;
/** The start of a Windows program (a PE file's DOS header), then padding. */
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]), Buffer.alloc(300)]);
/** Hostile text with the masked link first, so even a view that shows only the start of a report shows it. */
const hostileText = [hostile.link, hostile.everyone, hostile.mention, hostile.sql, hostile.zeroWidth, hostile.rtl].join(' ');
/** A masked link the bot has turned into plain text. */
const escapedLink = '\\[点我领取\\](https://example.invalid/x)';

// Q1 2026 is due Wednesday 25 March; the tests run on that day, 09:00 in Shanghai, after the day's reminders went out.
// 城关镇 leads (一)(三) and supports (二); 区司法局 supports (一)(四) and leads (二); 区政务服务中心 leads (四).
describe('bad input in reporting: /progress, /status, /reminders, /ranking, /summary, /report and /audit refuse it clearly and change nothing', () => {
  const stack = useBotStack({ queue: true });
  let county: SeededCounty;
  /** 城关镇's reminder in its channel, with 填报进展. */
  let reminder: APIMessage;

  const run = (s: BotStack, persona: PersonaName, name: string, options: OptionInputs = {}) => s.run(persona, name, options);

  /** Waits until the queue has nothing left to write: two snapshots a moment apart are the same. */
  async function settled(s: BotStack): Promise<void> {
    await s.eventually(async () => {
      const before = await snapshot(s);
      await sleep(300);
      return isDeepStrictEqual(before, await snapshot(s));
    }, 15_000);
  }

  /** Opens /progress for a task as the liaison and submits the form with these fields. */
  async function submitProgress(s: BotStack, task: string, fields: Record<string, ModalFieldInput>): Promise<InteractionHandle> {
    const opened = run(s, 'liaison', 'progress', { task });
    await opened.modal();
    return s.lc.submitModal({
      userId: s.userId('liaison'),
      from: opened,
      fields: { status: ['in_progress'], text: '按计划推进。', percent: '', evidence: [], ...fields },
    });
  }

  /** The liaison (or someone else) replies to 城关镇's reminder; resolves to the bot's answer. */
  async function replyToReminder(s: BotStack, content: string, options: { userId?: string; attachments?: AttachmentInput[] } = {}): Promise<APIMessage> {
    const reply = s.lc.sendMessage({
      channelId: s.world.channels.unit.id,
      userId: options.userId ?? s.userId('liaison'),
      replyTo: reminder.id,
      content,
      ...(options.attachments ? { attachments: options.attachments } : {}),
    });
    // The bot's answers share the channel's 5 messages in 5 seconds with everything else said there.
    const answer = await s.lc.waitForMessage((m) => m.message_reference?.message_id === reply.id, 15_000);
    expectNoPings(answer);
    return answer;
  }

  const pressAs = (s: BotStack, userId: string, message: APIMessage, label: string) => {
    const control = listControls(message).find((c) => c.label === label);
    if (!control) throw new Error(`no button "${label}" on:\n${renderMessageText(message)}`);
    return s.lc.clickButton({ messageId: message.id, customId: control.customId, userId });
  };

  /** The county seeded on 2 March, on the due day with today's reminders sent and 城关镇's (一) reported: what the liaison was told. */
  const started = async () => {
    const s = stack();
    const state = await s.once('started', async () => {
      s.clock.set('2026-03-02T01:00:00Z');
      const seeded = await seedCounty(s);
      await s.eventually(() => s.storage.db.selectFrom('reminder_deliveries').select('id').where('stage', '=', 'due').executeTakeFirst());
      await s.travelTo('2026-03-25T01:00:00Z');
      const sent = await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id && (m.embeds[0]?.title ?? '').includes('今日截止'), 10_000);
      const text = await s.seen(await submitProgress(s, '1', { text: '已开展集中学习2次。', percent: '50' }));
      await settled(s);
      return { county: seeded, reminder: sent, saved: text };
    });
    ({ county, reminder } = state);
    return state.saved;
  };
  /** The liaison's report on (三) in hostile text, blocked. */
  const hostileReport = async () => {
    const s = stack();
    await started();
    return s.once('hostile report', () => submitProgress(s, '3', { status: ['blocked'], text: hostileText }));
  };

  it('starts from a county with a notice, bound liaisons, a report, and today’s reminders sent', async () => {
    expect(await started()).toContain('已保存“城关镇”2026年第一季度的进展');
  });

  describe('/progress and its form', () => {
    it('never lets an over-long or wrongly typed task number reach the bot', () => {
      const s = stack();
      expect(() => run(s, 'liaison', 'progress', { task: '1'.repeat(101) })).toThrow(/at most 100/);
      expect(() => run(s, 'liaison', 'progress', { task: 1 })).toThrow(/takes a string/);
      expect(() => run(s, 'liaison', 'progress')).toThrow(/required/);
    });

    it('refuses task numbers that are blank, not numbers, unknown, or not the liaison’s unit’s', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        for (const task of ['', '   ', 'abc', '一', '1.5', '-1', '1e3', '1 OR 1=1', hostile.sql, hostile.zeroWidth, `${'9'.repeat(99)}x`]) {
          await refused(s, run(s, 'liaison', 'progress', { task }), '任务编号应为数字');
        }
        await refused(s, run(s, 'liaison', 'progress', { task: '99999' }), '没有第 99999 项任务');
        await refused(s, run(s, 'liaison', 'progress', { task: '4' }), '不属于你所在的单位(城关镇)');
        for (const persona of ['coordinator', 'leader', 'outsider'] as const) await refused(s, run(s, persona, 'progress', { task: '1' }), '你还没有绑定单位');
        expect(
          await s.lc
            .runAutocomplete({ userId: s.userId('liaison'), channelId: s.world.channels.general.id, name: 'progress', options: { task: '4' }, focused: 'task' })
            .choices(),
        ).toEqual([]);
        expect(
          await s.lc
            .runAutocomplete({ userId: s.userId('outsider'), channelId: s.world.channels.general.id, name: 'progress', options: { task: '' }, focused: 'task' })
            .choices(),
        ).toEqual([]);
      });
    });

    it('never lets an empty, over-long or made-up form reach the bot (the local server refuses what Discord would)', async () => {
      const s = stack();

      await started();
      const opened = run(s, 'liaison', 'progress', { task: '3' });
      expect((await opened.modal()).title).toBe('填报进展 · 第 3 项');
      const submit = (fields: Record<string, ModalFieldInput>) => () =>
        s.lc.submitModal({
          userId: s.userId('liaison'),
          from: opened,
          fields: { status: ['in_progress'], text: '推进中。', percent: '', evidence: [], ...fields },
        });
      expect(submit({ text: '' })).toThrow(/"text" is required/);
      expect(submit({ text: '进'.repeat(4001) })).toThrow(/at most 4000/);
      expect(submit({ text: 'x'.repeat(10 * 1024 * 1024) })).toThrow(/at most 4000/);
      expect(submit({ percent: '100.0' })).toThrow(/at most 4/);
      expect(submit({ status: [] })).toThrow(/takes 1–1 values/);
      expect(submit({ status: ['deleted'] })).toThrow(/has no option deleted/);
      expect(submit({ status: 'done' })).toThrow(/is a select/);
      expect(submit({ evidence: Array.from({ length: 6 }, (_, i) => ({ filename: `${i}.txt`, bytes: Buffer.from('签到') })) })).toThrow(/takes 0–5 values/);
      expect(submit({ comment: '多出来的输入' })).toThrow(/has no input comment/);
      expect(() => s.lc.submitModal({ userId: s.userId('outsider'), from: opened, fields: { status: ['done'], text: '冒名填报' } })).toThrow(/another user/);
    });

    it('refuses a blank or invisible report and percentages that are not 0–100 or do not fit the status, keeping the earlier report', async () => {
      const s = stack();

      await started();
      const cases: [Record<string, ModalFieldInput>, RegExp | string][] = [
        [{ text: '   \n\t ' }, '请填写进展情况'],
        [{ text: '\u200b\u200c\u200d\u2060\ufeff' }, '请填写进展情况'],
        [{ text: ` \u202e\u200b ` }, '请填写进展情况'],
        [{ percent: 'abc' }, '完成百分比应为0到100之间的整数'],
        [{ percent: '101' }, '完成百分比应为0到100之间的整数'],
        [{ percent: '-1' }, '完成百分比应为0到100之间的整数'],
        [{ percent: '1e2' }, '完成百分比应为0到100之间的整数'],
        [{ percent: '50.5' }, '完成百分比应为0到100之间的整数'],
        [{ percent: "1'--" }, '完成百分比应为0到100之间的整数'],
        [{ status: ['done'], percent: '50' }, '状态为“已完成”时，完成百分比应为100或不填'],
        [{ status: ['not_started'], percent: '30' }, '状态为“未启动”时，完成百分比应为0或不填'],
      ];
      await unchanged(s, async () => {
        for (const [fields, says] of cases) {
          const text = await refused(s, await submitProgress(s, '1', fields), says);
          expect(text).toContain('进展没有保存');
        }
      });
    });

    it('gives the liaison their text back when the form is refused, pinging nobody', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        const handle = await submitProgress(s, '1', { text: hostileText, percent: '999' });
        const text = await refused(s, handle, '完成百分比');
        expect(text).toContain(hostile.everyone);
        expectNoPings(await handle.waitForReply());
      });
    });

    it('refuses the 填报进展 button to anyone but the unit’s liaison', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        for (const userId of [county.blockedLiaison, county.dmLiaison, s.userId('coordinator'), s.userId('leader'), s.userId('outsider')]) {
          await refused(s, pressAs(s, userId, reminder, '填报进展'), '只有该单位的联络员可以填报');
        }
      });
    });

    it('refuses a form from someone who stopped being the unit’s liaison after opening it', async () => {
      const s = stack();

      await started();
      const opened = run(s, 'liaison', 'progress', { task: '3' });
      await opened.modal();
      await unchanged(s, async () => {
        s.lc.addMember(s.world.guild.id, s.userId('liaison'), { roles: [] });
        try {
          const submitted = s.lc.submitModal({
            userId: s.userId('liaison'),
            from: opened,
            fields: { status: ['done'], text: '已完成。', percent: '', evidence: [] },
          });
          await refused(s, submitted, '只有该单位的联络员可以填报');
        } finally {
          s.lc.addMember(s.world.guild.id, s.userId('liaison'), { roles: [s.world.roles.liaisons.id] });
        }
      });
    });
  });

  describe('evidence files', () => {
    const cases: { what: string; file: AttachmentInput; says: RegExp }[] = [
      {
        what: 'a .pdf that is text',
        file: { filename: '佐证.pdf', bytes: Buffer.from('这不是PDF'), contentType: 'application/pdf' },
        says: /“佐证\.pdf”不是有效的 PDF 文件/,
      },
      {
        what: 'a .docx that is a picture',
        file: { filename: '总结.docx', bytes: PNG, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
        says: /“总结\.docx”不是有效的 Word 文件/,
      },
      { what: 'a .jpg that is a program', file: { filename: '现场照片.jpg', bytes: EXE, contentType: 'image/jpeg' }, says: /“现场照片\.jpg”是可执行程序/ },
      {
        what: 'a program under its own name',
        file: { filename: 'setup.exe', bytes: EXE, contentType: 'application/x-msdownload' },
        says: /“setup\.exe”是可执行程序/,
      },
      {
        what: 'a .txt sent as a PDF',
        file: { filename: '说明.txt', bytes: Buffer.from('签到 32 人'), contentType: 'application/pdf' },
        says: /“说明\.txt”不是有效的 PDF 文件/,
      },
      { what: 'an empty file', file: { filename: '空.txt', bytes: new Uint8Array(0), contentType: 'text/plain' }, says: /“空\.txt”是空文件/ },
      {
        what: 'a file over 20 MB',
        file: { filename: '录像.txt', bytes: Buffer.alloc(20 * 1024 * 1024 + 1, 'a'), contentType: 'text/plain' },
        says: /超过 20 MB/,
      },
    ];
    for (const c of cases) {
      it(`refuses ${c.what} in the form, with the good files beside it, storing none of them`, async () => {
        const s = stack();
        await started();
        await unchanged(s, async () => {
          const good = { filename: '签到表.png', bytes: PNG, contentType: 'image/png' };
          const text = await refused(s, await submitProgress(s, '3', { evidence: [good, c.file] }), c.says);
          expect(text).toContain('进展没有保存');
        });
      });
    }

    it('refuses a file that is not what it claims sent with a chat reply, when it is confirmed', async () => {
      const s = stack();

      await started();
      const confirmation = await replyToReminder(s, '(三)网上办理率已达65%', {
        attachments: [{ filename: '办理率.pdf', bytes: Buffer.from('月份,办理率'), contentType: 'application/pdf' }],
      });
      expect(renderMessageText(confirmation)).toContain('附件 1 个');
      await unchanged(s, async () => {
        const pressed = pressAs(s, s.userId('liaison'), confirmation, '确认保存');
        const failure = renderMessageText(await pressed.waitForFollowUp());
        expectClearRefusal(failure, /“办理率\.pdf”不是有效的 PDF 文件/);
        expect(failure).toContain('进展没有保存');
      });
      await s.seen(s.click('liaison', s.lc.message(confirmation.id) ?? confirmation, '取消'));
      await settled(s);
    });
  });

  describe('free-text replies to a reminder', () => {
    it('never lets a reply past Discord’s 2,000 characters reach the bot', async () => {
      const s = stack();
      await started();
      expect(() =>
        s.lc.sendMessage({ channelId: s.world.channels.unit.id, userId: s.userId('liaison'), replyTo: reminder.id, content: `(三)${'进'.repeat(2000)}` }),
      ).toThrow(/Invalid Form Body/);
      expect(() =>
        s.lc.sendMessage({ channelId: s.world.channels.unit.id, userId: s.userId('liaison'), replyTo: reminder.id, content: 'x'.repeat(10 * 1024 * 1024) }),
      ).toThrow(/Invalid Form Body/);
    });

    it('answers an empty, invisible, number-less or hostile reply with how to write it, storing nothing', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        const empty = await replyToReminder(s, '', { attachments: [{ filename: '签到表.png', bytes: PNG, contentType: 'image/png' }] });
        expectClearRefusal(empty.content, '请在回复中用文字写明各项进展');
        for (const content of ['\u200b\u200d\u2060', '(三)\u200b\u200d', '(三)   ', '（九十九）已完成', hostileText, "'; drop table progress_reports; --"]) {
          const answer = await replyToReminder(s, content);
          expectClearRefusal(answer.content, '没能从回复中认出任务编号');
          expect(answer.components ?? []).toEqual([]);
        }
      });
    });

    it('refuses a reply from the liaison of another unit', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        const answer = await replyToReminder(s, '(一)已完成全部学习。', { userId: county.blockedLiaison });
        expectClearRefusal(answer.content, '只有“城关镇”的联络员可以通过回复提醒报送进展');
      });
    });

    it('refuses someone else’s press on a liaison’s 确认保存 or 取消', async () => {
      const s = stack();

      await started();
      const confirmation = await replyToReminder(s, '(三)网上办理率已达65%,正在推进。');
      expect(renderMessageText(confirmation, { controls: true })).toContain('确认保存');
      await unchanged(s, async () => {
        for (const userId of [county.blockedLiaison, s.userId('coordinator'), s.userId('outsider')]) {
          for (const label of ['确认保存', '取消']) await refused(s, pressAs(s, userId, confirmation, label), '只有写这条回复的联络员本人可以确认或取消');
        }
      });
      expect(await s.seen(s.click('liaison', confirmation, '取消'))).toContain('已取消,没有保存任何内容');
    });
  });

  describe('hostile text in a report', () => {
    it('stores what the liaison wrote as written, and shows it back without a ping or a link', async () => {
      const s = stack();
      await started();
      const handle = await hostileReport();
      expect(await s.seen(handle)).toContain('已保存“城关镇”');
      expectNoPings(await handle.waitForReply());
      const task = await s.storage.db.selectFrom('tasks').select('id').where('seq', '=', 3).executeTakeFirstOrThrow();
      const stored = await s.storage.db
        .selectFrom('progress_reports')
        .select('body')
        .where('task_id', '=', task.id)
        .where('unit_id', '=', county.units.chengguan)
        .executeTakeFirstOrThrow();
      expect(stored.body).toBe(hostileText);
      expect(await s.storage.db.selectFrom('units').select('id').execute()).toHaveLength(3);

      const status = s.run('coordinator', 'status');
      const statusText = await s.seen(status);
      expect(statusText).toContain(`第 3 项 （三）(城关镇):${escapedLink}`);
      expect(statusText).not.toContain('\u202e');
      expectNoPings(await status.waitForReply());
      const view = s.run('coordinator', 'task show', { number: '3' });
      expect(await s.seen(view)).toContain(escapedLink);
      expectNoPings(await view.waitForReply());
    });

    it('quotes it in the leaders’ digest as plain text, pinging nobody', async () => {
      const s = stack();
      await hostileReport();
      await settled(s);
      expect(await s.seen(s.run('coordinator', 'summary now'))).toContain('已安排发送');
      const digest = await s.lc.waitForMessage(
        (m) => m.channel_id === s.world.channels.summary.id && (m.embeds[0]?.title ?? '').startsWith('督办工作周报'),
        10_000,
      );
      expectNoPings(digest);
      expect(renderMessageText(digest)).toContain(`城关镇:${escapedLink.slice(0, 20)}`);
      expect(renderMessageText(digest)).not.toContain(hostile.link);
      await settled(s);
    });

    it('repeats it in a refusal without pinging anyone', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        for (const period of Object.values(hostile)) {
          const handle = run(s, 'coordinator', 'status', { period });
          await refused(s, handle, '没有报送周期');
          expectNoPings(await handle.waitForReply());
        }
      });
    });
  });

  describe('/status and 催办', () => {
    it('never lets an over-long period reach the bot', () => {
      const s = stack();
      expect(() => run(s, 'coordinator', 'status', { period: '期'.repeat(61) })).toThrow(/at most 60/);
      expect(() => run(s, 'coordinator', 'status', { period: 1 })).toThrow(/takes a string/);
    });

    it('refuses periods that do not exist and anyone but coordinators and leaders', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        for (const period of ['   ', '2025-Q1', '2026-Q5', '2026年第五季度', `${'期'.repeat(58)}😀`])
          await refused(s, run(s, 'coordinator', 'status', { period }), '没有报送周期');
        expect(await s.seen(run(s, 'coordinator', 'status', { period: '2026-Q1' }))).toContain('2026年第一季度报送情况');
        for (const persona of ['liaison', 'outsider'] as const) await refused(s, run(s, persona, 'status'), '报送情况仅限督办人和领导查看');
        expect(
          await s.lc
            .runAutocomplete({
              userId: s.userId('liaison'),
              channelId: s.world.channels.general.id,
              name: 'status',
              options: { period: '2026' },
              focused: 'period',
            })
            .choices(),
        ).toEqual([]);
      });
    });

    it('refuses a second 催办 the same day from a view opened before the first', async () => {
      const s = stack();

      await started();
      const first = await run(s, 'coordinator', 'status').waitForReply();
      const second = await run(s, 'coordinator', 'status').waitForReply();
      expect(await s.seen(s.click('coordinator', first, '催办 区司法局'))).toContain('✅ 已向“区司法局”发出催办');
      await settled(s);
      await unchanged(s, async () => {
        await refused(s, s.click('coordinator', second, '催办 区司法局'), '今天已经催办过“区司法局”,每个单位每天最多催办一次');
      });
    });

    it('gives 催办 only to coordinators: a leader has no button, a liaison cannot press the coordinator’s, and one who lost the role is refused', async () => {
      const s = stack();

      await started();
      const leaderView = await run(s, 'leader', 'status').waitForReply();
      expect(() => s.click('leader', leaderView, '催办 城关镇')).toThrow(/no button/);
      const view = await run(s, 'coordinator', 'status').waitForReply();
      const nudge = listControls(view).find((c) => c.label === '催办 城关镇');
      expect(nudge).toBeDefined();
      await unchanged(s, async () => {
        expect(() => s.lc.clickButton({ messageId: view.id, customId: nudge?.customId ?? '', userId: s.userId('liaison') })).toThrow(
          /ephemeral for another user/,
        );
        s.lc.addMember(s.world.guild.id, s.userId('coordinator'), { roles: [] });
        try {
          for (const label of ['催办 城关镇', '关闭报送周期']) await refused(s, s.click('coordinator', view, label), '此操作仅限督办人');
        } finally {
          s.lc.addMember(s.world.guild.id, s.userId('coordinator'), { roles: [s.world.roles.coordinators.id] });
        }
      });
    });
  });

  describe('/reminders', () => {
    it('never lets a wrong type or an out-of-range value reach the bot', () => {
      const s = stack();
      const set = (options: OptionInputs) => () => run(s, 'coordinator', 'reminders set', options);
      expect(set({ time: '09:000' })).toThrow(/at most 5/);
      expect(set({ before_far: 31 })).toThrow(/at most 30/);
      expect(set({ before_near: -1 })).toThrow(/at least 0/);
      expect(set({ after: 'abc' })).toThrow(/takes a number/);
      expect(set({ escalate: 1.5 })).toThrow(/integer/);
      expect(set({ due_day: 0 })).toThrow(/at least 1/);
      expect(set({ due_day: 32 })).toThrow(/at most 31/);
      expect(set({ cadence: 'weekly' })).toThrow(/must be one of/);
      expect(() => run(s, 'coordinator', 'reminders calendar', { file: '2027.txt' })).toThrow(/takes a file/);
      expect(() => run(s, 'coordinator', 'reminders calendar')).toThrow(/required/);
    });

    it('refuses an empty change, times that are not times and stages out of order', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        await refused(s, run(s, 'coordinator', 'reminders set'), '请至少填写一项要修改的设置');
        for (const time of ['25:99', '24:00', '9:5', 'abc', '   ', '@here', "';--", '０９:６０'])
          await refused(s, run(s, 'coordinator', 'reminders set', { time }), '提醒时间格式应为 HH:MM');
        await refused(s, run(s, 'coordinator', 'reminders set', { before_far: 2, before_near: 3 }), '“提前较早”的工作日数应大于“提前较近”的工作日数');
      });
    });

    const calendarCases: { what: string; file: AttachmentInput; says: RegExp }[] = [
      {
        what: 'a year of 1900',
        file: { filename: '1900.txt', bytes: Buffer.from('year,1900\n1900-10-01,放假') },
        says: /年份：应为 2000 至 2100 之间的四位数字/,
      },
      {
        what: 'a JSON year of 3000',
        file: { filename: '3000.json', bytes: Buffer.from('{"year":3000,"holidays":["3000-10-01"]}') },
        says: /年份：应为 2000 至 2100 之间的四位数字/,
      },
      {
        what: 'JSON of the wrong types',
        file: { filename: 'x.json', bytes: Buffer.from('{"year":"二〇二七","holidays":"十月一日"}') },
        says: /年份：应为[\s\S]*节假日：应为日期列表/,
      },
      { what: 'JSON without a year', file: { filename: 'x.json', bytes: Buffer.from('{"holidays":["2027-10-01"]}') }, says: /年份：应为/ },
      { what: 'a date that does not exist', file: { filename: 'x.txt', bytes: Buffer.from('2027-02-30,放假') }, says: /无法识别日期“2027-02-30”/ },
      { what: 'a picture called .txt', file: { filename: '2027.txt', bytes: PNG, contentType: 'text/plain' }, says: /不是文本文件/ },
      { what: 'a program', file: { filename: '2027.txt', bytes: EXE }, says: /不是文本文件/ },
      { what: 'an empty file', file: { filename: '2027.txt', bytes: new Uint8Array(0) }, says: /无法确定年份/ },
      { what: 'a file over 256 KB', file: { filename: '2027.txt', bytes: Buffer.alloc(256 * 1024 + 1, '#') }, says: /超过 0\.25 MB 的上限/ },
      {
        what: 'SQL, mentions and links',
        file: { filename: '2027.txt', bytes: Buffer.from(`2027-10-01,${hostile.everyone}\n${hostile.link},放假\n${hostile.sql}`) },
        says: /类型“@everyone”无法识别/,
      },
    ];
    for (const c of calendarCases) {
      it(`refuses a calendar file with ${c.what}`, async () => {
        const s = stack();
        await started();
        await unchanged(s, async () => {
          const handle = run(s, 'coordinator', 'reminders calendar', { file: c.file });
          const text = await refused(s, handle, c.says);
          for (const garbage of ['\u0000', '\ufffd']) expect(text).not.toContain(garbage);
          expectNoPings(await handle.waitForReply());
        });
      });
    }

    it('reads a calendar file saved in GB18030, as Notepad on a Chinese Windows does', async () => {
      const s = stack();

      await started();
      const file = iconv.encode(['年份,2029', '2029-10-01~2029-10-07,放假', '2029-09-29,调休上班'].join('\r\n'), 'gb18030');
      expect(await s.seen(run(s, 'coordinator', 'reminders calendar', { file: { filename: '2029年节假日.txt', bytes: file } }))).toContain(
        '已导入 2029 年节假日安排:放假 7 天,调休上班 1 天',
      );
      await settled(s);
    });
  });

  describe('/ranking', () => {
    it('never lets a wrong type or an out-of-range value reach the bot', () => {
      const s = stack();
      const bonus = (options: OptionInputs) => () =>
        run(s, 'coordinator', 'ranking bonus', { unit: '区司法局', points: 2, reason: '承办现场会', quarter: 1, ...options });
      expect(bonus({ points: 'abc' })).toThrow(/takes a number/);
      expect(bonus({ points: 0 })).toThrow(/at least 0.5/);
      expect(bonus({ points: -5 })).toThrow(/at least 0.5/);
      expect(bonus({ points: 101 })).toThrow(/at most 100/);
      expect(bonus({ quarter: 5 })).toThrow(/must be one of/);
      expect(bonus({ quarter: 'Q1' })).toThrow(/takes a number/);
      expect(bonus({ year: 1900 })).toThrow(/at least 2000/);
      expect(bonus({ year: 3000 })).toThrow(/at most 2100/);
      expect(bonus({ year: 2026.5 })).toThrow(/integer/);
      expect(bonus({ unit: '区'.repeat(51) })).toThrow(/at most 50/);
      expect(bonus({ reason: '理'.repeat(301) })).toThrow(/at most 300/);
      expect(() => run(s, 'coordinator', 'ranking bonus', { unit: '区司法局', points: 2, quarter: 1 })).toThrow(/required/);
      expect(() => run(s, 'leader', 'ranking show', { quarter: 0 })).toThrow(/must be one of/);
      expect(() => run(s, 'leader', 'ranking show', { category: 'ministry' })).toThrow(/must be one of/);
      expect(() => run(s, 'leader', 'ranking show', { year: 'abc' })).toThrow(/takes a number/);
    });

    it('refuses a bonus with a blank or invisible reason or unit, an unknown unit, or too many decimals, even for a year not yet set up', async () => {
      const s = stack();

      await started();
      const bonus = (options: OptionInputs) =>
        run(s, 'coordinator', 'ranking bonus', { unit: '区司法局', points: 2, reason: '承办现场会', quarter: 1, ...options });
      await unchanged(s, async () => {
        for (const year of [2026, 2031]) {
          await refused(s, bonus({ year, reason: '   ' }), '请写明加分理由');
          await refused(s, bonus({ year, reason: '\u200b\u200d\u2060' }), '请写明加分理由');
          await refused(s, bonus({ year, unit: '' }), '请指明加分的单位');
          await refused(s, bonus({ year, unit: ' \u200b ' }), '请指明加分的单位');
          await refused(s, bonus({ year, points: 1.333 }), '加分最多保留两位小数');
          for (const unit of Object.values(hostile)) await refused(s, bonus({ year, unit }), '单位目录中没有');
        }
      });
    });

    it('refuses liaisons and outsiders every part of the ranking, and leaders the bonus', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        for (const persona of ['liaison', 'outsider'] as const) {
          await refused(s, run(s, persona, 'ranking show', { year: 2026, quarter: 1 }), '考核排名仅限督办人和领导查看');
          await refused(s, run(s, persona, 'ranking rules show'), '考核排名仅限督办人和领导查看');
          await refused(s, run(s, persona, 'ranking bonus', { unit: '城关镇', points: 5, reason: '自己给自己加分', quarter: 1 }), '此操作仅限督办人');
          expect(
            await s.lc
              .runAutocomplete({
                userId: s.userId(persona),
                channelId: s.world.channels.general.id,
                name: 'ranking bonus',
                options: { unit: '城' },
                focused: 'unit',
              })
              .choices(),
          ).toEqual([]);
        }
        await refused(s, run(s, 'leader', 'ranking bonus', { unit: '城关镇', points: 5, reason: '领导加分', quarter: 1, year: 2031 }), '此操作仅限督办人');
        const typed = async (unit: string) =>
          (
            await s.lc
              .runAutocomplete({
                userId: s.userId('coordinator'),
                channelId: s.world.channels.general.id,
                name: 'ranking bonus',
                options: { unit },
                focused: 'unit',
              })
              .choices()
          ).map((c) => c.name);
        for (const unit of Object.values(hostile)) expect(await typed(unit)).toEqual([]);
        expect(await typed('城')).toEqual(['城关镇']);
      });
    });

    it('shows a hostile bonus reason in the unit’s breakdown as plain text, pinging nobody', async () => {
      const s = stack();

      await started();
      const awarded = s.run('coordinator', 'ranking bonus', {
        unit: '城关镇',
        points: 1,
        reason: `${hostile.link} ${hostile.everyone} ${hostile.sql}`,
        quarter: 1,
        year: 2026,
      });
      expect(await s.seen(awarded)).toContain('已为城关镇在2026年第一季度加1分');
      expectNoPings(await awarded.waitForReply());
      const [row] = await s.storage.db.selectFrom('score_adjustments').select('reason').execute();
      expect(row?.reason).toBe(`${hostile.link} ${hostile.everyone} ${hostile.sql}`);
      const reply = await s.run('leader', 'ranking show', { year: 2026, quarter: 1 }).waitForReply(20_000);
      const select = listControls(reply).find((c) => c.kind === 'select');
      const detail = await s.lc
        .selectMenu({ messageId: reply.id, customId: select?.customId ?? '', userId: s.userId('leader'), values: [String(county.units.chengguan)] })
        .waitForReply(20_000);
      expectNoPings(detail);
      const text = renderMessageText(detail);
      expect(text).toContain(escapedLink);
      expect(text).not.toContain(hostile.link);
    });
  });

  describe('/summary', () => {
    it('never lets a wrong type or an out-of-range value reach the bot', () => {
      const s = stack();
      const set = (options: OptionInputs) => () => run(s, 'coordinator', 'summary set', options);
      const category = s.lc.createChannel(s.world.guild.id, { name: '分类', type: ChannelType.GuildCategory });
      const { guild } = otherGuild(s);
      expect(set({ weekday: 6 })).toThrow(/must be one of/);
      expect(set({ weekday: 0 })).toThrow(/must be one of/);
      expect(set({ weekday: 'Friday' })).toThrow(/takes a number/);
      expect(set({ grace: 31 })).toThrow(/at most 30/);
      expect(set({ grace: -1 })).toThrow(/at least 0/);
      expect(set({ time: '9' })).toThrow(/at least 4/);
      expect(set({ time: '09:000' })).toThrow(/at most 5/);
      expect(set({ ranking_time: '9:0:0:0' })).toThrow(/at most 5/);
      expect(set({ digest: 'yes' })).toThrow(/true or false/);
      expect(set({ channel: category.id })).toThrow(/channel type/);
      expect(set({ channel: guild.defaultChannelId })).toThrow(/no such channel/);
    });

    it('refuses a change with nothing to change, and times that are not times, saving nothing', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        await refused(s, run(s, 'coordinator', 'summary set'), '请至少填写一项要修改的设置');
        for (const time of ['25:99', '24:00', '9:00', 'abcd', '@here', "';--", '１６:６０']) {
          await refused(s, run(s, 'coordinator', 'summary set', { digest: true, time }), '时间应为 HH:MM');
          await refused(s, run(s, 'coordinator', 'summary set', { ranking: true, ranking_time: time }), '时间应为 HH:MM');
        }
      });
    });

    it('refuses liaisons, leaders and outsiders every part of it', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        for (const persona of ['liaison', 'leader', 'outsider'] as const) {
          for (const [name, options] of [
            ['summary show', {}],
            ['summary set', { digest: true, time: '16:00' }],
            ['summary now', {}],
          ] as const) {
            await refused(s, run(s, persona, name, options), '此操作仅限督办人');
          }
        }
      });
    });
  });

  describe('/report annual and /audit', () => {
    it('never let a wrong year, limit or actor reach the bot', () => {
      const s = stack();
      expect(() => run(s, 'leader', 'report annual', { year: 1900 })).toThrow(/at least 2000/);
      expect(() => run(s, 'leader', 'report annual', { year: 3000 })).toThrow(/at most 2100/);
      expect(() => run(s, 'leader', 'report annual', { year: '2026' })).toThrow(/takes a number/);
      expect(() => run(s, 'coordinator', 'audit', { limit: 0 })).toThrow(/at least 1/);
      expect(() => run(s, 'coordinator', 'audit', { actor: s.world.roles.leaders.id })).toThrow(/no user/);
      expect(() => run(s, 'coordinator', 'audit', { actor: hostile.everyone })).toThrow(/no user/);
    });

    /** /report annual refused: the reason, and no .docx. */
    const refusedDraft = async (s: BotStack, persona: PersonaName, year: number, says: string) => {
      const handle = run(s, persona, 'report annual', { year });
      await refused(s, handle, says);
      expect((await handle.waitForReply()).attachments).toEqual([]);
    };

    it('refuses a draft for a year without a notice, laying out nothing for it', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        for (const persona of ['leader', 'coordinator'] as const) await refusedDraft(s, persona, 2030, '2030年还没有导入工作要点，无法起草年度报告');
      });
    });

    it('refuse liaisons and outsiders the report, and everyone but coordinators the audit log', async () => {
      const s = stack();

      await started();
      await unchanged(s, async () => {
        for (const persona of ['liaison', 'outsider'] as const) await refusedDraft(s, persona, 2026, '年度报告草稿仅限督办人和领导生成');
        for (const persona of ['liaison', 'leader', 'outsider'] as const) await refused(s, run(s, persona, 'audit', { limit: 500 }), '此操作仅限督办人');
      });
    });
  });

  describe('a liaison trying every coordinator action of these commands', () => {
    it('is refused each one, with the reason', async () => {
      const s = stack();
      await started();
      await unchanged(s, async () => {
        const attempts: [string, OptionInputs, string][] = [
          ['ranking bonus', { unit: '城关镇', points: 5, reason: '自评', quarter: 1 }, '此操作仅限督办人'],
          ['ranking show', {}, '考核排名仅限督办人和领导查看'],
          ['ranking rules show', {}, '考核排名仅限督办人和领导查看'],
          ['summary show', {}, '此操作仅限督办人'],
          ['summary set', { digest: false }, '此操作仅限督办人'],
          ['summary now', {}, '此操作仅限督办人'],
          ['reminders show', {}, '提醒计划仅限督办人和领导查看'],
          ['reminders set', { time: '08:00' }, '此操作仅限督办人'],
          ['reminders failed', {}, '此操作仅限督办人'],
          ['reminders calendar', { file: { filename: '2027.txt', bytes: Buffer.from('2027-10-01,放假') } }, '此操作仅限督办人'],
          ['report annual', {}, '年度报告草稿仅限督办人和领导生成'],
          ['audit', {}, '此操作仅限督办人'],
          ['status', {}, '报送情况仅限督办人和领导查看'],
        ];
        for (const [name, options, says] of attempts) await refused(s, run(s, 'liaison', name, options), says);
      });
    });
  });

  describe('a member of another guild', () => {
    it('sees none of this workspace’s ranking, status, plan, report or audit log from their own guild', async () => {
      const s = stack();
      await started();
      const { runThere } = otherGuild(s);
      const ours = /城关镇|区司法局|区政务服务中心|清河区|集中学习/;
      const attempts: [string, OptionInputs][] = [
        ['status', {}],
        ['status', { period: '2026-Q1' }],
        ['ranking show', { year: 2026, quarter: 1 }],
        ['ranking show', { year: 2026 }],
        ['ranking rules show', {}],
        ['reminders show', {}],
        ['reminders failed', {}],
        ['summary show', {}],
        ['report annual', { year: 2026 }],
        ['audit', {}],
        ['progress', { task: '1' }],
      ];
      // Their workspace is made, and its periods laid out, on their first commands; from then on nothing of ours may change.
      for (const [name, options] of attempts) expect(await s.seen(runThere(name, options))).not.toMatch(ours);
      await unchanged(s, async () => {
        for (const [name, options] of attempts) {
          const text = await s.seen(runThere(name, options));
          expectClearRefusal(text);
          expect(text).not.toMatch(ours);
        }
        // Their directory has no 城关镇, whatever ours holds.
        await refused(s, runThere('ranking bonus', { unit: '城关镇', points: 1, reason: '跨服务器加分', quarter: 1, year: 2026 }), '单位目录中没有“城关镇”');
      });
    });

    it('cannot press this guild’s reminder, answer it, or run its commands here', async () => {
      const s = stack();

      await started();
      const { owner } = otherGuild(s);
      await unchanged(s, async () => {
        expect(() => pressAs(s, owner.id, reminder, '填报进展')).toThrow(/not a member/);
        expect(() => s.lc.sendMessage({ channelId: s.world.channels.unit.id, userId: owner.id, replyTo: reminder.id, content: '(一)已完成' })).toThrow(
          /not a member/,
        );
        expect(() => s.lc.runSlashCommand({ userId: owner.id, channelId: s.world.channels.general.id, name: 'ranking show' })).toThrow();
      });
    });
  });
});
