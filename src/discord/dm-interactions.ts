import type { Interaction } from 'discord.js';
import { resolveAccess } from '../app/access.js';
import type { AppContext } from '../app/context.js';
import { UserError } from '../errors.js';
import { explainFailure } from './error-message.js';
import { isUnanswered, staleInteraction } from './interaction-router.js';
import { respondPrivately } from './respond.js';
import type { SlashCommand } from './slash-command.js';

/** Finds the workspace a DM button or modal belongs to, from the ids its custom id carries. */
export type DmWorkspaceResolver = (ctx: { app: AppContext }, action: string, args: string[]) => Promise<number | undefined>;

/**
 * Buttons and modals on messages the bot sent by DM (reminders to a liaison, reply confirmations).
 * A DM carries no guild, so the workspace comes from the custom id, and the person acts with their
 * direct bindings only (roles are a guild's). Errors are answered as the guild router answers them.
 */
export function createDmInteractionHandler(commands: readonly SlashCommand[], app: AppContext, resolvers: Readonly<Record<string, DmWorkspaceResolver>>) {
  const byName = new Map(commands.map((c) => [c.definition.name, c]));
  return async function handleDmInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isButton() && !interaction.isModalSubmit() && !interaction.isStringSelectMenu()) return;
    const [name = '', action = '', ...args] = interaction.customId.split(':');
    const command = byName.get(name);
    const resolve = resolvers[name];
    const log = app.logger.child({ command: name, user: interaction.user.id, dm: true, interaction: interaction.id });
    try {
      const workspaceId = command && resolve ? await resolve({ app }, action, args) : undefined;
      const workspace = workspaceId === undefined ? undefined : await app.store.workspaces.findById(workspaceId);
      if (!command || !workspace) throw new UserError('guild_only', '请在服务器的频道中使用督办命令,私信中无法使用。');
      const access = await resolveAccess(app.store, workspace, { userId: interaction.user.id, roleIds: [], isAdmin: false });
      await command.component?.(interaction, { app, workspace, access }, action, args);
      if (isUnanswered(interaction)) throw staleInteraction();
    } catch (error) {
      const { message } = explainFailure(error, log);
      await respondPrivately(interaction, message).catch((replyError: unknown) => log.warn({ err: replyError }, 'could not tell the user about the error'));
    }
  };
}
