import { commandRef } from '../../command-names.js';
import { z } from 'zod';
import { buildAnnualReportDraft, type AnnualReportDraft } from '../../domain/reports/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { loadCycle } from '../cycle/load-cycle.js';
import { toReportTask } from '../cycle/report-tasks.js';
import { parseUseCaseInput, workspaceIdSchema, yearSchema } from '../ranking/ranking-input.schema.js';
import { requireWorkspace } from '../ranking/scoring-data.js';

const draftAnnualReportInputSchema = z.object({ workspaceId: workspaceIdSchema, year: yearSchema });
export type DraftAnnualReportInput = z.input<typeof draftAnnualReportInputSchema>;

/** A report's text in the draft is the unit's own words, cut where a paragraph would run on. */
const reportTextLimit = 2000;

/**
 * 年度法治政府建设情况报告 (草稿): compiles the year's live tasks and what every unit reported on them into
 * the draft's data, for the .docx renderer. Who owed what is the cycle's rule, as for /status and the
 * ranking. The region is the workspace's region name, else its name.
 */
export async function draftAnnualReport(ctx: AppContext, input: DraftAnnualReportInput): Promise<AnnualReportDraft> {
  const { workspaceId, year } = parseUseCaseInput(draftAnnualReportInputSchema, input);
  const workspace = await requireWorkspace(ctx.store, workspaceId);
  const cycle = await loadCycle(ctx.store, workspace, ctx.clock.now(), { year });
  if (!cycle || cycle.tasks.length === 0) {
    throw new UserError('no_tasks_for_year', `${year}年还没有导入工作要点，无法起草年度报告。请先用 ${commandRef('notice import')} 导入当年的工作要点。`);
  }
  const taskIds = cycle.tasks.map((task) => task.id);
  const [reports, notes] = await Promise.all([
    ctx.store.cycle.loadReports(workspaceId, { periodIds: cycle.periods.map((p) => p.id), withText: true, textLimit: reportTextLimit }),
    ctx.store.tasks.listClosingNotes(taskIds.filter((id) => cycle.tasks.find((t) => t.id === id)?.state === 'closed')),
  ]);
  const closings = new Map(
    cycle.tasks.flatMap((task) =>
      task.state === 'closed' && task.closedOn ? [[task.id, { on: task.closedOn, note: notes.get(task.id) ?? null }] as const] : [],
    ),
  );
  // Written during the year, overdue is judged as of today; afterwards, as of 31 December.
  const yearEnd = `${year}-12-31`;
  return buildAnnualReportDraft({
    regionName: workspace.region_name ?? workspace.name,
    year,
    tasks: cycle.tasks.map(toReportTask),
    periods: cycle.periods,
    reports,
    closings,
    units: cycle.units,
    asOf: cycle.today < yearEnd ? cycle.today : yearEnd,
  });
}
