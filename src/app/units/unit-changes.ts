import { commandRef } from '../../command-names.js';
import { roleOf } from '../../domain/cycle/index.js';
import { UserError } from '../../errors.js';
import type { MergeMoved, Repositories, Unit } from '../../ports.js';
import type { AppContext } from '../context.js';
import { loadCycle } from '../cycle/load-cycle.js';
import { queueAfterCommit } from '../queue-follow-up.js';
import { reminderJobId } from '../reminders/delivery-ids.js';
import { parseInput, unitNameSchema } from './unit-input.schema.js';
import { requireUnit } from './unit-directory.js';

/*
 * Keeping the directory as people write names: merging a duplicate (区经信局 into 区经济和信息化局),
 * renaming a unit, and retiring one that no longer exists. Each is one transaction and one audit
 * entry; reminders follow through the one reconcile, asked for after commit.
 */

interface Actor {
  workspaceId: number;
  actorId: string;
}

/** A unit named by the coordinator; a collective name is refused with what it is. */
async function requirePlainUnit(tx: Repositories, workspaceId: number, name: string, role: string): Promise<Unit> {
  const parsed = parseInput(unitNameSchema, name, role);
  if (!parsed.ok) throw new UserError('invalid_unit_name', parsed.message);
  if (!(await tx.units.findByNameOrAlias(workspaceId, parsed.value)) && (await tx.units.findCollectiveByName(workspaceId, parsed.value))) {
    throw new UserError(
      'collective_not_unit',
      `“${parsed.value}”是统称(代表多个单位),不能与具体单位合并、改名或停用。统称的成员请用 ${commandRef('unit collective')} 修改。`,
    );
  }
  return requireUnit(tx, workspaceId, parsed.value);
}

export interface MergeResult {
  from: string;
  into: Unit;
  moved: MergeMoved;
  /** Pending reminders of the old unit cancelled; the reconcile plans the kept unit's once. */
  cancelledReminders: number;
  categoryKept: boolean;
  queued: boolean;
}

type MergePick = { fromName: string; intoName: string } | { fromId: number; intoId: number };

async function requireUnitById(tx: Repositories, workspaceId: number, unitId: number): Promise<Unit> {
  const unit = await tx.units.findById(workspaceId, unitId);
  if (!unit)
    throw new UserError(
      'merge_gone',
      `要合并的单位已不在目录中(可能已合并或改动),请用 ${commandRef('unit list')} 查看后重新执行 ${commandRef('unit merge')}。`,
    );
  return unit;
}

/** The two units of a merge, checked: refused where the merge would lose data or cannot be done cleanly. */
async function checkMerge(tx: Repositories, workspaceId: number, pick: MergePick): Promise<{ from: Unit; into: Unit }> {
  const [from, into] =
    'fromId' in pick
      ? [await requireUnitById(tx, workspaceId, pick.fromId), await requireUnitById(tx, workspaceId, pick.intoId)]
      : [await requirePlainUnit(tx, workspaceId, pick.fromName, '被合并单位'), await requirePlainUnit(tx, workspaceId, pick.intoName, '保留单位')];
  if (from.id === into.id) {
    const written = 'fromName' in pick ? `“${pick.fromName}”和“${pick.intoName}”` : '两者';
    throw new UserError('merge_same_unit', `${written}已是同一个单位(“${into.name}”),无需合并。`);
  }
  if (!into.active) {
    throw new UserError('merge_into_retired', `“${into.name}”已停用,不能把其他单位合并进来。请先用 ${commandRef('unit restore')} 恢复它。`);
  }
  const clash = await tx.units.findMergeClashes(workspaceId, from.id, into.id);
  if (clash.sameReports.length > 0) {
    const listed = clash.sameReports.map((r) => `${r.year}年第 ${r.seq} 项(${r.periodLabel})`);
    const shown = listed.length > 10 ? `${listed.slice(0, 10).join('、')} 等 ${listed.length} 处` : listed.join('、');
    throw new UserError(
      'merge_reports_clash',
      `“${from.name}”和“${into.name}”在同一任务的同一报送周期都报送了进展:${shown}。合并后每项任务每个周期只能保留一份报告,会丢失其中一份,因此没有合并,任何内容都未改动。请先核对这些报告,确认后联系管理员处理。`,
    );
  }
  if (clash.sendingReminders > 0) {
    throw new UserError('merge_while_sending', `“${from.name}”有 ${clash.sendingReminders} 条提醒正在发送,为避免重复或遗漏,请一分钟后再合并。`);
  }
  return { from, into };
}

/** /unit merge before the coordinator confirms: the same checks, nothing written. */
export async function previewMerge(ctx: AppContext, input: Actor & { fromName: string; intoName: string }): Promise<{ from: Unit; into: Unit }> {
  return checkMerge(ctx.store, input.workspaceId, input);
}

/**
 * /unit merge: everything of `from` moves to `into` and `from`'s name becomes an alias of `into`.
 * Refused, with nothing changed, where it would lose data or cannot be done cleanly.
 */
export async function mergeUnits(ctx: AppContext, input: Actor & MergePick): Promise<MergeResult> {
  const now = ctx.clock.now();
  const outcome = await ctx.store.transaction(async (tx) => {
    const { from, into } = await checkMerge(tx, input.workspaceId, input);
    const cancelled = await tx.reminders.cancelPendingOfUnit(input.workspaceId, from.id, { reason: `单位已合并到“${into.name}”`, at: now });
    const moved = await tx.units.mergeInto(input.workspaceId, from.id, into.id, `单位合并:由“${into.name}”的同一提醒代替`);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'unit.merge',
      subjectType: 'unit',
      subjectId: into.id,
      details: { from: from.name, fromId: from.id, into: into.name, fromCategory: from.category, moved, cancelledReminders: cancelled.length },
    });
    const jobs = cancelled.map((row) =>
      reminderJobId({ id: row.id, workspace_id: input.workspaceId, unit_id: from.id, stage: row.stage, occasion: row.occasion }, row.periodKey),
    );
    return { from, into, moved, cancelled: cancelled.length, jobs };
  });
  // The old unit's jobs leave the queue before the reconcile plans the kept unit's, once, on the same ledger rows.
  const queued = await queueAfterCommit(ctx, 'reconcile after a unit merge', async (s) => {
    if (outcome.jobs.length) await s.cancelReminders(outcome.jobs);
    await s.requestReconcile(input.workspaceId);
  });
  return {
    from: outcome.from.name,
    into: outcome.into,
    moved: outcome.moved,
    cancelledReminders: outcome.cancelled,
    categoryKept: outcome.from.category !== outcome.into.category,
    queued,
  };
}

/** /unit rename: the old name becomes an alias, so notices that use it still find the unit. */
export async function renameUnit(ctx: AppContext, input: Actor & { unitName: string; newName: string }): Promise<{ from: string; to: string }> {
  const parsed = parseInput(unitNameSchema, input.newName, '新名称');
  if (!parsed.ok) throw new UserError('invalid_unit_name', parsed.message);
  const to = parsed.value;
  return ctx.store.transaction(async (tx) => {
    const unit = await requirePlainUnit(tx, input.workspaceId, input.unitName, '单位');
    if (unit.name === to) throw new UserError('rename_same', `单位已叫“${to}”,无需改名。`);
    const holder = await tx.units.findByNameOrAlias(input.workspaceId, to);
    if (holder && holder.id !== unit.id) {
      throw new UserError(
        'rename_taken',
        `“${to}”已是${holder.name === to ? '' : `单位“${holder.name}”的别名,即`}目录中的另一个单位。若两者是同一单位,请用 ${commandRef('unit merge')} 合并。`,
      );
    }
    if (await tx.units.findCollectiveByName(input.workspaceId, to)) throw new UserError('rename_taken', `“${to}”已是一个统称,不能用作单位名称。`);
    // Renaming to one of its own aliases: that alias becomes the name.
    if (holder) await tx.units.removeAlias(input.workspaceId, to);
    await tx.units.rename(input.workspaceId, unit.id, to);
    await tx.units.addAlias(input.workspaceId, unit.id, unit.name);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'unit.rename',
      subjectType: 'unit',
      subjectId: unit.id,
      details: { from: unit.name, to },
    });
    return { from: unit.name, to };
  });
}

export interface RetireResult {
  unit: Unit;
  /** Open tasks it supports (now without it). */
  supporting: number;
  queued: boolean;
}

/**
 * /unit retire: the unit leaves reminders, rankings and /status; its reports stay. Refused while it is
 * the named lead of an open task this year, which would then have no one answering for it: the
 * coordinator closes the task or gives it another lead first. Supporting a task does not hold it back.
 */
export async function retireUnit(ctx: AppContext, input: Actor & { unitName: string }): Promise<RetireResult> {
  const now = ctx.clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    const unit = await requirePlainUnit(tx, input.workspaceId, input.unitName, '单位');
    if (!unit.active) throw new UserError('unit_retired', `“${unit.name}”已停用。要重新启用,请用 ${commandRef('unit restore')}。`);
    const workspace = await tx.workspaces.findById(input.workspaceId);
    const cycle = workspace ? await loadCycle(tx, workspace, now) : null;
    const open = (cycle?.tasks ?? []).filter((task) => task.state === 'open');
    const leads = open.filter((task) => task.listings.some((l) => l.unitId === unit.id && l.direct && l.role === 'lead'));
    if (leads.length > 0) {
      const listed = leads.map((t) => `第 ${t.seq} 项`).join('、');
      throw new UserError(
        'retire_lead',
        `“${unit.name}”是 ${leads.length} 项未办结任务的牵头单位(${listed}),停用后这些任务将无人牵头,因此没有停用。请先用 ${commandRef('task')} 办结这些任务或为其更换牵头单位;若它已并入其他单位,请用 ${commandRef('unit merge')}。`,
      );
    }
    const supporting = open.filter((task) => roleOf(task.listings, unit.id) === 'support').length;
    await tx.units.setActive(input.workspaceId, unit.id, false);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'unit.retire',
      subjectType: 'unit',
      subjectId: unit.id,
      details: { name: unit.name },
    });
    return { unit, supporting };
  });
  const queued = await queueAfterCommit(ctx, 'reconcile after retiring a unit', (s) => s.requestReconcile(input.workspaceId));
  return { ...result, queued };
}

/** /unit restore: back in reminders, rankings and /status. */
export async function restoreUnit(ctx: AppContext, input: Actor & { unitName: string }): Promise<{ unit: Unit; queued: boolean }> {
  const unit = await ctx.store.transaction(async (tx) => {
    const found = await requirePlainUnit(tx, input.workspaceId, input.unitName, '单位');
    if (found.active) throw new UserError('unit_active', `“${found.name}”没有停用,无需恢复。`);
    await tx.units.setActive(input.workspaceId, found.id, true);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'unit.restore',
      subjectType: 'unit',
      subjectId: found.id,
      details: { name: found.name },
    });
    return found;
  });
  const queued = await queueAfterCommit(ctx, 'reconcile after restoring a unit', (s) => s.requestReconcile(input.workspaceId));
  return { unit, queued };
}
