import type { AllowedMentionsInput } from './message-schema.js';

export interface MentionResult {
  userIds: string[];
  roleIds: string[];
  everyone: boolean;
}

/**
 * Which mentions in `content` actually ping, after `allowed_mentions`. With no allowed_mentions
 * everything parses (Discord's default); the replied-to author pings only when `replied_user` is
 * true, or when allowed_mentions is left out altogether.
 */
export function resolveMentions(content: string, allowed: AllowedMentionsInput | null | undefined, repliedUserId: string | null): MentionResult {
  const parse = allowed ? new Set(allowed.parse ?? []) : new Set(['users', 'roles', 'everyone']);
  const explicitUsers = new Set(allowed?.users ?? []);
  const explicitRoles = new Set(allowed?.roles ?? []);

  const userIds = new Set<string>();
  for (const match of content.matchAll(/<@!?(\d{1,20})>/g)) {
    const id = match[1];
    if (id !== undefined && (parse.has('users') || explicitUsers.has(id))) userIds.add(id);
  }
  const roleIds = new Set<string>();
  for (const match of content.matchAll(/<@&(\d{1,20})>/g)) {
    const id = match[1];
    if (id !== undefined && (parse.has('roles') || explicitRoles.has(id))) roleIds.add(id);
  }
  const repliedPings = allowed ? allowed.replied_user === true : true;
  if (repliedUserId !== null && repliedPings) userIds.add(repliedUserId);

  return {
    userIds: [...userIds],
    roleIds: [...roleIds],
    everyone: parse.has('everyone') && /@(everyone|here)/.test(content),
  };
}
