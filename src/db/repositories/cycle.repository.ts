import { sql } from 'kysely';
import type { Listing, ReportState, TaskRole } from '../../domain/cycle/index.js';
import { progressStatuses, type ProgressStatus } from '../../domain/progress/index.js';
import { reportRatings } from '../../domain/ranking/index.js';
import type { CycleStore, TaskRecord, TaskUnitName } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { LocalDate } from '../tables/common.js';
import type { RepositoryOf } from './bind.js';

/*
 * pg parses every column of every row in JavaScript; for the ~20,000 listings or reports of a large
 * workspace that costs more than the query. Where rows are many, Postgres builds one JSON value
 * instead, read with the native JSON.parse: several times faster, same data. It is built column by
 * column (json_agg of a plain column is cheap), not as an array per row (json_build_array for every
 * row costs Postgres more than the scan).
 */
/** A task's units as the notice lists them: a unit, or a collective name standing for its members. */
type ListingColumns = [taskIds: number[], roles: TaskRole[], positions: number[], unitIds: (number | null)[], collectiveIds: (number | null)[]];
/** The workspace's active units, and the active members of its collective names. */
type MemberColumns = [activeUnitIds: number[], collectiveIds: number[], memberIds: number[]];

/*
 * A quarter's reports are the most rows a view reads (17,000 in a large workspace). Postgres packs each
 * into a fixed-size binary record (task, unit, [period,] codes, submission time), all of them into one
 * bytea read with a DataView: about half the Postgres time of json_agg per column, and no JSON to parse.
 * Status, rating, percent and the flags share one integer; status and rating go as their first letter's
 * code (ascii(), no collation at work), which tells each value apart. The submission time goes as
 * Postgres's own binary timestamp (microseconds since 2000), which costs less than converting it to
 * epoch seconds. The bytea travels as base64 rather than the hex text pg asks for: a third less to send
 * and decode (11.3 → 8.2 ms a quarter, measured). Text stays JSON (rarely read).
 */
const reportCodes = sql<number>`ascii(status) | (coalesce(ascii(rating), 0) << 7) | (coalesce(percent + 1, 0) << 14)
  | (late::int << 21) | (perfunctory::int << 22) | ((sent_back_at is not null)::int << 23)`;

function byFirstLetter<T extends string>(values: readonly T[]): (T | undefined)[] {
  const table: (T | undefined)[] = new Array<T | undefined>(128).fill(undefined);
  for (const value of values) {
    const code = value.charCodeAt(0);
    if (table[code] !== undefined) throw new Error(`Two values start with ${value[0]}: reportCodes cannot tell them apart`);
    table[code] = value;
  }
  return table;
}
/** 2000-01-01T00:00:00Z, where Postgres's binary timestamps count from. */
const postgresEpochMs = Date.UTC(2000, 0, 1);
const statusByCode = byFirstLetter(progressStatuses);
const ratingByCode = byFirstLetter(reportRatings);

async function listNoticeYears(db: DbOrTx, workspaceId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notices')
    .select('year')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('is_current', '=', true)
    .orderBy('year')
    .execute();
  return rows.map((row) => row.year);
}

/**
 * Each task's listings with every collective name replaced by its members: one per unit named or reached,
 * active units only (an inactive unit answers for nothing), and only `unitIds` when given. Expanded here
 * rather than joined in SQL, where a collective of 400 departments on a task makes 400 rows to send.
 */
function expandListings(columns: ListingColumns | null, members: MemberColumns, unitIds: readonly number[] | null): Map<number, Listing[]> {
  const listings = new Map<number, Listing[]>();
  if (!columns) return listings;
  const [activeUnitIds, collectiveIds, memberIds] = members;
  const active = new Set(activeUnitIds);
  const wanted = unitIds === null ? null : new Set(unitIds);
  const membersOf = new Map<number, number[]>();
  for (let i = 0; i < collectiveIds.length; i += 1) {
    const collectiveId = collectiveIds[i] as number;
    const list = membersOf.get(collectiveId);
    if (list) list.push(memberIds[i] as number);
    else membersOf.set(collectiveId, [memberIds[i] as number]);
  }
  const [taskIds, roles, positions, listedUnitIds, listedCollectiveIds] = columns;
  const take = (id: number) => active.has(id) && (wanted === null || wanted.has(id));
  // A collective listed in the same place and role on many tasks reaches the same members the same way: its
  // listings are made once and shared (they are read-only), not 400 new ones for every task naming 区政府各部门.
  const reached = new Map<string, Listing[]>();
  const reachedThrough = (collectiveId: number, role: TaskRole, position: number): Listing[] => {
    const key = `${collectiveId}:${role}:${position}`;
    let made = reached.get(key);
    if (!made) {
      made = [];
      for (const id of membersOf.get(collectiveId) ?? []) if (take(id)) made.push({ unitId: id, role, direct: false, position });
      reached.set(key, made);
    }
    return made;
  };
  for (let i = 0; i < taskIds.length; i += 1) {
    const taskId = taskIds[i] as number;
    const role = roles[i] as TaskRole;
    const position = positions[i] as number;
    const unitId = listedUnitIds[i] ?? null;
    let list = listings.get(taskId);
    if (!list) {
      list = [];
      listings.set(taskId, list);
    }
    if (unitId !== null) {
      if (take(unitId)) list.push({ unitId, role, direct: true, position });
      continue;
    }
    for (const listing of reachedThrough(listedCollectiveIds[i] ?? 0, role, position)) list.push(listing);
  }
  // A task whose units are all inactive (or not wanted) has no listings, as if none were read.
  for (const [taskId, list] of listings) if (list.length === 0) listings.delete(taskId);
  return listings;
}

async function loadTasks(
  db: DbOrTx,
  workspaceId: number,
  year: number,
  options: { taskIds?: readonly number[]; unitIds?: readonly number[] } = {},
): Promise<TaskRecord[]> {
  const taskIds = options.taskIds ? [...options.taskIds] : null;
  const unitIds = options.unitIds ? [...options.unitIds] : null;
  if (taskIds?.length === 0 || unitIds?.length === 0) return [];
  const [taskRows, listingRows, memberRows] = await Promise.all([
    db
      .selectFrom('tasks')
      .innerJoin('workspaces', 'workspaces.id', 'tasks.workspace_id')
      .leftJoin('sections', 'sections.id', 'tasks.section_id')
      .select([
        'tasks.id',
        'tasks.seq',
        'tasks.no',
        'tasks.label',
        'tasks.title',
        'tasks.section_id',
        'sections.no as section_no',
        'sections.title as section_title',
        'tasks.state',
        'tasks.deadline_phrase',
        'tasks.due_date',
        'tasks.extended_due_date',
        'tasks.in_force_from',
        sql<LocalDate | null>`to_char(tasks.closed_at at time zone workspaces.time_zone, 'YYYY-MM-DD')`.as('closed_on'),
        // Whether any active unit leads it, over all its listings even when only some units' are loaded.
        sql<boolean>`exists (
          select 1 from task_units lu
            left join collective_members lm on lm.collective_id = lu.collective_id
            join units lun on lun.id = coalesce(lu.unit_id, lm.unit_id)
           where lu.task_id = tasks.id and lu.role = 'lead' and lun.active)`.as('led'),
      ])
      .where('tasks.workspace_id', '=', workspaceId)
      .where('tasks.year', '=', year)
      .where('tasks.retired_at', 'is', null)
      .$if(taskIds !== null, (q) => q.where('tasks.id', 'in', taskIds ?? []))
      .$if(unitIds !== null, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('task_units as tu')
              .leftJoin('collective_members as cm', 'cm.collective_id', 'tu.collective_id')
              .select('tu.id')
              .whereRef('tu.task_id', '=', 'tasks.id')
              .where(sql<number>`coalesce(tu.unit_id, cm.unit_id)`, 'in', unitIds ?? []),
          ),
        ),
      )
      .orderBy('tasks.seq')
      .execute(),
    db
      .selectFrom('task_units')
      .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
      .select(
        sql<ListingColumns | null>`case when count(*) > 0 then json_build_array(
          json_agg(task_units.task_id), json_agg(task_units.role), json_agg(task_units.position),
          json_agg(task_units.unit_id), json_agg(task_units.collective_id)
        ) end`.as('columns'),
      )
      .where('tasks.workspace_id', '=', workspaceId)
      .where('tasks.year', '=', year)
      .where('tasks.retired_at', 'is', null)
      .$if(taskIds !== null, (q) => q.where('tasks.id', 'in', taskIds ?? []))
      // Only the listings that can reach the units asked for (expandListings keeps no other): named, or through a collective they belong to.
      .$if(unitIds !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb('task_units.unit_id', 'in', unitIds ?? []),
            eb(
              'task_units.collective_id',
              'in',
              eb
                .selectFrom('collective_members')
                .select('collective_members.collective_id')
                .where('collective_members.workspace_id', '=', workspaceId)
                .where('collective_members.unit_id', 'in', unitIds ?? []),
            ),
          ]),
        ),
      )
      .executeTakeFirstOrThrow(),
    // The active units and collective members, of the units asked for only when some are: a reminder for one
    // unit of a 2,000-unit county read every unit's id and every membership before.
    db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('units')
          .select(sql<number[]>`coalesce(json_agg(id), '[]'::json)`.as('ids'))
          .where('workspace_id', '=', workspaceId)
          .where('active', '=', true)
          .$if(unitIds !== null, (q) => q.where('id', 'in', unitIds ?? []))
          .as('activeUnitIds'),
        eb
          .selectFrom('collective_members')
          .innerJoin('units', 'units.id', 'collective_members.unit_id')
          .select(
            sql<[number[], number[]] | null>`case when count(*) > 0 then json_build_array(
              json_agg(collective_members.collective_id), json_agg(collective_members.unit_id)
            ) end`.as('pairs'),
          )
          .where('collective_members.workspace_id', '=', workspaceId)
          .where('units.active', '=', true)
          .$if(unitIds !== null, (q) => q.where('collective_members.unit_id', 'in', unitIds ?? []))
          .as('members'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const listings = expandListings(listingRows.columns, [memberRows.activeUnitIds ?? [], memberRows.members?.[0] ?? [], memberRows.members?.[1] ?? []], unitIds);
  const rows = unitIds === null ? taskRows : taskRows.filter((row) => listings.has(row.id));
  return rows.map((row) => ({
    id: row.id,
    seq: row.seq,
    no: row.no,
    label: row.label,
    title: row.title,
    sectionId: row.section_id,
    sectionNo: row.section_no,
    sectionTitle: row.section_title,
    deadlinePhrase: row.deadline_phrase,
    state: row.state,
    closedOn: row.state === 'closed' ? row.closed_on : null,
    inForceFrom: row.in_force_from,
    dueDate: row.due_date,
    extendedDueDate: row.extended_due_date,
    listings: listings.get(row.id) ?? [],
    led: row.led,
  }));
}

async function loadReports(
  db: DbOrTx,
  workspaceId: number,
  options: { periodIds: readonly number[]; taskIds?: readonly number[]; unitIds?: readonly number[]; withText?: boolean; textLimit?: number },
): Promise<ReportState[]> {
  if (options.periodIds.length === 0 || options.taskIds?.length === 0 || options.unitIds?.length === 0) return [];
  // With one period asked for, every report is in it: its id need not travel.
  const onePeriod = options.periodIds.length === 1 ? (options.periodIds[0] as number) : null;
  const stride = onePeriod === null ? 24 : 20;
  const text = options.textLimit ? sql`left(body, ${sql.lit(Math.floor(options.textLimit))})` : sql`body`;
  const row = await db
    .selectFrom('progress_reports')
    .select([
      sql<string>`count(*)`.as('count'),
      sql<
        string | null
      >`encode(string_agg(int4send(task_id) || int4send(unit_id) || ${onePeriod === null ? sql`int4send(period_id) || ` : sql``}int4send(${reportCodes})
        || timestamptz_send(last_submitted_at), ''::bytea), 'base64')`.as('records'),
      sql<(string | null)[] | null>`json_agg(sent_back_reason) filter (where sent_back_at is not null)`.as('sentBackReasons'),
      options.withText ? sql<(string | null)[] | null>`json_agg(${text})`.as('texts') : sql<null>`null`.as('texts'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('period_id', 'in', [...options.periodIds])
    .$if(options.taskIds !== undefined, (q) => q.where('task_id', 'in', [...(options.taskIds ?? [])]))
    .$if(options.unitIds !== undefined, (q) => q.where('unit_id', 'in', [...(options.unitIds ?? [])]))
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  if (count === 0 || !row.records) return [];
  const { sentBackReasons, texts } = row;
  const records = Buffer.from(row.records, 'base64');
  if (records.byteLength !== count * stride) throw new Error(`Report records: ${records.byteLength} bytes for ${count} reports`);
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
  const reports = new Array<ReportState>(count);
  let sentBackSeen = 0;
  for (let i = 0, at = 0; i < count; i += 1, at += stride) {
    const code = view.getInt32(at + stride - 12);
    const percent = (code >> 14) & 0x7f;
    const sentBack = (code & (1 << 23)) !== 0;
    // Microseconds since 2000-01-01 as a signed 64-bit integer: exact in a double for any date people use; Date keeps milliseconds.
    const micros = view.getInt32(at + stride - 8) * 2 ** 32 + view.getUint32(at + stride - 4);
    reports[i] = {
      taskId: view.getInt32(at),
      unitId: view.getInt32(at + 4),
      periodId: onePeriod ?? view.getInt32(at + 8),
      status: statusByCode[code & 0x7f] as ProgressStatus,
      percent: percent === 0 ? null : percent - 1,
      late: (code & (1 << 21)) !== 0,
      perfunctory: (code & (1 << 22)) !== 0,
      rating: ratingByCode[(code >> 7) & 0x7f] ?? null,
      submittedAt: new Date(postgresEpochMs + Math.floor(micros / 1000)),
      sentBack,
      sentBackReason: sentBack ? (sentBackReasons?.[sentBackSeen++] ?? null) : null,
      text: texts?.[i] ?? null,
    };
  }
  return reports;
}

async function loadReportTexts(db: DbOrTx, workspaceId: number, periodId: number, reports: readonly { taskId: number; unitId: number }[], textLimit: number) {
  const texts = new Map<string, string>();
  if (reports.length === 0) return texts;
  const rows = await db
    .selectFrom('progress_reports')
    .select(['task_id', 'unit_id', sql<string>`left(body, ${sql.lit(Math.floor(textLimit))})`.as('text')])
    .where('workspace_id', '=', workspaceId)
    .where('period_id', '=', periodId)
    .where(sql<boolean>`(task_id, unit_id) in (select * from unnest(${reports.map((r) => r.taskId)}::int[], ${reports.map((r) => r.unitId)}::int[]))`)
    .execute();
  for (const row of rows) texts.set(`${row.task_id}:${row.unit_id}`, row.text);
  return texts;
}

async function listActiveUnits(db: DbOrTx, workspaceId: number, options: { taskIds?: readonly number[] } = {}) {
  const taskIds = options.taskIds ? [...options.taskIds] : null;
  if (taskIds?.length === 0) return [];
  return (
    db
      .selectFrom('units')
      .select(['id', 'name', 'category'])
      .where('workspace_id', '=', workspaceId)
      .where('active', '=', true)
      // Named on the tasks, or a member of a collective named on them: one task's units, not the whole directory.
      .$if(taskIds !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb(
              'id',
              'in',
              eb
                .selectFrom('task_units')
                .select('task_units.unit_id')
                .where('task_units.task_id', 'in', taskIds ?? []),
            ),
            eb(
              'id',
              'in',
              eb
                .selectFrom('task_units')
                .innerJoin('collective_members', 'collective_members.collective_id', 'task_units.collective_id')
                .select('collective_members.unit_id')
                .where('task_units.task_id', 'in', taskIds ?? []),
            ),
          ]),
        ),
      )
      .orderBy('id')
      .execute()
  );
}

async function listTaskUnitNames(db: DbOrTx, taskIds: readonly number[]): Promise<Map<number, TaskUnitName[]>> {
  const byTask = new Map<number, TaskUnitName[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .selectFrom('task_units')
    .leftJoin('units', 'units.id', 'task_units.unit_id')
    .leftJoin('collective_names', 'collective_names.id', 'task_units.collective_id')
    .select([
      'task_units.task_id',
      'task_units.role',
      'task_units.unit_id',
      'task_units.collective_id',
      'units.name as unit_name',
      'collective_names.name as collective_name',
      'task_units.name_as_written',
    ])
    .where('task_units.task_id', 'in', [...taskIds])
    .orderBy('task_units.task_id')
    .orderBy('task_units.position')
    .execute();
  for (const r of rows) {
    const list = byTask.get(r.task_id) ?? [];
    list.push({ name: r.unit_name ?? r.collective_name ?? r.name_as_written, role: r.role, unitId: r.unit_id, collectiveId: r.collective_id });
    byTask.set(r.task_id, list);
  }
  return byTask;
}

export const cycleRepository: RepositoryOf<CycleStore> = { listNoticeYears, loadTasks, loadReports, loadReportTexts, listActiveUnits, listTaskUnitNames };
