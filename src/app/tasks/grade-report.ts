import { z } from 'zod';
import { roleOf, type ReportRating, type TaskRole } from '../../domain/cycle/index.js';
import { reportRatings } from '../../domain/ranking/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { openStandingReports, requireTask, taskName } from './task-actions.js';

export interface GradeCandidate {
  readonly unitName: string;
  readonly role: TaskRole;
  readonly periodLabel: string;
  readonly rating: ReportRating | null;
  readonly perfunctory: boolean;
}

/** The reports on a task a coordinator can grade: each unit's standing report in a period still open (closing a period settles its grades). */
export async function listGradeCandidates(ctx: AppContext, input: { workspaceId: number; seq: number }): Promise<GradeCandidate[]> {
  const { tx, workspace, task } = await requireTask(ctx.store, input.workspaceId, input.seq, ctx.clock.now());
  const [reports, [cycleTask]] = await Promise.all([
    openStandingReports(tx, workspace.id, task),
    tx.cycle.loadTasks(workspace.id, task.year, { taskIds: [task.id] }),
  ]);
  if (reports.length === 0) throw new UserError('nothing_to_grade', `第 ${input.seq} 项任务在未关闭的报送周期中还没有可评价的进展。`);
  return reports.map((r) => ({
    unitName: r.unitName,
    role: roleOf(cycleTask?.listings ?? [], r.unitId) ?? 'support',
    periodLabel: r.periodLabel,
    rating: r.rating,
    perfunctory: r.perfunctory,
  }));
}

export const gradeInputSchema = z.object({
  workspaceId: z.number().int().positive(),
  actorId: z.string().min(1),
  seq: z.number().int().positive(),
  unitName: z.string().trim().min(1, '请选择要评价哪个单位的进展。'),
  /** null clears the grade. */
  rating: z.enum(reportRatings, { message: '评价应为 优、良、中、差 或 不评价' }).nullable(),
  perfunctory: z.boolean(),
});
export type GradeInput = z.input<typeof gradeInputSchema>;

/**
 * 督办评价: a coordinator grades a unit's report (优/良/中/差) and may mark it 敷衍应付. The ranking's
 * scoring rules turn both into points, explained line by line; the grade is audited.
 */
export async function gradeReport(
  ctx: AppContext,
  input: GradeInput,
): Promise<{ unitName: string; periodLabel: string; task: string; rating: ReportRating | null; perfunctory: boolean }> {
  const parsed = gradeInputSchema.safeParse(input);
  if (!parsed.success) throw new UserError('invalid_grade', parsed.error.issues[0]?.message ?? '评价内容不正确。');
  const i = parsed.data;
  return ctx.store.transaction(async (tx) => {
    const { task } = await requireTask(tx, i.workspaceId, i.seq, ctx.clock.now());
    const unit = await tx.units.findByNameOrAlias(i.workspaceId, i.unitName);
    if (!unit) throw new UserError('unknown_unit', `单位目录中没有“${i.unitName}”。`);
    const report = (await openStandingReports(tx, i.workspaceId, task)).find((r) => r.unitId === unit.id);
    if (!report) throw new UserError('nothing_to_grade', `“${unit.name}”在未关闭的报送周期中没有可评价的进展(尚未报送,或已退回待重报)。`);
    await tx.progress.grade(report.reportId, { rating: i.rating, perfunctory: i.perfunctory, by: i.actorId });
    await tx.audit.record({
      workspaceId: i.workspaceId,
      actorId: i.actorId,
      action: 'report.grade',
      subjectType: 'progress_report',
      subjectId: report.reportId,
      details: {
        taskId: task.id,
        unitId: unit.id,
        rating: i.rating,
        perfunctory: i.perfunctory,
        previous: { rating: report.rating, perfunctory: report.perfunctory },
      },
    });
    return { unitName: unit.name, periodLabel: report.periodLabel, task: taskName(task), rating: i.rating, perfunctory: i.perfunctory };
  });
}
