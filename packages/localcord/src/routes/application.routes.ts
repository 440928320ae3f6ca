import { discordErrors } from '../errors.js';
import { defineRoute, json, noContent, type Route, type RouteRequest } from '../http/router.js';
import { serializeUser } from '../world/serialize.js';
import type { RouteDeps } from './route-deps.js';

export function applicationRoutes(deps: RouteDeps): Route[] {
  const { commands, world } = deps;
  const app = (request: RouteRequest) => {
    if (request.param('applicationId') !== deps.applicationId) throw discordErrors.unknownApplication();
  };
  const guildScope = (request: RouteRequest) => {
    app(request);
    const guild = world.requireGuild(request.param('guildId'));
    if (!guild.members.has(world.botUser.id)) throw discordErrors.missingAccess();
    return guild.id;
  };

  return [
    defineRoute('GET', '/applications/@me', {}, () =>
      json({
        id: deps.applicationId,
        name: world.botUser.username,
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        bot: serializeUser(world.botUser),
        owner: serializeUser(world.botUser),
        team: null,
      }),
    ),
    defineRoute('GET', '/applications/:applicationId/commands', {}, (request) => {
      app(request);
      return json(commands.list(null));
    }),
    defineRoute('PUT', '/applications/:applicationId/commands', {}, (request) => {
      app(request);
      return json(commands.overwrite(null, request.body));
    }),
    defineRoute('POST', '/applications/:applicationId/commands', {}, (request) => {
      app(request);
      const { command, created } = commands.upsert(null, request.body);
      return json(command, created ? 201 : 200);
    }),
    defineRoute('GET', '/applications/:applicationId/commands/:commandId', {}, (request) => {
      app(request);
      return json(commands.get(null, request.param('commandId')));
    }),
    defineRoute('PATCH', '/applications/:applicationId/commands/:commandId', {}, (request) => {
      app(request);
      return json(commands.edit(null, request.param('commandId'), request.body));
    }),
    defineRoute('DELETE', '/applications/:applicationId/commands/:commandId', {}, (request) => {
      app(request);
      commands.delete(null, request.param('commandId'));
      return noContent();
    }),
    defineRoute('GET', '/applications/:applicationId/guilds/:guildId/commands', {}, (request) => json(commands.list(guildScope(request)))),
    defineRoute('PUT', '/applications/:applicationId/guilds/:guildId/commands', {}, (request) => json(commands.overwrite(guildScope(request), request.body))),
    defineRoute('POST', '/applications/:applicationId/guilds/:guildId/commands', {}, (request) => {
      const { command, created } = commands.upsert(guildScope(request), request.body);
      return json(command, created ? 201 : 200);
    }),
    defineRoute('GET', '/applications/:applicationId/guilds/:guildId/commands/:commandId', {}, (request) =>
      json(commands.get(guildScope(request), request.param('commandId'))),
    ),
    defineRoute('PATCH', '/applications/:applicationId/guilds/:guildId/commands/:commandId', {}, (request) =>
      json(commands.edit(guildScope(request), request.param('commandId'), request.body)),
    ),
    defineRoute('DELETE', '/applications/:applicationId/guilds/:guildId/commands/:commandId', {}, (request) => {
      commands.delete(guildScope(request), request.param('commandId'));
      return noContent();
    }),
  ];
}
