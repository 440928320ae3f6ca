import type { RESTGetAPIGatewayBotResult, RESTGetAPIGatewayResult } from 'discord-api-types/v10';
import { defineRoute, json, type Route } from '../http/router.js';
import type { RouteDeps } from './route-deps.js';

export function gatewayRoutes(deps: RouteDeps): Route[] {
  return [
    defineRoute('GET', '/gateway/bot', {}, () =>
      json({
        url: deps.gatewayUrl(),
        shards: deps.sharding.recommendedShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: deps.sharding.maxConcurrency },
      } satisfies RESTGetAPIGatewayBotResult),
    ),
    defineRoute('GET', '/gateway', { auth: 'none' }, () => json({ url: deps.gatewayUrl() } satisfies RESTGetAPIGatewayResult)),
  ];
}
