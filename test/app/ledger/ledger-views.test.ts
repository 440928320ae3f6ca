import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.js';
import {
  buildLedgerOverview,
  buildLedgerRanking,
  buildLedgerTask,
  buildLedgerUnit,
  openLedgerEvidence,
  resolveLedgerViewer,
  revokeLedgerLinks,
} from '../../../src/app/ledger/index.js';
import { importNotice } from '../../../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../../../src/app/notices/prepare-notice-import.js';
import { recordProgress, type EvidenceInput } from '../../../src/app/progress/record-progress.js';
import { buildStatusReport } from '../../../src/app/progress/status-report.js';
import { rankQuarter } from '../../../src/app/ranking/index.js';
import { setupWorkspace } from '../../../src/app/setup-workspace.js';
import { bindUnitLiaison } from '../../../src/app/units/liaison-binding.js';
import { addUnit, setCollective } from '../../../src/app/units/unit-directory.js';
import type { Storage } from '../../../src/db/database.js';
import { buildRankingWorkbook } from '../../../src/exports/index.js';
import type { GuildMember, GuildMembers, PeriodRecord, Workspace } from '../../../src/ports.js';
import { ManualClock, testAppContext } from '../../support/app-context.js';
import { openMigratedStorage } from '../../support/storage.js';

const notice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想。（区司法局、区发改局负责）
（二）推进基层合法性审核全覆盖。（各镇政府（街道办事处）、区司法局负责）
二、严格规范公正文明执法
（三）推进行政执法规范化建设。（区发改局负责）
（四）开展“八五”普法中期评估，2026年6月30日前完成。（区教育局、城关镇负责）
（五）完成行政复议规范化建设。
`;

const guildId = '170000000000000009';
const roles = { coordinators: '710000000000000001', leaders: '710000000000000002' };
const people = {
  coordinator: '720000000000000001',
  leader: '720000000000000002',
  chengguan: '720000000000000003',
  justice: '720000000000000004',
  outsider: '720000000000000005',
  stranger: '720000000000000006',
};

/** The guild's members as Discord would answer (the port the web ledger reads on every request). */
function membersOf(table: Record<string, GuildMember>): GuildMembers {
  return {
    readMember: async (_guild, userId) => table[userId] ?? null,
    displayNames: async (_guild, ids) => new Map(ids.flatMap((id) => (table[id] ? [[id, table[id].displayName] as const] : []))),
  };
}

describe('the ledger’s views: the commands’ rules, one page', () => {
  let storage: Storage;
  let clock: ManualClock;
  let ctx: AppContext;
  let workspace: Workspace;
  let periods: PeriodRecord[];
  const unitIds = new Map<string, number>();
  const memberTable: Record<string, GuildMember> = {
    [people.coordinator]: { roleIds: [roles.coordinators], isAdmin: false, displayName: '司法局 张华' },
    [people.leader]: { roleIds: [roles.leaders], isAdmin: false, displayName: '副区长 李强' },
    [people.chengguan]: { roleIds: [], isAdmin: false, displayName: '城关镇 赵敏' },
    [people.justice]: { roleIds: [], isAdmin: false, displayName: '司法局 孙丽' },
    [people.outsider]: { roleIds: [], isAdmin: false, displayName: '访客 陈晨' },
  };
  const members = membersOf(memberTable);
  const session = (userId: string, issuedAt = clock.now()) => ({ guildId, userId, issuedAt });
  const viewer = (userId: string) => resolveLedgerViewer(ctx.store, members, session(userId));
  const taskId = async (seq: number) => (await ctx.store.tasks.findBySeq(workspace.id, 2026, seq))?.id ?? 0;
  const q1 = () => periods.find((p) => p.key === '2026-Q1') as PeriodRecord;

  beforeAll(async () => {
    storage = await openMigratedStorage('postgres');
    clock = new ManualClock(new Date('2026-01-10T02:00:00Z'));
    ctx = testAppContext(storage.db, clock);
    workspace = await ctx.store.workspaces.ensure(guildId, '清河区督办服务器');
    workspace = await setupWorkspace(ctx, {
      workspaceId: workspace.id,
      actorId: people.coordinator,
      coordinatorRoleId: roles.coordinators,
      leaderRoleId: roles.leaders,
    });
    for (const name of ['区司法局', '区发改局', '区教育局'])
      unitIds.set(name, (await addUnit(ctx, { workspaceId: workspace.id, actorId: people.coordinator, name, category: 'department' })).id);
    for (const name of ['城关镇', '东城街道'])
      unitIds.set(name, (await addUnit(ctx, { workspaceId: workspace.id, actorId: people.coordinator, name, category: 'township' })).id);
    await setCollective(ctx, { workspaceId: workspace.id, actorId: people.coordinator, name: '各镇政府（街道办事处）', memberNames: ['城关镇', '东城街道'] });
    const { draftId } = await prepareNoticeImport(ctx, {
      workspaceId: workspace.id,
      actorId: people.coordinator,
      text: notice,
      sourceKind: 'text',
      sourceName: null,
    });
    await importNotice(ctx, { workspaceId: workspace.id, actorId: people.coordinator, draftId });
    for (const [unitName, userId] of [
      ['城关镇', people.chengguan],
      ['区司法局', people.justice],
    ] as const) {
      await bindUnitLiaison(ctx, {
        workspaceId: workspace.id,
        actorId: people.coordinator,
        unitName,
        targetKind: 'user',
        targetId: userId,
        purpose: 'liaison',
      });
    }
    periods = await ctx.store.periods.list(workspace.id, 2026);
    // Q1 is due Wednesday 25 March; the first reminder (five workdays before) is 18 March.
    clock.set('2026-03-20T02:00:00Z');
    const report = async (
      unit: string,
      seq: number,
      actorId: string,
      submission: { status: 'in_progress' | 'blocked'; text: string },
      evidence: EvidenceInput[] = [],
    ) =>
      recordProgress(ctx, {
        workspaceId: workspace.id,
        unitId: unitIds.get(unit) ?? 0,
        taskId: await taskId(seq),
        periodId: q1().id,
        actorId,
        source: 'command',
        submission,
        evidence,
      });
    await report('区司法局', 1, people.justice, { status: 'in_progress', text: '已组织集中学习2次\n第二行不进总览' }, [
      { filename: '学习记录 2026.png', contentType: 'image/png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) },
    ]);
    await report('区发改局', 3, people.coordinator, { status: 'blocked', text: '执法系统尚未上线' });
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('shows coordinators and leaders every task, a liaison only their units’ tasks', async () => {
    clock.set('2026-03-20T02:00:00Z');
    for (const who of [people.coordinator, people.leader]) {
      const overview = await buildLedgerOverview(ctx.store, await viewer(who), { query: {}, now: clock.now() });
      expect(overview.sections.flatMap((s) => s.tasks.map((t) => t.seq))).toEqual([1, 2, 3, 4, 5]);
      expect(overview.ownUnits).toBeNull();
    }
    const liaison = await buildLedgerOverview(ctx.store, await viewer(people.chengguan), { query: {}, now: clock.now() });
    // 城关镇 answers for （二） through 各镇政府（街道办事处） and for （四） by name.
    expect(liaison.sections.flatMap((s) => s.tasks.map((t) => t.seq))).toEqual([2, 4]);
    expect(liaison.ownUnits).toEqual(['城关镇']);
    expect(liaison.options.units.map((u) => u.name)).toEqual(['城关镇']);
    expect(liaison.totalTasks).toBe(2);
  });

  it('shows an outsider nothing, and refuses a non-member and a revoked link, each in Chinese', async () => {
    await expect(viewer(people.outsider)).rejects.toMatchObject({ code: 'forbidden_member' });
    await expect(viewer(people.stranger)).rejects.toMatchObject({ code: 'ledger_not_member' });
    await expect(resolveLedgerViewer(ctx.store, members, { ...session(people.leader), guildId: '170000000000000999' })).rejects.toMatchObject({
      code: 'ledger_no_workspace',
    });
    const issued = clock.now();
    clock.advance(1_000);
    await revokeLedgerLinks(ctx, { workspaceId: workspace.id, userId: people.leader });
    await expect(resolveLedgerViewer(ctx.store, members, session(people.leader, issued))).rejects.toMatchObject({ code: 'ledger_revoked' });
    // A link given after the revoke opens; other people's links are untouched.
    clock.advance(1);
    await expect(viewer(people.leader)).resolves.toMatchObject({ displayName: '副区长 李强' });
    await expect(resolveLedgerViewer(ctx.store, members, session(people.coordinator, issued))).resolves.toBeTruthy();
  });

  it('takes a role away at once: the member is read on every request', async () => {
    const saved = memberTable[people.leader];
    memberTable[people.leader] = { roleIds: [], isAdmin: false, displayName: '副区长 李强' };
    try {
      await expect(viewer(people.leader)).rejects.toMatchObject({ code: 'forbidden_member' });
    } finally {
      if (saved) memberTable[people.leader] = saved;
    }
  });

  it('colours each unit: reported green, not reported in the reminder window yellow, 受阻 red, and counts what it shows', async () => {
    clock.set('2026-03-20T02:00:00Z');
    const overview = await buildLedgerOverview(ctx.store, await viewer(people.coordinator), { query: {}, now: clock.now() });
    const lights = Object.fromEntries(overview.sections.flatMap((s) => s.tasks.map((t) => [t.seq, t.cells.map((c) => `${c.unitName}:${c.light}`)])));
    expect(lights).toEqual({
      1: ['区司法局:green', '区发改局:yellow'],
      2: ['城关镇:yellow', '东城街道:yellow', '区司法局:yellow'],
      3: ['区发改局:red'],
      4: ['区教育局:yellow', '城关镇:yellow'],
      5: [],
    });
    const cells = overview.sections.flatMap((s) => s.tasks.flatMap((t) => t.cells));
    expect(overview.counts).toEqual({
      green: cells.filter((c) => c.light === 'green').length,
      yellow: cells.filter((c) => c.light === 'yellow').length,
      red: cells.filter((c) => c.light === 'red').length,
    });
    expect(overview.counts).toEqual({ green: 1, yellow: 6, red: 1 });
    const five = overview.sections.flatMap((s) => s.tasks).find((t) => t.seq === 5);
    expect(five?.note).toContain('未指定牵头单位');
    const one = overview.sections.flatMap((s) => s.tasks).find((t) => t.seq === 1);
    expect(one?.latest).toEqual({ unitName: '区司法局', status: 'in_progress', text: '已组织集中学习2次' });
    expect(overview.rules.map((r) => r.text).join('\n')).toContain('2026-03-18 起未报送即为黄');
  });

  it('agrees with /status: every unit /status lists as owing is yellow or red on its tasks, and red ones are its overdue', async () => {
    clock.set('2026-03-27T02:00:00Z');
    const overview = await buildLedgerOverview(ctx.store, await viewer(people.coordinator), { query: { period: '2026-Q1' }, now: clock.now() });
    const status = await buildStatusReport(ctx.store, workspace, { periodKey: '2026-Q1', now: clock.now() });
    const owedCells = overview.sections.flatMap((s) => s.tasks.flatMap((t) => t.cells.filter((c) => c.reason === 'overdue' || c.reason === 'due_soon')));
    expect(owedCells.map((c) => c.unitName).sort()).toEqual(status.missing.flatMap((m) => m.owed.map(() => m.name)).sort());
    expect(owedCells.every((c) => c.light === 'red')).toBe(true);
    expect(overview.counts).toEqual({ green: 1, yellow: 0, red: 7 });
  });

  it('filters by light, unit, category, section, status and search, server-side', async () => {
    clock.set('2026-03-20T02:00:00Z');
    const coordinator = await viewer(people.coordinator);
    const seqs = async (query: Parameters<typeof buildLedgerOverview>[2]['query']) =>
      (await buildLedgerOverview(ctx.store, coordinator, { query, now: clock.now() })).sections.flatMap((s) => s.tasks.map((t) => t.seq));
    expect(await seqs({ light: 'red' })).toEqual([3]);
    expect(await seqs({ light: 'green' })).toEqual([1]);
    expect(await seqs({ unit: unitIds.get('城关镇') })).toEqual([2, 4]);
    expect(await seqs({ category: 'township' })).toEqual([2, 4]);
    expect(await seqs({ section: 2 })).toEqual([3, 4, 5]);
    expect(await seqs({ status: 'blocked' })).toEqual([3]);
    expect(await seqs({ q: '普法' })).toEqual([4]);
    expect(await seqs({ q: '区发改局' })).toEqual([1, 3]);
    const byUnit = await buildLedgerOverview(ctx.store, coordinator, { query: { unit: unitIds.get('城关镇') }, now: clock.now() });
    expect(byUnit.sections.flatMap((s) => s.tasks.flatMap((t) => t.cells.map((c) => c.unitName)))).toEqual(['城关镇', '城关镇']);
    expect(byUnit.counts).toEqual({ green: 0, yellow: 2, red: 0 });
  });

  it('drops a filter a liaison may not use or a period that does not exist, and says so', async () => {
    clock.set('2026-03-20T02:00:00Z');
    const overview = await buildLedgerOverview(ctx.store, await viewer(people.chengguan), {
      query: { unit: unitIds.get('区发改局'), period: '2031-Q9' },
      now: clock.now(),
    });
    expect(overview.sections.flatMap((s) => s.tasks.map((t) => t.seq))).toEqual([2, 4]);
    expect(overview.notices).toEqual(['没有报送周期“2031-Q9”,已显示当前周期。', '联络员只能查看本单位的任务,已显示本单位的全部任务。']);
    expect(overview.query).toEqual({});
  });

  it('opens a unit’s page for its liaison and the overview viewers, with the score /ranking gives', async () => {
    clock.set('2026-03-27T02:00:00Z');
    const justice = unitIds.get('区司法局') ?? 0;
    const coordinatorPage = await buildLedgerUnit(ctx, await viewer(people.coordinator), { unitId: justice, now: clock.now() });
    expect(coordinatorPage.tasks.map((t) => `${t.seq}:${t.role}:${t.cell?.light}`)).toEqual(['1:lead:green', '2:support:red']);
    expect(coordinatorPage.history[0]?.counts).toMatchObject({ on_time: 1, missing: 1 });
    const ranking = await rankQuarter(ctx, { workspaceId: workspace.id, year: 2026, quarter: 1, category: 'department' });
    expect(coordinatorPage.score?.result).toEqual(ranking.units.find((u) => u.unitId === justice));
    const liaisonPage = await buildLedgerUnit(ctx, await viewer(people.justice), { unitId: justice, now: clock.now() });
    expect(liaisonPage.score).toBeNull();
    expect(liaisonPage.scoreNote).toContain('仅限督办人和领导');
    await expect(buildLedgerUnit(ctx, await viewer(people.chengguan), { unitId: justice, now: clock.now() })).rejects.toMatchObject({ code: 'forbidden_unit' });
  });

  it('shows a task’s revisions with who sent them and the evidence, and gives evidence only to those who may see the task', async () => {
    clock.set('2026-03-27T02:00:00Z');
    const page = await buildLedgerTask(ctx, members, await viewer(people.leader), { seq: 1, now: clock.now() });
    expect(page.revisions.map((r) => [r.unitName, r.submitterName, r.evidence.map((e) => e.filename)])).toEqual([
      ['区司法局', '司法局 孙丽', ['学习记录 2026.png']],
    ]);
    const evidenceId = page.revisions[0]?.evidence[0]?.id ?? 0;
    const file = await openLedgerEvidence(ctx, await viewer(people.justice), evidenceId);
    expect(file.filename).toBe('学习记录 2026.png');
    expect(Buffer.from(file.bytes).subarray(0, 4).toString('hex')).toBe('89504e47');
    // 城关镇 answers neither for （一） nor for the report: not found, as for another server's file.
    await expect(openLedgerEvidence(ctx, await viewer(people.chengguan), evidenceId)).rejects.toMatchObject({ code: 'unknown_evidence' });
    await expect(buildLedgerTask(ctx, members, await viewer(people.chengguan), { seq: 1, now: clock.now() })).rejects.toMatchObject({ code: 'forbidden_task' });
  });

  it('lists each report’s evidence in the ranking workbook’s 任务状态 sheet', async () => {
    clock.set('2026-03-27T02:00:00Z');
    const report = await rankQuarter(ctx, { workspaceId: workspace.id, year: 2026, quarter: 1, withReportText: true });
    const row = report.tasks.find((t) => t.task.seq === 1 && t.unit.name === '区司法局');
    expect(row?.evidence).toEqual(['学习记录 2026.png']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildRankingWorkbook(report)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('任务状态');
    const header = (sheet?.getRow(2).values as unknown[]).slice(1);
    const column = header.indexOf('佐证材料') + 1;
    expect(column).toBeGreaterThan(0);
    const cells: unknown[] = [];
    sheet?.eachRow((r, n) => n > 2 && cells.push(r.getCell(column).value));
    expect(cells).toContain('学习记录 2026.png');
  });

  it('ranks for coordinators and leaders only, as /ranking does', async () => {
    clock.set('2026-03-27T02:00:00Z');
    const report = await buildLedgerRanking(ctx, await viewer(people.leader), { quarter: 1, category: 'department', now: clock.now() });
    expect(report.title).toBe('2026年第一季度考核排名（部门）');
    await expect(buildLedgerRanking(ctx, await viewer(people.justice), { category: 'department', now: clock.now() })).rejects.toMatchObject({
      code: 'forbidden_ranking',
    });
  });
});
