import { sql } from 'kysely';
import type { MergeClash, MergeMoved } from '../../ports.js';
import type { DbOrTx } from '../database.js';

/*
 * Moving everything of one unit onto another (/unit merge). The caller checks the clashes first
 * (reports of both on one task and period, reminders being sent) and cancels the pending reminders of
 * the unit merged away; this moves the rest, and leaves nothing pointing at the old unit, which it deletes.
 */

/** What would stop a merge: both units reported on one task in one period, or a reminder of `from` being sent. */
export async function findMergeClashes(db: DbOrTx, workspaceId: number, fromId: number, intoId: number): Promise<MergeClash> {
  const reports = await db
    .selectFrom('progress_reports as a')
    .innerJoin('progress_reports as b', (join) => join.onRef('b.task_id', '=', 'a.task_id').onRef('b.period_id', '=', 'a.period_id'))
    .innerJoin('tasks', 'tasks.id', 'a.task_id')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'a.period_id')
    .select(['tasks.seq', 'tasks.year', 'tasks.title', 'reporting_periods.label as periodLabel'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.unit_id', '=', fromId)
    .where('b.unit_id', '=', intoId)
    .orderBy('tasks.year')
    .orderBy('tasks.seq')
    .orderBy('reporting_periods.starts_on')
    .execute();
  const sending = await db
    .selectFrom('reminder_deliveries')
    .select(sql<string>`count(*)::text`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .where('status', '=', 'sending')
    .executeTakeFirstOrThrow();
  return { sameReports: reports, sendingReminders: Number(sending.n) };
}

async function moveListings(db: DbOrTx, workspaceId: number, fromId: number, intoId: number): Promise<number> {
  // A task listing both: one listing stays, the better role and the earlier place of the two.
  const both = await db
    .selectFrom('task_units as f')
    .innerJoin('task_units as i', (join) => join.onRef('i.task_id', '=', 'f.task_id'))
    .select(['f.id as fromRow', 'i.id as intoRow', 'f.role as fromRole', 'f.position as fromPosition', 'i.position as intoPosition'])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.unit_id', '=', fromId)
    .where('i.unit_id', '=', intoId)
    .execute();
  for (const row of both) {
    await db.deleteFrom('task_units').where('id', '=', row.fromRow).execute();
    await db
      .updateTable('task_units')
      .set({
        position: Math.min(row.fromPosition, row.intoPosition),
        ...(row.fromRole === 'lead' ? { role: 'lead' as const } : {}),
      })
      .where('id', '=', row.intoRow)
      .execute();
  }
  const moved = await db
    .updateTable('task_units')
    .set({ unit_id: intoId })
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .executeTakeFirst();
  return both.length + Number(moved.numUpdatedRows);
}

async function moveDeliveries(db: DbOrTx, workspaceId: number, fromId: number, intoId: number, note: string): Promise<number> {
  // One ledger row per unit, period, stage and occasion: where both units have one, the kept unit's row
  // stands for it and the old unit's stays as history under an occasion of its own, no longer sendable.
  const clashing = await db
    .selectFrom('reminder_deliveries as f')
    .innerJoin('reminder_deliveries as i', (join) =>
      join.onRef('i.period_id', '=', 'f.period_id').onRef('i.stage', '=', 'f.stage').onRef('i.occasion', '=', 'f.occasion'),
    )
    .select(['f.id', 'f.occasion', 'f.status'])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.unit_id', '=', fromId)
    .where('i.unit_id', '=', intoId)
    .execute();
  for (const row of clashing) {
    await db
      .updateTable('reminder_deliveries')
      .set({
        occasion: `m${fromId}${row.occasion ? `_${row.occasion}` : ''}`,
        ...(row.status === 'failed' ? { status: 'cancelled' as const, last_error: note } : {}),
      })
      .where('id', '=', row.id)
      .execute();
  }
  const moved = await db
    .updateTable('reminder_deliveries')
    .set({ unit_id: intoId })
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

/** Moves every row of `from` onto `into`, makes `from`'s name and aliases aliases of `into`, and deletes `from`. */
export async function mergeUnitRows(db: DbOrTx, workspaceId: number, fromId: number, intoId: number, note: string): Promise<MergeMoved> {
  const from = await db.selectFrom('units').select('name').where('workspace_id', '=', workspaceId).where('id', '=', fromId).executeTakeFirstOrThrow();
  const listings = await moveListings(db, workspaceId, fromId, intoId);
  const reports = await db
    .updateTable('progress_reports')
    .set({ unit_id: intoId })
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .executeTakeFirst();
  const adjustments = await db
    .updateTable('score_adjustments')
    .set({ unit_id: intoId })
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .executeTakeFirst();
  const messages = await db
    .updateTable('outbound_messages')
    .set({ unit_id: intoId })
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .executeTakeFirst();
  const reminders = await moveDeliveries(db, workspaceId, fromId, intoId, note);

  await db
    .deleteFrom('collective_members')
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .where('collective_id', 'in', db.selectFrom('collective_members').select('collective_id').where('unit_id', '=', intoId))
    .execute();
  const memberships = await db
    .updateTable('collective_members')
    .set({ unit_id: intoId })
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .executeTakeFirst();

  await db
    .deleteFrom('liaisons as f')
    .where('f.workspace_id', '=', workspaceId)
    .where('f.unit_id', '=', fromId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('liaisons as i')
          .select('i.id')
          .where('i.unit_id', '=', intoId)
          .whereRef('i.purpose', '=', 'f.purpose')
          .whereRef('i.target_kind', '=', 'f.target_kind')
          .whereRef('i.target_id', '=', 'f.target_id'),
      ),
    )
    .execute();
  const bindings = await db
    .updateTable('liaisons')
    .set({ unit_id: intoId })
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .executeTakeFirst();

  const aliases = await db
    .updateTable('unit_aliases')
    .set({ unit_id: intoId })
    .where('workspace_id', '=', workspaceId)
    .where('unit_id', '=', fromId)
    .executeTakeFirst();
  await db.deleteFrom('units').where('workspace_id', '=', workspaceId).where('id', '=', fromId).execute();
  await db.insertInto('unit_aliases').values({ workspace_id: workspaceId, unit_id: intoId, alias: from.name }).execute();
  return {
    listings,
    reports: Number(reports.numUpdatedRows),
    adjustments: Number(adjustments.numUpdatedRows),
    messages: Number(messages.numUpdatedRows),
    reminders,
    memberships: Number(memberships.numUpdatedRows),
    bindings: Number(bindings.numUpdatedRows),
    aliases: Number(aliases.numUpdatedRows) + 1,
  };
}

export async function renameUnit(db: DbOrTx, workspaceId: number, unitId: number, name: string): Promise<void> {
  await db.updateTable('units').set({ name }).where('workspace_id', '=', workspaceId).where('id', '=', unitId).execute();
}

export async function removeUnitAlias(db: DbOrTx, workspaceId: number, alias: string): Promise<void> {
  await db.deleteFrom('unit_aliases').where('workspace_id', '=', workspaceId).where('alias', '=', alias).execute();
}

export async function setUnitActive(db: DbOrTx, workspaceId: number, unitId: number, active: boolean): Promise<void> {
  await db.updateTable('units').set({ active }).where('workspace_id', '=', workspaceId).where('id', '=', unitId).execute();
}
