import { sql } from 'kysely';
import type { ParsedNotice } from '../../domain/notice/index.js';
import type { NoticeStore, NoticeTaskFields } from '../../ports.js';
import type { RepositoryOf } from './bind.js';

/** Rows per statement: well inside Postgres's 65,535 parameters for the widest row here (11 columns). */
const CHUNK = 1_000;

function taskColumns(noticeId: number, fields: NoticeTaskFields) {
  return {
    notice_id: noticeId,
    section_id: fields.sectionId,
    seq: fields.seq,
    label: fields.label,
    no: fields.no,
    title: fields.title,
    body: fields.body,
    deadline_phrase: fields.deadlinePhrase,
    due_date: fields.dueDate,
    targets: JSON.stringify(fields.targets),
    leader_person: fields.leaderPerson,
  };
}

export const noticeRepository: RepositoryOf<NoticeStore> = {
  async findCurrent(db, workspaceId, year) {
    const notice = await db
      .selectFrom('notices')
      .select(['id', 'version', 'parsed'])
      .where('workspace_id', '=', workspaceId)
      .where('year', '=', year)
      .where('is_current', '=', true)
      .executeTakeFirst();
    if (!notice) return undefined;
    const tasks = await db
      .selectFrom('tasks')
      .select(['id', 'seq'])
      .where('workspace_id', '=', workspaceId)
      .where('year', '=', year)
      .where('retired_at', 'is', null)
      .orderBy('seq')
      .execute();
    const corrected = await db
      .selectFrom('tasks')
      .leftJoin('sections', 'sections.id', 'tasks.section_id')
      .select([
        'tasks.id',
        'tasks.seq',
        'tasks.no',
        'tasks.label',
        'sections.no as section_no',
        'tasks.title',
        'tasks.body',
        'tasks.deadline_phrase',
        'tasks.due_date',
        'tasks.corrected_fields',
        'tasks.retired_at',
        'tasks.retired_by',
      ])
      .where('tasks.workspace_id', '=', workspaceId)
      .where('tasks.notice_id', '=', notice.id)
      .where((eb) => eb.or([sql<boolean>`tasks.corrected_fields <> '[]'::jsonb`, eb('tasks.retired_by', 'is not', null)]))
      .where((eb) => eb.or([eb('tasks.retired_at', 'is', null), eb('tasks.retired_by', 'is not', null)]))
      .orderBy('tasks.seq')
      .execute();
    const unitRows =
      corrected.length === 0
        ? []
        : await db
            .selectFrom('task_units')
            .select(['task_id', 'unit_id', 'collective_id', 'role', 'position', 'name_as_written'])
            .where(
              'task_id',
              'in',
              corrected.map((t) => t.id),
            )
            .orderBy('task_id')
            .orderBy('position')
            .execute();
    const correctedTasks = corrected.map((t) => ({
      id: t.id,
      seq: t.seq,
      no: t.no,
      label: t.label,
      sectionNo: t.section_no,
      title: t.title,
      body: t.body,
      deadlinePhrase: t.deadline_phrase,
      dueDate: t.due_date,
      correctedFields: t.corrected_fields,
      retiredByHand: t.retired_by !== null,
      units: unitRows
        .filter((u) => u.task_id === t.id)
        .map((u) => ({ unitId: u.unit_id, collectiveId: u.collective_id, role: u.role, position: u.position, nameAsWritten: u.name_as_written })),
    }));
    return { id: notice.id, version: notice.version, parsed: notice.parsed as ParsedNotice, liveTaskIds: tasks, correctedTasks };
  },

  async latestVersion(db, workspaceId, year) {
    const row = await db
      .selectFrom('notices')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('workspace_id', '=', workspaceId)
      .where('year', '=', year)
      .executeTakeFirst();
    return row?.version ?? 0;
  },

  async insertCurrent(db, notice) {
    await db.updateTable('notices').set({ is_current: false }).where('workspace_id', '=', notice.workspaceId).where('year', '=', notice.year).execute();
    const row = await db
      .insertInto('notices')
      .values({
        workspace_id: notice.workspaceId,
        year: notice.year,
        version: notice.version,
        title: notice.title,
        issuer: notice.issuer,
        source_kind: notice.sourceKind,
        source_name: notice.sourceName,
        source_text: notice.sourceText,
        parsed: JSON.stringify(notice.parsed),
        imported_by: notice.importedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async insertSections(db, workspaceId, noticeId, sections) {
    if (sections.length === 0) return [];
    const rows = await db
      .insertInto('sections')
      .values(sections.map((section, index) => ({ workspace_id: workspaceId, notice_id: noticeId, no: section.no, title: section.title, position: index + 1 })))
      .returning(['id', 'position'])
      .execute();
    return rows.sort((a, b) => a.position - b.position).map((row) => row.id);
  },

  async renumberLiveTasksAside(db, workspaceId, year) {
    await db
      .updateTable('tasks')
      .set({ seq: sql`seq + 1000000` })
      .where('workspace_id', '=', workspaceId)
      .where('year', '=', year)
      .where('retired_at', 'is', null)
      .execute();
  },

  async retireTasks(db, taskIds, at) {
    if (taskIds.length === 0) return;
    await db
      .updateTable('tasks')
      .set({ retired_at: at })
      .where('id', 'in', [...taskIds])
      .execute();
  },

  async updateTasks(db, noticeId, tasks, at) {
    for (let start = 0; start < tasks.length; start += CHUNK) {
      const chunk = tasks.slice(start, start + CHUNK);
      const values = chunk.map(({ id, fields }) => {
        const c = taskColumns(noticeId, fields);
        return sql`(${id}::int, ${c.section_id}::int, ${c.seq}::int, ${c.label}, ${c.no}::int, ${c.title}, ${c.body}, ${c.deadline_phrase}, ${c.due_date}::date, ${c.targets}::jsonb, ${c.leader_person})`;
      });
      await sql`
        update tasks as t
           set notice_id = ${noticeId}, section_id = v.section_id, seq = v.seq, label = v.label, no = v.no, title = v.title, body = v.body,
               deadline_phrase = v.deadline_phrase, due_date = v.due_date, targets = v.targets, leader_person = v.leader_person, updated_at = ${at}
          from (values ${sql.join(values)}) as v(id, section_id, seq, label, no, title, body, deadline_phrase, due_date, targets, leader_person)
         where t.id = v.id`.execute(db);
    }
  },

  async insertTasks(db, workspaceId, year, noticeId, tasks, inForceFrom) {
    const ids: number[] = [];
    for (let start = 0; start < tasks.length; start += CHUNK) {
      const rows = await db
        .insertInto('tasks')
        .values(
          tasks
            .slice(start, start + CHUNK)
            .map((fields) => ({ ...taskColumns(noticeId, fields), workspace_id: workspaceId, year, in_force_from: inForceFrom })),
        )
        .returning(['id', 'seq'])
        .execute();
      // seq is unique within the year, so it lines the ids up with the input whatever order they come back in.
      const bySeq = new Map(rows.map((row) => [row.seq, row.id]));
      for (const fields of tasks.slice(start, start + CHUNK)) ids.push(bySeq.get(fields.seq) ?? 0);
    }
    return ids;
  },

  async listSections(db, noticeId) {
    return db.selectFrom('sections').select(['id', 'no', 'title']).where('notice_id', '=', noticeId).orderBy('position').execute();
  },

  async replaceTaskUnits(db, workspaceId, units) {
    const taskIds = [...units.keys()];
    for (let start = 0; start < taskIds.length; start += CHUNK)
      await db
        .deleteFrom('task_units')
        .where('task_id', 'in', taskIds.slice(start, start + CHUNK))
        .execute();
    const rows = [...units].flatMap(([taskId, list]) =>
      list.map((row) => ({
        workspace_id: workspaceId,
        task_id: taskId,
        unit_id: row.unitId,
        collective_id: row.collectiveId,
        role: row.role,
        position: row.position,
        name_as_written: row.nameAsWritten,
      })),
    );
    for (let start = 0; start < rows.length; start += CHUNK)
      await db
        .insertInto('task_units')
        .values(rows.slice(start, start + CHUNK))
        .execute();
  },
};
