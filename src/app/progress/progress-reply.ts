import { deleteDraft, loadDraft, saveDraft } from '../../db/repositories/draft.repository.js';
import type { ProgressStatus } from '../../db/tables/index.js';
import { splitProgressReply, type KnownTask } from '../../domain/calendar/index.js';
import { hasVisibleText } from '../../domain/visible-text.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { loadUnitAssignments, type UnitAssignment } from '../reminders/waiting-tasks.js';
import { recordProgressIn, type EvidenceInput, type RecordedProgress } from './record-progress.js';
import { readReminderMarker } from '../reminders/delivery-ids.js';

export const PROGRESS_REPLY_DRAFT = 'progress_reply';
/** A confirmation waits an hour; the liaison's text is in the message they wrote, so nothing is lost. */
const DRAFT_TTL_MS = 60 * 60 * 1000;

export interface ReplyDraftItem {
  taskId: number | null;
  seq: number | null;
  label: string;
  title: string;
  marker: string;
  text: string;
  status: ProgressStatus;
  /** The status was not in the text: 推进中 is assumed and the confirmation says so. */
  statusAssumed: boolean;
  percent: number | null;
  issue: 'unknown_task' | 'ambiguous_task' | null;
}

export interface ReplyAttachment {
  url: string;
  filename: string;
  contentType: string | null;
  size: number;
}

export interface ProgressReplyDraft {
  workspaceId: number;
  unitId: number;
  unitName: string;
  periodId: number;
  periodLabel: string;
  items: ReplyDraftItem[];
  leftovers: string[];
  attachments: ReplyAttachment[];
  originalText: string;
}

/** The reminder a message replies to, as the ledger knows it. */
/**
 * The reminder a chat reply answers: by the message id its ledger row recorded, or, when the reply
 * came before the worker recorded the send, by the marker in the replied-to message's footer.
 */
export async function findReminderByMessage(ctx: AppContext, messageId: string, footer: string | null = null) {
  const marker = footer ? readReminderMarker(footer) : null;
  return ctx.db
    .selectFrom('reminder_deliveries')
    .innerJoin('units', 'units.id', 'reminder_deliveries.unit_id')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'reminder_deliveries.period_id')
    .innerJoin('workspaces', 'workspaces.id', 'reminder_deliveries.workspace_id')
    .select([
      'reminder_deliveries.id',
      'reminder_deliveries.workspace_id',
      'reminder_deliveries.unit_id',
      'reminder_deliveries.period_id',
      'reminder_deliveries.audience',
      'units.name as unit_name',
      'reporting_periods.label as period_label',
      'reporting_periods.year',
      'reporting_periods.closed_at',
      'workspaces.guild_id',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('reminder_deliveries.message_id', '=', messageId), eb('reminder_deliveries.status', '=', 'sent')]),
        ...(marker
          ? [
              eb.and([
                eb('reminder_deliveries.id', '=', marker.id),
                eb('reminder_deliveries.nonce', 'like', `${marker.noncePrefix}%`),
                eb('reminder_deliveries.status', 'in', ['sending', 'sent']),
              ]),
            ]
          : []),
      ]),
    )
    .executeTakeFirst();
}

/**
 * Numbers the liaison can use: each task's own number ("(五)", "5.") when those are unique among
 * the unit's tasks, else the running number shown as "第 N 项".
 */
export function knownTasksFor(assignments: readonly UnitAssignment[]): KnownTask[] {
  const unique = new Map<number, UnitAssignment>();
  for (const a of assignments) unique.set(a.taskId, a);
  const tasks = [...unique.values()];
  const nosUnique = new Set(tasks.map((t) => t.no)).size === tasks.length;
  return tasks.map((t) => ({ taskId: String(t.taskId), no: nosUnique ? t.no : t.seq, label: t.label }));
}

/**
 * A liaison's free-text reply to a reminder, split by task numbers into one report per task, kept as
 * a draft and shown back for confirmation before anything is stored.
 */
export async function prepareProgressReply(
  ctx: AppContext,
  input: {
    reminder: NonNullable<Awaited<ReturnType<typeof findReminderByMessage>>>;
    authorId: string;
    text: string;
    attachments: ReplyAttachment[];
  },
): Promise<{ draftId: string; draft: ProgressReplyDraft }> {
  const { reminder } = input;
  if (reminder.closed_at !== null) throw new UserError('period_closed', `“${reminder.period_label}”报送周期已关闭,进展不能再修改;如需更正,请联系督办人。`);
  const assignments = (await loadUnitAssignments(ctx.db, reminder.workspace_id, reminder.year, [reminder.unit_id])).get(reminder.unit_id) ?? [];
  if (assignments.length === 0) throw new UserError('nothing_owed', `“${reminder.unit_name}”目前没有需要报送的任务。`);
  const byId = new Map(assignments.map((a) => [String(a.taskId), a]));
  const split = splitProgressReply(input.text, knownTasksFor(assignments));
  const items: ReplyDraftItem[] = split.items.map((item) => {
    const task = item.taskId ? byId.get(item.taskId) : undefined;
    return {
      taskId: task?.taskId ?? null,
      seq: task?.seq ?? null,
      label: task?.label ?? item.marker,
      title: task?.title ?? '',
      marker: item.marker,
      text: item.text,
      status: item.statusGuess ?? 'in_progress',
      statusAssumed: item.statusGuess === null,
      percent: item.percent === null ? null : item.statusGuess === 'done' ? 100 : item.statusGuess === 'not_started' ? 0 : item.percent,
      issue: item.issue,
    };
  });
  if (!items.some((i) => i.taskId !== null && hasVisibleText(i.text))) {
    throw new UserError(
      'reply_unsplit',
      `没能从回复中认出任务编号。请按提醒中的编号逐项填写,例如“${assignments[0]?.label ?? '(一)'}已完成……”,或点击提醒下方的“填报进展”按钮。`,
    );
  }
  const draft: ProgressReplyDraft = {
    workspaceId: reminder.workspace_id,
    unitId: reminder.unit_id,
    unitName: reminder.unit_name,
    periodId: reminder.period_id,
    periodLabel: reminder.period_label,
    items,
    leftovers: split.leftovers.map((l) => l.text),
    attachments: input.attachments,
    originalText: input.text,
  };
  const draftId = await saveDraft(ctx.db, { workspaceId: reminder.workspace_id, kind: PROGRESS_REPLY_DRAFT, ownerId: input.authorId, payload: draft, now: ctx.clock.now(), ttlMs: DRAFT_TTL_MS });
  return { draftId, draft };
}

export async function loadOwnReplyDraft(ctx: AppContext, input: { draftId: string; workspaceId?: number; userId: string }) {
  const draft = await ctx.db
    .selectFrom('drafts')
    .select(['workspace_id'])
    .where('id', '=', input.draftId)
    .where('kind', '=', PROGRESS_REPLY_DRAFT)
    .executeTakeFirst();
  const loaded = draft && (await loadDraft<ProgressReplyDraft>(ctx.db, { id: input.draftId, workspaceId: draft.workspace_id, kind: PROGRESS_REPLY_DRAFT, now: ctx.clock.now() }));
  if (!loaded) throw new UserError('draft_expired', '这份确认已过期或已处理。如需报送,请重新回复提醒或使用 /progress。');
  if (loaded.ownerId !== input.userId) throw new UserError('draft_not_yours', '只有写这条回复的联络员本人可以确认或取消。');
  return loaded;
}

/** Stores every recognised part of a confirmed reply in one transaction: all of them or none. */
export async function confirmProgressReply(
  ctx: AppContext,
  input: { draftId: string; userId: string; evidence: readonly EvidenceInput[] },
): Promise<{ draft: ProgressReplyDraft; recorded: RecordedProgress[] }> {
  const loaded = await loadOwnReplyDraft(ctx, input);
  const draft = loaded.payload;
  const now = ctx.clock.now();
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    const results: RecordedProgress[] = [];
    for (const item of draft.items) {
      if (item.taskId === null || !hasVisibleText(item.text)) continue;
      results.push(
        await recordProgressIn(trx, now, {
          workspaceId: draft.workspaceId,
          unitId: draft.unitId,
          taskId: item.taskId,
          periodId: draft.periodId,
          actorId: input.userId,
          source: 'reply',
          submission: { status: item.status, text: item.text, ...(item.percent !== null ? { percent: item.percent } : {}) },
          // Evidence sent with a reply supports every part of it, so each revision keeps its own copy.
          evidence: input.evidence,
        }),
      );
    }
    await deleteDraft(trx, input.draftId);
    return results;
  });
  return { draft, recorded };
}

export async function cancelProgressReply(ctx: AppContext, input: { draftId: string; userId: string }): Promise<ProgressReplyDraft> {
  const loaded = await loadOwnReplyDraft(ctx, input);
  await deleteDraft(ctx.db, input.draftId);
  return loaded.payload;
}
