import { z } from 'zod';
import type { DbOrTx } from '../../db/database.js';
import { recordAudit } from '../../db/repositories/audit.repository.js';
import { clockTimeSchema } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';

const timeSchema = clockTimeSchema('时间应为 HH:MM,如 09:00');

/** schedules.options of a weekly_digest row: ISO weekday (1 = Monday) and local time. */
export const digestOptionsSchema = z.object({ weekday: z.number().int().min(1).max(7).default(5), time: timeSchema.default('16:00') });
/** schedules.options of a quarterly_ranking row: workdays after each quarter's due date, and local time. */
export const rankingOptionsSchema = z.object({ graceWorkdays: z.number().int().min(0).max(30).default(5), time: timeSchema.default('09:00') });

export interface SummarySchedule<O> {
  enabled: boolean;
  /** null: the workspace's summary channel. */
  channelId: string | null;
  dmLeaders: boolean;
  timeZone: string;
  options: O;
}

export interface SummarySettings {
  digest: SummarySchedule<z.infer<typeof digestOptionsSchema>>;
  ranking: SummarySchedule<z.infer<typeof rankingOptionsSchema>>;
}

export const weekdayLabels = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

function readOptions<S extends z.ZodType>(schema: S, stored: unknown): z.infer<S> {
  const parsed = schema.safeParse(stored ?? {});
  // A stored value that no longer validates falls back to the defaults rather than stopping the schedule.
  return parsed.success ? parsed.data : schema.parse({});
}

export async function readSummarySettings(db: DbOrTx, workspaceId: number, timeZone: string): Promise<SummarySettings> {
  const rows = await db.selectFrom('schedules').selectAll().where('workspace_id', '=', workspaceId).execute();
  const of = (kind: 'weekly_digest' | 'quarterly_ranking') => rows.find((row) => row.kind === kind);
  const digest = of('weekly_digest');
  const ranking = of('quarterly_ranking');
  return {
    digest: { enabled: digest?.enabled ?? false, channelId: digest?.channel_id ?? null, dmLeaders: digest?.dm_leaders ?? false, timeZone: digest?.time_zone ?? timeZone, options: readOptions(digestOptionsSchema, digest?.options) },
    ranking: { enabled: ranking?.enabled ?? false, channelId: ranking?.channel_id ?? null, dmLeaders: ranking?.dm_leaders ?? false, timeZone: ranking?.time_zone ?? timeZone, options: readOptions(rankingOptionsSchema, ranking?.options) },
  };
}

export const updateSummaryInputSchema = z.object({
  workspaceId: z.number().int().positive(),
  actorId: z.string().min(1),
  digestEnabled: z.boolean().optional(),
  rankingEnabled: z.boolean().optional(),
  /** Applies to both schedules; null goes back to the summary channel. */
  channelId: z.string().regex(/^\d{5,25}$/).nullable().optional(),
  dmLeaders: z.boolean().optional(),
  weekday: z.number().int().min(1).max(7).optional(),
  time: timeSchema.optional(),
  graceWorkdays: z.number().int().min(0).max(30).optional(),
  rankingTime: timeSchema.optional(),
});
export type UpdateSummaryInput = z.input<typeof updateSummaryInputSchema>;

/** Changes the leaders' summary schedules; both rows and the audit entry in one transaction. */
export async function updateSummarySettings(ctx: AppContext, input: UpdateSummaryInput): Promise<SummarySettings> {
  const parsed = updateSummaryInputSchema.safeParse(input);
  if (!parsed.success) throw new UserError('invalid_summary_settings', `设置有误:${parsed.error.issues[0]?.message ?? '格式不正确'}。`);
  const i = parsed.data;
  const { workspaceId: _workspaceId, actorId: _actorId, ...changes } = i;
  if (Object.values(changes).every((value) => value === undefined)) throw new UserError('nothing_to_change', '请至少填写一项要修改的设置。');
  const workspace = await ctx.db.selectFrom('workspaces').select(['time_zone', 'summary_channel_id']).where('id', '=', i.workspaceId).executeTakeFirstOrThrow();
  return ctx.db.transaction().execute(async (trx) => {
    // Lock the rows so two coordinators' edits do not interleave.
    await trx.selectFrom('schedules').select('id').where('workspace_id', '=', i.workspaceId).forUpdate().execute();
    const settings = await readSummarySettings(trx, i.workspaceId, workspace.time_zone);
    const channelId = i.channelId === undefined ? undefined : i.channelId;
    const digest = { ...settings.digest, enabled: i.digestEnabled ?? settings.digest.enabled, dmLeaders: i.dmLeaders ?? settings.digest.dmLeaders, ...(channelId !== undefined ? { channelId } : {}) };
    const ranking = { ...settings.ranking, enabled: i.rankingEnabled ?? settings.ranking.enabled, dmLeaders: i.dmLeaders ?? settings.ranking.dmLeaders, ...(channelId !== undefined ? { channelId } : {}) };
    const digestOptions = { weekday: i.weekday ?? digest.options.weekday, time: i.time ?? digest.options.time };
    const rankingOptions = { graceWorkdays: i.graceWorkdays ?? ranking.options.graceWorkdays, time: i.rankingTime ?? ranking.options.time };
    if ((digest.enabled || ranking.enabled) && !(digest.channelId ?? workspace.summary_channel_id) && !digest.dmLeaders) {
      throw new UserError('summary_no_channel', '还没有领导频道:请在 /summary set 中指定频道,或先用 /setup 设置汇总频道。');
    }
    const write = async (kind: 'weekly_digest' | 'quarterly_ranking', s: { enabled: boolean; channelId: string | null; dmLeaders: boolean; timeZone: string }, options: Record<string, unknown>, cron: string) => {
      const values = { enabled: s.enabled, channel_id: s.channelId, dm_leaders: s.dmLeaders, time_zone: s.timeZone, cron, options: JSON.stringify(options), updated_by: i.actorId, updated_at: new Date() };
      await trx
        .insertInto('schedules')
        .values({ workspace_id: i.workspaceId, kind, ...values })
        .onConflict((oc) => oc.columns(['workspace_id', 'kind']).doUpdateSet(values))
        .execute();
    };
    const [hh, mm] = digestOptions.time.split(':');
    await write('weekly_digest', digest, digestOptions, `${Number(mm)} ${Number(hh)} * * ${digestOptions.weekday % 7}`);
    const [rh, rm] = rankingOptions.time.split(':');
    await write('quarterly_ranking', ranking, rankingOptions, `${Number(rm)} ${Number(rh)} * * *`);
    await recordAudit(trx, { workspaceId: i.workspaceId, actorId: i.actorId, action: 'summary.configure', subjectType: 'workspace', subjectId: i.workspaceId, details: { digest: { ...digest, options: digestOptions }, ranking: { ...ranking, options: rankingOptions } } });
    return readSummarySettings(trx, i.workspaceId, workspace.time_zone);
  });
}
