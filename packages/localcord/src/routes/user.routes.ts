import { z } from 'zod';
import { parseBody } from '../form-errors.js';
import { defineRoute, json, type Route } from '../http/router.js';
import { serializeDmChannel, serializeUser } from '../world/serialize.js';
import type { RouteDeps } from './route-deps.js';

const createDmSchema = z.object({ recipient_id: z.string() }).loose();

export function userRoutes(deps: RouteDeps): Route[] {
  const { world } = deps;
  return [
    defineRoute('GET', '/users/@me', {}, () => json(serializeUser(world.botUser))),
    defineRoute('POST', '/users/@me/channels', {}, (request) => {
      const { recipient_id } = parseBody(createDmSchema, request.body);
      const recipient = world.requireUser(recipient_id);
      return json(serializeDmChannel(world.dmChannelFor(recipient.id), recipient));
    }),
    defineRoute('GET', '/users/:userId', {}, (request) => json(serializeUser(world.requireUser(request.param('userId'))))),
  ];
}
