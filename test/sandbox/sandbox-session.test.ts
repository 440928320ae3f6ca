import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driveSandbox } from './drive-sandbox.js';

const work = mkdtempSync(path.join(tmpdir(), 'duban-session-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A notice of the current year with two tasks for the sandbox's own town, whose liaison is 赵敏.
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const noticeFile = path.join(work, 'notice.txt');
writeFileSync(
  noticeFile,
  `清河区${year}年法治政府建设工作要点\n一、依法行政\n（一）开展行政执法案卷评查。（城关镇负责）\n（二）推进政务公开标准化建设。（城关镇负责）\n`,
);
const evidenceFile = path.join(work, '会议纪要.txt');
writeFileSync(evidenceFile, '第一次专题会议纪要:评查案卷 120 件。');

/** The time of the first reminder still to come, from /reminders show, a minute after it fires. */
function firstReminderTime(screen: string): string {
  const plan = screen.slice(screen.lastIndexOf('【提醒计划】'));
  const match = /· (\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}) /.exec(plan);
  if (!match) throw new Error(`no upcoming reminder in:\n${plan}`);
  return `${match[1]} ${match[2]}:${String(Number(match[3]) + 1).padStart(2, '0')}`;
}

/** The number the sandbox gave the reminder the liaison found waiting. */
const reminderNumber = (screen: string) => /📬[^\n]*\n\n🤖 duban · 消息 (\d+)\(私信\)/.exec(screen)?.[1] ?? 'none';

/** Identifiers that may show in Latin letters: the program's name, the notice file's, product and setting names, the time zone. */
const allowed = new Set(['duban', 'Discord', 'DISCORD', 'TOKEN', 'APPLICATION', 'example', 'start', 'Redis', 'Asia', 'Shanghai', 'Word', 'Excel', 'notice']);

/** What the sandbox showed, without what was typed, file paths and extensions, and the reminders' delivery markers. */
function shownText(screen: string, typed: string[]): string {
  const echoes = new Set(typed.map((line) => line.trim()));
  return screen
    .split('\n')
    .filter((line) => !echoes.has(line.trim()) && !line.startsWith('> '))
    .map((line) => line.replace(/^(\s+\S.*?)> .*$/, '$1>'))
    .join('\n')
    .replace(/(?:\/[^\s,，()()“”:]+)+/g, '〈路径〉')
    .replace(/\.(txt|docx|pdf|xlsx|csv|log|json|png)\b/g, '.〈扩展名〉')
    .replace(/R\d+·[0-9a-f]+/g, '〈标记〉');
}

describe('a newcomer’s session in the sandbox', () => {
  it('goes from importing a notice to the annual report, with the reminder reaching the liaison after the clock moves, all in Chinese', async () => {
    const { code, screen, typed } = await driveSandbox(
      [
        { send: `/notice import file:${noticeFile}`, waitFor: /\[\d+\] 确认导入/ },
        { send: 'click 确认导入', waitFor: new RegExp(`已导入 ${year} 年工作要点`) },
        { send: '/单位 绑定 单位:城关镇 用户:李强 身份:分管领导', waitFor: /已将 @副区长 李强 绑定为“城关镇”的分管领导/ },
        { send: '/reminders show', waitFor: /待发送 \d+ 条/ },
        { send: (s) => `/time ${firstReminderTime(s)}`, waitFor: /📨 duban 私信了城关镇联络员 赵敏:【报送提醒】/ },
        { send: '/as 联络员', waitFor: /收到 1 条私信[\s\S]*【报送提醒】[\s\S]*\[1\] 填报进展/ },
        { send: (s) => `reply ${reminderNumber(s)} （二）推进中,已完成标准目录梳理`, waitFor: /【请确认:城关镇[\s\S]*\[\d+\] 确认保存/ },
        { send: 'click 确认保存', waitFor: /🤖 duban · 消息 \d+\(私信,已更新\)/ },
        { send: '/progress task:1', waitFor: /选择序号>/ },
        { send: '2', waitFor: /进展情况[^\n]*> $/ },
        { send: '召开专题会议,评查案卷 120 件', waitFor: /完成百分比[^\n]*> $/ },
        { send: '60', waitFor: /佐证材料[^\n]*> $/ },
        { send: '不存在的文件.pdf', waitFor: /找不到文件“不存在的文件.pdf”[\s\S]*佐证材料[^\n]*> $/ },
        { send: evidenceFile, waitFor: /🤖 duban · 消息 \d+/ },
        { send: '/as 督办人', waitFor: /当前身份:督办人/ },
        { send: '/status', waitFor: /报送情况/ },
        { send: '/ranking show', waitFor: /🤖 duban · 消息 \d+/ },
        { send: '/report annual', waitFor: /🤖 duban · 消息 \d+/ },
        { send: '/audit', waitFor: /🤖 duban · 消息 \d+/ },
        { send: '/quit', waitFor: /正在退出沙盒/ },
      ],
      { dataDir: path.join(work, 'data'), timeoutMs: 240_000 },
    );
    expect(code).toBe(0);
    const shown = shownText(screen, typed);
    expect(shown).toContain('城关镇联络员 赵敏收到 1 条私信');
    expect(shown).not.toMatch(/<@|<#|<t:/);
    expect(shown).not.toMatch(/错误编号|\n\s+at /);
    // An address (the ledger's, printed at start) is not English text.
    const english = [...shown.replace(/https?:\S*/g, '').matchAll(/[A-Za-z]{4,}/g)].map((m) => m[0]).filter((word) => !allowed.has(word));
    expect(english).toEqual([]);
  }, 300_000);
});
