import {
  ApplicationCommandOptionType,
  InteractionResponseType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { AttachmentBuilder } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InteractionResponseEvent, MessageEvent } from '../src/index.js';
import { createPlace, useHarness, waitForGuild, type Place } from './helpers.js';

const commands: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  { name: 'ping', description: 'Answers pong' },
  { name: 'slow', description: 'Defers, then edits' },
  { name: 'chatty', description: 'Defers, then follows up twice' },
  { name: 'report', description: 'Replies with a file, then edits and deletes' },
  {
    name: 'unit',
    description: 'Unit directory',
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        description: 'Add a unit',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'name', description: 'Name', required: true, max_length: 50 },
          {
            type: ApplicationCommandOptionType.String,
            name: 'category',
            description: 'Category',
            choices: [
              { name: '部门', value: 'department' },
              { name: '镇街', value: 'town' },
            ],
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: 'alias',
        description: 'Aliases',
        options: [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: 'set',
            description: 'Set an alias',
            options: [
              { type: ApplicationCommandOptionType.String, name: 'alias', description: 'Alias', required: true },
              { type: ApplicationCommandOptionType.User, name: 'liaison', description: 'Liaison' },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'notice',
    description: 'Notices',
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'import',
        description: 'Import a notice',
        options: [{ type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The notice', required: true }],
      },
    ],
  },
  {
    name: 'task',
    description: 'One task',
    options: [{ type: ApplicationCommandOptionType.Integer, name: 'number', description: 'Task number', required: true, autocomplete: true }],
  },
];

describe('slash commands against the real discord.js client', () => {
  const harness = useHarness();
  let place: Place;

  beforeAll(async () => {
    const { lc, client } = harness();
    place = createPlace(lc, 'slash');
    lc.registerCommands(commands, place.guild.id);
    await waitForGuild(client, place.guild.id);
  });

  const run = (name: string, options = {}) =>
    harness().lc.runSlashCommand({ guildId: place.guild.id, channelId: place.channel.id, userId: place.member.id, name, options });

  it('shows the user what interaction.reply sent', async () => {
    harness().onInteraction(async (interaction) => {
      if (interaction.isChatInputCommand() && interaction.commandName === 'ping') {
        await interaction.reply({ content: `pong for ${interaction.user.username} in ${interaction.channelId}`, allowedMentions: { parse: [] } });
      }
    });
    const handle = run('ping');
    const reply = await handle.waitForReply();
    expect(reply.content).toBe(`pong for slash-member in ${place.channel.id}`);
    expect((await handle.response()).type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(handle.acknowledgedAfterMs).toBeLessThan(3000);
    expect(reply.interaction_metadata?.user.id).toBe(place.member.id);
    expect(
      harness()
        .lc.messages(place.channel.id)
        .map((message) => message.id),
    ).toContain(reply.id);
  });

  it('waits through deferReply until editReply and keeps the reply ephemeral', async () => {
    harness().onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand() || interaction.commandName !== 'slow') return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await interaction.editReply({ content: 'done after thinking' });
    });
    const handle = run('slow');
    expect((await handle.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const reply = await handle.waitForReply();
    expect(reply.content).toBe('done after thinking');
    expect(reply.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(reply.flags! & MessageFlags.Loading).toBe(0);
    expect(
      harness()
        .lc.messages(place.channel.id, { visibleTo: place.guild.ownerId })
        .map((message) => message.id),
    ).not.toContain(reply.id);
  });

  it('lets the first follow-up after a deferral replace the thinking message', async () => {
    harness().onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand() || interaction.commandName !== 'chatty') return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: 'first' });
      await interaction.followUp({ content: 'second' });
    });
    const handle = run('chatty');
    const first = await handle.waitForFollowUp(0);
    const second = await handle.waitForFollowUp(1);
    const reply = await handle.waitForReply();
    expect(first.id).toBe(reply.id);
    expect(first.content).toBe('first');
    expect(first.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(second.id).not.toBe(first.id);
    expect(second.flags! & MessageFlags.Ephemeral).toBe(0);
  });

  it('sends subcommands, groups, choices and resolved users the way discord.js reads them', async () => {
    const { lc } = harness();
    const liaison = lc.createUser({ username: 'liaison' });
    lc.addMember(place.guild.id, liaison.id);
    harness().onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand() || interaction.commandName !== 'unit') return;
      const group = interaction.options.getSubcommandGroup(false);
      const sub = interaction.options.getSubcommand();
      if (sub === 'add') {
        await interaction.reply(`${sub}:${interaction.options.getString('name', true)}:${interaction.options.getString('category') ?? '-'}`);
      } else {
        const member = interaction.options.getMember('liaison');
        const user = interaction.options.getUser('liaison');
        await interaction.reply(`${group}/${sub}:${interaction.options.getString('alias', true)}:${user?.username}:${member ? 'member' : 'none'}`);
      }
    });
    const added = await run('unit add', { name: '区司法局', category: 'department' }).waitForReply();
    expect(added.content).toBe('add:区司法局:department');
    const nested = await run('unit', { alias: { set: { alias: '区法制局', liaison: liaison.id } } }).waitForReply();
    expect(nested.content).toBe('alias/set:区法制局:liaison:member');
  });

  it('refuses option values the Discord client would not send', () => {
    expect(() => run('unit add', { category: 'department' })).toThrow(/"name" is required/);
    expect(() => run('unit add', { name: 'x', category: 'planet' })).toThrow(/must be one of/);
    expect(() => run('unit add', { name: 'x'.repeat(51) })).toThrow(/at most 50/);
    expect(() => run('unit add', { name: 'x', colour: 'red' })).toThrow(/no option "colour"/);
    expect(() => run('nope')).toThrow(/not registered/);
  });

  it('serves attachment options from the local CDN', async () => {
    harness().onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand() || interaction.commandName !== 'notice') return;
      const file = interaction.options.getAttachment('file', true);
      const text = await (await fetch(file.url)).text();
      await interaction.reply(`${file.name} (${file.contentType}, ${file.size} bytes): ${text}`);
    });
    const reply = await run('notice import', { file: { filename: '工作要点.txt', bytes: '一、重点任务', contentType: 'text/plain' } }).waitForReply();
    expect(reply.content).toBe(`工作要点.txt (text/plain, ${Buffer.byteLength('一、重点任务')} bytes): 一、重点任务`);
  });

  it('answers autocomplete with the choices the bot offers, values arriving as strings', async () => {
    let focusedValue: unknown;
    harness().onInteraction(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const focused = interaction.options.getFocused(true);
      focusedValue = focused.value;
      await interaction.respond([1, 12, 123].filter((n) => String(n).startsWith(focused.value)).map((n) => ({ name: `任务 ${n}`, value: n })));
    });
    const handle = harness().lc.runAutocomplete({
      guildId: place.guild.id,
      channelId: place.channel.id,
      userId: place.member.id,
      name: 'task',
      options: { number: 12 },
      focused: 'number',
    });
    expect(await handle.choices()).toEqual([
      { name: '任务 12', value: 12 },
      { name: '任务 123', value: 123 },
    ]);
    expect(focusedValue).toBe('12');
  });

  it('rejects more than 25 autocomplete choices as Discord does', async () => {
    let failure: unknown;
    harness().onInteraction(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      await interaction.respond(Array.from({ length: 26 }, (_, n) => ({ name: `任务 ${n}`, value: n }))).catch((error: unknown) => {
        failure = error;
      });
    });
    const handle = harness().lc.runAutocomplete({
      guildId: place.guild.id,
      channelId: place.channel.id,
      userId: place.member.id,
      name: 'task',
      options: { number: 1 },
      focused: 'number',
    });
    await expect.poll(() => handle.failedRequests().length).toBe(1);
    expect(handle.failedRequests()[0]?.status).toBe(400);
    expect(failure).toMatchObject({ code: 50035, status: 400 });
    expect(handle.state).toBe('pending');
  });

  it('handles files in the callback, withResponse, fetchReply, follow-up edits and deletes', async () => {
    const { lc } = harness();
    const steps: string[] = [];
    harness().onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand() || interaction.commandName !== 'report') return;
      const response = await interaction.reply({
        content: '年度报告草稿',
        files: [new AttachmentBuilder(Buffer.from('draft'), { name: '年度报告.txt' })],
        withResponse: true,
      });
      steps.push(`resource:${response.resource?.message?.content}`);
      steps.push(`fetched:${(await interaction.fetchReply()).attachments.first()?.name}`);
      const extra = await interaction.followUp({ content: '补充说明', flags: MessageFlags.Ephemeral });
      await interaction.editReply({ message: extra.id, content: '补充说明（已更新）' });
      await interaction.deleteReply();
      steps.push('done');
    });
    const events: MessageEvent[] = [];
    const responses: InteractionResponseEvent[] = [];
    lc.on('message', (event) => events.push(event));
    lc.on('interactionResponse', (event) => responses.push(event));
    const handle = run('report');
    const reply = await handle.waitForReply();
    expect(await (await fetch(reply.attachments[0]!.url)).text()).toBe('draft');
    await expect.poll(() => steps).toEqual(['resource:年度报告草稿', 'fetched:年度报告.txt', 'done']);
    expect((await handle.waitForFollowUp(0)).content).toBe('补充说明（已更新）');
    expect(lc.message(reply.id)).toBeUndefined();
    expect(events.map((event) => `${event.change}:${event.fromBot}:${event.ephemeralFor === null ? 'public' : 'ephemeral'}`)).toEqual([
      'create:true:public',
      'create:true:ephemeral',
      'update:true:ephemeral',
      'delete:true:public',
    ]);
    expect(responses).toMatchObject([{ interactionId: handle.id, type: InteractionResponseType.ChannelMessageWithSource }]);
    lc.removeAllListeners('message');
    lc.removeAllListeners('interactionResponse');
  });

  it('runs a global command in the user’s DM with the bot', async () => {
    const { lc } = harness();
    lc.registerCommands([{ name: 'whoami', description: 'Who am I' }]);
    harness().onInteraction(async (interaction) => {
      if (interaction.isChatInputCommand() && interaction.commandName === 'whoami') {
        await interaction.reply(
          `${interaction.user.username} guild=${interaction.guildId} member=${interaction.member === null ? 'none' : 'yes'} dm=${interaction.channel?.isDMBased()}`,
        );
      }
    });
    const reply = await lc.runSlashCommand({ userId: place.member.id, name: 'whoami' }).waitForReply();
    expect(reply.content).toBe('slash-member guild=null member=none dm=true');
    expect(reply.channel_id).toBe(lc.dmChannelId(place.member.id));
  });
});
