import { commandRef } from '../../command-names.js';
import { splitProgressReply, type KnownTask } from '../../domain/calendar/index.js';
import { listDueReports } from '../../domain/cycle/index.js';
import type { ProgressStatus } from '../../domain/progress/index.js';
import { hasVisibleText } from '../../domain/visible-text.js';
import { UserError } from '../../errors.js';
import type { AnsweredReminder, Draft, TaskRecord } from '../../ports.js';
import type { AppContext } from '../context.js';
import { readReminderMarker } from '../reminders/delivery-ids.js';
import { loadProgressTarget, storeProgressIn, type EvidenceInput, type RecordedProgress } from './record-progress.js';

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

/**
 * The reminder a chat reply answers: by the message id its ledger row recorded, or, when the reply
 * came before the worker recorded the send, by the marker in the replied-to message's footer.
 */
export async function findReminderByMessage(ctx: AppContext, messageId: string, footer: string | null = null): Promise<AnsweredReminder | undefined> {
  return ctx.store.reminders.findAnswered({ messageId, marker: footer ? readReminderMarker(footer) : null });
}

/**
 * Whether a reply was written where only the unit reads: a DM, or a channel bound to the unit. Anywhere
 * else (the summary channel a DM-refusing liaison's reminder fell back to) is shared, and the bot keeps
 * the progress text out of what it posts there.
 */
export async function isUnitsOwnPlace(ctx: AppContext, reminder: Pick<AnsweredReminder, 'workspaceId' | 'unitId'>, channelId: string | null): Promise<boolean> {
  if (channelId === null) return true;
  const bindings = await ctx.store.units.listLiaisons(reminder.workspaceId, reminder.unitId);
  return bindings.some((b) => b.purpose === 'liaison' && b.target_kind === 'channel' && b.target_id === channelId);
}

/** A task as the liaison can name it in a reply. */
interface ReplyTask {
  taskId: number;
  seq: number;
  no: number;
  label: string;
  title: string;
}

/**
 * Numbers the liaison can use: each task's own number ("(五)", "5.") when those are unique among
 * the unit's tasks, else the running number shown as "第 N 项".
 */
export function knownTasksFor(tasks: readonly ReplyTask[]): KnownTask[] {
  const unique = new Map<number, ReplyTask>();
  for (const t of tasks) unique.set(t.taskId, t);
  const listed = [...unique.values()];
  const nosUnique = new Set(listed.map((t) => t.no)).size === listed.length;
  return listed.map((t) => ({ taskId: String(t.taskId), no: nosUnique ? t.no : t.seq, label: t.label }));
}

/**
 * A liaison's free-text reply to a reminder, split by task numbers into one report per task, kept as
 * a draft and shown back for confirmation before anything is stored. The tasks it can name are the
 * ones asking the unit for a report in the reminder's period (listDueReports), reported or not.
 */
export async function prepareProgressReply(
  ctx: AppContext,
  input: { reminder: AnsweredReminder; authorId: string; text: string; attachments: ReplyAttachment[] },
): Promise<{ draftId: string; draft: ProgressReplyDraft }> {
  const { reminder } = input;
  const period = await ctx.store.periods.find(reminder.workspaceId, reminder.periodId);
  if (!period) throw new UserError('unknown_period', `这条提醒所属的报送周期已被调整,请使用 ${commandRef('progress')} 填报。`);
  if (period.closed) throw new UserError('period_closed', `“${period.label}”报送周期已关闭,进展不能再修改;如需更正,请联系督办人。`);
  const periods = await ctx.store.periods.list(reminder.workspaceId, period.year);
  const [tasks, reports] = await Promise.all([
    ctx.store.cycle.loadTasks(reminder.workspaceId, period.year, { unitIds: [reminder.unitId] }),
    ctx.store.cycle.loadReports(reminder.workspaceId, { periodIds: [period.id], unitIds: [reminder.unitId] }),
  ]);
  const answering = listDueReports({ tasks, period, periods, reports })
    .filter((due) => !due.voluntary && due.task.state === 'open')
    .map((due) => due.task as TaskRecord);
  if (answering.length === 0) throw new UserError('nothing_owed', `“${reminder.unitName}”目前没有需要报送的任务。`);
  const replyTasks = answering.map((t) => ({ taskId: t.id, seq: t.seq, no: t.no, label: t.label, title: t.title }));
  const byId = new Map(replyTasks.map((t) => [String(t.taskId), t]));
  const split = splitProgressReply(input.text, knownTasksFor(replyTasks));
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
      `没能从回复中认出任务编号。请按提醒中的编号逐项填写,例如“${replyTasks[0]?.label ?? '(一)'}已完成……”,或点击提醒下方的“填报进展”按钮。`,
    );
  }
  const draft: ProgressReplyDraft = {
    workspaceId: reminder.workspaceId,
    unitId: reminder.unitId,
    unitName: reminder.unitName,
    periodId: period.id,
    periodLabel: period.label,
    items,
    leftovers: split.leftovers.map((l) => l.text),
    attachments: input.attachments,
    originalText: input.text,
  };
  const draftId = await ctx.store.drafts.save({
    workspaceId: reminder.workspaceId,
    kind: PROGRESS_REPLY_DRAFT,
    ownerId: input.authorId,
    payload: draft,
    now: ctx.clock.now(),
    ttlMs: DRAFT_TTL_MS,
  });
  return { draftId, draft };
}

const draftGone = () => new UserError('draft_expired', `这份确认已过期或已处理。如需报送,请重新回复提醒或使用 ${commandRef('progress')}。`);

export async function loadOwnReplyDraft(
  ctx: AppContext,
  input: { draftId: string; workspaceId?: number; userId: string },
): Promise<Draft & { payload: ProgressReplyDraft }> {
  const loaded = await ctx.store.drafts.load({
    id: input.draftId,
    ...(input.workspaceId !== undefined ? { workspaceId: input.workspaceId } : {}),
    kind: PROGRESS_REPLY_DRAFT,
    now: ctx.clock.now(),
  });
  if (!loaded) throw draftGone();
  if (loaded.ownerId !== input.userId) throw new UserError('draft_not_yours', '只有写这条回复的联络员本人可以确认或取消。');
  return { ...loaded, payload: loaded.payload as ProgressReplyDraft };
}

/** Stores every recognised part of a confirmed reply in one transaction: all of them or none. */
export async function confirmProgressReply(
  ctx: AppContext,
  input: { draftId: string; userId: string; evidence: readonly EvidenceInput[] },
): Promise<{ draft: ProgressReplyDraft; recorded: RecordedProgress[] }> {
  const loaded = await loadOwnReplyDraft(ctx, input);
  const draft = loaded.payload;
  const now = ctx.clock.now();
  const parts = draft.items.flatMap((item) =>
    item.taskId === null || !hasVisibleText(item.text)
      ? []
      : [
          {
            workspaceId: draft.workspaceId,
            unitId: draft.unitId,
            taskId: item.taskId,
            periodId: draft.periodId,
            actorId: input.userId,
            source: 'reply' as const,
            submission: { status: item.status, text: item.text, ...(item.percent !== null ? { percent: item.percent } : {}) },
            // Evidence sent with a reply supports every part of it, so each revision keeps its own copy.
            evidence: input.evidence,
          },
        ],
  );
  const targets = await Promise.all(parts.map((part) => loadProgressTarget(ctx.store, part)));
  const recorded = await ctx.store.transaction(async (tx) => {
    // The draft goes first: a second 确认保存 racing this one waits on its row, then finds it gone and stores nothing.
    if (!(await tx.drafts.delete(input.draftId))) throw draftGone();
    const results: RecordedProgress[] = [];
    for (const target of targets) results.push(await storeProgressIn(tx, now, target));
    return results;
  });
  return { draft, recorded };
}

export async function cancelProgressReply(ctx: AppContext, input: { draftId: string; userId: string }): Promise<ProgressReplyDraft> {
  const loaded = await loadOwnReplyDraft(ctx, input);
  await ctx.store.drafts.delete(input.draftId);
  return loaded.payload;
}
