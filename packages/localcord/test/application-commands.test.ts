import { ApplicationCommandOptionType, DiscordAPIError } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlace, rawFetch, useHarness, waitForGuild, type Place } from './helpers.js';

describe('application command registration through discord.js', () => {
  const harness = useHarness();
  let place: Place;

  beforeAll(async () => {
    const { lc, client } = harness();
    place = createPlace(lc, 'registration');
    await waitForGuild(client, place.guild.id);
  });

  it('registers global commands with client.application.commands.set and keeps ids across overwrites', async () => {
    const { client, lc } = harness();
    const first = await client.application!.commands.set([
      { name: 'tasks', description: '任务列表', nameLocalizations: { 'zh-CN': '任务' } },
      { name: 'setup', description: '初始设置', defaultMemberPermissions: '32' },
    ]);
    expect(first.map((command) => command.name).sort()).toEqual(['setup', 'tasks']);
    const again = await client.application!.commands.set([{ name: 'tasks', description: '任务列表（新）' }]);
    expect(again.first()?.id).toBe(first.find((command) => command.name === 'tasks')?.id);
    expect(lc.commands().map((command) => command.description)).toEqual(['任务列表（新）']);
    expect(lc.requests.last({ method: 'PUT' })?.route).toBe('/applications/:applicationId/commands');
  });

  it('registers guild commands and lets a user run them there', async () => {
    const { client, lc } = harness();
    await client.application!.commands.set(
      [{ name: 'unit', description: '单位', options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'list', description: '列出单位' }] }],
      place.guild.id,
    );
    expect(lc.commands(place.guild.id).map((command) => command.name)).toEqual(['unit']);
    const fetched = await client.guilds.cache.get(place.guild.id)!.commands.fetch();
    expect(fetched.map((command) => command.name)).toEqual(['unit']);
    harness().onInteraction(async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply(`${interaction.commandName} ${interaction.options.getSubcommand()} ${interaction.commandGuildId}`);
    });
    const reply = await lc.runSlashCommand({ guildId: place.guild.id, channelId: place.channel.id, userId: place.member.id, name: 'unit list' }).waitForReply();
    expect(reply.content).toBe(`unit list ${place.guild.id}`);
  });

  it('hides a command from members without its default_member_permissions', async () => {
    const { client, lc } = harness();
    await client.application!.commands.set([{ name: 'setup', description: '初始设置', defaultMemberPermissions: '8' }], place.guild.id);
    expect(() => lc.runSlashCommand({ guildId: place.guild.id, userId: place.member.id, name: 'setup' })).toThrow(/hidden from this user/);
    harness().onInteraction(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(`admin=${interaction.memberPermissions?.has('Administrator')}`);
    });
    const reply = await lc.runSlashCommand({ guildId: place.guild.id, userId: place.guild.ownerId, name: 'setup' }).waitForReply();
    expect(reply.content).toBe('admin=true');
  });

  it('rejects definitions Discord would reject', async () => {
    const { client, lc } = harness();
    const upper = await client.application!.commands.create({ name: 'Tasks', description: 'x' }).catch((error: unknown) => error);
    expect(upper).toBeInstanceOf(DiscordAPIError);
    expect(upper).toMatchObject({ code: 50035 });
    const put = async (commands: unknown[]) => {
      const response = await rawFetch(lc, 'PUT', `/applications/${lc.applicationId}/commands`, commands);
      return { status: response.status, body: JSON.stringify(await response.json()) };
    };
    const tooManyChoices = await put([
      {
        name: 'a',
        description: 'x',
        options: [{ type: 3, name: 'opt', description: 'y', choices: Array.from({ length: 26 }, (_, n) => ({ name: `c${n}`, value: `${n}` })) }],
      },
    ]);
    expect(tooManyChoices).toEqual({ status: 400, body: expect.stringContaining('"0":{"options":{"0":{"choices"') });
    const requiredAfterOptional = await put([
      {
        name: 'b',
        description: 'x',
        options: [
          { type: 3, name: 'late', description: 'y' },
          { type: 3, name: 'early', description: 'y', required: true },
        ],
      },
    ]);
    expect(requiredAfterOptional).toEqual({ status: 400, body: expect.stringContaining('APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID') });
    const duplicate = await put([
      { name: 'c', description: 'x' },
      { name: 'c', description: 'y' },
    ]);
    expect(duplicate).toEqual({ status: 400, body: expect.stringContaining('APPLICATION_COMMANDS_DUPLICATE_NAME') });
  });
});
