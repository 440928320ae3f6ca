import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import type { StoredMessage } from './records.js';
import { serializePartialMember } from './serialize.js';
import type { World } from './world.js';

/**
 * Turns message changes into MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE dispatches.
 * Ephemeral messages never reach the gateway, as on Discord. `channel_type` matters: without it
 * discord.js cannot build the DM channel of a user it never wrote to and drops the message.
 */
export function dispatchMessageEvents(world: World): void {
  world.on('message', (change, message) => {
    if (message.visibleToUserId !== null) return;
    const channel = world.channels.get(message.api.channel_id);
    const guildId = channel?.guildId ?? null;
    const intent = guildId === null ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
    if (change === 'delete') {
      world.emit('dispatch', {
        event: {
          t: GatewayDispatchEvents.MessageDelete,
          d: { id: message.api.id, channel_id: message.api.channel_id, ...(guildId === null ? {} : { guild_id: guildId }) },
        },
        guildId,
        intent,
        contentGated: false,
      });
      return;
    }
    const data = {
      ...messageEventData(world, message, guildId),
      ...(channel && channel.type !== ChannelType.GuildCategory ? { channel_type: channel.type } : {}),
    };
    world.emit('dispatch', {
      event: change === 'create' ? { t: GatewayDispatchEvents.MessageCreate, d: data } : { t: GatewayDispatchEvents.MessageUpdate, d: data },
      guildId,
      intent,
      contentGated: true,
    });
  });
}

function messageEventData(world: World, message: StoredMessage, guildId: string | null): GatewayMessageCreateDispatchData {
  const api = structuredClone(message.api);
  if (guildId === null) return { ...api, mentions: api.mentions };
  const guild = world.guilds.get(guildId);
  const member = guild?.members.get(api.author.id);
  // Webhook-style interaction messages carry no member, like Discord's.
  const withMember = member && api.webhook_id === undefined ? { member: serializePartialMember(member) } : {};
  const mentions = api.mentions.map((user) => {
    const mentioned = guild?.members.get(user.id);
    return mentioned ? { ...user, member: serializePartialMember(mentioned) } : user;
  });
  return { ...api, guild_id: guildId, mentions, ...withMember };
}
