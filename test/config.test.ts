import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('fills in the documented defaults', () => {
    const config = loadConfig({});
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.redisUrlIsDefault).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.workersInProcess).toBe(true);
    expect(config.discordShards).toBe('auto');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: ' ', DISCORD_TOKEN: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrlIsDefault).toBe(true);
    expect(config.discordToken).toBeUndefined();
  });

  it('lists every problem at once, in plain words', () => {
    let error: unknown;
    try {
      loadConfig({ TZ: 'Mars/Olympus', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud', DISCORD_APPLICATION_ID: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/TZ must be an IANA time zone/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must be a URL starting with postgres:\/\//);
    expect(problems.join('\n')).toMatch(/REDIS_URL must be a URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/DISCORD_APPLICATION_ID must be the numeric application id/);
    expect((error as Error).message).toMatch(/See \.env\.example/);
  });

  it('reads booleans as words, not as truthy strings', () => {
    expect(loadConfig({ WORKERS_IN_PROCESS: 'false' }).workersInProcess).toBe(false);
    expect(() => loadConfig({ WORKERS_IN_PROCESS: 'maybe' })).toThrow(/WORKERS_IN_PROCESS must be true or false/);
  });

  it('reads the worker niceness as a whole number from 0 to 19, 10 when not set', () => {
    expect(loadConfig({}).workerNiceness).toBe(10);
    expect(loadConfig({ WORKER_NICENESS: ' ' }).workerNiceness).toBe(10);
    expect(loadConfig({ WORKER_NICENESS: '0' }).workerNiceness).toBe(0);
    expect(() => loadConfig({ WORKER_NICENESS: '20' })).toThrow(/WORKER_NICENESS must be a whole number from 0 to 19/);
    expect(() => loadConfig({ WORKER_NICENESS: 'low' })).toThrow(/WORKER_NICENESS must be a whole number from 0 to 19/);
  });

  it('reads the gateway shard count as auto or a positive whole number', () => {
    expect(loadConfig({ DISCORD_SHARDS: '' }).discordShards).toBe('auto');
    expect(loadConfig({ DISCORD_SHARDS: ' AUTO ' }).discordShards).toBe('auto');
    expect(loadConfig({ DISCORD_SHARDS: '3' }).discordShards).toBe(3);
    for (const bad of ['0', '-2', '1.5', 'two', '02']) {
      expect(() => loadConfig({ DISCORD_SHARDS: bad }), bad).toThrow(/DISCORD_SHARDS must be auto or a positive whole number of gateway shards/);
    }
  });

  it('accepts a local Discord API base for tests and the sandbox', () => {
    expect(loadConfig({ DISCORD_API_BASE: 'http://127.0.0.1:4000/api' }).discordApiBase).toBe('http://127.0.0.1:4000/api');
  });
});
