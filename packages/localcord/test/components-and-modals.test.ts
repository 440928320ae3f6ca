import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  FileUploadBuilder,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  UserSelectMenuBuilder,
} from 'discord.js';
import { ComponentType, InteractionResponseType, MessageFlags, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlace, useHarness, waitForGuild, type Place } from './helpers.js';

describe('buttons, select menus and modals against the real discord.js client', () => {
  const harness = useHarness();
  let place: Place;

  beforeAll(async () => {
    const { lc, client } = harness();
    place = createPlace(lc, 'components');
    lc.registerCommands([{ name: 'confirm', description: 'Asks for confirmation' }], place.guild.id);
    await waitForGuild(client, place.guild.id);
  });

  const askForConfirmation = async () => {
    const { lc } = harness();
    const handle = lc.runSlashCommand({ guildId: place.guild.id, channelId: place.channel.id, userId: place.member.id, name: 'confirm' });
    return handle.waitForReply();
  };

  const replyWithButtons = () =>
    harness().onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('import:confirm').setLabel('确认导入').setStyle(ButtonStyle.Primary),
        new ButtonBuilder().setCustomId('import:cancel').setLabel('取消').setStyle(ButtonStyle.Secondary),
        new ButtonBuilder().setCustomId('import:details').setLabel('详情').setStyle(ButtonStyle.Secondary),
        new ButtonBuilder().setURL('https://example.invalid/help').setLabel('帮助').setStyle(ButtonStyle.Link),
      );
      const select = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
        new StringSelectMenuBuilder()
          .setCustomId('import:section')
          .setMinValues(1)
          .setMaxValues(2)
          .addOptions({ label: '一、', value: 's1' }, { label: '二、', value: 's2' }, { label: '三、', value: 's3' }),
      );
      const users = new ActionRowBuilder<UserSelectMenuBuilder>().addComponents(new UserSelectMenuBuilder().setCustomId('import:liaison'));
      await interaction.reply({ content: '预览', components: [row, select, users] });
    });

  it('lets a button press update the message it sits on', async () => {
    replyWithButtons();
    harness().onInteraction(async (interaction) => {
      if (interaction.isButton() && interaction.customId === 'import:confirm') {
        await interaction.update({ content: `已由 ${interaction.user.username} 确认`, components: [] });
      }
    });
    const preview = await askForConfirmation();
    const click = harness().lc.clickButton({ messageId: preview.id, customId: 'import:confirm', userId: place.member.id });
    const updated = await click.waitForReply();
    expect((await click.response()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(updated.id).toBe(preview.id);
    expect(updated.content).toBe('已由 components-member 确认');
    expect(updated.components).toEqual([]);
  });

  it('refuses presses the Discord client would not allow', async () => {
    replyWithButtons();
    const preview = await askForConfirmation();
    const { lc } = harness();
    expect(() => lc.clickButton({ messageId: preview.id, customId: 'import:nope', userId: place.member.id })).toThrow(/has no component "import:nope"/);
    expect(() => lc.clickButton({ messageId: preview.id, customId: 'https://example.invalid/help', userId: place.member.id })).toThrow(/no component/);
    const stranger = lc.createUser({ username: 'stranger' });
    expect(() => lc.clickButton({ messageId: preview.id, customId: 'import:cancel', userId: stranger.id })).toThrow(/not a member/);
  });

  it('delivers deferUpdate followed by editReply as an edit of the component message', async () => {
    replyWithButtons();
    harness().onInteraction(async (interaction) => {
      if (interaction.isButton() && interaction.customId === 'import:cancel') {
        await interaction.deferUpdate();
        await interaction.editReply({ content: '已取消', components: [] });
      }
    });
    const preview = await askForConfirmation();
    const click = harness().lc.clickButton({ messageId: preview.id, customId: 'import:cancel', userId: place.member.id });
    const edited = await click.waitForReply();
    expect(edited.id).toBe(preview.id);
    expect(edited.content).toBe('已取消');
  });

  it('sends string and user select values as discord.js reads them', async () => {
    replyWithButtons();
    harness().onInteraction(async (interaction) => {
      if (interaction.isStringSelectMenu()) await interaction.reply({ content: `sections ${interaction.values.join('+')}`, flags: MessageFlags.Ephemeral });
      if (interaction.isUserSelectMenu()) await interaction.reply(`liaison ${interaction.users.first()?.username} member=${interaction.members.size}`);
    });
    const preview = await askForConfirmation();
    const { lc } = harness();
    const sections = await lc.selectMenu({ messageId: preview.id, customId: 'import:section', userId: place.member.id, values: ['s1', 's3'] }).waitForReply();
    expect(sections.content).toBe('sections s1+s3');
    expect(sections.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const liaison = await lc
      .selectMenu({ messageId: preview.id, customId: 'import:liaison', userId: place.member.id, values: [place.member.id] })
      .waitForReply();
    expect(liaison.content).toBe('liaison components-member member=1');
    expect(() => lc.selectMenu({ messageId: preview.id, customId: 'import:section', userId: place.member.id, values: ['s9'] })).toThrow(/no option s9/);
    expect(() => lc.selectMenu({ messageId: preview.id, customId: 'import:section', userId: place.member.id, values: ['s1', 's2', 's3'] })).toThrow(
      /1–2 values/,
    );
  });

  it('opens a modal with showModal and reads the submission through interaction.fields', async () => {
    replyWithButtons();
    harness().onInteraction(async (interaction) => {
      if (interaction.isButton() && interaction.customId === 'import:details') {
        const modal = new ModalBuilder()
          .setCustomId('progress:report')
          .setTitle('填报进展')
          .addLabelComponents(
            new LabelBuilder()
              .setLabel('进展情况')
              .setTextInputComponent(new TextInputBuilder().setCustomId('progress').setStyle(TextInputStyle.Paragraph).setMaxLength(500)),
            new LabelBuilder()
              .setLabel('状态')
              .setStringSelectMenuComponent(
                new StringSelectMenuBuilder().setCustomId('status').addOptions({ label: '推进中', value: 'ongoing' }, { label: '已完成', value: 'done' }),
              ),
            new LabelBuilder().setLabel('佐证材料').setFileUploadComponent(new FileUploadBuilder().setCustomId('evidence').setRequired(false).setMaxValues(2)),
          );
        await interaction.showModal(modal);
      }
      if (interaction.isModalSubmit()) {
        const files = interaction.fields.getUploadedFiles('evidence');
        const texts = await Promise.all([...(files?.values() ?? [])].map(async (file) => `${file.name}=${await (await fetch(file.url)).text()}`));
        await interaction.reply({
          content: [
            interaction.customId,
            interaction.fields.getTextInputValue('progress'),
            interaction.fields.getStringSelectValues('status').join(','),
            ...texts,
          ].join('|'),
          flags: MessageFlags.Ephemeral,
        });
      }
    });
    const preview = await askForConfirmation();
    const { lc } = harness();
    const click = lc.clickButton({ messageId: preview.id, customId: 'import:details', userId: place.member.id });
    const modal = await click.modal();
    expect(modal.title).toBe('填报进展');
    expect(modal.components.map((component) => component.type)).toEqual([ComponentType.Label, ComponentType.Label, ComponentType.Label]);

    expect(() => lc.submitModal({ userId: place.member.id, from: click, fields: { status: ['done'] } })).toThrow(/"progress" is required/);
    const submit = lc.submitModal({
      userId: place.member.id,
      from: click,
      fields: { progress: '已完成80%', status: ['done'], evidence: [{ filename: 'photo.txt', bytes: 'evidence-bytes', contentType: 'text/plain' }] },
    });
    const reply = await submit.waitForReply();
    expect(reply.content).toBe('progress:report|已完成80%|done|photo.txt=evidence-bytes');
    expect(() => lc.submitModal({ userId: place.member.id, from: click, fields: { progress: 'again', status: ['done'] } })).toThrow(/already submitted/);
  });

  it('rejects a modal Discord would refuse and tells the test why', async () => {
    let failure: unknown;
    replyWithButtons();
    harness().onInteraction(async (interaction) => {
      if (interaction.isButton() && interaction.customId === 'import:details') {
        // A plain object skips the builders' own checks, so the server's are the ones that answer.
        const tooLongTitle: APIModalInteractionResponseCallbackData = {
          custom_id: 'bad',
          title: '填报'.repeat(23),
          components: [{ type: ComponentType.Label, label: 'x', component: { type: ComponentType.TextInput, custom_id: 'x', style: TextInputStyle.Short } }],
        };
        await interaction.showModal(tooLongTitle).catch((error: unknown) => (failure = error));
      }
    });
    const preview = await askForConfirmation();
    const click = harness().lc.clickButton({ messageId: preview.id, customId: 'import:details', userId: place.member.id });
    await expect.poll(() => failure).toBeDefined();
    expect(failure).toMatchObject({ code: 50035, status: 400 });
    expect(JSON.stringify(click.failedRequests()[0]?.response)).toContain('BASE_TYPE_MAX_LENGTH');
  });
});
