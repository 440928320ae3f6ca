import type { RedisOptions as BullmqRedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { redisOptions, type RedisEndpoint } from './redis-endpoint.js';

/**
 * BullMQ connection options for an endpoint. Workers block on Redis, so commands must never give up
 * (maxRetriesPerRequest: null). ioredis 6 types retryStrategy more widely than BullMQ's interface;
 * we never set it, so it is left out.
 */
export function bullmqConnection(endpoint: RedisEndpoint): BullmqRedisOptions {
  const { retryStrategy: _unused, ...options } = redisOptions(endpoint, { maxRetriesPerRequest: null });
  return options;
}

/** A plain client for our own commands (the send gate). */
export function openRedisClient(endpoint: RedisEndpoint): Redis {
  return new Redis(redisOptions(endpoint, { maxRetriesPerRequest: null }));
}
