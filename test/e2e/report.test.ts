import { createStore } from '../../src/db/store.js';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ensureReportingPeriods } from '../../src/app/cycle/reporting-periods.js';
import { recordProgress } from '../../src/app/progress/record-progress.js';
import { findWorkspaceById } from '../../src/db/repositories/workspace.repository.js';
import { seedCounty, useBotStack, type BotStack } from './support/bot-stack.js';

describe('/report annual: the year’s report drafted as a .docx', () => {
  const stack = useBotStack();

  const taskId = async (s: BotStack, seq: number) => (await s.storage.db.selectFrom('tasks').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;

  /** The county seeded on 10 March, with 城关镇's (一) done and 区政务服务中心's (四) blocked in Q1. */
  const reported = async () => {
    const s = stack();
    return s.once('reported', async () => {
      s.clock.set('2026-03-10T02:00:00Z');
      const seeded = await seedCounty(s);
      const workspace = await findWorkspaceById(s.storage.db, seeded.workspaceId);
      if (!workspace) throw new Error('no workspace');
      const [q1] = await ensureReportingPeriods(createStore(s.storage.db), workspace, 2026);
      if (!q1) throw new Error('no period');
      const report = async (unitId: number, seq: number, actorId: string, status: 'done' | 'blocked', text: string) =>
        recordProgress(s.app, {
          workspaceId: seeded.workspaceId,
          unitId,
          taskId: await taskId(s, seq),
          periodId: q1.id,
          actorId,
          source: 'command',
          submission: { status, text },
        });
      await report(seeded.units.chengguan, 1, s.userId('liaison'), 'done', '全年开展集中学习5次,参学干部320人次。');
      await report(seeded.units.service, 4, seeded.dmLiaison, 'blocked', '评查系统尚未上线,无法推进。');
      return seeded;
    });
  };

  it('attaches a draft with the title, the three parts, the sections and the units, and says it is a draft', async () => {
    const s = stack();
    await reported();

    const handle = s.run('leader', 'report annual', { year: 2026 });
    const reply = await handle.waitForReply(20_000);
    expect(handle.state).toBe('deferred');
    expect(reply.embeds[0]?.title).toContain('2026年度法治政府建设情况报告(草稿)');
    expect(reply.embeds[0]?.description).toContain('草稿');
    const file = reply.attachments.find((a) => a.filename.endsWith('.docx'));
    expect(file?.filename).toMatch(/2026年度法治政府建设情况报告\(草稿\)\.docx$/);
    const bytes = s.lc.attachmentBytes(file?.url ?? '');
    if (!bytes) throw new Error('no .docx bytes on the local CDN');
    const text = (await mammoth.extractRawText({ buffer: bytes })).value;
    expect(text).toMatch(/清河区.*2026年度法治政府建设情况报告/);
    expect(text).toContain('草稿');
    const parts = ['一、工作开展情况', '二、存在的问题', '三、下一步工作打算'].map((heading) => text.indexOf(heading));
    expect(parts.every((at) => at >= 0)).toBe(true);
    expect([...parts].sort((a, b) => a - b)).toEqual(parts);
    expect(text).toContain('加强党的领导');
    expect(text).toContain('严格规范公正文明执法');
    expect(text).toContain('城关镇');
    expect(text).toContain('全年开展集中学习5次');
    expect(text.slice(parts[1], parts[2])).toContain('区政务服务中心');
  });

  it('refuses liaisons and outsiders', async () => {
    const s = stack();
    await reported();
    for (const persona of ['liaison', 'outsider'] as const) {
      const reply = await s.run(persona, 'report annual', { year: 2026 }).waitForReply();
      expect(reply.content).toContain('年度报告草稿仅限督办人和领导生成');
      expect(reply.attachments).toEqual([]);
    }
  });
});
