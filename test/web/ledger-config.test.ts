import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { contentDisposition, inlineImageType } from '../../src/web/ledger/evidence-response.js';
import { ledgerOptionsFor } from '../../src/web/ledger/ledger-config.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-ledger-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('the ledger’s configuration', () => {
  it('serves on 127.0.0.1:8787 for 24-hour links by default, and LEDGER_PORT=off turns it off', () => {
    const config = loadConfig({});
    expect([config.ledgerPort, config.ledgerPortIsDefault, config.ledgerHost, config.publicUrl, config.ledgerLinkHours]).toEqual([
      8787,
      true,
      '127.0.0.1',
      undefined,
      24,
    ]);
    expect(loadConfig({ LEDGER_PORT: 'off' }).ledgerPort).toBeNull();
    expect(loadConfig({ LEDGER_PORT: '9000', PUBLIC_URL: 'https://duban.example.gov.cn/' }).publicUrl).toBe('https://duban.example.gov.cn');
  });

  it('lists every bad value at once, and never echoes the secret', () => {
    const found = problems({ LEDGER_PORT: '70000', PUBLIC_URL: 'https://duban.example.gov.cn/ledger', LEDGER_LINK_HOURS: '0', LEDGER_SECRET: 'short-secret' });
    expect(found).toHaveLength(4);
    expect(found.join('\n')).toContain('LEDGER_PORT must be between 1 and 65535, or off');
    expect(found.join('\n')).toContain('PUBLIC_URL must be the address');
    expect(found.join('\n')).toContain('LEDGER_SECRET must be at least 32 characters');
    expect(found.join('\n')).not.toContain('short-secret');
  });

  it('has the bot generate and keep a secret, and a worker serve only when told, with the bot’s secret', async () => {
    const bot = await ledgerOptionsFor(loadConfig({ DATA_DIR: dataDir }), 'bot');
    expect(bot?.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dataDir, 'ledger-secret'), 'utf8').trim()).toBe(bot?.secret);
    expect(statSync(path.join(dataDir, 'ledger-secret')).mode & 0o077).toBe(0);
    expect((await ledgerOptionsFor(loadConfig({ DATA_DIR: dataDir }), 'bot'))?.secret).toBe(bot?.secret);
    expect(await ledgerOptionsFor(loadConfig({ DATA_DIR: dataDir }), 'worker')).toBeNull();
    await expect(ledgerOptionsFor(loadConfig({ DATA_DIR: dataDir, LEDGER_PORT: '8788' }), 'worker')).rejects.toThrow(/LEDGER_SECRET/);
    const secret = 'a-shared-ledger-secret-of-32-characters!';
    expect((await ledgerOptionsFor(loadConfig({ DATA_DIR: dataDir, LEDGER_PORT: '8788', LEDGER_SECRET: secret }), 'worker'))?.port).toBe(8788);
  });
});

describe('evidence responses', () => {
  it('names the file as uploaded, with an ASCII fallback that cannot break the header', () => {
    expect(contentDisposition('attachment', '整改报告(第2版).pdf')).toBe(
      `attachment; filename="____(_2_).pdf"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%28%E7%AC%AC2%E7%89%88%29.pdf`,
    );
    expect(contentDisposition('inline', 'a"b\\c;%.png')).toBe(`inline; filename="a_b_c__.png"; filename*=UTF-8''a%22b%5Cc%3B%25.png`);
  });

  it('shows inline only raster images whose bytes agree with their type', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(inlineImageType('image/png', png)).toBe('image/png');
    expect(inlineImageType('image/jpeg', png)).toBeNull();
    expect(inlineImageType('image/svg+xml', new TextEncoder().encode('<svg/>'))).toBeNull();
    expect(inlineImageType('text/html', png)).toBeNull();
    expect(inlineImageType(null, png)).toBeNull();
  });
});
