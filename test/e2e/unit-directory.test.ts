import { describe, expect, it } from 'vitest';
import { ensureReportingPeriods } from '../../src/app/cycle/reporting-periods.js';
import { recordProgress } from '../../src/app/progress/record-progress.js';
import { createStore } from '../../src/db/store.js';
import { findWorkspaceById } from '../../src/db/repositories/workspace.repository.js';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import { refused, unchanged } from './support/bad-input.js';
import { seedWorkspace, useBotStack, type BotStack } from './support/bot-stack.js';

// One bureau written two ways: 区经信局 leads (二), 区经济和信息化局 leads (一); each reports its own task.
const notice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）推进数字政府建设,年内完成平台整合。（区经济和信息化局负责）
（二）开展企业合规指导,每季度不少于1次。（区经信局负责）
二、严格规范公正文明执法
（三）开展行政执法案卷评查,每半年不少于1次。（区司法局、城关镇负责）
`;

describe('/unit merge, rename, retire and restore', () => {
  const stack = useBotStack();

  const taskId = async (s: BotStack, seq: number) => (await s.storage.db.selectFrom('tasks').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;
  const unitId = async (s: BotStack, name: string) =>
    (await s.storage.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  /** The workspace on 10 March: 区经济和信息化局 and 区经信局, one bureau written two ways, have each reported their task. */
  const seeded = async () => {
    const s = stack();
    await s.once('workspace', async () => {
      s.clock.set('2026-03-10T02:00:00Z');
      const other = s.lc.createUser({ username: 'jingxin-liaison', globalName: '经信局 王强' });
      s.lc.addMember(s.world.guild.id, other.id);
      const { workspaceId } = await seedWorkspace(s, {
        notice,
        bindings: [
          ['区经济和信息化局', 'user', s.userId('liaison')],
          ['区经信局', 'user', other.id],
          ['城关镇', 'channel', s.world.channels.unit.id],
        ],
      });
      const workspace = await findWorkspaceById(s.storage.db, workspaceId);
      if (!workspace) throw new Error('no workspace');
      await ensureReportingPeriods(createStore(s.storage.db), workspace, 2026);
      const periodId = (await s.storage.db.selectFrom('reporting_periods').select('id').where('key', '=', '2026-Q1').executeTakeFirstOrThrow()).id;
      for (const [unit, seq, actor] of [
        ['区经济和信息化局', 1, s.userId('liaison')],
        ['区经信局', 2, other.id],
      ] as const) {
        await recordProgress(s.app, {
          workspaceId,
          unitId: await unitId(s, unit),
          taskId: await taskId(s, seq),
          periodId,
          actorId: actor,
          source: 'command',
          submission: { status: 'done', text: '已按计划完成。' },
        });
      }
    });
  };
  /** 区司法局 renamed 区司法行政局: what the coordinator was told. */
  const renamed = async () => {
    const s = stack();
    await seeded();
    return s.once('renamed', () => s.seen(s.run('coordinator', 'unit rename', { unit: '区司法局', name: '区司法行政局' })));
  };
  const auditedActions = async (s: BotStack, action: string) =>
    (await s.storage.db.selectFrom('audit_log').select('action').where('action', '=', action).execute()).map((a) => a.action);

  it('suggests merging a short name into its full name in /unit list and when the alias is another unit', async () => {
    const s = stack();
    await seeded();
    const list = await s.seen(s.run('coordinator', 'unit list'));
    expect(list).toContain('“区经信局”可能是“区经济和信息化局”的简称');
    expect(list).toContain('/单位 合并 被合并单位:区经信局 保留单位:区经济和信息化局');

    await unchanged(s, async () => {
      const text = await refused(s, s.run('coordinator', 'unit alias', { unit: '区经济和信息化局', alias: '区经信局' }), '已是目录中的另一个单位');
      expect(text).toContain('/单位 合并 被合并单位:区经信局 保留单位:区经济和信息化局');
    });
  });

  it('refuses a liaison and an outsider each change, in Chinese, changing nothing', async () => {
    const s = stack();
    await seeded();
    const attempts = [
      ['unit merge', { from: '区经信局', into: '区经济和信息化局' }],
      ['unit rename', { unit: '区司法局', name: '区司法行政局' }],
      ['unit retire', { unit: '城关镇' }],
      ['unit restore', { unit: '城关镇' }],
    ] as const;
    await unchanged(s, async () => {
      for (const [command, options] of attempts) {
        await refused(s, s.run('liaison', command, options), '此操作仅限督办人');
        await refused(s, s.run('outsider', command, options), '此操作仅限督办人');
      }
    });
  });

  it('merges two units that both reported: /status and the ranking show one unit with both reports', async () => {
    const s = stack();
    await seeded();
    // The merge is shown first; 取消 leaves everything as it was, 确认合并 does it.
    await unchanged(s, async () => {
      const preview = await s.run('coordinator', 'unit merge', { from: '区经信局', into: '区经济和信息化局' }).waitForReply();
      expect(await s.seen(s.click('coordinator', preview, '取消'))).toContain('已取消合并');
    });
    const preview = await s.run('coordinator', 'unit merge', { from: '区经信局', into: '区经济和信息化局' }).waitForReply();
    expect(renderMessageText(preview)).toContain('合并后不能撤销');
    // A liaison pressing 确认合并 with the same custom id, forged on a message of their own, is refused.
    const own = await s.run('liaison', 'unit list').waitForReply();
    const customId = `unit:merge:${await unitId(s, '区经信局')}:${await unitId(s, '区经济和信息化局')}`;
    await unchanged(s, async () => {
      await refused(s, s.lc.forgeButton({ messageId: own.id, customId, userId: s.userId('liaison') }), '此操作仅限督办人');
    });
    const text = await s.seen(s.click('coordinator', preview, '确认合并'));
    expect(text).toContain('已将“区经信局”合并到“区经济和信息化局”');
    expect(text).toContain('1 份进展报告');
    expect(text).toContain('“区经信局”现为“区经济和信息化局”的别名');
    expect((await s.storage.db.selectFrom('units').select('name').execute()).map((u) => u.name)).not.toContain('区经信局');
    expect(await auditedActions(s, 'unit.merge')).toEqual(['unit.merge']);

    s.clock.set('2026-03-30T02:00:00Z');
    const status = await s.seen(s.run('coordinator', 'status'));
    expect(status).not.toContain('区经信局');
    // Both its tasks are reported: the merged unit owes nothing; 区司法局 and 城关镇 still owe (三).
    expect(status).not.toContain('**区经济和信息化局**');
    expect(status).toContain('**区司法局**');
    expect(status).toContain('**城关镇**');

    const reply = await s.run('leader', 'ranking show', { year: 2026, quarter: 1 }).waitForReply(20_000);
    const fields = Object.fromEntries((reply.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(Object.keys(fields)).toContain('部门(2 个单位)');
    expect(fields['部门(2 个单位)']).toMatch(/^第1名 区经济和信息化局 \*\*[\d.]+\*\*分\n第2名 区司法局 \*\*[\d.]+\*\*分$/);
    expect(JSON.stringify(reply.embeds)).not.toContain('区经信局');

    // The old name now finds the kept unit, and the suggestion is gone.
    const list = await s.seen(s.run('coordinator', 'unit list'));
    expect(list).toContain('区经济和信息化局(别名:区经信局)');
    expect(list).not.toContain('可能是');
  });

  it('renames a unit and keeps the old name as an alias', async () => {
    const s = stack();
    expect(await renamed()).toContain('已将“区司法局”改名为“区司法行政局”');
    expect(await auditedActions(s, 'unit.rename')).toEqual(['unit.rename']);
    expect(await s.seen(s.run('coordinator', 'unit list'))).toContain('区司法行政局(别名:区司法局)');
    await unchanged(s, async () => {
      await refused(s, s.run('coordinator', 'unit rename', { unit: '区司法行政局', name: '区经济和信息化局' }), '另一个单位');
    });
  });

  it('retires a unit out of /status and restores it; refuses to retire the lead of an open task', async () => {
    const s = stack();
    await renamed();
    // After Q1's due date, when /status lists who still owes.
    s.clock.set('2026-03-30T02:00:00Z');
    const last = await s.storage.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirst();
    await unchanged(s, async () => {
      await refused(s, s.run('coordinator', 'unit retire', { unit: '区司法行政局' }), /牵头单位.*第 3 项/);
    });
    expect(await s.seen(s.run('coordinator', 'unit retire', { unit: '城关镇' }))).toContain('已停用“城关镇”');
    expect(await s.seen(s.run('coordinator', 'unit list'))).toContain('城关镇(已停用)');
    expect(await s.seen(s.run('coordinator', 'status'))).not.toContain('城关镇');
    expect(await s.seen(s.run('coordinator', 'unit restore', { unit: '城关镇' }))).toContain('已恢复“城关镇”');
    expect(await s.seen(s.run('coordinator', 'status'))).toContain('**城关镇**');
    const audit = await s.storage.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'unit.%')
      .$if(last !== undefined, (qb) => qb.where('id', '>', last!.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['unit.retire', 'unit.restore']);
  });
});
