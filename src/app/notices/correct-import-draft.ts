import { z } from 'zod';
import { commandRef } from '../../command-names.js';
import { addTask, correctTask, readDeadlineInput, readTaskPosition, type CorrectedTask, type TaskCorrection } from '../../domain/notice/index.js';
import { resolveUnitNames } from '../../domain/units/index.js';
import { UserError } from '../../errors.js';
import type { Repositories } from '../../ports.js';
import type { AppContext } from '../context.js';
import { unitNameSchema } from '../units/unit-input.schema.js';
import { loadCurrentNotice } from './current-notice.js';
import { loadDirectorySnapshot } from './directory-snapshot.js';
import { IMPORT_LOCK } from './import-lock.js';
import { draftRevision, NOTICE_IMPORT_DRAFT, type NoticeImportDraft } from './notice-import-draft.js';
import { summarizeDiff } from './prepare-notice-import.js';
import { taskReference } from './task-reference.js';

/*
 * Corrections a coordinator makes in the import preview before confirming: edit a task, drop a line
 * that is not a task, add a task the parser missed. Each one is a new revision of the stored draft,
 * written with its audit entry in one transaction under the import lock; a preview showing an older
 * revision can neither correct nor confirm (what is confirmed is exactly what was shown).
 */

/** The fields of the edit and add forms, as typed. */
export interface TaskFormInput {
  title: string;
  lead: string;
  supporting: string;
  deadline: string;
}

// Control and invisible formatting characters are exactly what the title must not contain.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

const titleSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(2, '任务标题至少需要 2 个字。')
      .max(200, '任务标题不能超过 200 个字。')
      .refine((s) => !CONTROL.test(s), '任务标题不能包含换行或不可见的控制字符。'),
  );

function readUnitName(typed: string, what: string): string {
  const parsed = unitNameSchema.safeParse(typed);
  if (!parsed.success) throw new UserError('invalid_unit_name', `${what}“${typed.slice(0, 50)}”:${parsed.error.issues[0]?.message ?? '格式不正确。'}`);
  return parsed.data;
}

/** Checks a form's fields; a Chinese UserError naming the first problem. */
export function readTaskForm(input: TaskFormInput, year: number, keep?: { deadline: string | null; dueDate: string | null }): TaskCorrection {
  const title = titleSchema.safeParse(input.title);
  if (!title.success) throw new UserError('invalid_task_title', title.error.issues[0]?.message ?? '任务标题不正确。');
  const leadText = input.lead.trim();
  const lead = leadText ? readUnitName(leadText, '牵头单位') : null;
  const names = input.supporting
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length > 30) throw new UserError('too_many_units', '配合单位最多 30 个,请精简后再提交。');
  const supporting = [...new Set(names.map((name) => readUnitName(name, '配合单位')))].filter((name) => name !== lead);
  // An untouched deadline keeps what the parser read ("2017年底前"); a typed one must be a date.
  const typed = input.deadline.trim();
  if (keep && typed === (keep.deadline ?? '')) return { title: title.data, lead, supporting, ...keep };
  const deadline = readDeadlineInput(typed, year);
  if (!deadline) {
    throw new UserError(
      'invalid_deadline',
      `完成时限“${typed.slice(0, 30)}”无法识别。请填写 YYYY-MM-DD(如 ${year}-06-30)或 M月D日(如 6月30日);长期任务请留空。`,
    );
  }
  return { title: title.data, lead, supporting, deadline: deadline.phrase, dueDate: deadline.dueDate };
}

export const draftExpired = () => new UserError('draft_expired', `这份导入预览已过期或已处理。请重新执行 ${commandRef('notice import')}。`);

export const draftOutdated = () =>
  new UserError('draft_outdated', '这份预览已被修改过,这条消息显示的不是最新的任务清单。请在最新的预览消息中操作,或重新导入。');

interface DraftRef {
  workspaceId: number;
  actorId: string;
  draftId: string;
  /** The draft revision the preview message showed. */
  revision: number;
}

/** Loads the live draft the preview showed: its owner's, at the revision shown (any revision when none is given: the CLI shows no preview). */
export async function loadShownDraft(store: Repositories, input: Omit<DraftRef, 'revision'> & { revision?: number }, now: Date): Promise<NoticeImportDraft> {
  const loaded = await store.drafts.load({ id: input.draftId, workspaceId: input.workspaceId, kind: NOTICE_IMPORT_DRAFT, now });
  if (!loaded) throw draftExpired();
  if (loaded.ownerId !== input.actorId) throw new UserError('draft_not_yours', '这份预览由其他督办人发起,只有发起人可以确认或修改。');
  const draft = loaded.payload as NoticeImportDraft;
  if (input.revision !== undefined && draftRevision(draft) !== input.revision) throw draftOutdated();
  return draft;
}

/** Units and the revision diff follow the corrected list, so the preview and the confirmation read the same names. */
async function refreshDraft(store: Repositories, workspaceId: number, draft: NoticeImportDraft): Promise<NoticeImportDraft> {
  const names = draft.parsed.tasks.flatMap((t) => t.units.map((u) => ({ name: u.name, collective: u.collective })));
  const units = resolveUnitNames(names, await loadDirectorySnapshot(store, workspaceId));
  const stillNew = new Set(units.filter((u) => u.kind === 'new_unit').map((u) => u.name));
  const acceptedAliases = Object.fromEntries(Object.entries(draft.acceptedAliases).filter(([alias]) => stillNew.has(alias)));
  const current = await loadCurrentNotice(store, workspaceId, draft.year);
  const diff = current ? summarizeDiff(current.version, current.liveTasks, draft.parsed.tasks) : null;
  return { ...draft, units, acceptedAliases, diff, revision: draftRevision(draft) + 1 };
}

async function correctDraft(
  ctx: AppContext,
  input: DraftRef,
  change: (draft: NoticeImportDraft) => { draft: NoticeImportDraft; action: string; details: Record<string, unknown> },
): Promise<NoticeImportDraft> {
  return ctx.store.transaction(async (tx) => {
    await tx.workspaces.lockForTransaction(input.workspaceId, IMPORT_LOCK);
    const changed = change(await loadShownDraft(tx, input, ctx.clock.now()));
    const draft = await refreshDraft(tx, input.workspaceId, changed.draft);
    await tx.drafts.updatePayload(input.draftId, draft);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: changed.action,
      subjectType: 'notice_draft',
      subjectId: input.draftId,
      details: { year: draft.year, revision: draft.revision, ...changed.details },
    });
    return draft;
  });
}

function withTasks(draft: NoticeImportDraft, tasks: CorrectedTask[]): NoticeImportDraft {
  return { ...draft, parsed: { ...draft.parsed, tasks } };
}

const describe = (task: CorrectedTask) => ({
  task: taskReference(task),
  title: task.title,
  lead: task.lead,
  supporting: task.supporting,
  deadline: task.deadline,
  dueDate: task.dueDate,
});

function taskAt(draft: NoticeImportDraft, index: number): CorrectedTask {
  const task = draft.parsed.tasks[index];
  if (!task) throw draftOutdated();
  return task;
}

/** 编辑: a task's title, lead, supporting units and deadline. */
export async function editDraftTask(ctx: AppContext, input: DraftRef & { index: number; form: TaskFormInput }): Promise<NoticeImportDraft> {
  return correctDraft(ctx, input, (draft) => {
    const before = taskAt(draft, input.index);
    const after = correctTask(before, readTaskForm(input.form, draft.year, { deadline: before.deadline, dueDate: before.dueDate }));
    const tasks = draft.parsed.tasks.map((t, i) => (i === input.index ? after : t));
    return { draft: withTasks(draft, tasks), action: 'notice.draft_edit', details: { before: describe(before), after: describe(after) } };
  });
}

/** 删除: lines that are not tasks leave the list. */
export async function dropDraftTasks(ctx: AppContext, input: DraftRef & { indexes: readonly number[] }): Promise<NoticeImportDraft> {
  return correctDraft(ctx, input, (draft) => {
    const dropped = input.indexes.map((i) => taskAt(draft, i));
    const tasks = draft.parsed.tasks.filter((_, i) => !input.indexes.includes(i));
    if (tasks.length === 0) throw new UserError('no_tasks_left', '不能删除全部任务。如果这份内容不是工作要点,请点击“取消”。');
    return {
      draft: { ...withTasks(draft, tasks), dropped: [...(draft.dropped ?? []), ...dropped.map((t) => `${taskReference(t)} ${t.title}`)] },
      action: 'notice.draft_drop',
      details: { dropped: dropped.map(describe) },
    };
  });
}

/** 新增任务: a task the parser missed, at the section and number the coordinator gives. */
export async function addDraftTask(ctx: AppContext, input: DraftRef & { position: string; form: TaskFormInput }): Promise<NoticeImportDraft> {
  return correctDraft(ctx, input, (draft) => {
    const sections = [...new Set(draft.parsed.sections.map((s) => s.no))];
    const at = readTaskPosition(input.position, sections);
    if (!at) {
      const shown = sections.length
        ? `本要点的部分编号为 ${sections.join('、')}。请按“部分-编号”填写,如 ${sections[0]}-3 或 三（七）。`
        : '请填写任务编号,如 7。';
      throw new UserError('invalid_task_position', `位置“${input.position.trim().slice(0, 20)}”无法识别。${shown}`);
    }
    const taken = draft.parsed.tasks.find((t) => t.section === at.section && t.no === at.no);
    if (taken)
      throw new UserError('task_number_taken', `该位置已有任务 ${taskReference(taken)}(${taken.title.slice(0, 30)})。如需修改请用“编辑”,或换一个编号。`);
    const tasks = addTask(draft.parsed.tasks, at, readTaskForm(input.form, draft.year));
    const added = tasks.find((t) => t.section === at.section && t.no === at.no);
    return { draft: withTasks(draft, tasks), action: 'notice.draft_add', details: { added: added && describe(added) } };
  });
}

/** The coordinator picked which unknown names are aliases of existing units; only the preview's own suggestions are taken. */
export async function acceptDraftAliases(ctx: AppContext, input: DraftRef & { picks: readonly { alias: string; unit: string }[] }): Promise<NoticeImportDraft> {
  return correctDraft(ctx, input, (draft) => {
    const accepted: Record<string, string> = {};
    for (const { alias, unit } of input.picks) {
      const entry = draft.units.find((u) => u.name === alias && u.kind === 'new_unit');
      if (entry && entry.kind === 'new_unit' && entry.suggestions.includes(unit)) accepted[alias] = unit;
    }
    return { draft: { ...draft, acceptedAliases: accepted }, action: 'notice.draft_aliases', details: { aliases: accepted } };
  });
}

/** Cancels an import preview (its coordinator's, any revision): nothing was stored but the draft, which goes. */
export async function discardImportDraft(ctx: AppContext, input: Omit<DraftRef, 'revision'>): Promise<void> {
  await loadShownDraft(ctx.store, input, ctx.clock.now());
  await ctx.store.drafts.delete(input.draftId);
}
