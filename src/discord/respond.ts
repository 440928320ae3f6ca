import { MessageFlags, type InteractionReplyOptions, type MessageMentionOptions, type RepliableInteraction } from 'discord.js';

/** Set on every message the bot sends: user text never pings anyone, least of all @everyone. */
export const noMentions: MessageMentionOptions = { parse: [], repliedUser: false };

export type PrivatePayload = string | Omit<InteractionReplyOptions, 'flags' | 'allowedMentions'>;

/** Answers privately whatever state the interaction is in (fresh, deferred, or already answered). */
export async function respondPrivately(interaction: RepliableInteraction, payload: PrivatePayload): Promise<void> {
  const body = typeof payload === 'string' ? { content: payload } : payload;
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ ...body, allowedMentions: noMentions });
  } else if (interaction.replied) {
    await interaction.followUp({ ...body, allowedMentions: noMentions, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ ...body, allowedMentions: noMentions, flags: MessageFlags.Ephemeral });
  }
}

/** Defers privately before work that may take longer than Discord's 3 seconds. */
export async function deferPrivately(interaction: RepliableInteraction): Promise<void> {
  if (!interaction.deferred && !interaction.replied) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
}
