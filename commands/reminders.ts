import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { zhName } from '../src/command-names.js';
import { canSeeAllUnits, requireCoordinator } from '../src/app/access.js';
import { loadCalendarFile, MAX_CALENDAR_FILE_BYTES } from '../src/app/calendar/load-calendar-file.js';
import { listFailedDeliveries, retryDelivery } from '../src/app/reminders/failed-deliveries.js';
import { loadReminderOverview } from '../src/app/reminders/reminder-overview.js';
import { updateReminderPlan, type PlanChanges } from '../src/app/reminders/reminder-settings.js';
import { UserError } from '../src/errors.js';
import { readPlainText } from '../src/files/index.js';
import { downloadAttachment } from '../src/discord/download-attachment.js';
import { renderFailedList, renderReminderOverview } from '../src/discord/render/reminders-view.js';
import { withSilentTaskWarnings } from '../src/discord/render/silent-task-warnings.js';
import { findStoredTaskWarnings } from '../src/app/cycle/silent-task-warnings.js';
import { deferPrivately, noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext, SlashCommand } from '../src/discord/slash-command.js';

const workdays = (name: string, zh: string, description: string, zhDescription: string) =>
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

export const remindersCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'show') {
      if (!canSeeAllUnits(ctx.access)) throw new UserError('forbidden_reminders', '提醒计划仅限督办人和领导查看。');
      await respondPrivately(interaction, withSilentTaskWarnings(await overview(ctx), await findStoredTaskWarnings(ctx.app, ctx.workspace)));
      return;
    }
    requireCoordinator(ctx.access);
    if (sub === 'set') {
      const changes: PlanChanges = {};
      const time = interaction.options.getString('time');
      const integer = (name: string) => interaction.options.getInteger(name) ?? undefined;
      if (time) changes.time = time.trim();
      const set = {
        beforeFar: integer('before_far'),
        beforeNear: integer('before_near'),
        after: integer('after'),
        escalateAfter: integer('escalate'),
        dueDay: integer('due_day'),
      };
      for (const [key, value] of Object.entries(set)) if (value !== undefined) (changes as Record<string, number>)[key] = value;
      const cadence = interaction.options.getString('cadence');
      if (cadence === 'quarterly' || cadence === 'monthly') changes.cadence = cadence;
      if (Object.keys(changes).length === 0) throw new UserError('nothing_to_change', '请至少填写一项要修改的设置。');
      await updateReminderPlan(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, changes });
      await respondPrivately(interaction, await overview(ctx, '✅ 提醒计划已更新,尚未发出的提醒已按新计划调整。'));
    } else if (sub === 'failed') {
      await respondPrivately(interaction, renderFailedList(await listFailedDeliveries(ctx.app, ctx.workspace.id)));
    } else if (sub === 'calendar') {
      const file = interaction.options.getAttachment('file', true);
      await deferPrivately(interaction);
      // Notepad on a Chinese Windows saves GB18030; a picture or a program renamed .txt is no calendar.
      const text = readPlainText(await downloadAttachment(file, MAX_CALENDAR_FILE_BYTES));
      if (text === null)
        throw new UserError('calendar_not_text', `“${file.name}”不是文本文件。请上传每行一条日期的 .txt 文件(如“2027-10-01~2027-10-07,放假”)或 JSON 文件。`);
      const loaded = await loadCalendarFile(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, text });
      const note = `✅ 已${loaded.replaced ? '更新' : '导入'} ${loaded.year} 年节假日安排:放假 ${loaded.holidays} 天,调休上班 ${loaded.makeUpWorkdays} 天。${loaded.coverageBefore === 'weekends-only' ? `此前 ${loaded.year} 年没有节假日数据,提醒仅按周末推算,现已按导入的安排重新计算。` : '提醒日期已按新安排重新计算。'}`;
      await respondPrivately(interaction, await overview(ctx, note));
    }
  },
  async component(interaction, ctx, action, args) {
    requireCoordinator(ctx.access);
    if (action !== 'retry' || !interaction.isButton()) return;
    await retryDelivery(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, ref: args[0] ?? '' });
    await interaction.update({
      ...renderFailedList(await listFailedDeliveries(ctx.app, ctx.workspace.id), '✅ 已重新排入发送队列。'),
      allowedMentions: noMentions,
    });
  },
};
