import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function runWorker(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run worker', () => {
  it('says it needs DATABASE_URL, because the embedded database belongs to the bot process', async () => {
    const result = await runWorker({ DISCORD_TOKEN: 'x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run worker needs DATABASE_URL');
    expect(result.stderr).toContain('PGlite');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
