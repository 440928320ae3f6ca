import { sql, type Selectable, type Updateable } from 'kysely';
import type { WorkspaceStore } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { WorkspacesTable } from '../tables/index.js';
import type { RepositoryOf } from './bind.js';

export type Workspace = Selectable<WorkspacesTable>;
export type WorkspaceSettings = Pick<
  Updateable<WorkspacesTable>,
  | 'name'
  | 'region_name'
  | 'time_zone'
  | 'coordinator_role_id'
  | 'leader_role_id'
  | 'summary_channel_id'
  | 'escalation_channel_id'
  | 'reminder_plan'
  | 'scoring_rules'
  | 'reporting_cadence'
>;

/** The workspace of a guild, created on first sight; the name follows the guild's. */
export async function ensureWorkspace(db: DbOrTx, guildId: string, name: string): Promise<Workspace> {
  // Read first: this runs on every interaction, and an unchanged row needs no write.
  const existing = await findWorkspaceByGuild(db, guildId);
  if (existing && existing.name === name) return existing;
  return db
    .insertInto('workspaces')
    .values({ guild_id: guildId, name })
    .onConflict((oc) => oc.column('guild_id').doUpdateSet({ name }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findWorkspaceByGuild(db: DbOrTx, guildId: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('guild_id', '=', guildId).executeTakeFirst();
}

export async function findWorkspaceById(db: DbOrTx, id: number): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateWorkspaceSettings(db: DbOrTx, id: number, settings: WorkspaceSettings): Promise<Workspace> {
  return db
    .updateTable('workspaces')
    .set({ ...settings, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listWorkspacesWithCurrentNotice(db: DbOrTx): Promise<number[]> {
  const rows = await db.selectFrom('notices').select('workspace_id').where('is_current', '=', true).distinct().orderBy('workspace_id').execute();
  return rows.map((row) => row.workspace_id);
}

export async function lockWorkspaceForTransaction(db: DbOrTx, workspaceId: number, lock: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${lock}, ${workspaceId})`.execute(db);
}

async function findWorkspaceIdOf(db: DbOrTx, record: { kind: 'reminder' | 'unit'; id: number } | { kind: 'draft'; id: string }): Promise<number | undefined> {
  const row =
    record.kind === 'draft'
      ? await db.selectFrom('drafts').select('workspace_id').where('id', '=', record.id).executeTakeFirst()
      : record.kind === 'unit'
        ? await db.selectFrom('units').select('workspace_id').where('id', '=', record.id).executeTakeFirst()
        : await db.selectFrom('reminder_deliveries').select('workspace_id').where('id', '=', record.id).executeTakeFirst();
  return row?.workspace_id;
}

export const workspaceRepository: RepositoryOf<WorkspaceStore> = {
  ensure: ensureWorkspace,
  findByGuild: findWorkspaceByGuild,
  findById: findWorkspaceById,
  update: updateWorkspaceSettings,
  listWithCurrentNotice: listWorkspacesWithCurrentNotice,
  findIdOf: findWorkspaceIdOf,
  lockForTransaction: lockWorkspaceForTransaction,
};
