import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driveSandbox as drive } from './drive-sandbox.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-sandbox-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const driveSandbox = (lines: { send: string; waitFor: RegExp }[]) => drive(lines, { dataDir });

describe('the sandbox', () => {
  it('lets a person import a notice through the terminal, from start to confirmation', async () => {
    const { code, screen } = await driveSandbox([
      { send: '/help', waitFor: /click 序号\|按钮文字/ },
      { send: '/notice import file:test/fixtures/notices/trailing-paren-fazhi-2017.txt', waitFor: /\[\d+\] 确认导入/ },
      { send: 'click 确认导入', waitFor: /已导入 2017 年工作要点\(第 1 版\)/ },
      { send: '/task show number:1', waitFor: /▸ 牵头单位:区编办/ },
      { send: '/as 访客', waitFor: /当前身份:无关成员/ },
      { send: '/tasks', waitFor: /你还不是本服务器督办工作的成员/ },
      { send: '/quit', waitFor: /正在退出沙盒/ },
    ]);
    expect(screen).toContain('duban 沙盒:机器人连接到本机模拟的 Discord 服务器');
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
    const { code, screen } = await driveSandbox([{ send: '/task show number:1', waitFor: /▸ 牵头单位:区编办/ }]);
    expect(screen).not.toContain('还没有导入');
    expect(code).toBe(0);
  }, 120_000);
});
