import type { ScheduleKind } from '../../db/tables/index.js';
import { SendFailure, type MessageSender, type SendTarget } from '../../ports.js';
import type { AppContext } from '../context.js';
import { claimOccurrence, releasedEntry, SummaryLeaseLostError, updateOccurrence } from './summary-ledger.js';

/** Thrown while another worker holds the occurrence: the job retries later. */
export class SummaryBusyError extends Error {
  constructor(key: string) {
    super(`summary ${key} is being posted by another worker`);
    this.name = 'SummaryBusyError';
  }
}

/** Where a summary goes: the leaders' channel, and each leader's DMs when asked for. */
export async function resolveSummaryTargets(ctx: AppContext, workspaceId: number, kind: ScheduleKind): Promise<SendTarget[]> {
  const [workspace, schedules] = await Promise.all([ctx.store.workspaces.findById(workspaceId), ctx.store.summaries.listSchedules(workspaceId)]);
  const schedule = schedules.find((s) => s.kind === kind);
  const channelId = schedule?.channelId ?? workspace?.summary_channel_id ?? null;
  const targets: SendTarget[] = channelId ? [{ kind: 'channel', channelId }] : [];
  if (schedule?.dmLeaders) {
    // Leaders are the people bound to a unit as its leader (/unit bind … leader) and those who asked (/summary dm).
    for (const userId of await ctx.store.summaries.listLeaderRecipients(workspaceId)) targets.push({ kind: 'dm', userId });
  }
  return targets;
}

const targetKey = (target: SendTarget) => (target.kind === 'channel' ? `channel:${target.channelId}` : `dm:${target.userId}`);

export type PostOutcome = { kind: 'sent'; messages: number; failed: string[] } | { kind: 'settled' } | { kind: 'no_target' };

/**
 * Posts one occurrence of a summary to every target exactly once (see summary-ledger.ts). A target
 * that refuses for good (a leader who blocks DMs) is noted and skipped; a transient failure retries.
 */
export async function postSummary(
  ctx: AppContext,
  sender: MessageSender,
  input: { workspaceId: number; kind: ScheduleKind; key: string; leaseMs: number; render: (marker: string) => unknown },
): Promise<PostOutcome> {
  const targets = await resolveSummaryTargets(ctx, input.workspaceId, input.kind);
  if (targets.length === 0) return { kind: 'no_target' };
  const claim = await claimOccurrence(ctx.store, input.workspaceId, input.kind, input.key, input.leaseMs);
  if (claim.kind === 'busy') throw new SummaryBusyError(input.key);
  if (claim.kind === 'settled') return { kind: 'settled' };
  let entry = claim.entry;
  const marker = `S${input.workspaceId}·${input.key}`;
  const failed: string[] = [];
  try {
    for (const [index, target] of targets.entries()) {
      const key = targetKey(target);
      if (entry.sent[key]) continue;
      const found = entry.attempts > 1 ? await sender.findMarked(target, marker, new Date(entry.firstClaimedAt.getTime() - 60_000)) : null;
      try {
        const sent =
          found ??
          (await sender.send(
            target,
            { nonce: `${entry.nonce}${index}`.slice(0, 25), marker, render: () => input.render(marker) },
            { lane: 'bulk', fallback: null },
          ));
        entry = { ...entry, sent: { ...entry.sent, [key]: sent.messageId } };
      } catch (error) {
        if (!(error instanceof SendFailure) || !error.permanent) throw error;
        failed.push(`${key}: ${error.message}`);
        entry = { ...entry, sent: { ...entry.sent, [key]: 'failed' } };
      }
      await updateOccurrence(ctx.store, input.workspaceId, input.kind, input.key, entry);
    }
  } catch (error) {
    // Another worker holds the occurrence now: leave its row alone.
    if (error instanceof SummaryLeaseLostError) throw error;
    await updateOccurrence(ctx.store, input.workspaceId, input.kind, input.key, releasedEntry(entry));
    throw error;
  }
  await updateOccurrence(ctx.store, input.workspaceId, input.kind, input.key, { ...entry, status: 'sent', sentAt: ctx.clock.now() });
  if (failed.length > 0) ctx.logger.warn({ workspaceId: input.workspaceId, key: input.key, failed }, 'summary not delivered to some targets');
  return { kind: 'sent', messages: Object.values(entry.sent).filter((id) => id !== 'failed').length, failed };
}
