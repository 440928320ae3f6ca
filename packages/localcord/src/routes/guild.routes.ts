import { discordErrors } from '../errors.js';
import { defineRoute, json, type Route, type RouteRequest } from '../http/router.js';
import { serializeGuild, serializeGuildChannel, serializeMember, serializeRole } from '../world/serialize.js';
import type { RouteDeps } from './route-deps.js';

export function guildRoutes(deps: RouteDeps): Route[] {
  const { world } = deps;
  const guild = (request: RouteRequest) => {
    const found = world.requireGuild(request.param('guildId'));
    if (!found.members.has(world.botUser.id)) throw discordErrors.missingAccess();
    return found;
  };
  const memberJson = (guildId: string, userId: string) => {
    const member = world.requireGuild(guildId).members.get(userId);
    if (!member) throw discordErrors.unknownMember();
    return serializeMember(member, world.requireUser(userId));
  };

  return [
    defineRoute('GET', '/guilds/:guildId', {}, (request) => json(serializeGuild(guild(request)))),
    defineRoute('GET', '/guilds/:guildId/channels', {}, (request) =>
      json(
        guild(request).channelIds.flatMap((id) => {
          const channel = world.channels.get(id);
          return channel ? [serializeGuildChannel(channel)] : [];
        }),
      ),
    ),
    defineRoute('GET', '/guilds/:guildId/roles', {}, (request) => json([...guild(request).roles.values()].map(serializeRole))),
    defineRoute('GET', '/guilds/:guildId/members', {}, (request) => {
      const found = guild(request);
      const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 1) || 1, 1), 1000);
      const after = BigInt(request.query.get('after') ?? '0');
      const members = [...found.members.keys()].filter((id) => BigInt(id) > after).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      return json(members.slice(0, limit).map((id) => memberJson(found.id, id)));
    }),
    defineRoute('GET', '/guilds/:guildId/members/search', {}, (request) => {
      const found = guild(request);
      const query = (request.query.get('query') ?? '').toLowerCase();
      const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 1) || 1, 1), 1000);
      const ids = [...found.members.keys()].filter((id) => world.requireUser(id).username.toLowerCase().startsWith(query));
      return json(ids.slice(0, limit).map((id) => memberJson(found.id, id)));
    }),
    defineRoute('GET', '/guilds/:guildId/members/:userId', {}, (request) => json(memberJson(guild(request).id, request.param('userId')))),
  ];
}
