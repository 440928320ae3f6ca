import { createStore } from '../../src/db/store.js';
import ExcelJS from 'exceljs';
import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { ensureReportingPeriods } from '../../src/app/cycle/reporting-periods.js';
import { findWorkspaceById } from '../../src/db/repositories/workspace.repository.js';
import { recordProgress } from '../../src/app/progress/record-progress.js';
import { unchanged } from './support/bad-input.js';
import { seedCounty, useBotStack, type BotStack, type SeededCounty } from './support/bot-stack.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function attachment(s: BotStack, message: APIMessage, extension: string): Buffer {
  const found = message.attachments.find((a) => a.filename.endsWith(extension));
  if (!found) throw new Error(`no ${extension} attachment on the reply: ${message.attachments.map((a) => a.filename).join(', ')}`);
  const bytes = s.lc.attachmentBytes(found.url);
  if (!bytes) throw new Error(`the local CDN has no bytes for ${found.url}`);
  return bytes;
}

// Q1 2026 is due 25 March. 区政务服务中心 reports both its tasks on time; 城关镇 reports one late; 区司法局 nothing.
describe('/ranking: the quarter ranking with its chart and workbook', () => {
  const stack = useBotStack();
  let county: SeededCounty;

  const taskId = async (s: BotStack, seq: number) => (await s.storage.db.selectFrom('tasks').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;

  /** The county seeded on 10 March; 区政务服务中心 reports (四) on time, 城关镇 reports (一) late on 30 March. */
  const reported = async () => {
    const s = stack();
    county = await s.once('reported', async () => {
      s.clock.set('2026-03-10T02:00:00Z');
      const seeded = await seedCounty(s);
      await ensureReportingPeriods(
        createStore(s.storage.db),
        await findWorkspaceById(s.storage.db, seeded.workspaceId).then((w) => w ?? { id: 0, reporting_cadence: null }),
        2026,
      );
      const periodId = (await s.storage.db.selectFrom('reporting_periods').select('id').where('key', '=', '2026-Q1').executeTakeFirstOrThrow()).id;
      const report = async (unitId: number, seq: number, status: 'done' | 'in_progress', actorId: string) =>
        recordProgress(s.app, {
          workspaceId: seeded.workspaceId,
          unitId,
          taskId: await taskId(s, seq),
          periodId,
          actorId,
          source: 'command',
          submission: { status, text: '按计划推进。', ...(status === 'in_progress' ? { percent: 50 } : {}) },
        });
      await report(seeded.units.service, 4, 'done', seeded.dmLiaison);
      s.clock.set('2026-03-30T02:00:00Z');
      await report(seeded.units.chengguan, 1, 'in_progress', s.userId('liaison'));
      return seeded;
    });
    return county;
  };

  it('ranks 部门 and 镇街 separately with each unit’s score, and attaches the PNG and the .xlsx', async () => {
    const s = stack();
    await reported();

    const handle = s.run('leader', 'ranking show', { year: 2026, quarter: 1 });
    const reply = await handle.waitForReply(20_000);
    expect(handle.state).toBe('deferred');
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('2026年第一季度考核排名');
    const fields = Object.fromEntries((embed?.fields ?? []).map((f) => [f.name, f.value]));
    // The notice was imported in March, but its tasks ask for the whole first quarter: 区司法局, which
    // sent nothing, is ranked with every report missing — silence never scores better than reporting.
    expect(Object.keys(fields)).toEqual(['部门(2 个单位)', '镇街(1 个单位)']);
    expect(fields['部门(2 个单位)']).toMatch(/^第1名 区政务服务中心 \*\*[\d.]+\*\*分\n第2名 区司法局 \*\*[\d.]+\*\*分$/);
    expect(fields['镇街(1 个单位)']).toMatch(/^第1名 城关镇 \*\*[\d.]+\*\*分$/);
    expect(JSON.stringify(embed).length).toBeLessThan(6000);

    const png = attachment(s, reply, '.png');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.readUInt32BE(16)).toBe(1100);

    const workbook = await openWorkbook(attachment(s, reply, '.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['排名', '得分明细', '任务状态', '评分规则']);
    const sheet = workbook.getWorksheet('排名');
    const rows = (sheet?.getSheetValues() ?? []).slice(3).map((row) => (Array.isArray(row) ? row.slice(1, 5) : []));
    const byName = new Map(rows.map((row) => [row[2], row]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['区政务服务中心', '区司法局', '城关镇']));
    const scoreIn = (name: string) => byName.get(name)?.[3];
    expect(Number(scoreIn('区司法局'))).toBeLessThan(Number(scoreIn('区政务服务中心')));
    expect(fields['部门(2 个单位)']).toContain(`区政务服务中心 **${String(scoreIn('区政务服务中心'))}**分`);
    expect(fields['镇街(1 个单位)']).toContain(`城关镇 **${String(scoreIn('城关镇'))}**分`);
  });

  it('shows a unit’s breakdown from 查看得分明细: its tasks and deductions', async () => {
    const s = stack();
    await reported();
    const reply = await s.run('coordinator', 'ranking show', { year: 2026, quarter: 1 }).waitForReply(20_000);
    const select = reply.components?.[0] as { components: { custom_id: string }[] } | undefined;
    const customId = select?.components[0]?.custom_id;
    expect(customId).toBe('ranking:detail:2026:1');
    const detail = await s.lc
      .selectMenu({ messageId: reply.id, customId: customId ?? '', userId: s.userId('coordinator'), values: [String(county.units.chengguan)] })
      .waitForReply(20_000);
    const embed = detail.embeds[0];
    expect(embed?.title).toBe('城关镇 · 2026年第一季度得分明细');
    expect(embed?.description).toContain('镇街第1名');
    expect(embed?.description).toContain('基础分 +100');
    expect(embed?.description).toMatch(/逾期报送扣分 -[\d.]+:（一）：逾期报送/);
  });

  it('ranks the whole year when the quarter is left out', async () => {
    const s = stack();
    await reported();
    const reply = await s.run('coordinator', 'ranking show', { year: 2026 }).waitForReply(20_000);
    expect(reply.embeds[0]?.title).toBe('2026年度考核排名');
    expect(reply.attachments.map((a) => a.filename)).toEqual(['2026年度考核排名.png', '2026年度考核排名.xlsx']);
  });

  it('lets a coordinator award a bonus with a reason, and shows the rules in Chinese', async () => {
    const s = stack();
    await reported();
    const text = await s.seen(s.run('coordinator', 'ranking bonus', { unit: '区司法局', points: 2, reason: '承办全市行政复议现场会', quarter: 1, year: 2026 }));
    expect(text).toContain('已为区司法局在2026年第一季度加2分，理由：承办全市行政复议现场会');
    const rows = await s.storage.db.selectFrom('score_adjustments').select(['unit_id', 'points', 'reason', 'awarded_by']).execute();
    expect(rows).toEqual([{ unit_id: county.units.justice, points: '2.00', reason: '承办全市行政复议现场会', awarded_by: s.userId('coordinator') }]);
    const rules = await s.seen(s.run('leader', 'ranking rules show'));
    expect(rules).toContain('考核评分规则(默认规则)');
    expect(rules).toContain('100');
  });

  it('refuses liaisons and outsiders, and a leader’s bonus, changing nothing', async () => {
    const s = stack();
    await reported();
    await unchanged(s, async () => {
      for (const persona of ['liaison', 'outsider'] as const) {
        expect(await s.seen(s.run(persona, 'ranking show', { year: 2026, quarter: 1 }))).toContain('考核排名仅限督办人和领导查看');
      }
      expect(await s.seen(s.run('liaison', 'ranking bonus', { unit: '城关镇', points: 5, reason: '自己给自己加分', quarter: 1 }))).toContain('仅限督办人');
      expect(await s.seen(s.run('leader', 'ranking bonus', { unit: '城关镇', points: 5, reason: '领导加分', quarter: 1 }))).toContain('仅限督办人');
    });
  });

  it('refuses a year without a notice, laying out no periods for it', async () => {
    const s = stack();
    await reported();
    expect(await s.seen(s.run('coordinator', 'ranking show', { year: 2030 }))).toContain('2030 年没有导入工作要点,无法排名。已导入的年度:2026');
    expect(await s.storage.db.selectFrom('reporting_periods').select('id').where('year', '=', 2030).execute()).toEqual([]);
  });
});
