import { commandRef } from '../../command-names.js';
import { isLocalDate, toLocalDate } from '../../domain/calendar/index.js';
import { hasLead, type TaskRole } from '../../domain/cycle/index.js';
import { ADDED_BY_HAND, normalizeDeadline, type CorrectableField } from '../../domain/notice/index.js';
import { UserError } from '../../errors.js';
import type { Repositories, TaskCorrection, TaskDetailRecord, TaskUnitRow } from '../../ports.js';
import type { AppContext } from '../context.js';
import { noNoticeError, resolveCycleYear } from '../cycle/load-cycle.js';
import { taskLabelFor } from '../notices/task-reference.js';
import { queueAfterCommit } from '../queue-follow-up.js';
import { pickUnits, splitUnitList, type CreatedUnit, type PickedUnit } from '../units/pick-units.js';
import { requireTask } from './task-actions.js';
import { loadTaskUnits } from './task-units.js';

/*
 * A coordinator's corrections of the task list after import (/task edit, add, remove, restore): each
 * is one transaction with its audit entry, and after commit the workspace's reminders are reconciled,
 * so a unit that no longer answers for a task loses its pending reminders for it and a new one gets
 * them, once (the delivery ledger). Reports already made stay with the task.
 */

export interface CorrectionChange {
  field: CorrectableField;
  before: string;
  after: string;
}

export interface CorrectionResult {
  kind: 'edit' | 'add' | 'remove' | 'restore';
  task: { seq: number; label: string; title: string };
  changes: CorrectionChange[];
  /** Units created on the spot from names not in the directory. */
  createdUnits: CreatedUnit[];
  /** Units (collectives expanded) answering for the task before and after. */
  unitsBefore: string[];
  unitsAfter: string[];
  /** No unit leads the task after the change: it asks nobody for reports. */
  leaderless: boolean;
  /** A restored task whose number was taken meanwhile gets this one. */
  renumberedFrom?: number;
  /** The queue was away: reminders are re-planned when it is back. */
  remindersDeferred?: boolean;
}

interface Actor {
  workspaceId: number;
  actorId: string;
}

export interface EditTaskInput extends Actor {
  seq: number;
  title: string | null;
  lead: string | null;
  supporting: string | null;
  deadline: string | null;
  sectionNo: number | null;
  /** The category of a unit created on the spot. */
  category: string | null;
}

export interface AddTaskInput extends Actor {
  sectionNo: number;
  no: number | null;
  title: string;
  lead: string;
  supporting: string | null;
  deadline: string | null;
  category: string | null;
}

const TITLE_MAX = 500;

function readTitle(typed: string): string {
  const title = typed.replace(/\s+/g, ' ').trim();
  if (!title) throw new UserError('empty_title', '任务标题不能为空。');
  if (title.length > TITLE_MAX) throw new UserError('title_too_long', `任务标题不能超过 ${TITLE_MAX} 个字。`);
  return title;
}

const OPEN_ENDED = /长期|持续|坚持|常态/;

/** A deadline as typed: a date, a phrase such as 6月底前 (read against the year), or an open-ended one such as 长期坚持. */
function readDeadline(typed: string, year: number): { deadlinePhrase: string | null; dueDate: string | null } {
  const phrase = typed.normalize('NFKC').trim();
  if (phrase === '' || phrase === '无') return { deadlinePhrase: null, dueDate: null };
  if (isLocalDate(phrase)) return { deadlinePhrase: phrase, dueDate: phrase };
  const dueDate = normalizeDeadline(phrase, year);
  if (dueDate === null && !OPEN_ENDED.test(phrase)) {
    throw new UserError('invalid_deadline', `无法识别完成时限“${typed}”。请填写日期(如 2026-06-30),或“6月底前”“长期坚持”这样的说法;填“无”表示不设时限。`);
  }
  return { deadlinePhrase: phrase.slice(0, 100), dueDate };
}

async function requireNotice(tx: Repositories, workspaceId: number, year: number) {
  const notice = await tx.notices.findCurrent(workspaceId, year);
  if (!notice) throw noNoticeError();
  return notice;
}

async function sectionIdOf(tx: Repositories, noticeId: number, no: number): Promise<{ id: number; no: number; title: string }> {
  const sections = await tx.notices.listSections(noticeId);
  const section = sections.find((s) => s.no === no);
  if (!section) {
    const known = sections.map((s) => s.no).join('、');
    throw new UserError('unknown_section', `工作要点中没有第 ${no} 部分${known ? `(现有:第 ${known} 部分)` : ''}。`);
  }
  return section;
}

const rowOf = (picked: PickedUnit, role: TaskRole): TaskUnitRow => ({
  unitId: picked.kind === 'unit' ? picked.id : null,
  collectiveId: picked.kind === 'collective' ? picked.id : null,
  role,
  position: 0,
  nameAsWritten: picked.name,
});

const sameTarget = (a: TaskUnitRow, b: TaskUnitRow) => (a.unitId !== null ? a.unitId === b.unitId : a.collectiveId === b.collectiveId);

/** The task's names after a correction: the new lead (or the old ones), then the new supporting list (or the old one), each name once, numbered again. */
function mergeUnitRows(current: readonly TaskUnitRow[], lead: TaskUnitRow | null, supporting: TaskUnitRow[] | null): TaskUnitRow[] {
  const leads = lead ? [lead] : current.filter((row) => row.role === 'lead');
  const supports = (supporting ?? current.filter((row) => row.role === 'support')).filter((row) => !leads.some((l) => sameTarget(l, row)));
  return [...leads, ...supports].map((row, index) => ({ ...row, position: index + 1 }));
}

const namesOf = (rows: readonly TaskUnitRow[], role: TaskRole) =>
  rows
    .filter((row) => row.role === role)
    .map((row) => row.nameAsWritten)
    .join('、');

/** The units answering for a task now, collectives expanded (lead first), and whether any leads. */
async function answering(tx: Repositories, workspaceId: number, year: number, taskId: number): Promise<{ names: string[]; led: boolean }> {
  const { task, units } = await loadTaskUnits(tx, workspaceId, year, taskId);
  return { names: units.map((unit) => unit.name), led: task ? hasLead(task) : false };
}

async function reconcileAfter<T extends CorrectionResult>(ctx: AppContext, workspaceId: number, result: T): Promise<T> {
  const queued = await queueAfterCommit(ctx, 'reconcile after a task correction', (s) => s.requestReconcile(workspaceId));
  return queued ? result : { ...result, remindersDeferred: true };
}

const taskRef = (task: Pick<TaskDetailRecord, 'seq' | 'label' | 'title'>) => ({ seq: task.seq, label: task.label, title: task.title });
const deadlineText = (task: { deadlinePhrase: string | null; dueDate: string | null }) => task.deadlinePhrase ?? task.dueDate ?? '无';

/** /task edit: corrects what the parser read (title, lead, supporting units, deadline, section); the corrected fields are remembered for re-imports. */
export async function editTask(ctx: AppContext, input: EditTaskInput): Promise<CorrectionResult> {
  if ([input.title, input.lead, input.supporting, input.deadline, input.sectionNo].every((v) => v === null)) {
    throw new UserError('nothing_to_edit', '请至少填写一项要修改的内容:标题、牵头单位、配合单位、完成时限或所属部分。');
  }
  const now = ctx.clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    const { task } = await requireTask(tx, input.workspaceId, input.seq, now);
    const before = await answering(tx, input.workspaceId, task.year, task.id);
    const changes: CorrectionChange[] = [];
    const correction: TaskCorrection = {};
    if (input.title !== null) {
      const title = readTitle(input.title);
      if (title !== task.title) {
        correction.title = title;
        changes.push({ field: 'title', before: task.title, after: title });
      }
    }
    if (input.deadline !== null) {
      const deadline = readDeadline(input.deadline, task.year);
      if (deadline.dueDate !== task.dueDate || deadline.deadlinePhrase !== task.deadlinePhrase) {
        Object.assign(correction, deadline);
        changes.push({ field: 'deadline', before: deadlineText(task), after: deadlineText(deadline) });
      }
    }
    if (input.sectionNo !== null) {
      const section = await sectionIdOf(tx, task.noticeId, input.sectionNo);
      if (section.no !== task.sectionNo) {
        correction.sectionId = section.id;
        changes.push({ field: 'section', before: task.sectionNo === null ? '无' : `第 ${task.sectionNo} 部分`, after: `第 ${section.no} 部分` });
      }
    }
    const names = [...(input.lead !== null ? [input.lead.trim()] : []), ...(input.supporting !== null ? splitUnitList(input.supporting) : [])];
    const { picked, created } = await pickUnits(tx, input.workspaceId, names, input.category);
    if (input.lead !== null || input.supporting !== null) {
      const current = await tx.tasks.listUnitRows(task.id);
      const lead = input.lead !== null ? rowOf(picked[0]!, 'lead') : null;
      const supporting = input.supporting !== null ? picked.slice(input.lead !== null ? 1 : 0).map((p) => rowOf(p, 'support')) : null;
      const rows = mergeUnitRows(current, lead, supporting);
      for (const field of ['lead', 'supporting'] as const) {
        const role = field === 'lead' ? 'lead' : 'support';
        const asked = field === 'lead' ? input.lead !== null : input.supporting !== null;
        if (asked && namesOf(current, role) !== namesOf(rows, role))
          changes.push({ field, before: namesOf(current, role) || '无', after: namesOf(rows, role) || '无' });
      }
      if (changes.some((c) => c.field === 'lead' || c.field === 'supporting')) await tx.notices.replaceTaskUnits(input.workspaceId, new Map([[task.id, rows]]));
    }
    if (changes.length === 0) throw new UserError('nothing_changed', `第 ${task.seq} 项任务已是所填写的内容,没有需要修改的地方。`);
    const correctedFields = [...new Set([...task.correctedFields, ...changes.map((c) => c.field)])];
    await tx.tasks.correct(task.id, correction, correctedFields, now);
    const after = await answering(tx, input.workspaceId, task.year, task.id);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'task.edit',
      subjectType: 'task',
      subjectId: task.id,
      details: { seq: task.seq, changes, createdUnits: created, unitsBefore: before.names, unitsAfter: after.names },
    });
    return {
      kind: 'edit' as const,
      task: taskRef({ ...task, title: correction.title ?? task.title }),
      changes,
      createdUnits: created,
      unitsBefore: before.names,
      unitsAfter: after.names,
      leaderless: !after.led,
    };
  });
  return reconcileAfter(ctx, input.workspaceId, result);
}

/**
 * /task add: a task the parser missed, in a section of the notice in force. It goes to the end of
 * the list (the next number), asks for reports from today on, as a task a revision adds would, and
 * is kept by later re-imports.
 */
export async function addTask(ctx: AppContext, input: AddTaskInput): Promise<CorrectionResult> {
  const title = readTitle(input.title);
  const now = ctx.clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    const workspace = await tx.workspaces.findById(input.workspaceId);
    if (!workspace) throw new UserError('no_workspace', `找不到本服务器的督办设置,请先运行 ${commandRef('setup')}。`);
    const today = toLocalDate(now, workspace.time_zone);
    const year = await resolveCycleYear(tx, workspace, now);
    if (year === null) throw noNoticeError();
    const notice = await requireNotice(tx, input.workspaceId, year);
    const section = await sectionIdOf(tx, notice.id, input.sectionNo);
    const siblings = (await tx.cycle.loadTasks(input.workspaceId, year)).filter((t) => t.sectionId === section.id);
    const no = input.no ?? Math.max(0, ...siblings.map((t) => t.no)) + 1;
    const clash = siblings.find((t) => t.no === no);
    if (clash)
      throw new UserError('task_no_taken', `第 ${section.no} 部分已有第 ${no} 条任务(第 ${clash.seq} 项)。请换一个编号,或留空“编号”由系统接在该部分末尾。`);
    const deadline = input.deadline !== null ? readDeadline(input.deadline, year) : { deadlinePhrase: null, dueDate: null };
    const supportingNames = input.supporting !== null ? splitUnitList(input.supporting) : [];
    const { picked, created } = await pickUnits(tx, input.workspaceId, [input.lead.trim(), ...supportingNames], input.category);
    const seq = await tx.tasks.nextSeq(input.workspaceId, year, notice.id);
    const label = taskLabelFor(no, siblings[0]?.label ?? null);
    const [taskId] = await tx.notices.insertTasks(
      input.workspaceId,
      year,
      notice.id,
      [
        {
          sectionId: section.id,
          seq,
          label,
          no,
          title,
          body: title,
          deadlinePhrase: deadline.deadlinePhrase,
          dueDate: deadline.dueDate,
          targets: [],
          leaderPerson: null,
        },
      ],
      today,
    );
    if (taskId === undefined) throw new Error('the added task has no id');
    const rows = mergeUnitRows(
      [],
      rowOf(picked[0]!, 'lead'),
      picked.slice(1).map((p) => rowOf(p, 'support')),
    );
    await tx.notices.replaceTaskUnits(input.workspaceId, new Map([[taskId, rows]]));
    await tx.tasks.correct(taskId, {}, [ADDED_BY_HAND], now);
    const after = await answering(tx, input.workspaceId, year, taskId);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'task.add',
      subjectType: 'task',
      subjectId: taskId,
      details: { seq, section: section.no, no, title, lead: namesOf(rows, 'lead'), supporting: namesOf(rows, 'support'), deadline, createdUnits: created },
    });
    return {
      kind: 'add' as const,
      task: { seq, label, title },
      changes: [],
      createdUnits: created,
      unitsBefore: [],
      unitsAfter: after.names,
      leaderless: !after.led,
    };
  });
  return reconcileAfter(ctx, input.workspaceId, result);
}

/** /task remove: retires a task (not a task, or a duplicate): it leaves reminders, /status, rankings, the digest and the report; its reports are kept and /task restore brings it back. */
export async function removeTask(ctx: AppContext, input: Actor & { seq: number; reason: string | null }): Promise<CorrectionResult> {
  const reason = input.reason?.trim() || null;
  const now = ctx.clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    const { task } = await requireTask(tx, input.workspaceId, input.seq, now);
    const before = await answering(tx, input.workspaceId, task.year, task.id);
    await tx.tasks.retire(task.id, { at: now, by: input.actorId, reason });
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'task.remove',
      subjectType: 'task',
      subjectId: task.id,
      details: { seq: task.seq, title: task.title, reason, units: before.names },
    });
    return { kind: 'remove' as const, task: taskRef(task), changes: [], createdUnits: [], unitsBefore: before.names, unitsAfter: [], leaderless: false };
  });
  return reconcileAfter(ctx, input.workspaceId, result);
}

/** /task restore: brings back a task retired with /task remove, under its number (or the next one, if a re-import gave that number away). */
export async function restoreTask(ctx: AppContext, input: Actor & { seq: number }): Promise<CorrectionResult> {
  const now = ctx.clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    const workspace = await tx.workspaces.findById(input.workspaceId);
    if (!workspace) throw new UserError('no_workspace', `找不到本服务器的督办设置,请先运行 ${commandRef('setup')}。`);
    const year = await resolveCycleYear(tx, workspace, now);
    if (year === null) throw noNoticeError();
    const notice = await requireNotice(tx, input.workspaceId, year);
    const task = await tx.tasks.findRetiredBySeq(input.workspaceId, notice.id, input.seq);
    if (!task || !task.retired) {
      const live = await tx.tasks.seqTaken(input.workspaceId, year, input.seq);
      throw new UserError(
        'nothing_to_restore',
        live
          ? `第 ${input.seq} 项任务没有被撤销,无需恢复。`
          : `${year} 年没有用 ${commandRef('task remove')} 撤销的第 ${input.seq} 项任务。可在 ${commandRef('audit')} 中查看撤销记录和编号。`,
      );
    }
    const taken = await tx.tasks.seqTaken(input.workspaceId, year, task.seq);
    const seq = taken ? await tx.tasks.nextSeq(input.workspaceId, year, notice.id) : task.seq;
    await tx.tasks.restore(task.id, seq, now);
    const after = await answering(tx, input.workspaceId, year, task.id);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'task.restore',
      subjectType: 'task',
      subjectId: task.id,
      details: { seq, previousSeq: task.seq, title: task.title, units: after.names },
    });
    return {
      kind: 'restore' as const,
      task: { ...taskRef(task), seq },
      changes: [],
      createdUnits: [],
      unitsBefore: [],
      unitsAfter: after.names,
      leaderless: !after.led,
      ...(taken ? { renumberedFrom: task.seq } : {}),
    };
  });
  return reconcileAfter(ctx, input.workspaceId, result);
}
