import { DiscordAPIError, type ChatInputCommandInteraction } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdjustableClock, startLocalcord } from '../src/index.js';
import { createPlace, rawFetch, useHarness, waitForGuild, type Place } from './helpers.js';

const clock = createAdjustableClock();

describe('interaction deadlines', () => {
  const harness = useHarness({ server: { clock: clock.now } });
  let place: Place;

  beforeAll(async () => {
    const { lc, client } = harness();
    place = createPlace(lc, 'deadlines');
    lc.registerCommands(
      [
        { name: 'late', description: 'Answers too late' },
        { name: 'edit-later', description: 'Edits much later' },
      ],
      place.guild.id,
    );
    await waitForGuild(client, place.guild.id);
  });

  const run = (name: string) => harness().lc.runSlashCommand({ guildId: place.guild.id, channelId: place.channel.id, userId: place.member.id, name });

  it('answers 10062 Unknown interaction to a callback after three seconds', async () => {
    const { lc } = harness();
    const handle = run('late');
    clock.advance(3001);
    const response = await rawFetch(
      lc,
      'POST',
      `/interactions/${handle.id}/${handle.token}/callback`,
      { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'too late' } },
      false,
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Unknown interaction', code: 10062 });
    await expect(handle.waitForReply(200)).rejects.toThrow(/did not acknowledge within 3000 ms/);
  });

  it('surfaces the late acknowledgement as a DiscordAPIError in discord.js', async () => {
    let failure: unknown;
    let arrived = false;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    harness().onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand() || interaction.commandName !== 'late') return;
      arrived = true;
      await gate;
      await interaction.reply('finally').catch((error: unknown) => (failure = error));
    });
    run('late');
    await expect.poll(() => arrived).toBe(true);
    clock.advance(3500);
    release();
    await expect.poll(() => failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ code: 10062, status: 404 });
  });

  it('refuses a second callback with 40060', async () => {
    const { lc } = harness();
    const handle = run('late');
    const path = `/interactions/${handle.id}/${handle.token}/callback`;
    const first = await rawFetch(lc, 'POST', path, { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'once' } }, false);
    expect(first.status).toBe(204);
    const second = await rawFetch(lc, 'POST', path, { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'twice' } }, false);
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ code: 40060 });
    expect((await handle.waitForReply()).content).toBe('once');
  });

  it('keeps the token for fifteen minutes, then answers 50027 Invalid Webhook Token', async () => {
    let saved: ChatInputCommandInteraction | undefined;
    let replied: Promise<unknown> | undefined;
    harness().onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand() || interaction.commandName !== 'edit-later') return;
      saved = interaction;
      replied = interaction.reply('first');
      await replied;
    });
    const handle = run('edit-later');
    await handle.waitForReply();
    await replied;
    clock.advance(14 * 60 * 1000);
    await saved!.editReply('still in time');
    expect((await handle.waitForReply()).content).toBe('still in time');
    clock.advance(2 * 60 * 1000);
    await expect(saved!.editReply('too late')).rejects.toMatchObject({ code: 50027, status: 401 });
  });
});

describe('relaxed deadlines for the sandbox (strictLimits: false)', () => {
  it('accepts a late acknowledgement and an old token, but still validates', async () => {
    const relaxedClock = createAdjustableClock();
    const lc = await startLocalcord({ clock: relaxedClock.now, strictLimits: false });
    try {
      const place = createPlace(lc, 'relaxed');
      lc.registerCommands([{ name: 'slow', description: 's' }], place.guild.id);
      const handle = lc.runSlashCommand({ guildId: place.guild.id, userId: place.member.id, name: 'slow' });
      relaxedClock.advance(60_000);
      const path = `/interactions/${handle.id}/${handle.token}/callback`;
      const tooLong = await rawFetch(lc, 'POST', path, { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'x'.repeat(2001) } }, false);
      expect(tooLong.status).toBe(400);
      expect(await tooLong.json()).toMatchObject({ code: 50035, errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
      const late = await rawFetch(lc, 'POST', path, { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'late but fine' } }, false);
      expect(late.status).toBe(204);
      relaxedClock.advance(60 * 60 * 1000);
      const edit = await rawFetch(lc, 'PATCH', `/webhooks/${lc.applicationId}/${handle.token}/messages/@original`, { content: 'edited an hour later' }, false);
      expect(edit.status).toBe(200);
      expect((await handle.waitForReply()).content).toBe('edited an hour later');
    } finally {
      await lc.close();
    }
  });
});
