import { createStore } from '../../../src/db/store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.js';
import { importNotice } from '../../../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../../../src/app/notices/prepare-notice-import.js';
import { closePeriod } from '../../../src/app/cycle/close-period.js';
import { ensureReportingPeriods } from '../../../src/app/cycle/reporting-periods.js';
import { confirmProgressReply, PROGRESS_REPLY_DRAFT } from '../../../src/app/progress/progress-reply.js';
import { recordProgress } from '../../../src/app/progress/record-progress.js';
import { sendBackTask } from '../../../src/app/tasks/task-actions.js';
import type { Storage } from '../../../src/db/database.js';
import { ensureWorkspace } from '../../../src/db/repositories/workspace.repository.js';
import { UserError } from '../../../src/errors.js';
import { ManualClock, testAppContext } from '../../support/app-context.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';

const notice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想。（城关镇、区司法局负责）
（二）开展行政执法案卷评查。（区司法局负责）
`;

describe.each(storageKinds)('recordProgress on %s', (kind) => {
  let storage: Storage;
  let clock: ManualClock;
  let ctx: AppContext;
  let ids: { workspaceId: number; q1: number; q2: number; task1: number; task2: number; town: number; justice: number };

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    clock = new ManualClock(new Date('2026-03-20T02:00:00Z'));
    ctx = testAppContext(storage.db, clock);
    const workspace = await ensureWorkspace(storage.db, '150000000000000001', '清河区');
    const { draftId } = await prepareNoticeImport(ctx, { workspaceId: workspace.id, actorId: '1', text: notice, sourceKind: 'text', sourceName: null });
    await importNotice(ctx, { workspaceId: workspace.id, actorId: '1', draftId });
    const [q1, q2] = await ensureReportingPeriods(createStore(storage.db), { id: workspace.id, reporting_cadence: null }, 2026);
    const task = async (seq: number) => (await storage.db.selectFrom('tasks').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;
    const unit = async (name: string) => (await storage.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    ids = {
      workspaceId: workspace.id,
      q1: q1!.id,
      q2: q2!.id,
      task1: await task(1),
      task2: await task(2),
      town: await unit('城关镇'),
      justice: await unit('区司法局'),
    };
  });
  afterAll(async () => {
    await storage?.close();
  });

  const report = (over: Partial<Parameters<typeof recordProgress>[1]> = {}) =>
    recordProgress(ctx, {
      workspaceId: ids.workspaceId,
      unitId: ids.town,
      taskId: ids.task1,
      periodId: ids.q1,
      actorId: '200000000000000001',
      source: 'modal',
      submission: { status: 'in_progress', text: '已组织学习2次。', percent: 50 },
      ...over,
    });

  it('stores the report and its first revision with evidence, on time', async () => {
    const recorded = await report({ evidence: [{ filename: '签到表.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4') }] });
    expect(recorded).toMatchObject({ revision: 1, late: false, edited: false, status: 'in_progress', percent: 50, unitName: '城关镇', evidenceCount: 1 });
    const files = await storage.db.selectFrom('evidence_files').select(['filename', 'size_bytes', 'sha256']).execute();
    expect(files).toEqual([{ filename: '签到表.pdf', size_bytes: 8, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('keeps every revision on an edit, with who and when', async () => {
    clock.set('2026-03-24T02:00:00Z');
    const recorded = await report({ actorId: '200000000000000002', submission: { status: 'done', text: '已完成4次集中学习。' } });
    expect(recorded).toMatchObject({ revision: 2, edited: true, status: 'done', percent: 100 });
    const revisions = await storage.db
      .selectFrom('progress_revisions')
      .select(['revision', 'submitted_by', 'submitted_at', 'status'])
      .where('report_id', '=', recorded.reportId)
      .orderBy('revision')
      .execute();
    expect(revisions.map((r) => [r.revision, r.submitted_by, r.submitted_at.toISOString(), r.status])).toEqual([
      [1, '200000000000000001', '2026-03-20T02:00:00.000Z', 'in_progress'],
      [2, '200000000000000002', '2026-03-24T02:00:00.000Z', 'done'],
    ]);
  });

  it('stores a report after the due date and marks it late (23:59 local on the due date is on time)', async () => {
    clock.set('2026-03-25T15:59:00Z');
    expect((await report({ unitId: ids.justice, taskId: ids.task2 })).late).toBe(false);
    clock.set('2026-03-25T16:00:00Z');
    const late = await report({ unitId: ids.justice, taskId: ids.task1 });
    expect(late.late).toBe(true);
    // An edit of an on-time report stays on time.
    expect((await report()).late).toBe(true);
    const latest = await storage.db
      .selectFrom('progress_reports')
      .select('late')
      .where('unit_id', '=', ids.town)
      .where('task_id', '=', ids.task1)
      .executeTakeFirstOrThrow();
    expect(latest.late).toBe(false);
  });

  it('marks a sent-back report late when it comes back after the due date', async () => {
    await sendBackTask(ctx, { workspaceId: ids.workspaceId, actorId: '1', seq: 2, reason: '请补充评查案卷数量', unitName: '区司法局' });
    const resubmitted = await report({ unitId: ids.justice, taskId: ids.task2, submission: { status: 'done', text: '已评查案卷30件。' } });
    expect(resubmitted).toMatchObject({ late: true, revision: 2 });
    const row = await storage.db
      .selectFrom('progress_reports')
      .select(['late', 'sent_back_at'])
      .where('id', '=', resubmitted.reportId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ late: true, sent_back_at: null });
  });

  it('refuses a unit that does not answer for the task, and an invalid submission, storing nothing', async () => {
    const before = await storage.db.selectFrom('progress_revisions').select('id').execute();
    await expect(report({ taskId: ids.task2 })).rejects.toThrow('不是第 2 项任务的责任单位');
    await expect(report({ submission: { status: 'done', text: '完成', percent: 60 } })).rejects.toThrow('状态为“已完成”时，完成百分比应为100或不填');
    await expect(report({ submission: { status: 'done', text: '   ' } })).rejects.toThrow('请填写进展情况');
    expect(await storage.db.selectFrom('progress_revisions').select('id').execute()).toEqual(before);
  });

  it('refuses edits once the coordinator closes the period, saying so', async () => {
    await closePeriod(ctx, { workspaceId: ids.workspaceId, actorId: '1', periodId: ids.q1 });
    const error = await report().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('period_closed');
    expect((error as UserError).message).toBe('“2026年第一季度”报送周期已由督办人关闭，进展不能再修改；如需更正，请联系督办人。');
    expect((await report({ periodId: ids.q2 })).revision).toBe(1);
  });

  it('stores a split reply once when 确认保存 is pressed twice at the same moment; the second is told it was handled', async () => {
    const item = (taskId: number, seq: number, text: string) => ({
      taskId,
      seq,
      label: `（${seq}）`,
      title: '',
      marker: `（${seq}）`,
      text,
      status: 'in_progress' as const,
      statusAssumed: false,
      percent: null,
      issue: null,
    });
    const liaison = '200000000000000009';
    const draftId = await ctx.store.drafts.save({
      workspaceId: ids.workspaceId,
      kind: PROGRESS_REPLY_DRAFT,
      ownerId: liaison,
      payload: {
        workspaceId: ids.workspaceId,
        unitId: ids.justice,
        unitName: '区司法局',
        periodId: ids.q2,
        periodLabel: '2026年第二季度',
        items: [item(ids.task1, 1, '已组织学习3次。'), item(ids.task2, 2, '已评查案卷12件。')],
        leftovers: [],
        attachments: [],
        originalText: '（一）已组织学习3次。（二）已评查案卷12件。',
      },
      now: clock.now(),
      ttlMs: 60_000,
    });
    const revisions = () =>
      storage.db
        .selectFrom('progress_revisions')
        .innerJoin('progress_reports', 'progress_reports.id', 'progress_revisions.report_id')
        .select('progress_revisions.id')
        .where('progress_reports.unit_id', '=', ids.justice)
        .where('progress_reports.period_id', '=', ids.q2)
        .execute();
    const before = (await revisions()).length;
    const outcomes = await Promise.allSettled([
      confirmProgressReply(ctx, { draftId, userId: liaison, evidence: [] }),
      confirmProgressReply(ctx, { draftId, userId: liaison, evidence: [] }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'draft_expired' });
    expect((await revisions()).length - before).toBe(2);
  });
});
