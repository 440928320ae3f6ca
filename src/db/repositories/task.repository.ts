import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { TaskDetailRecord, TaskStore } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { Database, TasksTable } from '../tables/index.js';
import type { RepositoryOf } from './bind.js';

/** What a person typed in a task field: the start of a task's number, or a piece of its title. */
function typedTask(typed: string) {
  const text = typed.trim();
  return (eb: ExpressionBuilder<Database, 'tasks'>) => {
    if (/^\d+$/.test(text)) return sql<boolean>`tasks.seq::text like ${`${text}%`}`;
    if (text) return eb('tasks.title', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return sql<boolean>`true`;
  };
}

function detailQuery(db: DbOrTx) {
  return db
    .selectFrom('tasks')
    .leftJoin('sections', 'sections.id', 'tasks.section_id')
    .selectAll('tasks')
    .select(['sections.no as section_no', 'sections.title as section_title']);
}

function toDetail(row: Selectable<TasksTable> & { section_no: number | null; section_title: string | null }): TaskDetailRecord {
  return {
    id: row.id,
    year: row.year,
    seq: row.seq,
    no: row.no,
    label: row.label,
    sectionNo: row.section_no,
    sectionTitle: row.section_title,
    title: row.title,
    body: row.body,
    deadlinePhrase: row.deadline_phrase,
    dueDate: row.due_date,
    extendedDueDate: row.extended_due_date,
    targets: row.targets,
    leaderPerson: row.leader_person,
    state: row.state,
    retired: row.retired_at !== null,
    noticeId: row.notice_id,
    correctedFields: row.corrected_fields,
    retiredBy: row.retired_by,
  };
}

export const taskRepository: RepositoryOf<TaskStore> = {
  async findBySeq(db, workspaceId, year, seq, options = {}) {
    let query = detailQuery(db)
      .where('tasks.workspace_id', '=', workspaceId)
      .where('tasks.year', '=', year)
      .where('tasks.seq', '=', seq)
      .where('tasks.retired_at', 'is', null);
    if (options.lock) query = query.forUpdate('tasks');
    const row = await query.executeTakeFirst();
    return row && toDetail(row);
  },

  async findById(db, workspaceId, taskId) {
    const row = await detailQuery(db).where('tasks.workspace_id', '=', workspaceId).where('tasks.id', '=', taskId).executeTakeFirst();
    return row && toDetail(row);
  },

  async search(db, workspaceId, year, typed, limit) {
    const query = db
      .selectFrom('tasks')
      .select(['seq', 'title'])
      .where('workspace_id', '=', workspaceId)
      .where('year', '=', year)
      .where('retired_at', 'is', null);
    return query.where(typedTask(typed)).orderBy('seq').limit(limit).execute();
  },

  async searchRetired(db, workspaceId, year, typed, limit) {
    const query = db
      .selectFrom('tasks')
      .innerJoin('notices', 'notices.id', 'tasks.notice_id')
      .select(['tasks.seq', 'tasks.title'])
      .where('tasks.workspace_id', '=', workspaceId)
      .where('tasks.year', '=', year)
      .where('notices.is_current', '=', true)
      .where('tasks.retired_by', 'is not', null);
    return query.where(typedTask(typed)).orderBy('tasks.seq').limit(limit).execute();
  },

  async latestStatuses(db, taskIds) {
    const statuses = new Map<number, string | null>();
    if (taskIds.length === 0) return statuses;
    const rows = await db
      .selectFrom('progress_reports')
      .select(['task_id', 'status'])
      .distinctOn('task_id')
      .where('task_id', 'in', [...taskIds])
      .orderBy('task_id')
      .orderBy('last_submitted_at', 'desc')
      .execute();
    for (const row of rows) statuses.set(row.task_id, row.status);
    return statuses;
  },

  async setState(db, taskId, { state, at, by }) {
    await db
      .updateTable('tasks')
      .set(state === 'closed' ? { state, closed_at: at, closed_by: by, updated_at: at } : { state, closed_at: null, closed_by: null, updated_at: at })
      .where('id', '=', taskId)
      .execute();
  },

  async setExtendedDueDate(db, taskId, date, at) {
    await db.updateTable('tasks').set({ extended_due_date: date, updated_at: at }).where('id', '=', taskId).execute();
  },

  async recordAction(db, input) {
    const row = await db
      .insertInto('task_actions')
      .values({
        workspace_id: input.workspaceId,
        task_id: input.taskId,
        action: input.action,
        reason: input.reason,
        new_due_date: input.newDueDate,
        actor_id: input.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async listActions(db, taskId) {
    const rows = await db.selectFrom('task_actions').selectAll().where('task_id', '=', taskId).orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, action: row.action, reason: row.reason, newDueDate: row.new_due_date, actorId: row.actor_id, at: row.created_at }));
  },

  async correct(db, taskId, change, correctedFields, at) {
    await db
      .updateTable('tasks')
      .set({
        ...(change.title !== undefined ? { title: change.title } : {}),
        ...(change.deadlinePhrase !== undefined ? { deadline_phrase: change.deadlinePhrase } : {}),
        ...(change.dueDate !== undefined ? { due_date: change.dueDate } : {}),
        ...(change.sectionId !== undefined ? { section_id: change.sectionId } : {}),
        corrected_fields: JSON.stringify(correctedFields),
        updated_at: at,
      })
      .where('id', '=', taskId)
      .execute();
  },

  async listUnitRows(db, taskId) {
    const rows = await db
      .selectFrom('task_units')
      .select(['unit_id', 'collective_id', 'role', 'position', 'name_as_written'])
      .where('task_id', '=', taskId)
      .orderBy('position')
      .execute();
    return rows.map((row) => ({
      unitId: row.unit_id,
      collectiveId: row.collective_id,
      role: row.role,
      position: row.position,
      nameAsWritten: row.name_as_written,
    }));
  },

  async retire(db, taskId, { at, by, reason }) {
    await db.updateTable('tasks').set({ retired_at: at, retired_by: by, retired_reason: reason, updated_at: at }).where('id', '=', taskId).execute();
  },

  async restore(db, taskId, seq, at) {
    await db.updateTable('tasks').set({ retired_at: null, retired_by: null, retired_reason: null, seq, updated_at: at }).where('id', '=', taskId).execute();
  },

  async findRetiredBySeq(db, workspaceId, noticeId, seq) {
    const row = await detailQuery(db)
      .where('tasks.workspace_id', '=', workspaceId)
      .where('tasks.notice_id', '=', noticeId)
      .where('tasks.seq', '=', seq)
      .where('tasks.retired_by', 'is not', null)
      .orderBy('tasks.retired_at', 'desc')
      .forUpdate('tasks')
      .executeTakeFirst();
    return row && toDetail(row);
  },

  async seqTaken(db, workspaceId, year, seq) {
    const row = await db
      .selectFrom('tasks')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('year', '=', year)
      .where('seq', '=', seq)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  },

  async nextSeq(db, workspaceId, year, noticeId) {
    const row = await db
      .selectFrom('tasks')
      .select(sql<number>`coalesce(max(seq), 0)::int`.as('top'))
      .where('workspace_id', '=', workspaceId)
      .where('year', '=', year)
      .where((eb) => eb.or([eb('notice_id', '=', noticeId), eb('retired_at', 'is', null)]))
      .executeTakeFirstOrThrow();
    return row.top + 1;
  },

  async listClosingNotes(db, taskIds) {
    const notes = new Map<number, string | null>();
    if (taskIds.length === 0) return notes;
    const rows = await db
      .selectFrom('task_actions')
      .select(['task_id', 'reason'])
      .distinctOn('task_id')
      .where('task_id', 'in', [...taskIds])
      .where('action', '=', 'close')
      .orderBy('task_id')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const row of rows) notes.set(row.task_id, row.reason);
    return notes;
  },
};
