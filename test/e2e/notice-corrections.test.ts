import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { PersonaName } from '../../src/sandbox/sandbox-world.js';
import { listControls, renderMessageText } from '../../src/sandbox/render-message.js';
import { useBotStack, type BotStack } from './support/bot-stack.js';

/*
 * A coordinator corrects the parser's task list in the import preview (编辑 / 删除 / 新增任务) and what
 * is confirmed is exactly the corrected list; nobody else can correct it, and an older preview message
 * can neither correct nor confirm. The preview and /reminders show warn about what would keep a task silent.
 */

const NOTICE = [
  '清河区2026年法治政府建设工作要点',
  '一、依法行政',
  '（一）开展行政执法案卷评查，每半年不少于1次。（区司法局负责）',
  '（二）推进政务公开标准化规范化。（区政府各部门负责）',
  '（三）完善行政规范性文件备案审查。（区城管局负责）',
  '二、法治宣传',
  '（一）组织开展宪法宣传周活动。（区司法局、区教育局负责）',
].join('\n');

const controlId = (message: APIMessage, prefix: string) => {
  const control = listControls(message).find((c) => c.customId.startsWith(prefix));
  if (!control) throw new Error(`no control ${prefix} on the message:\n${renderMessageText(message)}`);
  return control.customId;
};

const draftOf = (message: APIMessage) => controlId(message, 'notice:confirm:').split(':')[2] ?? '';

async function preview(s: BotStack, text = NOTICE): Promise<APIMessage> {
  // The first parse starts the parser's worker thread: allow it more than the default wait.
  return s.run('coordinator', 'notice import', { text }).waitForReply(20_000);
}

async function select(s: BotStack, message: APIMessage, prefix: string, values: string[]): Promise<APIMessage> {
  return s.lc.selectMenu({ messageId: message.id, customId: controlId(message, prefix), userId: s.userId('coordinator'), values }).waitForReply();
}

/** Picks a task in the 编辑 menu and submits its form with these fields. */
async function editTask(s: BotStack, message: APIMessage, index: number, fields: Record<string, string>) {
  const handle = s.lc.selectMenu({
    messageId: message.id,
    customId: controlId(message, 'notice:edit:'),
    userId: s.userId('coordinator'),
    values: [String(index)],
  });
  await handle.modal();
  return s.lc.submitModal({ userId: s.userId('coordinator'), from: handle, fields });
}

async function addTask(s: BotStack, message: APIMessage, fields: Record<string, string>) {
  const handle = s.click('coordinator', message, '新增任务');
  await handle.modal();
  return s.lc.submitModal({ userId: s.userId('coordinator'), from: handle, fields });
}

const draftRevision = async (s: BotStack, draftId: string) => {
  const row = await s.storage.db.selectFrom('drafts').select('payload').where('id', '=', draftId).executeTakeFirstOrThrow();
  return (row.payload as { revision?: number }).revision ?? 0;
};

const noticeCount = async (s: BotStack) => (await s.storage.db.selectFrom('notices').select('id').execute()).length;

describe('correcting an import preview', () => {
  const stack = useBotStack();

  // The coordinators and a unit with its liaison bound, set up once for whichever test runs first.
  const setUp = (s: BotStack) =>
    s.once('coordinators and a bound unit', async () => {
      await s.run('admin', 'setup', { coordinators: s.world.roles.coordinators.id, leaders: s.world.roles.leaders.id }).waitForReply();
      await s.run('coordinator', 'unit add', { name: '区司法局', category: 'department' }).waitForReply();
      expect(await s.seen(s.run('coordinator', 'unit bind', { unit: '区司法局', user: s.userId('liaison') }))).not.toMatch(/错误|失败/);
    });

  it('warns in the preview about a lead that is an empty collective and units with no liaison, naming the commands that fix them', async () => {
    const s = stack();
    await setUp(s);
    const text = renderMessageText(await preview(s));
    expect(text).toContain('提醒发出前请处理');
    expect(text).toMatch(/一（二） 的牵头单位“区政府各部门”是统称,尚未指定成员单位/);
    expect(text).toContain('/单位 统称');
    expect(text).toMatch(/个单位尚未绑定联络员[^\n]*区城管局\(1 项\)/);
    expect(text).toContain('/单位 绑定');
    // 区司法局 has its liaison: it is not listed.
    expect(text).not.toMatch(/尚未绑定联络员[^\n]*区司法局/);
  });

  it('warns in the preview about page text swallowed into the last task, and shows the task without it', async () => {
    const s = stack();
    await setUp(s);
    const text = [
      '坡头区2017年法治政府建设工作要点',
      '一、依法行政',
      '（一）开展行政执法案卷评查，每半年不少于1次。（区司法局负责）',
      '（二）推进政务公开标准化规范化。（区司法局负责）湛江市坡头区人民政府办公室2017年8月15印发分享打印全文',
    ].join('\n');
    const shown = await preview(s, text);
    const previewText = renderMessageText(shown);
    expect(previewText).toMatch(/第 4 行:行末的“[^”]*印发分享打印全文”是网页或页面附加内容/);
    // The task keeps its own words and its lead; the page text is gone from the list.
    expect(previewText).toMatch(/\*\*2\. 一（二）\*\* 推进政务公开标准化规范化\n\s*牵头:区司法局\n/);
    const notices = await noticeCount(s);
    expect((await s.click('coordinator', shown, '取消').waitForReply()).content).toContain('已取消导入');
    expect(await noticeCount(s)).toBe(notices);
  });

  it('refuses a liaison and an outsider who press the correction buttons, and changes nothing', async () => {
    const s = stack();
    await setUp(s);
    const shown = await preview(s);
    const draftId = draftOf(shown);
    for (const persona of ['liaison', 'outsider'] as PersonaName[]) {
      // Their own message carries the forged controls (the preview is visible to its coordinator only).
      const own = await s.run(persona, 'notice import', { text: NOTICE }).waitForReply();
      for (const action of [`notice:add:${draftId}:0`, `notice:confirm:${draftId}:0`, `notice:page:1:${draftId}:0`, `notice:edit:${draftId}:0`]) {
        const text = await s.seen(s.lc.forgeButton({ messageId: own.id, customId: action, userId: s.userId(persona) }));
        expect(text).toMatch(/仅限督办人|已失效/);
      }
    }
    expect(await draftRevision(s, draftId)).toBe(0);
    expect(await noticeCount(s)).toBe(0);
  });

  it('refuses an older preview message: it neither corrects nor confirms', async () => {
    const s = stack();
    await setUp(s);
    const first = await preview(s);
    const draftId = draftOf(first);
    const dropped = await select(s, first, 'notice:drop:', ['2']);
    expect(renderMessageText(dropped)).toContain('已删除的条目(1)');
    expect(controlId(dropped, 'notice:confirm:')).toBe(`notice:confirm:${draftId}:1`);
    // The buttons as the first message showed them (revision 0).
    for (const stale of [`notice:confirm:${draftId}:0`, `notice:add:${draftId}:0`]) {
      const text = await s.seen(s.lc.forgeButton({ messageId: dropped.id, customId: stale, userId: s.userId('coordinator') }));
      expect(text).toContain('这份预览已被修改过');
    }
    expect(await noticeCount(s)).toBe(0);
    expect(await draftRevision(s, draftId)).toBe(1);
    await s.click('coordinator', dropped, '取消').waitForReply();
  });

  it('refuses an edit form opened before another correction was made', async () => {
    const s = stack();
    await setUp(s);
    const shown = await preview(s);
    const draftId = draftOf(shown);
    const opened = s.lc.selectMenu({ messageId: shown.id, customId: controlId(shown, 'notice:edit:'), userId: s.userId('coordinator'), values: ['0'] });
    await opened.modal();
    await select(s, shown, 'notice:drop:', ['2']);
    const late = s.lc.submitModal({
      userId: s.userId('coordinator'),
      from: opened,
      fields: { title: '开展行政执法案卷评查', lead: '区城管局', supporting: '', deadline: '' },
    });
    expect(await s.seen(late)).toContain('这份预览已被修改过');
    const row = await s.storage.db.selectFrom('drafts').select('payload').where('id', '=', draftId).executeTakeFirstOrThrow();
    const payload = row.payload as { revision: number; parsed: { tasks: { lead: string | null }[] } };
    expect([payload.revision, payload.parsed.tasks[0]?.lead]).toEqual([1, '区司法局']);
  });

  it('checks what the coordinator types, in Chinese, and keeps the draft as it was', async () => {
    const s = stack();
    await setUp(s);
    const shown = await preview(s);
    const draftId = draftOf(shown);
    const badDate = await s.seen(await editTask(s, shown, 0, { title: '开展行政执法案卷评查', lead: '区司法局', supporting: '', deadline: '下个月' }));
    expect(badDate).toContain('完成时限“下个月”无法识别。请填写 YYYY-MM-DD');
    const badUnit = await s.seen(await editTask(s, shown, 0, { title: '开展行政执法案卷评查', lead: '区司法局@everyone', supporting: '', deadline: '' }));
    expect(badUnit).toContain('牵头单位');
    const badPlace = await s.seen(await addTask(s, shown, { position: '九-1', title: '新任务', lead: '区司法局', supporting: '', deadline: '' }));
    expect(badPlace).toContain('无法识别');
    expect(await draftRevision(s, draftId)).toBe(0);
    await s.click('coordinator', shown, '取消').waitForReply();
  });

  it('imports exactly the corrected list: an edited lead, a dropped line and an added task', async () => {
    const s = stack();
    await setUp(s);
    let shown = await preview(s);
    const draftId = draftOf(shown);
    shown = await (
      await editTask(s, shown, 1, { title: '推进政务公开标准化规范化', lead: '区发改局', supporting: '区财政局、区政府各部门', deadline: '6月30日' })
    ).waitForReply();
    let text = renderMessageText(shown);
    expect(text).toMatch(/一（二）\*\*【已修改】 推进政务公开标准化规范化\n\s*牵头:区发改局;配合:区财政局、区政府各部门;时限:6月30日\(2026-06-30\)/);
    // The collective is no longer a lead: no warning for it.
    expect(text).not.toContain('是统称,尚未指定成员单位');
    shown = await select(s, shown, 'notice:drop:', ['2']);
    shown = await (
      await addTask(s, shown, { position: '1-3', title: '规范行政执法证件管理', lead: '区司法局', supporting: '区城管局', deadline: '2026-09-30' })
    ).waitForReply();
    text = renderMessageText(shown);
    expect(text).toMatch(/一（三）\*\*【新增】 规范行政执法证件管理/);
    expect(text).not.toMatch(/\*\*\d+\. [^\n]*完善行政规范性文件备案审查/);
    expect(text).toContain('已删除的条目(1):一（三） 完善行政规范性文件备案审查');
    expect(await draftRevision(s, draftId)).toBe(3);

    const done = await s.click('coordinator', shown, '确认导入').waitForReply();
    expect(renderMessageText(done)).toContain('已导入 2026 年工作要点(第 1 版):2 个部分、4 项任务');
    const tasks = await s.storage.db.selectFrom('tasks').select(['seq', 'label', 'title', 'due_date']).where('retired_at', 'is', null).orderBy('seq').execute();
    expect(tasks.map((t) => [t.label, t.title])).toEqual([
      ['（一）', '开展行政执法案卷评查，每半年不少于1次'],
      ['（二）', '推进政务公开标准化规范化'],
      ['（三）', '规范行政执法证件管理'],
      ['（一）', '组织开展宪法宣传周活动'],
    ]);
    expect(tasks[1]?.due_date).toBe('2026-06-30');
    expect(tasks[2]?.due_date).toBe('2026-09-30');
    const units = await s.storage.db
      .selectFrom('task_units')
      .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
      .leftJoin('units', 'units.id', 'task_units.unit_id')
      .leftJoin('collective_names', 'collective_names.id', 'task_units.collective_id')
      .select(['tasks.seq', 'task_units.role', 'units.name as unit', 'collective_names.name as collective'])
      .where('tasks.seq', 'in', [2, 3])
      .orderBy('tasks.seq')
      .orderBy('task_units.position')
      .execute();
    expect(units.map((u) => [u.seq, u.role, u.unit ?? u.collective])).toEqual([
      [2, 'lead', '区发改局'],
      [2, 'support', '区财政局'],
      [2, 'support', '区政府各部门'],
      [3, 'lead', '区司法局'],
      [3, 'support', '区城管局'],
    ]);
    // The new names were created at confirmation, their category inferred as for parsed ones.
    const created = await s.storage.db.selectFrom('units').select(['name', 'category']).where('name', 'in', ['区发改局', '区财政局']).orderBy('name').execute();
    expect(created).toEqual([
      { name: '区发改局', category: 'department' },
      { name: '区财政局', category: 'department' },
    ]);
    const audited = await s.storage.db.selectFrom('audit_log').select('action').where('action', 'like', 'notice.%').orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['notice.draft_edit', 'notice.draft_drop', 'notice.draft_add', 'notice.import']));
    const log = await s.seen(s.run('coordinator', 'audit'));
    expect(log).toContain('在导入预览中修改任务 一（二）:“推进政务公开标准化规范化”');
    expect(log).toContain('在导入预览中删除 1 个不是任务的条目:一（三）');
    expect(log).toContain('在导入预览中新增任务 一（三）:“规范行政执法证件管理”');
  });

  it('tells the coordinator how many tasks have no lead right after import, and /reminders show warns about silent tasks', async () => {
    const s = stack();
    await setUp(s);
    const text = [
      '清河区2026年法治政府建设工作要点',
      '一、依法行政',
      '（一）开展行政执法案卷评查，每半年不少于1次。（区司法局负责）',
      '（二）推进政务公开标准化规范化。（区政府各部门负责）',
      '（三）加强法治理论学习。',
      '（四）完成年度执法人员培训，2026年1月底前完成。（区司法局负责）',
      '',
      '清河区人民政府',
      '2026年2月20日',
    ].join('\n');
    const shown = await preview(s, text);
    expect(renderMessageText(shown)).toMatch(/（四）[^\n]*早于通知印发日期2026-02-20[^\n]*\/任务 修改/);
    const done = renderMessageText(await s.click('coordinator', shown, '确认导入').waitForReply());
    // (三) names no unit, (二)'s lead is a collective with no members yet: neither reminds anyone.
    expect(done).toMatch(/2 项任务未指定牵头单位[^\n]*请用 \/任务 修改 指定/);

    const overview = await s.seen(s.run('coordinator', 'reminders show'));
    expect(overview).toContain('提醒计划');
    expect(overview).toMatch(/一（二） 的牵头单位“区政府各部门”是统称,尚未指定成员单位[^\n]*\/单位 统称/);
    expect(overview).toMatch(/1 项任务未指定牵头单位\(一（三）\)[^\n]*请用 \/任务 修改 指定/);
    // A deadline read as earlier than the notice's own date: every reminder would be late from the start.
    expect(overview).toMatch(/1 项任务的完成时限早于通知印发日期 2026-02-20:一（四）\(2026-01-31\)[^\n]*\/任务 修改/);
    expect(overview).not.toMatch(/尚未绑定联络员[^\n]*区司法局/);

    // Once the collective has members, each member with no liaison is named instead.
    await s.run('coordinator', 'unit add', { name: '区审计局', category: 'department' }).waitForReply();
    expect(await s.seen(s.run('coordinator', 'unit collective', { name: '区政府各部门', members: '区司法局、区审计局' }))).toContain('区审计局');
    const after = await s.seen(s.run('coordinator', 'reminders show'));
    expect(after).not.toContain('是统称,尚未指定成员单位');
    expect(after).toMatch(/尚未绑定联络员[^\n]*区审计局\(1 项\)[^\n]*\/单位 绑定/);
  });
});
