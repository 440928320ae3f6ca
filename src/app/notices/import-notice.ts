import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { recordAudit } from '../../db/repositories/audit.repository.js';
import { deleteDraft, loadDraft } from '../../db/repositories/draft.repository.js';
import { diffNotices, type ParsedNotice, type ParsedTask } from '../../domain/notice/index.js';
import { canonicalUnitName, resolveUnitNames, type ResolvedUnitName } from '../../domain/units/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { loadCurrentNotice } from './current-notice.js';
import { loadDirectorySnapshot } from './directory-snapshot.js';
import { NOTICE_IMPORT_DRAFT, type DiffSummary, type NoticeImportDraft } from './notice-import-draft.js';
import { queueAfterCommit } from '../queue-follow-up.js';

export interface ImportResult {
  noticeId: number;
  year: number;
  version: number;
  taskCount: number;
  sectionCount: number;
  createdUnits: string[];
  createdCollectives: string[];
  aliasesAdded: { alias: string; unit: string }[];
  diff: DiffSummary | null;
  /** The queue was away: reminders are planned when it is back. */
  remindersDeferred?: boolean;
}

type Target = { unitId: number } | { collectiveId: number };

/** Makes every unit name of the notice point at a directory entry, creating what is missing. */
async function resolveTargets(trx: Transaction<Database>, workspaceId: number, draft: NoticeImportDraft, result: ImportResult): Promise<Map<string, Target>> {
  const snapshot = await loadDirectorySnapshot(trx, workspaceId);
  const names = draft.parsed.tasks.flatMap((t) => t.units.map((u) => ({ name: u.name, collective: u.collective })));
  const resolved: ResolvedUnitName[] = resolveUnitNames(names, snapshot);
  const targets = new Map<string, Target>();
  for (const entry of resolved) {
    if (entry.kind === 'unit') targets.set(entry.name, { unitId: entry.unitId });
    else if (entry.kind === 'collective') targets.set(entry.name, { collectiveId: entry.collectiveId });
    else if (entry.kind === 'new_collective') {
      const row = await trx.insertInto('collective_names').values({ workspace_id: workspaceId, name: entry.name }).returning('id').executeTakeFirstOrThrow();
      targets.set(entry.name, { collectiveId: row.id });
      result.createdCollectives.push(entry.name);
    } else {
      const aliasOf = draft.acceptedAliases[entry.name];
      const existing = aliasOf ? snapshot.units.find((u) => u.name === aliasOf) : undefined;
      if (existing) {
        await trx.insertInto('unit_aliases').values({ workspace_id: workspaceId, unit_id: existing.id, alias: entry.name }).execute();
        targets.set(entry.name, { unitId: existing.id });
        result.aliasesAdded.push({ alias: entry.name, unit: existing.name });
      } else {
        const row = await trx.insertInto('units').values({ workspace_id: workspaceId, name: entry.name, category: entry.category }).returning('id').executeTakeFirstOrThrow();
        targets.set(entry.name, { unitId: row.id });
        result.createdUnits.push(entry.name);
      }
    }
  }
  return targets;
}

function taskRow(task: ParsedTask, seq: number, noticeId: number, sectionId: number | null) {
  return {
    notice_id: noticeId,
    section_id: sectionId,
    seq,
    label: task.label || `${task.no}.`,
    no: task.no,
    title: task.title.slice(0, 500),
    body: task.text,
    deadline_phrase: task.deadline,
    due_date: task.dueDate,
    targets: JSON.stringify(task.targets),
    leader_person: task.leaderPerson,
  };
}

async function writeTaskUnits(trx: Transaction<Database>, workspaceId: number, taskId: number, task: ParsedTask, targets: Map<string, Target>): Promise<void> {
  await trx.deleteFrom('task_units').where('task_id', '=', taskId).execute();
  const seen = new Set<string>();
  const rows = [];
  for (const unit of task.units) {
    const name = canonicalUnitName(unit.name);
    const target = targets.get(name);
    if (!target) continue;
    const key = 'unitId' in target ? `u${target.unitId}` : `c${target.collectiveId}`;
    if (seen.has(key)) continue; // the same unit listed twice (once by an alias) is one assignment
    seen.add(key);
    rows.push({
      workspace_id: workspaceId,
      task_id: taskId,
      unit_id: 'unitId' in target ? target.unitId : null,
      collective_id: 'collectiveId' in target ? target.collectiveId : null,
      role: unit.role,
      position: rows.length + 1,
      name_as_written: unit.name,
    });
  }
  if (rows.length) await trx.insertInto('task_units').values(rows).execute();
}

async function insertSections(trx: Transaction<Database>, workspaceId: number, noticeId: number, parsed: ParsedNotice): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const [i, section] of parsed.sections.entries()) {
    const row = await trx
      .insertInto('sections')
      .values({ workspace_id: workspaceId, notice_id: noticeId, no: Math.max(1, section.no), title: section.title.slice(0, 500), position: i + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!ids.has(section.no)) ids.set(section.no, row.id);
  }
  return ids;
}

/**
 * Stores a confirmed import in one transaction. A revision of the same year keeps the ids of the
 * tasks it matches (so their progress stays attached), retires the tasks it dropped, and adds new ones.
 */
export async function importNotice(ctx: AppContext, input: { workspaceId: number; actorId: string; draftId: string }): Promise<ImportResult> {
  const result = await storeImport(ctx, input);
  // After commit, through the scheduler port: the new tasks get reminders, dropped ones lose theirs.
  const queued = await queueAfterCommit(ctx, 'reconcile after an import', (s) => s.requestReconcile(input.workspaceId));
  return queued ? result : { ...result, remindersDeferred: true };
}

async function storeImport(ctx: AppContext, input: { workspaceId: number; actorId: string; draftId: string }): Promise<ImportResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadDraft<NoticeImportDraft>(trx, { id: input.draftId, workspaceId: input.workspaceId, kind: NOTICE_IMPORT_DRAFT, now: ctx.clock.now() });
    if (!loaded) throw new UserError('draft_expired', '这份导入预览已过期或已处理。请重新执行 /notice import。');
    const draft = loaded.payload;
    // Serialise imports of one workspace: two confirmations at once must not both become version N.
    await sql`select id from workspaces where id = ${input.workspaceId} for update`.execute(trx);

    const result: ImportResult = {
      noticeId: 0,
      year: draft.year,
      version: 1,
      taskCount: draft.parsed.tasks.length,
      sectionCount: draft.parsed.sections.length,
      createdUnits: [],
      createdCollectives: [],
      aliasesAdded: [],
      diff: null,
    };
    const targets = await resolveTargets(trx, input.workspaceId, draft, result);
    const current = await loadCurrentNotice(trx, input.workspaceId, draft.year);
    const last = await trx
      .selectFrom('notices')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('workspace_id', '=', input.workspaceId)
      .where('year', '=', draft.year)
      .executeTakeFirst();
    result.version = (last?.version ?? 0) + 1;
    await trx.updateTable('notices').set({ is_current: false }).where('workspace_id', '=', input.workspaceId).where('year', '=', draft.year).execute();
    const notice = await trx
      .insertInto('notices')
      .values({
        workspace_id: input.workspaceId,
        year: draft.year,
        version: result.version,
        title: draft.parsed.title,
        issuer: draft.parsed.issuer,
        source_kind: draft.sourceKind,
        source_name: draft.sourceName,
        source_text: draft.text,
        parsed: JSON.stringify(draft.parsed),
        imported_by: input.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    result.noticeId = notice.id;
    const sectionIds = await insertSections(trx, input.workspaceId, notice.id, draft.parsed);

    // Move live tasks out of the way of the new numbering (the seq index is unique and not deferrable).
    await trx
      .updateTable('tasks')
      .set({ seq: sql`seq + 1000000` })
      .where('workspace_id', '=', input.workspaceId)
      .where('year', '=', draft.year)
      .where('retired_at', 'is', null)
      .execute();

    // New tasks carry negative ids (-1 - index) so both sides of the diff have the same shape.
    const incoming = draft.parsed.tasks.map((t, index) => ({ ...t, id: -1 - index }));
    const diff = current ? diffNotices(current.liveTasks, incoming) : null;
    const keptIdByNewIndex = new Map<number, number>();
    if (diff) {
      for (const change of diff.matched) keptIdByNewIndex.set(-1 - change.after.id, change.before.id);
      const removedIds = diff.removed.map((t) => t.id);
      if (removedIds.length) await trx.updateTable('tasks').set({ retired_at: ctx.clock.now() }).where('id', 'in', removedIds).execute();
      result.diff = draft.diff;
    }

    for (const [index, task] of draft.parsed.tasks.entries()) {
      const row = taskRow(task, index + 1, notice.id, task.section !== null ? (sectionIds.get(task.section) ?? null) : null);
      const keptId = keptIdByNewIndex.get(index);
      let taskId: number;
      if (keptId !== undefined) {
        await trx.updateTable('tasks').set({ ...row, updated_at: ctx.clock.now() }).where('id', '=', keptId).execute();
        taskId = keptId;
      } else {
        taskId = (await trx.insertInto('tasks').values({ ...row, workspace_id: input.workspaceId, year: draft.year }).returning('id').executeTakeFirstOrThrow()).id;
      }
      await writeTaskUnits(trx, input.workspaceId, taskId, task, targets);
    }

    await recordAudit(trx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'notice.import',
      subjectType: 'notice',
      subjectId: notice.id,
      details: {
        year: draft.year,
        version: result.version,
        tasks: result.taskCount,
        createdUnits: result.createdUnits,
        createdCollectives: result.createdCollectives,
        aliasesAdded: result.aliasesAdded,
        diff: result.diff,
      },
    });
    await deleteDraft(trx, input.draftId);
    return result;
  });
}
