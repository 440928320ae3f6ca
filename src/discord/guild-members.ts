import { DiscordAPIError, REST } from 'discord.js';
import { PermissionFlagsBits, RESTJSONErrorCodes, Routes, type APIGuild, type APIGuildMember } from 'discord-api-types/v10';
import type { GuildMember, GuildMembers } from '../ports.js';

/** How long a guild's owner and role permissions are kept: they change rarely, and only decide who counts as an administrator. */
const GUILD_TTL_MS = 30_000;
/** Display names of report authors: a renamed person shows the old name for at most this long. */
const NAME_TTL_MS = 10 * 60_000;

const gone = new Set<number | string>([RESTJSONErrorCodes.UnknownMember, RESTJSONErrorCodes.UnknownUser, RESTJSONErrorCodes.UnknownGuild]);

function displayNameOf(member: APIGuildMember): string {
  return member.nick ?? member.user.global_name ?? member.user.username;
}

/**
 * The members of guilds as Discord says now, over REST (the bot and a worker alike; no gateway cache,
 * which would miss a role removed while the bot was away): the member is read on every call, the
 * guild's owner and role permissions at most every 30 seconds.
 */
export function createGuildMembers(options: { token: string; apiBase: string | undefined }): GuildMembers {
  const rest = new REST({ ...(options.apiBase ? { api: options.apiBase } : {}) }).setToken(options.token);
  const guilds = new Map<string, { at: number; ownerId: string; permissions: Map<string, bigint> }>();
  const names = new Map<string, { at: number; name: string }>();

  async function fetchMember(guildId: string, userId: string): Promise<APIGuildMember | null> {
    try {
      return (await rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember;
    } catch (error) {
      if (error instanceof DiscordAPIError && (gone.has(error.code) || error.status === 404)) return null;
      throw error;
    }
  }

  async function guildOf(guildId: string) {
    const held = guilds.get(guildId);
    if (held && Date.now() - held.at < GUILD_TTL_MS) return held;
    const guild = (await rest.get(Routes.guild(guildId))) as APIGuild;
    const entry = { at: Date.now(), ownerId: guild.owner_id, permissions: new Map(guild.roles.map((role) => [role.id, BigInt(role.permissions)])) };
    guilds.set(guildId, entry);
    return entry;
  }

  return {
    async readMember(guildId, userId): Promise<GuildMember | null> {
      const member = await fetchMember(guildId, userId);
      if (!member) return null;
      const guild = await guildOf(guildId);
      // @everyone's permissions (its id is the guild's) and each role's, as Discord computes a member's base permissions.
      let permissions = guild.permissions.get(guildId) ?? 0n;
      for (const roleId of member.roles) permissions |= guild.permissions.get(roleId) ?? 0n;
      const manage = PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild;
      const displayName = displayNameOf(member);
      names.set(`${guildId}:${userId}`, { at: Date.now(), name: displayName });
      return {
        roleIds: member.roles.filter((id) => id !== guildId),
        isAdmin: guild.ownerId === userId || (permissions & manage) !== 0n,
        displayName,
      };
    },
    async displayNames(guildId, userIds) {
      const found = new Map<string, string>();
      await Promise.all(
        [...new Set(userIds)].map(async (userId) => {
          const key = `${guildId}:${userId}`;
          const held = names.get(key);
          if (held && Date.now() - held.at < NAME_TTL_MS) {
            found.set(userId, held.name);
            return;
          }
          const member = /^\d{1,20}$/.test(userId) ? await fetchMember(guildId, userId) : null;
          if (!member) return;
          names.set(key, { at: Date.now(), name: displayNameOf(member) });
          found.set(userId, displayNameOf(member));
        }),
      );
      return found;
    },
  };
}
