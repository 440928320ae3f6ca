import type { Db } from '../../src/db/database.js';
import { addDays, formatLocalDate, toLocalDate } from '../../src/domain/calendar/index.js';
import { BENCH_TIME_ZONE, type CountyWorld } from './reminder-stack.js';

export type BenchBinding = { kind: 'channel' | 'user'; id: string };

export interface SeededReminders {
  workspaceId: number;
  /** In the order of `units`. */
  unitIds: number[];
  /** Task ids by their number (seq 1, 2, …). */
  taskIds: number[];
}

const taskTitles = ['深入学习贯彻习近平法治思想', '推进严格规范公正文明执法', '加强行政复议和应诉工作'];
const chineseNumbers = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A workspace whose every unit leads `tasks` tasks through one collective name (各镇政府(街道办事处)),
 * each unit bound as `units` says (the first user binding receives the DM), and a one-stage plan due
 * today at this minute: a reconcile puts every unit's reminder on the queue at once.
 */
export async function seedReminderWorkspace(
  db: Db,
  input: { guildId: string; name: string; coordinatorRoleId: string; summaryChannelId: string; tasks: number; units: readonly (readonly BenchBinding[])[] },
): Promise<SeededReminders> {
  const now = new Date();
  const today = toLocalDate(now, BENCH_TIME_ZONE);
  const year = Number(today.slice(0, 4));
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: BENCH_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  const workspace = await db
    .insertInto('workspaces')
    .values({
      guild_id: input.guildId,
      name: input.name,
      coordinator_role_id: input.coordinatorRoleId,
      summary_channel_id: input.summaryChannelId,
      reminder_plan: JSON.stringify({ stages: [{ stage: 'due', offsetWorkdays: 0, audience: 'liaison' }], time, timeZone: BENCH_TIME_ZONE }),
      reporting_cadence: JSON.stringify({
        cadence: 'custom',
        custom: [{ key: 'BENCH', label: '压测周期', start: addDays(today, -30), end: today, dueDate: today }],
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Today is a workday whatever the date, so the due-date stage falls on it.
  await db
    .insertInto('holiday_calendars')
    .values({ workspace_id: workspace.id, year, holidays: '[]', make_up_workdays: JSON.stringify([today]), loaded_by: 'bench' })
    .execute();
  const notice = await db
    .insertInto('notices')
    .values({
      workspace_id: workspace.id,
      year,
      version: 1,
      title: `${year}年工作要点`,
      source_kind: 'text',
      source_text: '压测',
      parsed: '{}',
      imported_by: 'bench',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const collective = await db
    .insertInto('collective_names')
    .values({ workspace_id: workspace.id, name: '各镇政府（街道办事处）' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const taskIds: number[] = [];
  for (let seq = 1; seq <= input.tasks; seq += 1) {
    const task = await db
      .insertInto('tasks')
      .values({
        workspace_id: workspace.id,
        year,
        notice_id: notice.id,
        seq,
        label: `（${chineseNumbers[seq - 1] ?? seq}）`,
        no: seq,
        title: taskTitles[(seq - 1) % taskTitles.length] ?? '压测任务',
        body: '年内开展集中学习4次以上。',
        due_date: formatLocalDate(year, 12, 31),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    taskIds.push(task.id);
    await db
      .insertInto('task_units')
      .values({
        workspace_id: workspace.id,
        task_id: task.id,
        collective_id: collective.id,
        role: 'lead',
        position: 1,
        name_as_written: '各镇政府（街道办事处）',
      })
      .execute();
  }
  const unitIds: number[] = [];
  for (let i = 0; i < input.units.length; i += 500) {
    const chunk = input.units.slice(i, i + 500);
    const units = await db
      .insertInto('units')
      .values(chunk.map((_, j) => ({ workspace_id: workspace.id, name: `第${i + j + 1}镇`, category: 'township' as const })))
      .returning('id')
      .execute();
    unitIds.push(...units.map((u) => u.id));
    await db
      .insertInto('collective_members')
      .values(units.map((u) => ({ workspace_id: workspace.id, collective_id: collective.id, unit_id: u.id })))
      .execute();
    // Bindings in order, so a unit's first user binding is the one its reminders go to.
    await db
      .insertInto('liaisons')
      .values(
        units.flatMap((u, j) =>
          (chunk[j] ?? []).map((binding) => ({
            workspace_id: workspace.id,
            unit_id: u.id,
            target_kind: binding.kind,
            target_id: binding.id,
            purpose: 'liaison' as const,
            created_by: 'bench',
          })),
        ),
      )
      .execute();
  }
  return { workspaceId: workspace.id, unitIds, taskIds };
}

/** The county of createCountyWorld as a workspace: one task, every unit bound to its channel. */
export function seedCountyWorld(db: Db, world: CountyWorld): Promise<SeededReminders> {
  return seedReminderWorkspace(db, {
    guildId: world.guild.id,
    name: world.guild.name,
    coordinatorRoleId: world.coordinatorsRole.id,
    summaryChannelId: world.summary.id,
    tasks: 1,
    units: world.unitChannels.map((id) => [{ kind: 'channel', id }]),
  });
}
