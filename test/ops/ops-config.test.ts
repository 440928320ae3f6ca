import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('OPS_PORT and OPS_PASSWORD', () => {
  it('leave the ops listener and the dashboard off by default', () => {
    const config = loadConfig({});
    expect(config.opsPort).toBeUndefined();
    expect(config.opsPassword).toBeUndefined();
    expect(loadConfig({ OPS_PORT: '', OPS_PASSWORD: '' })).toMatchObject({ opsPort: undefined, opsPassword: undefined });
  });

  it('read a port and a password', () => {
    expect(loadConfig({ OPS_PORT: '9464', OPS_PASSWORD: 'a long enough secret' })).toMatchObject({ opsPort: 9464, opsPassword: 'a long enough secret' });
  });

  it('refuse a port that is not one, listing every problem', () => {
    for (const bad of ['abc', '0', '65536', '80.5']) {
      expect(() => loadConfig({ OPS_PORT: bad })).toThrow(/OPS_PORT/);
    }
  });

  it('refuse a short password without echoing it', () => {
    try {
      loadConfig({ OPS_PASSWORD: 'hunter2', OPS_PORT: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('OPS_PASSWORD must be at least 12 characters');
      expect(message).toContain('OPS_PORT');
      expect(message).not.toContain('hunter2');
    }
  });
});

describe('OPS_ALLOWED_HOSTS', () => {
  it('is empty by default and reads a comma-separated list of host names, with or without a port', () => {
    expect(loadConfig({}).opsAllowedHosts).toEqual([]);
    expect(loadConfig({ OPS_ALLOWED_HOSTS: ' ' }).opsAllowedHosts).toEqual([]);
    expect(loadConfig({ OPS_ALLOWED_HOSTS: 'Ops.Example.org, monitor.internal:9464,' }).opsAllowedHosts).toEqual(['ops.example.org', 'monitor.internal:9464']);
  });

  it('refuses a URL or anything that is not a host name, naming the variable once', () => {
    for (const bad of ['https://ops.example.org', 'ops.example.org/queues', 'ops example', '*.example.org']) {
      expect(() => loadConfig({ OPS_ALLOWED_HOSTS: bad }), bad).toThrow(/OPS_ALLOWED_HOSTS must list host names separated by commas/);
    }
  });
});
