import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { slashCommands } from '../../commands/index.js';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import { useBotStack } from './support/bot-stack.js';

describe('/audit', () => {
  const stack = useBotStack();

  /** Twelve entries: the administrator's /setup, the coordinator's units, alias, collective, binding and unbinding, a notice import, and a CLI sweep. */
  const changes = () => {
    const s = stack();
    return s.once('changes', async () => {
      await s.run('admin', 'setup', { coordinators: s.world.roles.coordinators.id, leaders: s.world.roles.leaders.id, region: '清河区' }).waitForReply();
      for (const [name, category] of [
        ['区司法局', 'department'],
        ['城关镇', 'township'],
        ['东城街道', 'township'],
        ['区教育局', 'department'],
        ['区财政局', 'department'],
      ] as const) {
        await s.run('coordinator', 'unit add', { name, category }).waitForReply();
      }
      await s.run('coordinator', 'unit alias', { unit: '区司法局', alias: '区法制局' }).waitForReply();
      await s.run('coordinator', 'unit collective', { name: '各镇政府(街道办事处)', members: '城关镇、东城街道' }).waitForReply();
      await s.run('coordinator', 'unit bind', { unit: '城关镇', user: s.userId('liaison') }).waitForReply();
      await s.run('coordinator', 'unit unbind', { unit: '城关镇', user: s.userId('liaison') }).waitForReply();
      const preview = await s
        .run('coordinator', 'notice import', { text: '清河区2026年工作要点\n一、依法行政\n（一）开展行政执法案卷评查。（区司法局、城关镇负责）' })
        .waitForReply();
      await s.click('coordinator', preview, '确认导入').waitForReply();
      const workspace = await s.storage.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
      await s.storage.db
        .insertInto('audit_log')
        .values({ workspace_id: workspace.id, actor_id: 'cli', actor_kind: 'cli', action: 'archive.sweep', subject_type: 'notice', subject_id: '1' })
        .execute();
    });
  };

  it('makes some changes as the administrator and the coordinator', async () => {
    await changes();
  });

  it('shows coordinators who did what, in Chinese, newest first and paged', async () => {
    const s = stack();
    await changes();
    const handle = s.run('coordinator', 'audit');
    const first = await handle.waitForReply();
    const text = renderMessageText(first, { controls: true });
    expect(text).toContain('操作记录(最近 12 条)');
    const lines = text.split('\n').filter((l) => l.startsWith('<t:'));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^<t:\d+:f> 命令行 archive\.sweep\(notice 1\)$/);
    expect(text).toContain(`<@${s.userId('coordinator')}> 导入 2026 年工作要点(第 1 版,1 项任务)`);
    expect(text).toContain(`解除 <@${s.userId('liaison')}> 与“城关镇”的联络员绑定`);
    expect(text).toContain(`将 <@${s.userId('liaison')}> 绑定为“城关镇”的联络员`);
    expect(text).toContain('设置统称“各镇政府（街道办事处）”包含:城关镇、东城街道');
    expect(text).toContain('为单位“区司法局”添加别名“区法制局”');
    expect(text).toContain('第 1/2 页');
    const next = await s.click('coordinator', first, '下一页').waitForReply();
    const second = renderMessageText(next);
    expect(second).toContain('添加单位“区司法局”(部门)');
    expect(second).toContain(
      `<@${s.userId('admin')}> 修改督办设置:督办人身份组→<@&${s.world.roles.coordinators.id}>,领导身份组→<@&${s.world.roles.leaders.id}>,地区名称→“清河区”`,
    );
    expect(second).toContain('第 2/2 页');
  });

  it('narrows to one person and to the latest entries', async () => {
    const s = stack();
    await changes();
    const admin = await s.seen(s.run('coordinator', 'audit', { actor: s.userId('admin') }));
    expect(admin).toContain('操作记录(最近 1 条)');
    expect(admin).toContain('修改督办设置');
    expect(admin).not.toContain('添加单位');
    const latest = await s.seen(s.run('coordinator', 'audit', { limit: 2 }));
    expect(latest).toContain('操作记录(最近 2 条,可用“条数”查看更多)');
    expect(latest.split('\n').filter((l) => l.startsWith('<t:'))).toHaveLength(2);
    expect(await s.seen(s.run('coordinator', 'audit', { actor: s.userId('outsider') }))).toContain(`暂无<@${s.userId('outsider')}> 的操作记录`);
  });

  it('shows what people wrote as plain text: no links, no markup, no pings', async () => {
    const s = stack();
    await changes();
    const workspace = await s.storage.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    const unit = await s.storage.db.selectFrom('units').select('id').where('name', '=', '区教育局').executeTakeFirstOrThrow();
    await s.storage.db
      .insertInto('audit_log')
      .values({
        workspace_id: workspace.id,
        actor_id: s.userId('coordinator'),
        action: 'score.bonus',
        subject_type: 'unit',
        subject_id: String(unit.id),
        details: JSON.stringify({ points: 2, period: '2026-Q1', reason: '[点我](http://x.cn) **@everyone**' }),
      })
      .execute();
    const handle = s.run('coordinator', 'audit', { limit: 1 });
    const text = await s.seen(handle);
    expect(text).toContain('为“区教育局”加 2 分(2026-Q1):\\[点我\\](http://x.cn) \\*\\*@everyone\\*\\*');
    const reply = await handle.waitForReply();
    expect(reply.mentions ?? []).toEqual([]);
    expect(reply.mention_everyone).toBeFalsy();
  });

  it('names the task, report and period an entry is about', async () => {
    const s = stack();
    await changes();
    const workspace = await s.storage.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    const task = await s.storage.db.selectFrom('tasks').select(['id', 'title']).where('seq', '=', 1).executeTakeFirstOrThrow();
    const unit = await s.storage.db.selectFrom('units').select('id').where('name', '=', '城关镇').executeTakeFirstOrThrow();
    // The import laid out the year's periods.
    const period = await s.storage.db
      .selectFrom('reporting_periods')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('key', '=', '2026-Q4')
      .executeTakeFirstOrThrow();
    const report = await s.storage.db
      .insertInto('progress_reports')
      .values({ workspace_id: workspace.id, task_id: task.id, unit_id: unit.id, period_id: period.id, status: 'in_progress', body: '推进中' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const liaison = s.userId('liaison');
    const coordinator = s.userId('coordinator');
    await s.storage.db
      .insertInto('audit_log')
      .values([
        {
          workspace_id: workspace.id,
          actor_id: liaison,
          action: 'progress.record',
          subject_type: 'progress_report',
          subject_id: String(report.id),
          details: JSON.stringify({ revision: 2, status: 'in_progress', late: true, evidence: 1 }),
        },
        {
          workspace_id: workspace.id,
          actor_id: coordinator,
          action: 'task.send_back',
          subject_type: 'progress_report',
          subject_id: String(report.id),
          details: JSON.stringify({ reason: '请补充数据' }),
        },
        {
          workspace_id: workspace.id,
          actor_id: coordinator,
          action: 'task.extend',
          subject_type: 'task',
          subject_id: String(task.id),
          details: JSON.stringify({ newDueDate: '2026-12-31', reason: null }),
        },
        {
          workspace_id: workspace.id,
          actor_id: coordinator,
          action: 'period.close',
          subject_type: 'reporting_period',
          subject_id: String(period.id),
          details: '{}',
        },
      ])
      .execute();
    const text = await s.seen(s.run('coordinator', 'audit', { limit: 4 }));
    expect(text).toContain(`<@${liaison}> 报送“城关镇对第 1 项的进展”(第 2 版,推进中,逾期,附件 1 个)`);
    expect(text).toContain('退回“城关镇对第 1 项的进展”:请补充数据');
    expect(text).toContain(`将任务“第 1 项 ${task.title}”延期至 2026-12-31`);
    expect(text).toContain('结束报送周期“2026年第四季度”');
  });

  it('refuses leaders, liaisons and outsiders', async () => {
    const s = stack();
    await changes();
    for (const persona of ['leader', 'liaison', 'outsider'] as const) {
      expect(await s.seen(s.run(persona, 'audit'))).toContain('此操作仅限督办人');
    }
  });

  it('shows another guild only its own entries', async () => {
    const s = stack();
    await changes();
    const owner = s.lc.createUser({ username: 'audit-other-admin' });
    const other = s.lc.createGuild({ name: '别的县', ownerId: owner.id });
    s.lc.addMember(other.id, owner.id, { permissions: PermissionFlagsBits.Administrator });
    s.lc.registerCommands(
      slashCommands.map((c) => c.definition),
      other.id,
    );
    const text = await s.seen(s.lc.runSlashCommand({ userId: owner.id, channelId: other.defaultChannelId, name: 'audit' }));
    expect(text).toContain('暂无操作记录');
    expect(text).not.toContain('区司法局');
  });
});
