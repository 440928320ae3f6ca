import { commandRef } from '../../command-names.js';
import { z } from 'zod';
import { formatPoints, scoringBonusSchema } from '../../domain/ranking/index.js';
import { hasVisibleText } from '../../domain/visible-text.js';
import { UserError } from '../../errors.js';
import type { Repositories, Unit } from '../../ports.js';
import { ensureReportingPeriods } from '../cycle/reporting-periods.js';
import type { AppContext } from '../context.js';
import { parseUseCaseInput, quarterSchema, workspaceIdSchema, yearSchema } from './ranking-input.schema.js';
import { loadQuarterPeriods, missingPeriodError, requireWorkspace, toScoringWorkspace } from './scoring-data.js';

const awardBonusInputSchema = z
  .object({
    workspaceId: workspaceIdSchema,
    actorId: z.string().min(1),
    /** The unit by id, or by the name (or alias) people type. */
    unitId: z.number().int().positive().optional(),
    unitName: z.string().trim().refine(hasVisibleText, { message: '请指明加分的单位' }).optional(),
    year: yearSchema,
    quarter: quarterSchema,
    points: z.number({ message: '加分应为正数' }),
    reason: z.string({ message: '请写明加分理由' }),
  })
  .refine((input) => input.unitId !== undefined || input.unitName !== undefined, { message: '请指明加分的单位', path: ['unitName'] });

export type AwardBonusInput = z.input<typeof awardBonusInputSchema>;

export interface AwardedBonus {
  readonly adjustmentId: number;
  readonly unitId: number;
  readonly unitName: string;
  readonly periodLabel: string;
  readonly points: number;
  readonly reason: string;
  /** All bonuses the unit has been awarded this quarter, this one included. */
  readonly quarterTotal: number;
  readonly cap: number;
  /** True when the quarter's bonuses exceed the cap: only the cap counts in the score. */
  readonly overCap: boolean;
  /** A confirmation in Chinese, ready to show. */
  readonly message: string;
}

async function findBonusUnit(store: Repositories, workspaceId: number, unitId: number | undefined, unitName: string | undefined): Promise<Unit> {
  const unit = unitId !== undefined ? await store.units.findById(workspaceId, unitId) : await store.units.findByNameOrAlias(workspaceId, unitName ?? '');
  if (!unit) throw new UserError('unknown_unit', `单位目录中没有“${unitName ?? unitId}”。请用 ${commandRef('unit list')} 查看单位名称。`);
  return unit;
}

/** 加分: points for a unit in a quarter, with the written reason units will read; audited in the same transaction. */
export async function awardBonus(ctx: AppContext, input: AwardBonusInput): Promise<AwardedBonus> {
  const { workspaceId, actorId, unitId, unitName, year, quarter, points: asked, reason: written } = parseUseCaseInput(awardBonusInputSchema, input);
  const bonus = scoringBonusSchema.pick({ points: true, reason: true }).safeParse({ points: asked, reason: written });
  if (!bonus.success) throw new UserError('invalid_bonus', `${bonus.error.issues[0]?.message ?? '加分内容不正确'}。`);
  const { points, reason } = bonus.data;

  return ctx.store.transaction(async (tx) => {
    const row = await requireWorkspace(tx, workspaceId);
    const workspace = toScoringWorkspace(row);
    await ensureReportingPeriods(tx, row, year);
    const [period] = await loadQuarterPeriods(tx, workspaceId, year, [quarter]);
    if (!period) throw missingPeriodError(year, quarter);
    const unit = await findBonusUnit(tx, workspaceId, unitId, unitName);
    const adjustmentId = await tx.scoring.addBonus({ workspaceId, unitId: unit.id, periodId: period.id, points, reason, awardedBy: actorId });
    await tx.audit.record({
      workspaceId,
      actorId,
      action: 'score.bonus',
      subjectType: 'unit',
      subjectId: unit.id,
      details: { adjustmentId, period: period.key, points, reason },
    });
    const quarterTotal = (await tx.scoring.listBonuses(workspaceId, [period.id])).filter((b) => b.unitId === unit.id).reduce((sum, b) => sum + b.points, 0);
    const cap = workspace.rules.bonusCap;
    const overCap = quarterTotal > cap;
    const capNote = overCap ? `本季度该单位加分合计${formatPoints(quarterTotal)}分，已超过上限${formatPoints(cap)}分，超出部分不计入得分。` : '';
    return {
      adjustmentId,
      unitId: unit.id,
      unitName: unit.name,
      periodLabel: period.label,
      points,
      reason,
      quarterTotal,
      cap,
      overCap,
      message: `已为${unit.name}在${period.label}加${formatPoints(points)}分，理由：${reason}。${capNote}`,
    };
  });
}
