import { describe, expect, it } from 'vitest';
import { importNotice } from '../../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../../src/app/notices/prepare-notice-import.js';
import { recordProgress } from '../../src/app/progress/record-progress.js';
import { correctionNoteLines } from '../../src/discord/render/notice-corrections.js';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import { seedWorkspace, useBotStack, type BotStack } from './support/bot-stack.js';

// Task （四） names no unit: 未指定牵头单位. Q1 2026 is due Wednesday 25 March; reminders go at 09:00 Shanghai (01:00 UTC).
const notice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想,年内开展集中学习4次以上。（城关镇负责）
（二）推进基层法治建设,打造法治示范村2个。（区司法局负责）
二、严格规范公正文明执法
（三）推进“互联网+政务服务”,网上办理率达到70%以上。（区政务服务中心负责）
（四）开展行政执法案卷评查,每半年不少于1次。
`;

// The revision leaves （一） as it was and gives （四） its own units.
const revised = notice.replace('（四）开展行政执法案卷评查,每半年不少于1次。', '（四）开展行政执法案卷评查,每半年不少于1次。（区政务服务中心、城关镇负责）');

describe('/task edit, add, remove and restore: coordinators correct the task list', () => {
  const stack = useBotStack({ queue: true });

  const unitsOf = async (s: BotStack, seq: number) =>
    (
      await s.storage.db
        .selectFrom('task_units')
        .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
        .select(['task_units.name_as_written', 'task_units.role'])
        .where('tasks.seq', '=', seq)
        .where('tasks.retired_at', 'is', null)
        .orderBy('task_units.position')
        .execute()
    ).map((row) => `${row.role}:${row.name_as_written}`);
  const pending = (s: BotStack, unitId: number) =>
    s.storage.db.selectFrom('reminder_deliveries').select('id').where('unit_id', '=', unitId).where('status', '=', 'pending').execute();

  // Each step happens once in the file, whichever test needs it first, so every test can also run alone.
  const seeded = (s: BotStack) =>
    s.once('seeded', async () => {
      s.clock.set('2026-03-02T01:00:00Z');
      const justice = s.lc.createUser({ username: 'justice-liaison', globalName: '司法局 孙丽' });
      const service = s.lc.createUser({ username: 'service-liaison', globalName: '政务服务中心 周洋' });
      s.lc.addMember(s.world.guild.id, justice.id);
      s.lc.addMember(s.world.guild.id, service.id);
      const seeded = await seedWorkspace(s, {
        notice,
        bindings: [
          ['城关镇', 'channel', s.world.channels.unit.id],
          ['城关镇', 'role', s.world.roles.liaisons.id],
          ['区司法局', 'user', justice.id],
          ['区政务服务中心', 'user', service.id],
        ],
      });
      const [chengguan = 0, , justiceId = 0, serviceId = 0] = seeded.unitIds;
      const units = { chengguan, justice: justiceId, service: serviceId };
      await s.eventually(async () => (await pending(s, units.chengguan)).length === 5);
      return { workspaceId: seeded.workspaceId, units, justiceLiaison: justice.id, serviceLiaison: service.id };
    });
  const leadMoved = (s: BotStack) =>
    s.once('lead of （一） moved to 区司法局', async () => {
      const { units } = await seeded(s);
      const answer = await s.seen(s.run('coordinator', 'task edit', { number: '1', lead: '区司法局' }));
      // 城关镇 answered for （一） alone: it owes nothing now, so nothing is left to remind it of.
      await s.eventually(async () => (await pending(s, units.chengguan)).length === 0);
      return answer;
    });
  const supportGiven = (s: BotStack) =>
    s.once('（四） given a supporting unit', async () => {
      await seeded(s);
      return s.seen(s.run('coordinator', 'task edit', { number: '4', supporting: '区政务服务中心' }));
    });
  const taskAdded = (s: BotStack) =>
    s.once('（五） added', async () => {
      await seeded(s);
      const refused = await s.seen(s.run('coordinator', 'task add', { section: 2, title: '开展公正文明执法培训', lead: '区人民法院' }));
      const unitAfterRefusal = await s.storage.db.selectFrom('units').select('id').where('name', '=', '区人民法院').execute();
      const answer = await s.seen(
        s.run('coordinator', 'task add', { section: 2, title: '开展公正文明执法培训', lead: '区人民法院', supporting: '区司法局', category: 'department' }),
      );
      return { refused, unitAfterRefusal, answer };
    });
  const task3Reported = (s: BotStack) =>
    s.once('（三） reported by 区政务服务中心', async () => {
      const { workspaceId, units, serviceLiaison } = await seeded(s);
      const task3 = await s.storage.db.selectFrom('tasks').select('id').where('seq', '=', 3).where('retired_at', 'is', null).executeTakeFirstOrThrow();
      const period = await s.storage.db.selectFrom('reporting_periods').select('id').where('key', '=', '2026-Q1').executeTakeFirstOrThrow();
      await recordProgress(s.app, {
        workspaceId,
        unitId: units.service,
        taskId: task3.id,
        periodId: period.id,
        actorId: serviceLiaison,
        source: 'command',
        submission: { status: 'in_progress', percent: 40, text: '网上办理率已达六成。' },
      });
      return task3.id;
    });

  it('lists the task without a lead unit as 未指定牵头单位 in /tasks and /status, and plans no reminder for it', async () => {
    const s = stack();
    await seeded(s);
    const list = await s.seen(s.run('coordinator', 'tasks'));
    expect(list).toMatch(/\*\*4\.\*\*[^\n]*\n\s*牵头:\*\*未指定牵头单位\*\*/);
    expect(list).toContain('/任务 修改');
    const status = await s.seen(s.run('coordinator', 'status'));
    expect(status).toContain('未指定牵头单位(1)');
    expect(status).toContain('第 4 项');
    expect(status).toContain('/任务 修改');
    expect(await s.seen(s.run('coordinator', 'task show', { number: '4' }))).toContain('未指定牵头单位');
  });

  it('refuses a liaison and an outsider every correction, in Chinese, and changes nothing', async () => {
    const s = stack();
    await seeded(s);
    const before = await s.storage.db.selectFrom('task_units').select(['task_id', 'unit_id', 'role']).orderBy('id').execute();
    const tasksBefore = await s.storage.db.selectFrom('tasks').select(['id', 'seq', 'title', 'retired_at']).orderBy('id').execute();
    const auditBefore = await s.storage.db.selectFrom('audit_log').select('id').where('action', 'like', 'task.%').execute();
    for (const persona of ['liaison', 'outsider'] as const) {
      for (const [name, options] of [
        ['task edit', { number: '1', lead: '区司法局' }],
        ['task add', { section: 2, title: '开展执法培训', lead: '区司法局' }],
        ['task remove', { number: '3' }],
        ['task restore', { number: '3' }],
      ] as const) {
        expect(await s.seen(s.run(persona, name, options))).toMatch(/仅限督办人|督办人/);
      }
    }
    expect(await s.storage.db.selectFrom('task_units').select(['task_id', 'unit_id', 'role']).orderBy('id').execute()).toEqual(before);
    expect(await s.storage.db.selectFrom('tasks').select(['id', 'seq', 'title', 'retired_at']).orderBy('id').execute()).toEqual(tasksBefore);
    expect(await s.storage.db.selectFrom('audit_log').select('id').where('action', 'like', 'task.%').execute()).toEqual(auditBefore);
  });

  it('moves a task to a new lead: the old lead’s pending reminders are cancelled, the change is audited', async () => {
    const s = stack();
    const answer = await leadMoved(s);
    expect(answer).toContain('牵头单位:城关镇 → 区司法局');
    expect(answer).toContain('不再负责:城关镇');
    expect(await unitsOf(s, 1)).toEqual(['lead:区司法局']);
    const audit = await s.storage.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'task.edit')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).toContain('区司法局');
  });

  it('gives a lead-less task supporting units: it stays 未指定牵头单位 and asks them nothing', async () => {
    const s = stack();
    const answer = await supportGiven(s);
    expect(answer).toContain('配合单位:无 → 区政务服务中心');
    expect(answer).toContain('未指定牵头单位');
    expect(await unitsOf(s, 4)).toEqual(['support:区政务服务中心']);
  });

  it('refuses a name not in the directory without a category, and adds a task with a unit created on the spot', async () => {
    const s = stack();
    const { refused, unitAfterRefusal, answer } = await taskAdded(s);
    expect(refused).toContain('单位目录中没有“区人民法院”');
    expect(refused).toContain('类别');
    expect(unitAfterRefusal).toEqual([]);
    expect(answer).toContain('已新增第 5 项任务:（五）开展公正文明执法培训');
    expect(answer).toContain('已在单位目录中新建单位“区人民法院”(部门)');
    expect(await unitsOf(s, 5)).toEqual(['lead:区人民法院', 'support:区司法局']);
    expect(await s.seen(s.run('coordinator', 'task show', { number: '5' }))).toContain('区人民法院');
  });

  it('retires a task with /task remove: it leaves /status and /tasks, its report is kept, and /task restore brings it back', async () => {
    const s = stack();
    const { units } = await seeded(s);
    const task3 = await task3Reported(s);

    const removed = await s.seen(s.run('coordinator', 'task remove', { number: '3', reason: '与第 4 项重复' }));
    expect(removed).toContain('已撤销第 3 项任务');
    expect(removed).toContain('/任务 恢复');
    expect(await s.seen(s.run('coordinator', 'tasks'))).not.toContain('**3.**');
    expect(await s.seen(s.run('coordinator', 'task show', { number: '3' }))).toContain('没有第 3 项任务');
    expect(await s.storage.db.selectFrom('progress_reports').select('id').where('task_id', '=', task3).execute()).toHaveLength(1);
    // 区政务服务中心 owes nothing now (（四） has no lead): its pending reminders go.
    await s.eventually(async () => (await pending(s, units.service)).length === 0);

    const offered = (persona: 'coordinator' | 'liaison') =>
      s.lc
        .runAutocomplete({
          userId: s.userId(persona),
          channelId: s.world.channels.general.id,
          name: 'task restore',
          options: { number: '' },
          focused: 'number',
        })
        .choices();
    expect(await offered('coordinator')).toEqual([{ name: '3. 推进“互联网+政务服务”(已撤销)', value: '3' }]);
    expect(await offered('liaison')).toEqual([]);
    expect(await s.seen(s.run('liaison', 'task restore', { number: '3' }))).toContain('仅限督办人');
    const restored = await s.seen(s.run('coordinator', 'task restore', { number: '3' }));
    expect(restored).toContain('已恢复第 3 项任务');
    expect(await s.seen(s.run('coordinator', 'task show', { number: '3' }))).toContain('网上办理率已达六成');
    await s.eventually(async () => (await pending(s, units.service)).length === 5);
    expect((await s.storage.db.selectFrom('audit_log').select('action').where('action', 'in', ['task.remove', 'task.restore']).execute()).length).toBe(2);
  });

  it('reminds the new lead on the due date and not the old one, and never for the lead-less task', async () => {
    const s = stack();
    const { units, justiceLiaison, serviceLiaison } = await seeded(s);
    await leadMoved(s);
    await task3Reported(s);
    await s.travelTo('2026-03-25T01:00:00Z');
    const toJustice = await s.lc.waitForMessage((m) => m.channel_id === s.lc.dmChannelId(justiceLiaison), 10_000);
    expect(renderMessageText(toJustice)).toContain('（一）');
    // Every due-date reminder has settled: 城关镇 had none planned, and its channel got nothing.
    await s.eventually(async () => {
      const unsettled = await s.storage.db
        .selectFrom('reminder_deliveries')
        .select('id')
        .where('stage', '=', 'due')
        .where('status', 'in', ['pending', 'sending'])
        .execute();
      return unsettled.length === 0;
    });
    // 区政务服务中心 reported （三）, and （四） (no lead) asks it nothing: it is not reminded at all.
    const serviceDue = await s.storage.db
      .selectFrom('reminder_deliveries')
      .select(['status', 'last_error'])
      .where('unit_id', '=', units.service)
      .where('stage', '=', 'due')
      .executeTakeFirstOrThrow();
    expect(serviceDue).toEqual({ status: 'skipped', last_error: '该单位已报送本期全部任务' });
    expect(s.lc.messages(s.lc.dmChannelId(serviceLiaison)).filter((m) => m.author.id === s.lc.botUserId)).toEqual([]);
    expect(
      await s.storage.db.selectFrom('reminder_deliveries').select('id').where('unit_id', '=', units.chengguan).where('status', '=', 'sent').execute(),
    ).toEqual([]);
    expect(s.lc.messages(s.world.channels.unit.id).filter((m) => m.author.id === s.lc.botUserId)).toEqual([]);
  });

  it('counts the new lead in the ranking and not the old one', async () => {
    const s = stack();
    await leadMoved(s);
    const reply = await s.run('leader', 'ranking show', { year: 2026, quarter: 1 }).waitForReply(20_000);
    const fields = Object.fromEntries((reply.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(Object.keys(fields).some((name) => name.startsWith('镇街'))).toBe(false);
    expect(Object.values(fields).join('\n')).toContain('区司法局');
    expect(Object.values(fields).join('\n')).not.toMatch(/第\d+名 城关镇/);
  });

  it('keeps a correction on re-import where the revision did not change the task, and says where the revision replaces one', async () => {
    const s = stack();
    const { workspaceId } = await seeded(s);
    for (const step of [leadMoved, supportGiven, taskAdded, task3Reported]) await step(s);
    const coordinator = s.userId('coordinator');
    const { draftId, draft } = await prepareNoticeImport(s.app, { workspaceId, actorId: coordinator, text: revised, sourceKind: 'text', sourceName: null });
    const lines = correctionNoteLines(draft.diff?.corrections).join('\n');
    expect(lines).toMatch(/（一）[^\n]*保留您此前的修正\(.*牵头单位:区司法局\)/);
    expect(lines).toMatch(/（四）[^\n]*通知已改动配合单位,您此前的修正\(区政务服务中心\)将被通知中的新内容替换/);
    expect(lines).toMatch(/（五）[^\n]*您新增的任务在新通知中没有,予以保留/);
    expect(draft.diff?.removed).toEqual([]);

    const imported = await importNotice(s.app, { workspaceId, actorId: coordinator, draftId });
    expect(imported.leaderlessTasks).toBe(0);
    expect(await unitsOf(s, 1)).toEqual(['lead:区司法局']);
    expect(await unitsOf(s, 4)).toEqual(['lead:区政务服务中心', 'support:城关镇']);
    expect(await unitsOf(s, 5)).toEqual(['lead:区人民法院', 'support:区司法局']);
    const show = await s.seen(s.run('coordinator', 'task show', { number: '3' }));
    expect(show).toContain('网上办理率已达六成');
  });
});
