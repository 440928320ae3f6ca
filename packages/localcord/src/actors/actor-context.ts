import { ChannelType } from 'discord-api-types/v10';
import type { CommandRegistry } from '../commands/command-registry.js';
import type { RequestLog } from '../http/request-log.js';
import type { Actor } from '../interactions/interaction-context.js';
import { InteractionHandle } from '../interactions/interaction-handle.js';
import type { InteractionRecord } from '../interactions/interaction-record.js';
import type { InteractionService } from '../interactions/interaction-service.js';
import type { MessageComposer } from '../messages/compose-message.js';
import type { AttachmentStore } from '../world/attachments.js';
import type { World } from '../world/world.js';

/** Everything the user-side actions need. */
export interface ActorDeps {
  world: World;
  commands: CommandRegistry;
  interactions: InteractionService;
  composer: MessageComposer;
  attachments: AttachmentStore;
  log: RequestLog;
  applicationId: string;
  strictTiming: boolean;
}

/** Where a user acts: an explicit channel, the guild's first text channel, or their DM with the bot. */
export interface PlaceInput {
  userId: string;
  guildId?: string;
  channelId?: string;
}

export function resolvePlace(world: World, input: PlaceInput): Actor {
  if (input.channelId !== undefined) {
    const channel = world.requireChannel(input.channelId);
    if (input.guildId !== undefined && channel.guildId !== input.guildId) throw new Error(`channel ${channel.id} is not in guild ${input.guildId}`);
    return { userId: input.userId, guildId: channel.guildId, channelId: channel.id };
  }
  if (input.guildId !== undefined) {
    const guild = world.requireGuild(input.guildId);
    const firstText = guild.channelIds.map((id) => world.channels.get(id)).find((channel) => channel?.type === ChannelType.GuildText);
    if (!firstText) throw new Error(`guild ${guild.name} has no text channel`);
    return { userId: input.userId, guildId: guild.id, channelId: firstText.id };
  }
  return { userId: input.userId, guildId: null, channelId: world.dmChannelFor(input.userId).id };
}

export function handleFor(deps: ActorDeps, record: InteractionRecord): InteractionHandle {
  return new InteractionHandle(record, { service: deps.interactions, world: deps.world, log: deps.log, strictTiming: deps.strictTiming });
}
