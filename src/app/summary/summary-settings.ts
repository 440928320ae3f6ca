import { commandRef } from '../../command-names.js';
import { z } from 'zod';
import { clockTimeSchema } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import type { Repositories } from '../../ports.js';
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

export async function readSummarySettings(store: Repositories, workspaceId: number, timeZone: string): Promise<SummarySettings> {
  const rows = await store.summaries.listSchedules(workspaceId);
  const of = (kind: 'weekly_digest' | 'quarterly_ranking') => rows.find((row) => row.kind === kind);
  const digest = of('weekly_digest');
  const ranking = of('quarterly_ranking');
  return {
    digest: {
      enabled: digest?.enabled ?? false,
      channelId: digest?.channelId ?? null,
      dmLeaders: digest?.dmLeaders ?? false,
      timeZone: digest?.timeZone ?? timeZone,
      options: readOptions(digestOptionsSchema, digest?.options),
    },
    ranking: {
      enabled: ranking?.enabled ?? false,
      channelId: ranking?.channelId ?? null,
      dmLeaders: ranking?.dmLeaders ?? false,
      timeZone: ranking?.timeZone ?? timeZone,
      options: readOptions(rankingOptionsSchema, ranking?.options),
    },
  };
}

export const updateSummaryInputSchema = z.object({
  workspaceId: z.number().int().positive(),
  actorId: z.string().min(1),
  digestEnabled: z.boolean().optional(),
  rankingEnabled: z.boolean().optional(),
  /** Applies to both schedules; null goes back to the summary channel. */
  channelId: z
    .string()
    .regex(/^\d{5,25}$/)
    .nullable()
    .optional(),
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
  return ctx.store.transaction(async (tx) => {
    const workspace = await tx.workspaces.findById(i.workspaceId);
    if (!workspace) throw new UserError('no_workspace', `找不到本服务器的督办设置,请先运行 ${commandRef('setup')}。`);
    // Lock the rows so two coordinators' edits do not interleave.
    await tx.summaries.lockSchedules(i.workspaceId);
    const settings = await readSummarySettings(tx, i.workspaceId, workspace.time_zone);
    const channelId = i.channelId === undefined ? undefined : i.channelId;
    const digest = {
      ...settings.digest,
      enabled: i.digestEnabled ?? settings.digest.enabled,
      dmLeaders: i.dmLeaders ?? settings.digest.dmLeaders,
      ...(channelId !== undefined ? { channelId } : {}),
    };
    const ranking = {
      ...settings.ranking,
      enabled: i.rankingEnabled ?? settings.ranking.enabled,
      dmLeaders: i.dmLeaders ?? settings.ranking.dmLeaders,
      ...(channelId !== undefined ? { channelId } : {}),
    };
    const digestOptions = { weekday: i.weekday ?? digest.options.weekday, time: i.time ?? digest.options.time };
    const rankingOptions = { graceWorkdays: i.graceWorkdays ?? ranking.options.graceWorkdays, time: i.rankingTime ?? ranking.options.time };
    if ((digest.enabled || ranking.enabled) && !(digest.channelId ?? workspace.summary_channel_id) && !digest.dmLeaders) {
      throw new UserError('summary_no_channel', `还没有领导频道:请在 ${commandRef('summary set')} 中指定频道,或先用 ${commandRef('setup')} 设置汇总频道。`);
    }
    const write = (
      kind: 'weekly_digest' | 'quarterly_ranking',
      s: { enabled: boolean; channelId: string | null; dmLeaders: boolean; timeZone: string },
      options: Record<string, unknown>,
      cron: string,
    ) =>
      tx.summaries.saveSchedule(i.workspaceId, {
        kind,
        enabled: s.enabled,
        channelId: s.channelId,
        dmLeaders: s.dmLeaders,
        timeZone: s.timeZone,
        options,
        cron,
        updatedBy: i.actorId,
        at: ctx.clock.now(),
      });
    const [hh, mm] = digestOptions.time.split(':');
    await write('weekly_digest', digest, digestOptions, `${Number(mm)} ${Number(hh)} * * ${digestOptions.weekday % 7}`);
    const [rh, rm] = rankingOptions.time.split(':');
    await write('quarterly_ranking', ranking, rankingOptions, `${Number(rm)} ${Number(rh)} * * *`);
    await tx.audit.record({
      workspaceId: i.workspaceId,
      actorId: i.actorId,
      action: 'summary.configure',
      subjectType: 'workspace',
      subjectId: i.workspaceId,
      details: { digest: { ...digest, options: digestOptions }, ranking: { ...ranking, options: rankingOptions } },
    });
    return readSummarySettings(tx, i.workspaceId, workspace.time_zone);
  });
}
