import { describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord-api-types/v10';
import { useBotStack } from './support/bot-stack.js';

describe('/setup and /unit', () => {
  const stack = useBotStack();

  /** The administrator's /setup: the coordinators and leaders roles, the summary channel, 清河区. What they were answered. */
  const setUp = () => {
    const s = stack();
    return s.once('setup', () =>
      s
        .run('admin', 'setup', {
          coordinators: s.world.roles.coordinators.id,
          leaders: s.world.roles.leaders.id,
          summary_channel: s.world.channels.summary.id,
          region: '清河区',
        })
        .waitForReply(),
    );
  };
  /** The coordinator adds 区司法局, 城关镇 and 东城街道, the alias 区法制局 and a collective of the two townships: each answer. */
  const directory = async () => {
    const s = stack();
    await setUp();
    return s.once('directory', async () => [
      await s.seen(s.run('coordinator', 'unit add', { name: '区司法局', category: 'department' })),
      await s.seen(s.run('coordinator', 'unit add', { name: '城关镇', category: 'township' })),
      await s.seen(s.run('coordinator', 'unit add', { name: '东城街道', category: 'township' })),
      await s.seen(s.run('coordinator', 'unit alias', { unit: '区司法局', alias: '区法制局' })),
      await s.seen(s.run('coordinator', 'unit collective', { name: '各镇政府(街道办事处)', members: '城关镇、东城街道' })),
    ]);
  };

  it('lets an administrator set the coordinators and leaders roles and the summary channel', async () => {
    const s = stack();
    const reply = await setUp();
    expect(reply.flags! & MessageFlags.Ephemeral).toBeTruthy();
    expect(reply.content).toContain('督办设置已保存');
    expect(reply.content).toContain(`<@&${s.world.roles.coordinators.id}>`);
    const workspace = await s.storage.db.selectFrom('workspaces').selectAll().executeTakeFirstOrThrow();
    expect(workspace).toMatchObject({ coordinator_role_id: s.world.roles.coordinators.id, leader_role_id: s.world.roles.leaders.id, region_name: '清河区' });
  });

  it('refuses /setup to a coordinator who is not an administrator, saying why', async () => {
    const s = stack();
    await setUp();
    // default_member_permissions hides /setup in Discord's client; the server-side check must hold anyway.
    const { slashCommands } = await import('../../commands/index.js');
    s.lc.registerCommands(
      slashCommands.map((c) => (c.definition.name === 'setup' ? { ...c.definition, default_member_permissions: null } : c.definition)),
      s.world.guild.id,
    );
    const text = await s.seen(s.run('coordinator', 'setup', { region: '别处' }));
    expect(text).toContain('只有服务器管理员');
    const workspace = await s.storage.db.selectFrom('workspaces').select('region_name').executeTakeFirstOrThrow();
    expect(workspace.region_name).toBe('清河区');
  });

  it('adds units, aliases and collectives, and lists them', async () => {
    const s = stack();
    const [justice, chengguan, dongcheng, alias, collective] = await directory();
    expect(justice).toContain('已添加单位“区司法局”(部门)');
    expect(chengguan).toContain('已添加单位“城关镇”(镇街)');
    expect(dongcheng).toContain('东城街道');
    expect(alias).toContain('已将“区法制局”设为“区司法局”的别名');
    expect(collective).toContain('统称“各镇政府（街道办事处）”现包含 2 个单位:城关镇、东城街道');
    const list = await s.seen(s.run('leader', 'unit list'));
    expect(list).toContain('区司法局(别名:区法制局)');
    expect(list).toContain('各镇政府（街道办事处） → 城关镇、东城街道');
  });

  it('refuses a duplicate unit, an unknown unit and a name with markup, changing nothing', async () => {
    const s = stack();
    await directory();
    const before = await s.storage.db.selectFrom('units').select('name').execute();
    expect(await s.seen(s.run('coordinator', 'unit add', { name: '区司法局', category: 'department' }))).toContain('单位“区司法局”已存在');
    expect(await s.seen(s.run('coordinator', 'unit alias', { unit: '区不存在局', alias: '某局' }))).toContain('单位目录中没有“区不存在局”');
    expect(await s.seen(s.run('coordinator', 'unit add', { name: '@everyone [点我](http://x.cn)', category: 'department' }))).toContain('单位名称只能包含汉字');
    expect(await s.storage.db.selectFrom('units').select('name').execute()).toEqual(before);
  });

  it('binds a liaison by user and offers unit names as they are typed', async () => {
    const s = stack();
    await directory();
    const text = await s.seen(s.run('coordinator', 'unit bind', { unit: '城关镇', user: s.userId('liaison') }));
    expect(text).toContain(`已将 <@${s.userId('liaison')}> 绑定为“城关镇”的联络员`);
    const choices = await s.lc
      .runAutocomplete({ userId: s.userId('coordinator'), channelId: s.world.channels.general.id, name: 'unit bind', options: { unit: '城' }, focused: 'unit' })
      .choices();
    expect(choices.map((c) => c.name)).toEqual(['城关镇', '东城街道']);
  });

  it('refuses directory changes to a liaison and to an outsider', async () => {
    const s = stack();
    await setUp();
    expect(await s.seen(s.run('liaison', 'unit add', { name: '区教育局', category: 'department' }))).toContain('此操作仅限督办人');
    expect(await s.seen(s.run('outsider', 'unit list'))).toContain('你还不是本服务器督办工作的成员');
    const names = (await s.storage.db.selectFrom('units').select('name').execute()).map((u) => u.name);
    expect(names).not.toContain('区教育局');
  });

  it('never lets a reply ping anyone', async () => {
    const s = stack();
    await directory();
    type Body = { content?: string; allowed_mentions?: { parse?: string[] }; data?: { content?: string; allowed_mentions?: { parse?: string[] } } };
    const posts = s.lc.requests.filter(
      (r) => (r.method !== 'GET' && typeof (r.body as Body | null)?.content === 'string') || typeof (r.body as Body | null)?.data?.content === 'string',
    );
    expect(posts.length).toBeGreaterThan(5);
    for (const post of posts) {
      const body = post.body as Body;
      const mentions = body.allowed_mentions ?? body.data?.allowed_mentions;
      expect(mentions, `${post.method} ${post.path}`).toBeDefined();
      expect(mentions?.parse ?? [], `${post.method} ${post.path}`).toEqual([]);
    }
  });
});
