import type { Interaction } from 'discord.js';
import { resolveAccess } from '../app/access.js';
import type { AppContext } from '../app/context.js';
import { UserError } from '../errors.js';
import { actorFromInteraction } from './actor.js';
import { explainFailure, type FailureOutcome } from './error-message.js';
import { respondPrivately } from './respond.js';
import type { CommandContext, SlashCommand } from './slash-command.js';

export interface RouterHooks {
  /** Called after every interaction, with whether it succeeded (metrics hang here). */
  onHandled?(name: string, outcome: 'ok' | FailureOutcome): void;
}

function nameOf(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId.split(':')[0] ?? '';
  return '';
}

/**
 * The one error boundary: a UserError is shown privately in Chinese; a Discord API error becomes
 * a mapped message; anything else is logged with an error id that the user also sees.
 */
/** A button, menu or form the bot no longer knows what to do with (an old message, a changed version). */
export const staleInteraction = () => new UserError('stale_interaction', '这个按钮或表单已失效(可能来自较早的消息),请重新执行相应的命令。');

/** Repliable and not answered yet (a modal shown counts as an answer). */
export function isUnanswered(interaction: Interaction): boolean {
  return interaction.isRepliable() && !interaction.replied && !interaction.deferred;
}

export function createInteractionRouter(commands: readonly SlashCommand[], app: AppContext, hooks: RouterHooks = {}) {
  const byName = new Map(commands.map((c) => [c.definition.name, c]));

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const name = nameOf(interaction);
    const command = byName.get(name);
    const log = app.logger.child({ command: name, user: interaction.user.id, guild: interaction.guildId, interaction: interaction.id });
    try {
      if (!interaction.inCachedGuild() && !interaction.guildId) {
        throw new UserError('guild_only', '请在服务器的频道中使用督办命令,私信中无法使用。');
      }
      // A button of a command this version does not have (an old message) is out of date, not ignored.
      if (!command) throw staleInteraction();
      const ctx = await buildContext(app, interaction);
      if (interaction.isChatInputCommand()) await command.execute(interaction, ctx);
      else if (interaction.isAutocomplete()) await command.autocomplete?.(interaction, ctx);
      else if (interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit()) {
        const [, action = '', ...args] = interaction.customId.split(':');
        await command.component?.(interaction, ctx, action, args);
      }
      // Every interaction gets an answer: one a handler did not recognise is told it is out of date.
      if (isUnanswered(interaction)) throw staleInteraction();
      hooks.onHandled?.(name, 'ok');
    } catch (error) {
      const { message, outcome } = explainFailure(error, log);
      hooks.onHandled?.(name, outcome);
      if (interaction.isAutocomplete()) {
        await interaction.respond([]).catch(() => undefined);
        return;
      }
      if (!interaction.isRepliable()) return;
      await respondPrivately(interaction, message).catch((replyError: unknown) => log.warn({ err: replyError }, 'could not tell the user about the error'));
    }
  };
}

async function buildContext(app: AppContext, interaction: Interaction): Promise<CommandContext> {
  const guildId = interaction.guildId as string;
  const workspace = await app.store.workspaces.ensure(guildId, interaction.guild?.name ?? guildId);
  const access = await resolveAccess(app.store, workspace, actorFromInteraction(interaction));
  return { app, workspace, access };
}
