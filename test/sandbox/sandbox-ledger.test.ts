import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { runSandbox } from '../../src/sandbox/run-sandbox.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-sandbox-ledger-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The sandbox in this process, typed into and read like a terminal. */
function startSandbox() {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (d: Buffer) => (screen += d.toString()));
  const done = runSandbox(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), input, output);
  const waitFor = async (pattern: RegExp, from: number, timeoutMs = 60_000): Promise<RegExpExecArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = pattern.exec(screen.slice(from));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the sandbox did not show ${pattern}; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const type = async (line: string, answer: RegExp) => {
    const from = screen.length;
    input.write(`${line}\n`);
    return waitFor(answer, from);
  };
  return { waitFor, type, screen: () => screen, quit: async () => (input.end(), done) };
}

describe('the sandbox serves the ledger', () => {
  it('prints the ledger’s address, and /ledger open gives a link that opens in a browser on this machine', async () => {
    const sandbox = startSandbox();
    try {
      const [, address] = await sandbox.waitFor(/督办台账网页:(http:\/\/127\.0\.0\.1:\d+)/, 0, 120_000);
      await sandbox.waitFor(/已就绪/, 0);
      await sandbox.type('/as 督办人', /当前身份/);
      const [, link] = await sandbox.type('/台账 打开', /(http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_.-]+)/);
      expect(link?.startsWith(`${address}/l/`)).toBe(true);
      const opened = await fetch(link ?? '', { redirect: 'manual' });
      expect(opened.status).toBe(303);
      const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await fetch(`${address}/`, { headers: { cookie } });
      expect(page.status).toBe(200);
      // No notice in this fresh sandbox yet: the ledger says what to do first.
      expect(await page.text()).toContain('/工作要点 导入');
    } finally {
      await sandbox.quit();
    }
    expect(sandbox.screen()).not.toMatch(/错误编号|\n\s+at /);
  }, 180_000);
});
