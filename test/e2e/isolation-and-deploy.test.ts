import { describe, expect, it } from 'vitest';
import { slashCommands } from '../../commands/index.js';
import { deployCommandsCommand } from '../../src/cli/commands/deploy-commands.js';
import { opsMetrics } from '../../src/ops/metrics.js';
import { useBotStack, type BotStack } from './support/bot-stack.js';

const notice = '清河区2026年工作要点\n一、依法行政\n（一）开展行政执法案卷评查。（区司法局、城关镇负责）';

describe('workspaces, bindings and command registration', () => {
  const stack = useBotStack();

  // The notice (and with it the units 区司法局 and 城关镇), imported once for whichever test runs first.
  const imported = (s: BotStack) =>
    s.once('notice', async () => {
      const preview = await s.run('admin', 'notice import', { text: notice }).waitForReply(20_000);
      await s.click('admin', preview, '确认导入').waitForReply();
    });

  it('keeps each guild to its own data', async () => {
    const s = stack();
    await imported(s);

    const other = s.addGuild('别的区');
    expect(await s.seen(other.run('tasks'))).toContain('本服务器尚未导入工作要点');
    expect(await s.seen(other.run('task show', { number: '1' }))).toContain('本服务器尚未导入工作要点');
    expect(await s.seen(other.run('unit list'))).toContain('目录为空');
    const choices = await s.lc
      .runAutocomplete({ userId: other.adminId, channelId: other.guild.defaultChannelId, name: 'tasks', options: { unit: '区' }, focused: 'unit' })
      .choices();
    expect(choices).toEqual([]);
  });

  it('binds a role and a channel, and unbinds them', async () => {
    const s = stack();
    await imported(s);
    expect(await s.seen(s.run('admin', 'unit bind', { unit: '城关镇', role: s.world.roles.liaisons.id }))).toContain(
      `<@&${s.world.roles.liaisons.id}> 绑定为“城关镇”的联络员`,
    );
    expect(await s.seen(s.run('admin', 'unit bind', { unit: '城关镇', channel: s.world.channels.unit.id }))).toContain(`<#${s.world.channels.unit.id}>`);
    expect(await s.seen(s.run('admin', 'unit bind', { unit: '区司法局', user: s.userId('leader'), as: 'leader' }))).toContain('分管领导');
    // Through the role, the liaison now sees 城关镇's task.
    expect(await s.seen(s.run('liaison', 'tasks'))).toContain('(共 1 项)');
    expect(await s.seen(s.run('admin', 'unit unbind', { unit: '城关镇', role: s.world.roles.liaisons.id }))).toContain('已解除');
    expect(await s.seen(s.run('liaison', 'tasks'))).toContain('你还不是本服务器督办工作的成员');
    expect(await s.seen(s.run('admin', 'unit unbind', { unit: '城关镇', role: s.world.roles.liaisons.id }))).toContain('没有这项绑定');
  });

  it('asks for exactly one binding target and refuses @everyone', async () => {
    const s = stack();
    await imported(s);
    expect(await s.seen(s.run('admin', 'unit bind', { unit: '城关镇' }))).toContain('请在“用户”“身份组”“频道”中选择且只选择一项');
    expect(await s.seen(s.run('admin', 'unit bind', { unit: '城关镇', user: s.userId('liaison'), role: s.world.roles.liaisons.id }))).toContain('只选择一项');
    expect(await s.seen(s.run('admin', 'unit bind', { unit: '城关镇', role: s.world.guild.everyoneRoleId }))).toContain('不能绑定 @everyone');
  });

  it('counts the commands it handled, by outcome, for /metrics', async () => {
    const s = stack();
    await imported(s);
    await s.seen(s.run('admin', 'unit list'));
    expect(await s.seen(s.run('admin', 'unit bind', { unit: '城关镇' }))).toContain('只选择一项');
    const metrics = await opsMetrics.registry.metrics();
    expect(metrics).toMatch(/duban_commands_handled_total\{command="unit",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/duban_commands_handled_total\{command="unit",outcome="user_error"\} [1-9]/);
  });

  it('registers the slash commands with deploy-commands, never on boot', async () => {
    const s = stack();
    const registrations = () => s.lc.requests.filter((r) => r.method === 'PUT' && /\/applications\/\d+\/(guilds\/\d+\/)?commands$/.test(r.path));
    expect(registrations()).toEqual([]);
    const saved = { ...process.env };
    Object.assign(process.env, { DISCORD_TOKEN: s.lc.botToken, DISCORD_APPLICATION_ID: s.lc.applicationId, DISCORD_API_BASE: s.lc.apiBase });
    const out: string[] = [];
    try {
      const code = await deployCommandsCommand.run(['--guild', s.world.guild.id], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
      expect(code).toBe(0);
    } finally {
      process.env = saved;
    }
    expect(out.join('\n')).toContain(`Registered ${slashCommands.length} commands to guild ${s.world.guild.id}`);
    expect(registrations()).toHaveLength(1);
    expect(
      s.lc
        .commands(s.world.guild.id)
        .map((c) => c.name)
        .sort(),
    ).toEqual(slashCommands.map((c) => c.definition.name).sort());
  });
});
