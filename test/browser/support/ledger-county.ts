import { recordProgress } from '../../../src/app/progress/record-progress.js';
import { extendTask } from '../../../src/app/tasks/task-actions.js';
import type { ProgressStatus } from '../../../src/db/tables/index.js';
import { seedWorkspace, type BotStack } from '../../e2e/support/bot-stack.js';

/**
 * The ledger's county: five units and six tasks, the first quarter of 2026 (due Wednesday 25 March,
 * the first reminder five workdays before, on 18 March). 城关镇 is bound by its channel and the
 * liaison role (the sandbox's 联络员 赵敏); the other units each by a person.
 */
export const ledgerNotice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想,年内开展集中学习4次以上。（城关镇牵头,区司法局配合）
（二）推进基层法治建设,打造法治示范村2个。（区司法局负责）
二、严格规范公正文明执法
（三）推进“互联网+政务服务”,网上办理率达到70%以上。（城关镇负责）
（四）开展行政执法案卷评查,每半年不少于1次。（区政务服务中心牵头,城关镇配合）
三、强化权力制约监督
（五）推行行政执法公示制度,执法信息公开率达到100%。（东风街道负责）
（六）开展食品安全领域专项整治,抽检合格率保持在98%以上。（区市场监管局牵头,东风街道配合）
`;

export type LedgerUnitName = '城关镇' | '区司法局' | '区政务服务中心' | '东风街道' | '区市场监管局';

/** What each unit did about each task it answers for, and the light the rule gives it at `ledgerNow`. */
export const ledgerScenario: readonly {
  seq: number;
  unit: LedgerUnitName;
  did: 'on_time' | 'late' | 'blocked' | 'missing' | 'missing_extended';
  light: 'green' | 'yellow' | 'red';
}[] = [
  { seq: 1, unit: '城关镇', did: 'on_time', light: 'green' },
  { seq: 1, unit: '区司法局', did: 'on_time', light: 'green' },
  { seq: 2, unit: '区司法局', did: 'on_time', light: 'green' },
  // Reported on 27 March, after the due date: in, so green, and marked late.
  { seq: 3, unit: '城关镇', did: 'late', light: 'green' },
  // Reported on time, but 受阻: red whatever the date.
  { seq: 4, unit: '区政务服务中心', did: 'blocked', light: 'red' },
  { seq: 4, unit: '城关镇', did: 'missing', light: 'red' },
  { seq: 5, unit: '东风街道', did: 'missing', light: 'red' },
  // Extended (延期) to 31 March: owed, not yet overdue, and past its first reminder (24 March): yellow.
  { seq: 6, unit: '区市场监管局', did: 'missing_extended', light: 'yellow' },
  { seq: 6, unit: '东风街道', did: 'missing_extended', light: 'yellow' },
];

/** The moment the ledger is looked at: Monday 30 March 2026, 10:00 in Shanghai, in the first quarter, after its due date. */
export const ledgerNow = '2026-03-30T02:00:00Z';

export interface LedgerCounty {
  workspaceId: number;
  periodId: number;
  units: Record<LedgerUnitName, number>;
  /** Task id by its number. */
  tasks: Map<number, number>;
  /** The user bound to each unit other than 城关镇 (which the sandbox's liaison speaks for, by role). */
  liaisons: Record<Exclude<LedgerUnitName, '城关镇'>, string>;
}

const reportText: Record<ProgressStatus, string> = {
  done: '已按计划完成,相关材料已归档。',
  in_progress: '按计划推进,已召开专题推进会。',
  blocked: '因系统对接未完成,工作暂时受阻,已报请协调。',
  not_started: '尚未启动。',
};

/**
 * Builds the county as people would, through the app's own use-cases on the bot stack: the notice
 * imported on 10 March, the liaisons bound, the reports sent at their times (on time on 20 March, late
 * on 27 March), and task (六) extended on 30 March. Leaves the clock at `ledgerNow`.
 */
export async function seedLedgerCounty(s: BotStack): Promise<LedgerCounty> {
  s.clock.set('2026-03-10T02:00:00Z');
  const person = (username: string, globalName: string) => {
    const user = s.lc.createUser({ username, globalName });
    s.lc.addMember(s.world.guild.id, user.id);
    return user.id;
  };
  const liaisons = {
    区司法局: person('justice-liaison', '司法局 孙丽'),
    区政务服务中心: person('service-liaison', '政务服务中心 周洋'),
    东风街道: person('dongfeng-liaison', '东风街道 吴刚'),
    区市场监管局: person('market-liaison', '市场监管局 郑红'),
  };
  const { workspaceId, unitIds } = await seedWorkspace(s, {
    notice: ledgerNotice,
    bindings: [
      ['城关镇', 'channel', s.world.channels.unit.id],
      ['城关镇', 'role', s.world.roles.liaisons.id],
      ['区司法局', 'user', liaisons.区司法局],
      ['区政务服务中心', 'user', liaisons.区政务服务中心],
      ['东风街道', 'user', liaisons.东风街道],
      ['区市场监管局', 'user', liaisons.区市场监管局],
    ],
  });
  const [chengguan = 0, , justice = 0, service = 0, dongfeng = 0, market = 0] = unitIds;
  const units: Record<LedgerUnitName, number> = { 城关镇: chengguan, 区司法局: justice, 区政务服务中心: service, 东风街道: dongfeng, 区市场监管局: market };
  const tasks = new Map(
    (await s.storage.db.selectFrom('tasks').select(['id', 'seq']).where('workspace_id', '=', workspaceId).where('retired_at', 'is', null).execute()).map(
      (t) => [t.seq, t.id] as const,
    ),
  );
  const { id: periodId } = await s.storage.db
    .selectFrom('reporting_periods')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', '2026-Q1')
    .executeTakeFirstOrThrow();

  const report = (seq: number, unit: LedgerUnitName, status: ProgressStatus) =>
    recordProgress(s.app, {
      workspaceId,
      unitId: units[unit],
      taskId: tasks.get(seq) ?? 0,
      periodId,
      actorId: unit === '城关镇' ? s.userId('liaison') : liaisons[unit],
      source: 'command',
      submission: { status, text: reportText[status], ...(status === 'in_progress' ? { percent: 60 } : {}) },
    });
  s.clock.set('2026-03-20T02:00:00Z');
  await report(1, '城关镇', 'done');
  await report(1, '区司法局', 'in_progress');
  await report(2, '区司法局', 'in_progress');
  await report(4, '区政务服务中心', 'blocked');
  s.clock.set('2026-03-27T02:00:00Z');
  await report(3, '城关镇', 'in_progress');
  s.clock.set(ledgerNow);
  await extendTask(s.app, {
    workspaceId,
    actorId: s.userId('coordinator'),
    seq: 6,
    newDueDate: '2026-03-31',
    reason: '专项整治抽检结果待出',
    timeZone: 'Asia/Shanghai',
  });
  return { workspaceId, periodId, units, tasks, liaisons };
}

export type Light = 'green' | 'yellow' | 'red';

/** One unit's cell on one task: what the ledger should colour it, read from the database. */
export interface ExpectedCell {
  seq: number;
  unit: string;
  light: Light;
  /** The report's status as stored, or null when none came. */
  status: ProgressStatus | null;
  late: boolean;
}

/**
 * The ledger's cells for the first quarter worked out from the rows in the database, without the
 * ledger's code: every unit named on a live task owes a report, due on the period's due date or the
 * task's extension; one that came is green (red if it says 受阻), one that did not is red once its due
 * date has passed and yellow before it. (Yellow assumes the first reminder's date has come, which holds
 * for both due dates here: 18 and 24 March against 30 March.)
 */
export async function expectedCells(s: BotStack, county: LedgerCounty, today: string): Promise<ExpectedCell[]> {
  const { db } = s.storage;
  const { due_date: periodDue } = await db.selectFrom('reporting_periods').select('due_date').where('id', '=', county.periodId).executeTakeFirstOrThrow();
  const owed = await db
    .selectFrom('task_units')
    .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .leftJoin('progress_reports', (join) =>
      join
        .onRef('progress_reports.task_id', '=', 'task_units.task_id')
        .onRef('progress_reports.unit_id', '=', 'task_units.unit_id')
        .on('progress_reports.period_id', '=', county.periodId),
    )
    .select(['tasks.seq', 'units.name', 'tasks.extended_due_date', 'progress_reports.status', 'progress_reports.late'])
    .where('tasks.workspace_id', '=', county.workspaceId)
    .where('tasks.retired_at', 'is', null)
    .orderBy('tasks.seq')
    .orderBy('task_units.position')
    .execute();
  return owed.map((row) => {
    const due = row.extended_due_date ?? periodDue;
    const light: Light = row.status ? (row.status === 'blocked' ? 'red' : 'green') : due < today ? 'red' : 'yellow';
    return { seq: row.seq, unit: row.name, light, status: row.status ?? null, late: row.late ?? false };
  });
}

export function countCells(cells: readonly Pick<ExpectedCell, 'light'>[]): Record<Light, number> {
  const counts: Record<Light, number> = { green: 0, yellow: 0, red: 0 };
  for (const cell of cells) counts[cell.light] += 1;
  return counts;
}
