import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('guild_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('coordinator_role_id', 'text')
    .addColumn('leader_role_id', 'text')
    .addColumn('summary_channel_id', 'text')
    .addColumn('escalation_channel_id', 'text')
    .addColumn('reminder_plan', 'jsonb')
    .addColumn('scoring_rules', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('workspaces_guild_id_snowflake', sql`guild_id ~ '^[0-9]{1,20}$'`)
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('units_workspace_name_unique', ['workspace_id', 'name'])
    // Lets child tables prove a unit belongs to the same workspace with a composite foreign key.
    .addUniqueConstraint('units_workspace_id_id_unique', ['workspace_id', 'id'])
    .addCheckConstraint('units_category_valid', sql`category in ('department', 'township', 'other')`)
    .addCheckConstraint('units_name_not_blank', sql`length(btrim(name)) between 1 and 100`)
    .execute();

  await db.schema
    .createTable('unit_aliases')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('unit_aliases_unit_fk', ['workspace_id', 'unit_id'], 'units', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('unit_aliases_workspace_alias_unique', ['workspace_id', 'alias'])
    .addCheckConstraint('unit_aliases_alias_not_blank', sql`length(btrim(alias)) between 1 and 100`)
    .execute();

  await db.schema
    .createTable('collective_names')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('collective_names_workspace_name_unique', ['workspace_id', 'name'])
    .addUniqueConstraint('collective_names_workspace_id_id_unique', ['workspace_id', 'id'])
    .addCheckConstraint('collective_names_name_not_blank', sql`length(btrim(name)) between 1 and 100`)
    .execute();

  await db.schema
    .createTable('collective_members')
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('collective_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('collective_members_pk', ['collective_id', 'unit_id'])
    .addForeignKeyConstraint('collective_members_collective_fk', ['workspace_id', 'collective_id'], 'collective_names', ['workspace_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('collective_members_unit_fk', ['workspace_id', 'unit_id'], 'units', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('liaisons')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    // 'liaison' reports for the unit; 'leader' receives the unit's escalations.
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('liaison'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('liaisons_unit_fk', ['workspace_id', 'unit_id'], 'units', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('liaisons_binding_unique', ['unit_id', 'purpose', 'target_kind', 'target_id'])
    .addCheckConstraint('liaisons_target_kind_valid', sql`target_kind in ('user', 'role', 'channel')`)
    .addCheckConstraint('liaisons_purpose_valid', sql`purpose in ('liaison', 'leader')`)
    .addCheckConstraint('liaisons_target_id_snowflake', sql`target_id ~ '^[0-9]{1,20}$'`)
    .execute();
  await db.schema.createIndex('liaisons_target_idx').on('liaisons').columns(['workspace_id', 'target_kind', 'target_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['liaisons', 'collective_members', 'collective_names', 'unit_aliases', 'units', 'workspaces']) {
    await db.schema.dropTable(table).execute();
  }
}
