import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { rankQuarter } from '../src/app/ranking/index.js';
import type { SummaryOccurrence } from '../src/app/summary/due-summaries.js';
import { loadDigest, weekBefore } from '../src/app/summary/load-digest.js';
import { postSummary } from '../src/app/summary/post-summary.js';
import { isOccurrenceSent, lastSentAt } from '../src/app/summary/summary-ledger.js';
import { buildRankingFiles, rankingFileBase, renderRankingEmbed } from '../src/discord/render/ranking-view.js';
import { renderDigestMessage } from '../src/discord/render/summary-digest.js';
import { defineJob, type JobDeps } from '../src/queue/job-types.js';

export const summaryOccurrenceSchema = z.object({
  workspaceId: z.number().int().positive(),
  kind: z.enum(['weekly_digest', 'quarterly_ranking']),
  key: z.string().regex(/^[\w.-]{1,60}$/),
  year: z.number().int().min(2000).max(2100).optional(),
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
});

/** Builds and posts one occurrence of a leaders' summary: the digest, or a quarter's ranking. */
export async function publishSummary(deps: JobDeps, occurrence: SummaryOccurrence): Promise<string> {
  const { app } = deps;
  if (await isOccurrenceSent(app.store, occurrence.workspaceId, occurrence.kind, occurrence.key)) return 'settled';
  if (occurrence.kind === 'weekly_digest') {
    const since = (await lastSentAt(app.store, occurrence.workspaceId, 'weekly_digest')) ?? weekBefore(app.clock.now());
    const view = await loadDigest(app, occurrence.workspaceId, since);
    if (!view) return 'no_period';
    const outcome = await postSummary(app, deps.sender, { ...occurrence, leaseMs: deps.leaseMs, render: (marker) => renderDigestMessage(view, marker) });
    return outcome.kind;
  }
  if (!occurrence.year || !occurrence.quarter) throw new UnrecoverableError(`ranking occurrence ${occurrence.key} without a quarter`);
  const report = await rankQuarter(app, {
    workspaceId: occurrence.workspaceId,
    year: occurrence.year,
    quarter: occurrence.quarter,
    save: { actorId: 'system' },
  });
  const files = await buildRankingFiles(report);
  const outcome = await postSummary(app, deps.sender, {
    ...occurrence,
    leaseMs: deps.leaseMs,
    render: (marker) => ({
      embeds: [
        renderRankingEmbed(report)
          .setImage(`attachment://${rankingFileBase(report)}.png`)
          .setFooter({ text: `季度排名自动发布 ${marker} · 各单位得分明细见所附 Excel` })
          .toJSON(),
      ],
      files,
      allowed_mentions: { parse: [] },
    }),
  });
  return outcome.kind;
}

/** One summary occurrence, e.g. a coordinator's /summary now. */
export const postSummaryJob = defineJob({
  name: 'post-summary',
  queue: 'maintenance',
  schema: summaryOccurrenceSchema,
  process: (deps, data) => publishSummary(deps, data),
});
