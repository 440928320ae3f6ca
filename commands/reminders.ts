import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { requireCoordinator, requireOverview } from '../src/app/access.js';
import { loadCalendarFile, MAX_CALENDAR_FILE_BYTES, readCalendarText } from '../src/app/calendar/load-calendar-file.js';
import { listFailedDeliveries, retryDelivery } from '../src/app/reminders/failed-deliveries.js';
import { loadReminderOverview } from '../src/app/reminders/reminder-overview.js';
import { updateReminderPlan } from '../src/app/reminders/reminder-settings.js';
import { zhName } from '../src/command-names.js';
import { defineCommand, onButton } from '../src/discord/command-kit.js';
import { remindersIds } from '../src/discord/custom-ids.js';
import { downloadAttachment } from '../src/discord/download-attachment.js';
import { describeCalendarLoaded, planUpdatedNote, renderFailedList, renderReminderOverview, retryQueuedNote } from '../src/discord/render/reminders-view.js';
import { withSilentTaskWarnings } from '../src/discord/render/silent-task-warnings.js';
import { findStoredTaskWarnings } from '../src/app/cycle/silent-task-warnings.js';
import { deferPrivately, noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

const workdays = <N extends string>(name: N, zh: string, description: string, zhDescription: string) =>
  ({
    type: ApplicationCommandOptionType.Integer,
    name,
    name_localizations: { 'zh-CN': zh },
    description,
    description_localizations: { 'zh-CN': zhDescription },
    min_value: 0,
    max_value: 30,
  }) as const;

export const definition = {
  name: 'reminders',
  name_localizations: zhName('reminders'),
  description: 'The reminder plan, failed deliveries and the holiday calendar',
  description_localizations: { 'zh-CN': '提醒计划、发送失败列表与节假日安排' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      name_localizations: { 'zh-CN': '查看' },
      description: 'Show the plan and when reminders go',
      description_localizations: { 'zh-CN': '查看提醒计划和本期提醒时间' },
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'set',
      name_localizations: { 'zh-CN': '设置' },
      description: 'Change the plan (0 workdays turns a stage off)',
      description_localizations: { 'zh-CN': '修改提醒计划(工作日数填 0 表示不提醒)' },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'time',
          name_localizations: { 'zh-CN': '时间' },
          description: 'Time of day, HH:MM',
          description_localizations: { 'zh-CN': '每天的提醒时间,如 09:00' },
          max_length: 5,
        },
        workdays('before_far', '提前较早', 'Workdays before the due date of the first reminder', '截止前第几个工作日首次提醒'),
        workdays('before_near', '提前较近', 'Workdays before the due date of the second reminder', '截止前第几个工作日再次提醒'),
        workdays('after', '逾期提醒', 'Workdays after the due date to remind the liaison', '逾期第几个工作日提醒联络员'),
        workdays('escalate', '升级', 'Workdays after the due date to escalate to coordinators', '逾期第几个工作日升级提醒督办人'),
        {
          type: ApplicationCommandOptionType.String,
          name: 'cadence',
          name_localizations: { 'zh-CN': '周期' },
          description: 'Reporting periods',
          description_localizations: { 'zh-CN': '报送周期' },
          choices: [
            { name: 'quarterly', name_localizations: { 'zh-CN': '按季度' }, value: 'quarterly' },
            { name: 'monthly', name_localizations: { 'zh-CN': '按月' }, value: 'monthly' },
          ],
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'due_day',
          name_localizations: { 'zh-CN': '截止日' },
          description: "Due day of the period's last month",
          description_localizations: { 'zh-CN': '每期最后一个月的第几日截止(默认 25)' },
          min_value: 1,
          max_value: 31,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'failed',
      name_localizations: { 'zh-CN': '失败列表' },
      description: 'Deliveries that failed, with retry',
      description_localizations: { 'zh-CN': '发送失败的提醒和通知,可重试' },
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'calendar',
      name_localizations: { 'zh-CN': '节假日' },
      description: "Load a year's holidays and make-up workdays",
      description_localizations: { 'zh-CN': '导入某年的节假日和调休安排(数据包未收录的年份)' },
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'file',
          name_localizations: { 'zh-CN': '文件' },
          description: 'One date a line ("2027-10-01~2027-10-07,放假") or JSON',
          description_localizations: { 'zh-CN': '每行一条(如“2027-10-01~2027-10-07,放假”“2027-10-09,调休上班”)或 JSON' },
          required: true,
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

async function overview(ctx: CommandContext, notice?: string) {
  const workspace = (await ctx.app.store.workspaces.findById(ctx.workspace.id)) ?? ctx.workspace;
  return renderReminderOverview(await loadReminderOverview(ctx.app, workspace), notice);
}

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

export const remindersCommand = defineCommand({
  definition,
  run: {
    async show(interaction, ctx) {
      requireOverview(ctx.access, 'reminders');
      await respondPrivately(interaction, withSilentTaskWarnings(await overview(ctx), await findStoredTaskWarnings(ctx.app, ctx.workspace)));
    },
    async set(interaction, ctx, o) {
      requireCoordinator(ctx.access);
      await updateReminderPlan(ctx.app, {
        workspaceId: ctx.workspace.id,
        actorId: interaction.user.id,
        changes: {
          time: o.time?.trim(),
          beforeFar: orUndefined(o.before_far),
          beforeNear: orUndefined(o.before_near),
          after: orUndefined(o.after),
          escalateAfter: orUndefined(o.escalate),
          cadence: orUndefined(o.cadence),
          dueDay: orUndefined(o.due_day),
        },
      });
      await respondPrivately(interaction, await overview(ctx, planUpdatedNote));
    },
    async failed(interaction, ctx) {
      requireCoordinator(ctx.access);
      await respondPrivately(interaction, renderFailedList(await listFailedDeliveries(ctx.app, ctx.workspace.id)));
    },
    async calendar(interaction, ctx, { file }) {
      requireCoordinator(ctx.access);
      await deferPrivately(interaction);
      const text = readCalendarText(file.name, await downloadAttachment(file, MAX_CALENDAR_FILE_BYTES));
      const loaded = await loadCalendarFile(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, text });
      await respondPrivately(interaction, await overview(ctx, describeCalendarLoaded(loaded)));
    },
  },
  components: {
    codec: remindersIds,
    handlers: {
      retry: onButton(async (interaction, ctx, [ref]) => {
        requireCoordinator(ctx.access);
        await retryDelivery(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, ref });
        await interaction.update({ ...renderFailedList(await listFailedDeliveries(ctx.app, ctx.workspace.id), retryQueuedNote), allowedMentions: noMentions });
      }),
    },
  },
});
