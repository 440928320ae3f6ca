import { defineRoute, json, noContent, type Route } from '../http/router.js';
import type { RouteDeps } from './route-deps.js';

/** Interaction endpoints carry no bot token and do not count against the global rate limit. */
const interactionRoute = { auth: 'none', limit: 'exempt' } as const;

export function interactionRoutes(deps: RouteDeps): Route[] {
  return [
    defineRoute('POST', '/interactions/:interactionId/:token/callback', interactionRoute, (request) => {
      const withResponse = request.query.get('with_response') === 'true';
      const result = deps.interactions.callback(request.param('interactionId'), request.param('token'), request.body, request.files, withResponse);
      return result ? json(result) : noContent();
    }),
  ];
}

export function webhookRoutes(deps: RouteDeps): Route[] {
  const record = (request: { param(name: string): string }) => deps.interactions.fromWebhook(request.param('webhookId'), request.param('token'));
  return [
    defineRoute('POST', '/webhooks/:webhookId/:token', interactionRoute, (request) => {
      const message = deps.interactions.followUp(record(request), request.body, request.files);
      return request.query.get('wait') === 'true' ? json(deps.world.snapshotMessage(message)) : noContent();
    }),
    defineRoute('GET', '/webhooks/:webhookId/:token/messages/:messageId', interactionRoute, (request) =>
      json(deps.world.snapshotMessage(deps.interactions.responseMessage(record(request), request.param('messageId')))),
    ),
    defineRoute('PATCH', '/webhooks/:webhookId/:token/messages/:messageId', interactionRoute, (request) =>
      json(deps.world.snapshotMessage(deps.interactions.editResponse(record(request), request.param('messageId'), request.body, request.files))),
    ),
    defineRoute('DELETE', '/webhooks/:webhookId/:token/messages/:messageId', interactionRoute, (request) => {
      deps.interactions.deleteResponse(record(request), request.param('messageId'));
      return noContent();
    }),
  ];
}
