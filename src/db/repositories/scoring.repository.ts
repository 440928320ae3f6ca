import type { ScoringStore } from '../../ports.js';
import type { RepositoryOf } from './bind.js';

export const scoringRepository: RepositoryOf<ScoringStore> = {
  async listBonuses(db, workspaceId, periodIds) {
    if (periodIds.length === 0) return [];
    const rows = await db
      .selectFrom('score_adjustments')
      .select(['period_id', 'unit_id', 'points', 'reason'])
      .where('workspace_id', '=', workspaceId)
      .where('period_id', 'in', [...periodIds])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    // numeric arrives as a string; only positive adjustments are bonuses (awardBonus writes no others).
    return rows.map((row) => ({ periodId: row.period_id, unitId: row.unit_id, points: Number(row.points), reason: row.reason })).filter((b) => b.points > 0);
  },

  async saveSnapshot(db, input) {
    const row = await db
      .insertInto('ranking_snapshots')
      .values({
        workspace_id: input.workspaceId,
        year: input.year,
        quarter: input.quarter,
        rules: JSON.stringify(input.rules),
        result: JSON.stringify(input.result),
        created_by: input.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async addBonus(db, input) {
    const row = await db
      .insertInto('score_adjustments')
      .values({
        workspace_id: input.workspaceId,
        unit_id: input.unitId,
        period_id: input.periodId,
        points: input.points,
        reason: input.reason,
        awarded_by: input.awardedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
};
