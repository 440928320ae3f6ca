import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.js';
import { awardBonus, rankQuarter, readScoringRules, setScoringRules } from '../../../src/app/ranking/index.js';
import type { Storage } from '../../../src/db/database.js';
import { testAppContext } from '../../support/app-context.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';
import { seedRankingWorkspace, unitNames, type SeededWorkspace } from './seed-ranking-workspace.js';

describe.each(storageKinds)('scoring rules and bonuses on %s', (kind) => {
  let storage: Storage;
  let ctx: AppContext;
  let seeded: SeededWorkspace;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    ctx = testAppContext(storage.db);
    seeded = await seedRankingWorkspace(storage.db);
  });
  afterAll(async () => {
    await storage?.close();
  });

  const score = async (name: string) =>
    (await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1 })).units.find((u) => u.name === name)?.score;

  it('uses the default rules until a workspace sets its own', async () => {
    const view = await readScoringRules(ctx, { workspaceId: seeded.workspaceId });
    expect(view.isDefault).toBe(true);
    expect(view.text).toContain('应报送而未报送进展的，每项扣10分。');
  });

  it('stores a custom rule set, filled out with the defaults, audits it and scores by it', async () => {
    const view = await setScoringRules(ctx, { workspaceId: seeded.workspaceId, actorId: '9', rules: { deductions: { missingReport: 20 } } });
    expect(view.isDefault).toBe(false);
    expect(view.rules.deductions).toEqual({ missingReport: 20, lateReport: 3, perfunctoryReport: 5 });
    expect(view.text).toContain('应报送而未报送进展的，每项扣20分。');
    expect(await score(unitNames.xishan)).toBe(70);
    const audit = await storage.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'scoring_rules.set').execute();
    expect(audit).toEqual([{ action: 'scoring_rules.set', actor_id: '9' }]);
  });

  it('rejects a rule set it cannot use, naming the field in Chinese', async () => {
    const set = (rules: unknown) => setScoringRules(ctx, { workspaceId: seeded.workspaceId, actorId: '9', rules: rules as never });
    await expect(set({ deductions: { missingReport: -1 } })).rejects.toMatchObject({
      code: 'invalid_scoring_rules',
      message: '评分规则有误：未报送扣分不能小于0。',
    });
    await expect(set({ deductions: { missingReprot: 3 } })).rejects.toMatchObject({ message: expect.stringContaining('无法识别的项：missingReprot') });
    await expect(set({ yearly: { method: 'median' } })).rejects.toMatchObject({ message: expect.stringContaining('年度计分方式') });
  });

  it('goes back to the default rules', async () => {
    const view = await setScoringRules(ctx, { workspaceId: seeded.workspaceId, actorId: '9', rules: null });
    expect(view.isDefault).toBe(true);
    expect(await score(unitNames.xishan)).toBe(85);
  });

  it('awards a bonus with its reason, audited, and caps the quarter’s bonuses in the score', async () => {
    const first = await awardBonus(ctx, {
      workspaceId: seeded.workspaceId,
      actorId: '9',
      unitName: unitNames.justice,
      year: 2026,
      quarter: 1,
      points: 4,
      reason: '法治宣传工作获省级表彰',
    });
    expect(first).toMatchObject({ unitName: unitNames.justice, points: 4, quarterTotal: 4, cap: 5, overCap: false, periodLabel: '2026年第一季度' });
    expect(first.message).toBe('已为区司法局在2026年第一季度加4分，理由：法治宣传工作获省级表彰。');
    const second = await awardBonus(ctx, {
      workspaceId: seeded.workspaceId,
      actorId: '9',
      unitId: seeded.unitIds.justice,
      year: 2026,
      quarter: 1,
      points: 3,
      reason: '  典型经验被推广  ',
    });
    expect(second).toMatchObject({ reason: '典型经验被推广', quarterTotal: 7, overCap: true });
    expect(second.message).toContain('已超过上限5分');
    expect(await score(unitNames.justice)).toBe(100.5);
    const audit = await storage.db.selectFrom('audit_log').select(['subject_id', 'details']).where('action', '=', 'score.bonus').orderBy('id').execute();
    expect(audit.map((row) => [row.subject_id, row.details.points])).toEqual([
      [String(seeded.unitIds.justice), 4],
      [String(seeded.unitIds.justice), 3],
    ]);
  });

  it('refuses a bonus without a reason, with non-positive points, or for an unknown unit, laying out no periods for it', async () => {
    const base = { workspaceId: seeded.workspaceId, actorId: '9', unitName: unitNames.justice, year: 2026, quarter: 1 as const, points: 1, reason: '理由' };
    await expect(awardBonus(ctx, { ...base, reason: '   ' })).rejects.toMatchObject({ code: 'invalid_bonus', message: '请写明加分理由。' });
    await expect(awardBonus(ctx, { ...base, points: 0 })).rejects.toMatchObject({ code: 'invalid_bonus', message: '加分应为正数。' });
    await expect(awardBonus(ctx, { ...base, points: 1.234 })).rejects.toMatchObject({ message: '加分最多保留两位小数。' });
    await expect(awardBonus(ctx, { ...base, unitName: '区不存在局' })).rejects.toMatchObject({ code: 'unknown_unit' });
    // A year not laid out yet gets its periods with the bonus, in its transaction: a refused one leaves none.
    await expect(awardBonus(ctx, { ...base, year: 2031, unitName: '区不存在局' })).rejects.toMatchObject({ code: 'unknown_unit' });
    expect(await storage.db.selectFrom('reporting_periods').select('id').where('year', '=', 2031).execute()).toEqual([]);
    const count = await storage.db
      .selectFrom('score_adjustments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3); // the seeded bonus and the two awarded above
  });
});
