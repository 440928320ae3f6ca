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

/**
 * For producers (queues that add jobs while a person waits): with the offline queue off, an add while
 * Redis is away fails at once instead of hanging until it is back (BullMQ's "failing fast" pattern).
 */
export function bullmqProducerConnection(endpoint: RedisEndpoint): BullmqRedisOptions {
  return { ...bullmqConnection(endpoint), enableOfflineQueue: false };
}

/** A plain client for our own commands (the send gate). */
export function openRedisClient(endpoint: RedisEndpoint): Redis {
  return new Redis(redisOptions(endpoint, { maxRetriesPerRequest: null }));
}
