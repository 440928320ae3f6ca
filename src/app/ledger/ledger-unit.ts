import { countLights, listDueReports, roleOf, taskDeadline, type LedgerLight, type TaskRole, type TaskState } from '../../domain/cycle/index.js';
import type { UnitCategory } from '../../domain/units/index.js';
import { UserError } from '../../errors.js';
import type { PeriodRecord } from '../../ports.js';
import { canSeeAllUnits } from '../access.js';
import type { AppContext } from '../context.js';
import { requireCycle } from '../cycle/load-cycle.js';
import { rankQuarter, type RankingReport, type UnitResult } from '../ranking/index.js';
import { quarterOf, type Quarter } from '../ranking/scoring-data.js';
import { namesAnyOf } from '../tasks/task-queries.js';
import type { LedgerViewer } from './ledger-viewer.js';
import { loadPeriodLights, type LightCell } from './period-lights.js';

/** How a unit stands on one task in one period of its history. */
export type HistoryMark = 'on_time' | 'late' | 'missing' | 'pending' | 'sent_back' | 'voluntary';

export const historyMarkLabels: Readonly<Record<HistoryMark, string>> = {
  on_time: '按时',
  late: '迟报',
  missing: '未报送',
  pending: '待报送',
  sent_back: '退回待重报',
  voluntary: '主动报送',
};

export interface LedgerUnitPage {
  readonly unit: { readonly id: number; readonly name: string; readonly category: UnitCategory; readonly active: boolean };
  readonly year: number;
  readonly today: string;
  readonly period: PeriodRecord;
  readonly counts: Record<LedgerLight, number>;
  readonly tasks: readonly {
    readonly id: number;
    readonly seq: number;
    readonly label: string;
    readonly title: string;
    readonly role: TaskRole;
    readonly state: TaskState;
    readonly deadline: string | null;
    readonly cell: LightCell | null;
  }[];
  /** The periods that have started, oldest first, each with its marks per task (same order as `tasks`). */
  readonly history: readonly {
    readonly period: PeriodRecord;
    readonly counts: Record<HistoryMark, number>;
    readonly marks: ReadonlyMap<number, HistoryMark>;
  }[];
  /** The quarter's score with the breakdown /ranking shows; null when the viewer may not see rankings. */
  readonly score: { readonly report: RankingReport; readonly result: UnitResult | null } | null;
  /** Why there is no score: a liaison's view, a unit outside the ranked categories, a cadence without quarters. */
  readonly scoreNote: string | null;
}

const noMarks = (): Record<HistoryMark, number> => ({ on_time: 0, late: 0, missing: 0, pending: 0, sent_back: 0, voluntary: 0 });

/** The quarter a period falls in (a quarterly period's own; a month's by its start). */
function quarterFor(period: PeriodRecord): Quarter {
  return quarterOf(period) ?? ((Math.floor((Number(period.startsOn.slice(5, 7)) - 1) / 3) + 1) as Quarter);
}

/**
 * 单位: one unit's tasks with this period's light, its history of reports (on time, late, missing) by
 * the cycle's rules, and — for coordinators and leaders, as /ranking — its score this quarter explained.
 * A liaison may open only their own units.
 */
export async function buildLedgerUnit(ctx: AppContext, viewer: LedgerViewer, input: { unitId: number; now: Date }): Promise<LedgerUnitPage> {
  const { store } = ctx;
  const unit = await store.units.findById(viewer.workspace.id, input.unitId);
  if (!unit) throw new UserError('unknown_unit', '没有这个单位。请从台账总览中点击单位名称进入。');
  if (!canSeeAllUnits(viewer.access) && !viewer.access.units.some((u) => u.id === unit.id)) {
    throw new UserError('forbidden_unit', '联络员只能查看本单位的台账。');
  }
  const cycle = await requireCycle(store, viewer.workspace, input.now);
  const period = cycle.current;
  if (!period) throw new Error(`workspace ${viewer.workspace.id} has no reporting period in ${cycle.year}`);
  const tasks = cycle.tasks.filter((t) => namesAnyOf(t, [unit.id]));
  const started = cycle.periods.filter((p) => p.startsOn <= cycle.today);
  const [lights, reports] = await Promise.all([
    loadPeriodLights(store, cycle, period),
    store.cycle.loadReports(viewer.workspace.id, { periodIds: started.map((p) => p.id), unitIds: [unit.id] }),
  ]);

  const history = started.map((p) => {
    const counts = noMarks();
    const marks = new Map<number, HistoryMark>();
    for (const due of listDueReports({ tasks, period: p, periods: cycle.periods, reports })) {
      if (due.unitId !== unit.id) continue;
      const mark: HistoryMark =
        due.standing === 'reported'
          ? due.voluntary
            ? 'voluntary'
            : due.report?.late
              ? 'late'
              : 'on_time'
          : due.standing === 'sent_back'
            ? 'sent_back'
            : due.dueDate < cycle.today
              ? 'missing'
              : 'pending';
      marks.set(due.task.id, mark);
      counts[mark] += 1;
    }
    return { period: p, counts, marks };
  });

  const rows = tasks.map((t) => ({
    id: t.id,
    seq: t.seq,
    label: t.label,
    title: t.title,
    role: roleOf(t.listings, unit.id) ?? 'support',
    state: t.state,
    deadline: taskDeadline(t),
    cell: lights.byTask.get(t.id)?.find((c) => c.unitId === unit.id) ?? null,
  }));

  let score: LedgerUnitPage['score'] = null;
  let scoreNote: string | null = null;
  if (!canSeeAllUnits(viewer.access)) scoreNote = '考核得分仅限督办人和领导查看。';
  else if (unit.category === 'other') scoreNote = '“其他”类单位不参加部门或镇街的考核排名。';
  else {
    try {
      const report = await rankQuarter(ctx, { workspaceId: viewer.workspace.id, year: cycle.year, quarter: quarterFor(period), category: unit.category });
      score = { report, result: report.units.find((u) => u.unitId === unit.id) ?? null };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      scoreNote = error.message;
    }
  }
  return {
    unit: { id: unit.id, name: unit.name, category: unit.category, active: unit.active },
    year: cycle.year,
    today: cycle.today,
    period,
    counts: countLights(rows.flatMap((r) => (r.cell ? [r.cell.light] : []))),
    tasks: rows,
    history,
    score,
    scoreNote,
  };
}

export interface LedgerUnitList {
  readonly year: number;
  readonly period: PeriodRecord;
  readonly units: readonly {
    readonly id: number;
    readonly name: string;
    readonly category: UnitCategory;
    readonly counts: Record<LedgerLight, number>;
  }[];
}

/** 单位 index: each unit the viewer may open with its lights this period (coordinators and leaders: every active unit; a liaison: their own). */
export async function buildLedgerUnitList(store: AppContext['store'], viewer: LedgerViewer, input: { now: Date }): Promise<LedgerUnitList> {
  const cycle = await requireCycle(store, viewer.workspace, input.now);
  const period = cycle.current;
  if (!period) throw new Error(`workspace ${viewer.workspace.id} has no reporting period in ${cycle.year}`);
  const lights = await loadPeriodLights(store, cycle, period);
  const byUnit = new Map<number, LedgerLight[]>();
  for (const cells of lights.byTask.values()) {
    for (const cell of cells) {
      const list = byUnit.get(cell.unitId);
      if (list) list.push(cell.light);
      else byUnit.set(cell.unitId, [cell.light]);
    }
  }
  const units = canSeeAllUnits(viewer.access)
    ? [...cycle.units.values()]
    : viewer.access.units.filter((u) => cycle.units.has(u.id)).map((u) => ({ id: u.id, name: u.name, category: u.category }));
  const categoryOrder = { department: 0, township: 1, other: 2 } as const;
  return {
    year: cycle.year,
    period,
    units: units
      .map((u) => ({ id: u.id, name: u.name, category: u.category, counts: countLights(byUnit.get(u.id) ?? []) }))
      .sort((a, b) => categoryOrder[a.category] - categoryOrder[b.category] || a.name.localeCompare(b.name, 'zh-CN')),
  };
}
