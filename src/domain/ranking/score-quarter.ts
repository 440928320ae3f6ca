import { defaultTimeZone, toLocalDate } from '../calendar/zoned-time.js';
import type { LocalDate } from '../calendar/local-date.js';
import { assignmentsOf } from '../cycle/task-role.js';
import { progressStatusLabels } from '../progress/progress-status.js';
import { formatPoints, fromHundredths, roundToHundredths } from './score-points.js';
import type { ScoreItem, ScoreItemKind, ScoreStats, ScoringBonus, ScoringReport, ScoringTask, ScoringUnit, TaskRole, UnitScore } from './scoring-input.js';
import { reportRatingLabels, type ScoringRules } from './scoring-rules.schema.js';

export interface ScoreQuarterInput {
  readonly rules: ScoringRules;
  readonly units: readonly ScoringUnit[];
  readonly tasks: readonly ScoringTask[];
  readonly reports: readonly ScoringReport[];
  readonly bonuses: readonly ScoringBonus[];
  /** The quarter's due date: the deadline for done-on-time when a task has none of its own. */
  readonly periodDueDate: LocalDate;
  /** For reading a report's local submission date; Asia/Shanghai by default. */
  readonly timeZone?: string;
}

interface Assignment {
  readonly task: ScoringTask;
  readonly role: TaskRole;
}

function item(kind: ScoreItemKind, taskId: number | null, hundredths: number, reason: string): ScoreItem {
  const exact = hundredths === 0 ? 0 : hundredths; // no -0 in the output
  return { kind, taskId, points: fromHundredths(exact), hundredths: exact, reason };
}

function roleNote(role: TaskRole, weight: number): string {
  const name = role === 'lead' ? '牵头' : '配合';
  return weight === 1 ? `${name}任务` : `${name}任务×${formatPoints(weight)}`;
}

/** Reports by task, then unit: numbers, not a string key built for every pair. */
type ReportIndex = Map<number, Map<number, ScoringReport>>;

/** One report per task and unit: the latest submitted wins if the caller passed several. */
function indexReports(reports: readonly ScoringReport[]): ReportIndex {
  const byTask: ReportIndex = new Map();
  for (const report of reports) {
    let byUnit = byTask.get(report.taskId);
    if (!byUnit) {
      byUnit = new Map();
      byTask.set(report.taskId, byUnit);
    }
    const held = byUnit.get(report.unitId);
    if (!held || report.submittedAt.getTime() > held.submittedAt.getTime()) byUnit.set(report.unitId, report);
  }
  return byTask;
}

/**
 * True when a task's units are already as assignmentsOf would give them: each unit once, leads first. Tasks
 * coming from the cycle's due reports always are, and then the 20,000 listings of a large quarter need not
 * be decided again.
 */
function isSettled(units: ScoringTask['units'], seen: Set<number>): boolean {
  seen.clear();
  let supportSeen = false;
  for (const { unitId, role } of units) {
    if (seen.has(unitId) || (role === 'lead' && supportSeen)) return false;
    seen.add(unitId);
    if (role !== 'lead') supportSeen = true;
  }
  return true;
}

/** Each unit's tasks in task order, once each, in the role assignmentsOf decides. */
function indexAssignments(tasks: readonly ScoringTask[]): Map<number, Assignment[]> {
  const byUnit = new Map<number, Assignment[]>();
  const seen = new Set<number>();
  for (const task of tasks) {
    const listings = isSettled(task.units, seen)
      ? task.units
      : assignmentsOf(task.units.map(({ unitId, role }, position) => ({ unitId, role, direct: true, position })));
    for (const { unitId, role } of listings) {
      const assignments = byUnit.get(unitId);
      if (assignments) assignments.push({ task, role });
      else byUnit.set(unitId, [{ task, role }]);
    }
  }
  return byUnit;
}

interface TaskScoring {
  readonly reported: boolean;
  readonly done: boolean;
  readonly doneOnTime: boolean;
}

/** Points weighted by the task role's weight (and a fraction of them, for progress), in hundredths. */
function weighted(points: number, weight: number, fraction = 1): number {
  return roundToHundredths(points * weight * fraction);
}

/** Scores one task of a unit, adding its items to `items`. */
function scoreAssignment(
  rules: ScoringRules,
  { task, role }: Assignment,
  report: ScoringReport | undefined,
  periodDueDate: LocalDate,
  timeZone: string,
  items: ScoreItem[],
): TaskScoring {
  const weight = rules.roleWeights[role];
  const note = roleNote(role, weight);
  if (!report) {
    const reason = `${task.label}：未报送进展（${note}）`;
    items.push(item('missing', task.id, -weighted(rules.deductions.missingReport, weight), reason));
    return { reported: false, done: false, doneOnTime: false };
  }

  if (report.late) {
    items.push(item('late', task.id, -weighted(rules.deductions.lateReport, weight), `${task.label}：逾期报送（${note}）`));
  }
  if (report.perfunctory) {
    items.push(item('perfunctory', task.id, -weighted(rules.deductions.perfunctoryReport, weight), `${task.label}：报送内容被认定为敷衍应付（${note}）`));
  }

  const deadline = task.dueDate ?? periodDueDate;
  const done = report.status === 'done';
  const doneOnTime = done && toLocalDate(report.submittedAt, timeZone) <= deadline;
  if (doneOnTime) {
    items.push(item('done_on_time', task.id, weighted(rules.credits.doneOnTime, weight), `${task.label}：在完成时限（${deadline}）内完成（${note}）`));
  } else {
    const progress = describeProgress(rules, report, deadline);
    const hundredths = weighted(rules.credits.progress, weight, progress.fraction);
    if (hundredths !== 0) items.push(item('progress', task.id, hundredths, `${task.label}：${progress.reason}（${note}）`));
  }

  if (report.rating) {
    const hundredths = weighted(rules.ratingPoints[report.rating], weight);
    items.push(item('rating', task.id, hundredths, `${task.label}：督办人评价为“${reportRatingLabels[report.rating]}”（${note}）`));
  }
  return { reported: true, done, doneOnTime };
}

function describeProgress(rules: ScoringRules, report: ScoringReport, deadline: LocalDate): { fraction: number; reason: string } {
  if (report.status === 'done') return { fraction: 1, reason: `已完成，但晚于完成时限（${deadline}），按进展满分计` };
  if (report.status === 'not_started') return { fraction: 0, reason: '未启动' };
  const label = progressStatusLabels[report.status];
  if (report.percent !== null) return { fraction: report.percent / 100, reason: `${label}，完成${report.percent}%` };
  if (report.status === 'in_progress') {
    return { fraction: rules.credits.progressWithoutPercent, reason: `${label}，未填写完成百分比` };
  }
  return { fraction: 0, reason: label };
}

function scoreBonuses(rules: ScoringRules, bonuses: readonly ScoringBonus[]): ScoreItem[] {
  const capHundredths = roundToHundredths(rules.bonusCap);
  let used = 0;
  return bonuses.map((bonus) => {
    if (!(bonus.points > 0)) throw new RangeError(`Bonus points must be positive: ${bonus.points}`);
    const asked = roundToHundredths(bonus.points);
    const granted = Math.min(asked, capHundredths - used);
    used += granted;
    const capped = granted < asked ? `（已达本季度加分上限${formatPoints(rules.bonusCap)}分，按${formatPoints(fromHundredths(granted))}分计）` : '';
    return item('bonus', null, granted, `加分：${bonus.reason.trim()}${capped}`);
  });
}

/**
 * Every unit's score for one quarter with the items that make it up. Only the substance counts:
 * reports missing, late or perfunctory, work done and progress made, the coordinator's ratings and
 * bonuses. Nothing here can see clicks, time online or how fast a reminder was answered.
 */
export function scoreQuarter(input: ScoreQuarterInput): UnitScore[] {
  const { rules, periodDueDate } = input;
  const timeZone = input.timeZone ?? defaultTimeZone;
  const reports = indexReports(input.reports);
  const assignments = indexAssignments(input.tasks);
  const bonusesByUnit = new Map<number, ScoringBonus[]>();
  for (const bonus of input.bonuses) {
    const held = bonusesByUnit.get(bonus.unitId);
    if (held) held.push(bonus);
    else bonusesByUnit.set(bonus.unitId, [bonus]);
  }

  return input.units.map((unit) => {
    const breakdown: ScoreItem[] = [item('base', null, roundToHundredths(rules.base), '基础分')];
    const stats = { tasks: 0, leadTasks: 0, supportTasks: 0, reported: 0, missing: 0, late: 0, perfunctory: 0, done: 0, doneOnTime: 0 };
    for (const assignment of assignments.get(unit.id) ?? []) {
      const report = reports.get(assignment.task.id)?.get(unit.id);
      const scored = scoreAssignment(rules, assignment, report, periodDueDate, timeZone, breakdown);
      stats.tasks += 1;
      if (assignment.role === 'lead') stats.leadTasks += 1;
      else stats.supportTasks += 1;
      if (scored.reported) stats.reported += 1;
      else stats.missing += 1;
      if (report?.late) stats.late += 1;
      if (report?.perfunctory) stats.perfunctory += 1;
      if (scored.done) stats.done += 1;
      if (scored.doneOnTime) stats.doneOnTime += 1;
    }
    breakdown.push(...scoreBonuses(rules, bonusesByUnit.get(unit.id) ?? []));
    let scoreHundredths = 0;
    for (const entry of breakdown) scoreHundredths += entry.hundredths;
    return { unitId: unit.id, score: fromHundredths(scoreHundredths), scoreHundredths, breakdown, stats: stats satisfies ScoreStats };
  });
}
