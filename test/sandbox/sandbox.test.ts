import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-sandbox-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `npm start`'s entry without a token, types the lines one by one as answers appear, and collects the screen. */
function driveSandbox(lines: { send: string; waitFor: RegExp }[]): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    });
    let screen = '';
    let step = -1;
    let waitingFor: RegExp = /已就绪/;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the sandbox did not show ${waitingFor} in time; screen so far:\n${screen}`));
    }, 90_000);
    const advance = () => {
      while (waitingFor.test(screen)) {
        step++;
        const next = lines[step];
        if (!next) {
          child.stdin.end();
          return;
        }
        waitingFor = next.waitFor;
        child.stdin.write(`${next.send}\n`);
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      advance();
    });
    child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('the sandbox', () => {
  it('lets a person import a notice through the terminal, from start to confirmation', async () => {
    const { code, screen } = await driveSandbox([
      { send: '/help', waitFor: /click 序号\|按钮文字/ },
      { send: '/notice import file:test/fixtures/notices/trailing-paren-fazhi-2017.txt', waitFor: /\[\d+\] 确认导入/ },
      { send: 'click 确认导入', waitFor: /已导入 2017 年工作要点\(第 1 版\)/ },
      { send: '/task number:1', waitFor: /▸ 牵头单位:区编办/ },
      { send: '/as 访客', waitFor: /当前身份:无关成员/ },
      { send: '/tasks', waitFor: /你还不是本服务器督办工作的成员/ },
      { send: '/quit', waitFor: /正在退出沙盒/ },
    ]);
    expect(screen).toContain('duban 沙盒:未设置 DISCORD_TOKEN');
    expect(screen).toContain('【导入预览:清河区2017年法治政府建设工作要点】');
    expect(screen).not.toMatch(/错误编号|\n\s+at /);
    expect(code).toBe(0);
  }, 120_000);

  it('explains a mistyped line instead of failing', async () => {
    const { code, screen } = await driveSandbox([
      { send: '/nosuch', waitFor: /没有 \/nosuch 命令/ },
      { send: '/unit add nam:区司法局', waitFor: /没有“nam”选项/ },
      { send: 'click 9', waitFor: /还没有可操作的消息|没有按钮/ },
    ]);
    expect(screen).toContain('已就绪');
    expect(code).toBe(0);
  }, 120_000);

  it('finds the notice imported in an earlier run: a restart keeps the same server, people and channels', async () => {
    const { code, screen } = await driveSandbox([{ send: '/task number:1', waitFor: /▸ 牵头单位:区编办/ }]);
    expect(screen).not.toContain('还没有导入');
    expect(code).toBe(0);
  }, 120_000);
});
