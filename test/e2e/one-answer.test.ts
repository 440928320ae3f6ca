import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { recordProgress } from '../../src/app/progress/record-progress.js';
import { reconcileReminders } from '../../src/app/reminders/reconcile-reminders.js';
import { bindUnitLiaison } from '../../src/app/units/liaison-binding.js';
import { setCollective } from '../../src/app/units/unit-directory.js';
import { listControls } from '../../src/sandbox/render-message.js';
import { seedWorkspace, useBotStack, type BotStack } from './support/bot-stack.js';

/*
 * What a coordinator, a liaison and a leader see agrees with the cycle's one answer: the form opens
 * for the period /status calls current, a liaison of two units is asked which one reports, 退回
 * reaches units named through a collective, the bot says who it could not tell, a coordinator can
 * grade reports and change the rules that grade them, and a year ranking names only quarters it counts.
 */

const notice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想。（城关镇、区司法局负责）
（二）推进基层合法性审核全覆盖。（各镇政府（街道办事处）负责）
（三）完成行政复议规范化建设。（区发改局、城关镇负责）
`;

/** Every field of a modal by its custom id, with its select options' labels. */
function modalFields(modal: APIModalInteractionResponseCallbackData): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const row of modal.components) {
    const component = 'component' in row ? row.component : undefined;
    if (!component || !('custom_id' in component)) continue;
    fields.set(component.custom_id, 'options' in component && Array.isArray(component.options) ? component.options.map((o: { label: string }) => o.label) : []);
  }
  return fields;
}

describe('one answer in what people see', () => {
  const stack = useBotStack();
  let workspaceId: number;
  let units: Map<string, number>;

  const taskId = async (s: BotStack, seq: number) => (await s.storage.db.selectFrom('tasks').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;
  const periodId = async (s: BotStack, key: string) =>
    (await s.storage.db.selectFrom('reporting_periods').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;

  /** The workspace on 10 November: the liaison speaks for 城关镇 and 区司法局, and 各镇政府（街道办事处） names three townships. */
  const seeded = async () => {
    const s = stack();
    ({ workspaceId, units } = await s.once('workspace', async () => {
      s.clock.set('2026-11-10T02:00:00Z');
      const { workspaceId: id } = await seedWorkspace(s, { notice, bindings: [['城关镇', 'role', s.world.roles.liaisons.id]] });
      // The liaison speaks for 区司法局 too.
      await bindUnitLiaison(s.app, {
        workspaceId: id,
        actorId: s.userId('coordinator'),
        unitName: '区司法局',
        targetKind: 'user',
        targetId: s.userId('liaison'),
        purpose: 'liaison',
      });
      for (const town of ['东城街道', '西山镇']) await s.run('coordinator', 'unit add', { name: town, category: 'township' }).waitForReply();
      await setCollective(s.app, {
        workspaceId: id,
        actorId: s.userId('coordinator'),
        name: '各镇政府（街道办事处）',
        memberNames: ['城关镇', '东城街道', '西山镇'],
      });
      const rows = await s.storage.db.selectFrom('units').select(['id', 'name']).execute();
      return { workspaceId: id, units: new Map(rows.map((row) => [row.name, row.id])) };
    }));
  };

  it('opens the progress form for the period /status calls current, and asks a liaison of two units which one reports', async () => {
    const s = stack();
    await seeded();

    expect(await s.seen(s.run('coordinator', 'status'))).toContain('2026年第四季度报送情况');
    // Task (三) is answered by 城关镇 only: its form opens at once, for the fourth quarter.
    const single = await s.run('liaison', 'progress', { task: '3' }).modal();
    expect(JSON.stringify(single)).toContain('进展情况(2026年第四季度)');
    // Task (一) is answered by both of the liaison's units: they choose first.
    const choice = await s.seen(s.run('liaison', 'progress', { task: '1' }));
    expect(choice).toContain('请选择以哪个单位报送2026年第四季度的进展');
    expect(choice).toContain('城关镇');
    expect(choice).toContain('区司法局');
  });

  it('offers 退回 for a township that answers only through 各镇政府（街道办事处）', async () => {
    const s = stack();
    await seeded();
    await recordProgress(s.app, {
      workspaceId,
      unitId: units.get('东城街道') ?? 0,
      taskId: await taskId(s, 2),
      periodId: await periodId(s, '2026-Q4'),
      actorId: s.userId('coordinator'),
      source: 'command',
      submission: { status: 'in_progress', text: '已审核文件12件。' },
    });
    const view = await s.run('coordinator', 'task show', { number: '2' }).waitForReply();
    const opened = s.click('coordinator', view, '退回');
    const modal = await opened.modal();
    expect(
      modalFields(modal)
        .get('unit')
        ?.some((label) => label.startsWith('东城街道')),
    ).toBe(true);
    const reply = await s.seen(s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { reason: '请写明审核意见', unit: ['东城街道'] } }));
    expect(reply).toContain('已退回“东城街道”');
    // 东城街道 has no liaison: the coordinator is told it could not be told.
    expect(reply).toContain('未能通知:东城街道');
    expect(reply).not.toContain('已通知:东城街道');
  });

  it('says who was told of 办结 and who could not be', async () => {
    const s = stack();
    await seeded();
    const view = await s.run('coordinator', 'task show', { number: '3' }).waitForReply();
    const opened = s.click('coordinator', view, '办结');
    await opened.modal();
    const reply = await s.seen(s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { note: '已通过验收' } }));
    expect(reply).toContain('已通知:城关镇');
    expect(reply).toContain('未能通知:区发改局');
  });

  it('lets a coordinator grade a report from /task, and the ranking explains the points', async () => {
    const s = stack();
    await seeded();
    await recordProgress(s.app, {
      workspaceId,
      unitId: units.get('区司法局') ?? 0,
      taskId: await taskId(s, 1),
      periodId: await periodId(s, '2026-Q4'),
      actorId: s.userId('liaison'),
      source: 'command',
      submission: { status: 'in_progress', text: '开展专题学习2次。' },
    });
    const view = await s.run('coordinator', 'task show', { number: '1' }).waitForReply();
    expect(listControls(view).map((c) => c.label)).toContain('评价');
    expect(await s.seen(s.run('leader', 'task show', { number: '1' }))).not.toContain('评价');
    const opened = s.click('coordinator', view, '评价');
    const modal = await opened.modal();
    expect(modalFields(modal).get('rating')).toEqual(['优', '良', '中', '差', '不评等级']);
    const reply = await s.seen(
      s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { unit: ['区司法局'], rating: ['excellent'], perfunctory: ['no'] } }),
    );
    expect(reply).toContain('已将“区司法局”');
    expect(reply).toContain('评为“优”');
    const stored = await s.storage.db
      .selectFrom('progress_reports')
      .select(['rating', 'perfunctory', 'rated_by'])
      .where('unit_id', '=', units.get('区司法局') ?? 0)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ rating: 'excellent', perfunctory: false, rated_by: s.userId('coordinator') });
    expect(await s.seen(s.run('coordinator', 'task show', { number: '1' }))).toContain('评价:优');

    const ranking = await s.run('coordinator', 'ranking show', { year: 2026, quarter: 4 }).waitForReply(20_000);
    const select = ranking.components?.[0] as { components: { custom_id: string }[] } | undefined;
    const detail = await s.lc
      .selectMenu({
        messageId: ranking.id,
        customId: select?.components[0]?.custom_id ?? '',
        userId: s.userId('coordinator'),
        values: [String(units.get('区司法局'))],
      })
      .waitForReply(20_000);
    expect(detail.embeds[0]?.description).toContain('督办人评价为“优”');
    expect(await s.storage.db.selectFrom('audit_log').select('action').where('action', '=', 'report.grade').execute()).toHaveLength(1);
  });

  it('lets a coordinator change the scoring rules, checks them, and shows them to leaders', async () => {
    const s = stack();
    await seeded();
    const bad = await s.seen(s.run('coordinator', 'ranking rules set', { yearly: 'weighted' }));
    expect(bad).toContain('季度权重');
    const saved = await s.seen(s.run('coordinator', 'ranking rules set', { missing: 8, excellent: 3, weights: '1,1,1,2' }));
    expect(saved).toContain('评分规则已保存');
    const rules = await s.seen(s.run('leader', 'ranking rules show'));
    expect(rules).toContain('考核评分规则(本工作区设定)');
    expect(rules).toContain('8');
    expect(await s.seen(s.run('leader', 'ranking rules set', { missing: 1 }))).toContain('仅限督办人');
    const stored = await s.storage.db.selectFrom('workspaces').select('scoring_rules').where('id', '=', workspaceId).executeTakeFirstOrThrow();
    expect(stored.scoring_rules).toMatchObject({
      deductions: { missingReport: 8 },
      ratingPoints: { excellent: 3 },
      yearly: { method: 'weighted', weights: [1, 1, 1, 2] },
    });
    expect(await s.seen(s.run('coordinator', 'ranking rules set', { reset: true }))).toContain('考核评分规则(默认规则)');
  });

  it('names in a year ranking only the quarters it counts', async () => {
    const s = stack();
    await seeded();
    s.clock.set('2026-04-10T02:00:00Z');
    const reply = await s.run('coordinator', 'ranking show', { year: 2026 }).waitForReply(20_000);
    const text = JSON.stringify(reply.embeds[0]);
    expect(text).toContain('计入第1季度');
    expect(text).not.toContain('第2季度');
  });

  it('moves only the one report an extension covers, however many quarters are still open', async () => {
    const s = stack();
    await seeded();
    s.clock.set('2026-12-01T02:00:00Z');
    const view = await s.run('coordinator', 'task show', { number: '2' }).waitForReply();
    const opened = s.click('coordinator', view, '延期');
    await opened.modal();
    expect(await s.seen(s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { date: '2027-01-15', reason: '' } }))).toContain(
      '截止日期延至 2027-01-15',
    );
    await reconcileReminders(s.app, workspaceId);
    const rows = await s.storage.db.selectFrom('reminder_deliveries').select(['period_id', 'unit_id', 'stage']).where('occasion', '=', 'e2027-01-15').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.period_id))).toEqual(new Set([await periodId(s, '2026-Q4')]));
    expect(rows.length).toBe(new Set(rows.map((row) => `${row.unit_id}:${row.stage}`)).size);
  });
});
