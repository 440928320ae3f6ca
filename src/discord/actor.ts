import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Actor } from '../app/access.js';

/** Who is acting, read from the interaction payload (never from client caches that may be stale). */
export function actorFromInteraction(interaction: Interaction): Actor {
  const member = interaction.member;
  const roleIds = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  const permissions = interaction.memberPermissions;
  const isAdmin = Boolean(permissions?.has(PermissionFlagsBits.ManageGuild) || permissions?.has(PermissionFlagsBits.Administrator));
  return { userId: interaction.user.id, roleIds: roleIds.filter((id) => id !== interaction.guildId), isAdmin };
}
